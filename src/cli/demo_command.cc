// banenmonitor demo: the main job on embedded data. Generates a small
// synthetic Netherlands, imports it into a fresh workspace, counts every year
// and writes the progress report; prints where it is and three headline numbers.
#include <fmt/format.h>

#include <chrono>
#include <fstream>

#include "banenmonitor/count.h"
#include "banenmonitor/provenance.h"
#include "banenmonitor/workspace.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "generate/generator.h"
#include "report/number_format.h"
#include "report/summary_html.h"

namespace banenmonitor::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kMarker = ".banenmonitor-demo";

struct DemoOptions {
  std::string out = "banenmonitor-demo";
  double scale = 0.05;
  std::uint64_t seed = 2013;
  int to = 2024;
};

int Stop(const Status& s) {
  fmt::print(stderr, "banenmonitor demo: {}\n", s.message());
  return s.exit_code();
}

std::string Percent(const RealisationTable& t, std::string_view scope) {
  const RealisationRow* r = t.Find(scope);
  if (r == nullptr) return "?";
  ExactFigures x = ExactFiguresOf(t, *r);
  if (!x.realisation_pct) return "geen opgave";
  return report::DutchFromFixed(report::FixedRatio(x.realisation_pct->num, x.realisation_pct->den, 1)) + " %";
}

int RunDemo(const DemoOptions& o) {
  auto started = std::chrono::steady_clock::now();
  fs::path out = o.out;
  std::error_code ec;
  // Only ever clear a directory this command made before.
  if (fs::exists(out, ec) && !fs::is_empty(out, ec)) {
    if (!fs::exists(out / kMarker, ec)) {
      return Stop(Status::Usage(fmt::format(
          "{} exists and was not made by banenmonitor demo; choose another place with --out", out.string())));
    }
    fs::remove_all(out, ec);
  }
  fs::create_directories(out, ec);
  std::ofstream(out / kMarker) << "made by banenmonitor demo; the whole directory is replaced on the next run\n";

  Progress progress("demo");
  fs::path delivery_dir = out / "levering";
  generate::GenerateOptions g;
  g.out = delivery_dir;
  g.seed = o.seed;
  g.scale = o.scale;
  g.to_year = o.to;
  fmt::print(stderr, "1/4 Een synthetisch Nederland maken (schaal {}) in {} ...\n", o.scale, delivery_dir.string());
  auto generated = generate::GenerateDelivery(g, [&](std::string_view step, double f) { progress(step, f); });
  progress.Done();
  if (!generated) return Stop(generated.error());

  fs::path ws_dir = out / "werkruimte";
  fmt::print(stderr, "2/4 Importeren in een nieuwe werkruimte {} ...\n", ws_dir.string());
  if (Status s = Workspace::Init(ws_dir, ""); !s.ok()) return Stop(s);
  auto ws = Workspace::Open(ws_dir);
  if (!ws) return Stop(ws.error());
  ImportOptions import_options;
  import_options.label = "demo";
  import_options.progress = [&](std::string_view file, std::int64_t rows) {
    progress(fmt::format("{} {} rijen", file, report::DutchInt(rows)), -1);
  };
  auto imported = ws->Import(delivery_dir, import_options);
  progress.Done();
  if (!imported) return Stop(imported.error());
  if (imported->rejected) return Stop(Status::Internal("the generated delivery did not pass validation"));

  fmt::print(stderr, "3/4 Elk jaar tellen ({} t/m {}) ...\n", g.from_year + 1, o.to);
  auto delivery = ws->Load(imported->snapshot_id, LoadOptions{});
  if (!delivery) return Stop(delivery.error());
  std::vector<RealisationTable> years;
  for (int year = g.from_year + 1; year <= o.to; ++year) {
    auto params = CountingParams::ForYear(ParameterSet::Embedded(), year);
    if (!params) return Stop(params.error());
    auto table = CountJobs(*delivery, CountRequest{year, Window::kQ4}, *params);
    if (!table) return Stop(table.error());
    years.push_back(std::move(*table));
  }

  fmt::print(stderr, "4/4 Het voortgangsrapport schrijven ...\n");
  Provenance provenance{ProgramVersion(), ParameterSet::Embedded().version(), ParameterSet::Embedded().sha256(),
                        fmt::format("werkruimte {}, snapshot {}", ws_dir.string(), imported->snapshot_id),
                        delivery->files};
  fs::path report_path = out / fmt::format("voortgang-banenafspraak-{}.html", o.to);
  std::ofstream report(report_path, std::ios::binary);
  report << report::SummaryHtml(years, provenance);
  report.close();
  if (!report) return Stop(Status::IoError(fmt::format("{}: cannot write the report", report_path.string())));

  const RealisationTable& last = years.back();
  const RealisationTable* before = years.size() > 1 ? &years[years.size() - 2] : nullptr;
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print("Voortgangsrapport: {}\n", fs::absolute(report_path).string());
  fmt::print("Werkruimte:        {} (snapshot {})\n", fs::absolute(ws_dir).string(), imported->snapshot_id);
  fmt::print("Levering:          {}\n\n", fs::absolute(delivery_dir).string());
  const RealisationRow* total = last.Find("total");
  fmt::print("Eind {}, in een synthetisch Nederland op schaal {}:\n", last.year, report::Dutch(o.scale, 2));
  fmt::print("  Banen in het doelgroepregister (totaal): {}\n", report::Dutch(total ? total->jobs : 0, 0));
  fmt::print("  Realisatie overheid: {}{}\n", Percent(last, "government"),
             before ? fmt::format(" (eind {}: {})", before->year, Percent(*before, "government")) : "");
  fmt::print("  Realisatie Rijk:     {}{}\n", Percent(last, "subsector:rijk"),
             before ? fmt::format(" (eind {}: {})", before->year, Percent(*before, "subsector:rijk")) : "");
  fmt::print("\nKlaar in {} seconden. Tel zelf verder met: banenmonitor count --workspace {} --year {} --by subsector\n",
             report::Dutch(seconds, 1), ws_dir.string(), last.year);
  return 0;
}

}  // namespace

static void RegisterDemo(CLI::App& app, const GlobalOptions& global, std::function<int()>& run) {
  auto o = std::make_shared<DemoOptions>();
  auto* cmd = app.add_subcommand(
      "demo", "The main job on embedded data: generate a synthetic Netherlands, import it, count every year and write "
              "the progress report");
  cmd->add_option("--out", o->out, "Directory for the delivery, the workspace and the report (replaced on each run)")
      ->capture_default_str();
  cmd->add_option("--scale", o->scale, "Size of the synthetic Netherlands (1 = the whole country)")
      ->check(CLI::Range(0.001, 1.0))
      ->capture_default_str();
  cmd->add_option("--seed", o->seed, "Random seed (same seed, same data)")->capture_default_str();
  cmd->add_option("--to", o->to, "Last year")->check(CLI::Range(2014, 2025))->capture_default_str();
  cmd->callback([&run, o] { run = [o] { return RunDemo(*o); }; });
  (void)global;
}

BANENMONITOR_REGISTER_COMMAND(5, RegisterDemo);

}  // namespace banenmonitor::cli
