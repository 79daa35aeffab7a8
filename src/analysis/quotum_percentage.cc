// The quotum percentage of one year (quotum-and-scenarios.md §2; Wfsv art. 38f).
#include "banenmonitor/quotum_percentage.h"

#include <fmt/format.h>

#include <cmath>

#include "common/enum_names.h"
#include "common/lang.h"
#include "data/fields.h"

namespace banenmonitor {

namespace {

DayNumber FirstDayOfYear(int year) { return data::FirstDayOf(MakeMonth(year, 1)); }
DayNumber LastDayOfYear(int year) { return data::LastDayOf(MakeMonth(year, 12)); }

// The entry of `name` that starts within `year`, or nullptr: a per-year value
// of an earlier year does not apply.
const Parameter* EntryOfYear(const ParameterSet& set, std::string_view name, int year) {
  const Parameter* p = set.Find(name, LastDayOfYear(year));
  return p != nullptr && p->valid_from >= FirstDayOfYear(year) ? p : nullptr;
}

PctInput InputOf(char letter, std::string name, const Parameter* p) {
  PctInput in;
  in.letter = letter;
  in.parameter = std::move(name);
  if (p != nullptr) {
    in.value = p->value;
    in.legal_basis = p->legal_basis;
    in.source = p->source;
  }
  return in;
}

}  // namespace

constexpr EnumName<PctStatus> kPctStatusCodes[] = {
    {PctStatus::kPublished, "gepubliceerd"}, {PctStatus::kIndicative, "indicatief"}, {PctStatus::kNone, "geen"}};

const char* PctStatusCode(PctStatus s) { return NameIn(kPctStatusCodes, s); }

Result<YearPct> PctOfYear(const ParameterSet& set, Sector sector, int year) {
  YearPct out;
  const std::string published = fmt::format("quotum_pct_{}", SectorName(sector));
  const std::string indicative = fmt::format("quotum_pct_indicative_{}", SectorName(sector));
  if (const Parameter* p = EntryOfYear(set, published, year)) {
    out.status = PctStatus::kPublished;
    out.parameter = p;
  } else if (const Parameter* q = EntryOfYear(set, indicative, year)) {
    out.status = PctStatus::kIndicative;
    out.parameter = q;
  } else {
    return out;
  }
  const double v = out.parameter->value;
  const double hundredths = std::round(v * 100);
  if (!(v >= 0) || v > 100 || std::fabs(v * 100 - hundredths) > 1e-6) {
    return Fail(Status::InvalidInput(Say("parameterbestand {}: {} van {} is geen percentage met hoogstens twee decimalen",
                                         "parameter file {}: {} of {} is not a percentage with at most two decimals",
                                         set.version(), out.parameter->name, year)));
  }
  out.pct = static_cast<PctHundredths>(hundredths);
  return out;
}

Result<QuotumPercentageTable> QuotumPercentageOfYear(const QuotumPercentageRequest& request,
                                                     const ParameterSet& set) {
  QuotumPercentageTable table;
  table.year = request.year;
  const int y = request.year;
  const DayNumber day = FirstDayOfYear(y);
  for (Sector s : {Sector::kGovernment, Sector::kMarket}) {
    if (request.sector && *request.sector != s) continue;
    QuotumPercentageRow row;
    row.year = y;
    row.sector = s;
    auto published = PctOfYear(set, s, y);
    if (!published) return Fail(published.error());
    row.published = *published;
    const std::string sector(SectorName(s));
    auto holding = [&](char letter, const std::string& name) { return InputOf(letter, name, set.Find(name, day)); };
    auto own_year = [&](char letter, const std::string& name) { return InputOf(letter, name, EntryOfYear(set, name, y)); };
    row.inputs.push_back(holding('A', "nulmeting_jobs_liable_" + sector));
    row.inputs.push_back(own_year('B', "quotum_extra_jobs_" + sector));
    row.inputs.push_back(holding('C', "hours_per_job_year"));
    row.inputs.push_back(own_year('D', "quotum_jobs_liable_" + sector));
    row.inputs.push_back(holding('E', "average_hours_per_employee_year"));
    PctInput f = holding('F', "voorziening_persons_liable_" + sector);
    if (!f.value) {  // Besluit Wfsv art. 2.32 counts voorziening persons from 2017 on
      f.value = 0;
      f.legal_basis = Pick("Besluit Wfsv art. 2.32 (F): vóór het eerste jaar van de tabel 0",
                           "Besluit Wfsv art. 2.32 (F): 0 before the first year of its table");
    }
    row.inputs.push_back(std::move(f));
    row.inputs.push_back(holding('G', "hours_per_job_year"));
    row.inputs.push_back(own_year('H', "quotum_extra_jobs_small_employers_" + sector));

    bool complete = true;
    for (const PctInput& in : row.inputs) complete = complete && in.value.has_value();
    if (complete) {
      auto v = [&](int i) { return *row.inputs[i].value; };
      QuotumPercentageInputs in;
      in.nulmeting_jobs = v(0);
      in.extra_jobs = v(1);
      in.hours_per_job_target = v(2);
      in.jobs_liable = v(3);
      in.hours_per_job_liable = v(4);
      in.voorziening_persons = v(5);
      in.hours_per_voorziening = v(6);
      in.extra_jobs_small_employers = v(7);
      auto r = QuotumPercentage(in);
      if (!r) return Fail(r.error());
      row.reconstructed = *r;
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace banenmonitor
