#include "common/lang.h"

#include <atomic>
#include <cctype>
#include <cstdlib>

namespace banenmonitor {

namespace {

// -1: not decided yet (read the environment); otherwise a Language.
std::atomic<int> g_language{-1};

std::string Lower(std::string_view text) {
  std::string out;
  for (char c : text) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return out;
}

}  // namespace

std::optional<Language> ParseLanguage(std::string_view text) {
  std::string t = Lower(text);
  if (t == "nl" || t == "dutch" || t == "nederlands" || t.starts_with("nl_") || t.starts_with("nl-")) {
    return Language::kDutch;
  }
  if (t == "en" || t == "english" || t.starts_with("en_") || t.starts_with("en-")) return Language::kEnglish;
  return std::nullopt;
}

Language MessageLanguage() {
  int v = g_language.load(std::memory_order_relaxed);
  if (v < 0) {
    const char* env = std::getenv("BANENMONITOR_LANG");
    auto parsed = env != nullptr ? ParseLanguage(env) : std::nullopt;
    v = static_cast<int>(parsed.value_or(Language::kDutch));
    int expected = -1;
    if (!g_language.compare_exchange_strong(expected, v)) v = expected;
  }
  return static_cast<Language>(v);
}

void SetMessageLanguage(Language language) { g_language.store(static_cast<int>(language)); }

}  // namespace banenmonitor
