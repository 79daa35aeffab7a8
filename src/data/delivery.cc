// Reading and validating a delivery (counting.md §2).
#include "banenmonitor/delivery.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "common/flat_hash_map.h"
#include "data/fields.h"
#include "data/table_file.h"

namespace banenmonitor {

using data::ColumnSpec;
using data::Quote;
using data::TableFile;
using data::Trim;

const char* SectorName(Sector s) { return s == Sector::kGovernment ? "government" : "market"; }

const char* LenderKindName(LenderKind k) {
  switch (k) {
    case LenderKind::kAgency: return "agency";
    case LenderKind::kWsw: return "wsw";
    default: return "none";
  }
}

namespace {

constexpr std::array<const char*, 9> kGroundNames = {
    "participatiewet", "wsw", "wajong", "indicatie", "vso_pro", "transitie", "wia_experiment", "gelijkgesteld",
    "voorziening"};

// Public subsectors of the government sector (counting.md §2, employers.csv).
constexpr std::array<std::string_view, 15> kGovernmentSubsectors = {
    "rijk", "gemeenten", "provincies", "waterschappen", "defensie", "politie", "rechtspraak", "po",
    "vo", "mbo", "hbo", "wo", "umc", "onderzoek", "overig"};

bool IsGovernmentSubsector(std::string_view s) {
  return std::find(kGovernmentSubsectors.begin(), kGovernmentSubsectors.end(), s) != kGovernmentSubsectors.end();
}

std::string SubsectorList() {
  std::string out;
  for (auto s : kGovernmentSubsectors) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

// Heterogeneous lookup of person ids without building a std::string per row.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using IdIndex = std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>>;

// Packs (person, employer, month) into one 64-bit key: 26 + 24 + 14 bits.
constexpr int kPersonBits = 26, kEmployerBits = 24, kMonthBits = 14;
constexpr MonthIndex kMonthBase = 1900 * 12;
std::uint64_t PayrollKey(PersonIndex p, EmployerIndex e, MonthIndex m) {
  return (std::uint64_t{p} << (kEmployerBits + kMonthBits)) | (std::uint64_t{e} << kMonthBits) |
         static_cast<std::uint64_t>(m - kMonthBase);
}

class Loader {
 public:
  Loader(Delivery& d, const LoadOptions& o) : d_(d), options_(o) {}

  void Run() {
    ReadEmployers();
    ReadRegister();
    ReadTargets();
    ReadPayroll();
    ReadHireIn();
    Finalise();
  }

 private:
  // --- person ids -------------------------------------------------------
  // Checks a person_id (counting.md §2 register.csv): 9 digits must be a BSN
  // passing the elfproef; anything else is taken as a pseudonymised id. The
  // value itself is never put in a message: it may be a citizen service number.
  bool CheckPersonId(TableFile& f, std::size_t col, std::string_view id) {
    if (id.empty()) {
      f.Error(col, "empty-value", "empty (expected a BSN of 9 digits or a pseudonymised id)");
      return false;
    }
    if (LooksLikeBsn(id) && !IsValidBsn(id)) {
      f.Error(col, "bad-bsn", "9 digits that fail the elfproef (11-test) of a BSN (value not shown: it may identify a person)");
      return false;
    }
    if (id.size() > 128 || id.find_first_of(" \t\r\n") != std::string_view::npos) {
      f.Error(col, "bad-person-id", "not a person id (expected a BSN of 9 digits or a pseudonymised id without spaces, at most 128 characters)");
      return false;
    }
    return true;
  }

  // --- employers.csv --------------------------------------------------------
  enum EmployerCol { kEmpId, kEmpName, kEmpSector, kEmpSubsector, kEmpOrganisation, kEmpLender };
  void ReadEmployers() {
    TableFile f(d_, d_.directory, "employers.csv",
                {{"employer_id", true}, {"name", false}, {"sector", true}, {"subsector", true},
                 {"organisation", false}, {"lender", false}},
                true);
    while (f.NextRow()) {
      Employer e;
      std::string_view id = Trim(f.Field(kEmpId));
      if (!IsValidEmployerId(id)) {
        f.Error(kEmpId, "bad-employer-id", fmt::format("{} is not a loonheffingennummer (expected 9 digits, 'L', 2 digits, e.g. 123456789L01)", Quote(id)));
      } else if (auto it = employer_index_.find(id); it != employer_index_.end()) {
        f.Error(kEmpId, "duplicate-employer", fmt::format("{} appears twice (expected each employer once; first on line {})", Quote(id), employer_lines_[it->second]));
      } else if (auto it2 = invalid_employers_.find(std::string(id)); it2 != invalid_employers_.end()) {
        f.Error(kEmpId, "duplicate-employer", fmt::format("{} appears twice (expected each employer once; first on line {})", Quote(id), it2->second));
      }
      e.id = std::string(id);
      e.name = std::string(f.Field(kEmpName));
      if (!data::IsValidUtf8(e.name)) f.Error(kEmpName, "bad-encoding", "not valid UTF-8 (expected UTF-8 text)");
      std::string_view sector = Trim(f.Field(kEmpSector));
      std::string_view subsector = Trim(f.Field(kEmpSubsector));
      if (sector == "government") {
        e.sector = Sector::kGovernment;
        if (!IsGovernmentSubsector(subsector)) {
          f.Error(kEmpSubsector, "bad-subsector", fmt::format("{} is not a public subsector (expected one of {})", Quote(subsector), SubsectorList()));
        }
        e.subsector = std::string(subsector);
      } else if (sector == "market") {
        e.sector = Sector::kMarket;
        if (!subsector.empty() && subsector != "market") {
          f.Error(kEmpSubsector, "bad-subsector", fmt::format("{} is not allowed for a market employer (expected empty or 'market')", Quote(subsector)));
        }
        e.subsector = "market";
      } else {
        f.Error(kEmpSector, "bad-sector", fmt::format("{} is not a sector (expected 'government' or 'market')", Quote(sector)));
      }
      e.organisation = std::string(Trim(f.Field(kEmpOrganisation)));
      if (!data::IsValidUtf8(e.organisation)) f.Error(kEmpOrganisation, "bad-encoding", "not valid UTF-8 (expected UTF-8 text)");
      std::string_view lender = Trim(f.Field(kEmpLender));
      if (lender.empty() || lender == "none") {
        e.lender = LenderKind::kNone;
      } else if (lender == "agency") {
        e.lender = LenderKind::kAgency;
      } else if (lender == "wsw") {
        e.lender = LenderKind::kWsw;
      } else {
        f.Error(kEmpLender, "bad-lender", fmt::format("{} is not a lender kind (expected 'none' or empty, 'agency' or 'wsw')", Quote(lender)));
      }
      if (!f.row_valid()) {
        if (IsValidEmployerId(id) && !employer_index_.contains(id)) invalid_employers_.emplace(std::string(id), f.line());
        continue;
      }
      employer_index_.emplace(e.id, static_cast<EmployerIndex>(d_.employers.size()));
      employer_lines_.push_back(f.line());
      d_.employers.push_back(std::move(e));
    }
    f.Finish();
  }

  // Resolves an employer reference; reports unknown or invalid ones.
  std::optional<EmployerIndex> ResolveEmployer(TableFile& f, std::size_t col) {
    std::string_view id = Trim(f.Field(col));
    if (auto it = employer_index_.find(id); it != employer_index_.end()) return it->second;
    if (auto it = invalid_employers_.find(std::string(id)); it != invalid_employers_.end()) {
      f.Error(col, "invalid-employer", fmt::format("employer {} is invalid in employers.csv (line {}), so this row cannot be used", Quote(id), it->second));
    } else if (id.empty()) {
      f.Error(col, "empty-value", "empty (expected an employer_id of employers.csv)");
    } else {
      f.Error(col, "unknown-employer", fmt::format("{} is not in employers.csv (expected an employer_id listed there)", Quote(id)));
    }
    return std::nullopt;
  }

  // --- register.csv --------------------------------------------------------
  enum RegisterCol { kRegPerson, kRegGround, kRegStart, kRegEnd };
  void ReadRegister() {
    TableFile f(d_, d_.directory, "register.csv",
                {{"person_id", true}, {"ground", true}, {"start_date", true}, {"end_date", true}}, true);
    while (f.NextRow()) {
      std::string_view person = Trim(f.Field(kRegPerson));
      CheckPersonId(f, kRegPerson, person);
      std::string_view ground_text = Trim(f.Field(kRegGround));
      auto g = std::find(kGroundNames.begin(), kGroundNames.end(), ground_text);
      if (g == kGroundNames.end()) {
        f.Error(kRegGround, "bad-ground", fmt::format("{} is not a ground of registration (expected one of participatiewet, wsw, wajong, indicatie, vso_pro, transitie, wia_experiment, gelijkgesteld, voorziening)", Quote(ground_text)));
      }
      auto start = data::ParseDate(f.Field(kRegStart));
      if (!start) f.Error(kRegStart, "bad-date", fmt::format("{} is not a date (expected YYYY-MM-DD)", Quote(f.Field(kRegStart))));
      std::optional<DayNumber> end = kOpenEnd;
      if (!Trim(f.Field(kRegEnd)).empty()) {
        end = data::ParseDate(f.Field(kRegEnd));
        if (!end) f.Error(kRegEnd, "bad-date", fmt::format("{} is not a date (expected YYYY-MM-DD, or empty while still registered)", Quote(f.Field(kRegEnd))));
      }
      if (!f.row_valid()) continue;
      PersonIndex p = InternPerson(person);
      if (*end < *start) {
        f.Warning(kRegEnd, "end-before-start", fmt::format("the registration ends ({}) before it starts ({}); this row covers no day", data::FormatDate(*end), data::FormatDate(*start)));
        continue;
      }
      d_.register_periods.push_back({p, static_cast<Ground>(g - kGroundNames.begin()), *start, *end});
    }
    f.Finish();
  }

  PersonIndex InternPerson(std::string_view id) {
    auto it = person_index_.find(id);
    if (it != person_index_.end()) return it->second;
    auto index = static_cast<PersonIndex>(d_.person_ids.size());
    person_index_.emplace(std::string(id), index);
    d_.person_ids.emplace_back(id);
    return index;
  }

  // --- targets.csv ---------------------------------------------------------
  enum TargetCol { kTgtYear, kTgtScope, kTgtBaseline, kTgtTarget };
  void ReadTargets() {
    TableFile f(d_, d_.directory, "targets.csv",
                {{"year", true}, {"scope", true}, {"baseline_jobs", true}, {"target_extra_jobs", false}}, false);
    std::unordered_map<std::string, std::int64_t> seen;
    while (f.NextRow()) {
      Target t;
      auto year = data::ParseInt(f.Field(kTgtYear));
      if (!year || *year < 1900 || *year > 2199) f.Error(kTgtYear, "bad-year", fmt::format("{} is not a year (expected e.g. 2023)", Quote(f.Field(kTgtYear))));
      std::string_view scope = Trim(f.Field(kTgtScope));
      if (!IsValidScope(scope)) {
        f.Error(kTgtScope, "bad-scope", fmt::format("{} is not a scope (expected total, market, government, subsector:<code>, organisation:<name> or employer:<id>)", Quote(scope)));
      }
      std::string_view baseline = Trim(f.Field(kTgtBaseline));
      if (!baseline.empty()) {
        auto b = data::ParseDecimal(baseline);
        if (!b || *b < 0) f.Error(kTgtBaseline, "bad-number", fmt::format("{} is not a number of jobs (expected a decimal >= 0 with '.' as separator)", Quote(baseline)));
        else t.baseline_jobs = *b;
      }
      std::string_view target = Trim(f.Field(kTgtTarget));
      if (!target.empty()) {
        auto v = data::ParseDecimal(target);
        if (!v) f.Error(kTgtTarget, "bad-number", fmt::format("{} is not a number of jobs (expected a decimal with '.' as separator, or empty)", Quote(target)));
        else t.target_extra_jobs = *v;
      }
      if (!f.row_valid()) continue;
      t.year = *year;
      t.scope = std::string(scope);
      std::string key = fmt::format("{}|{}", t.year, t.scope);
      if (auto it = seen.find(key); it != seen.end()) {
        f.Error(kTgtScope, "duplicate-target", fmt::format("a second row for {} in {} (expected one row per year and scope; first on line {})", Quote(scope), t.year, it->second));
        continue;
      }
      seen.emplace(std::move(key), f.line());
      d_.targets.push_back(std::move(t));
    }
    f.Finish();
  }

  static bool IsValidScope(std::string_view s) {
    if (s == "total" || s == "market" || s == "government") return true;
    if (s.starts_with("subsector:")) {
      auto code = s.substr(10);
      return code == "market" || IsGovernmentSubsector(code);
    }
    if (s.starts_with("organisation:")) return s.size() > 13;
    if (s.starts_with("employer:")) return IsValidEmployerId(s.substr(9));
    return false;
  }

  bool InMonths(MonthIndex m) const { return m >= options_.first_month && m <= options_.last_month; }

  // --- payroll.csv ---------------------------------------------------------
  enum PayrollCol { kPayPerson, kPayEmployer, kPayPeriod, kPayHours, kPayContract, kPayWsw };
  void ReadPayroll() {
    TableFile f(d_, d_.directory, "payroll.csv",
                {{"person_id", true}, {"employer_id", true}, {"period", true}, {"hours", true},
                 {"contract", false}, {"wsw", false}},
                true);
    while (f.NextRow()) {
      std::string_view person = Trim(f.Field(kPayPerson));
      CheckPersonId(f, kPayPerson, person);
      auto employer = ResolveEmployer(f, kPayEmployer);
      auto month = data::ParseMonth(f.Field(kPayPeriod));
      if (!month) f.Error(kPayPeriod, "bad-period", fmt::format("{} is not a month (expected YYYY-MM)", Quote(f.Field(kPayPeriod))));
      auto hours = ParseHours(f, kPayHours, 744);
      std::string_view contract = Trim(f.Field(kPayContract));
      if (!contract.empty() && contract != "permanent" && contract != "temporary") {
        f.Error(kPayContract, "bad-contract", fmt::format("{} is not a contract kind (expected 'permanent', 'temporary' or empty)", Quote(contract)));
      }
      std::string_view wsw = Trim(f.Field(kPayWsw));
      if (!wsw.empty() && wsw != "0" && wsw != "1") {
        f.Error(kPayWsw, "bad-flag", fmt::format("{} is not a flag (expected 0, 1 or empty)", Quote(wsw)));
      }
      if (!f.row_valid()) continue;
      if (!InMonths(*month)) {
        ++d_.stats.payroll_rows_outside_months;
        continue;
      }
      auto it = person_index_.find(person);
      if (it == person_index_.end()) {
        ++d_.stats.payroll_rows_unregistered;
        continue;
      }
      ++d_.stats.payroll_rows_kept;
      bool inserted;
      auto next = static_cast<std::uint32_t>(d_.payroll.size());
      std::uint32_t* slot = payroll_map_.FindOrInsert(PayrollKey(it->second, *employer, *month), next, inserted);
      if (inserted) d_.payroll.push_back({it->second, *employer, *month, 0, 0, 0, 0});
      PayrollCell& cell = d_.payroll[*slot];
      cell.hours += *hours;  // counting.md §3 rule 2: rows of the same person, employer and month are summed
      if (wsw == "1") cell.wsw_hours += *hours;
      if (contract == "permanent") cell.permanent_hours += *hours;
      if (contract == "temporary") cell.temporary_hours += *hours;
    }
    f.Finish();
  }

  std::optional<Hours> ParseHours(TableFile& f, std::size_t col, int max_hours) {
    std::string_view text = f.Field(col);
    auto h = data::ParseMicroHours(text);
    if (!h) {
      std::string_view t = Trim(text);
      if (!t.empty() && t.front() == '-' && data::ParseMicroHours(t.substr(1))) {
        f.Error(col, "out-of-range", fmt::format("{} is negative (expected hours from 0 to {})", Quote(t), max_hours));
      } else if (t.empty()) {
        f.Error(col, "empty-value", fmt::format("empty (expected hours from 0 to {})", max_hours));
      } else {
        f.Error(col, "bad-number", fmt::format("{} is not a number (expected hours from 0 to {}, with '.' as decimal separator)", Quote(t), max_hours));
      }
      return std::nullopt;
    }
    if (*h > Hours{max_hours} * kMicroPerHour) {
      f.Error(col, "out-of-range", fmt::format("{} is more than {} hours (expected hours from 0 to {}: a month has at most 744 hours)", Quote(Trim(text)), max_hours, max_hours));
      return std::nullopt;
    }
    return h;
  }

  // --- hire_in.csv ---------------------------------------------------------
  enum HireCol { kHirePerson, kHireLender, kHireHirer, kHirePeriod, kHireHours };
  void ReadHireIn() {
    TableFile f(d_, d_.directory, "hire_in.csv",
                {{"person_id", true}, {"lender_id", true}, {"hirer_id", true}, {"period", true}, {"hours", true}},
                false);
    while (f.NextRow()) {
      std::string_view person = Trim(f.Field(kHirePerson));
      CheckPersonId(f, kHirePerson, person);
      auto lender = ResolveEmployer(f, kHireLender);
      if (lender && d_.employers[*lender].lender == LenderKind::kNone) {
        f.Error(kHireLender, "not-a-lender", fmt::format("employer {} has lender 'none' in employers.csv (expected an employer whose lender is 'agency' or 'wsw')", Quote(d_.employers[*lender].id)));
      }
      auto hirer = ResolveEmployer(f, kHireHirer);
      auto month = data::ParseMonth(f.Field(kHirePeriod));
      if (!month) f.Error(kHirePeriod, "bad-period", fmt::format("{} is not a month (expected YYYY-MM)", Quote(f.Field(kHirePeriod))));
      auto hours = ParseHours(f, kHireHours, 744);
      if (!f.row_valid()) continue;
      if (!InMonths(*month)) continue;
      auto it = person_index_.find(person);
      if (it == person_index_.end()) {
        ++d_.stats.hire_in_rows_unregistered;
        continue;
      }
      d_.hire_in.push_back({it->second, *lender, *hirer, *month, *hours, f.line()});
    }
    f.Finish();
  }

  void Finalise() {
    // Hire-in rows with no payroll behind them attribute nothing (counting.md §3 rule 3).
    auto& h = d_.hire_in;
    std::sort(h.begin(), h.end(), [](const HireInCell& a, const HireInCell& b) {
      return std::tie(a.person, a.lender, a.month, a.hirer, a.first_line) <
             std::tie(b.person, b.lender, b.month, b.hirer, b.first_line);
    });
    std::size_t out = 0;
    for (std::size_t i = 0; i < h.size(); ++i) {
      if (out > 0 && h[out - 1].person == h[i].person && h[out - 1].lender == h[i].lender &&
          h[out - 1].month == h[i].month && h[out - 1].hirer == h[i].hirer) {
        h[out - 1].hours += h[i].hours;
      } else {
        h[out++] = h[i];
      }
    }
    h.resize(out);
    for (std::size_t i = 0; i < h.size(); ++i) {
      bool first_of_group = i == 0 || h[i - 1].person != h[i].person || h[i - 1].lender != h[i].lender ||
                            h[i - 1].month != h[i].month;
      if (!first_of_group) continue;
      if (payroll_map_.Find(PayrollKey(h[i].person, h[i].lender, h[i].month)) == nullptr) {
        d_.AddFinding({Finding::Severity::kWarning, "hire_in.csv", h[i].first_line, 0, "hire-in-without-payroll",
                       fmt::format("no payroll of this person at lender {} in {}: these hours are attributed to nobody",
                                   d_.employers[h[i].lender].id, data::FormatMonth(h[i].month))});
      }
    }
    std::sort(d_.payroll.begin(), d_.payroll.end(), [](const PayrollCell& a, const PayrollCell& b) {
      return std::tie(a.person, a.employer, a.month) < std::tie(b.person, b.employer, b.month);
    });
    std::sort(d_.register_periods.begin(), d_.register_periods.end(), [](const RegisterPeriod& a, const RegisterPeriod& b) {
      return std::tie(a.person, a.start_day, a.end_day, a.ground) < std::tie(b.person, b.start_day, b.end_day, b.ground);
    });
    // Files in the order of the contract.
    static constexpr std::array<std::string_view, 5> kOrder = {"employers.csv", "register.csv", "payroll.csv",
                                                              "hire_in.csv", "targets.csv"};
    std::stable_sort(d_.files.begin(), d_.files.end(), [](const FileInfo& a, const FileInfo& b) {
      return std::find(kOrder.begin(), kOrder.end(), a.name) < std::find(kOrder.begin(), kOrder.end(), b.name);
    });
  }

  Delivery& d_;
  const LoadOptions& options_;
  IdIndex employer_index_;
  std::vector<std::int64_t> employer_lines_;
  std::unordered_map<std::string, std::int64_t> invalid_employers_;
  IdIndex person_index_;
  FlatHashMap64 payroll_map_{1 << 16};
};

}  // namespace

const char* GroundName(Ground g) { return kGroundNames[static_cast<std::size_t>(g)]; }

bool LooksLikeBsn(std::string_view v) {
  return v.size() == 9 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The elfproef of the BSN: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11
// (Besluit BSN; the same test UWV applies to the doelgroepregister).
bool IsValidBsn(std::string_view v) {
  if (!LooksLikeBsn(v) || v == "000000000") return false;
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += (9 - i) * (v[static_cast<std::size_t>(i)] - '0');
  sum -= v[8] - '0';
  return sum % 11 == 0;
}

bool IsValidEmployerId(std::string_view v) {
  if (v.size() != 12 || v[9] != 'L') return false;
  for (std::size_t i = 0; i < 12; ++i) {
    if (i == 9) continue;
    if (v[i] < '0' || v[i] > '9') return false;
  }
  return true;
}

std::string Finding::ToString() const {
  std::string out = file;
  if (line > 0) out += fmt::format(":{}", line);
  if (line > 0 && column > 0) out += fmt::format(":{}", column);
  out += severity == Severity::kWarning ? ": warning: " : ": ";
  out += message;
  return out;
}

std::int64_t Delivery::error_count() const {
  std::int64_t n = 0;
  for (const auto& [kind, count] : error_counts) n += count;
  return n;
}

std::int64_t Delivery::warning_count() const {
  std::int64_t n = 0;
  for (const auto& [kind, count] : warning_counts) n += count;
  return n;
}

void Delivery::AddFinding(Finding finding) {
  auto& counts = finding.severity == Finding::Severity::kError ? error_counts : warning_counts;
  ++counts[finding.kind];
  if (findings.size() < kMaxStoredFindings) findings.push_back(std::move(finding));
}

bool Delivery::has_file_errors() const {
  for (const char* kind : {"missing-file", "missing-column", "duplicate-column", "empty-file", "unreadable-file",
                           "read-error", "bad-header"}) {
    if (error_counts.contains(kind)) return true;
  }
  return false;
}

const FileInfo* Delivery::file(std::string_view name) const {
  for (const auto& f : files) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

Result<Delivery> LoadDelivery(const std::filesystem::path& directory, const LoadOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) {
    return Fail(Status::NotFound(fmt::format("{}: not a directory (expected a delivery: a directory with employers.csv, register.csv and payroll.csv)", directory.string())));
  }
  Delivery d;
  d.directory = directory;
  Loader(d, options).Run();
  return d;
}

}  // namespace banenmonitor
