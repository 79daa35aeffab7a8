#include "count/attribution.h"

#include <algorithm>
#include <numeric>

#include "common/checked_sum.h"

namespace banenmonitor::count {

namespace {
using Wide = __int128;
}  // namespace

// Shares of `available` hours for requests (to, hours): as asked when they fit,
// else each scaled by available / requested, in whole micro-hours that add up
// to `available` exactly (largest remainder; ties to the earlier request).
// Returns the hours handed out.
// Throws SumOverflow when the requests add up to more than int64 holds.
template <typename Row, typename To>
Hours Share(Hours available, std::span<const Row> rows, To to, std::vector<HiredShare>& out, const char* what) {
  out.clear();
  Hours requested = 0;
  for (const auto& r : rows) AddOrStop(requested, r.hours, what);
  if (requested <= available) {
    for (const auto& r : rows) {
      if (r.hours > 0) out.push_back({to(r), r.hours});
    }
    return requested;
  }
  std::vector<Wide> remainders(rows.size());
  Hours given = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Wide n = static_cast<Wide>(rows[i].hours) * available;
    Hours share = static_cast<Hours>(n / requested);
    remainders[i] = n % requested;
    out.push_back({to(rows[i]), share});
    given += share;
  }
  std::vector<std::size_t> order(rows.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
  for (std::size_t k = 0; given < available && k < order.size(); ++k, ++given) out[order[k]].hours += 1;
  std::erase_if(out, [](const HiredShare& s) { return s.hours == 0; });
  return available;
}

void Attribute(Hours hours, Hours wsw_hours, std::span<const HireInCell> hires, Attribution& out) {
  out.direct = 0;
  out.wsw_not_counted = 0;
  out.capped = 0;
  out.sroi.clear();
  constexpr const char* kWhat = "the hire-in hours of one person, lender and month (hire_in.csv)";
  Hours requested = 0;
  for (const auto& h : hires) AddOrStop(requested, h.hours, kWhat);
  if (requested > hours) out.capped = requested - hours;
  Hours attributed = Share(hours, hires, [](const HireInCell& h) { return h.hirer; }, out.hired, kWhat);
  Hours rest = hours - attributed;
  if (rest > 0) {
    Hours other = hours - wsw_hours;
    out.direct = MulDivRound(rest, other, hours);
    out.wsw_not_counted = rest - out.direct;
  }
}

void AttributeSocialReturn(std::span<const SroiCell> rows, Attribution& out) {
  Hours moved = Share(out.direct, rows, [](const SroiCell& s) { return s.buyer; }, out.sroi,
                      "the social-return hours of one person, contractor and month (sroi.csv)");
  out.direct -= moved;
}

}  // namespace banenmonitor::count
