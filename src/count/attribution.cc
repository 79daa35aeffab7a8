#include "count/attribution.h"

#include <algorithm>
#include <numeric>

namespace banenmonitor::count {

namespace {
using Wide = __int128;

// round(a * b / c) half up, for non-negative a, b and positive c.
Hours MulDivRound(Hours a, Hours b, Hours c) {
  Wide n = static_cast<Wide>(a) * b;
  return static_cast<Hours>((n + c / 2) / c);
}
}  // namespace

void Attribute(Hours hours, Hours wsw_hours, std::span<const HireInCell> hires, Attribution& out) {
  out.hired.clear();
  out.direct = 0;
  out.wsw_not_counted = 0;
  out.capped = 0;
  Hours requested = 0;
  for (const auto& h : hires) requested += h.hours;
  Hours attributed = std::min(requested, hours);
  if (requested <= hours) {
    for (const auto& h : hires) {
      if (h.hours > 0) out.hired.push_back({h.hirer, h.hours});
    }
  } else {
    // Scale each share by hours / requested; hand out the micro-hours lost to
    // flooring by largest remainder so the shares sum to `hours` exactly.
    out.capped = requested - hours;
    std::vector<Wide> remainders(hires.size());
    Hours given = 0;
    for (std::size_t i = 0; i < hires.size(); ++i) {
      Wide n = static_cast<Wide>(hires[i].hours) * hours;
      Hours share = static_cast<Hours>(n / requested);
      remainders[i] = n % requested;
      out.hired.push_back({hires[i].hirer, share});
      given += share;
    }
    std::vector<std::size_t> order(hires.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return remainders[a] > remainders[b]; });
    for (std::size_t k = 0; given < hours && k < order.size(); ++k, ++given) out.hired[order[k]].hours += 1;
    std::erase_if(out.hired, [](const HiredShare& s) { return s.hours == 0; });
  }
  Hours rest = hours - attributed;
  if (rest > 0) {
    Hours other = hours - wsw_hours;
    out.direct = MulDivRound(rest, other, hours);
    out.wsw_not_counted = rest - out.direct;
  }
}

}  // namespace banenmonitor::count
