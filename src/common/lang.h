// The language of what users read in messages: Dutch by default, English on
// request (`--lang en` or BANENMONITOR_LANG=en; the test suite runs in English).
//
// Every message a user reads (validation findings, errors, warnings) is
// written at its call site in both languages, Dutch first:
//
//   f.Error(col, "bad-date", Say("{} is geen datum (verwacht JJJJ-MM-DD)",
//                                "{} is not a date (expected YYYY-MM-DD)", Quote(v)));
//
// Both format strings are checked against the arguments at compile time, so a
// translation can neither be missing nor take other arguments than the original.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

namespace banenmonitor {

enum class Language { kDutch, kEnglish };

// The language of messages in this process: set by SetMessageLanguage, else
// BANENMONITOR_LANG ("nl" or "en", read once), else Dutch.
Language MessageLanguage();
void SetMessageLanguage(Language language);
// "nl"/"dutch"/"nederlands" and "en"/"english" (any case); nullopt otherwise.
std::optional<Language> ParseLanguage(std::string_view text);

// A message in the language of MessageLanguage(): `nl` or `en` formatted with `args`.
template <typename... T>
std::string Say(fmt::format_string<T...> nl, fmt::format_string<T...> en, T&&... args) {
  const auto& chosen = MessageLanguage() == Language::kEnglish ? en : nl;
  return fmt::vformat(fmt::string_view(chosen), fmt::make_format_args(args...));
}

// The text in the current language, for a fixed text without arguments.
inline std::string_view Pick(std::string_view nl, std::string_view en) {
  return MessageLanguage() == Language::kEnglish ? en : nl;
}

}  // namespace banenmonitor
