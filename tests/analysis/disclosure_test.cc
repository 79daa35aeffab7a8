#include "analysis/disclosure.h"

#include <gtest/gtest.h>

#include <random>

#include "report/disclosure_audit.h"

namespace banenmonitor {
namespace {

using report::testing::AuditPrimary;
using report::testing::AuditRecoverable;

DisclosureResult ProtectOk(const DisclosureTable& t, long long min_persons = 10) {
  auto r = Protect(t, DisclosureOptions{min_persons});
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message());
  return r ? *r : DisclosureResult{};
}

TEST(Disclosure, AuditFindsACellGivenAwayByATotal) {
  // The audit must be able to fail: total 30 = a + b + c with only a hidden.
  DisclosureTable t;
  auto total = t.Add("total", 40, 30);
  auto a = t.Add("a", 3, 2), b = t.Add("b", 20, 12), c = t.Add("c", 17, 16);
  t.Relate(total, {a, b, c});
  DisclosureResult only_a;
  only_a.status = {Disclosure::kPublished, Disclosure::kPrimary, Disclosure::kPublished, Disclosure::kPublished};
  EXPECT_EQ(AuditRecoverable(t, only_a), std::vector<std::string>{"a"});
  EXPECT_EQ(RecoverableCells(t, {false, true, false, false}), std::vector<std::size_t>{a});
}

TEST(Disclosure, PrimaryAndTheSmallestSiblingAreHidden) {
  DisclosureTable t;
  auto total = t.Add("total", 40, 30);
  auto a = t.Add("a", 3, 2), b = t.Add("b", 20, 12), c = t.Add("c", 17, 16);
  t.Relate(total, {a, b, c});
  auto r = ProtectOk(t);
  EXPECT_EQ(r.status[a], Disclosure::kPrimary);
  EXPECT_EQ(r.status[b], Disclosure::kSecondary);  // 12 < 16 < 30: least loss
  EXPECT_EQ(r.status[c], Disclosure::kPublished);
  EXPECT_EQ(r.status[total], Disclosure::kPublished);
  EXPECT_EQ(r.primary, 1u);
  EXPECT_EQ(r.secondary, 1u);
  EXPECT_TRUE(AuditRecoverable(t, r).empty());
}

TEST(Disclosure, NilIsNotSecretAndTenPersonsArePublished) {
  DisclosureTable t;
  auto total = t.Add("total", 10, 5);
  auto a = t.Add("a", 0, 0), b = t.Add("b", 10, 5);
  t.Relate(total, {a, b});
  auto r = ProtectOk(t);
  EXPECT_EQ(r.primary + r.secondary, 0u);
  // With min_persons 11 the 10-person cells are secret and the nil cell stays
  // published: total = 0 + b with both secret says total = b, but not what it is.
  auto r11 = ProtectOk(t, 11);
  EXPECT_EQ(r11.status[total], Disclosure::kPrimary);
  EXPECT_EQ(r11.status[b], Disclosure::kPrimary);
  EXPECT_EQ(r11.status[a], Disclosure::kPublished);
  EXPECT_TRUE(AuditRecoverable(t, r11).empty());
}

TEST(Disclosure, ChangeAgainstLastYearIsARelation) {
  // this = last + change; last year had 4 persons, so either this year or the change must go.
  DisclosureTable t;
  auto last = t.Add("last", 4, 3.0), now = t.Add("now", 25, 9.0), change = t.Add("change", std::nullopt, 6.0);
  t.Relate(now, {last, change});
  auto r = ProtectOk(t);
  EXPECT_EQ(r.status[last], Disclosure::kPrimary);
  EXPECT_EQ(r.status[change], Disclosure::kSecondary);
  EXPECT_EQ(r.status[now], Disclosure::kPublished);
  EXPECT_TRUE(AuditRecoverable(t, r).empty());
}

TEST(Disclosure, CombinationsOfRelationsAreCaughtNotOnlySingleRelations) {
  // a+b, a+c and b+c published: every relation has two secret cells, yet the
  // three equations fix a, b and c. The complete test must hide a total.
  DisclosureTable t;
  auto a = t.Add("a", 5, 1), b = t.Add("b", 6, 2), c = t.Add("c", 7, 3);
  auto ab = t.Add("a+b", 11, 3), ac = t.Add("a+c", 12, 4), bc = t.Add("b+c", 13, 5);
  t.Relate(ab, {a, b});
  t.Relate(ac, {a, c});
  t.Relate(bc, {b, c});
  EXPECT_EQ(RecoverableCells(t, {true, true, true, false, false, false}).size(), 3u);
  auto r = ProtectOk(t, 10);
  EXPECT_EQ(r.status[ab], Disclosure::kSecondary);  // the smallest total
  EXPECT_TRUE(AuditRecoverable(t, r).empty());
}

TEST(Disclosure, TwoWayTableGetsARectangle) {
  // 3x3 cells with row, column and grand totals; one small cell.
  DisclosureTable t;
  std::size_t cell[3][3], row[3], col[3];
  const long long persons[3][3] = {{4, 30, 40}, {20, 25, 35}, {50, 60, 70}};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) cell[i][j] = t.Add("c" + std::to_string(i) + std::to_string(j), persons[i][j], persons[i][j]);
  for (int i = 0; i < 3; ++i) row[i] = t.Add("r" + std::to_string(i), 300, 100 + i);
  for (int j = 0; j < 3; ++j) col[j] = t.Add("k" + std::to_string(j), 300, 100 + j);
  auto grand = t.Add("grand", 900, 300);
  for (int i = 0; i < 3; ++i) t.Relate(row[i], {cell[i][0], cell[i][1], cell[i][2]});
  for (int j = 0; j < 3; ++j) t.Relate(col[j], {cell[0][j], cell[1][j], cell[2][j]});
  t.Relate(grand, {row[0], row[1], row[2]});
  t.Relate(grand, {col[0], col[1], col[2]});
  auto r = ProtectOk(t);
  EXPECT_EQ(r.primary, 1u);
  EXPECT_EQ(r.secondary, 3u);  // the rectangle c00, c01, c10, c11
  EXPECT_TRUE(r.Secret(cell[0][0]) && r.Secret(cell[0][1]) && r.Secret(cell[1][0]) && r.Secret(cell[1][1]));
  EXPECT_TRUE(AuditRecoverable(t, r).empty());
}

