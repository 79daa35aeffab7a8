// The checks of person ids and of free text against BSNs on the rows of a
// delivery file (validate.cc).
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "banenmonitor/delivery.h"
#include "data/person_id.h"
#include "data/table_file.h"

namespace banenmonitor::data {

// Checks the person_id column of one file's rows and tallies the repairs.
// Usage, per file: Check on every row (from any thread), then Finish.
class PersonIdCheck {
 public:
  // The canonical id (data/person_id.h) of `id`, the trimmed person_id of
  // column `col` of f's current row; nullopt after recording an error on the
  // row. The value is never put in a message: it may be a citizen service
  // number. REQUIRES: `buffer` outlives every use of the result. Thread-safe
  // for different `f` (the parts of TableFile::ReadInParallel).
  // Inline for a canonical BSN, the id of nearly every row; the rest in CheckInFull.
  std::optional<std::string_view> Check(TableFile& f, std::size_t col, std::string_view id, std::string& buffer) {
    if (IsCanonicalBsn(id)) return id;
    return CheckInFull(f, col, id, buffer);
  }
  std::optional<std::string_view> CheckInFull(TableFile& f, std::size_t col, std::string_view id, std::string& buffer);

  // Records one warning per kind of repair seen since the last Finish (at the
  // line and column of its first id: "3 ids looked like a BSN without its
  // leading zero and were restored") and adds the counts to
  // d.person_id_repairs under `file`. Resets the tally.
  void Finish(Delivery& d, const std::string& file);

 private:
  void Tally(unsigned repairs, std::int64_t line, int column);

  std::mutex mutex_;
  std::array<std::int64_t, kPersonIdRepairKinds> count_{};
  std::array<std::int64_t, kPersonIdRepairKinds> first_line_{};  // 0: none yet
  std::array<int, kPersonIdRepairKinds> first_column_{};
};

// What a free-text column holds, for the warning of MaskBsnInText.
enum class FreeText { kName, kOrganisation, kScope, kDescription };

// `text` (column `col` of f's current row) with every run of digits that may
// be a BSN (ReplaceBsnLikeRuns) replaced by #########; when one was, a warning
// on that FILE:LINE:COLUMN says so. The row stays valid.
std::string MaskBsnInText(TableFile& f, std::size_t col, std::string_view text, FreeText what);

}  // namespace banenmonitor::data
