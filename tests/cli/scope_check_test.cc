// Scopes are checked wherever a user names one on the command line (issue 15
// item 8): user add --scope and every analysis's --explain refuse an unknown
// scope with the nearest valid one (count::UnknownScopeMessage).
#include <gtest/gtest.h>

#include <string>

#include "common/lang.h"
#include "count/scope_names.h"
#include "test_util.h"

namespace banenmonitor {
namespace {

using testing::kBinary;
using testing::kExample;
using testing::RunCommand;
using testing::TempDir;

TEST(ScopeNames, TheNearestScopeIsATypoAwayOrNone) {
  auto known = count::KnownScopes({Employer{"100000002L01", "Ministerie BZK", Sector::kGovernment, "rijk", "BZK",
                                            LenderKind::kNone}});
  EXPECT_EQ(count::NearestScope("subsector:gemente", known), "subsector:gemeenten");
  EXPECT_EQ(count::NearestScope("goverment", known), "government");
  EXPECT_EQ(count::NearestScope("gemeenten", known), "subsector:gemeenten");  // without its prefix
  EXPECT_EQ(count::NearestScope("organisation:BZKK", known), "organisation:BZK");
  EXPECT_EQ(count::NearestScope("employer:100000002L0", known), "employer:100000002L01");
  EXPECT_EQ(count::NearestScope("subsector:ziekenhuizen", known), std::nullopt);
  EXPECT_EQ(count::NearestScope("", known), std::nullopt);
  EXPECT_TRUE(count::CheckScopeKnown("subsector:umc", known).ok()) << "a code of the data contract";
  EXPECT_TRUE(count::CheckScopeKnown("organisation:BZK", known).ok());
  EXPECT_FALSE(count::CheckScopeKnown("organisation:JenV", known).ok()) << "not in the data";
  Status s = count::CheckScopeKnown("subsector:gemente", known);
  EXPECT_EQ(s.code(), Status::Code::kUsage);
  EXPECT_EQ(s.message(), "unknown scope 'subsector:gemente'; did you mean subsector:gemeenten?");
  // A BSN typed as a scope is masked like any value in a message.
  EXPECT_EQ(count::CheckScopeKnown("employer:123456782", known).message().find("123456782"), std::string::npos);
}

TEST(ScopeNames, TheMessageIsDutchByDefault) {
  Language before = MessageLanguage();
  SetMessageLanguage(Language::kDutch);
  std::string nl = count::UnknownScopeMessage("subsector:gemente", count::FixedScopes());
  std::string none = count::UnknownScopeMessage("iets", count::FixedScopes());
  SetMessageLanguage(before);
  EXPECT_EQ(nl, "onbekende scope 'subsector:gemente'; bedoelt u subsector:gemeenten?");
  EXPECT_NE(none.find("onbekende scope 'iets' (verwacht total, market, government"), std::string::npos) << none;
}

TEST(ScopeCheck, UserAddRefusesAnUnknownScopeWithTheNearestOne) {
  TempDir root;
  std::string ws = (root.path() / "ws").string();
  ASSERT_EQ(RunCommand(kBinary + " init " + ws).exit_code, 0);
  auto add = [&](const std::string& name, const std::string& scope) {
    return RunCommand("echo 'een wachtwoord van lengte' | " + kBinary + " user add " + ws + " " + name +
                      " --role sector --scope " + scope + " --password-stdin");
  };
  // No snapshot yet: the form and the fixed codes are checked; a ministry cannot be yet.
  auto typo = add("vng", "subsector:gemente");
  EXPECT_EQ(typo.exit_code, 64);
  EXPECT_NE(typo.err.find("--scope: unknown scope 'subsector:gemente'; did you mean subsector:gemeenten?"),
            std::string::npos)
      << typo.err;
  EXPECT_EQ(add("bzk", "organisation:BZKK").exit_code, 0) << "no snapshot to check a ministry against";
  EXPECT_EQ(add("vng", "subsector:gemeenten").exit_code, 0);
  // With a snapshot, a ministry must be one of its organisations.
  ASSERT_EQ(RunCommand(kBinary + " import " + ws + " --data " + kExample.string()).exit_code, 0);
  auto ministry = add("bzk2", "organisation:BZKK");
  EXPECT_EQ(ministry.exit_code, 64);
  EXPECT_NE(ministry.err.find("did you mean organisation:BZK?"), std::string::npos) << ministry.err;
  EXPECT_EQ(add("bzk3", "organisation:BZK").exit_code, 0);
  auto nl = RunCommand("echo 'een wachtwoord van lengte' | BANENMONITOR_LANG=nl " + kBinary + " user add " + ws +
                       " x --role sector --scope subsector:gemente --password-stdin");
  EXPECT_NE(nl.err.find("onbekende scope 'subsector:gemente'; bedoelt u subsector:gemeenten?"), std::string::npos)
      << nl.err;
  auto list = RunCommand(kBinary + " user list " + ws);
  EXPECT_EQ(list.out.find("bzk2"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find("x "), std::string::npos) << list.out;
}

TEST(ScopeCheck, EveryExplainRefusesAnUnknownScopeWithTheNearestOne) {
  const std::string data = " --data " + kExample.string();
  for (const char* command : {"quotum --year 2023", "scenario --year 2023 --regime current", "quality --year 2023",
                                     "project"}) {
    auto r = RunCommand(kBinary + " " + command + data + " --explain subsector:gemente");
    EXPECT_EQ(r.exit_code, 64) << command << ": " << r.err;
    EXPECT_NE(r.err.find("unknown scope 'subsector:gemente'; did you mean subsector:gemeenten?"), std::string::npos)
        << command << ": " << r.err;
    auto employer = RunCommand(kBinary + " " + command + data + " --explain employer:100000002L1");
    EXPECT_EQ(employer.exit_code, 64) << command << ": " << employer.err;
    EXPECT_NE(employer.err.find("did you mean employer:100000002L01?"), std::string::npos) << command << ": "
                                                                                            << employer.err;
  }
}

}  // namespace
}  // namespace banenmonitor
