#include "report/projection_format.h"

#include <fmt/format.h>

#include <cmath>

#include "common/number_format.h"
#include "report/realisation_format.h"
#include "report/text_table.h"
#include "report/provenance_format.h"

namespace banenmonitor::report {

namespace {

std::string F2(const std::optional<double>& v) { return Fixed(v, 2); }
std::string D2(double v) { return Dutch(v, 2); }
std::string D2(const std::optional<double>& v) { return v ? Dutch(*v, 2) : std::string(); }
std::string Signed(double v) {
  std::string s = Dutch(v, 2);
  return s.front() == '-' || s.find_first_not_of("0,.") == std::string::npos ? s : "+" + s;
}
std::string Year(const std::optional<int>& y) { return y ? std::to_string(*y) : std::string(); }
// A year-like number without thousands separators, decimal comma: "2022,50".
std::string PlainDutch(double v, int decimals) {
  std::string s = Fixed(v, decimals);
  for (char& c : s) {
    if (c == '.') c = ',';
  }
  return s;
}

std::string Years(const std::vector<int>& years) {
  if (years.empty()) return "";
  if (years.size() == 1) return std::to_string(years.front());
  return fmt::format("{}–{}", years.front(), years.back());
}

nlohmann::ordered_json Number(const std::optional<double>& v, int decimals = 2) {
  if (!v) return nullptr;
  return std::stod(Fixed(*v, decimals));
}

std::string NotBy(const ProjectionTable& t) { return fmt::format("niet t/m {}", t.to_year); }

std::string BandText(const ProjectionTable& t, const TargetReach& r) {
  if (r.status != ReachStatus::kReachedProjected && r.status != ReachStatus::kNotByHorizon) return "";
  if (!r.year_early) return NotBy(t);
  return std::to_string(*r.year_early) + " – " + (r.year_late ? std::to_string(*r.year_late) : NotBy(t));
}

}  // namespace

std::string ReachText(const ProjectionTable& table, const TargetReach& reach) {
  switch (reach.status) {
    case ReachStatus::kReachedMeasured: return fmt::format("al in {} (gemeten)", *reach.year);
    case ReachStatus::kReachedProjected: return std::to_string(*reach.year);
    case ReachStatus::kNotByHorizon: return NotBy(table);
    case ReachStatus::kNoTarget: return "geen opgave";
  }
  return "";
}

std::string ProjectionCsv(const ProjectionTable& table) {
  std::string out =
      "scope,year,kind,realised_extra_jobs,in_fit,trend_extra_jobs,lower_80,upper_80,lower_95,upper_95,"
      "target_extra_jobs,target_carried,reach_status,reached_year,reached_year_80_early,reached_year_80_late\n";
  for (const auto& s : table.rows) {
    for (const auto& p : s.path) {
      out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", s.scope, p.year,
                         p.measured ? "measured" : "projected", F2(p.realised_extra_jobs),
                         p.measured ? (p.in_fit ? "yes" : "no") : "", F2(p.trend),
                         p.narrow ? Fixed(p.narrow->lower, 2) : "", p.narrow ? Fixed(p.narrow->upper, 2) : "",
                         p.wide ? Fixed(p.wide->lower, 2) : "", p.wide ? Fixed(p.wide->upper, 2) : "",
                         F2(p.target_extra_jobs), p.target_extra_jobs ? (p.target_carried ? "yes" : "no") : "",
                         ReachStatusName(s.reach.status), Year(s.reach.year), Year(s.reach.year_early),
                         Year(s.reach.year_late));
    }
  }
  return out;
}

