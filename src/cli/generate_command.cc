// banenmonitor generate: writes a synthetic Netherlands (docs/calibration.md).
#include <fmt/format.h>

#include <chrono>
#include <cstdio>

#include "cli/commands.h"
#include "cli/progress.h"
#include "generate/generator.h"

namespace banenmonitor::cli {

namespace {

struct GenerateCommandOptions {
  std::string out;
  std::uint64_t seed = 2013;
  double scale = 1.0;
  int from = 2012;
  int to = 2024;
};

std::string Thousands(std::uint64_t v) {
  std::string digits = std::to_string(v), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

int RunGenerate(const GenerateCommandOptions& o) {
  generate::GenerateOptions options;
  options.out = o.out;
  options.seed = o.seed;
  options.scale = o.scale;
  options.from_year = o.from;
  options.to_year = o.to;
  Progress progress("generate");
  auto started = std::chrono::steady_clock::now();
  auto summary = generate::GenerateDelivery(options, [&](std::string_view step, double f) { progress(step, f); });
  progress.Done();
  if (!summary) {
    fmt::print(stderr, "banenmonitor generate: {}\n", summary.error().message());
    return summary.error().exit_code();
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print("Wrote a synthetic Netherlands at scale {} (seed {}, December {} to December {}) to {}:\n", o.scale,
             o.seed, o.from, o.to, o.out);
  for (const auto& f : summary->files) {
    fmt::print("  {:<20} {:>12} rows {:>14} bytes\n", f.name, Thousands(static_cast<std::uint64_t>(f.rows)),
               Thousands(f.bytes));
  }
  fmt::print("Employers: {}. Persons in register.csv: {}; registered on 31 December {}: {}.\n",
             Thousands(static_cast<std::uint64_t>(summary->employers)), Thousands(static_cast<std::uint64_t>(summary->persons)),
             o.to, Thousands(static_cast<std::uint64_t>(summary->registered_at_end)));
  fmt::print("Calibration factors on the simulated hours: {:.3f} to {:.3f}.\n", summary->min_factor, summary->max_factor);
  if (summary->unfilled > 0) {
    fmt::print("Person-months of vacancies the register could not fill: {}.\n", Thousands(static_cast<std::uint64_t>(summary->unfilled)));
  }
  for (const auto& miss : summary->calibration_misses) {
    fmt::print(stderr, "banenmonitor generate: warning: no counted hours to calibrate for {}\n", miss);
  }
  fmt::print(stderr, "generate: {} rows in {:.1f} s ({} rows a second)\n", Thousands(static_cast<std::uint64_t>(summary->total_rows())),
             seconds, Thousands(static_cast<std::uint64_t>(static_cast<double>(summary->total_rows()) / std::max(seconds, 1e-9))));
  return 0;
}

}  // namespace

static void RegisterGenerate(CLI::App& app, const GlobalOptions& global, std::function<int()>& run) {
  auto options = std::make_shared<GenerateCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "generate",
      "Write a synthetic Netherlands: a delivery of employers, register, monthly payroll, hire-in, targets, employer "
      "hours and social return, calibrated to the published results of the banenafspraak (docs/calibration.md).");
  cmd->add_option("--out", options->out, "Directory to write the delivery into (created when missing; files are replaced)")
      ->required();
  cmd->add_option("--seed", options->seed, "Seed of the random numbers: the same seed and options give the same bytes")
      ->capture_default_str();
  cmd->add_option("--scale", options->scale,
                  "Size relative to the Netherlands: 1 = about 270,000 registered persons; 0.02 for a quick test")
      ->check(CLI::Range(0.001, 10.0))
      ->capture_default_str();
  cmd->add_option("--from", options->from, "First year: payroll starts in December of this year (2012 = the nulmeting)")
      ->check(CLI::Range(2012, 2024))
      ->capture_default_str();
  cmd->add_option("--to", options->to, "Last year: payroll ends in December of this year (at most 2025)")
      ->check(CLI::Range(2013, 2025))
      ->capture_default_str();
  cmd->callback([&run, options, &global] {
    (void)global;
    run = [options] { return RunGenerate(*options); };
  });
}

BANENMONITOR_REGISTER_COMMAND(30, RegisterGenerate);

}  // namespace banenmonitor::cli
