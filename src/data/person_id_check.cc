#include "data/person_id_check.h"

#include "common/lang.h"
#include "data/fields.h"

namespace banenmonitor::data {

std::optional<std::string_view> PersonIdCheck::CheckInFull(TableFile& f, std::size_t col, std::string_view id,
                                                     std::string& buffer) {
  PersonIdClass c = ClassifyPersonId(id, buffer);
  switch (c.kind) {
    case PersonIdKind::kBsn:
    case PersonIdKind::kPseudonym:
      if (c.repairs != kRepairNone) Tally(c.repairs, f.line(), f.ColumnNumber(col));
      return c.canonical;
    case PersonIdKind::kEmpty:
      f.Error(col, "empty-value",
              Say("leeg (verwacht een BSN van 9 cijfers of een gepseudonimiseerd id)",
                  "empty (expected a BSN of 9 digits or a pseudonymised id)"));
      break;
    case PersonIdKind::kBadBsn:
      if (c.repairs == kRepairNone) {
        f.Error(col, "bad-bsn",
                Say("9 cijfers die niet aan de elfproef van een BSN voldoen (waarde niet getoond: die kan een persoon "
                    "identificeren)",
                    "9 digits that fail the elfproef (11-test) of a BSN (value not shown: it may identify a person)"));
      } else {
        f.Error(col, "bad-bsn",
                Say("lijkt op een BSN, maar de 9 cijfers voldoen na herstel (voorloopnullen, scheidingstekens) niet aan "
                    "de elfproef (waarde niet getoond: die kan een persoon identificeren)",
                    "looks like a BSN, but its 9 digits, once restored (leading zeros, separators), fail the elfproef "
                    "(11-test) (value not shown: it may identify a person)"));
      }
      break;
    case PersonIdKind::kScientific:
      f.Error(col, "bsn-as-number",
              Say("een getal in wetenschappelijke notatie (zoals 1,23457E+08): zo schrijft een spreadsheet een BSN "
                  "dat als getal is opgeslagen, en de cijfers zijn niet exact te herstellen. Maak de kolom person_id "
                  "in de spreadsheet op als tekst (Celeigenschappen > Tekst), zet de BSN's terug en sla het bestand "
                  "opnieuw op als CSV (waarde niet getoond)",
                  "a number in scientific notation (like 1.23457E+08): that is how a spreadsheet writes a BSN kept "
                  "as a number, and its digits cannot be restored exactly. Format the person_id column as text in "
                  "the spreadsheet (Format Cells > Text), put the BSNs back and save the file as CSV again (value "
                  "not shown)"));
      break;
    case PersonIdKind::kInvalid:
      f.Error(col, "bad-person-id",
              Say("geen persoonsnummer (verwacht een BSN van 9 cijfers dat aan de elfproef voldoet, of een "
                  "gepseudonimiseerd id van 64 hexadecimale tekens; waarde niet getoond)",
                  "not a person id (expected a BSN of 9 digits passing the elfproef, or a pseudonymised id of 64 hex "
                  "digits; value not shown)"));
      break;
  }
  return std::nullopt;
}

void PersonIdCheck::Tally(unsigned repairs, std::int64_t line, int column) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (int k = 0; k < kPersonIdRepairKinds; ++k) {
    if ((repairs & (1u << k)) == 0) continue;
    ++count_[static_cast<std::size_t>(k)];
    auto& first = first_line_[static_cast<std::size_t>(k)];
    if (first == 0 || line < first) {
      first = line;
      first_column_[static_cast<std::size_t>(k)] = column;
    }
  }
}

void PersonIdCheck::Finish(Delivery& d, const std::string& file) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (int k = 0; k < kPersonIdRepairKinds; ++k) {
    auto i = static_cast<std::size_t>(k);
    if (count_[i] == 0) continue;
    auto repair = static_cast<PersonIdRepair>(1u << k);
    d.person_id_repairs[file][PersonIdRepairName(repair)] += count_[i];
    std::string message = repair == kRepairUpperHex
                              ? Say("person_id: {} (de eerste staat op deze regel)",
                                    "person_id: {} (the first is on this line)", PersonIdRepairMessage(repair, count_[i]))
                              : Say("person_id: {} (de eerste staat op deze regel; ze tellen en worden opgeslagen als "
                                    "BSN van 9 cijfers)",
                                    "person_id: {} (the first is on this line; they are counted and stored as a BSN "
                                    "of 9 digits)",
                                    PersonIdRepairMessage(repair, count_[i]));
    d.AddFinding({Finding::Severity::kWarning, file, first_line_[i], first_column_[i], "person-id-repaired",
                  std::move(message)});
  }
  count_.fill(0);
  first_line_.fill(0);
  first_column_.fill(0);
}

std::string MaskBsnInText(TableFile& f, std::size_t col, std::string_view text, FreeText what) {
  bool masked = false;
  std::string out = ReplaceBsnLikeRuns(text, [&](std::string_view) {
    masked = true;
    return std::string("#########");
  });
  if (!masked) return out;
  std::string_view subject = what == FreeText::kName           ? Pick("de naam", "the name")
                             : what == FreeText::kOrganisation ? Pick("de organisatie", "the organisation")
                             : what == FreeText::kScope        ? Pick("de scope", "the scope")
                                                               : Pick("de beschrijving", "the description");
  f.Warning(static_cast<int>(col), "bsn-in-text",
            Say("{} bevatte een reeks cijfers die op een BSN lijkt; die is vervangen door ######### (zo opgeslagen "
                "en getoond)",
                "{} held a run of digits that may be a BSN; it was replaced by ######### (stored and shown so)",
                subject));
  return out;
}

}  // namespace banenmonitor::data
