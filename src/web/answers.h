// Prepared answers (docs/dashboard.md, "Voorbereiden"): the replies of the
// dashboard's first page, for an analyst and for the scope of every sector
// user, as Dashboard::Prepare computed them. Kept in memory and in a derived
// file beside the column cache (WS/cache/snapshot-N.answers), so that a
// restarted server answers the first page at once, before it has loaded the
// snapshot.
//
// The file is never the only copy: absent, of another key (AnswersKey) or
// damaged (its SHA-256 does not match), it is ignored and the answers are
// computed again. It holds only replies given to analysts and sector users:
// aggregates after the disclosure control of their scope, no person data and
// no admin's view. An answer is found only under the role and scope of the
// user it was computed for, so a sector user never reads another scope's.
//
// Layout:
//   "banenmonitor-answers 1\n"
//   one line of JSON: the key, the latest year, the principals prepared
//   per answer: "<key bytes> <content type bytes> <body bytes>\n", the three, "\n"
//   "sha256 <hex digest of everything before this line>\n"
// It is written to a temporary name and renamed into place (a reader never
// sees half a file).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "banenmonitor/status.h"
#include "web/auth.h"

namespace banenmonitor::web {

// What prepared answers are valid for: the same snapshot list (a new, removed
// or relabelled snapshot changes the answers), parameter set, disclosure
// threshold, message language and program.
struct AnswersKey {
  std::int64_t snapshot = 0;      // the latest snapshot, whose figures they are
  std::string snapshots_sha256;   // of the store's snapshot list (Figures::StoreState)
  std::string params_sha256;      // ParameterSet::sha256()
  long long min_persons = 0;
  std::string language;           // "nl" or "en" (messages in the replies)
  std::string program_version;
  bool operator==(const AnswersKey&) const = default;
};

class PreparedAnswers {
 public:
  struct Answer {
    std::string content_type;
    std::string body;
  };

  PreparedAnswers(AnswersKey key, int latest_year) : key_(std::move(key)), latest_year_(latest_year) {}

  const AnswersKey& key() const { return key_; }
  std::size_t size() const { return answers_.size(); }

  // The answer to GET `path` with `query` for `who`, or nullptr. Parameters
  // left out are taken as the route's defaults (as the handlers take them), so
  // `?year=2024` finds the answer of `?year=2024&window=q4&...`. Never for an
  // admin, nor for a route whose answer is not a figure of the snapshot.
  const Answer* Find(const std::string& path, const Principal& who,
                     const std::map<std::string, std::string>& query) const;
  // Keeps the reply to GET `path` with `query` for `who`.
  // REQUIRES: `who` is no admin; the reply was 200.
  void Add(const std::string& path, const Principal& who, const std::map<std::string, std::string>& query,
           Answer answer);

  // Whether the whole first page of `who`'s role and scope is here.
  bool HasPrincipal(const Principal& who) const;
  void AddPrincipal(const Principal& who);

  // Writes the answers to `file` (temporary name, fsync, rename).
  banenmonitor::Status Write(const std::filesystem::path& file) const;
  // The answers in `file`, or nullopt when it is absent, damaged or of another key than `expected`.
  static std::optional<PreparedAnswers> Read(const std::filesystem::path& file, const AnswersKey& expected);

 private:
  std::optional<std::string> KeyOf(const std::string& path, const Principal& who,
                                   std::map<std::string, std::string> query) const;

  AnswersKey key_;
  int latest_year_ = 0;
  std::set<std::string> principals_;
  std::map<std::string, Answer> answers_;
};

// WS/cache/snapshot-N.answers.
std::filesystem::path AnswersPath(const std::filesystem::path& workspace, std::int64_t snapshot);

}  // namespace banenmonitor::web
