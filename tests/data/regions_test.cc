// The reference table of arbeidsmarktregio's (include/banenmonitor/regions.h).
#include "banenmonitor/regions.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace banenmonitor {
namespace {

TEST(Regions, ThirtyFiveRegionsAndEveryGemeenteOf2026) {
  const RegionTable& t = RegionTable::Embedded();
  EXPECT_EQ(t.year(), 2026);
  EXPECT_EQ(t.version(), "2026.1");
  EXPECT_NE(t.source().find("86247NED"), std::string::npos);
  ASSERT_EQ(t.regions().size(), 35u);
  EXPECT_EQ(t.gemeenten().size(), 342u);  // the gemeenten of 1 January 2026 (CBS)
  std::size_t in_regions = 0;
  std::set<std::string> codes;
  for (const auto& r : t.regions()) {
    EXPECT_FALSE(r.gemeenten.empty()) << r.name;
    in_regions += r.gemeenten.size();
    codes.insert(r.code);
  }
  EXPECT_EQ(in_regions, 342u);
  EXPECT_EQ(codes.size(), 35u);
  auto names = t.Names();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(names.front(), "Achterhoek");
  EXPECT_EQ(names.back(), "Zuidoost-Brabant");
}

TEST(Regions, ResolvesNamesRegionCodesAndGemeentecodes) {
  const RegionTable& t = RegionTable::Embedded();
  EXPECT_EQ(t.Resolve("Groot Amsterdam"), "Groot Amsterdam");
  EXPECT_EQ(t.Resolve("  groot amsterdam "), "Groot Amsterdam");
  EXPECT_EQ(t.Resolve("AM18"), "Groot Amsterdam");
  EXPECT_EQ(t.Resolve("GM0363"), "Groot Amsterdam");
  EXPECT_EQ(t.Resolve("gm363"), "Groot Amsterdam");
  EXPECT_EQ(t.Resolve("GM0518"), "Haaglanden");       // 's-Gravenhage
  EXPECT_EQ(t.Resolve("GM0050"), "Veluwe Stedendriehoek");  // Zeewolde lies in Flevoland, its region does not
  EXPECT_EQ(t.Resolve("GM9999"), std::nullopt);
  EXPECT_EQ(t.Resolve("Amsterdam"), std::nullopt);
  EXPECT_EQ(t.Resolve(""), std::nullopt);
}

TEST(Regions, NearestNameForATypoOrAGemeente) {
  const RegionTable& t = RegionTable::Embedded();
  EXPECT_EQ(t.Nearest("Groot-Amsterdam"), "Groot Amsterdam");
  EXPECT_EQ(t.Nearest("Rijnmnd"), "Rijnmond");
  EXPECT_EQ(t.Nearest("Amsterdam"), "Groot Amsterdam");
  EXPECT_EQ(t.Nearest("Haarlem"), "Zuid-Kennemerland en IJmond");
  EXPECT_EQ(t.Nearest("xyzzy"), std::nullopt);
}

TEST(Regions, GemeentenOfARegion) {
  const RegionTable& t = RegionTable::Embedded();
  std::set<std::string> names;
  for (const Gemeente* g : t.GemeentenOf("Haaglanden")) names.insert(g->name);
  EXPECT_EQ(names, (std::set<std::string>{"'s-Gravenhage", "Delft", "Midden-Delfland", "Rijswijk (ZH.)", "Westland"}));
  EXPECT_TRUE(t.GemeentenOf("Nergensland").empty());
  const Gemeente* utrecht = t.FindGemeente("GM0344");
  ASSERT_NE(utrecht, nullptr);
  EXPECT_EQ(utrecht->region, "Midden-Utrecht");
}

TEST(Regions, AFileWithoutItsSourceIsRefused) {
  std::string error;
  EXPECT_FALSE(RegionTable::FromText("gemeentecode,gemeente,regiocode,arbeidsmarktregio\nGM0001,A,AM01,B\n", &error));
  EXPECT_NE(error.find("source"), std::string::npos);
  EXPECT_FALSE(RegionTable::FromText("# version: 1\n# year: 2026\n# source: x\nh,h,h,h\nGM0001,A,AM01\n", &error));
  EXPECT_NE(error.find("regions.csv:5"), std::string::npos);
}

}  // namespace
}  // namespace banenmonitor
