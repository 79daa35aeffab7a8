// The arbeidsmarktregio's and their gemeenten (include/banenmonitor/regions.h),
// read from the reference file compiled into the program (src/data/regions.csv).
#include "banenmonitor/regions.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <stdexcept>

#include "common/edit_distance.h"
#include "common/lookup.h"

namespace banenmonitor {

extern const char* const kEmbeddedRegionsCsv;  // generated from src/data/regions.csv

namespace {

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// The fields of one line of the reference file: commas separate, a field in
// double quotes may hold a comma (no doubled quotes occur in the file).
std::vector<std::string> SplitReferenceLine(std::string_view line) {
  std::vector<std::string> out;
  std::string field;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.push_back(std::move(field));
      field.clear();
    } else {
      field += c;
    }
  }
  out.push_back(std::move(field));
  return out;
}

// "GM0363", "gm363", "0363" and "363" all give "GM0363"; nullopt for a text
// that is not a gemeentecode.
std::optional<std::string> NormaliseGemeenteCode(std::string_view text) {
  std::string_view digits = text;
  if (digits.size() >= 2 && (digits[0] == 'G' || digits[0] == 'g') && (digits[1] == 'M' || digits[1] == 'm')) {
    digits.remove_prefix(2);
  } else if (digits.empty() || digits.size() > 4) {
    return std::nullopt;
  }
  if (digits.empty() || digits.size() > 4) return std::nullopt;
  int number = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return fmt::format("GM{:04d}", number);
}

}  // namespace

std::optional<RegionTable> RegionTable::FromText(std::string_view text, std::string* error) {
  RegionTable table;
  std::map<std::string, LabourMarketRegion> regions;
  int line_number = 0;
  bool header_seen = false;
  auto fail = [&](const std::string& what) {
    if (error != nullptr) *error = fmt::format("regions.csv:{}: {}", line_number, what);
    return std::nullopt;
  };
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    std::string_view line = TrimSpaces(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++line_number;
    if (line.empty()) continue;
    if (line.front() == '#') {
      std::string_view meta = TrimSpaces(line.substr(1));
      if (meta.starts_with("version:")) table.version_ = TrimSpaces(meta.substr(8));
      if (meta.starts_with("source:")) table.source_ = TrimSpaces(meta.substr(7));
      if (meta.starts_with("year:")) {
        std::string_view y = TrimSpaces(meta.substr(5));
        std::from_chars(y.data(), y.data() + y.size(), table.year_);
      }
      continue;
    }
    std::vector<std::string> f = SplitReferenceLine(line);
    if (f.size() != 4) return fail("expected gemeentecode,gemeente,regiocode,arbeidsmarktregio");
    if (!header_seen) {
      header_seen = true;
      continue;
    }
    if (NormaliseGemeenteCode(f[0]) != f[0]) return fail("not a gemeentecode: " + f[0]);
    LabourMarketRegion& region = regions[f[3]];
    if (region.name.empty()) {
      region.name = f[3];
      region.code = f[2];
    } else if (region.code != f[2]) {
      return fail("region " + f[3] + " has two codes");
    }
    region.gemeenten.push_back(f[0]);
    table.gemeenten_.push_back(Gemeente{f[0], f[1], f[2], f[3]});
  }
  if (table.version_.empty() || table.source_.empty() || table.year_ == 0) {
    line_number = 0;
    return fail("the file has no '# version:', '# year:' and '# source:' lines");
  }
  std::sort(table.gemeenten_.begin(), table.gemeenten_.end(),
            [](const Gemeente& a, const Gemeente& b) { return a.code < b.code; });
  for (std::size_t i = 1; i < table.gemeenten_.size(); ++i) {
    if (table.gemeenten_[i].code == table.gemeenten_[i - 1].code) {
      line_number = 0;
      return fail("gemeentecode " + table.gemeenten_[i].code + " occurs twice");
    }
  }
  for (auto& [name, region] : regions) {
    std::sort(region.gemeenten.begin(), region.gemeenten.end());
    table.regions_.push_back(std::move(region));
  }
  return table;
}

const RegionTable& RegionTable::Embedded() {
  static const RegionTable table = [] {
    std::string error;
    auto parsed = FromText(kEmbeddedRegionsCsv, &error);
    if (!parsed) throw std::logic_error("embedded region table is invalid: " + error);
    return std::move(*parsed);
  }();
  return table;
}

std::vector<std::string> RegionTable::Names() const {
  std::vector<std::string> out;
  out.reserve(regions_.size());
  for (const auto& r : regions_) out.push_back(r.name);
  return out;
}

const LabourMarketRegion* RegionTable::FindRegion(std::string_view name) const {
  return FindSorted(regions_, &LabourMarketRegion::name, name);
}

const Gemeente* RegionTable::FindGemeente(std::string_view code) const {
  return FindSorted(gemeenten_, &Gemeente::code, code);
}

std::uint8_t RegionTable::IndexOf(std::string_view name) const {
  const LabourMarketRegion* r = FindRegion(name);
  return r == nullptr ? 0 : static_cast<std::uint8_t>(1 + (r - regions_.data()));
}

std::string_view RegionTable::NameOf(std::uint8_t index) const {
  return index == 0 || index > regions_.size() ? std::string_view() : std::string_view(regions_[index - 1].name);
}

std::vector<const Gemeente*> RegionTable::GemeentenOf(std::string_view region) const {
  std::vector<const Gemeente*> out;
  if (const LabourMarketRegion* r = FindRegion(region)) {
    for (const std::string& code : r->gemeenten) out.push_back(FindGemeente(code));
  }
  return out;
}

std::optional<std::string> RegionTable::Resolve(std::string_view text) const {
  std::string_view t = TrimSpaces(text);
  if (t.empty()) return std::nullopt;
  if (const LabourMarketRegion* r = FindRegion(t)) return r->name;
  std::string lower = Lower(t);
  for (const auto& r : regions_) {
    if (Lower(r.name) == lower || Lower(r.code) == lower) return r.name;
  }
  if (auto code = NormaliseGemeenteCode(t)) {
    if (const Gemeente* g = FindGemeente(*code)) return g->region;
  }
  return std::nullopt;
}

std::optional<std::string> RegionTable::Nearest(std::string_view text) const {
  std::string lower = Lower(TrimSpaces(text));
  if (lower.empty()) return std::nullopt;
  // A gemeente's name gives its region ("Haarlem" is a gemeente, not a region).
  for (const auto& g : gemeenten_) {
    if (Lower(g.name) == lower) return g.region;
  }
  const std::size_t limit = std::max<std::size_t>(2, lower.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& r : regions_) {
    std::string name = Lower(r.name);
    std::size_t d = EditDistance(lower, name, limit);
    if (d > 2 && lower.size() >= 4 && name.find(lower) != std::string::npos) d = 2;  // "amsterdam"
    if (d < best_distance) {
      best_distance = d;
      best = r.name;
    }
  }
  return best;
}

}  // namespace banenmonitor
