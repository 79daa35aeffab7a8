#include "banenmonitor/params.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "common/lang.h"
#include "data/fields.h"
#include "data/sha256.h"

namespace banenmonitor {

extern const char* const kEmbeddedParametersToml;  // generated from src/params/parameters.toml

namespace {

DayNumber ToDay(const toml::date& d) {
  auto day = data::ParseDate(fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month, d.day));
  return day.value_or(0);
}

}  // namespace

Result<ParameterSet> ParameterSet::FromText(std::string_view text, std::string_view source_name) {
  ParameterSet set;
  set.sha256_ = data::Sha256::Of(text);
  toml::table root;
  try {
    root = toml::parse(text, source_name);
  } catch (const toml::parse_error& e) {
    const auto& where = e.source().begin;
    return Fail(Status::InvalidInput(Say("{}:{}:{}: {} (verwacht een TOML-parameterbestand)",
                                         "{}:{}:{}: {} (expected a TOML parameter file)", source_name, where.line,
                                         where.column, e.description())));
  }
  auto fail = [&](const toml::node& node, const std::string& what) {
    const auto& where = node.source().begin;
    return Fail(Status::InvalidInput(fmt::format("{}:{}:{}: {}", source_name, where.line, where.column, what)));
  };
  auto version = root["version"].value<std::string>();
  if (!version) {
    return fail(root, std::string(Pick("het bestand heeft geen version = \"...\" (verwacht een versietekst)",
                                       "the file has no version = \"...\" (expected a version string)")));
  }
  set.version_ = *version;
  const toml::array* entries = root["parameter"].as_array();
  if (entries == nullptr) {
    return fail(root, std::string(Pick("het bestand heeft geen [[parameter]]-regels",
                                       "the file has no [[parameter]] entries")));
  }
  for (const toml::node& node : *entries) {
    const toml::table* t = node.as_table();
    if (t == nullptr) {
      return fail(node, std::string(Pick("een parameterregel is geen tabel", "a parameter entry is not a table")));
    }
    Parameter p;
    auto name = (*t)["name"].value<std::string>();
    auto value = (*t)["value"].value<double>();
    auto from = (*t)["valid_from"].value<toml::date>();
    auto basis = (*t)["legal_basis"].value<std::string>();
    if (!name) {
      return fail(node, std::string(Pick("parameter zonder naam (verwacht name = \"...\")",
                                         "parameter without name (expected name = \"...\")")));
    }
    if (!value) {
      return fail(node, Say("parameter {} heeft geen numerieke waarde", "parameter {} has no numeric value", *name));
    }
    if (!from) {
      return fail(node, Say("parameter {} heeft geen datum valid_from (verwacht bijvoorbeeld 2018-01-01)",
                            "parameter {} has no valid_from date (expected e.g. 2018-01-01)", *name));
    }
    if (!basis || basis->empty()) {
      return fail(node, Say("parameter {} heeft geen legal_basis", "parameter {} has no legal_basis", *name));
    }
    p.name = *name;
    p.value = *value;
    p.valid_from = ToDay(*from);
    p.legal_basis = *basis;
    p.unit = (*t)["unit"].value_or(std::string());
    p.source = (*t)["source"].value_or(std::string());
    set.parameters_.push_back(std::move(p));
  }
  std::sort(set.parameters_.begin(), set.parameters_.end(), [](const Parameter& a, const Parameter& b) {
    return std::tie(a.name, a.valid_from) < std::tie(b.name, b.valid_from);
  });
  for (std::size_t i = 1; i < set.parameters_.size(); ++i) {
    if (set.parameters_[i].name == set.parameters_[i - 1].name &&
        set.parameters_[i].valid_from == set.parameters_[i - 1].valid_from) {
      return Fail(Status::InvalidInput(Say("{}: parameter {} heeft twee waarden die gelden vanaf {}",
                                           "{}: parameter {} has two entries valid from {}", source_name,
                                           set.parameters_[i].name, data::FormatDate(set.parameters_[i].valid_from))));
    }
  }
  return set;
}

Result<ParameterSet> ParameterSet::FromFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Fail(Status::NotFound(
        Say("{}: het parameterbestand kan niet worden geopend", "{}: cannot open the parameter file", path.string())));
  }
  std::ostringstream text;
  text << in.rdbuf();
  return FromText(text.str(), path.string());
}

const ParameterSet& ParameterSet::Embedded() {
  static const ParameterSet set = [] {
    auto parsed = FromText(kEmbeddedParametersToml, "parameters.toml (embedded)");
    if (!parsed) throw std::logic_error("embedded parameter file is invalid: " + parsed.error().message());
    return *parsed;
  }();
  return set;
}

const Parameter* ParameterSet::Find(std::string_view name, DayNumber day) const {
  const Parameter* best = nullptr;
  for (const auto& p : parameters_) {
    if (p.name == name && p.valid_from <= day) best = &p;
  }
  return best;
}

std::optional<double> ParameterSet::Value(std::string_view name, DayNumber day) const {
  const Parameter* p = Find(name, day);
  if (p == nullptr) return std::nullopt;
  return p->value;
}

}  // namespace banenmonitor
