// One home for the machine names of an enum's values: a table of (value,
// name) pairs that gives both directions, so that a Name() and its Parse()
// can never disagree and no switch is written twice.
//
//   constexpr EnumName<Window> kWindowNames[] = {{Window::kQ1, "q1"}, ...};
//   const char* WindowName(Window w) { return NameIn(kWindowNames, w); }
//   std::optional<Window> ParseWindow(std::string_view s) { return ValueIn(kWindowNames, s); }
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace banenmonitor {

template <typename E>
struct EnumName {
  E value;
  const char* name;
};

// Returns the name of `value` in `table`, or `missing` when the table lacks it.
// REQUIRES: each value stands at most once in `table`.
template <typename E, std::size_t N>
constexpr const char* NameIn(const EnumName<E> (&table)[N], E value, const char* missing = "?") {
  for (const EnumName<E>& e : table) {
    if (e.value == value) return e.name;
  }
  return missing;
}

// Returns the value named `name` in `table` (exact, case-sensitive), or nullopt.
template <typename E, std::size_t N>
constexpr std::optional<E> ValueIn(const EnumName<E> (&table)[N], std::string_view name) {
  for (const EnumName<E>& e : table) {
    if (name == e.name) return e.value;
  }
  return std::nullopt;
}

}  // namespace banenmonitor
