// The 35 arbeidsmarktregio's (labour market regions) and the gemeente of each
// region: versioned reference data compiled into the program
// (src/data/regions.csv; its source, year and licence: docs/regions.md).
//
// A delivery names the region of an employer or a person (docs/counting.md §8)
// by the region's name as UWV and CBS write it ("Groot Amsterdam"), its CBS
// code ("AM18"), or the CBS code of a gemeente in it ("GM0363"): Resolve gives
// the region's name for each of these. An employer or person without a region
// counts under kUnknownRegion.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace banenmonitor {

// The name under which rows without a region are counted (scope "region:onbekend").
inline constexpr std::string_view kUnknownRegion = "onbekend";

struct Gemeente {
  std::string code;         // CBS gemeentecode, e.g. "GM0363"
  std::string name;         // e.g. "Amsterdam"
  std::string region_code;  // e.g. "AM18"
  std::string region;       // e.g. "Groot Amsterdam"
};

struct LabourMarketRegion {
  std::string code;                   // CBS code, e.g. "AM18"
  std::string name;                   // e.g. "Groot Amsterdam"
  std::vector<std::string> gemeenten; // CBS gemeentecodes, sorted
};

class RegionTable {
 public:
  // The table compiled into the program.
  static const RegionTable& Embedded();

  const std::string& version() const { return version_; }  // e.g. "2026.1"
  int year() const { return year_; }                        // the year of the gemeenten
  const std::string& source() const { return source_; }     // citation of the source

  // The 35 regions, sorted by name.
  const std::vector<LabourMarketRegion>& regions() const { return regions_; }
  // The names of the 35 regions, sorted.
  std::vector<std::string> Names() const;
  // Every gemeente, sorted by code.
  const std::vector<Gemeente>& gemeenten() const { return gemeenten_; }

  // The region with this exact name, or nullptr.
  const LabourMarketRegion* FindRegion(std::string_view name) const;
  // The gemeente with this CBS code ("GM0363"), or nullptr.
  const Gemeente* FindGemeente(std::string_view code) const;
  // A person's region as RegisterPeriod::region holds it: 1 + the index of the
  // region in regions(), 0 for none (or an unknown name); and back ("" for 0).
  std::uint8_t IndexOf(std::string_view name) const;
  std::string_view NameOf(std::uint8_t index) const;
  // The gemeenten of the region named `region` (empty for an unknown name).
  std::vector<const Gemeente*> GemeentenOf(std::string_view region) const;

  // The region's name for a region name (case and surrounding spaces do not
  // matter), a region code ("AM18") or a gemeentecode ("GM0363", "gm363");
  // nullopt when the text is none of these.
  std::optional<std::string> Resolve(std::string_view text) const;
  // REQUIRES: Resolve(text) is nullopt. The region name nearest to `text` by
  // edit distance (for "did you mean"), or nullopt when none is close.
  std::optional<std::string> Nearest(std::string_view text) const;

  // Parses the reference file's text (tests give their own); an error names the line.
  static std::optional<RegionTable> FromText(std::string_view text, std::string* error);

 private:
  std::string version_;
  int year_ = 0;
  std::string source_;
  std::vector<LabourMarketRegion> regions_;
  std::vector<Gemeente> gemeenten_;
};

}  // namespace banenmonitor
