// The synthetic Netherlands (see generator.h): plan -> employers -> register ->
// jobs -> calibration -> files.
#include "generate/generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "banenmonitor/params.h"
#include "common/lang.h"
#include "data/fields.h"
#include "generate/regions_place.h"
#include "generate/writer.h"

namespace banenmonitor::generate {

std::int64_t GenerateSummary::total_rows() const {
  std::int64_t n = 0;
  for (const auto& f : files) n += f.rows;
  return n;
}

std::uint64_t GenerateSummary::total_bytes() const {
  std::uint64_t n = 0;
  for (const auto& f : files) n += f.bytes;
  return n;
}

Result<GenerateSummary> GenerateDelivery(const GenerateOptions& o, const GenerateProgress& progress) {
  // Below 0.001 there are fewer people in the register than cells to staff.
  if (!(o.scale >= 0.001) || o.scale > 10) {
    return Fail(Status::Usage(Say("--scale {} valt buiten het bereik (verwacht 0.001 tot en met 10; 1 = Nederland)",
                                  "--scale {} is out of range (expected 0.001 to 10; 1 = the Netherlands)", o.scale)));
  }
  if (o.from_year < kNulmetingYear || o.from_year >= o.to_year || o.to_year > kLastPlanYear) {
    return Fail(Status::Usage(
        Say("--from {} --to {} valt buiten het bereik (verwacht {} <= from < to <= {}: de nulmeting is december {} en "
            "{} is het laatste jaar met een gepubliceerde opgave)",
            "--from {} --to {} is out of range (expected {} <= from < to <= {}: the nulmeting is December {} and {} is "
            "the last year with a published target)",
            o.from_year, o.to_year, kNulmetingYear, kLastPlanYear, kNulmetingYear, kLastPlanYear)));
  }
  std::error_code ec;
  std::filesystem::create_directories(o.out, ec);
  if (ec || !std::filesystem::is_directory(o.out)) {
    return Fail(Status::IoError(Say("{}: de uitvoermap kan niet worden aangemaakt: {}",
                                    "{}: cannot create the output directory: {}", o.out.string(), ec.message())));
  }
  // The engine's job-year (Besluit Wfsv art. 2.32, variable G), so that the
  // calibration counts exactly as `banenmonitor count` will.
  auto hours_per_job_year =
      ParameterSet::Embedded().Value("hours_per_job_year", data::LastDayOf(MakeMonth(o.to_year, 12)));
  if (!hours_per_job_year || *hours_per_job_year <= 0) {
    return Fail(Status::Internal(std::string(Pick("het ingebouwde parameterbestand heeft geen hours_per_job_year",
                                                  "the embedded parameter file has no hours_per_job_year"))));
  }

  auto step = [&](std::string_view name, double f) {
    if (progress) progress(name, f);
  };
  Rng rng(o.seed);
  step("planning", 0);
  Plan plan = BuildPlan(o.scale, o.from_year, o.to_year, o.seed);
  EmployerUniverse employers = BuildEmployers(plan, rng);
  step("building the register", 0);
  Population population = BuildPopulation(plan, rng);
  Simulation sim = Simulate(plan, employers, population, rng, step);
  Calibration calibration = Calibrate(plan, population, sim, *hours_per_job_year, o.seed, step);

  // Placed by hashes of the seed, not by `rng`: no other figure moves.
  const std::vector<std::string> employer_regions = PlaceEmployers(employers, o.seed);
  const std::vector<std::string> person_regions = PlacePersons(population, sim, employer_regions, o.seed);
  World world{o, plan, employers, population, sim, calibration, employer_regions, person_regions};
  GenerateSummary summary;
  step("writing employers and register", 0);
  auto static_files = WriteStaticFiles(world, summary.persons);
  if (!static_files) return Fail(static_files.error());
  auto monthly = WriteMonthlyFiles(world, step);
  if (!monthly) return Fail(monthly.error());
  // In the order of the data contract, then the scenario files.
  const auto& s = *static_files;
  const auto& mo = *monthly;
  summary.files = {s[0], s[1], mo[0], mo[1], s[2], mo[3], mo[2], s[3]};
  summary.employers = static_cast<std::int64_t>(employers.employers.size());
  if (o.to_year >= 2023) summary.registered_end_2023 = population.RegisteredAt(data::LastDayOf(MakeMonth(2023, 12)));
  summary.registered_at_end = population.RegisteredAt(data::LastDayOf(MakeMonth(o.to_year, 12)));
  summary.spells = static_cast<std::int64_t>(sim.spells.size());
  summary.unfilled = sim.unfilled;
  summary.min_factor = calibration.min_factor;
  summary.max_factor = calibration.max_factor;
  summary.calibration_misses = calibration.misses;
  return summary;
}

}  // namespace banenmonitor::generate
