// The Kern's prose (kern_prose.h). Each sentence compares figures as they are
// written (rounded once, whole), so no sentence contradicts what it quotes.
#include "report/kern_prose.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "common/number_format.h"
#include "report/realisation_format.h"
#include "report/report_figures.h"

namespace banenmonitor::report {

namespace {

constexpr const char* kNbsp = "\u00a0";

long long RoundHalfAway(double v) { return static_cast<long long>(v < 0 ? -std::floor(-v + 0.5) : std::floor(v + 0.5)); }

const ReportCell* At(const std::map<int, ReportCell>& m, int year) {
  auto it = m.find(year);
  return it == m.end() ? nullptr : &it->second;
}
bool Delivered(const KernScope& s, int year) {
  const ReportCell* c = At(s.jobs, year);
  return c != nullptr && c->is_number && (c->value.has_value() || c->secret);
}
std::optional<long long> Written(const std::map<int, ReportCell>& m, int year) {
  const ReportCell* c = At(m, year);
  return c == nullptr ? std::nullopt : WrittenValue(*c);
}

// Why a figure is not given, as a reader accepts it.
std::string Protected(long long min_persons) {
  return fmt::format("om personen te beschermen: het gaat om minder dan {} personen of is uit zo'n cijfer af te leiden",
                     min_persons);
}

std::string Difference(long long now, long long last, int last_year) {
  if (now == last) return fmt::format("evenveel als eind {}", last_year);
  return fmt::format("{} {} dan eind {}", DutchInt(std::llabs(now - last)), now > last ? "meer" : "minder", last_year);
}

// The written value, but a positive figure that rounds to 0 keeps its value ("minder dan 1").
double Exactly(const ReportCell& c, long long written) {
  return written == 0 && c.value && *c.value > 0 ? *c.value : static_cast<double>(written);
}

// "gestegen van 75 % in 2022 naar 80 % eind 2023".
std::string PctMove(long long before, long long now, int year) {
  if (now == before) return fmt::format("gelijk gebleven op {} (eind {} en eind {})", PercentText(now), year - 1, year);
  return fmt::format("{} van {} in {} naar {} eind {}", now > before ? "gestegen" : "gedaald", PercentText(before), year - 1,
                     PercentText(now), year);
}

std::string RijkParagraph(const KernFacts& f, const KernScope& rijk) {
  const int Y = f.year;
  std::vector<std::string> s;
  const ReportCell* jobs = At(rijk.jobs, Y);
  auto now = Written(rijk.jobs, Y), last = Written(rijk.jobs, Y - 1);
  if (jobs != nullptr && jobs->secret) {
    s.push_back(fmt::format("Het aantal banen bij het Rijk eind {} wordt niet genoemd, {}.", Y, Protected(f.min_persons)));
  } else if (now) {
    std::string t = fmt::format("Het Rijk heeft eind {} {} voor mensen uit het doelgroepregister", Y, JobsText(Exactly(*jobs, *now)));
    if (last) t += ", " + Difference(*now, *last, Y - 1);
    s.push_back(t + ".");
  } else {
    s.push_back(fmt::format("Over het Rijk zijn er eind {} geen gegevens.", Y));
  }
  auto pct = Written(rijk.pct, Y), pct_last = Written(rijk.pct, Y - 1);
  const ReportCell* pct_cell = At(rijk.pct, Y);
  if (pct && pct_last) {
    s.push_back("Het realisatiepercentage is " + PctMove(*pct_last, *pct, Y) + ".");
  } else if (pct) {
    s.push_back(fmt::format("Het realisatiepercentage is eind {} {}.", Y, PercentText(*pct)));
  } else if (pct_cell != nullptr && pct_cell->secret && !(jobs != nullptr && jobs->secret)) {
    s.push_back(fmt::format("Het realisatiepercentage wordt niet genoemd, {}.", Protected(f.min_persons)));
  }
  auto target = Written(rijk.target, Y);
  if (pct && target) {
    s.push_back(fmt::format("De opgave van {} is daarmee {}.", JobsText(static_cast<double>(*target)),
                            *pct >= 100 ? "gehaald" : "nog niet gehaald"));
  }
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "" : " ") + x;
  return out;
}

// The public sectors together against the years before.
std::string Direction(const KernFacts& f) {
  const int Y = f.year;
  auto now = Written(f.government.jobs, Y);
  const ReportCell* cell = At(f.government.jobs, Y);
  if (cell != nullptr && cell->secret) {
    return fmt::format("Het aantal banen bij de publieke sectoren samen eind {} wordt niet genoemd, {}.", Y, Protected(f.min_persons));
  }
  if (!now) return fmt::format("Over de publieke sectoren zijn er eind {} geen gegevens.", Y);
  std::string t = fmt::format("De publieke sectoren hebben eind {} samen {} voor mensen uit het doelgroepregister", Y,
                              JobsText(Exactly(*cell, *now)));
  auto last = Written(f.government.jobs, Y - 1);
  if (!last) return t + ".";
  int earlier = 0;
  bool above_all = true;
  for (const auto& [year, c] : f.government.jobs) {
    if (year >= Y) continue;
    auto v = WrittenValue(c);
    if (!v) continue;
    ++earlier;
    above_all = above_all && *now > *v;
  }
  if (earlier >= 2 && above_all) return t + ": meer banen dan voorgaande jaren, " + Difference(*now, *last, Y - 1) + ".";
  return t + ", " + Difference(*now, *last, Y - 1) + ".";
}

// Whether every sector delivered: a sector with a target, or with jobs in one of the two years, is expected.
std::string Coverage(const KernFacts& f) {
  const int Y = f.year;
  std::vector<std::string> missing;
  bool all_last = true;
  for (const auto& s : f.sectors) {
    const bool expected = Written(s.target, Y).has_value() || Delivered(s, Y) || Delivered(s, Y - 1);
    if (!expected) continue;
    if (!Delivered(s, Y)) missing.push_back(detail::InSentence(ScopeLabel(s.scope)));
    if (!Delivered(s, Y - 1)) all_last = false;
  }
  if (!missing.empty()) {
    return fmt::format("Over {} ontbreken de gegevens van {}.", Y, detail::Join(missing));
  }
  const bool last_covered = f.government.jobs.contains(Y - 1);
  return all_last || !last_covered ? "Van alle sectoren zijn er gegevens." : "Er zijn voor het eerst gegevens van alle sectoren.";
}

std::string FarFromTarget(const KernFacts& f) {
  const int Y = f.year;
  std::vector<std::pair<long long, std::string>> above, below;
  int hidden = 0;
  for (const auto& s : f.sectors) {
    const ReportCell* c = At(s.pct, Y);
    if (c == nullptr) continue;
    if (c->secret) {
      ++hidden;
      continue;
    }
    auto v = WrittenValue(*c);
    if (!v) continue;
    std::string name = fmt::format("{} ({})", detail::InSentence(ScopeLabel(s.scope)), PercentText(*v));
    if (*v >= kFarAbovePct) above.emplace_back(*v, name);
    if (*v < kFarBelowPct) below.emplace_back(*v, name);
  }
  std::stable_sort(above.begin(), above.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::stable_sort(below.begin(), below.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  auto names = [](const auto& v) {
    std::vector<std::string> n;
    for (const auto& [pct, name] : v) n.push_back(name);
    return detail::Join(n);
  };
  std::string out;
  if (!above.empty() && !below.empty()) {
    out = fmt::format("Ver boven de opgave: {}; ver onder de opgave: {}.", names(above), names(below));
  } else if (!above.empty()) {
    out = fmt::format("Ver boven de opgave: {}; geen sector zit ver onder de opgave.", names(above));
  } else if (!below.empty()) {
    out = fmt::format("Geen sector zit ver boven de opgave; ver onder de opgave: {}.", names(below));
  } else {
    out = fmt::format("Geen sector zit ver boven ({}{}% of meer) of ver onder (minder dan {}{}%) de opgave.", kFarAbovePct, kNbsp,
                      kFarBelowPct, kNbsp);
  }
  if (hidden > 0) {
    out += fmt::format(" Van {} wordt het percentage niet genoemd, {}.",
                       hidden == 1 ? std::string("één sector") : std::to_string(hidden) + " sectoren", Protected(f.min_persons));
  }
  return out;
}

// BZK's figure under the law in force: the government's realisation against last year.
std::string LawFigure(const KernFacts& f) {
  const int Y = f.year;
  auto now = Written(f.government.pct, Y), last = Written(f.government.pct, Y - 1);
  if (!now || !last) return "";
  const long long pp = *now - *last;
  std::string change = pp == 0 ? "evenveel als een jaar eerder"
                               : fmt::format("{} procentpunt {} dan een jaar eerder", std::llabs(pp), pp > 0 ? "meer" : "minder");
  return fmt::format("Volgens de telling van de wet die in {} geldt ({}) haalt de overheid als geheel {} van haar opgave aan "
                     "extra banen, {} ({}).",
                     Y, f.law, PercentText(*now), change, PercentText(*last));
}

}  // namespace

std::string WholeNumberText(double value) {
  const long long v = RoundHalfAway(value);
  if (v == 0 && value > 0) return "minder dan 1";
  return DutchInt(v);
}

std::string JobsText(double value) {
  const std::string n = WholeNumberText(value);
  return n + (n == "1" || n == "minder dan 1" ? " baan" : " banen");
}

std::string JobsOf(const ReportCell& c) {
  auto v = WrittenValue(c);
  return v ? JobsText(Exactly(c, *v)) : FigureText(c);
}

std::string PercentText(double pct) { return DutchInt(RoundHalfAway(pct)) + kNbsp + "%"; }

std::optional<long long> WrittenValue(const ReportCell& c) {
  if (!c.is_number || c.secret || !c.value) return std::nullopt;
  if (c.nil) return 0;
  // One rounding: from the exact figure when known, else from the value.
  if (c.exact) {
    const std::string fixed = FixedRatio(c.exact->num, c.exact->den, 0);
    return std::stoll(fixed);
  }
  return RoundHalfAway(*c.value);
}

std::string FigureText(const ReportCell& c) {
  if (c.secret) return "niet gepubliceerd";
  auto v = WrittenValue(c);
  if (!v) return "onbekend";
  return c.percent ? PercentText(static_cast<double>(*v)) : WholeNumberText(Exactly(c, *v));
}

std::vector<std::string> KernParagraphs(const KernFacts& f) {
  std::vector<std::string> out;
  for (const auto& s : f.sectors) {
    if (s.scope == "subsector:rijk") out.push_back(RijkParagraph(f, s));
  }
  std::string p = Direction(f) + " " + Coverage(f) + " " + FarFromTarget(f);
  if (std::string law = LawFigure(f); !law.empty()) p += " " + law;
  out.push_back(p);
  return out;
}

}  // namespace banenmonitor::report
