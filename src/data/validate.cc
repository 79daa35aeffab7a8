// Validating a delivery against the data contract (counting.md §2).
#include "banenmonitor/delivery.h"
#include "banenmonitor/regions.h"
#include "common/string_hash.h"
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
#include "common/lang.h"
#include "data/fields.h"
#include "data/parallel_parts.h"
#include "data/contract_columns.h"
#include "data/employer_tables.h"
#include "data/row_checks.h"
#include "data/person_id_check.h"
#include "data/subsectors.h"
#include "data/table_file.h"

namespace banenmonitor::data {

namespace {

constexpr std::array<const char*, 9> kGroundNames = {
    "participatiewet", "wsw", "wajong", "indicatie", "vso_pro", "transitie", "wia_experiment", "gelijkgesteld",
    "voorziening"};

// Bounds that keep every sum of hours exact in int64 micro-hours:
// kHoursInAMonth per row of payroll.csv, hire_in.csv and sroi.csv (row_checks.h);
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
using IdIndex = StringMap<std::uint32_t>;

// A valid loonheffingennummer (9 digits, 'L', 2 digits) as one number: 11 digits.
std::uint64_t EmployerKey(std::string_view id) {
  std::uint64_t v = 0;
  for (char c : id) {
    if (c != 'L') v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

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
    ReadManifest();
    OrderFiles();
  }

 private:
  // --- employers.csv --------------------------------------------------------
  enum EmployerCol { kEmpId, kEmpName, kEmpSector, kEmpSubsector, kEmpOrganisation, kEmpLender, kEmpRegion };
  void ReadEmployers() {
    TableFile f(d_, sink_, dir_, "employers.csv", EmployerColumns(), true);
    employers_have_lender_ = !f.usable() || f.HasColumn(kEmpLender);
    while (f.NextRow()) {
      Employer e;
      std::string_view id = Trim(f.Field(kEmpId));
      if (!IsValidEmployerId(id)) {
        f.Error(kEmpId, "bad-employer-id", Say("{} is geen loonheffingennummer (verwacht 9 cijfers, 'L', 2 cijfers, bijvoorbeeld 123456789L01)", "{} is not a loonheffingennummer (expected 9 digits, 'L', 2 digits, e.g. 123456789L01)", Quote(id)));
      } else if (auto it = employer_index_.find(id); it != employer_index_.end()) {
        f.Error(kEmpId, "duplicate-employer", Say("{} staat twee keer in het bestand (verwacht elke werkgever één keer; eerst op regel {})", "{} appears twice (expected each employer once; first on line {})", Quote(id), employer_lines_[it->second]));
      } else if (auto it2 = invalid_employers_.find(std::string(id)); it2 != invalid_employers_.end()) {
        f.Error(kEmpId, "duplicate-employer", Say("{} staat twee keer in het bestand (verwacht elke werkgever één keer; eerst op regel {})", "{} appears twice (expected each employer once; first on line {})", Quote(id), it2->second));
      }
      e.id = std::string(id);
      e.name = MaskBsnInText(f, kEmpName, f.Field(kEmpName), FreeText::kName);
      if (!data::IsValidUtf8(e.name)) f.Error(kEmpName, "bad-encoding", Say("geen geldige UTF-8 (verwacht UTF-8-tekst)", "not valid UTF-8 (expected UTF-8 text)"));
      std::string_view sector = Trim(f.Field(kEmpSector));
      std::string_view subsector = Trim(f.Field(kEmpSubsector));
      if (sector == "government") {
        e.sector = Sector::kGovernment;
        if (!IsGovernmentSubsector(subsector)) {
          f.Error(kEmpSubsector, "bad-subsector", Say("{} is geen publieke subsector (verwacht een van {})", "{} is not a public subsector (expected one of {})", Quote(subsector), SubsectorList()));
        }
        e.subsector = std::string(subsector);
      } else if (sector == "market") {
        e.sector = Sector::kMarket;
        if (!subsector.empty() && subsector != "market") {
          f.Error(kEmpSubsector, "bad-subsector", Say("{} is niet toegestaan voor een werkgever in de marktsector (verwacht leeg of 'market')", "{} is not allowed for a market employer (expected empty or 'market')", Quote(subsector)));
        }
        e.subsector = "market";
      } else {
        f.Error(kEmpSector, "bad-sector", Say("{} is geen sector (verwacht 'government' of 'market')", "{} is not a sector (expected 'government' or 'market')", Quote(sector)));
      }
      e.organisation = MaskBsnInText(f, kEmpOrganisation, Trim(f.Field(kEmpOrganisation)), FreeText::kOrganisation);
      if (!data::IsValidUtf8(e.organisation)) f.Error(kEmpOrganisation, "bad-encoding", Say("geen geldige UTF-8 (verwacht UTF-8-tekst)", "not valid UTF-8 (expected UTF-8 text)"));
      std::string_view lender = Trim(f.Field(kEmpLender));
      if (lender.empty() || lender == "none") {
        e.lender = LenderKind::kNone;
      } else if (lender == "agency") {
        e.lender = LenderKind::kAgency;
      } else if (lender == "wsw") {
        e.lender = LenderKind::kWsw;
      } else {
        f.Error(kEmpLender, "bad-lender", Say("{} is geen soort uitlener (verwacht 'none' of leeg, 'agency' of 'wsw')", "{} is not a lender kind (expected 'none' or empty, 'agency' or 'wsw')", Quote(lender)));
      }
      if (const LabourMarketRegion* region = ReadRegion(f, kEmpRegion)) e.region = region->name;
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

  // No key: the employer reference is not a valid loonheffingennummer (ResolveEmployer reports it).
  static constexpr std::uint64_t kNoEmployerKey = ~std::uint64_t{0};
  // The key of the employer reference in column `col` (kNoEmployerKey when it is not a valid id), its
  // table slot fetched into the cache for ResolveEmployer(f, col, key) while other fields are checked.
  std::uint64_t PrefetchEmployer(TableFile& f, std::size_t col) const {
    std::string_view id = Trim(f.Field(col));
    if (!IsValidEmployerId(id)) return kNoEmployerKey;
    const std::uint64_t key = EmployerKey(id);
    employer_keys_.Prefetch(key);
    return key;
  }

  // Resolves an employer reference; reports unknown or invalid ones.
  std::optional<EmployerIndex> ResolveEmployer(TableFile& f, std::size_t col) const {
    std::string_view id = Trim(f.Field(col));
    return ResolveEmployer(f, col, IsValidEmployerId(id) ? EmployerKey(id) : kNoEmployerKey);
  }
  // The same with the reference's key computed already. REQUIRES: `key` is PrefetchEmployer(f, col) of this row.
  std::optional<EmployerIndex> ResolveEmployer(TableFile& f, std::size_t col, std::uint64_t key) const {
    if (key != kNoEmployerKey) {  // the fast path of every payroll row: a flat lookup by number
      if (std::int64_t index = employer_keys_.Find(key); index >= 0) return static_cast<EmployerIndex>(index);
    }
    return ResolveEmployerByText(f, col);
  }
  // The reference that is not a known valid id: by its text, or an error. Not inlined: the path of a bad row.
  [[gnu::noinline]] std::optional<EmployerIndex> ResolveEmployerByText(TableFile& f, std::size_t col) const {
    std::string_view id = Trim(f.Field(col));
    if (auto it = employer_index_.find(id); it != employer_index_.end()) return it->second;
    if (auto it = invalid_employers_.find(std::string(id)); it != invalid_employers_.end()) {
      f.Error(col, "invalid-employer", Say("werkgever {} is ongeldig in employers.csv (regel {}), dus deze rij kan niet gebruikt worden", "employer {} is invalid in employers.csv (line {}), so this row cannot be used", Quote(id), it->second));
    } else if (id.empty()) {
      f.Error(col, "empty-value", Say("leeg (verwacht een employer_id uit employers.csv)", "empty (expected an employer_id of employers.csv)"));
    } else {
      f.Error(col, "unknown-employer", Say("{} staat niet in employers.csv (verwacht een employer_id die daar staat)", "{} is not in employers.csv (expected an employer_id listed there)", Quote(id)));
    }
    return std::nullopt;
  }

  // Calls `check(person)` on each row of `f` with the canonical person id of
  // column `col` (PersonIdCheck::Check; nullopt after an error on the row).
  // REQUIRES: `person` is used only during the call (it may live in a buffer
  // of this loop). Thread-safe for different `f`. For the small files only:
  // the payroll and hire-in loops (most of a delivery's rows) are written out
  // (docs/build.md, "Choices measured").
  template <typename CheckRow>
  void ForEachPersonRow(TableFile& f, std::size_t col, CheckRow&& check) const {
    std::string person_buffer;  // a restored person id (data/person_id.h)
    while (f.NextRow()) check(person_ids_.Check(f, col, Trim(f.Field(col)), person_buffer));
  }

  // Whether register.csv, payroll.csv and hire_in.csv go to the sink a part at a time (row_sink.h),
  // and then with each part's invalid rows.
  bool InParts() const { return sink_.TakesValidRowsOnly() || sink_.TakesRowsInParts(); }
  bool WithInvalidRows() const { return !sink_.TakesValidRowsOnly(); }

  // Ends a file with person ids: its findings, then one warning per kind of person id repaired.
  void FinishPersonFile(TableFile& f, const std::string& file) {
    f.Finish();
    person_ids_.Finish(d_, file);
  }

  // --- register.csv --------------------------------------------------------
  enum RegisterCol { kRegPerson, kRegGround, kRegStart, kRegEnd, kRegRegion };
  void ReadRegister() {
    TableFile f(d_, sink_, dir_, "register.csv", RegisterColumns(), true);
    // Validated on every core, to the sink a part at a time in file order (PartRows: no copy of an id).
    bool parallel = InParts() &&
                    ReadPartRowsInOrder<RegisterRow>(
                        f, Workers(), WithInvalidRows(), [&](TableFile& part, auto&& emit) { ReadRegisterRows(part, emit); },
                        [&](std::span<const RegisterRow> rows) { sink_.OnRegisterRows(rows); });
    if (!parallel) ReadRegisterRows(f, [&](const RegisterRow& row, bool) { sink_.OnRegister(row); });
    FinishPersonFile(f, "register.csv");
  }

  // Validates the rows of `f` (register.csv or a part) and hands each valid one to `emit(row, restored)`;
  // `restored`: its id is not the field's text but a repaired form in a buffer of this loop. Thread-safe
  // for different `f`.
  template <typename Emit>
  void ReadRegisterRows(TableFile& f, Emit&& emit) const {
    ForEachPersonRow(f, kRegPerson, [&](std::optional<std::string_view> person) {
      std::string_view ground_text = Trim(f.Field(kRegGround));
      auto g = std::find(kGroundNames.begin(), kGroundNames.end(), ground_text);
      if (g == kGroundNames.end()) {
        f.Error(kRegGround, "bad-ground", Say("{} is geen grond van registratie (verwacht een van participatiewet, wsw, wajong, indicatie, vso_pro, transitie, wia_experiment, gelijkgesteld, voorziening)", "{} is not a ground of registration (expected one of participatiewet, wsw, wajong, indicatie, vso_pro, transitie, wia_experiment, gelijkgesteld, voorziening)", Quote(ground_text)));
      }
      auto start = data::ParseDate(f.Field(kRegStart));
      if (!start) f.Error(kRegStart, "bad-date", Say("{} is geen datum (verwacht JJJJ-MM-DD)", "{} is not a date (expected YYYY-MM-DD)", Quote(f.Field(kRegStart))));
      std::optional<DayNumber> end = kOpenEnd;
      if (!Trim(f.Field(kRegEnd)).empty()) {
        end = data::ParseDate(f.Field(kRegEnd));
        if (!end) f.Error(kRegEnd, "bad-date", Say("{} is geen datum (verwacht JJJJ-MM-DD, of leeg zolang de persoon geregistreerd is)", "{} is not a date (expected YYYY-MM-DD, or empty while still registered)", Quote(f.Field(kRegEnd))));
      }
      if (!f.row_valid()) return;
      if (*end < *start) {
        f.Warning(kRegEnd, "end-before-start", Say("de registratie eindigt ({}) voordat ze begint ({}); deze rij dekt geen enkele dag", "the registration ends ({}) before it starts ({}); this row covers no day", data::FormatDate(*end), data::FormatDate(*start)));
      }
      std::uint8_t region = 0;
      if (const LabourMarketRegion* r = ReadRegion(f, kRegRegion)) region = RegionTable::Embedded().IndexOf(r->name);
      emit(RegisterRow{*person, static_cast<Ground>(g - kGroundNames.begin()), *start, *end, f.line(), region},
           person->data() != Trim(f.Field(kRegPerson)).data());
    });
  }

  // --- targets.csv ---------------------------------------------------------
  enum TargetCol { kTgtYear, kTgtScope, kTgtBaseline, kTgtTarget };
  void ReadTargets() {
    TableFile f(d_, sink_, dir_, "targets.csv", TargetColumns(), false);
    std::unordered_map<std::string, std::int64_t> seen;
    while (f.NextRow()) {
      Target t;
      auto year = data::ParseInt(f.Field(kTgtYear));
      if (!year || *year < kMinYear || *year > kMaxYear) f.Error(kTgtYear, "bad-year", Say("{} is geen jaartal (verwacht bijvoorbeeld 2023)", "{} is not a year (expected e.g. 2023)", Quote(f.Field(kTgtYear))));
      // An organisation's name in a scope is free text: masked like the organisation in employers.csv.
      const std::string scope_text = MaskBsnInText(f, kTgtScope, Trim(f.Field(kTgtScope)), FreeText::kScope);
      std::string_view scope = scope_text;
      if (!IsValidScope(scope)) {
        f.Error(kTgtScope, "bad-scope", Say("{} is geen scope (verwacht total, market, government, subsector:<code>, organisation:<naam> of employer:<id>)", "{} is not a scope (expected total, market, government, subsector:<code>, organisation:<name> or employer:<id>)", Quote(scope)));
      } else if (!ScopeHasEmployers(scope)) {
        f.Warning(kTgtScope, "target-without-employers", Say("geen werkgever uit employers.csv valt in scope {}; dit doel wordt niet getoond", "no employer of employers.csv is in scope {}; this target is not shown", Quote(scope)));
      }
      if (!Trim(f.Field(kTgtBaseline)).empty()) {
        if (auto b = CheckJobs(f, kTgtBaseline, /*negative_allowed=*/false)) t.baseline_jobs = *b;
      }
      if (!Trim(f.Field(kTgtTarget)).empty()) t.target_extra_jobs = CheckJobs(f, kTgtTarget, /*negative_allowed=*/true);
      if (!f.row_valid()) continue;
      t.year = *year;
      t.scope = std::string(scope);
      std::string key = fmt::format("{}|{}", t.year, t.scope);
      if (auto it = seen.find(key); it != seen.end()) {
        f.Error(kTgtScope, "duplicate-target", Say("een tweede rij voor {} in {} (verwacht één rij per jaar en scope; eerst op regel {})", "a second row for {} in {} (expected one row per year and scope; first on line {})", Quote(scope), t.year, it->second));
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
    TableFile f(d_, sink_, dir_, "payroll.csv", PayrollColumns(), true);
    // A national payroll.csv is most of a delivery: read it on both cores when the sink allows.
    const int workers = Workers();
    std::vector<std::unique_ptr<PayrollPart>> parts;
    // A payroll row has at least 36 bytes (9 + 12 + 7 + 1 digits, 5 commas and a line break, ...).
    const std::size_t file_rows = static_cast<std::size_t>(f.file_bytes() / 36 + 1);
    for (int w = 0; w < workers && workers > 1; ++w) {
      auto part = sink_.NewPayrollPart(file_rows, static_cast<std::size_t>(w), static_cast<std::size_t>(workers));
      if (!part) break;
      parts.push_back(std::move(part));
    }
    bool parallel = parts.size() == static_cast<std::size_t>(workers) && f.ReadInParallel(workers, [&](TableFile& part, int worker, std::size_t) {
      ReadPayrollRows(part, [&](const PayrollRow& row) { parts[static_cast<std::size_t>(worker)]->OnPayroll(row); });
    });
    if (parallel) {
      for (auto& part : parts) sink_.MergePayrollPart(std::move(part));
    } else if (!parts.empty() || !sink_.TakesRowsInParts() ||
               !ReadPartRowsInOrder<PayrollRow>(
                   f, workers, WithInvalidRows(),
                   [&](TableFile& part, auto&& emit) {
                     ReadPayrollRows(part, [&](const PayrollRow& row) {
                       emit(row, row.person_id.data() != Trim(part.Field(kPayPerson)).data());
                     });
                   },
                   [&](std::span<const PayrollRow> rows) { sink_.OnPayrollRows(rows); })) {
      ReadPayrollRows(f, [&](const PayrollRow& row) { sink_.OnPayroll(row); });
    }
    FinishPersonFile(f, "payroll.csv");
  }

  // Validates the rows of `f` (all of payroll.csv, or a part of it) and hands each valid one to `emit`.
  // Thread-safe for different `f`: reads only the employer index.
  template <typename Emit>
  void ReadPayrollRows(TableFile& f, Emit&& emit) const {
    std::string person_buffer;  // a restored person id (data/person_id.h)
    while (f.NextRow()) {
      const std::uint64_t employer_key = PrefetchEmployer(f, kPayEmployer);  // in the cache once the person is checked
      auto person = person_ids_.Check(f, kPayPerson, Trim(f.Field(kPayPerson)), person_buffer);
      auto employer = ResolveEmployer(f, kPayEmployer, employer_key);
      auto month = CheckMonth(f, kPayPeriod);
      auto hours = CheckHours(f, kPayHours, kHoursInAMonth);
      std::string_view contract = Trim(f.Field(kPayContract));
      const data::Contract kind = IsWord(contract, "permanent")   ? data::Contract::kPermanent
                                  : IsWord(contract, "temporary") ? data::Contract::kTemporary
                                                                  : data::Contract::kUnknown;
      if (kind == data::Contract::kUnknown && !contract.empty()) {
        f.Error(kPayContract, "bad-contract", Say("{} is geen soort contract (verwacht 'permanent', 'temporary' of leeg)", "{} is not a contract kind (expected 'permanent', 'temporary' or empty)", Quote(contract)));
      }
      std::string_view wsw = Trim(f.Field(kPayWsw));
      if (!wsw.empty() && !IsWord(wsw, "0") && !IsWord(wsw, "1")) {
        f.Error(kPayWsw, "bad-flag", Say("{} is geen vlag (verwacht 0, 1 of leeg)", "{} is not a flag (expected 0, 1 or empty)", Quote(wsw)));
      }
      auto wage = CheckWage(f, kPayWage);
      if (!f.row_valid()) continue;
      emit(PayrollRow{*person, *employer, *month, *hours, kind, IsWord(wsw, "1"), f.line(), wage});
    }
  }

  // --- hire_in.csv ---------------------------------------------------------
  enum HireCol { kHirePerson, kHireLender, kHireHirer, kHirePeriod, kHireHours };
  void ReadHireIn() {
    TableFile f(d_, sink_, dir_, "hire_in.csv", HireInColumns(), false);
    // As register.csv: validated on every core, to the sink a part at a time in file order.
    bool parallel = InParts() &&
                    ReadPartRowsInOrder<HireInRow>(
                        f, Workers(), WithInvalidRows(), [&](TableFile& part, auto&& emit) { ReadHireInRows(part, emit); },
                        [&](std::span<const HireInRow> rows) { sink_.OnHireInRows(rows); });
    if (!parallel) ReadHireInRows(f, [&](const HireInRow& row, bool) { sink_.OnHireIn(row); });
    FinishPersonFile(f, "hire_in.csv");
  }

  // Validates the rows of `f` (all of hire_in.csv, or a part of it) and hands each valid one to
  // `emit(row, restored)`, as ReadRegisterRows.
  // Thread-safe for different `f`: reads only the employer tables.
  template <typename Emit>
  void ReadHireInRows(TableFile& f, Emit&& emit) const {
    std::string person_buffer;  // a restored person id (data/person_id.h)
    while (f.NextRow()) {
      auto person = person_ids_.Check(f, kHirePerson, Trim(f.Field(kHirePerson)), person_buffer);
      auto lender = ResolveEmployer(f, kHireLender);
      if (lender && employers_[*lender].lender == LenderKind::kNone && !employers_have_lender_) {
        // Not the hire-in row's fault: employers.csv lacks the column.
        f.Error(kHireLender, "no-lender-column",
                Say("employers.csv heeft geen kolom lender, dus geen werkgever geldt als uitzendbureau of Wsw-bedrijf "
                    "(verwacht in employers.csv de kolom lender: 'agency' of 'wsw' bij elke uitlener)",
                    "employers.csv has no column lender, so no employer is taken as an agency or Wsw employer "
                    "(expected the column lender in employers.csv: 'agency' or 'wsw' for every lender)"));
      } else if (lender && employers_[*lender].lender == LenderKind::kNone) {
        f.Error(kHireLender, "not-a-lender",
                Say("werkgever {} heeft lender 'none' in employers.csv (verwacht een werkgever met lender 'agency' of "
                    "'wsw')",
                    "employer {} has lender 'none' in employers.csv (expected an employer whose lender is 'agency' "
                    "or 'wsw')",
                    Quote(employers_[*lender].id)));
      }
      auto hirer = ResolveEmployer(f, kHireHirer);
      auto month = CheckMonth(f, kHirePeriod);
      // At most the hours of a month, as payroll.csv: hire-in rows
      // without a bound summed past int64 and silently dropped a person.
      auto hours = CheckHours(f, kHireHours, kHoursInAMonth);
      if (!f.row_valid()) continue;
      emit(HireInRow{*person, *lender, *hirer, *month, *hours, f.line()}, person->data() != Trim(f.Field(kHirePerson)).data());
    }
  }

  // --- employer_hours.csv (quotum-and-scenarios.md §1) ----------------------
  enum EmployerHoursCol { kEhEmployer, kEhPeriod, kEhHours, kEhAgency, kEhWsw, kEhWage };
  void ReadEmployerHours() {
    TableFile f(d_, sink_, dir_, "employer_hours.csv", EmployerHoursColumns(), false);
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
               Say("de uren van employer_hours.csv komen met deze rij boven {} (verwacht een totaal van hooguit {} uur "
                   "in het bestand: zo'n 70 jaar van alle betaalde uren van Nederland)",
                   "the hours of employer_hours.csv add up to more than {} with this row (expected a file total "
                   "of at most {} hours: some 70 years of all paid hours of the Netherlands)",
                           kEmployerHoursFileMax / kMicroPerHour, kEmployerHoursFileMax / kMicroPerHour),
               valid);
        valid = false;
      }
      if (row.wage_cents && wage_total + *row.wage_cents > kEmployerWageFileMaxCents) {
        report(kEhWage, "out-of-range",
               Say("de lonen van employer_hours.csv komen met deze rij boven {} euro (verwacht een totaal van hooguit "
                   "{} euro in het bestand)",
                   "the wages of employer_hours.csv add up to more than {} euros with this row (expected a file "
                   "total of at most {} euros)",
                           kEmployerWageFileMaxCents / 100, kEmployerWageFileMaxCents / 100),
               valid);
        valid = false;
      }
      if (!valid) return;
      if (std::int64_t first = seen.FirstOrRecord(row.employer, row.month, row.line); first != 0) {
        report(kEhPeriod, "duplicate-row",
               Say("een tweede rij voor deze werkgever en maand (verwacht één; eerst op regel {})", "a second row for this employer and month (expected one; first on line {})", first), true);
        return;
      }
      hours_total += row.hours;
      wage_total += row.wage_cents.value_or(0);
      sink_.OnEmployerHours(row);
    };
    // Validated on every core; the checks across rows and the sink take the rows in file order.
    bool parallel = sink_.TakesValidRowsOnly() &&
                    ReadPartsInOrder<EmployerHoursChecked>(
                        f, Workers(),
                        [&](TableFile& part, std::vector<EmployerHoursChecked>& checked) {
                          ReadEmployerHoursRows(part, [&](const EmployerHoursChecked& c) { checked.push_back(c); });
                        },
                        [&](TableFile& part, const EmployerHoursChecked& c) {
                          check_and_emit(c, [&](std::size_t col, const char* kind, std::string message, bool was_valid) {
                            part.ErrorOnEarlierRow(c.row.line, col, kind, std::move(message), was_valid);
                          });
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
      auto month = CheckMonth(f, kEhPeriod);
      auto hours = CheckHours(f, kEhHours, std::nullopt);
      std::optional<Hours> agency = Hours{0}, wsw = Hours{0};
      if (!Trim(f.Field(kEhAgency)).empty()) agency = CheckHours(f, kEhAgency, std::nullopt);
      if (!Trim(f.Field(kEhWsw)).empty()) wsw = CheckHours(f, kEhWsw, std::nullopt);
      auto wage = CheckWage(f, kEhWage);
      if (hours && agency && wsw && *agency + *wsw > *hours) {
        f.Error(kEhAgency, "out-of-range", Say("agency_staff_hours + wsw_hours zijn meer dan hours (verwacht delen van de uren van de werkgever)", "agency_staff_hours + wsw_hours exceed hours (expected parts of the employer's hours)"));
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
    TableFile f(d_, sink_, dir_, "sroi.csv", SroiColumns(), false);
    ForEachPersonRow(f, kSroiPerson, [&](std::optional<std::string_view> person) {
      auto contractor = ResolveEmployer(f, kSroiContractor);
      auto buyer = ResolveEmployer(f, kSroiBuyer);
      auto month = CheckMonth(f, kSroiPeriod);
      auto hours = CheckHours(f, kSroiHours, kHoursInAMonth);  // one person's hours in a month, as hire-in
      if (!f.row_valid()) return;
      sink_.OnSroi({*person, *contractor, *buyer, *month, *hours, f.line()});
    });
    FinishPersonFile(f, "sroi.csv");
  }

  // --- delivery.csv (counting.md §2) ----------------------------------------
  enum ManifestCol { kManKey, kManValue };
  void ReadManifest() {
    TableFile f(d_, sink_, dir_, "delivery.csv", ManifestColumns(), false);
    std::unordered_map<std::string, std::int64_t> seen;
    while (f.NextRow()) {
      const std::string key(Trim(f.Field(kManKey)));
      const std::string_view value = Trim(f.Field(kManValue));
      if (auto it = seen.find(key); it != seen.end()) {
        f.Error(kManKey, "duplicate-key",
                Say("een tweede rij voor {} (verwacht één rij per sleutel; eerst op regel {})",
                    "a second row for {} (expected one row per key; first on line {})", Quote(key), it->second));
        continue;
      }
      seen.emplace(key, f.line());
      if (key == "synthetic") {
        if (value == "0" || value == "1") d_.manifest.synthetic = value == "1";
        else f.Error(kManValue, "bad-flag", Say("{} is geen 0 of 1 (verwacht 1 voor synthetische gegevens, anders 0)", "{} is not 0 or 1 (expected 1 for synthetic data, else 0)", Quote(value)));
      } else if (key == "description") {
        d_.manifest.description = MaskBsnInText(f, kManValue, value, FreeText::kDescription);
      } else {
        f.Warning(kManKey, "unknown-key",
                  Say("{} is geen sleutel van delivery.csv en wordt overgeslagen (verwacht synthetic of description)",
                      "{} is not a key of delivery.csv and is skipped (expected synthetic or description)",
                      Quote(key)));
      }
    }
    f.Finish();
  }

  void OrderFiles() {
    // Files in the order of the contract.
    static constexpr std::array<std::string_view, 8> kOrder = {"employers.csv", "register.csv", "payroll.csv",
                                                              "hire_in.csv", "targets.csv", "employer_hours.csv",
                                                              "sroi.csv", "delivery.csv"};
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
  bool employers_have_lender_ = true;  // employers.csv has the column lender (or is unusable anyway)
  std::unordered_map<std::string, std::int64_t> invalid_employers_;
  mutable PersonIdCheck person_ids_;  // of the file being read (from the threads of ReadInParallel too)
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
