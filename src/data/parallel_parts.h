// What reading one file on several threads needs (data/validate.cc): how many
// threads, and the valid rows of each part kept until they go on in file order.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace banenmonitor::data {

// Threads that read a large file: the machine's cores, at most 8; the
// environment variable BANENMONITOR_THREADS sets another number (1: one by one; at most 64).
inline int Workers() {
  if (const char* env = std::getenv("BANENMONITOR_THREADS"); env != nullptr && *env != '\0') {
    return std::clamp(std::atoi(env), 1, 64);
  }
  return std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 8);
}

// The valid rows of the parts of a file that ReadInParallel reads, kept per
// part from the moment a thread has read the part until they are handed on in
// file order (its in_order step). Put and Take may be called from any thread.
template <typename Row>
class ValidatePartRows {
 public:
  void Put(std::size_t part, std::vector<Row> rows) {
    std::lock_guard<std::mutex> lock(mutex_);
    parts_[part] = std::move(rows);
  }
  // The rows of `part`, once; empty when the part had none or was taken.
  std::vector<Row> Take(std::size_t part) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto node = parts_.extract(part);
    return node.empty() ? std::vector<Row>{} : std::move(node.mapped());
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::size_t, std::vector<Row>> parts_;
};

}  // namespace banenmonitor::data
