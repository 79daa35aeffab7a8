// The program's global operator new and delete: malloc and free as the
// standard library's, with one addition: a block of kHugePageAdviceFrom
// (4 MiB) up to kHugePageAdviceUpTo (256 MiB) is advised for transparent huge pages
// (common/huge_pages.h: why; bench/README.md "Import": what it gains).
//
// Replaced here, in the program only, rather than with an allocator on every
// big vector: the big blocks are the vectors of Delivery (include/banenmonitor/
// delivery.h, a public type) and of the tables built from it, and one
// replacement covers them all without changing a public shape. glibc's own
// switch for this (GLIBC_TUNABLES=glibc.malloc.hugetlb=1) is read from the
// environment at start only, so a program cannot set it for itself.
// BANENMONITOR_HUGE_PAGES=0 in the environment leaves the advice out (to
// compare, or where huge pages are not wanted). Under the sanitizers the
// replacement is left out: they bring their own.
#include <malloc.h>

#include <cstdlib>
#include <cstring>
#include <new>

#include "common/huge_pages.h"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BANENMONITOR_OWN_NEW 0
#endif
#endif
#if !defined(BANENMONITOR_OWN_NEW) && defined(__SANITIZE_ADDRESS__)
#define BANENMONITOR_OWN_NEW 0
#endif
#if !defined(BANENMONITOR_OWN_NEW)
#define BANENMONITOR_OWN_NEW 1
#endif

#if BANENMONITOR_OWN_NEW

namespace {

// Read once, at the first big block (getenv is safe before main: the environment is there).
bool HugePagesWanted() {
  static const bool wanted = [] {
    const char* v = std::getenv("BANENMONITOR_HUGE_PAGES");
    return v == nullptr || std::strcmp(v, "0") != 0;
  }();
  return wanted;
}

// As [new.delete.single]: loops on the new handler while malloc fails.
void* Allocate(std::size_t bytes) {
  if (bytes == 0) bytes = 1;
  for (;;) {
    if (void* p = std::malloc(bytes)) {
      if (bytes >= banenmonitor::kHugePageAdviceFrom && bytes <= banenmonitor::kHugePageAdviceUpTo && HugePagesWanted()) banenmonitor::AdviseHugePages(p, bytes);
      return p;
    }
    std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
  }
}

// glibc's malloc serves a block of more than 128 KiB (raised as such blocks
// are freed, up to 32 MiB) with an mmap of its own, unmapped when freed, and
// gives free memory above 128 KiB at the top of the heap back to the kernel.
// A count grows its tables by doubling and reads its files through buffers
// of 16 MiB, so the same memory was mapped, cleared by the kernel page by
// page, and unmapped again, over and over: 11 % of a count's CPU time went
// to clearing pages (bench/README.md, "count from CSV"). Blocks up to 32 MiB
// come from the heap from the start, and up to 256 MiB of free heap is kept
// for the next block. The peak resident memory stays as it was (a block
// freed is reused before the heap grows).
const bool kMallocTuned = [] {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  return true;
}();

}  // namespace

void* operator new(std::size_t bytes) { return Allocate(bytes); }
void* operator new[](std::size_t bytes) { return Allocate(bytes); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

#endif  // BANENMONITOR_OWN_NEW
