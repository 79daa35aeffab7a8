#include "store/postgres_text.h"
#include "common/lang.h"

#include <fmt/format.h>

#include <regex>

namespace banenmonitor::store::pg {

bool IsUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;  // continuation bytes
    unsigned lo = 0x80, hi = 0xBF;  // range of the first continuation byte
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0;  // overlong
      if (c == 0xED) hi = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90;  // overlong
      if (c == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
      return false;
    }
    if (end - p <= n) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (int i = 2; i <= n; ++i) {
      if (p[i] < 0x80 || p[i] > 0xBF) return false;
    }
    p += n + 1;
  }
  return true;
}

const std::string& CheckText(std::string_view field, const std::string& value) {
  if (value.find('\0') != std::string::npos) throw BadText(Say("{} bevat een NUL-byte", "{} contains a NUL byte", field));
  if (!IsUtf8(value)) throw BadText(Say("{} is geen geldige UTF-8 (het datacontract vraagt UTF-8)",
                                       "{} is not valid UTF-8 (the data contract asks for UTF-8)", field));
  return value;
}

std::string TextArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::string Redact(const std::string& url) {
  static const std::regex uri_password(R"((://[^/@:]*:)[^@/]*@)");
  static const std::regex keyword_password(R"((password\s*=\s*)('(\\.|[^'])*'|[^\s&]*))", std::regex::icase);
  return std::regex_replace(std::regex_replace(url, uri_password, "$1***@"), keyword_password, "$1***");
}

std::string TrimMessage(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

Status StoreError(std::string_view schema, const std::exception& e, std::string_view what) {
  std::string msg = Say("werkruimte-opslag (PostgreSQL, schema {}): {}: {}",
                        "workspace store (PostgreSQL, schema {}): {}: {}", schema, what, TrimMessage(e.what()));
  if (dynamic_cast<const BadText*>(&e) != nullptr) return Status::InvalidInput(std::move(msg));
  return Status::IoError(std::move(msg));
}

Status ConnectError(const std::string& url, const std::exception& e) {
  return Status::IoError(Say("{}: kan geen verbinding maken met de PostgreSQL-opslag van de werkruimte: {}",
                             "{}: cannot connect to the PostgreSQL workspace store: {}", Redact(url),
                             TrimMessage(e.what())));
}

}  // namespace banenmonitor::store::pg
