// A one-line progress indicator on standard error: only on a terminal, only
// for work that takes longer than a second, redrawn at most ten times a second.
#pragma once

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <string_view>

namespace banenmonitor::cli {

class Progress {
 public:
  explicit Progress(std::string command)
      : command_(std::move(command)), enabled_(isatty(STDERR_FILENO) == 1), start_(Clock::now()), last_(start_) {}
  ~Progress() { Done(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Shows `step` at `fraction` (0..1; negative for a step without a known length).
  void operator()(std::string_view step, double fraction) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    if (fraction < 0) {
      fmt::print(stderr, "\r\033[K{}: {}", command_, step);
    } else {
      fmt::print(stderr, "\r\033[K{}: {} {:3.0f}%", command_, step, fraction * 100);
    }
    shown_ = true;
  }
  void Done() {
    if (shown_) fmt::print(stderr, "\r\033[K");
    shown_ = false;
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::string command_;
  bool enabled_;
  bool shown_ = false;
  Clock::time_point start_, last_;
};

}  // namespace banenmonitor::cli
