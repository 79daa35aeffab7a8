#include "data/person_id.h"

#include <algorithm>

#include "banenmonitor/delivery.h"
#include "common/lang.h"

namespace banenmonitor::data {

namespace {

bool IsDigitChar(char c) { return c >= '0' && c <= '9'; }

// A number in the scientific notation of a spreadsheet: digits, an optional
// decimal part ('.' or ','), 'E' or 'e', an optional sign, digits.
bool IsScientific(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t mantissa = 0;
  while (i < s.size() && IsDigitChar(s[i])) ++i, ++mantissa;
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    ++i;
    while (i < s.size() && IsDigitChar(s[i])) ++i, ++mantissa;
  }
  if (mantissa == 0 || i >= s.size() || (s[i] != 'E' && s[i] != 'e')) return false;
  ++i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t exponent = 0;
  while (i < s.size() && IsDigitChar(s[i])) ++i, ++exponent;
  return exponent > 0 && i == s.size();
}

// Strips no-break spaces at both ends (Trim strips ASCII spaces and tabs).
std::string_view TrimNoBreakSpaces(std::string_view s, unsigned& repairs) {
  auto is_nbsp_end = [](std::string_view t) { return t.size() >= 2 && t.substr(t.size() - 2) == "\xC2\xA0"; };
  while (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") s.remove_prefix(2), repairs |= kRepairSeparators;
  while (is_nbsp_end(s)) s.remove_suffix(2), repairs |= kRepairSeparators;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The digits of a BSN candidate without its separators into `digits`; false
// when `s` holds anything else, or a separator at an end or two in a row.
bool CollectCandidateDigits(std::string_view s, std::string& digits, unsigned& repairs) {
  digits.clear();
  bool after_separator = true;  // no separator at the start
  while (!s.empty()) {
    if (IsDigitChar(s.front())) {
      digits += s.front();
      s.remove_prefix(1);
      after_separator = false;
      continue;
    }
    std::size_t n = BsnSeparatorAt(s);
    if (n == 0 || after_separator) return false;
    repairs |= kRepairSeparators;
    s.remove_prefix(n);
    after_separator = true;
  }
  return !after_separator;
}

// What 64 characters hold: only hex digits, and any upper-case ones. One pass
// without a branch per character (the compiler makes it vector code).
struct HexDigits {
  bool all_hex = false;
  bool upper = false;
};
HexDigits CheckHex64(const char* p) {
  unsigned bad = 0, upper = 0;
  for (int i = 0; i < 64; ++i) {
    const unsigned c = static_cast<unsigned char>(p[i]);
    const unsigned digit = c - unsigned{'0'} < 10 ? 1u : 0u;
    const unsigned lower = c - unsigned{'a'} < 6 ? 1u : 0u;
    const unsigned up = c - unsigned{'A'} < 6 ? 1u : 0u;
    bad |= (digit | lower | up) ^ 1u;
    upper |= up;
  }
  return {bad == 0, upper != 0};
}

}  // namespace

std::size_t BsnSeparatorAt(std::string_view s) {
  if (s.empty()) return 0;
  char c = s.front();
  if (c == ' ' || c == '.' || c == '-' || c == '/') return 1;
  if (s.size() >= 2 && s[0] == '\xC2' && s[1] == '\xA0') return 2;
  if (s.size() >= 3 && s[0] == '\xE2' && s[1] == '\x80' && s[2] == '\xAF') return 3;
  return 0;
}

PersonIdClass ClassifyPersonId(std::string_view value, std::string& buffer) {
  PersonIdClass out;
  if (value.empty()) {
    out.kind = PersonIdKind::kEmpty;
    return out;
  }
  // The fast path of almost every row: a canonical BSN or pseudonym.
  if (NineDigits nine = CheckNineDigits(value); nine.digits) {
    out.kind = nine.valid ? PersonIdKind::kBsn : PersonIdKind::kBadBsn;
    out.canonical = value;
    return out;
  }
  if (HexDigits hex = value.size() == 64 ? CheckHex64(value.data()) : HexDigits{}; hex.all_hex) {
    out.kind = PersonIdKind::kPseudonym;
    if (hex.upper) {
      buffer.assign(value);
      for (char& c : buffer) {
        if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
      }
      out.canonical = buffer;
      out.repairs = kRepairUpperHex;
    } else {
      out.canonical = value;
    }
    return out;
  }
  unsigned repairs = kRepairNone;
  std::string_view s = TrimNoBreakSpaces(value, repairs);
  if (IsScientific(s)) {
    out.kind = PersonIdKind::kScientific;
    return out;
  }
  if (!s.empty() && s.front() == '\'') s.remove_prefix(1), repairs |= kRepairSpreadsheet;
  if (s.size() > 2 && (s.substr(0, 2) == "NL" || s.substr(0, 2) == "nl")) {
    s.remove_prefix(2);
    repairs |= kRepairCountryPrefix;
    if (std::size_t n = BsnSeparatorAt(s); n > 0) s.remove_prefix(n), repairs |= kRepairSeparators;
  }
  if (s.size() > 2 && (s.substr(s.size() - 2) == ".0" || s.substr(s.size() - 2) == ",0") &&
      IsDigitChar(s[s.size() - 3])) {
    s.remove_suffix(2);
    repairs |= kRepairSpreadsheet;
  }
  std::string digits;
  if (!CollectCandidateDigits(s, digits, repairs)) return out;  // kInvalid
  if (digits.size() == 7 || digits.size() == 8) {
    digits.insert(0, 9 - digits.size(), '0');
    repairs |= kRepairLeadingZero;
  } else if (digits.size() == 10 && digits.front() == '0') {
    digits.erase(0, 1);
    repairs |= kRepairTenDigits;
  } else if (digits.size() != 9) {
    return out;  // kInvalid: another number of digits
  }
  buffer = std::move(digits);
  out.canonical = buffer;
  out.repairs = repairs;
  out.kind = IsValidBsn(buffer) ? PersonIdKind::kBsn : PersonIdKind::kBadBsn;
  return out;
}

std::optional<std::string> BsnOfDigits(std::string_view digits, bool plain) {
  if (!std::all_of(digits.begin(), digits.end(), IsDigitChar)) return std::nullopt;
  std::string nine;
  if (digits.size() == 9) {
    nine.assign(digits);
    if (plain) return nine;
  } else if (digits.size() == 8) {
    nine = "0" + std::string(digits);
  } else if (digits.size() == 10 && digits.front() == '0') {
    nine.assign(digits.substr(1));
  } else {
    return std::nullopt;
  }
  if (!IsValidBsn(nine)) return std::nullopt;
  return nine;
}

std::string PersonIdRepairMessage(PersonIdRepair repair, std::int64_t n) {
  const bool one = n == 1;
  switch (repair) {
    case kRepairLeadingZero:
      return one ? Say("1 id leek op een BSN zonder voorloopnul en is hersteld",
                       "1 id looked like a BSN without its leading zero and was restored")
                 : Say("{} ids leken op een BSN zonder voorloopnul en zijn hersteld",
                       "{} ids looked like a BSN without its leading zero and were restored", n);
    case kRepairSeparators:
      return one ? Say("1 id bevatte scheidingstekens (punt, streepje, spatie) en is hersteld",
                       "1 id contained separators (dot, dash, space) and was restored")
                 : Say("{} ids bevatten scheidingstekens (punt, streepje, spatie) en zijn hersteld",
                       "{} ids contained separators (dot, dash, space) and were restored", n);
    case kRepairCountryPrefix:
      return one ? Say("1 id begon met NL en is hersteld", "1 id started with NL and was restored")
                 : Say("{} ids begonnen met NL en zijn hersteld", "{} ids started with NL and were restored", n);
    case kRepairSpreadsheet:
      return one ? Say("1 id had een rest van de spreadsheet (een .0 aan het eind of een apostrof vooraan) en is hersteld",
                       "1 id had a spreadsheet artefact (a trailing .0 or a leading apostrophe) and was restored")
                 : Say("{} ids hadden een rest van de spreadsheet (een .0 aan het eind of een apostrof vooraan) en zijn "
                       "hersteld",
                       "{} ids had a spreadsheet artefact (a trailing .0 or a leading apostrophe) and were restored", n);
    case kRepairTenDigits:
      return one ? Say("1 id had 10 cijfers met een voorloopnul te veel en is hersteld",
                       "1 id had 10 digits with one leading zero too many and was restored")
                 : Say("{} ids hadden 10 cijfers met een voorloopnul te veel en zijn hersteld",
                       "{} ids had 10 digits with one leading zero too many and were restored", n);
    case kRepairUpperHex:
      return one ? Say("1 gepseudonimiseerd id in hoofdletters is omgezet naar kleine letters",
                       "1 pseudonymised id in upper case was folded to lower case")
                 : Say("{} gepseudonimiseerde ids in hoofdletters zijn omgezet naar kleine letters",
                       "{} pseudonymised ids in upper case were folded to lower case", n);
    default:
      return {};
  }
}

const char* PersonIdRepairName(PersonIdRepair repair) {
  switch (repair) {
    case kRepairLeadingZero: return "leading-zero";
    case kRepairSeparators: return "separators";
    case kRepairCountryPrefix: return "country-prefix";
    case kRepairSpreadsheet: return "spreadsheet-artefact";
    case kRepairTenDigits: return "ten-digits";
    case kRepairUpperHex: return "upper-case-hex";
    default: return "none";
  }
}

}  // namespace banenmonitor::data
