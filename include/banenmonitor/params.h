// Versioned legal parameters: every number of the rules, with the date it is
// valid from and the article it rests on (spec: quotum-and-scenarios.md).
//
// The program embeds a default parameter file (src/params/parameters.toml); a
// user may pass another with --params. A value is looked up for a date: the
// entry with the latest valid_from on or before that date applies.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "banenmonitor/delivery.h"
#include "banenmonitor/status.h"

namespace banenmonitor {

struct Parameter {
  std::string name;
  double value = 0;
  std::string unit;
  DayNumber valid_from = 0;
  std::string legal_basis;
  std::string source;
};

class ParameterSet {
 public:
  // The parameter file compiled into the program.
  static const ParameterSet& Embedded();
  // Parses a TOML parameter file; errors name the file, line and column.
  static Result<ParameterSet> FromFile(const std::filesystem::path& path);
  static Result<ParameterSet> FromText(std::string_view toml_text, std::string_view source_name);

  // The value of `name` valid on `day`, or nullopt when none applies.
  std::optional<double> Value(std::string_view name, DayNumber day) const;
  // The entry that applies on `day` (for explanations), or nullptr.
  const Parameter* Find(std::string_view name, DayNumber day) const;

  const std::string& version() const { return version_; }
  const std::string& sha256() const { return sha256_; }
  const std::vector<Parameter>& all() const { return parameters_; }

 private:
  std::string version_;
  std::string sha256_;
  std::vector<Parameter> parameters_;  // sorted by (name, valid_from)
};

}  // namespace banenmonitor
