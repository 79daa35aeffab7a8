// Writing the files of a generated delivery.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "banenmonitor/status.h"
#include "generate/calibration.h"
#include "generate/employers.h"
#include "generate/generator.h"
#include "generate/plan.h"
#include "generate/population.h"
#include "generate/simulation.h"

namespace banenmonitor::generate {

struct World {
  const GenerateOptions& options;
  const Plan& plan;
  const EmployerUniverse& employers;
  const Population& population;
  const Simulation& sim;
  const Calibration& calibration;
  const std::vector<std::string>& employer_regions;  // per employer (regions_place.h)
  const std::vector<std::string>& person_regions;    // per person of population.persons
};

// employers.csv and register.csv (with their region column), targets.csv and delivery.csv (synthetic = 1), in that order.
Result<std::vector<FileSummary>> WriteStaticFiles(const World& w, std::int64_t& persons_written);
// payroll.csv, hire_in.csv, sroi.csv and employer_hours.csv, month by month.
Result<std::vector<FileSummary>> WriteMonthlyFiles(const World& w, const ProgressFn& progress);

}  // namespace banenmonitor::generate
