// The letter (Kamerbrief) and what the letter and the memo share: the Kern's
// figures, the sector sentences and texts, and the Verantwoording, where each
// figure of the letter names its scope, measurement, snapshot, law, parameter
// version and the one count line that recounts it (docs/brief.md §5).
#include <fmt/format.h>

#include <algorithm>

#include "banenmonitor/regime.h"
#include "banenmonitor/year_on_year.h"
#include "common/lookup.h"
#include "common/number_format.h"
#include "report/brief_parts.h"
#include "report/realisation_format.h"

namespace banenmonitor::report::detail {

namespace {

// The law as a reader names it in running text.
std::string LawInText(Law law) {
  return law == Law::kWetBanenafspraak ? "de Wet banenafspraak" : "de Wet banenafspraak en quotum arbeidsbeperkten";
}

// The level of `count --by` whose rows hold `scope`, and the row's name there.
std::string CountLevel(const std::string& scope) {
  if (scope == "government" || scope == "market") return "sector";
  if (scope.starts_with("subsector:")) return "subsector";
  return "organisation";
}

}  // namespace

Status BriefParts::GatherKern() {
  kern.year = c.Y;
  kern.min_persons = c.request.min_persons;
  kern.law = LawInText(LawOf(c.parameters, c.Y).law);
  auto scope_of = [&](const std::string& scope) {
    KernScope s;
    s.scope = scope;
    for (const auto& [y, table] : c.b.counted) {
      const RealisationRow* row = table.Find(scope);
      s.jobs[y] = row != nullptr && row->persons > 0 ? c.b.Jobs(y, scope) : ReportFigures::Missing();
      s.target[y] = c.b.Target(y, scope);
      s.pct[y] = c.b.Pct(y, scope);
    }
    return s;
  };
  kern.government = scope_of("government");
  for (const auto& s : c.subsectors) kern.sectors.push_back(scope_of(s));
  // BZK's figure of the law in force (Wet banenafspraak art. 4 lid 4): the
  // government's realisation in Y and Y - 1, each year counted by its own law,
  // from the year-on-year analysis; whether it is published stays with the
  // report's disclosure control.
  auto yoy = CompareWithPreviousYear(c.delivery, YearOnYearRequest{c.Y, Window::kQ4}, c.parameters);
  if (!yoy) return yoy.error();
  const YearOnYearRow* g = yoy->Find("government");
  for (auto [year, table] : {std::pair{c.Y, &yoy->current}, std::pair{c.Y - 1, &yoy->previous}}) {
    const RealisationRow* row = g == nullptr || (year < c.Y && !g->in_previous) ? nullptr : table->Find("government");
    auto it = kern.government.pct.find(year);
    if (it == kern.government.pct.end()) continue;
    it->second.value = row != nullptr ? row->realisation_pct : std::nullopt;
    it->second.exact = row != nullptr ? ExactFiguresOf(*table, *row).realisation_pct : std::nullopt;
  }
  return Status::Ok();
}

const SectorText* BriefParts::TextOf(const std::string& scope) const { return FindFirst(r.texts, &SectorText::scope, scope); }

std::vector<std::string> BriefParts::WithoutText() const {
  std::vector<std::string> out;
  for (const auto& s : c.subsectors) {
    if (TextOf(s) == nullptr) out.push_back(ScopeLabel(s));
  }
  return out;
}

std::string BriefParts::SectorSentence(const std::string& scope) const {
  const int Y = c.Y;
  const KernScope* k = nullptr;
  for (const auto& s : kern.sectors) {
    if (s.scope == scope) k = &s;
  }
  if (k == nullptr || !k->jobs.contains(Y)) return fmt::format("Over eind {} zijn er geen gegevens.", Y);
  const ReportCell& jobs = k->jobs.at(Y);
  if (jobs.secret) {
    return fmt::format("Het aantal banen eind {} wordt niet genoemd om personen te beschermen: het gaat om minder dan {} "
                       "personen of is uit zo'n cijfer af te leiden.",
                       Y, c.request.min_persons);
  }
  if (!WrittenValue(jobs)) return fmt::format("Over eind {} zijn er geen gegevens.", Y);
  std::string s = fmt::format("Eind {} {}", Y, JobsOf(jobs));
  auto target = k->target.contains(Y) ? WrittenValue(k->target.at(Y)) : std::nullopt;
  auto pct = k->pct.contains(Y) ? WrittenValue(k->pct.at(Y)) : std::nullopt;
  if (target) s += fmt::format(" tegen een opgave van {}", WholeNumberText(static_cast<double>(*target)));
  if (target && pct) s += fmt::format(": {} van de opgave", PercentText(static_cast<double>(*pct)));
  if (auto last = k->jobs.contains(Y - 1) ? WrittenValue(k->jobs.at(Y - 1)) : std::nullopt) {
    s += fmt::format("; eind {} {}", Y - 1, JobsOf(k->jobs.at(Y - 1)));
  }
  return s + ".";
}

std::string BriefParts::HiddenNote(const ReportTable& t) const {
  std::size_t hidden = 0, rows_hidden = 0;
  for (const auto& row : t.rows) {
    bool any = false;
    for (const auto& cell : row) {
      if (cell.secret) ++hidden, any = true;
    }
    if (any) ++rows_hidden;
  }
  if (hidden == 0) return "";
  return fmt::format(
      "x: niet gepubliceerd om personen te beschermen. Een cijfer over minder dan {} personen wordt niet genoemd, en ook "
      "geen cijfer waaruit het terug te rekenen is (uit een totaal of uit het verschil met vorig jaar). In deze tabel "
      "geldt dat voor {} cijfers in {} van de {} rijen.",
      c.request.min_persons, hidden, rows_hidden, t.rows.size());
}

void BriefParts::AddSectorText(BriefDocument& doc, const std::string& scope, const std::string& none) const {
  if (const SectorText* t = TextOf(scope)) {
    if (t->status != "akkoord") doc.Note("Tekst van de sector: ingediend, nog niet akkoord bevonden.");
    // A sector's text is shown, never fetched from: no images.
    std::string text = t->markdown;
    for (std::size_t at = text.find("!["); at != std::string::npos; at = text.find("![", at + 3)) text.insert(at, "\\");
    doc.Markdown(std::move(text));
  } else if (!none.empty()) {
    doc.Paragraph(none);
  }
}

BriefDocument BriefParts::NewDocument(std::string file_stem, std::string title, std::string subtitle) const {
  BriefDocument d;
  d.file_stem = std::move(file_stem);
  d.title = std::move(title);
  d.subtitle = std::move(subtitle);
  if (r.synthetic) d.banner = kSyntheticBanner;
  return d;
}

BriefDocument BriefParts::Letter() const {
  const int Y = c.Y;
  BriefDocument d = NewDocument(fmt::format("kamerbrief-banenafspraak-overheid-{}", Y),
                                fmt::format("Voortgang banenafspraak overheid {}", Y),
                                "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal");
  d.Paragraph(fmt::format(
      "Hierbij informeer ik u over de voortgang van de banenafspraak bij de overheid eind {}: de banen voor mensen uit "
      "het doelgroepregister bij alle overheidssectoren samen en per sector. De cijfers van het Rijk per ministerie "
      "staan in bijlage 1, de verantwoording van elk cijfer in bijlage 2.",
      Y));
  d.Heading(2, "Kern");
  for (const auto& p : KernParagraphs(kern)) d.Paragraph(p);
  d.Heading(2, "De sectoren");
  for (const auto& s : c.subsectors) {
    d.Heading(3, ScopeLabel(s));
    d.Paragraph(SectorSentence(s));
    AddSectorText(d, s, "");
  }
  d.Heading(2, "Tabel");
  d.Table(public_table);
  if (auto note = HiddenNote(public_table); !note.empty()) d.Note(note);
  d.Heading(1, "Bijlage 1: Het Rijk");
  d.Paragraph(fmt::format(
      "Per ministerie de opgave, de banen eind {} (vierde kwartaal) en het realisatiepercentage, verdeeld in banen in "
      "eigen dienst en ingeleende banen. Binnenwerk, de groepsdetacheringen van het Rijk, staat apart.",
      Y));
  AddSectorText(d, "subsector:rijk", "");
  if (c.has_rijk) {
    d.Table(rijk_table);
    if (auto note = HiddenNote(rijk_table); !note.empty()) d.Note(note);
  } else {
    d.Paragraph(fmt::format("De gegevens bevatten eind {} geen banen bij het Rijk.", Y));
  }
  d.Heading(1, "Bijlage 2: Verantwoording");
  Verantwoording(d);
  return d;
}

void BriefParts::Verantwoording(BriefDocument& d) const {
  const int Y = c.Y;
  d.Paragraph(fmt::format(
      "Een baan is 25,5 betaalde uren per week, gemeten in het vierde kwartaal (oktober tot en met december). Elk cijfer "
      "van deze brief is hieronder terug te vinden: de scope, het meetmoment, de bron, de wet waarnaar geteld is en de "
      "parameterversie, met de telling die het cijfer opnieuw maakt (kolommen jobs, target_extra_jobs en "
      "realisation_pct van de rij met die scope). Cijfers over minder dan {} personen zijn niet gepubliceerd.",
      c.request.min_persons));
  ReportTable t = MakeTable("Verantwoording", "Herkomst van elk cijfer",
                            {"Cijfer", "Scope", "Meetmoment", "Bron", "Wet", "Parameters", "Hertelling"});
  const std::string params = c.parameters.version();
  auto add = [&](const std::string& label, const std::string& scope, int y) {
    if (!c.b.Covered(y)) return;
    std::string recount = fmt::format("banenmonitor count {} --year {} --window q4 --by {} --format csv", r.recount_source,
                                      y, CountLevel(scope));
    if (scope == std::string("organisation:") + kBinnenwerk) {
      recount = fmt::format("banenmonitor count {} --year {} --window q4 --by employer --format csv (som van de werkgevers "
                            "van het Rijk waarvan de naam met {} begint)",
                            r.recount_source, y, c.request.binnenwerk_prefix);
    }
    AddRow(t, {ReportCell::Text(label), ReportCell::Text(scope), ReportCell::Text(fmt::format("4e kwartaal {}", y)),
               ReportCell::Text(c.request.source), ReportCell::Text(LawLabel(LawOf(c.parameters, y).law)),
               ReportCell::Text(params), ReportCell::Text(recount)});
  };
  for (int y : {Y, Y - 1}) {
    add(fmt::format("Publieke sectoren samen, eind {}", y), "government", y);
    for (const auto& s : c.subsectors) add(fmt::format("{}, eind {}", ScopeLabel(s), y), s, y);
    if (c.has_rijk) {
      for (const auto& m : c.ministries) {
        add(fmt::format("Rijk, {}, eind {}", m == std::string("organisation:") + kBinnenwerk ? kBinnenwerk : ScopeLabel(m), y),
            m, y);
      }
    }
  }
  d.Table(std::move(t));
  d.Note(fmt::format("Bron vastgelegd op {}; programma banenmonitor {}, parameters SHA-256 {}.",
                     c.request.recorded_at.empty() ? "(een map, geen snapshot)" : c.request.recorded_at, ProgramVersion(),
                     c.parameters.sha256()));
}

}  // namespace banenmonitor::report::detail

namespace banenmonitor::report {

Result<BriefPackage> BuildBrief(Delivery delivery, const BriefRequest& given, const ParameterSet& parameters) {
  BriefRequest request = given;
  request.synthetic = given.synthetic || delivery.manifest.synthetic;  // the delivery says so itself (delivery.csv)
  detail::ReportContext c(delivery, request.report, parameters);
  if (Status s = c.Gather(); !s.ok()) return Fail(s);
  detail::BriefParts parts(c, request);
  if (Status s = parts.GatherKern(); !s.ok()) return Fail(s);
  if (c.has_rijk) parts.rijk_table = c.Rijk().tables.front();
  parts.public_table = c.PublicSectors().tables.front();
  BriefPackage out;
  out.letter = parts.Letter();
  out.memo = parts.Memo(out.letter);
  out.kern = parts.kern;
  return out;
}

}  // namespace banenmonitor::report
