// The letter and the memo (`banenmonitor brief`, docs/brief.md): golden files
// of both documents on the worked example and on a small generated delivery,
// the Markdown byte for byte and the Word and OpenDocument files as pandoc
// reads them back to plain text; the same input gives the same bytes in every
// format; every PDF the project writes (the letter, the memo and the progress
// report) is tagged PDF/UA-1; the agenda file and its errors.
//
// After an intended change, rewrite the golden files with
// BANENMONITOR_UPDATE_GOLDEN=1 and review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "generate/generator.h"
#include "report/brief.h"
#include "test_util.h"

namespace banenmonitor::report {
namespace {

namespace fs = std::filesystem;
using banenmonitor::testing::CommandResult;
using banenmonitor::testing::ReadFile;
using banenmonitor::testing::RunCommand;
using banenmonitor::testing::TempDir;

const fs::path kBriefGolden = fs::path(BANENMONITOR_TEST_DIR) / "report" / "golden" / "brief";
const fs::path kRoot = fs::path(BANENMONITOR_TEST_DIR).parent_path();

void ExpectBriefGolden(const std::string& actual, const std::string& name) {
  banenmonitor::testing::ExpectGoldenFile(actual, kBriefGolden / name);
}

// Runs `banenmonitor brief ARGS --out OUT` in the source tree.
CommandResult RunBrief(const std::string& args, const fs::path& out) {
  return RunCommand("cd " + kRoot.string() + " && " + std::string(BANENMONITOR_BINARY) + " brief " + args + " --out " +
                    out.string());
}

// What a reader of the file sees, as pandoc reads it back.
std::string PlainText(const fs::path& file) {
  auto r = RunCommand("pandoc -t plain --columns 100 " + file.string());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

// The PDF is tagged (a structure tree, MarkInfo Marked true), says its
// language and title, and claims PDF/UA-1 in its metadata: read by poppler's
// pdfinfo and, uncompressed by qpdf --qdf, from the file's own objects.
void ExpectTaggedPdf(const fs::path& pdf, const std::string& title) {
  auto info = RunCommand("pdfinfo " + pdf.string());
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("Tagged:          yes"), std::string::npos) << pdf << "\n" << info.out;
  EXPECT_NE(info.out.find("Title:           " + title), std::string::npos) << pdf << "\n" << info.out;
  const fs::path qdf = pdf.string() + ".qdf";
  auto q = RunCommand("qpdf --qdf --object-streams=disable " + pdf.string() + " " + qdf.string());
  ASSERT_EQ(q.exit_code, 0) << q.err;
  const std::string body = ReadFile(qdf);
  EXPECT_NE(body.find("/StructTreeRoot"), std::string::npos) << pdf << ": no structure tree";
  EXPECT_NE(body.find("/Marked true"), std::string::npos) << pdf << ": MarkInfo not Marked";
  EXPECT_NE(body.find("/Lang (nl"), std::string::npos) << pdf << ": no document language";
  EXPECT_NE(body.find("pdfuaid:part=\"1\""), std::string::npos) << pdf << ": no PDF/UA-1 identification";
  EXPECT_NE(body.find("/S /Table"), std::string::npos) << pdf << ": tables are not tagged as tables";
}

constexpr const char* kLetter2023 = "kamerbrief-banenafspraak-overheid-2023";
constexpr const char* kMemo2023 = "beslisnota-banenafspraak-overheid-2023";

TEST(BriefCommand, WorkedExampleGoldenReadBackAndTagged) {
  TempDir out;
  auto r = RunBrief("--data examples/delivery --year 2023 --min-persons 1", out.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* doc : {kLetter2023, kMemo2023}) {
    const std::string base = (out.path() / doc).string();
    ExpectBriefGolden(ReadFile(base + ".md"), std::string(doc) + ".md");
    ExpectBriefGolden(PlainText(base + ".docx"), std::string(doc) + ".docx.txt");
    ExpectBriefGolden(PlainText(base + ".odt"), std::string(doc) + ".odt.txt");
  }
  ExpectTaggedPdf(out.path() / (std::string(kLetter2023) + ".pdf"), "Voortgang banenafspraak overheid 2023");
  ExpectTaggedPdf(out.path() / (std::string(kMemo2023) + ".pdf"), "Beslisnota voortgang banenafspraak overheid 2023");
  // The memo holds the letter as Bijlage 1; no reader's text names a repository path or a command but the Verantwoording.
  const std::string memo = ReadFile(out.path() / (std::string(kMemo2023) + ".md"));
  EXPECT_NE(memo.find("# Bijlage 1: Kamerbrief"), std::string::npos);
  const std::string before_annex = memo.substr(0, memo.find("Verantwoording"));
  EXPECT_EQ(before_annex.find("banenmonitor"), std::string::npos);
  EXPECT_EQ(before_annex.find("docs/"), std::string::npos);
  EXPECT_EQ(before_annex.find(" %"), std::string::npos) << "a percentage without a non-breaking space";
}

TEST(BriefCommand, SameInputSameBytes) {
  TempDir a, b;
  ASSERT_EQ(RunBrief("--data examples/delivery --year 2023 --min-persons 1 --synthetic", a.path()).exit_code, 0);
  ASSERT_EQ(RunBrief("--data examples/delivery --year 2023 --min-persons 1 --synthetic", b.path()).exit_code, 0);
  int compared = 0;
  for (const auto& entry : fs::directory_iterator(a.path())) {
    EXPECT_EQ(ReadFile(entry.path()), ReadFile(b.path() / entry.path().filename())) << entry.path().filename();
    ++compared;
  }
  EXPECT_EQ(compared, 8);
  // Synthetic data: said on the first line, and in the header of every Word and OpenDocument page.
  const std::string letter = ReadFile(a.path() / (std::string(kLetter2023) + ".md"));
  EXPECT_NE(letter.find("**Synthetische gegevens"), std::string::npos);
  auto header = RunCommand("unzip -p " + (a.path() / (std::string(kLetter2023) + ".docx")).string() + " word/header1.xml");
  EXPECT_NE(header.out.find("Synthetische gegevens"), std::string::npos) << header.out;
  auto styles = RunCommand("unzip -p " + (a.path() / (std::string(kLetter2023) + ".odt")).string() + " styles.xml");
  const auto page_header = styles.out.find("<style:header>");
  ASSERT_NE(page_header, std::string::npos) << "the OpenDocument page style has no header";
  EXPECT_EQ(styles.out.find("Synthetische gegevens", page_header), styles.out.find("<text:p", page_header) + 30);
  auto pdf = RunCommand("pdftotext " + (a.path() / (std::string(kMemo2023) + ".pdf")).string() + " -");
  std::size_t pages = 0, banners = 0;
  for (char c : pdf.out) pages += c == '\f';
  for (std::size_t at = pdf.out.find("Synthetische gegevens"); at != std::string::npos; at = pdf.out.find("Synthetische gegevens", at + 1)) {
    ++banners;
  }
  EXPECT_GE(pages, 2u);
  EXPECT_GE(banners, pages) << "every page of the PDF says synthetische gegevens";
}

TEST(BriefCommand, GeneratedDeliveryGolden) {
  TempDir dir, out;
  generate::GenerateOptions o;
  o.out = dir.path() / "levering";
  o.scale = 0.02;
  o.seed = 11;
  o.from_year = 2021;
  o.to_year = 2024;
  ASSERT_TRUE(generate::GenerateDelivery(o).has_value());
  auto r = RunCommand("cd " + dir.path().string() + " && " + std::string(BANENMONITOR_BINARY) +
                      " brief --data levering --year 2024 --synthetic --format md,docx --out " + out.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* doc : {"kamerbrief-banenafspraak-overheid-2024", "beslisnota-banenafspraak-overheid-2024"}) {
    ExpectBriefGolden(ReadFile(out.path() / (std::string(doc) + ".md")), std::string(doc) + ".md");
    ExpectBriefGolden(PlainText(out.path() / (std::string(doc) + ".docx")), std::string(doc) + ".docx.txt");
  }
}

TEST(BriefCommand, ProgressReportPdfIsTagged) {
  TempDir out;
  auto r = RunCommand("cd " + kRoot.string() + " && " + std::string(BANENMONITOR_BINARY) +
                      " report --data examples/delivery --year 2023 --min-persons 1 --format pdf --out " + out.path().string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectTaggedPdf(out.path() / "voortgang-banenafspraak-2023.pdf", "Voortgang banenafspraak 2023");
}

TEST(BriefCommand, AgendaInTheMemo) {
  TempDir out;
  std::ofstream(out.path() / "agenda.csv") << "datum,onderwerp\n2024-06-12,Commissiedebat Participatiewet\n2024-09-03,\"Kamervragen over de banenafspraak, Rijk\"\n";
  auto r = RunBrief("--data examples/delivery --year 2023 --min-persons 1 --format md --agenda " +
                        (out.path() / "agenda.csv").string(),
                    out.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string memo = ReadFile(out.path() / (std::string(kMemo2023) + ".md"));
  EXPECT_NE(memo.find("| 2024-06-12 | Commissiedebat Participatiewet |"), std::string::npos) << memo;
  EXPECT_NE(memo.find("| 2024-09-03 | Kamervragen over de banenafspraak, Rijk |"), std::string::npos);
  // Without --agenda the memo says none was given (the golden files hold that line).
  std::ofstream(out.path() / "bad.csv") << "datum,onderwerp\n12-06-2024,Debat\n";
  auto bad = RunBrief("--data examples/delivery --year 2023 --format md --agenda " + (out.path() / "bad.csv").string(), out.path());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.csv:2:1: date '12-06-2024' is not a date; write YYYY-MM-DD"), std::string::npos) << bad.err;
  std::ofstream(out.path() / "header.csv") << "wanneer,wat\n2024-06-12,Debat\n";
  auto header = RunBrief("--data examples/delivery --year 2023 --format md --agenda " + (out.path() / "header.csv").string(), out.path());
  EXPECT_EQ(header.exit_code, 2);
  EXPECT_NE(header.err.find("header.csv:1: the header must have the columns datum and onderwerp"), std::string::npos) << header.err;
}

}  // namespace
}  // namespace banenmonitor::report
