// banenmonitor demo: the main job on embedded data. Generates a small
// synthetic Netherlands, imports it into a fresh workspace, counts every year
// and writes the progress report; prints where it is and three headline numbers.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <fstream>
#include <set>

#include "banenmonitor/count.h"
#include "banenmonitor/provenance.h"
#include "banenmonitor/workspace.h"
#include "cli/brief_command.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "common/lang.h"
#include "generate/generator.h"
#include "common/number_format.h"
#include "report/brief.h"
#include "report/progress_report.h"
#include "report/report_render.h"
#include "report/text_table.h"

namespace banenmonitor::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kMarker = ".banenmonitor-demo";
constexpr int kFirstReportYear = 2015;  // the trends of the report start with the first targets

struct DemoOptions {
  std::string out = "banenmonitor-demo";
  double scale = generate::kDemoScale;
  std::uint64_t seed = 2013;
  int to = 2024;
};

// The rows of the report's Rijk table (the ministries and Binnenwerk) and
// those whose jobs disclosure control hides.
struct MinistryRows {
  int all = 0;
  std::vector<std::string> secret;
};
MinistryRows ReadableMinistries(const report::ProgressReport& r) {
  MinistryRows out;
  for (const auto& s : r.sections) {
    for (const auto& t : s.tables) {
      if (t.id != "Rijk") continue;
      for (std::size_t i = 0; i < t.rows.size(); ++i) {
        if (t.total_rows[i] || t.rows[i].size() < 3) continue;
        ++out.all;
        if (t.rows[i][2].secret) out.secret.push_back(t.rows[i][0].text);
      }
    }
  }
  return out;
}

