// BSNs in the forms a spreadsheet or a person writes them, and deliveries full
// of them, for the property test (tests/store/bsn_forms_test.cc) and the
// libFuzzer target (fuzz/fuzz_bsn_forms.cc) of issue 15 item 5. The random
// choices come from `pick(n)` (0 .. n-1): a PRNG in the test, the fuzzer's bytes.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <string_view>
#include <string>
#include <vector>

#include "banenmonitor/delivery.h"

namespace banenmonitor::testing {

using Pick = std::function<unsigned(unsigned)>;

// A valid BSN from random digits, with 0, 1 or 2 leading zeros (the digits Excel drops).
inline std::string FormsBsn(const Pick& pick) {
  for (;;) {
    unsigned zeros = pick(3) == 0 ? 1 + pick(2) : 0;
    std::string s(zeros, '0');
    s += static_cast<char>('1' + pick(9));
    while (s.size() < 8) s += static_cast<char>('0' + pick(10));
    int sum = 0;
    for (int i = 0; i < 8; ++i) sum += (9 - i) * (s[static_cast<std::size_t>(i)] - '0');
    int check = sum % 11;  // 9*d1 + ... + 2*d8 - d9 = 0 (mod 11)
    if (check == 10) continue;
    s += static_cast<char>('0' + check);
    if (IsValidBsn(s)) return s;
  }
}

// 9 digits that fail the elfproef.
inline std::string FormsBadBsn(const Pick& pick) {
  for (;;) {
    std::string s = "1";
    while (s.size() < 9) s += static_cast<char>('0' + pick(10));
    if (!IsValidBsn(s)) return s;
  }
}

inline std::string WithoutLeadingZeros(const std::string& b) {
  std::size_t i = b.find_first_not_of('0');
  return b.substr(i == std::string::npos ? b.size() : i);
}

// The forms of 9 digits `b` with separators.
inline std::vector<std::string> SeparatedForms(const std::string& b) {
  return {b.substr(0, 4) + "." + b.substr(4, 2) + "." + b.substr(6),
          b.substr(0, 4) + "-" + b.substr(4, 2) + "-" + b.substr(6),
          b.substr(0, 3) + " " + b.substr(3, 3) + " " + b.substr(6),
          b.substr(0, 2) + "/" + b.substr(2, 2) + "/" + b.substr(4, 2) + "/" + b.substr(6),
          b.substr(0, 4) + "\xC2\xA0" + b.substr(4, 2) + "\xC2\xA0" + b.substr(6)};
}

// A person_id as delivered: BSN `b` in a form that restores to `b`.
inline std::string PersonIdForm(const Pick& pick, const std::string& b) {
  std::string short_form = WithoutLeadingZeros(b).size() >= 7 ? WithoutLeadingZeros(b) : b;
  auto separated = SeparatedForms(b);
  switch (pick(9)) {
    case 0: return b;
    case 1: return short_form;
    case 2: return separated[pick(5)];
    case 3: return "NL" + b;
    case 4: return "nl " + separated[0];
    case 5: return "0" + b;
    case 6: return short_form + ".0";
    case 7: return "'" + b;
    default: return short_form;
  }
}

// BSN `b` as it may stand inside free text, in a form the masking of free text
// knows: 9 digits plain or with separators, 8 digits without the leading zero,
// 10 digits with one more, NL in front.
inline std::string TextForm(const Pick& pick, const std::string& b) {
  switch (pick(5)) {
    case 0: return b;
    case 1: return SeparatedForms(b)[pick(5)];
    case 2: return b[0] == '0' && b[1] != '0' ? b.substr(1) : b;
    case 3: return "0" + b;
    default: return "NL" + b;
  }
}

// A delivery written by WriteFormsDelivery and the raw forms it holds.
struct FormsDelivery {
  std::set<std::string> raw;  // every raw form of a BSN that must not appear anywhere
  std::string label;          // a snapshot label with a BSN in it
  int persons = 0;            // distinct persons with hours in Q4 2023
  int invalid_rows = 0;       // rows that go to quarantine with --skip-invalid

