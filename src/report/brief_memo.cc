// The memo (beslisnota) to the minister: Aanleiding, Geadviseerd besluit, Kern
// (a paragraph on the Rijk and one on the public sectors), Toelichting per
// sector, Politieke aandacht and Bijlagen with the letter as Bijlage 1.
#include <fmt/format.h>

#include "report/brief_parts.h"
#include "report/realisation_format.h"

namespace banenmonitor::report::detail {

namespace {

std::string Binnenwerk(ReportContext& c, const BriefParts& p) {
  const std::string scope = std::string("organisation:") + kBinnenwerk;
  const RealisationRow* row = c.b.Row(c.Y, scope);
  if (row == nullptr || row->persons == 0) {
    return fmt::format("In de gegevens van eind {} staan geen groepsdetacheringen van Binnenwerk.", c.Y);
  }
  const ReportCell jobs = c.b.Jobs(c.Y, scope);
  if (jobs.secret) {
    return fmt::format("Binnenwerk plaatst groepsgewijs mensen bij de ministeries; het aantal banen eind {} wordt niet "
                       "genoemd om personen te beschermen (minder dan {} personen of daaruit af te leiden).",
                       c.Y, p.kern.min_persons);
  }
  std::string s = fmt::format("Binnenwerk plaatst groepsgewijs mensen bij de ministeries: eind {} {}", c.Y, JobsOf(jobs));
  const RealisationRow* last = c.b.Row(c.Y - 1, scope);
  if (last != nullptr && last->persons > 0) {
    const ReportCell before = c.b.Jobs(c.Y - 1, scope);
    if (!before.secret) s += fmt::format(", tegen {} eind {}", JobsOf(before), c.Y - 1);
  }
  return s + ". Deze banen tellen mee voor het Rijk, niet voor het ministerie waar de mensen werken.";
}

std::string SocialReturn(const ReportContext& c) {
  if (!c.scenario || !c.scenario->sroi.delivered) {
    return "De gegevens bevatten geen social return; het effect ervan op de verdeling over de sectoren is niet te "
           "berekenen.";
  }
  const ReportCell shift = c.b.Number(c.scenario->sroi.jobs_to_government, std::nullopt, 1, false, {}, c.shift_cell);
  if (shift.secret) return "Het effect van social return wordt niet genoemd om personen te beschermen.";
  return fmt::format(
      "Telt een baan die een opdrachtnemer via social return invult mee voor de overheid als opdrachtgever, dan gaan "
      "eind {} {} van de marktsector naar de overheid. Dit is een beleidsmatige what-if zonder grondslag in de Wet "
      "banenafspraak: de wet telt de baan bij de werkgever die het loon betaalt (art. 4).",
      c.Y, JobsOf(shift));
}

}  // namespace

BriefDocument BriefParts::Memo(const BriefDocument& letter) const {
  const int Y = c.Y;
  BriefDocument d = NewDocument(fmt::format("beslisnota-banenafspraak-overheid-{}", Y),
                                fmt::format("Beslisnota voortgang banenafspraak overheid {}", Y),
                                "Aan de minister van Binnenlandse Zaken en Koninkrijksrelaties");
  d.Heading(2, "Aanleiding");
  d.Paragraph(fmt::format(
      "Jaarlijks informeert u de Tweede Kamer over de voortgang van de banenafspraak bij de overheid. Sinds 2024 gaat "
      "dat in één brief over alle overheidssectoren, met de cijfers van het Rijk in een bijlage. De brief over eind {} "
      "ligt ter ondertekening voor (bijlage 1).",
      Y));
  d.Heading(2, "Geadviseerd besluit");
  d.Paragraph("Kennisnemen van de resultaten en de bijgevoegde Kamerbrief ondertekenen en aan de Tweede Kamer zenden.");
  d.Heading(2, "Kern");
  for (const auto& p : KernParagraphs(kern)) d.Paragraph(p);
  d.Heading(2, "Toelichting");
  d.Heading(3, "Het Rijk: aanpak");
  d.Paragraph(SectorSentence("subsector:rijk"));
  AddSectorText(d, "subsector:rijk", "Het Rijk heeft voor dit jaar nog geen aanpak en aandachtspunten aangeleverd.");
  d.Heading(3, "Binnenwerk: groepsdetacheringen");
  d.Paragraph(Binnenwerk(c, *this));
  d.Heading(3, "Social return");
  d.Paragraph(SocialReturn(c));
  d.Heading(3, "De publieke sectoren");
  const auto missing = WithoutText();
  d.Paragraph(missing.empty()
                  ? std::string("Alle sectoren hebben hun aanpak en aandachtspunten aangeleverd.")
                  : fmt::format("Nog geen aanpak en aandachtspunten aangeleverd: {}.", Join(missing)));
  for (const auto& s : c.subsectors) {
    if (s == "subsector:rijk") continue;
    d.Heading(4, ScopeLabel(s));
    d.Paragraph(SectorSentence(s));
    AddSectorText(d, s, "Geen tekst aangeleverd.");
  }
  d.Heading(2, "Politieke aandacht");
  if (!r.agenda) {
    d.Paragraph("Er is geen overzicht van debatten, Kamervragen en moties meegegeven.");
  } else if (r.agenda->empty()) {
    d.Paragraph("Er staan geen debatten, Kamervragen of moties op de agenda.");
  } else {
    ReportTable t = MakeTable("Agenda", "Debatten, Kamervragen en moties", {"Datum", "Onderwerp"});
    for (const auto& a : *r.agenda) AddRow(t, {ReportCell::Text(a.date), ReportCell::Text(a.subject)});
    d.Table(std::move(t));
  }
  d.Heading(2, "Bijlagen");
  d.Paragraph(fmt::format("Bijlage 1: {} (Kamerbrief, met de bijlagen Het Rijk en Verantwoording).", letter.title));
  d.Annex("Bijlage 1: Kamerbrief", letter);
  return d;
}

}  // namespace banenmonitor::report::detail