int RunDemo(const DemoOptions& o) {
  auto started = std::chrono::steady_clock::now();
  fs::path out = o.out;
  std::error_code ec;
  // Only ever clear a directory this command made before.
  if (fs::exists(out, ec) && !fs::is_empty(out, ec)) {
    if (!fs::exists(out / kMarker, ec)) {
      return ReportFailure(
          "demo",
          Status::Usage(Say("{} bestaat al en is niet door banenmonitor demo gemaakt; kies een andere plek met --out",
                            "{} exists and was not made by banenmonitor demo; choose another place with --out",
                            out.string())));
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
  if (!generated) return ReportFailure("demo", generated.error());

  fs::path ws_dir = out / "werkruimte";
  fmt::print(stderr, "2/4 Importeren in een nieuwe werkruimte {} ...\n", ws_dir.string());
  if (Status s = Workspace::Init(ws_dir, ""); !s.ok()) return ReportFailure("demo", s);
  auto ws = Workspace::Open(ws_dir);
  if (!ws) return ReportFailure("demo", ws.error());
  ImportOptions import_options;
  import_options.label = "demo";
  import_options.progress = [&](std::string_view file, std::int64_t rows) {
    progress(fmt::format("{} {} rijen", file, DutchInt(rows)), -1);
  };
  auto imported = ws->Import(delivery_dir, import_options);
  progress.Done();
  if (!imported) return ReportFailure("demo", imported.error());
  if (imported->rejected) {
    return ReportFailure(
        "demo", Status::Internal(std::string(Pick("de gegenereerde levering voldoet niet aan het gegevenscontract",
                                                  "the generated delivery did not pass validation"))));
  }

  fmt::print(stderr, "3/4 Elk jaar tellen ({} t/m {}) en het voortgangsrapport opstellen ...\n", kFirstReportYear, o.to);
  auto delivery = ws->Load(imported->snapshot_id, LoadOptions{});
  if (!delivery) return ReportFailure("demo", delivery.error());
  report::ProgressReportRequest request;
  request.year = o.to;
  request.first_year = std::max(kFirstReportYear, g.from_year + 1);
  request.source = fmt::format("werkruimte {}, snapshot {}", ws_dir.string(), imported->snapshot_id);
  if (auto snapshots = ws->Snapshots()) {
    for (const auto& s : *snapshots) {
      if (s.id == imported->snapshot_id) request.recorded_at = s.imported_at;
    }
  }
  auto built = report::BuildProgressReport(std::move(*delivery), request, ParameterSet::Embedded());
  if (!built) return ReportFailure("demo", built.error());

  std::set<std::string> formats = {"html", "xlsx", "md"};
  if (report::PdfAvailable()) formats.insert("pdf");
  fmt::print(stderr, "4/4 Het voortgangsrapport schrijven ({}) ...\n", fmt::join(formats, ", "));
  auto written = report::WriteReportFiles(*built, out, formats);
  if (!written.failures.empty()) return ReportFailure("demo", written.failures.front());

  // The letter and the memo on the same snapshot, saying on every page that the data are synthetic.
  auto again = ws->Load(imported->snapshot_id, report::ProgressReportLoadOptions(request));
  if (!again) return ReportFailure("demo", again.error());
  report::BriefRequest brief;
  brief.report = request;
  brief.report.first_year = o.to - 1;
  brief.recount_source = fmt::format("--workspace {} --snapshot {}", ws_dir.string(), imported->snapshot_id);
  auto package = report::BuildBrief(std::move(*again), brief, ParameterSet::Embedded());
  if (!package) return ReportFailure("demo", package.error());
  std::set<std::string> brief_formats = {"md"};
  if (report::PandocAvailable()) brief_formats.insert({"docx", "odt"});
  if (report::PandocAvailable() && report::PdfAvailable()) brief_formats.insert("pdf");
  auto letters = report::WriteBriefFiles(*package, out, brief_formats, BriefEpoch(request.recorded_at, o.to));
  if (!letters.failures.empty()) return ReportFailure("demo", letters.failures.front());

  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print("Voortgangsrapport: {}\n", fs::absolute(written.files.front()).string());
  for (std::size_t i = 1; i < written.files.size(); ++i) fmt::print("                   {}\n", fs::absolute(written.files[i]).string());
  if (!formats.contains("pdf")) fmt::print("                   (geen PDF: installeer weasyprint)\n");
  for (std::size_t i = 0; i < letters.files.size(); ++i) {
    fmt::print("{}{}\n", i == 0 ? "Brief en nota:     " : "                   ", fs::absolute(letters.files[i]).string());
  }
  if (!report::PandocAvailable()) fmt::print("                   (geen Word, OpenDocument en PDF: installeer pandoc)\n");
  fmt::print("Werkruimte:        {} (snapshot {})\n", fs::absolute(ws_dir).string(), imported->snapshot_id);
  fmt::print("Levering:          {}\n\n", fs::absolute(delivery_dir).string());
  fmt::print("Synthetische gegevens (levering/delivery.csv: synthetic = 1): geen meting. Eind {}, in een synthetisch "
             "Nederland op schaal {} (uit de kern van het rapport):\n",
             o.to, Dutch(o.scale, 2));
  const auto& kern = built->sections.front().paragraphs;
  for (std::size_t i = 0; i < kern.size() && i < 4; ++i) fmt::print("{}", report::Wrap("  " + kern[i], 100));
  const MinistryRows ministries = ReadableMinistries(*built);
  fmt::print("\nRijk per ministerie: {} van {} leesbaar",
             ministries.all - static_cast<int>(ministries.secret.size()), ministries.all);
  if (!ministries.secret.empty()) {
    fmt::print("; geheim (x): {}. Die tellen op schaal {} minder dan {} personen, of zijn verborgen zodat een klein "
               "ministerie niet uit het totaal van het Rijk is terug te rekenen (AZ heeft ook landelijk maar enkele "
               "tientallen banen); een grotere --scale maakt meer leesbaar, maar de demo duurt dan langer",
               fmt::join(ministries.secret, ", "), Dutch(o.scale, 2), built->min_persons);
  }
  fmt::print(".\n");
  fmt::print("\nDe kern van de beslisnota:\n");
  for (const auto& p : report::KernParagraphs(package->kern)) fmt::print("{}", report::Wrap("  " + p, 100));
  fmt::print("\nKlaar in {} seconden. Tel zelf verder met: banenmonitor count --workspace {} --year {} --by subsector\n",
             Dutch(seconds, 1), ws_dir.string(), o.to);
  return 0;
}

void AddDemoOptions(CLI::App* cmd, DemoOptions& o) {
  cmd->add_option("--out", o.out,
                  Help("Map voor de levering, de werkruimte en het rapport (bij elke run vervangen)",
                       "Directory for the delivery, the workspace and the report (replaced on each run)"))
      ->capture_default_str();
  cmd->add_option("--scale", o.scale,
                  Help("Omvang van het synthetische Nederland (1 = het hele land)",
                       "Size of the synthetic Netherlands (1 = the whole country)"))
      ->check(CLI::Range(0.001, 1.0))
      ->capture_default_str();
  cmd->add_option(
         "--seed", o.seed,
         Help("Startwaarde van het toeval (zelfde waarde, zelfde gegevens)", "Random seed (same seed, same data)"))
      ->capture_default_str();
  cmd->add_option("--to", o.to, Help("Laatste jaar", "Last year"))
      ->check(CLI::Range(2014, 2025))
      ->capture_default_str();
}

}  // namespace

BANENMONITOR_COMMAND(
    5, "demo",
    Help("Het hoofdwerk op ingebouwde gegevens: maak een synthetisch Nederland, importeer het, tel elk jaar en "
         "schrijf het voortgangsrapport",
         "The main job on embedded data: generate a synthetic Netherlands, import it, count every year and write "
         "the progress report"),
    AddDemoOptions, RunDemo);

}  // namespace banenmonitor::cli