  void Remember(const std::string& canonical, const std::string& delivered) {
    raw.insert(canonical);
    raw.insert(delivered);
    if (WithoutLeadingZeros(canonical).size() >= 7) raw.insert(WithoutLeadingZeros(canonical));
    for (const auto& s : SeparatedForms(canonical)) raw.insert(s);
  }
  // The first raw form found in `text`, after leaving out every run of 32 or
  // more hex digits (pseudonyms and hashes, in which a digit string may occur
  // by chance); nullopt when there is none.
  std::optional<std::string> FindRawForm(std::string_view text) const {
    std::string kept;
    kept.reserve(text.size());
    auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); };
    for (std::size_t i = 0; i < text.size();) {
      if (!hex(text[i])) {
        kept += text[i++];
        continue;
      }
      std::size_t j = i;
      while (j < text.size() && hex(text[j])) ++j;
      kept += j - i < 32 ? std::string(text.substr(i, j - i)) : std::string(" ");
      i = j;
    }
    for (const auto& r : raw) {
      if (kept.find(r) != std::string::npos) return r;
    }
    return std::nullopt;
  }
};

// Writes employers.csv, register.csv, payroll.csv and targets.csv to `dir`:
// `persons` persons registered and paid in Q4 2023 under BSNs in random forms
// (PersonIdForm, a different form in each row), BSNs inside employer names, an
// organisation and its target scope (TextForm), invalid rows that go to
// quarantine (bad hours, an unknown employer whose text holds a BSN, a BSN
// failing the elfproef in a separated form), and a label with a BSN. `extra`
// (any text, e.g. the fuzzer's; its digits become 'x', so that it cannot
// write a raw form itself) is put in an employer's name, after a BSN.
inline FormsDelivery WriteFormsDelivery(const Pick& pick, const std::filesystem::path& dir, int persons,
                                        const std::string& extra = "") {
  FormsDelivery c;
  c.persons = persons;
  std::string employers = "employer_id,name,sector,subsector,organisation,lender\n";
  std::string targets = "year,scope,baseline_jobs,target_extra_jobs\n";
  for (int e = 0; e < 4; ++e) {
    std::string b = FormsBsn(pick), name = TextForm(pick, b);
    c.Remember(b, name);
    std::string org = e == 2 ? "Team Noord" : "";
    if (e == 0) {  // one organisation with a BSN only: two masked alike would be one scope
      std::string ob = FormsBsn(pick), form = TextForm(pick, ob);
      c.Remember(ob, form);
      org = "Team " + form;
      targets += fmt::format("2023,organisation:{},0,1\n", org);
    }
    std::string tail = e == 1 ? extra : std::string();
    for (char& ch : tail) {
      if (ch >= '0' && ch <= '9') ch = 'x';
    }
    employers += fmt::format("10000000{}L01,\"Werkgever {} BV{}\",government,rijk,{},none\n", e + 1, name, tail, org);
  }
  std::string reg = "person_id,ground,start_date,end_date\n";
  std::string payroll = "person_id,employer_id,period,hours,contract,wsw\n";
  std::set<std::string> seen;
  for (int p = 0; p < persons; ++p) {
    std::string b = FormsBsn(pick);
    if (!seen.insert(b).second) {
      --p;
      continue;
    }
    std::string form = PersonIdForm(pick, b);
    c.Remember(b, form);
    reg += fmt::format("{},wajong,2015-01-01,\n", form);
    for (int m = 10; m <= 12; ++m) {
      std::string f = PersonIdForm(pick, b);
      c.Remember(b, f);
      payroll += fmt::format("{},10000000{}L01,2023-{},{},permanent,0\n", f, 1 + pick(4), m, 20 + pick(100));
    }
    if (pick(3) == 0) {  // an invalid row of this person: quarantined
      std::string f = PersonIdForm(pick, b);
      c.Remember(b, f);
      payroll += fmt::format("{},100000001L01,2023-11,abc,,0\n", f);
      ++c.invalid_rows;
    }
    if (pick(4) == 0) {  // an unknown employer whose "id" holds another BSN
      std::string ob = FormsBsn(pick), f = TextForm(pick, ob);
      c.Remember(ob, f);
      payroll += fmt::format("{},werkgever {},2023-11,10,,0\n", b, f);
      ++c.invalid_rows;
    }
  }
  // A BSN failing the elfproef, in a separated form: refused and quarantined.
  std::string bad = FormsBadBsn(pick), bad_form = SeparatedForms(bad)[pick(5)];
  c.Remember(bad, bad_form);
  reg += fmt::format("{},wajong,2015-01-01,\n", bad_form);
  ++c.invalid_rows;
  std::string lb = FormsBsn(pick), label_form = TextForm(pick, lb);
  c.Remember(lb, label_form);
  c.label = "Levering " + label_form;
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "employers.csv", std::ios::binary) << employers;
  std::ofstream(dir / "register.csv", std::ios::binary) << reg;
  std::ofstream(dir / "payroll.csv", std::ios::binary) << payroll;
  std::ofstream(dir / "targets.csv", std::ios::binary) << targets;
  return c;
}

}  // namespace banenmonitor::testing
