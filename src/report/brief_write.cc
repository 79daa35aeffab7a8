// Writing the letter and the memo (brief.h): Markdown as the model renders it;
// Word and OpenDocument by pandoc with the built-in reference documents
// (reference_docs.h); the PDF by WeasyPrint as PDF/UA-1 from pandoc's HTML.
// SOURCE_DATE_EPOCH fixes the time pandoc and WeasyPrint write into the files,
// so the same input gives the same bytes. And reading the agenda file.
#include <fmt/format.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <memory>

#include "common/lang.h"
#include "data/csv_reader.h"
#include "report/brief.h"
#include "report/external_program.h"
#include "report/reference_docs.h"

namespace banenmonitor::report {

namespace {

namespace fs = std::filesystem;

// The PDF's page: A4, the banner at the top of every page, page numbers; a
// part ("Bijlage") starts on a new page.
std::string PdfCss(const std::string& banner) {
  std::string quoted;
  for (char c : banner) quoted += c == '"' || c == '\\' ? std::string("\\") + c : std::string(1, c);
  return fmt::format(R"(<style>
@page {{ size: A4; margin: 22mm 20mm 22mm;
  @top-center {{ content: "{}"; font-size: 8pt; font-weight: bold; }}
  @bottom-right {{ content: "Pagina " counter(page) " van " counter(pages); font-size: 8pt; }} }}
html {{ font-family: "DejaVu Sans", Verdana, sans-serif; font-size: 9.5pt; line-height: 1.4; color: #000; }}
body {{ max-width: none; margin: 0; padding: 0; }}
header#title-block-header {{ margin-bottom: 1.2em; }}
h1.title {{ font-size: 15pt; text-align: left; margin: 0 0 .3em; }}
p.subtitle {{ text-align: left; font-size: 10pt; }}
h1 {{ font-size: 13pt; break-before: page; }}
h1.title {{ break-before: auto; }}
h2 {{ font-size: 11.5pt; margin-top: 1.4em; }}
h3, h4 {{ font-size: 10pt; }}
table {{ border-collapse: collapse; font-size: 7pt; margin: .5em 0; width: 100%; }}
caption {{ text-align: left; font-weight: bold; }}
th, td {{ border-bottom: 1px solid #999; padding: 2px 3px; vertical-align: top; }}
td {{ overflow-wrap: anywhere; }}
td:first-child {{ overflow-wrap: normal; }}
</style>
)",
                     quoted);
}

std::optional<std::string_view> Reference(const std::string& name) {
  for (const auto& a : reference::Assets()) {
    if (a.name == name) return a.content;
  }
  return std::nullopt;
}

Status WriteText(const std::string& text, const fs::path& path) {
  std::ofstream file(path, std::ios::binary);
  file << text;
  return file.flush() ? Status::Ok()
                      : Status::IoError(Say("{}: het bestand kan niet worden geschreven", "{}: cannot write the file", path.string()));
}

// A temporary directory, removed with everything in it at the end of its scope.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "banenmonitor-brief-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// What pandoc reads: our Markdown, no raw HTML or TeX (a sector's text is shown, never run), and
// no typographic replacements ("--data" stays a command line option, not an en dash).
constexpr const char* kPandocFrom = "markdown-smart-raw_html-raw_tex-raw_attribute";

Status Pandoc(const std::string& markdown, const std::string& args, long long epoch) {
  auto pandoc = FindOnPath("pandoc");
  if (!pandoc) {
    return Status::NotFound(std::string(Pick(
        "pandoc is niet geïnstalleerd, dus er kan geen Word-, OpenDocument- of PDF-bestand worden gemaakt; installeer "
        "het met `apt-get install pandoc` (Debian 12) of kies --format md",
        "pandoc is not installed, so no Word, OpenDocument or PDF file can be made; install it with `apt-get install "
        "pandoc` (Debian 12) or choose --format md")));
  }
  const std::string command =
      fmt::format("SOURCE_DATE_EPOCH={} {} -f {} {}", epoch, ShellQuote(pandoc->string()), kPandocFrom, args);
  return RunWithInput(command, markdown, "pandoc");
}

// Pandoc 2.17 stamps the entries of an OpenDocument zip with the clock, not
// with SOURCE_DATE_EPOCH. This sets the DOS time of every entry (central
// directory and local headers, APPNOTE 4.3.7 and 4.3.12) to `epoch`; the data
// and their CRCs stay as they are. Four bytes per entry do not call for a zip
// library (libzip would rewrite the archive).
Status StampZip(const fs::path& path, long long epoch) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  auto u16 = [&](std::size_t at) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at]) | static_cast<unsigned char>(bytes[at + 1]) << 8); };
  auto u32 = [&](std::size_t at) { return u16(at) | u16(at + 2) << 16; };
  const auto bad = Status::IoError(Say("{}: geen geldig zip-bestand van pandoc", "{}: not a valid zip file from pandoc", path.string()));
  if (bytes.size() < 22) return bad;
  std::size_t eocd = bytes.size() - 22;
  while (eocd > 0 && u32(eocd) != 0x06054b50) --eocd;
  if (u32(eocd) != 0x06054b50) return bad;
  const std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  const std::uint32_t dos_time = static_cast<std::uint32_t>(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2);
  const std::uint32_t dos_date = static_cast<std::uint32_t>(std::max(tm.tm_year - 80, 0) << 9 | (tm.tm_mon + 1) << 5 | tm.tm_mday);
  auto put = [&](std::size_t at) {
    bytes[at] = static_cast<char>(dos_time & 0xff), bytes[at + 1] = static_cast<char>(dos_time >> 8);
    bytes[at + 2] = static_cast<char>(dos_date & 0xff), bytes[at + 3] = static_cast<char>(dos_date >> 8);
  };
  std::size_t at = u32(eocd + 16);
  for (std::uint32_t i = 0, n = u16(eocd + 10); i < n; ++i) {
    if (at + 46 > bytes.size() || u32(at) != 0x02014b50) return bad;
    const std::size_t local = u32(at + 42);
    if (local + 30 > bytes.size() || u32(local) != 0x04034b50) return bad;
    put(at + 12);
    put(local + 10);
    at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32);
  }
  f.seekp(0);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return f.flush() ? Status::Ok() : bad;
}