nlohmann::ordered_json ProjectionJson(const ProjectionTable& table, const Provenance& provenance) {
  using nlohmann::ordered_json;
  ordered_json rows = ordered_json::array();
  for (const auto& s : table.rows) {
    ordered_json path = ordered_json::array();
    for (const auto& p : s.path) {
      ordered_json j;
      j["year"] = p.year;
      j["kind"] = p.measured ? "measured" : "projected";
      j["realised_extra_jobs"] = Number(p.realised_extra_jobs);
      j["in_fit"] = p.in_fit;
      j["trend_extra_jobs"] = Number(p.trend);
      j["lower_80"] = Number(p.narrow ? std::optional(p.narrow->lower) : std::nullopt);
      j["upper_80"] = Number(p.narrow ? std::optional(p.narrow->upper) : std::nullopt);
      j["lower_95"] = Number(p.wide ? std::optional(p.wide->lower) : std::nullopt);
      j["upper_95"] = Number(p.wide ? std::optional(p.wide->upper) : std::nullopt);
      j["target_extra_jobs"] = Number(p.target_extra_jobs);
      j["target_carried"] = p.target_carried;
      j["baseline_carried"] = p.baseline_carried;
      path.push_back(std::move(j));
    }
    ordered_json row;
    row["scope"] = s.scope;
    row["baseline_jobs"] = Number(s.baseline_jobs);
    row["fit"] = {{"points", s.fit.n},
                  {"mean_year", s.fit.x_mean},
                  {"mean_extra_jobs", Number(s.fit.y_mean, 4)},
                  {"slope_per_year", Number(s.fit.slope, 4)},
                  {"residual_sd", Number(s.fit.residual_sd, 4)},
                  {"sxx", s.fit.sxx},
                  {"sxy", Number(s.fit.sxy, 4)},
                  {"sse", Number(s.fit.sse, 4)}};
    row["reach"] = {{"status", ReachStatusName(s.reach.status)},
                    {"year", s.reach.year ? ordered_json(*s.reach.year) : ordered_json(nullptr)},
                    {"year_80_early", s.reach.year_early ? ordered_json(*s.reach.year_early) : ordered_json(nullptr)},
                    {"year_80_late", s.reach.year_late ? ordered_json(*s.reach.year_late) : ordered_json(nullptr)}};
    row["path"] = std::move(path);
    rows.push_back(std::move(row));
  }
  ordered_json out;
  out["to_year"] = table.to_year;
  out["level"] = ScopeLevelName(table.level);
  out["measured_years"] = table.measured_years;
  out["fit_years"] = table.fit_years;
  out["interval_levels"] = {kProjectionLevelNarrow, kProjectionLevelWide};
  out["t_80"] = Number(table.t_narrow, 4);
  out["t_95"] = Number(table.t_wide, 4);
  out["rows"] = std::move(rows);
  out["provenance"] = ProvenanceJson(provenance);
  return out;
}

namespace {

// The notes under the table: the method, the width with few points, and every
// place where a figure rests on a choice (carried targets or baselines).
std::vector<std::string> Notes(const ProjectionTable& t) {
  std::vector<std::string> notes;
  const int n = static_cast<int>(t.fit_years.size());
  const int df = n - 2;
  notes.push_back(fmt::format(
      "Methode: een rechte lijn door de extra banen van de jaareindmetingen {} (kleinste kwadraten, {} punten). "
      "Het interval is een voorspelinterval: schommelen de metingen rond een rechte lijn zoals in {}, dan valt de "
      "meting van dat jaar met 80 % (95 %) kans erbinnen. Een trendbreuk (de wet van 2026, de conjunctuur) valt "
      "buiten het model.",
      Years(t.fit_years), n, Years(t.fit_years)));
  if (df < 3) {
    double t80_5 = StudentTQuantile(0.90, 3), t95_5 = StudentTQuantile(0.975, 3);
    notes.push_back(fmt::format(
        "Let op: met {} metingen houdt de lijn {} vrijheidsgra{} over. De t-waarden zijn dan {} (80 %) en {} (95 %), "
        "tegen {} en {} bij 5 metingen: de intervallen zijn zeer breed en zeggen vooral dat {} punten weinig zeggen.",
        n, df, df == 1 ? "ad" : "den", Dutch(t.t_narrow, 2), Dutch(t.t_wide, 2), Dutch(t80_5, 2), Dutch(t95_5, 2), n));
  }
  std::vector<std::string> exact, carried_target, carried_baseline;
  bool subsectors = false;
  for (const auto& s : t.rows) {
    if (s.fit.residual_sd == 0) exact.push_back(ScopeLabel(s.scope));
    if (s.scope.starts_with("subsector:")) subsectors = true;
    bool ct = false, cb = false;
    for (const auto& p : s.path) {
      ct = ct || (p.target_extra_jobs && p.target_carried && (p.in_fit || !p.measured));
      cb = cb || (p.baseline_carried && p.in_fit);
    }
    if (ct) carried_target.push_back(ScopeLabel(s.scope));
    if (cb) carried_baseline.push_back(ScopeLabel(s.scope));
  }
  auto join = [](const std::vector<std::string>& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) out += (i == 0 ? "" : ", ") + v[i];
    return out;
  };
  if (!exact.empty()) {
    notes.push_back(fmt::format("Bij {} liggen de metingen precies op een lijn (s = 0): het interval heeft dan geen "
                                "breedte, maar dat is geen zekerheid.",
                                join(exact)));
  }
  if (!carried_target.empty()) {
    notes.push_back(fmt::format("Opgave met *: voor dat jaar staat geen opgave in targets.csv; de laatst bekende "
                                "opgave is doorgetrokken ({}).",
                                join(carried_target)));
  }
  if (!carried_baseline.empty()) {
    notes.push_back(fmt::format("Voor een meetjaar zonder rij in targets.csv is de nulmeting van het dichtstbijzijnde "
                                "jaar gebruikt ({}).",
                                join(carried_baseline)));
  }
  if (subsectors) {
    notes.push_back("Subsectoren: de opgave is een totaal aantal banen (nulmeting 0); hun 'extra banen' zijn dus alle "
                    "getelde banen.");
  }
  if (t.measured_years.size() > t.fit_years.size()) {
    std::vector<int> older(t.measured_years.begin(), t.measured_years.end() - static_cast<long>(t.fit_years.size()));
    notes.push_back(fmt::format("Oudere metingen ({}) tellen niet mee in de lijn (de laatste drie tot vijf, "
                                "quotum-and-scenarios.md §5); --explain toont ze.",
                                Years(older)));
  }
  return notes;
}

}  // namespace

