// Validating a delivery against the data contract (counting.md §2).
#include "banenmonitor/delivery.h"
#include "data/row_sink.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <thread>
#include <array>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "common/flat_hash_map.h"
#include "data/fields.h"
#include "data/table_file.h"

namespace banenmonitor::data {


namespace {

constexpr std::array<const char*, 9> kGroundNames = {
    "participatiewet", "wsw", "wajong", "indicatie", "vso_pro", "transitie", "wia_experiment", "gelijkgesteld",
    "voorziening"};

// Public subsectors of the government sector (counting.md §2, employers.csv).
constexpr std::array<std::string_view, 15> kGovernmentSubsectors = {
    "rijk", "gemeenten", "provincies", "waterschappen", "defensie", "politie", "rechtspraak", "po",
    "vo", "mbo", "hbo", "wo", "umc", "onderzoek", "overig"};

// Bounds that keep every sum of hours exact in int64 micro-hours (issue 9).
// A person has at most the hours of a month in one row of payroll.csv
// (counting.md §2), hire_in.csv and sroi.csv: 31 x 24.
constexpr int kHoursInAMonth = 744;
// employer_hours.csv has one row per employer and month of all staff, so no
// per-row bound fits it; its file total is bounded instead: 10^12 hours (the
// Netherlands pay some 1.4 x 10^10 hours a year) and 10^14 euros (wages some
// 4 x 10^11 euros a year). Sums of a few such totals still fit in int64.
constexpr Hours kEmployerHoursFileMax = Hours{1'000'000'000'000} * kMicroPerHour;
constexpr std::int64_t kEmployerWageFileMaxCents = std::int64_t{100'000'000'000'000} * 100;

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

// Threads that read a large file: the machine's cores, at most 8; the
// environment variable BANENMONITOR_THREADS sets another number (1: one by one).
int Workers() {
  if (const char* env = std::getenv("BANENMONITOR_THREADS"); env != nullptr && *env != '\0') {
    return std::clamp(std::atoi(env), 1, 64);
  }
  return std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, 8);
}

// A valid loonheffingennummer (9 digits, 'L', 2 digits) as one number: 11 digits.
std::uint64_t EmployerKey(std::string_view id) {
  std::uint64_t v = 0;
  for (char c : id) {
    if (c != 'L') v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

// The valid rows of the parts of a file that ReadInParallel reads, kept per
// part from the moment a thread has read the part until they are handed on in
// file order (its in_order step).
template <typename Row>
class ValidatePartRows {
 public:
  void Put(std::size_t part, std::vector<Row> rows) {
    std::lock_guard<std::mutex> lock(mutex_);
    parts_[part] = std::move(rows);
  }
  std::vector<Row> Take(std::size_t part) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto node = parts_.extract(part);
    return node.empty() ? std::vector<Row>{} : std::move(node.mapped());
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::size_t, std::vector<Row>> parts_;
};

// Employers by their loonheffingennummer as a number (EmployerKey, 11 digits,
// below 2^37) -> index in employers.csv, for the lookup of every payroll,
// hire-in and employer-hours row. Why not FlatHashMap64: its slots are 16
// bytes, so a national list of employers (32,000) took 1 MiB, more than a
// core's L2 cache, and almost every lookup missed it. Here a slot is 8 bytes:
// (key + 1) << 27 | index, 0 when empty, at most half full. Indexes from 2^27
// on are not kept (the caller falls back to its map by id).
class EmployerKeyTable {
 public:
  EmployerKeyTable() { slots_.assign(1024, 0); }
  // Adds `key`, which is not in the table yet.
  void Insert(std::uint64_t key, std::uint32_t index) {
    if (index >= (std::uint32_t{1} << kIndexBits)) return;
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    Place(((key + 1) << kIndexBits) | index);
    ++size_;
  }
  // The index of `key`, or -1.
  std::int64_t Find(std::uint64_t key) const {
    const std::uint64_t tag = key + 1;
    for (std::size_t i = Slot(key);; i = (i + 1) & mask_) {
      std::uint64_t s = slots_[i];
      if (s == 0) return -1;
      if ((s >> kIndexBits) == tag) return static_cast<std::int64_t>(s & ((std::uint64_t{1} << kIndexBits) - 1));
    }
  }

 private:
  static constexpr int kIndexBits = 27;
  std::size_t Slot(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  void Place(std::uint64_t slot) {
    std::size_t i = Slot((slot >> kIndexBits) - 1);
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = slot;
  }
  void Grow() {
    std::vector<std::uint64_t> old(slots_.size() * 2, 0);
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    shift_ = 64 - std::countr_zero(slots_.size());
    for (std::uint64_t s : old) {
      if (s != 0) Place(s);
    }
  }
  std::vector<std::uint64_t> slots_;
  std::size_t mask_ = 1023;
  int shift_ = 54;  // 64 - log2(1024)
  std::size_t size_ = 0;
};

// The line of the first row of every (employer, month) of employer_hours.csv,
// for its rule "one row per employer and month". Why not one hash map over all
// rows: a national file has millions of rows, and a lookup per row at a random
// place of a large map misses the cache every time (it was the largest serial
// cost of reading the file). The file comes month by month, so the lines are
// kept per month in an array over the employers: the current month's array
// stays in the cache. Months beyond kDenseBytes of arrays go to a hash map.
class EmployerHoursFirstLines {
 public:
  explicit EmployerHoursFirstLines(std::size_t employers) : employers_(employers) {}

  // The line of the first row of (employer, month), or 0 when there was none:
  // then `line` (> 0) is recorded as that first row.
  std::int64_t FirstOrRecord(EmployerIndex employer, MonthIndex month, std::int64_t line) {
    std::int64_t* lines = Month(month);
    if (lines == nullptr) {
      auto [it, inserted] = other_.emplace((std::uint64_t{employer} << 32) | static_cast<std::uint32_t>(month), line);
      return inserted ? 0 : it->second;
    }
    std::int64_t& first = lines[employer];
    if (first != 0) return first;
    first = line;
    return 0;
  }

 private:
  static constexpr std::size_t kDenseBytes = std::size_t{256} << 20;
  std::int64_t* Month(MonthIndex month) {
    if (month == last_month_ && last_ != nullptr) return last_;
    auto it = dense_.find(month);
    if (it == dense_.end()) {
      if ((dense_.size() + 1) * employers_ * sizeof(std::int64_t) > kDenseBytes) return nullptr;
      it = dense_.emplace(month, std::vector<std::int64_t>(employers_, 0)).first;
    }
    last_month_ = month;
    last_ = it->second.data();
    return last_;
  }

  std::size_t employers_;
  std::unordered_map<MonthIndex, std::vector<std::int64_t>> dense_;
  std::unordered_map<std::uint64_t, std::int64_t> other_;  // (employer, month) -> line, when not dense
  MonthIndex last_month_ = 0;
  std::int64_t* last_ = nullptr;
};

// A row of employer_hours.csv after the checks of the row on its own: the
// fields of a valid row, and of an invalid one its hours and wage if they parsed.
struct EmployerHoursChecked {
  EmployerHoursRow row;
  bool valid = false;
  bool has_hours = false;
};

class Loader {
 public:
  Loader(Delivery& report, RowSink& sink, std::filesystem::path dir)
      : d_(report), sink_(sink), dir_(std::move(dir)) {}

  void Run() {
    ReadEmployers();
    ReadRegister();
    ReadTargets();
    ReadPayroll();
    ReadHireIn();
    ReadEmployerHours();
    ReadSroi();
    OrderFiles();
  }

 private:
  // --- person ids -------------------------------------------------------
  // Checks a person_id (counting.md §2 register.csv): 9 digits must be a BSN
  // passing the elfproef; anything else is taken as a pseudonymised id. The
  // value itself is never put in a message: it may be a citizen service number.
  static bool CheckPersonId(TableFile& f, std::size_t col, std::string_view id) {
    if (id.empty()) {
      f.Error(col, "empty-value", "empty (expected a BSN of 9 digits or a pseudonymised id)");
      return false;
    }
    if (LooksLikeBsn(id) && !IsValidBsn(id)) {
      f.Error(col, "bad-bsn", "9 digits that fail the elfproef (11-test) of a BSN (value not shown: it may identify a person)");
      return false;
    }
    if (id.size() > 128 || std::any_of(id.begin(), id.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; })) {
      f.Error(col, "bad-person-id", "not a person id (expected a BSN of 9 digits or a pseudonymised id without spaces, at most 128 characters)");
      return false;
    }
    return true;
  }

  // --- employers.csv --------------------------------------------------------
  enum EmployerCol { kEmpId, kEmpName, kEmpSector, kEmpSubsector, kEmpOrganisation, kEmpLender };
  void ReadEmployers() {
    TableFile f(d_, sink_, dir_, "employers.csv",
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
      employer_index_.emplace(e.id, static_cast<EmployerIndex>(employers_.size()));
      employer_keys_.Insert(EmployerKey(e.id), static_cast<std::uint32_t>(employers_.size()));
      employer_lines_.push_back(f.line());
      sink_.OnEmployer(e, f.line());
      employers_.push_back(std::move(e));
    }
    f.Finish();
  }

  // Resolves an employer reference; reports unknown or invalid ones.
  std::optional<EmployerIndex> ResolveEmployer(TableFile& f, std::size_t col) const {
    std::string_view id = Trim(f.Field(col));
    if (IsValidEmployerId(id)) {  // the fast path of every payroll row: a flat lookup by number
      if (std::int64_t index = employer_keys_.Find(EmployerKey(id)); index >= 0) return static_cast<EmployerIndex>(index);
    }
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
    TableFile f(d_, sink_, dir_, "register.csv",
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
      if (*end < *start) {
        f.Warning(kRegEnd, "end-before-start", fmt::format("the registration ends ({}) before it starts ({}); this row covers no day", data::FormatDate(*end), data::FormatDate(*start)));
      }
      sink_.OnRegister({person, static_cast<Ground>(g - kGroundNames.begin()), *start, *end, f.line()});
    }
    f.Finish();
  }

  // --- targets.csv ---------------------------------------------------------
  enum TargetCol { kTgtYear, kTgtScope, kTgtBaseline, kTgtTarget };
  void ReadTargets() {
    TableFile f(d_, sink_, dir_, "targets.csv",
                {{"year", true}, {"scope", true}, {"baseline_jobs", true}, {"target_extra_jobs", false}}, false);
    std::unordered_map<std::string, std::int64_t> seen;
    while (f.NextRow()) {
      Target t;
      auto year = data::ParseInt(f.Field(kTgtYear));
      if (!year || *year < 1900 || *year > 2199) f.Error(kTgtYear, "bad-year", fmt::format("{} is not a year (expected e.g. 2023)", Quote(f.Field(kTgtYear))));
      std::string_view scope = Trim(f.Field(kTgtScope));
      if (!IsValidScope(scope)) {
        f.Error(kTgtScope, "bad-scope", fmt::format("{} is not a scope (expected total, market, government, subsector:<code>, organisation:<name> or employer:<id>)", Quote(scope)));
      } else if (!ScopeHasEmployers(scope)) {
        f.Warning(kTgtScope, "target-without-employers", fmt::format("no employer of employers.csv is in scope {}; this target is not shown", Quote(scope)));
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
      sink_.OnTarget(t, f.line());
    }
    f.Finish();
  }

  bool ScopeHasEmployers(std::string_view scope) const {
    if (scope == "total") return !employers_.empty();
    for (const auto& e : employers_) {
      if (scope == SectorName(e.sector) || (scope.starts_with("subsector:") && scope.substr(10) == e.subsector) ||
          (scope.starts_with("organisation:") && !e.organisation.empty() && scope.substr(13) == e.organisation) ||
          (scope.starts_with("employer:") && scope.substr(9) == e.id)) {
        return true;
      }
    }
    return false;
  }

  // The scope forms of counting.md §2 (targets.csv). A subsector code outside
  // the list is accepted here and warned about as a scope without employers.
  static bool IsValidScope(std::string_view s) {
    if (s == "total" || s == "market" || s == "government") return true;
    if (s.starts_with("subsector:")) return s.size() > 10;
    if (s.starts_with("organisation:")) return s.size() > 13;
    if (s.starts_with("employer:")) return IsValidEmployerId(s.substr(9));
    return false;
  }

  // --- payroll.csv ---------------------------------------------------------
  enum PayrollCol { kPayPerson, kPayEmployer, kPayPeriod, kPayHours, kPayContract, kPayWsw, kPayWage };
  void ReadPayroll() {
    TableFile f(d_, sink_, dir_, "payroll.csv",
                {{"person_id", true}, {"employer_id", true}, {"period", true}, {"hours", true},
                 {"contract", false}, {"wsw", false}, {"wage", false}},
                true);
    // A national payroll.csv is most of a delivery: read it on both cores when the sink allows.
    const int workers = Workers();
    std::vector<std::unique_ptr<PayrollPart>> parts;
    for (int w = 0; w < workers && workers > 1; ++w) {
      auto part = sink_.NewPayrollPart();
      if (!part) break;
      parts.push_back(std::move(part));
    }
    bool parallel = parts.size() == static_cast<std::size_t>(workers) && f.ReadInParallel(workers, [&](TableFile& part, int worker, std::size_t) {
      ReadPayrollRows(part, [&](const PayrollRow& row) { parts[static_cast<std::size_t>(worker)]->OnPayroll(row); });
    });
    if (parallel) {
      for (auto& part : parts) sink_.MergePayrollPart(std::move(part));
    } else {
      ReadPayrollRows(f, [&](const PayrollRow& row) { sink_.OnPayroll(row); });
    }
    f.Finish();
  }

  // Validates the rows of `f` (all of payroll.csv, or a part of it) and hands each valid one to `emit`.
  // Thread-safe for different `f`: reads only the employer index.
  template <typename Emit>
  void ReadPayrollRows(TableFile& f, Emit&& emit) const {
    while (f.NextRow()) {
      std::string_view person = Trim(f.Field(kPayPerson));
      CheckPersonId(f, kPayPerson, person);
      auto employer = ResolveEmployer(f, kPayEmployer);
      auto month = data::ParseMonth(f.Field(kPayPeriod));
      if (!month) f.Error(kPayPeriod, "bad-period", fmt::format("{} is not a month (expected YYYY-MM)", Quote(f.Field(kPayPeriod))));
      auto hours = ParseHours(f, kPayHours, kHoursInAMonth);
      std::string_view contract = Trim(f.Field(kPayContract));
      if (!contract.empty() && contract != "permanent" && contract != "temporary") {
        f.Error(kPayContract, "bad-contract", fmt::format("{} is not a contract kind (expected 'permanent', 'temporary' or empty)", Quote(contract)));
      }
      std::string_view wsw = Trim(f.Field(kPayWsw));
      if (!wsw.empty() && wsw != "0" && wsw != "1") {
        f.Error(kPayWsw, "bad-flag", fmt::format("{} is not a flag (expected 0, 1 or empty)", Quote(wsw)));
      }
      auto wage = ParseWage(f, kPayWage);
      if (!f.row_valid()) continue;
      data::Contract kind = contract == "permanent"   ? data::Contract::kPermanent
                            : contract == "temporary" ? data::Contract::kTemporary
                                                      : data::Contract::kUnknown;
      emit(PayrollRow{person, *employer, *month, *hours, kind, wsw == "1", f.line(), wage});
    }
  }

  static std::optional<Hours> ParseHours(TableFile& f, std::size_t col, std::optional<int> max) {
    std::string_view text = f.Field(col);
    auto h = data::ParseMicroHours(text);
    // The range text is built only for a message: this runs for every payroll row.
    auto range = [&] { return max ? fmt::format("from 0 to {}", *max) : std::string(">= 0"); };
    if (!h) {
      std::string_view t = Trim(text);
      if (!t.empty() && t.front() == '-' && data::ParseMicroHours(t.substr(1))) {
        f.Error(col, "out-of-range", fmt::format("{} is negative (expected hours {})", Quote(t), range()));
      } else if (t.empty()) {
        f.Error(col, "empty-value", fmt::format("empty (expected hours {})", range()));
      } else {
        f.Error(col, "bad-number", fmt::format("{} is not a number (expected hours {}, with '.' as decimal separator)", Quote(t), range()));
      }
      return std::nullopt;
    }
    if (max && *h > Hours{*max} * kMicroPerHour) {
      f.Error(col, "out-of-range", fmt::format("{} is more than {} hours (expected hours {}: a month has at most {} hours)", Quote(Trim(text)), *max, range(), kHoursInAMonth));
      return std::nullopt;
    }
    return h;
  }

  // --- hire_in.csv ---------------------------------------------------------
  enum HireCol { kHirePerson, kHireLender, kHireHirer, kHirePeriod, kHireHours };
  void ReadHireIn() {
    TableFile f(d_, sink_, dir_, "hire_in.csv",
                {{"person_id", true}, {"lender_id", true}, {"hirer_id", true}, {"period", true}, {"hours", true}},
                false);
    // Validated on every core; the sink still gets the rows one by one in file order.
    ValidatePartRows<HireInRow> rows;
    bool parallel = sink_.TakesValidRowsOnly() &&
                    f.ReadInParallel(
                        Workers(),
                        [&](TableFile& part, int, std::size_t index) {
                          std::vector<HireInRow> valid;
                          ReadHireInRows(part, [&](const HireInRow& row) { valid.push_back(row); });
                          rows.Put(index, std::move(valid));
                        },
                        [&](TableFile&, std::size_t index) {
                          for (const HireInRow& row : rows.Take(index)) sink_.OnHireIn(row);
                        });
    if (!parallel) ReadHireInRows(f, [&](const HireInRow& row) { sink_.OnHireIn(row); });
    f.Finish();
  }

  // Validates the rows of `f` (all of hire_in.csv, or a part of it) and hands each valid one to `emit`.
  // Thread-safe for different `f`: reads only the employer tables.
  template <typename Emit>
  void ReadHireInRows(TableFile& f, Emit&& emit) const {
    while (f.NextRow()) {
      std::string_view person = Trim(f.Field(kHirePerson));
      CheckPersonId(f, kHirePerson, person);
      auto lender = ResolveEmployer(f, kHireLender);
      if (lender && employers_[*lender].lender == LenderKind::kNone) {
        f.Error(kHireLender, "not-a-lender", fmt::format("employer {} has lender 'none' in employers.csv (expected an employer whose lender is 'agency' or 'wsw')", Quote(employers_[*lender].id)));
      }
      auto hirer = ResolveEmployer(f, kHireHirer);
      auto month = data::ParseMonth(f.Field(kHirePeriod));
      if (!month) f.Error(kHirePeriod, "bad-period", fmt::format("{} is not a month (expected YYYY-MM)", Quote(f.Field(kHirePeriod))));
      // At most the hours of a month, as payroll.csv (issue 9): hire-in rows
      // without a bound summed past int64 and silently dropped a person.
      auto hours = ParseHours(f, kHireHours, kHoursInAMonth);
      if (!f.row_valid()) continue;
      emit(HireInRow{person, *lender, *hirer, *month, *hours, f.line()});
    }
  }

  // An optional wage in euro (decimal, >= 0) as whole cents; empty is nullopt.
  static std::optional<std::int64_t> ParseWage(TableFile& f, std::size_t col) {
    std::string_view text = Trim(f.Field(col));
    if (text.empty()) return std::nullopt;
    auto micro = data::ParseMicroHours(text);  // the same decimal shape: digits, optional '.' and decimals
    if (!micro) {
      f.Error(col, "bad-number", fmt::format("{} is not an amount (expected euros >= 0 with '.' as decimal separator, or empty)", Quote(text)));
      return std::nullopt;
    }
    return (*micro + 5000) / 10000;  // micro-units to cents, half up
  }

  // --- employer_hours.csv (quotum-and-scenarios.md §1) ----------------------
  enum EmployerHoursCol { kEhEmployer, kEhPeriod, kEhHours, kEhAgency, kEhWsw, kEhWage };
  void ReadEmployerHours() {
    TableFile f(d_, sink_, dir_, "employer_hours.csv",
                {{"employer_id", true}, {"period", true}, {"hours", true}, {"agency_staff_hours", false},
                 {"wsw_hours", false}, {"wage", false}},
                false);
    // The checks across rows, in file order, after the checks of the row itself.
    EmployerHoursFirstLines seen(employers_.size());  // one row per employer and month
    Hours hours_total = 0;                             // of the valid rows so far, at most kEmployerHoursFileMax
    std::int64_t wage_total = 0;                       // cents, at most kEmployerWageFileMaxCents
    // `report(column, kind, message, row_was_valid)` records an error on the row.
    auto check_and_emit = [&](const EmployerHoursChecked& c, auto&& report) {
      const EmployerHoursRow& row = c.row;
      bool valid = c.valid;
      // The file's total is bounded (agency and Wsw hours are parts of it), so
      // that every sum of it (per employer, sector, year: the quotum's A) fits.
      if (c.has_hours && hours_total + row.hours > kEmployerHoursFileMax) {
        report(kEhHours, "out-of-range",
               fmt::format("the hours of employer_hours.csv add up to more than {} with this row (expected a file total "
                           "of at most {} hours: some 70 years of all paid hours of the Netherlands)",
                           kEmployerHoursFileMax / kMicroPerHour, kEmployerHoursFileMax / kMicroPerHour),
               valid);
        valid = false;
      }
      if (row.wage_cents && wage_total + *row.wage_cents > kEmployerWageFileMaxCents) {
        report(kEhWage, "out-of-range",
               fmt::format("the wages of employer_hours.csv add up to more than {} euros with this row (expected a file "
                           "total of at most {} euros)",
                           kEmployerWageFileMaxCents / 100, kEmployerWageFileMaxCents / 100),
               valid);
        valid = false;
      }
      if (!valid) return;
      if (std::int64_t first = seen.FirstOrRecord(row.employer, row.month, row.line); first != 0) {
        report(kEhPeriod, "duplicate-row",
               fmt::format("a second row for this employer and month (expected one; first on line {})", first), true);
        return;
      }
      hours_total += row.hours;
      wage_total += row.wage_cents.value_or(0);
      sink_.OnEmployerHours(row);
    };
    // Validated on every core; the checks across rows and the sink take the rows in file order.
    ValidatePartRows<EmployerHoursChecked> rows;
    bool parallel = sink_.TakesValidRowsOnly() &&
                    f.ReadInParallel(
                        Workers(),
                        [&](TableFile& part, int, std::size_t index) {
                          std::vector<EmployerHoursChecked> checked;
                          ReadEmployerHoursRows(part, [&](const EmployerHoursChecked& c) { checked.push_back(c); });
                          rows.Put(index, std::move(checked));
                        },
                        [&](TableFile& part, std::size_t index) {
                          for (const EmployerHoursChecked& c : rows.Take(index)) {
                            check_and_emit(c, [&](std::size_t col, const char* kind, std::string message, bool was_valid) {
                              part.ErrorOnEarlierRow(c.row.line, col, kind, std::move(message), was_valid);
                            });
                          }
                        });
    if (!parallel) {
      ReadEmployerHoursRows(f, [&](const EmployerHoursChecked& c) {
        check_and_emit(c, [&](std::size_t col, const char* kind, std::string message, bool) {
          f.Error(col, kind, std::move(message));
        });
      });
    }
    f.Finish();
  }

  // Checks each row of `f` (all of employer_hours.csv, or a part of it) on its
  // own and hands to `emit` every row that is valid so far or has hours or a
  // wage (the checks across rows, in check_and_emit, need those). Thread-safe for different `f`.
  template <typename Emit>
  void ReadEmployerHoursRows(TableFile& f, Emit&& emit) const {
    while (f.NextRow()) {
      auto employer = ResolveEmployer(f, kEhEmployer);
      auto month = data::ParseMonth(f.Field(kEhPeriod));
      if (!month) f.Error(kEhPeriod, "bad-period", fmt::format("{} is not a month (expected YYYY-MM)", Quote(f.Field(kEhPeriod))));
      auto hours = ParseHours(f, kEhHours, std::nullopt);
      std::optional<Hours> agency = Hours{0}, wsw = Hours{0};
      if (!Trim(f.Field(kEhAgency)).empty()) agency = ParseHours(f, kEhAgency, std::nullopt);
      if (!Trim(f.Field(kEhWsw)).empty()) wsw = ParseHours(f, kEhWsw, std::nullopt);
      auto wage = ParseWage(f, kEhWage);
      if (hours && agency && wsw && *agency + *wsw > *hours) {
        f.Error(kEhAgency, "out-of-range", "agency_staff_hours + wsw_hours exceed hours (expected parts of the employer's hours)");
      }
      if (!f.row_valid() && !hours && !wage) continue;
      EmployerHoursChecked c;
      c.valid = f.row_valid();
      c.has_hours = hours.has_value();
      c.row = EmployerHoursRow{c.valid ? *employer : 0, c.valid ? *month : 0, hours.value_or(0),
                               c.valid ? *agency : 0, c.valid ? *wsw : 0, wage, f.line()};
      emit(c);
    }
  }

  // --- sroi.csv (quotum-and-scenarios.md §4) --------------------------------
  enum SroiCol { kSroiPerson, kSroiContractor, kSroiBuyer, kSroiPeriod, kSroiHours };
  void ReadSroi() {
    TableFile f(d_, sink_, dir_, "sroi.csv",
                {{"person_id", true}, {"contractor_id", true}, {"buyer_id", true}, {"period", true}, {"hours", true}},
                false);
    while (f.NextRow()) {
      std::string_view person = Trim(f.Field(kSroiPerson));
      CheckPersonId(f, kSroiPerson, person);
      auto contractor = ResolveEmployer(f, kSroiContractor);
      auto buyer = ResolveEmployer(f, kSroiBuyer);
      auto month = data::ParseMonth(f.Field(kSroiPeriod));
      if (!month) f.Error(kSroiPeriod, "bad-period", fmt::format("{} is not a month (expected YYYY-MM)", Quote(f.Field(kSroiPeriod))));
      auto hours = ParseHours(f, kSroiHours, kHoursInAMonth);  // one person's hours in a month, as hire-in
      if (!f.row_valid()) continue;
      sink_.OnSroi({person, *contractor, *buyer, *month, *hours, f.line()});
    }
    f.Finish();
  }

  void OrderFiles() {
    // Files in the order of the contract.
    static constexpr std::array<std::string_view, 7> kOrder = {"employers.csv", "register.csv", "payroll.csv",
                                                              "hire_in.csv", "targets.csv", "employer_hours.csv",
                                                              "sroi.csv"};
    std::stable_sort(d_.files.begin(), d_.files.end(), [](const FileInfo& a, const FileInfo& b) {
      return std::find(kOrder.begin(), kOrder.end(), a.name) < std::find(kOrder.begin(), kOrder.end(), b.name);
    });
  }

  Delivery& d_;
  RowSink& sink_;
  std::filesystem::path dir_;
  std::vector<Employer> employers_;
  IdIndex employer_index_;
  EmployerKeyTable employer_keys_;  // EmployerKey(id) -> index, the same as employer_index_
  std::vector<std::int64_t> employer_lines_;
  std::unordered_map<std::string, std::int64_t> invalid_employers_;
};

}  // namespace

const char* GroundName(Ground g) { return kGroundNames[static_cast<std::size_t>(g)]; }

void ValidateDelivery(const std::filesystem::path& directory, Delivery& report, RowSink& sink) {
  Loader(report, sink, directory).Run();
}

}  // namespace banenmonitor::data

namespace banenmonitor {
const char* GroundName(Ground g) { return data::GroundName(g); }
}  // namespace banenmonitor