Status WriteOffice(const BriefDocument& doc, const std::string& markdown, const std::string& ext, const fs::path& path,
                   long long epoch, const TempDir& tmp) {
  const std::string name = doc.banner.empty() ? "reference." + ext : "reference-synthetisch." + ext;
  auto ref = Reference(name);
  if (!ref || ref->empty()) {
    return Status::NotFound(Say("dit programma is gebouwd zonder pandoc, dus zonder de opmaak van {}-bestanden; installeer "
                                "pandoc (`apt-get install pandoc`) en bouw opnieuw (cmake configureert dan opnieuw)",
                                "this program was built without pandoc, so without the layout of {} files; install pandoc "
                                "(`apt-get install pandoc`) and build again (cmake then configures again)",
                                ext));
  }
  const fs::path ref_path = tmp.path() / name;
  if (Status s = WriteText(std::string(*ref), ref_path); !s.ok()) return s;
  if (Status s = Pandoc(markdown, fmt::format("-t {} --reference-doc {} -o {}", ext, ShellQuote(ref_path.string()),
                                               ShellQuote(path.string())),
                        epoch);
      !s.ok()) {
    return s;
  }
  return StampZip(path, epoch);
}

Status WriteBriefPdf(const BriefDocument& doc, const std::string& markdown, const fs::path& path, long long epoch,
                     const TempDir& tmp) {
  auto weasyprint = FindOnPath("weasyprint");
  if (!weasyprint) {
    return Status::NotFound(std::string(Pick("weasyprint is niet geïnstalleerd, dus er kan geen PDF worden gemaakt; "
                                             "installeer het met `apt-get install weasyprint` (Debian 12)",
                                             "weasyprint is not installed, so no PDF can be made; install it with "
                                             "`apt-get install weasyprint` (Debian 12)")));
  }
  const fs::path css = tmp.path() / (doc.file_stem + "-style.html"), html = tmp.path() / (doc.file_stem + ".html");
  if (Status s = WriteText(PdfCss(doc.banner), css); !s.ok()) return s;
  if (Status s = Pandoc(markdown, fmt::format("-t html5 --standalone -H {} -o {}", ShellQuote(css.string()), ShellQuote(html.string())),
                        epoch);
      !s.ok()) {
    return s;
  }
  const std::string command = fmt::format("SOURCE_DATE_EPOCH={} {} --quiet --pdf-variant pdf/ua-1 {} {}", epoch,
                                          ShellQuote(weasyprint->string()), ShellQuote(html.string()), ShellQuote(path.string()));
  return RunWithInput(command, "", Say("{}: weasyprint", "{}: weasyprint", path.string()));
}

}  // namespace