std::string ProjectionText(const ProjectionTable& t, const Provenance& provenance) {
  const int last = t.measured_years.back();
  std::vector<std::string> headers = {"Scope",
                                      fmt::format("Gemeten {}", last),
                                      "Trend per jaar",
                                      fmt::format("Trend {}", t.to_year),
                                      fmt::format("80 %-interval {}", t.to_year),
                                      fmt::format("95 %-interval {}", t.to_year),
                                      fmt::format("Opgave {}", t.to_year),
                                      "Opgave gehaald",
                                      "bij 80 %-band",
                                      "Sleutel"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : t.rows) {
    const ProjectionPoint* at_last = s.At(last);
    const ProjectionPoint* at_end = s.At(t.to_year);
    std::string narrow, wide, target;
    if (at_end && at_end->narrow) narrow = D2(at_end->narrow->lower) + " – " + D2(at_end->narrow->upper);
    if (at_end && at_end->wide) wide = D2(at_end->wide->lower) + " – " + D2(at_end->wide->upper);
    if (at_end && at_end->target_extra_jobs) target = D2(*at_end->target_extra_jobs) + (at_end->target_carried ? "*" : "");
    rows.push_back({ScopeLabel(s.scope), at_last ? D2(at_last->realised_extra_jobs) : "", Signed(s.fit.slope),
                    at_end && at_end->trend ? D2(*at_end->trend) : "", narrow, wide, target, ReachText(t, s.reach),
                    BandText(t, s.reach), s.scope});
  }
  std::string out = fmt::format("Banenafspraak: trend van de extra banen tot en met {}, per {}\n", t.to_year,
                                t.level == ScopeLevel::kSubsector ? "subsector" : "sector");
  out += fmt::format("Rechte lijn door de jaareindmetingen {} ({} metingen, oktober–december); extra banen = banen − "
                     "nulmeting.\n\n",
                     Years(t.fit_years), t.fit_years.size());
  out += AlignedTable(headers, rows, {true, false, false, false, false, false, false, false, false, true});
  out += "\n";
  for (const auto& note : Notes(t)) out += Wrap(note, 110);
  out += ProvenanceFooter(provenance, /*with_source=*/true);
  return out;
}

