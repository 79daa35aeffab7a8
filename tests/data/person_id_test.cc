// Person ids in canonical form and BSNs inside text (issue 15 items 1 and 2):
// data/person_id.h, data::ReplaceBsnLikeRuns and Quote, and what loading a
// delivery makes of them.
#include "data/person_id.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "banenmonitor/delivery.h"
#include "common/lang.h"
#include "data/fields.h"

namespace banenmonitor::data {
namespace {

namespace fs = std::filesystem;

struct Classified {
  PersonIdKind kind;
  std::string canonical;
  unsigned repairs;
};

Classified Classify(std::string_view v) {
  std::string buffer;
  PersonIdClass c = ClassifyPersonId(v, buffer);
  return {c.kind, std::string(c.canonical), c.repairs};
}

TEST(PersonId, CanonicalBsnAndPseudonymPassUnchanged) {
  auto bsn = Classify("012345672");
  EXPECT_EQ(bsn.kind, PersonIdKind::kBsn);
  EXPECT_EQ(bsn.canonical, "012345672");
  EXPECT_EQ(bsn.repairs, kRepairNone);
  std::string hex(64, 'a');
  hex[3] = '7';
  auto p = Classify(hex);
  EXPECT_EQ(p.kind, PersonIdKind::kPseudonym);
  EXPECT_EQ(p.canonical, hex);
  EXPECT_EQ(p.repairs, kRepairNone);
}

TEST(PersonId, UpperCaseHexIsFoldedToLowerCase) {
  auto p = Classify(std::string(60, 'A') + "00fF");
  EXPECT_EQ(p.kind, PersonIdKind::kPseudonym);
  EXPECT_EQ(p.canonical, std::string(60, 'a') + "00ff");
  EXPECT_EQ(p.repairs, kRepairUpperHex);
}

TEST(PersonId, SpreadsheetFormsOfOneBsnAreRestoredToTheSameNineDigits) {
  struct Case {
    const char* delivered;
    const char* canonical;
    unsigned repairs;
  };
  const Case cases[] = {
      {"12345672", "012345672", kRepairLeadingZero},
      {"1234560", "001234560", kRepairLeadingZero},
      {"0123456782", "123456782", kRepairTenDigits},
      {"1234.56.782", "123456782", kRepairSeparators},
      {"1234-56-782", "123456782", kRepairSeparators},
      {"123 456 782", "123456782", kRepairSeparators},
      {"12/34/56/782", "123456782", kRepairSeparators},
      {"1234\xC2\xA0" "56\xC2\xA0" "782", "123456782", kRepairSeparators},
      {"0123.45.672", "012345672", kRepairSeparators},
      {"123.45.672", "012345672", kRepairSeparators | kRepairLeadingZero},
      {"NL123456782", "123456782", kRepairCountryPrefix},
      {"nl 1234.56.782", "123456782", kRepairCountryPrefix | kRepairSeparators},
      {"123456782.0", "123456782", kRepairSpreadsheet},
      {"12345672.0", "012345672", kRepairSpreadsheet | kRepairLeadingZero},
      {"'012345672", "012345672", kRepairSpreadsheet},
  };
  for (const auto& c : cases) {
    auto r = Classify(c.delivered);
    EXPECT_EQ(r.kind, PersonIdKind::kBsn) << c.delivered;
    EXPECT_EQ(r.canonical, c.canonical) << c.delivered;
    EXPECT_EQ(r.repairs, c.repairs) << c.delivered;
  }
}

TEST(PersonId, RefusedForms) {
  EXPECT_EQ(Classify("").kind, PersonIdKind::kEmpty);
  EXPECT_EQ(Classify("999900019").kind, PersonIdKind::kBadBsn);
  EXPECT_EQ(Classify("9999.00.019").kind, PersonIdKind::kBadBsn);  // restored, then the elfproef fails
  EXPECT_EQ(Classify("1.23456782E+08").kind, PersonIdKind::kScientific);
  EXPECT_EQ(Classify("1,23457e8").kind, PersonIdKind::kScientific);
  const std::string short_hex(63, 'a');
  for (std::string_view v : {std::string_view("P-17"), std::string_view("ext-01"), std::string_view("123456"),
                             std::string_view("12345678901"), std::string_view("1234567890"),
                             std::string_view("1234..56.782"), std::string_view(".123456782"),
                             std::string_view("123456782-"), std::string_view("abc123456782"),
                             std::string_view(short_hex), std::string_view("already-pseudonymised-17")}) {
    EXPECT_EQ(Classify(v).kind, PersonIdKind::kInvalid) << v;
  }
}

TEST(PersonId, RepairMessagesInDutchAndEnglish) {
  SetMessageLanguage(Language::kDutch);
  EXPECT_EQ(PersonIdRepairMessage(kRepairLeadingZero, 3), "3 ids leken op een BSN zonder voorloopnul en zijn hersteld");
  EXPECT_EQ(PersonIdRepairMessage(kRepairSeparators, 2),
            "2 ids bevatten scheidingstekens (punt, streepje, spatie) en zijn hersteld");
  EXPECT_EQ(PersonIdRepairMessage(kRepairLeadingZero, 1), "1 id leek op een BSN zonder voorloopnul en is hersteld");
  SetMessageLanguage(Language::kEnglish);
  EXPECT_EQ(PersonIdRepairMessage(kRepairLeadingZero, 3), "3 ids looked like a BSN without its leading zero and were restored");
}

TEST(BsnInText, RunsInAnyFormAreMasked) {
  auto mask = [](std::string_view t) { return Quote(t); };
  EXPECT_EQ(mask("Bakkerij 123456782"), "'Bakkerij #########'");
  EXPECT_EQ(mask("Bakkerij 1234.56.782"), "'Bakkerij #########'");
  EXPECT_EQ(mask("Bakkerij 12 34 56 782 BV"), "'Bakkerij ######### BV'");
  EXPECT_EQ(mask("nr 12345672"), "'nr #########'");     // 8 digits: a BSN without its leading zero
  EXPECT_EQ(mask("nr 0123456782"), "'nr #########'");   // 10 digits with a leading zero
  EXPECT_EQ(mask("NL123456782"), "'NL#########'");
  EXPECT_EQ(mask("999900019"), "'#########'");  // 9 plain digits, even failing the elfproef
}

TEST(BsnInText, LoonheffingennummerDatesAndOtherNumbersStay) {
  EXPECT_EQ(Quote("123456789L01"), "'123456789L01'");
  EXPECT_EQ(Quote("12345678L01"), "'12345678L01'");
  EXPECT_EQ(Quote("2023-02-30"), "'2023-02-30'");  // a date shape, though its 8 digits pass the elfproef
  EXPECT_EQ(Quote("1234567890123"), "'1234567890123'");
  EXPECT_EQ(Quote("9999.00.019"), "'9999.00.019'");  // separated and failing the elfproef
  EXPECT_EQ(Quote("12345678"), "'12345678'");        // 012345678 fails the elfproef
}

TEST(BsnInText, ReplaceGetsTheCanonicalForm) {
  std::string seen;
  std::string out = ReplaceBsnLikeRuns("a 0123.45.672 b 12345672 c", [&](std::string_view nine) {
    seen += std::string(nine) + ";";
    return std::string("X");
  });
  EXPECT_EQ(out, "a X b X c");
  EXPECT_EQ(seen, "012345672;012345672;");
}

// A delivery on disk, from file name -> content.
fs::path WriteDelivery(const std::string& name, const std::vector<std::pair<std::string, std::string>>& files) {
  fs::path dir = fs::temp_directory_path() / ("banenmonitor-person-id-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [file, text] : files) std::ofstream(dir / file) << text;
  return dir;
}

const char kEmployers[] =
    "employer_id,name,sector,subsector,organisation,lender\n"
    "100000003L01,Bakkerij 1234.56.782,market,,Team 12 34 56 782,none\n";

TEST(PersonIdLoading, OnePersonWrittenThreeWaysIsOnePersonInCanonicalForm) {
  fs::path dir = WriteDelivery("three-ways",
                               {{"employers.csv", kEmployers},
                                {"register.csv",
                                 "person_id,ground,start_date,end_date\n"
                                 "012345672,wajong,2015-01-01,\n"},
                                {"payroll.csv",
                                 "person_id,employer_id,period,hours,contract,wsw\n"
                                 "12345672,100000003L01,2023-10,10,,0\n"
                                 "0123.45.672,100000003L01,2023-11,10,,0\n"
                                 "012345672,100000003L01,2023-12,10,,0\n"}});
  LoadOptions options;
  auto d = LoadDelivery(dir, options);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->error_count(), 0);
  ASSERT_EQ(d->person_ids.size(), 1u);
  EXPECT_EQ(d->person_ids[0], "012345672");
  EXPECT_EQ(d->payroll.size(), 3u);
  // One warning per kind of repair, at the first id repaired.
  std::vector<std::string> warnings;
  for (const auto& f : d->findings) {
    if (f.kind == "person-id-repaired") warnings.push_back(f.ToString());
  }
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0],
            "payroll.csv:2:1: warning: person_id: 1 id looked like a BSN without its leading zero and was restored "
            "(the first is on this line; they are counted and stored as a BSN of 9 digits)");
  EXPECT_EQ(warnings[1],
            "payroll.csv:3:1: warning: person_id: 1 id contained separators (dot, dash, space) and was restored "
            "(the first is on this line; they are counted and stored as a BSN of 9 digits)");
  EXPECT_EQ(d->person_id_repairs.at("payroll.csv").at("leading-zero"), 1);
  EXPECT_EQ(d->person_id_repairs.at("payroll.csv").at("separators"), 1);
  // The employer's name and organisation: masked, with a warning naming line and column.
  EXPECT_EQ(d->employers[0].name, "Bakkerij #########");
  EXPECT_EQ(d->employers[0].organisation, "Team #########");
  int masked = 0;
  for (const auto& f : d->findings) {
    if (f.kind != "bsn-in-text") continue;
    ++masked;
    EXPECT_EQ(f.file, "employers.csv");
    EXPECT_EQ(f.line, 2);
    EXPECT_TRUE(f.column == 2 || f.column == 5) << f.ToString();
  }
  EXPECT_EQ(masked, 2);
  fs::remove_all(dir);
}

