// Independent tasks on a few threads, with their results in task order: for
// work whose parts do not depend on each other (the years of `count
// --to-year`), so that the part after the load runs on every core.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace banenmonitor {

// Returns {fn(0), fn(1), ..., fn(n - 1)}, computed on at most `workers`
// threads (the calling thread is one of them); each task runs exactly once.
// With workers <= 1 or n <= 1 everything runs on the calling thread, in order.
// REQUIRES: fn may be called concurrently for different indexes and its result
// type is movable. If a task throws, the other threads finish their current
// task and take no new one; then the exception of the lowest index that threw
// is rethrown on the calling thread.
template <typename Fn>
auto MapInParallel(std::size_t n, int workers, Fn&& fn) -> std::vector<std::invoke_result_t<Fn&, std::size_t>> {
  using R = std::invoke_result_t<Fn&, std::size_t>;
  std::vector<std::optional<R>> slots(n);
  std::vector<std::exception_ptr> errors(n);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  auto work = [&] {
    while (!failed.load()) {
      const std::size_t i = next.fetch_add(1);
      if (i >= n) break;
      try {
        slots[i].emplace(fn(i));
      } catch (...) {
        errors[i] = std::current_exception();
        failed.store(true);
      }
    }
  };
  {
    std::vector<std::jthread> threads;
    const std::size_t extra = std::min<std::size_t>(n, static_cast<std::size_t>(std::max(workers, 1))) - (n > 0 ? 1 : 0);
    for (std::size_t t = 0; t < extra; ++t) threads.emplace_back(work);
    work();
  }  // joins
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  std::vector<R> out;
  out.reserve(n);
  for (std::optional<R>& slot : slots) out.push_back(std::move(*slot));
  return out;
}

}  // namespace banenmonitor
