// PersonNumberMemo (data/person_index.h): a lookup once per number, whether
// the numbers are the lookup's own answers (no table) or not (a table).
#include "data/person_index.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <random>
#include <vector>

#include "data/row_sink.h"

namespace banenmonitor::data {
namespace {

// Asks `memo` for each of `numbers` with a lookup answering answer(number),
// and checks each answer and that the lookup ran once per distinct number.
template <typename Answer>
void AskAll(PersonNumberMemo& memo, const std::vector<std::uint32_t>& numbers, Answer answer) {
  std::map<std::uint32_t, int> lookups;
  for (std::uint32_t n : numbers) {
    std::uint32_t got = memo.Get(n, [&] {
      ++lookups[n];
      return answer(n);
    });
    ASSERT_EQ(got, answer(n)) << "number " << n;
  }
  for (const auto& [n, times] : lookups) EXPECT_EQ(times, 1) << "number " << n << " looked up " << times << " times";
}

TEST(PersonNumberMemo, NumbersThatAreTheirOwnAnswersAreLookedUpOnce) {
  PersonNumberMemo memo;
  std::vector<std::uint32_t> numbers;
  for (std::uint32_t n = 0; n < 5000; ++n) {
    numbers.push_back(n);
    numbers.push_back(n / 2);  // an earlier one again
  }
  AskAll(memo, numbers, [](std::uint32_t n) { return n; });
}

TEST(PersonNumberMemo, AGapOrAnotherAnswerSwitchesToATableThatKeepsEveryAnswer) {
  for (int way = 0; way < 3; ++way) {
    PersonNumberMemo memo;
    std::vector<std::uint32_t> numbers;
    for (std::uint32_t n = 0; n < 3000; ++n) numbers.push_back(n);
    if (way == 0) numbers.push_back(5000);  // a gap
    for (std::uint32_t n = 3000; n < 6000; ++n) numbers.push_back(n);
    for (std::uint32_t n = 0; n < 6000; n += 7) numbers.push_back(n);  // all asked again
    if (way == 1) numbers.push_back(6000);  // answers kNone, not itself
    numbers.push_back(6001);
    auto answer = [way](std::uint32_t n) -> std::uint32_t {
      if (way == 1 && n == 6000) return PersonIdIndex::kNone;
      if (way == 2 && n >= 4000) return n + 17;  // another numbering from here on
      return n;
    };
    AskAll(memo, numbers, answer);
  }
}

TEST(PersonNumberMemo, RandomOrdersAndAnswersAgreeWithAPlainMap) {
  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    PersonNumberMemo memo;
    std::vector<std::uint32_t> numbers;
    std::uint32_t next = 0;
    const int mode = round % 3;  // 0: in order, 1: in order then random, 2: random
    for (int i = 0; i < 2000; ++i) {
      if (mode == 0 || (mode == 1 && i < 1000)) {
        numbers.push_back(rng() % 4 == 0 || next == 0 ? next++ : rng() % next);
      } else {
        numbers.push_back(rng() % 3000);
      }
    }
    const std::uint32_t salt = rng() % 2;
    AskAll(memo, numbers, [salt](std::uint32_t n) { return salt != 0 && n % 97 == 5 ? n * 3 : n; });
    memo.Clear();
    AskAll(memo, numbers, [](std::uint32_t n) { return n + 1; });
  }
}

TEST(PersonNumberMemo, SetRecordsAnAnswerAsALookupWould) {
  PersonNumberMemo memo;
  memo.Set(0, 0);
  memo.Set(1, 1);
  memo.Set(2, 9);  // not itself
  int lookups = 0;
  auto never = [&] {
    ++lookups;
    return std::uint32_t{12345};
  };
  EXPECT_EQ(memo.Get(0, never), 0u);
  EXPECT_EQ(memo.Get(1, never), 1u);
  EXPECT_EQ(memo.Get(2, never), 9u);
  EXPECT_EQ(lookups, 0);
  EXPECT_EQ(memo.Get(3, never), 12345u);
  EXPECT_EQ(lookups, 1);
}

TEST(PersonNumberMemo, KnowsTheNumbersItAnswersWithoutALookup) {
  for (bool same : {true, false}) {
    PersonNumberMemo memo;
    for (std::uint32_t n = 0; n < 100; ++n) memo.Set(n, same ? n : n + 1);
    for (std::uint32_t n = 0; n < 100; ++n) EXPECT_TRUE(memo.Knows(n)) << n;
    EXPECT_FALSE(memo.Knows(100));
    EXPECT_FALSE(memo.Knows(5000));
    EXPECT_FALSE(memo.Knows(kUnnumbered));
    memo.Set(300, 7);  // a gap: from here on a table
    EXPECT_TRUE(memo.Knows(300));
    EXPECT_TRUE(memo.Knows(99));
    EXPECT_FALSE(memo.Knows(200));
  }
}

}  // namespace
}  // namespace banenmonitor::data
