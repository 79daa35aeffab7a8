// The header of a delivery file (TableFile::ReadHeader): the separator, the
// columns by name, and what is wrong with a header.
//
// A header's text is never put in a message: a line that is not a header may
// be anything (a key, a data row with a BSN). Messages name the positions of
// the fields and the columns of the data contract only.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "common/lang.h"
#include "data/fields.h"
#include "data/table_file.h"

namespace banenmonitor::data {

namespace {

// The Levenshtein distance of two short texts.
std::size_t ColumnNameDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

}  // namespace

bool TableFile::IsBlankRecord(const CsvRecord& record) {
  return std::all_of(record.fields.begin(), record.fields.end(), [](std::string_view f) {
    return f.find_first_not_of(" \t,;\r") == std::string_view::npos;
  });
}

std::string TableFile::NotUtf8Message() {
  return Say("het bestand is niet in UTF-8 opgeslagen (maar bijvoorbeeld in Windows-1252): sla het in Excel op als "
             "'CSV UTF-8 (door komma's gescheiden)'",
             "the file is not saved in UTF-8 (but, for example, in Windows-1252): save it in Excel as 'CSV UTF-8 "
             "(comma delimited)'");
}

std::string TableFile::ColumnList() const {
  std::string out;
  for (const auto& c : columns_) {
    if (!out.empty()) out += ",";
    out += c.name;
  }
  return out;
}

// REQUIRES: `field` is not a column of the contract. The contract's column
// that `field` was probably meant to be (another case, a typo of at most two
// letters, or the start of the name), when that column is not in the header
// yet; nullptr otherwise.
const char* TableFile::NearestColumn(std::string_view field) const {
  std::string lower = LowerAscii(Trim(field));
  if (lower.size() < 3 || lower.size() > 64) return nullptr;
  const char* best = nullptr;
  std::size_t best_distance = 3;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (positions_[c] >= 0) continue;
    std::string_view name = columns_[c].name;
    std::size_t d = ColumnNameDistance(lower, name);
    if (d > 2 && lower.size() >= 4 && name.starts_with(lower)) d = 2;  // "person" for person_id
    if (d < best_distance) {
      best_distance = d;
      best = columns_[c].name;
    }
  }
  return best;
}

