#include "report/summary_html.h"

#include <fmt/format.h>

#include "report/number_format.h"
#include "report/realisation_format.h"

namespace banenmonitor::report {

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

std::string Pct(const RealisationTable& t, const RealisationRow& r) {
  ExactFigures x = ExactFiguresOf(t, r);
  return x.realisation_pct ? DutchFromFixed(FixedRatio(x.realisation_pct->num, x.realisation_pct->den, 1)) + " %" : ".";
}

std::string Jobs(const Ratio& r) { return DutchFromFixed(FixedRatio(r.num, r.den, 0)); }

}  // namespace

std::string SummaryHtml(const std::vector<RealisationTable>& years, const Provenance& provenance) {
  std::string last_year = years.empty() ? "" : std::to_string(years.back().year);
  std::string out = fmt::format(R"(<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Voortgang banenafspraak {0}</title>
<style>
body {{ font-family: "Segoe UI", Arial, sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }}
h1 {{ color: #154273; }} h2 {{ color: #154273; border-bottom: 2px solid #154273; padding-bottom: .2rem; }}
table {{ border-collapse: collapse; margin: 1rem 0; width: 100%; }}
th, td {{ padding: .3rem .6rem; border-bottom: 1px solid #ccc; }}
th {{ text-align: left; background: #e8eef5; }} td.n {{ text-align: right; font-variant-numeric: tabular-nums; }}
.note {{ color: #444; font-size: .9rem; }}
code {{ font-size: .85rem; }}
</style>
</head>
<body>
<h1>Voortgang banenafspraak {0}</h1>
<p>Extra banen voor mensen uit het doelgroepregister, gemeten aan het eind van elk jaar (vierde kwartaal;
één baan is 25,5 uur per week), tegen de nulmeting en de opgave.</p>
<h2>Landelijk per sector</h2>
<table>
<caption class="note">Extra banen ten opzichte van de nulmeting, opgave en realisatie per jaar</caption>
<thead><tr><th scope="col">Jaar</th><th scope="col">Sector</th><th scope="col">Banen</th><th scope="col">Extra banen</th><th scope="col">Opgave</th><th scope="col">Realisatie</th></tr></thead>
<tbody>
)",
                                HtmlEscape(last_year));
  for (const auto& t : years) {
    for (const char* scope : {"market", "government"}) {
      const RealisationRow* r = t.Find(scope);
      if (r == nullptr) continue;
      ExactFigures x = ExactFiguresOf(t, *r);
      out += fmt::format(
          "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td "
          "class=\"n\">{}</td></tr>\n",
          t.year, HtmlEscape(ScopeLabel(scope)), Jobs(x.jobs), Jobs(x.extra_jobs),
          x.target_extra_jobs ? Jobs(*x.target_extra_jobs) : ".", Pct(t, *r));
    }
  }
  out += "</tbody>\n</table>\n";
  if (!years.empty()) {
    const RealisationTable& t = years.back();
    out += fmt::format(
        "<h2>Publieke sectoren {}</h2>\n<table>\n<caption class=\"note\">Gerealiseerde banen tegen de opgave (een "
        "totaal aantal banen) per subsector</caption>\n<thead><tr><th scope=\"col\">Subsector</th><th "
        "scope=\"col\">Opgave</th><th scope=\"col\">Gerealiseerd</th><th scope=\"col\">Realisatie</th></tr></thead>\n"
        "<tbody>\n",
        t.year);
    for (const RealisationRow* r : t.RowsFor(ScopeLevel::kSubsector)) {
      if (r->level != ScopeLevel::kSubsector || r->scope == "subsector:market") continue;
      ExactFigures x = ExactFiguresOf(t, *r);
      out += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                         HtmlEscape(ScopeLabel(r->scope)), x.target_extra_jobs ? Jobs(*x.target_extra_jobs) : ".",
                         Jobs(x.jobs), Pct(t, *r));
    }
    out += "</tbody>\n</table>\n";
  }
  out += "<h2>Verantwoording</h2>\n<p class=\"note\">Geteld met banenmonitor " + HtmlEscape(provenance.program_version) +
         ", parameters " + HtmlEscape(provenance.parameter_version) + ", bron: " + HtmlEscape(provenance.source) +
         ". Tekens: <code>.</code> gegevens ontbreken.</p>\n<table>\n<thead><tr><th scope=\"col\">Bestand</th><th "
         "scope=\"col\">Rijen</th><th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n";
  for (const auto& f : provenance.files) {
    if (!f.present) continue;
    out += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td><code>{}</code></td></tr>\n", HtmlEscape(f.name),
                       DutchInt(f.rows), HtmlEscape(f.sha256));
  }
  out += "</tbody>\n</table>\n</body>\n</html>\n";
  return out;
}

}  // namespace banenmonitor::report
