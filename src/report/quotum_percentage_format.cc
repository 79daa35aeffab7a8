#include "report/quotum_percentage_format.h"

#include <fmt/format.h>

#include "common/lang.h"
#include "common/number_format.h"
#include "report/provenance_format.h"

namespace banenmonitor::report {

namespace {

std::string PctText(PctHundredths p) { return fmt::format("{}.{:02d}", p / 100, p % 100); }
std::string PublishedText(const QuotumPercentageRow& r) { return r.published.pct ? PctText(*r.published.pct) : ""; }
std::string ReconstructedText(const QuotumPercentageRow& r) {
  return r.reconstructed ? PctText(r.reconstructed->pct) : "";
}

// An input's value as plain decimal text (at most four places, no trailing zeros).
std::string InputValue(double v) {
  std::string s = fmt::format("{:.4f}", v);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

const char* InputMeaning(char letter) {
  switch (letter) {
    case 'A': return "banen bij de nulmeting bij quotumplichtige werkgevers";
    case 'B': return "te realiseren extra banen (gemiddelde van de opgaven van J - 1 en J)";
    case 'C': return "uren per baan van een arbeidsbeperkte";
    case 'D': return "banen bij quotumplichtige werkgevers";
    case 'E': return "gemiddeld verloonde uren per baan bij quotumplichtige werkgevers";
    case 'F': return "personen met een voorziening bij quotumplichtige werkgevers";
    case 'G': return "uren per persoon met een voorziening";
    case 'H': return "extra banen bij niet-quotumplichtige werkgevers";
  }
  return "?";
}

std::string Missing(const QuotumPercentageRow& r) {
  std::string out;
  for (const PctInput& in : r.inputs) {
    if (!in.value) out += (out.empty() ? "" : ", ") + std::string(1, in.letter);
  }
  return out;
}

}  // namespace

std::string QuotumPercentageCsv(const QuotumPercentageTable& t) {
  std::string out = "year,sector,published_pct,status,reconstructed_pct\n";
  for (const auto& r : t.rows) {
    out += fmt::format("{},{},{},{},{}\n", r.year, SectorName(r.sector), PublishedText(r),
                       PctStatusCode(r.published.status), ReconstructedText(r));
  }
  return out;
}

nlohmann::ordered_json QuotumPercentageJson(const QuotumPercentageTable& t, const Provenance& provenance) {
  using nlohmann::ordered_json;
  ordered_json rows = ordered_json::array();
  for (const auto& r : t.rows) {
    ordered_json row;
    row["year"] = r.year;
    row["sector"] = SectorName(r.sector);
    row["published_pct"] = r.published.pct ? ordered_json(std::stod(PctText(*r.published.pct))) : ordered_json(nullptr);
    row["status"] = PctStatusCode(r.published.status);
    row["published_legal_basis"] = r.published.parameter ? ordered_json(r.published.parameter->legal_basis) : ordered_json(nullptr);
    row["published_source"] = r.published.parameter ? ordered_json(r.published.parameter->source) : ordered_json(nullptr);
    row["reconstructed_pct"] =
        r.reconstructed ? ordered_json(std::stod(PctText(r.reconstructed->pct))) : ordered_json(nullptr);
    row["reconstructed_exact"] =
        r.reconstructed ? ordered_json(FixedRatio(r.reconstructed->exact.num, r.reconstructed->exact.den, 5))
                        : ordered_json(nullptr);
    row["missing_inputs"] = Missing(r);
    ordered_json inputs = ordered_json::object();
    for (const PctInput& in : r.inputs) {
      inputs[std::string(1, in.letter)] = {{"parameter", in.parameter},
                                           {"meaning", InputMeaning(in.letter)},
                                           {"value", in.value ? ordered_json(*in.value) : ordered_json(nullptr)},
                                           {"legal_basis", in.legal_basis},
                                           {"source", in.source}};
    }
    row["inputs"] = std::move(inputs);
    rows.push_back(std::move(row));
  }
  return {{"year", t.year},
          {"formula", "pct = ((A + B - H) x C + F x G) / (D x E) x 100, naar beneden afgerond op 2 decimalen (Wfsv art. 38f lid 2)"},
          {"rows", std::move(rows)},
          {"provenance", ProvenanceJson(provenance)}};
}

std::string QuotumPercentageText(const QuotumPercentageTable& t, const Provenance& provenance) {
  std::string out = fmt::format("Quotumpercentage {} (Wfsv art. 38f)\n", t.year);
  for (const auto& r : t.rows) {
    const std::string sector = r.sector == Sector::kGovernment ? "overheid" : "markt";
    out += fmt::format("\nSector {}\n", sector);
    if (r.published.pct) {
      out += fmt::format("  Percentage: {} % ({}); {}; bron: {}\n", DutchFromFixed(PctText(*r.published.pct)),
                         PctStatusCode(r.published.status), r.published.parameter->legal_basis,
                         r.published.parameter->source);
    } else {
      out += fmt::format("  Percentage: geen. Voor {} is voor {} geen quotumpercentage gepubliceerd; het "
                         "percentage van een eerder jaar geldt niet. Voor het quotum: geef --quotum-pct {}=PCT.\n",
                         sector, t.year, SectorName(r.sector));
    }
    out += "  Invoer:\n";
    for (const PctInput& in : r.inputs) {
      out += fmt::format("    {} = {}  {}", in.letter, in.value ? DutchFromFixed(InputValue(*in.value)) : "ontbreekt",
                         InputMeaning(in.letter));
      if (in.value) out += fmt::format(" ({}; {})", in.legal_basis, in.source.empty() ? "geen bron" : in.source);
      out += "\n";
    }
    if (r.reconstructed) {
      out += fmt::format("  Reconstructie: ((A + B − H) × C + F × G) / (D × E) × 100 = {} → {} % (naar beneden "
                         "afgerond op 2 decimalen)\n",
                         DutchFromFixed(FixedRatio(r.reconstructed->exact.num, r.reconstructed->exact.den, 5)),
                         DutchFromFixed(PctText(r.reconstructed->pct)));
    } else {
      out += fmt::format("  Reconstructie: niet mogelijk, het parameterbestand heeft voor {} geen {}.\n", t.year,
                         Missing(r));
    }
  }
  out += "\nHet gepubliceerde percentage geldt; de reconstructie staat er ter controle naast.\n";
  out += ProvenanceFooter(provenance, /*with_source=*/false);
  return out;
}

}  // namespace banenmonitor::report
