// libFuzzer target: the legal parameter file parser (src/params) on arbitrary
// text. A parse either fails with a message naming the source, or gives a set
// whose every value can be looked up.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "banenmonitor/params.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto set = banenmonitor::ParameterSet::FromText(text, "fuzz.toml");
  if (!set) {
    if (set.error().message().empty()) {
      std::fprintf(stderr, "contract violated: a failed parse says why\n");
      std::abort();
    }
    return 0;
  }
  for (const auto& p : set->all()) {
    if (set->Find(p.name, p.valid_from) == nullptr) {
      std::fprintf(stderr, "contract violated: a parameter is found on its own valid_from\n");
      std::abort();
    }
  }
  return 0;
}