bool PandocAvailable() { return FindOnPath("pandoc").has_value(); }

WrittenBrief WriteBriefFiles(const BriefPackage& package, const fs::path& dir, const std::set<std::string>& formats,
                             long long epoch) {
  WrittenBrief out;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    out.failures.push_back(Status::IoError(
        Say("{}: de map kan niet worden aangemaakt ({})", "{}: cannot create the directory ({})", dir.string(), ec.message())));
    return out;
  }
  TempDir tmp;
  if (tmp.path().empty()) {
    out.failures.push_back(Status::IoError(std::string(Pick("er kan geen tijdelijke map worden gemaakt", "cannot make a temporary directory"))));
    return out;
  }
  for (const BriefDocument* doc : {&package.letter, &package.memo}) {
    const std::string markdown = RenderDocMarkdown(*doc);
    const fs::path base = dir / doc->file_stem;
    auto note = [&](const Status& s, const fs::path& path) {
      if (s.ok()) out.files.push_back(path);
      else out.failures.push_back(s);
    };
    if (formats.contains("md")) note(WriteText(markdown, base.string() + ".md"), base.string() + ".md");
    for (const char* ext : {"docx", "odt"}) {
      if (formats.contains(ext)) {
        const fs::path path = base.string() + "." + ext;
        note(WriteOffice(*doc, markdown, ext, path, epoch, tmp), path);
      }
    }
    if (formats.contains("pdf")) note(WriteBriefPdf(*doc, markdown, base.string() + ".pdf", epoch, tmp), base.string() + ".pdf");
  }
  return out;
}

Result<std::vector<AgendaItem>> ReadAgenda(const fs::path& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) {
    return Fail(Status::NotFound(Say("{}: het agendabestand kan niet worden geopend", "{}: cannot open the agenda file", path.string())));
  }
  data::CsvReader reader(file.get(), 1 << 16, 0);
  data::CsvRecord record;
  data::CsvError error;
  std::vector<AgendaItem> items;
  bool header = true;
  int date_col = -1, subject_col = -1;
  while (reader.Next(record, error)) {
    if (!error.message.empty()) {
      return Fail(Status::InvalidInput(Say("{}:{}:{}: {}", "{}:{}:{}: {}", path.string(), error.line, error.column, error.message)));
    }
    if (header) {
      for (std::size_t i = 0; i < record.fields.size(); ++i) {
        if (record.fields[i] == "datum") date_col = static_cast<int>(i);
        if (record.fields[i] == "onderwerp") subject_col = static_cast<int>(i);
      }
      if (date_col < 0 || subject_col < 0) {
        return Fail(Status::InvalidInput(Say("{}:1: de kopregel moet de kolommen datum en onderwerp hebben (docs/brief.md)",
                                             "{}:1: the header must have the columns datum and onderwerp (docs/brief.md)",
                                             path.string())));
      }
      header = false;
      continue;
    }
    auto field = [&](int col) { return static_cast<std::size_t>(col) < record.fields.size() ? std::string(record.fields[col]) : std::string(); };
    AgendaItem item{field(date_col), field(subject_col)};
    const bool date_ok = item.date.size() == 10 && item.date[4] == '-' && item.date[7] == '-' &&
                         item.date.find_first_not_of("0123456789-") == std::string::npos;
    if (!date_ok) {
      return Fail(Status::InvalidInput(Say("{}:{}:{}: datum '{}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2024-06-12",
                                           "{}:{}:{}: date '{}' is not a date; write YYYY-MM-DD, e.g. 2024-06-12",
                                           path.string(), record.line, date_col + 1, item.date)));
    }
    if (item.subject.empty()) {
      return Fail(Status::InvalidInput(Say("{}:{}:{}: het onderwerp is leeg; zeg wat er op de agenda staat",
                                           "{}:{}:{}: the subject is empty; say what is on the agenda", path.string(),
                                           record.line, subject_col + 1)));
    }
    items.push_back(std::move(item));
  }
  if (header) {
    return Fail(Status::InvalidInput(Say("{}: het agendabestand is leeg; de eerste regel is de kopregel datum,onderwerp",
                                         "{}: the agenda file is empty; its first line is the header datum,onderwerp", path.string())));
  }
  return items;
}

}  // namespace banenmonitor::report
