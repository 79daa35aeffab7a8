// Random numbers for the synthetic Netherlands, reproducible bit for bit.
//
// All randomness of a run comes from one std::mt19937_64 seeded with --seed and
// consumed in a fixed order, plus a counter-based hash (SplitMix64) for the
// month-to-month noise of hours, so that the noise of (spell, month) is the same
// whether it is computed for the calibration or for writing. The distributions
// are written out here because the std:: ones are not specified bit for bit
// across standard libraries.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>

namespace banenmonitor::generate {

// SplitMix64's finaliser: a good 64-bit mix of one value.
inline std::uint64_t Mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A uniform number in [0, 1) that depends only on (a, b, c).
inline double HashUnit(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  std::uint64_t h = Mix64(a ^ Mix64(b ^ Mix64(c)));
  return static_cast<double>(h >> 11) * 0x1.0p-53;
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  std::uint64_t Bits() { return engine_(); }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
  // Uniform integer in [0, n); n > 0.
  std::uint64_t Below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(engine_()) * n) >> 64);
  }
  // Uniform integer in [lo, hi].
  std::int64_t Between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(Below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  bool Chance(double p) { return Uniform() < p; }
  // Standard normal (Box-Muller, one value per call).
  double Normal() {
    double u1 = Uniform();
    double u2 = Uniform();
    if (u1 < 1e-300) u1 = 1e-300;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  double Normal(double mean, double sd) { return mean + sd * Normal(); }
  double LogNormal(double median, double sigma) { return median * std::exp(sigma * Normal()); }
  double Exponential(double mean) { return -mean * std::log(1.0 - Uniform()); }

 private:
  std::mt19937_64 engine_;
};

}  // namespace banenmonitor::generate