TEST(PersonIdLoading, RefusedIdsNameLineAndColumnAndNeverTheValue) {
  fs::path dir = WriteDelivery("refused",
                               {{"employers.csv", kEmployers},
                                {"register.csv",
                                 "ground,person_id,start_date,end_date\n"
                                 "wajong,1.23456782E+08,2015-01-01,\n"
                                 "wajong,P-17,2015-01-01,\n"
                                 "wajong,9999.00.019,2015-01-01,\n"},
                                {"payroll.csv", "person_id,employer_id,period,hours,contract,wsw\n"}});
  SetMessageLanguage(Language::kEnglish);
  auto d = LoadDelivery(dir, LoadOptions{});
  ASSERT_TRUE(d.has_value());
  std::vector<std::string> errors;
  for (const auto& f : d->findings) {
    if (f.severity == Finding::Severity::kError) errors.push_back(f.ToString());
  }
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].rfind("register.csv:2:2: person_id: a number in scientific notation", 0), 0u) << errors[0];
  EXPECT_NE(errors[0].find("Format the person_id column as text"), std::string::npos) << errors[0];
  EXPECT_EQ(errors[1],
            "register.csv:3:2: person_id: not a person id (expected a BSN of 9 digits passing the elfproef, or a "
            "pseudonymised id of 64 hex digits; value not shown)");
  EXPECT_EQ(errors[2].rfind("register.csv:4:2: person_id: looks like a BSN, but its 9 digits", 0), 0u) << errors[2];
  for (const auto& e : errors) {
    for (const char* raw : {"23456782", "P-17", "9999.00.019", "999900019"}) EXPECT_EQ(e.find(raw), std::string::npos) << e;
  }
  SetMessageLanguage(Language::kDutch);
  auto nl = LoadDelivery(dir, LoadOptions{});
  SetMessageLanguage(Language::kEnglish);
  ASSERT_TRUE(nl.has_value());
  const Finding* line3 = nullptr;
  for (const auto& f : nl->findings) {
    if (f.file == "register.csv" && f.line == 3) line3 = &f;
  }
  ASSERT_NE(line3, nullptr);
  for (const auto& f : nl->findings) {
    if (f.kind == "bsn-in-text" && f.column == 2) {
      EXPECT_EQ(f.ToString(),
                "employers.csv:2:2: warning: name: de naam bevatte een reeks cijfers die op een BSN lijkt; die is "
                "vervangen door ######### (zo opgeslagen en getoond)");
    }
  }
  EXPECT_EQ(line3->ToString(),
            "register.csv:3:2: person_id: geen persoonsnummer (verwacht een BSN van 9 cijfers dat aan de elfproef "
            "voldoet, of een gepseudonimiseerd id van 64 hexadecimale tekens; waarde niet getoond)");
  fs::remove_all(dir);
}

}  // namespace
}  // namespace banenmonitor::data
