// Person ids of a delivery in canonical form (data contract,
// counting.md §2 register.csv, docs/method.md "Person ids").
//
// A delivered person_id is one of:
//   - a pseudonymised id: exactly 64 hex digits (what a workspace's HMAC
//     produces); upper-case hex is folded to lower case;
//   - a BSN candidate: after removing separators (space, '.', '-', '/', the
//     non-breaking space), an optional leading "NL"/"nl", and what a
//     spreadsheet adds (a trailing ".0", a leading apostrophe), 7 to 10 digits.
//     It is restored to 9 digits (7-8 digits left-padded with zeros, the
//     leading zero of 10 digits dropped) and must pass the elfproef;
//   - a BSN in scientific notation (1.23456782E+08): refused, it cannot be
//     restored exactly;
//   - anything else: refused.
// The canonical form is used everywhere (Delivery.person_ids, the store,
// pseudonymisation): 012345672, 12345672 and 0123.45.672 are one person.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace banenmonitor::data {

enum class PersonIdKind : std::uint8_t {
  kBsn,         // canonical: 9 digits passing the elfproef
  kPseudonym,   // canonical: 64 lower-case hex digits
  kEmpty,       // refused: nothing delivered
  kBadBsn,      // refused: a BSN candidate whose 9 digits fail the elfproef
  kScientific,  // refused: a number in scientific notation (a spreadsheet's)
  kInvalid,     // refused: letters, another number of digits, ...
};

// What was repaired to reach the canonical form (bits; one id may need several).
enum PersonIdRepair : unsigned {
  kRepairNone = 0,
  kRepairLeadingZero = 1u << 0,   // 7 or 8 digits: zeros put back in front
  kRepairSeparators = 1u << 1,    // spaces, dots, dashes, slashes removed
  kRepairCountryPrefix = 1u << 2, // a leading NL removed
  kRepairSpreadsheet = 1u << 3,   // a trailing ".0" or a leading apostrophe removed
  kRepairTenDigits = 1u << 4,     // 10 digits: the extra leading zero dropped
  kRepairUpperHex = 1u << 5,      // a pseudonymised id in upper-case hex folded to lower case
};
inline constexpr int kPersonIdRepairKinds = 6;

struct PersonIdClass {
  PersonIdKind kind = PersonIdKind::kInvalid;
  // kBsn and kPseudonym: the canonical id; kBadBsn: the restored 9 digits
  // (for the quarantine's pseudonym, never for a message). Points into the
  // value passed to ClassifyPersonId or into its `buffer`.
  std::string_view canonical;
  unsigned repairs = kRepairNone;  // PersonIdRepair bits
};

// The length in bytes of the separator at the start of `s` that people put
// between the digit groups of a BSN: space, '.', '-', '/', U+00A0 (no-break
// space) or U+202F (narrow no-break space); 0 when there is none.
std::size_t BsnSeparatorAt(std::string_view s);

// Classifies a delivered person_id (already trimmed of spaces and tabs).
// REQUIRES: `buffer` outlives every use of the result's `canonical`; it is
// written only when the canonical form differs from `value`.
PersonIdClass ClassifyPersonId(std::string_view value, std::string& buffer);

// Whether `v` is 9 ASCII digits, and then whether they pass the elfproef
// (Besluit BSN; as IsValidBsn in delivery.cc, written out for the row loop:
// no calls, no branch per digit).
struct NineDigits {
  bool digits = false;
  bool valid = false;
};
inline NineDigits CheckNineDigits(std::string_view v) {
  NineDigits out;
  if (v.size() != 9) return out;
  unsigned not_digit = 0;
  int sum = 0, any = 0;
  for (int i = 0; i < 9; ++i) {
    const unsigned d = static_cast<unsigned char>(v[static_cast<std::size_t>(i)]) - unsigned{'0'};
    not_digit |= d > 9 ? 1u : 0u;
    sum += (i < 8 ? 9 - i : -1) * static_cast<int>(d);
    any |= static_cast<int>(d);
  }
  out.digits = not_digit == 0;
  out.valid = out.digits && any != 0 && sum % 11 == 0;  // 000000000 is no BSN
  return out;
}

// True for the form of nearly every person id of a delivery: 9 digits that pass the elfproef and are not
// all zero, canonical as they stand (ClassifyPersonId gives kBsn without repairs for exactly these).
// Inline: it runs for every row.
inline bool IsCanonicalBsn(std::string_view v) { return CheckNineDigits(v).valid; }

// The 9 canonical digits of a BSN written as `digits` inside free text (the
// digits of a run of groups, separators removed): 8 digits left-padded with a
// zero, 9 digits, or 10 digits with a leading zero dropped, passing the
// elfproef; with `plain` (9 digits without separators) whether or not they pass
// (a BSN with a typo is still personal). nullopt when it does not look like a BSN.
std::optional<std::string> BsnOfDigits(std::string_view digits, bool plain);

// The message text of one repair kind for `n` ids ("3 ids leken op een BSN
// zonder voorloopnul en zijn hersteld"), in the message language.
std::string PersonIdRepairMessage(PersonIdRepair repair, std::int64_t n);
// A short stable name of a repair kind, for the data-quality report ("leading-zero").
const char* PersonIdRepairName(PersonIdRepair repair);

}  // namespace banenmonitor::data
