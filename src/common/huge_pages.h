// Transparent huge pages for the big arrays of the hot loops (the person index
// of an import, the grouping tables and cell vectors of a count and of the
// dashboard's answers).
//
// Why: every row of a delivery probes a slot at random in tables of several
// MiB and appends to vectors of hundreds of MiB. With 4 KiB pages nearly every
// probe also misses the TLB, and every 4 KiB of a growing vector is a page
// fault; on the virtual machines this program runs on (no PCID, so each system
// call flushes the TLB; page faults go through the hypervisor) those cost
// about as much as the work itself (bench/README.md, "Import": a scale-1
// import 96 s with 4 KiB pages, 63 s with huge pages). A 2 MiB page is one
// fault and one TLB entry for 512 of them. The kernel gives them to advised
// memory only when THP is "madvise" (Debian's default) or "always"; with
// "never" the advice does nothing and everything works as before.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace banenmonitor {

inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;
// Blocks from this size on are advised (smaller ones seldom hold a whole huge page).
inline constexpr std::size_t kHugePageAdviceFrom = std::size_t{4} << 20;
// And up to this size: the larger blocks are the payroll's cell vectors (room for every row of
// payroll.csv), filled front to back, where a huge page saves little TLB and each one the kernel
// hands out is 2 MiB of fresh memory cleared at once: a scale-1 count from CSV spent 0.3 s more in
// the kernel with them advised (sys 1.26-1.92 s against 1.03-1.18 s in 5 alternating pairs).
inline constexpr std::size_t kHugePageAdviceUpTo = std::size_t{256} << 20;

// Advises the kernel to back the whole 2 MiB pages inside [p, p + bytes) with
// huge pages. Advice only: nothing changes for the caller if it is not taken.
// REQUIRES: [p, p + bytes) is memory of this process (e.g. a block from malloc).
inline void AdviseHugePages(void* p, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const auto begin = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t first = (begin + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
  const std::uintptr_t last = (begin + bytes) / kHugePageBytes * kHugePageBytes;
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}

}  // namespace banenmonitor
