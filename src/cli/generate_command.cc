// banenmonitor generate: writes a synthetic Netherlands (docs/calibration.md).
#include <fmt/format.h>

#include <chrono>
#include <cstdio>

#include "cli/commands.h"
#include "cli/progress.h"
#include "common/lang.h"
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
  fmt::print("{}\n",
             Say("Een synthetisch Nederland op schaal {} (seed {}, december {} t/m december {}) geschreven naar {}:",
                 "Wrote a synthetic Netherlands at scale {} (seed {}, December {} to December {}) to {}:", o.scale,
                 o.seed, o.from, o.to, o.out));
  for (const auto& f : summary->files) {
    fmt::print("{}\n", Say("  {:<20} {:>12} rijen {:>14} bytes", "  {:<20} {:>12} rows {:>14} bytes", f.name,
                           Thousands(static_cast<std::uint64_t>(f.rows)), Thousands(f.bytes)));
  }
  fmt::print("{}\n", Say("Werkgevers: {}. Personen in register.csv: {}; geregistreerd op 31 december {}: {}.",
                         "Employers: {}. Persons in register.csv: {}; registered on 31 December {}: {}.",
                         Thousands(static_cast<std::uint64_t>(summary->employers)),
                         Thousands(static_cast<std::uint64_t>(summary->persons)), o.to,
                         Thousands(static_cast<std::uint64_t>(summary->registered_at_end))));
  fmt::print("{}\n", Say("Kalibratiefactoren op de gesimuleerde uren: {:.3f} tot {:.3f}.",
                         "Calibration factors on the simulated hours: {:.3f} to {:.3f}.", summary->min_factor,
                         summary->max_factor));
  if (summary->unfilled > 0) {
    fmt::print("{}\n", Say("Persoonsmaanden van vacatures die het register niet kon vullen: {}.",
                           "Person-months of vacancies the register could not fill: {}.",
                           Thousands(static_cast<std::uint64_t>(summary->unfilled))));
  }
  for (const auto& miss : summary->calibration_misses) {
    fmt::print(stderr, "{}\n",
               Say("banenmonitor generate: waarschuwing: geen getelde uren om op te kalibreren voor {}",
                   "banenmonitor generate: warning: no counted hours to calibrate for {}", miss));
  }
  const auto rows = Thousands(static_cast<std::uint64_t>(summary->total_rows()));
  const auto per_second =
      Thousands(static_cast<std::uint64_t>(static_cast<double>(summary->total_rows()) / std::max(seconds, 1e-9)));
  fmt::print(stderr, "{}\n",
             Say("generate: {} rijen in {:.1f} s ({} rijen per seconde)",
                 "generate: {} rows in {:.1f} s ({} rows a second)", rows, seconds, per_second));
  return 0;
}

void AddGenerateOptions(CLI::App* cmd, GenerateCommandOptions& o) {
  cmd->add_option(
         "--out", o.out,
         Help("Map waarin de levering wordt geschreven (gemaakt als hij ontbreekt; bestanden worden vervangen)",
              "Directory to write the delivery into (created when missing; files are replaced)"))
      ->required();
  cmd->add_option("--seed", o.seed,
                  Help("Startwaarde van het toeval: dezelfde waarde en opties geven dezelfde bytes",
                       "Seed of the random numbers: the same seed and options give the same bytes"))
      ->capture_default_str();
  cmd->add_option("--scale", o.scale,
                  Help("Omvang ten opzichte van Nederland: 1 = ongeveer 270.000 geregistreerde personen; 0.02 voor een "
                       "snelle test",
                       "Size relative to the Netherlands: 1 = about 270,000 registered persons; 0.02 for a quick test"))
      ->check(CLI::Range(0.001, 10.0))
      ->capture_default_str();
  cmd->add_option("--from", o.from,
                  Help("Eerste jaar: de loonregels beginnen in december van dit jaar (2012 = de nulmeting)",
                       "First year: payroll starts in December of this year (2012 = the nulmeting)"))
      ->check(CLI::Range(2012, 2024))
      ->capture_default_str();
  cmd->add_option("--to", o.to,
                  Help("Laatste jaar: de loonregels eindigen in december van dit jaar (hoogstens 2025)",
                       "Last year: payroll ends in December of this year (at most 2025)"))
      ->check(CLI::Range(2013, 2025))
      ->capture_default_str();
}

}  // namespace

BANENMONITOR_COMMAND(
    30, "generate",
    Help("Schrijf een synthetisch Nederland: een levering van werkgevers, register, maandelijkse loonregels, "
         "inleen, opgaven, werkgeversuren en social return, gekalibreerd op de gepubliceerde resultaten van de "
         "banenafspraak (docs/calibration.md).",
         "Write a synthetic Netherlands: a delivery of employers, register, monthly payroll, hire-in, targets, "
         "employer "
         "hours and social return, calibrated to the published results of the banenafspraak (docs/calibration.md)."),
    AddGenerateOptions, RunGenerate);

}  // namespace banenmonitor::cli