// Random tables shaped like the report's: sectors with subsectors, each split
// into direct and hired-in jobs, two years and the change between them.
DisclosureTable RandomTable(std::mt19937& rng) {
  std::uniform_int_distribution<int> width(1, 5), persons(0, 40), coin(0, 1);
  DisclosureTable t;
  const int sectors = width(rng);
  for (int year = 0; year < 2; ++year) {
    std::vector<std::size_t> sector_cells;
    for (int s = 0; s < sectors; ++s) {
      std::vector<std::size_t> subs;
      const int n = width(rng);
      for (int k = 0; k < n; ++k) {
        const std::string key = std::to_string(year) + "/" + std::to_string(s) + "/" + std::to_string(k);
        long long p = persons(rng);
        auto total = t.Add(key, p, p * 0.8);
        if (coin(rng)) {
          long long pd = std::uniform_int_distribution<long long>(0, p)(rng);
          auto d = t.Add(key + "/direct", pd, pd * 0.8);
          auto h = t.Add(key + "/hired", p - pd, (p - pd) * 0.8);
          t.Relate(total, {d, h});
        }
        subs.push_back(total);
      }
      long long sum = 0;
      for (auto i : subs) sum += *t.cells[i].persons;
      auto sector = t.Add(std::to_string(year) + "/" + std::to_string(s), sum, sum * 0.8);
      t.Relate(sector, subs);
      sector_cells.push_back(sector);
    }
    long long sum = 0;
    for (auto i : sector_cells) sum += *t.cells[i].persons;
    t.Relate(t.Add(std::to_string(year) + "/all", sum, sum * 0.8), sector_cells);
  }
  // Changes: for every cell of year 1 with a twin in year 0.
  const std::size_t n = t.cells.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (t.cells[i].key[0] != '1') continue;
    const std::string twin = "0" + t.cells[i].key.substr(1);
    for (std::size_t j = 0; j < n; ++j) {
      if (t.cells[j].key == twin) {
        auto change = t.Add(t.cells[i].key + "/change", std::nullopt, t.cells[i].value - t.cells[j].value);
        t.Relate(i, {j, change});
      }
    }
  }
  return t;
}

TEST(Disclosure, RandomTablesAreSafeAndDeterministic) {
  std::mt19937 rng(20240601);
  std::size_t secondary = 0;
  for (int round = 0; round < 100; ++round) {
    const auto t = RandomTable(rng);
    auto r = ProtectOk(t);
    ASSERT_TRUE(AuditPrimary(t, r, 10).empty()) << "round " << round;
    auto leaks = AuditRecoverable(t, r);
    ASSERT_TRUE(leaks.empty()) << "round " << round << ": " << leaks.front() << " can be recovered";
    auto again = ProtectOk(t);
    ASSERT_EQ(again.status, r.status) << "round " << round;
    secondary += r.secondary;
  }
  EXPECT_GT(secondary, 0u) << "the random tables should need secondary suppression";
}

TEST(Disclosure, BadRelationIsAnError) {
  DisclosureTable t;
  t.Add("a", 5, 1);
  t.Relate(0, {3});
  EXPECT_FALSE(Protect(t).has_value());
}

}  // namespace
}  // namespace banenmonitor