// REQUIRES: reader_ is open at the start of the file. Reads the header (the
// first line that is not blank), finds the separator and every contract
// column, and records what is wrong with it; usable_ when nothing is.
void TableFile::ReadHeader() {
  bool header = false;
  while (reader_->Next(record_, csv_error_)) {
    if (!csv_error_.message.empty() || !IsBlankRecord(record_)) {
      header = true;
      break;
    }
  }
  if (!header) {  // 0 bytes, a byte order mark only, or blank lines only
    delivery_.AddFinding({Finding::Severity::kError, name_, 0, 0, "empty-file",
                          Say("het bestand is leeg (verwacht een kopregel: {})",
                              "the file is empty (expected a header row: {})", ColumnList())});
    return;
  }
  if (!csv_error_.message.empty()) {
    delivery_.AddFinding({Finding::Severity::kError, name_, csv_error_.line, csv_error_.column, "bad-header",
                          Say("kopregel: {}", "header: {}", csv_error_.message)});
    return;
  }
  const char separator = reader_->separator();
  for (auto h : record_.fields) {
    if (!IsValidUtf8(h)) {
      delivery_.AddFinding({Finding::Severity::kError, name_, record_.line, 0, "not-utf8", NotUtf8Message()});
      return;
    }
  }
  header_fields_ = record_.fields.size();
  for (auto h : record_.fields) header_names_.emplace_back(Trim(h));
  std::vector<std::size_t> unknown;  // field positions
  for (std::size_t f = 0; f < record_.fields.size(); ++f) {
    std::string_view h = Trim(record_.fields[f]);
    auto c = std::find_if(columns_.begin(), columns_.end(), [&](const ColumnSpec& spec) { return h == spec.name; });
    if (c == columns_.end()) {
      unknown.push_back(f);
      continue;
    }
    std::size_t index = static_cast<std::size_t>(c - columns_.begin());
    if (positions_[index] >= 0) {
      delivery_.AddFinding({Finding::Severity::kError, name_, record_.line, static_cast<int>(f + 1), "duplicate-column",
                            Say("kolom '{}' staat twee keer in de kopregel (verwacht elke kolom één keer)",
                                "column '{}' appears twice in the header (expected each column once)", c->name)});
      return;
    }
    positions_[index] = static_cast<int>(f);
  }
  std::vector<std::string> missing;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (columns_[c].required && positions_[c] < 0) missing.emplace_back(columns_[c].name);
  }
  const char other = separator == ';' ? ',' : ';';
  const bool other_separator_inside = std::any_of(record_.fields.begin(), record_.fields.end(), [&](std::string_view h) {
    return h.find(other) != std::string_view::npos;
  });
  if (!missing.empty() && other_separator_inside) {
    delivery_.AddFinding(
        {Finding::Severity::kError, name_, record_.line, 0, "mixed-csv-form",
         Say("de kopregel is gescheiden door zowel ';' als ',': het bestand kan op geen van beide manieren gelezen "
             "worden. Sla het bestand in Excel op als 'CSV UTF-8 (door komma's gescheiden)'",
             "the header is separated by both ';' and ',': the file cannot be read either way. Save the file in "
             "Excel as 'CSV UTF-8 (comma delimited)'")});
    return;
  }
  if (unknown.size() == record_.fields.size()) {
    delivery_.AddFinding(
        {Finding::Severity::kError, name_, record_.line, 0, "not-a-header",
         Say("regel {} is geen kopregel: geen van de {} velden is een kolom van het gegevenscontract (verwacht in de "
             "eerste regel de kolomnamen {}, in willekeurige volgorde: ontbreekt de kopregel?)",
             "line {} is not a header: none of its {} fields is a column of the data contract (expected the column "
             "names {} in the first line, in any order: is the header missing?)",
             record_.line, record_.fields.size(), ColumnList())});
    return;
  }
  if (separator == ';') {
    decimal_mark_ = ',';
    delivery_.AddFinding({Finding::Severity::kWarning, name_, 0, 0, "dutch-csv",
                          Say("puntkomma als scheidingsteken en komma als decimaalteken herkend (Excel, Nederlands)",
                              "semicolon as separator and comma as decimal mark recognised (Excel, Dutch)")});
  }
  for (std::size_t f : unknown) {
    const char* near = NearestColumn(record_.fields[f]);
    std::string message =
        Say("kolom {} van de kopregel hoort niet bij het gegevenscontract en wordt genegeerd (verwacht: {})",
            "column {} of the header is not part of the data contract and is ignored (expected: {})", f + 1,
            ColumnList());
    if (near != nullptr) message += Say("; bedoelt u {}?", "; did you mean {}?", near);
    delivery_.AddFinding(
        {Finding::Severity::kWarning, name_, record_.line, static_cast<int>(f + 1), "unknown-column", message});
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    delivery_.AddFinding(
        {Finding::Severity::kError, name_, record_.line, 0, "missing-column",
         missing.size() > 1
             ? Say("de kopregel mist de kolommen {} (verwacht de kolommen {}, in willekeurige volgorde)",
                   "the header lacks the columns {} (expected the columns {}, in any order)", list, ColumnList())
             : Say("de kopregel mist de kolom {} (verwacht de kolommen {}, in willekeurige volgorde)",
                   "the header lacks the column {} (expected the columns {}, in any order)", list, ColumnList())});
    return;
  }
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (positions_[c] >= 0 || columns_[c].absent_nl == nullptr) continue;
    delivery_.AddFinding({Finding::Severity::kWarning, name_, record_.line, 0, "missing-optional-column",
                          Say("de kopregel heeft geen kolom {} (die mag ontbreken): {}",
                              "the header has no column {} (it may be left out): {}", columns_[c].name,
                              Pick(columns_[c].absent_nl, columns_[c].absent_en))});
  }
  usable_ = true;
}

}  // namespace banenmonitor::data
