// Heterogeneous lookup in a hash map keyed by std::string: find(std::string_view)
// without building a std::string (and, for keys over 15 bytes, allocating one)
// per lookup.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace banenmonitor {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// A std::unordered_map from std::string whose find and count take a std::string_view.
template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

}  // namespace banenmonitor
