#include "common/parallel.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

namespace banenmonitor {
namespace {

TEST(MapInParallel, GivesTheResultsInTaskOrderWhateverThreadComputedThem) {
  for (int workers : {1, 2, 5}) {
    auto out = MapInParallel(100, workers, [](std::size_t i) {
      if (i % 7 == 0) std::this_thread::yield();  // let a later task finish first
      return std::to_string(i * i);
    });
    ASSERT_EQ(out.size(), 100u) << workers;
    for (std::size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i], std::to_string(i * i)) << workers;
  }
}

TEST(MapInParallel, RunsEachTaskOnceAndUsesMoreThanOneThreadWhenAsked) {
  std::mutex m;
  std::multiset<std::size_t> ran;
  std::set<std::thread::id> threads;
  auto out = MapInParallel(64, 2, [&](std::size_t i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::lock_guard<std::mutex> lock(m);
    ran.insert(i);
    threads.insert(std::this_thread::get_id());
    return std::make_unique<std::size_t>(i);  // a move-only result
  });
  EXPECT_EQ(ran.size(), 64u);
  for (std::size_t i = 0; i < 64; ++i) EXPECT_EQ(ran.count(i), 1u);
  EXPECT_EQ(threads.size(), 2u);
  EXPECT_EQ(*out[63], 63u);
}

TEST(MapInParallel, OneWorkerRunsOnTheCallingThreadInOrder) {
  std::vector<std::size_t> order;
  const auto caller = std::this_thread::get_id();
  MapInParallel(5, 1, [&](std::size_t i) {
    EXPECT_EQ(std::this_thread::get_id(), caller);
    order.push_back(i);
    return 0;
  });
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
  EXPECT_TRUE(MapInParallel(0, 2, [](std::size_t) { return 1; }).empty());
}

TEST(MapInParallel, RethrowsTheExceptionOfTheLowestTaskThatThrew) {
  for (int workers : {1, 2}) {
    try {
      MapInParallel(10, workers, [](std::size_t i) -> int {
        if (i >= 3) throw std::runtime_error("task " + std::to_string(i));
        return 0;
      });
      FAIL() << "no exception";
    } catch (const std::runtime_error& e) {
      EXPECT_EQ(std::string(e.what()), "task 3") << workers;
    }
  }
}

}  // namespace
}  // namespace banenmonitor