std::vector<std::string> ProjectionExplanation(const ProjectionTable& t, std::string_view scope) {
  const ScopeProjection* s = t.Find(scope);
  if (!s) return {};
  std::vector<std::string> out;
  const LineFit& f = s->fit;
  out.push_back(fmt::format("Uitleg projectie: {} ({})", ScopeLabel(s->scope), s->scope));
  out.push_back(fmt::format("Jaareindmetingen (banen in oktober–december zoals `count` ze telt; extra = banen − "
                            "nulmeting; nulmeting {} in {}):",
                            D2(s->baseline_jobs), t.measured_years.back()));
  for (const auto& p : s->path) {
    if (!p.measured) continue;
    std::string target = p.target_extra_jobs ? fmt::format("; opgave {}{}", D2(p.target_extra_jobs),
                                                           p.target_carried ? " (doorgetrokken)" : "")
                                             : "";
    out.push_back(fmt::format("  {}  extra banen {}{}{}{}", p.year, D2(p.realised_extra_jobs),
                              p.in_fit ? fmt::format("; in de lijn, lijnwaarde {}", D2(p.trend)) : "; niet in de lijn",
                              p.baseline_carried ? " (nulmeting van een ander jaar)" : "", target));
  }
  out.push_back(fmt::format("Lijn door n = {} punten ({}), x = jaar, y = extra banen:", f.n, Years(t.fit_years)));
  out.push_back(fmt::format("  x̄ = {}; ȳ = {}", PlainDutch(f.x_mean, 2), Dutch(f.y_mean, 4)));
  out.push_back(fmt::format("  Sxx = Σ(x − x̄)² = {}; Sxy = Σ(x − x̄)(y − ȳ) = {}", Dutch(f.sxx, 2), Dutch(f.sxy, 4)));
  out.push_back(fmt::format("  helling b = Sxy / Sxx = {} extra banen per jaar", Dutch(f.slope, 4)));
  out.push_back(fmt::format("  lijn: ŷ(jaar) = {} + {} × (jaar − {})", Dutch(f.y_mean, 4), Dutch(f.slope, 4),
                            PlainDutch(f.x_mean, 2)));
  out.push_back(fmt::format("  SSE = Σ(y − ŷ)² = {}; s = √(SSE / (n − 2)) = √({} / {}) = {}", Dutch(f.sse, 4),
                            Dutch(f.sse, 4), f.n - 2, Dutch(f.residual_sd, 4)));
  out.push_back(fmt::format("  t-verdeling met {} vrijheidsgra{}: t(0,90) = {} voor 80 %, t(0,975) = {} voor 95 %",
                            f.n - 2, f.n - 2 == 1 ? "ad" : "den", Dutch(t.t_narrow, 3), Dutch(t.t_wide, 3)));
  out.push_back("Per jaar: ŷ ± t × s × √(1 + 1/n + (x − x̄)² / Sxx):");
  for (const auto& p : s->path) {
    if (p.measured) continue;
    double dx = p.year - f.x_mean;
    double root = std::sqrt(1 + 1.0 / f.n + dx * dx / f.sxx);
    std::string target;
    if (p.target_extra_jobs) {
      target = fmt::format("; opgave {}{}: {}", D2(p.target_extra_jobs), p.target_carried ? " (doorgetrokken)" : "",
                           *p.trend >= *p.target_extra_jobs ? "lijn haalt de opgave" : "lijn haalt de opgave niet");
    }
    out.push_back(fmt::format("  {}  ŷ = {}; √(1 + 1/{} + {}² / {}) = {}; 80 %: {} – {}; 95 %: {} – {}{}", p.year,
                              D2(p.trend), f.n, Dutch(dx, 2), Dutch(f.sxx, 2), Dutch(root, 4), D2(p.narrow->lower),
                              D2(p.narrow->upper), D2(p.wide->lower), D2(p.wide->upper), target));
  }
  std::string conclusion = fmt::format("Opgave gehaald: {}", ReachText(t, s->reach));
  if (s->reach.status == ReachStatus::kReachedProjected || s->reach.status == ReachStatus::kNotByHorizon) {
    conclusion += fmt::format(" (bovengrens 80 %-interval: {}; ondergrens: {})",
                              s->reach.year_early ? std::to_string(*s->reach.year_early) : NotBy(t),
                              s->reach.year_late ? std::to_string(*s->reach.year_late) : NotBy(t));
  }
  out.push_back(conclusion + ".");
  return out;
}

}  // namespace banenmonitor::report
