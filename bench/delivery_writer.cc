// A deterministic synthetic delivery (see delivery_writer.h).
#include "delivery_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <stdexcept>
#include <string_view>
#include <tuple>
#include <vector>

#include "generate/rng.h"

namespace banenmonitor::bench {

namespace {

// --- randomness -----------------------------------------------------------
// The generator's random numbers (generate/rng.h: one std::mt19937_64, integer
// Below and Between), with the benchmark's own Chance: p rounded to a millionth
// and drawn as an integer, so that the delivery's bytes depend on no floating
// point at all.
class Rng : public generate::Rng {
 public:
  using generate::Rng::Rng;
  std::uint64_t Next() { return Bits(); }
  // True with probability per_million / 1,000,000.
  bool Chance(std::uint32_t per_million) { return Below(1'000'000) < per_million; }
  bool Chance(double p) { return Chance(static_cast<std::uint32_t>(p * 1'000'000 + 0.5)); }
};

// Picks an index with probability proportional to integer weights.
class WeightedPick {
 public:
  void Add(std::uint32_t item, std::uint64_t weight) {
    total_ += weight;
    items_.push_back(item);
    cumulative_.push_back(total_);
  }
  bool empty() const { return items_.empty(); }
  std::uint32_t Pick(Rng& rng) const {
    std::uint64_t x = rng.Below(total_);
    auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
    return items_[static_cast<std::size_t>(it - cumulative_.begin())];
  }

 private:
  std::vector<std::uint32_t> items_;
  std::vector<std::uint64_t> cumulative_;
  std::uint64_t total_ = 0;
};

// --- output -----------------------------------------------------------------
class CsvFile {
 public:
  explicit CsvFile(const std::filesystem::path& path) : path_(path) {
    file_ = std::fopen(path.c_str(), "wb");
    if (file_ == nullptr) throw std::runtime_error(fmt::format("{}: cannot write: {}", path.string(), std::strerror(errno)));
  }
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;
  ~CsvFile() {
    if (file_ != nullptr) std::fclose(file_);
  }

  template <typename... Args>
  void Line(fmt::format_string<Args...> format, Args&&... args) {
    fmt::format_to(std::back_inserter(buffer_), format, std::forward<Args>(args)...);
    buffer_.push_back('\n');
    if (buffer_.size() > (1u << 20)) Flush();
  }

  std::uint64_t Close() {
    Flush();
    if (std::fclose(file_) != 0) {
      file_ = nullptr;
      throw std::runtime_error(fmt::format("{}: cannot write: {}", path_.string(), std::strerror(errno)));
    }
    file_ = nullptr;
    return bytes_;
  }

 private:
  void Flush() {
    if (buffer_.size() == 0) return;
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      throw std::runtime_error(fmt::format("{}: cannot write: {}", path_.string(), std::strerror(errno)));
    }
    bytes_ += buffer_.size();
    buffer_.clear();
  }

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  fmt::memory_buffer buffer_;
  std::uint64_t bytes_ = 0;
};

// --- the population -------------------------------------------------------
enum class Lender : std::uint8_t { kNone, kAgency, kWsw };

struct EmployerRec {
  std::string id;
  std::string name_field;  // already CSV-quoted where needed
  bool government = false;
  std::string subsector;   // "market" for market employers
  std::string organisation;
  Lender lender = Lender::kNone;
};

// Government employers per subsector for 3,000 employers in all (the real
// numbers of gemeenten, provincies and waterschappen; schools and the rest
// scaled down); scaled with the number of employers.
struct SubsectorCount {
  const char* code;
  int count;
};
constexpr std::array<SubsectorCount, 15> kGovernment = {{
    {"rijk", 36}, {"gemeenten", 342}, {"provincies", 12}, {"waterschappen", 21}, {"defensie", 2},
    {"politie", 1}, {"rechtspraak", 3}, {"po", 300}, {"vo", 150}, {"mbo", 60},
    {"hbo", 36}, {"wo", 14}, {"umc", 8}, {"onderzoek", 10}, {"overig", 30},
}};
constexpr int kGovernmentTotal = 1025;
constexpr std::array<const char*, 12> kMinistries = {"AZ", "BZ", "BZK", "DEF", "EZK", "FIN",
                                                      "IenW", "JenV", "LNV", "OCW", "SZW", "VWS"};

// Grounds of registration, per mille, for people who are not Wsw employees.
struct GroundShare {
  const char* ground;
  int per_mille;
};
constexpr std::array<GroundShare, 8> kGrounds = {{
    {"participatiewet", 360}, {"wajong", 300}, {"indicatie", 170}, {"vso_pro", 50},
    {"transitie", 20}, {"wia_experiment", 10}, {"gelijkgesteld", 40}, {"voorziening", 50},
}};

const char* PickGround(Rng& rng) {
  int x = static_cast<int>(rng.Below(1000));
  for (const auto& g : kGrounds) {
    if (x < g.per_mille) return g.ground;
    x -= g.per_mille;
  }
  return kGrounds.front().ground;
}

constexpr int DaysIn(int year, int month) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// A date as yyyymmdd; 0 = open end.
using Ymd = std::int32_t;
Ymd MakeYmd(int y, int m, int d) { return y * 10000 + m * 100 + d; }
Ymd RandomDayIn(Rng& rng, int year, int month) {
  return MakeYmd(year, month, static_cast<int>(rng.Between(1, DaysIn(year, month))));
}
Ymd RandomDayBetweenYears(Rng& rng, int first_year, int last_year) {
  int y = static_cast<int>(rng.Between(first_year, last_year));
  return RandomDayIn(rng, y, static_cast<int>(rng.Between(1, 12)));
}

struct RegisterRow {
  std::uint32_t person;
  const char* ground;
  Ymd start;
  Ymd end;  // 0 = still registered
  std::uint64_t order;
};

struct PayrollRow {
  std::uint32_t person;
  std::uint32_t employer;
  std::int32_t centi_hours;
  std::uint32_t order;
  std::uint8_t month;     // 1..12
  std::uint8_t contract;  // 0 empty, 1 permanent, 2 temporary
  std::uint8_t wsw;       // 0 "0", 1 "1", 2 empty
  bool whole;             // written without decimals ("120")
};

struct HireRow {
  std::uint32_t person;
  std::uint32_t lender;
  std::uint32_t hirer;
  std::int32_t centi_hours;
  std::uint32_t order;
  std::uint8_t month;
};

// The elfproef of the BSN (counting.md §2): 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11.
bool PassesElfproef(std::uint32_t v) {
  int digits[9];
  for (int i = 8; i >= 0; --i) {
    digits[i] = static_cast<int>(v % 10);
    v /= 10;
  }
  int sum = 0;
  for (int i = 0; i < 8; ++i) sum += (9 - i) * digits[i];
  sum -= digits[8];
  return sum % 11 == 0;
}

class Generator {
 public:
  Generator(const DeliveryShape& shape) : shape_(shape), rng_(shape.seed) {
    // Distinct BSNs: walk up from a seeded start; about one in eleven passes.
    next_bsn_ = 100'000'000u + static_cast<std::uint32_t>(rng_.Below(1000)) * 1000u;
  }

  DeliverySummary Write(const std::filesystem::path& dir) {
    if (shape_.payroll_rows < 0) throw std::runtime_error("payroll_rows must be >= 0");
    if (shape_.employers < shape_.agency_lenders + shape_.wsw_lenders + 40) {
      throw std::runtime_error("too few employers for the lenders and subsectors");
    }
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw std::runtime_error(fmt::format("{}: cannot create: {}", dir.string(), ec.message()));
    MakeEmployers();
    MakePeople();
    summary_.bytes += WriteEmployers(dir / "employers.csv");
    summary_.bytes += WriteRegister(dir / "register.csv");
    summary_.bytes += WritePayroll(dir / "payroll.csv");
    summary_.bytes += WriteHireIn(dir / "hire_in.csv");
    summary_.bytes += WriteTargets(dir / "targets.csv");
    return summary_;
  }

 private:
  // --- employers ----------------------------------------------------------
  std::string EmployerId(std::size_t i) {
    // Disjoint ranges of 37 numbers keep the ids unique; a few use payroll number L02.
    std::uint64_t number = 800'000'000u + i * 37 + rng_.Below(37);
    return fmt::format("{:09d}L{:02d}", number, rng_.Chance(0.03) ? 2 : 1);
  }

  void MakeEmployers() {
    const int regular = shape_.employers - shape_.agency_lenders - shape_.wsw_lenders;
    const int government_target = regular * 35 / 100;
    for (int i = 0; i < shape_.agency_lenders; ++i) {
      EmployerRec e{EmployerId(employers_.size()), fmt::format("Uitzendbureau {} BV", i + 1), false, "market", "",
                    Lender::kAgency};
      agencies_.push_back(static_cast<std::uint32_t>(employers_.size()));
      employers_.push_back(std::move(e));
    }
    for (int i = 0; i < shape_.wsw_lenders; ++i) {
      EmployerRec e{EmployerId(employers_.size()), fmt::format("SW-bedrijf Regio {}", i + 1), true, "gemeenten", "",
                    Lender::kWsw};
      wsw_lenders_.push_back(static_cast<std::uint32_t>(employers_.size()));
      employers_.push_back(std::move(e));
    }
    int government = 0;
    for (const auto& s : kGovernment) {
      int n = std::max(1, s.count * government_target / kGovernmentTotal);
      for (int k = 0; k < n; ++k) {
        EmployerRec e;
        e.id = EmployerId(employers_.size());
        e.government = true;
        e.subsector = s.code;
        if (std::string_view(s.code) == "rijk") {
          e.organisation = kMinistries[static_cast<std::size_t>(k) % kMinistries.size()];
          e.name_field = fmt::format("Ministerie {} ({})", e.organisation, k / kMinistries.size() + 1);
        } else {
          e.name_field = fmt::format("{} {}", s.code, k + 1);
        }
        employers_.push_back(std::move(e));
        ++government;
      }
    }
    for (int k = 0; government + k < regular; ++k) {
      EmployerRec e;
      e.id = EmployerId(employers_.size());
      e.subsector = "market";
      if (rng_.Chance(0.10)) e.organisation = fmt::format("Concern {}", rng_.Between(1, 50));
      if (rng_.Chance(0.05)) {
        e.name_field = fmt::format("\"Bakkerij {}, Zonen BV\"", k + 1);  // a comma: quoted (RFC 4180)
      } else if (k % 500 == 7) {
        e.name_field = fmt::format("\"Het \"\"Anker\"\" {}\"", k + 1);  // an escaped quote
      } else {
        e.name_field = fmt::format("Bedrijf {} BV", k + 1);
      }
      employers_.push_back(std::move(e));
    }
    // Employer sizes: Zipf-like weights on a random rank (integer, so deterministic).
    std::vector<std::uint32_t> regular_ids;
    for (std::uint32_t i = 0; i < employers_.size(); ++i) {
      if (employers_[i].lender == Lender::kNone) regular_ids.push_back(i);
    }
    for (std::size_t i = regular_ids.size(); i > 1; --i) {
      std::swap(regular_ids[i - 1], regular_ids[rng_.Below(i)]);
    }
    for (std::size_t rank = 0; rank < regular_ids.size(); ++rank) {
      employer_pick_.Add(regular_ids[rank], 10'000'000 / (rank + 20));
    }
    for (std::size_t i = 0; i < agencies_.size(); ++i) agency_pick_.Add(agencies_[i], 1000 / (i + 2) + 10);
    for (std::size_t i = 0; i < wsw_lenders_.size(); ++i) wsw_pick_.Add(wsw_lenders_[i], 100);
    summary_.employers = static_cast<std::int64_t>(employers_.size());
  }

  // --- persons ------------------------------------------------------------
  std::string NextPersonId() {
    if (rng_.Chance(shape_.pseudonymised_share)) {
      return fmt::format("{:016x}{:016x}{:016x}{:016x}", rng_.Next(), rng_.Next(), rng_.Next(), rng_.Next());
    }
    for (;;) {
      next_bsn_ += 7;
      if (next_bsn_ > 999'999'999u) throw std::runtime_error("out of BSNs: ask for fewer payroll rows");
      if (PassesElfproef(next_bsn_)) return fmt::format("{:09d}", next_bsn_);
    }
  }

  std::uint32_t NewPerson() {
    person_ids_.push_back(NextPersonId());
    return static_cast<std::uint32_t>(person_ids_.size() - 1);
  }

  // Registration periods of one person (counting.md §2, register.csv).
  void Register(std::uint32_t p, bool wsw_employee) {
    const int y = shape_.year;
    const char* ground = wsw_employee && rng_.Chance(0.90) ? "wsw" : PickGround(rng_);
    auto add = [&](const char* g, Ymd start, Ymd end) {
      register_rows_.push_back({p, g, start, end, rng_.Next()});
    };
    std::uint64_t pattern = rng_.Below(100);
    if (pattern < 70) {  // registered before the year, still registered
      add(ground, RandomDayBetweenYears(rng_, 2015, y - 1), 0);
    } else if (pattern < 80) {  // registered during the year
      add(ground, RandomDayIn(rng_, y, static_cast<int>(rng_.Between(1, 12))), 0);
    } else if (pattern < 88) {  // registration ended during the year
      add(ground, RandomDayBetweenYears(rng_, 2015, y - 1), RandomDayIn(rng_, y, static_cast<int>(rng_.Between(1, 12))));
    } else if (pattern < 95) {  // an old period and a new one after a gap
      add(PickGround(rng_), RandomDayBetweenYears(rng_, 2015, 2017), RandomDayBetweenYears(rng_, 2018, 2020));
      add(ground, RandomDayBetweenYears(rng_, 2021, y), 0);
    } else {  // a counting ground and an overlapping voorziening
      add(ground, RandomDayBetweenYears(rng_, 2015, y - 1), 0);
      add("voorziening", RandomDayBetweenYears(rng_, 2019, y), 0);
    }
  }

  void AddPayroll(std::uint32_t p, std::uint32_t employer, int month, std::int32_t centi, std::uint8_t contract,
                  std::uint8_t wsw) {
    if (static_cast<std::int64_t>(payroll_.size()) >= shape_.payroll_rows) return;
    PayrollRow r{p, employer, centi, static_cast<std::uint32_t>(rng_.Next()), static_cast<std::uint8_t>(month),
                 contract, wsw, rng_.Chance(0.10) && centi % 100 == 0};
    payroll_.push_back(r);
    if (wsw == 1) ++summary_.payroll_rows_wsw;
    if (month >= 10) ++summary_.payroll_rows_q4;
  }

  bool Full() const { return static_cast<std::int64_t>(payroll_.size()) >= shape_.payroll_rows; }

  void AddHire(std::uint32_t p, std::uint32_t lender, std::uint32_t hirer, int month, std::int32_t centi) {
    hire_.push_back({p, lender, hirer, centi, static_cast<std::uint32_t>(rng_.Next()), static_cast<std::uint8_t>(month)});
  }

  // One employment: a row per month from `first` to `last`, with hire-in for lenders.
  void Employment(std::uint32_t p, std::uint32_t employer, int first, int last) {
    const Lender lender = employers_[employer].lender;
    std::uint64_t c = rng_.Below(100);
    std::uint8_t contract = c < 55 ? 1 : c < 95 ? 2 : 0;
    // Weekly hours: Wsw 20-36, agency 10-40, others 8-36.
    int weekly = lender == Lender::kWsw     ? static_cast<int>(rng_.Between(20, 36))
                 : lender == Lender::kAgency ? static_cast<int>(rng_.Between(10, 40))
                                             : static_cast<int>(rng_.Between(8, 36));
    bool wsw_contract = lender == Lender::kWsw && rng_.Chance(0.80);  // the rest: beschut werk, no Wsw
    std::uint32_t hirer = 0, second_hirer = 0;
    bool hired_out = false, split = false;
    if (lender == Lender::kAgency && rng_.Chance(0.75)) {
      hired_out = true;
      hirer = employer_pick_.Pick(rng_);
      split = rng_.Chance(0.15);
      second_hirer = employer_pick_.Pick(rng_);
    } else if (lender == Lender::kWsw && rng_.Chance(0.45)) {
      hired_out = true;
      hirer = employer_pick_.Pick(rng_);
    }
    for (int m = first; m <= last && !Full(); ++m) {
      if (rng_.Chance(0.01)) continue;  // a month without pay
      // Monthly hours: weekly x 4.33, varying 85-115 %; 0.5 % of months are zero-hour months.
      std::int32_t centi = rng_.Chance(0.005) ? 0 : weekly * 433 * static_cast<std::int32_t>(rng_.Between(85, 115)) / 100;
      std::uint8_t wsw = wsw_contract ? 1 : (rng_.Chance(0.10) ? 2 : 0);
      if (rng_.Chance(0.02) && centi >= 200) {  // two rows in one month: summed by the loader
        std::int32_t part = static_cast<std::int32_t>(rng_.Between(100, centi - 100));
        AddPayroll(p, employer, m, part, contract, wsw);
        AddPayroll(p, employer, m, centi - part, contract, wsw);
      } else {
        AddPayroll(p, employer, m, centi, contract, wsw);
      }
      if (!hired_out || rng_.Chance(0.10)) continue;
      // Attributed hours: mostly all, sometimes part, sometimes more than paid (scaled down).
      std::uint64_t kind = rng_.Below(100);
      std::int32_t percent = lender == Lender::kWsw ? static_cast<std::int32_t>(rng_.Between(40, 100))
                             : kind < 80         ? 100
                             : kind < 95         ? static_cast<std::int32_t>(rng_.Between(50, 95))
                                                 : static_cast<std::int32_t>(rng_.Between(105, 130));
      std::int32_t attributed = centi * percent / 100;
      if (split && attributed >= 2) {
        std::int32_t a = static_cast<std::int32_t>(rng_.Between(1, attributed - 1));
        AddHire(p, employer, hirer, m, a);
        AddHire(p, employer, second_hirer, m, attributed - a);
      } else {
        AddHire(p, employer, hirer, m, attributed);
      }
      if (rng_.Chance(shape_.hire_in_without_payroll)) {
        // The lender reports hire-in for a month it has no payroll for (a warning).
        int other = first > 1 ? first - 1 : last < 12 ? last + 1 : 0;
        if (other != 0) AddHire(p, employer, hirer, other, attributed);
      }
    }
  }

  void MonthsOf(bool whole_year_likely, int& first, int& last) {
    if (rng_.Chance(whole_year_likely ? 0.55 : 0.20)) {
      first = 1;
      last = 12;
      return;
    }
    first = static_cast<int>(rng_.Between(1, 12));
    last = static_cast<int>(rng_.Between(first, 12));
  }

  void MakePeople() {
    while (!Full()) {
      std::uint32_t p = NewPerson();
      ++summary_.payroll_persons;
      bool wsw_employee = rng_.Chance(0.10);
      if (rng_.Chance(shape_.unregistered_share)) {
        ++summary_.payroll_persons_unregistered;
      } else {
        Register(p, wsw_employee);
      }
      int first, last;
      if (wsw_employee) {
        MonthsOf(true, first, last);
        Employment(p, wsw_pick_.Pick(rng_), first, last);
        if (rng_.Chance(0.10)) {
          MonthsOf(false, first, last);
          Employment(p, employer_pick_.Pick(rng_), first, last);
        }
        continue;
      }
      std::uint64_t jobs = rng_.Below(100);
      int n = jobs < 75 ? 1 : jobs < 95 ? 2 : 3;
      for (int j = 0; j < n; ++j) {
        MonthsOf(j == 0, first, last);
        std::uint32_t employer = rng_.Chance(0.15) ? agency_pick_.Pick(rng_) : employer_pick_.Pick(rng_);
        Employment(p, employer, first, last);
      }
    }
    // People in the register who had no paid work in the year.
    auto extra = static_cast<std::int64_t>(static_cast<double>(summary_.payroll_persons) * shape_.register_only_share);
    for (std::int64_t i = 0; i < extra; ++i) Register(NewPerson(), rng_.Chance(0.05));
  }

  // --- files ----------------------------------------------------------------
  std::uint64_t WriteEmployers(const std::filesystem::path& path) {
    CsvFile f(path);
    f.Line("employer_id,name,sector,subsector,organisation,lender");
    for (std::size_t i = 0; i < employers_.size(); ++i) {
      const auto& e = employers_[i];
      const char* lender = e.lender == Lender::kAgency ? "agency" : e.lender == Lender::kWsw ? "wsw" : "none";
      // Market employers: the subsector column is empty or "market" (both allowed).
      std::string_view subsector = e.government ? std::string_view(e.subsector) : i % 2 ? "market" : "";
      f.Line("{},{},{},{},{},{}", e.id, e.name_field, e.government ? "government" : "market", subsector,
             e.organisation, lender);
    }
    return f.Close();
  }

  static void AppendYmd(fmt::memory_buffer& out, Ymd d) {
    if (d == 0) return;
    fmt::format_to(std::back_inserter(out), "{:04d}-{:02d}-{:02d}", d / 10000, d / 100 % 100, d % 100);
  }

  std::uint64_t WriteRegister(const std::filesystem::path& path) {
    // File order unrelated to person order, as in a real extract.
    std::vector<std::size_t> order(register_rows_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return std::tie(register_rows_[a].order, a) < std::tie(register_rows_[b].order, b);
    });
    CsvFile f(path);
    f.Line("person_id,ground,start_date,end_date");
    std::vector<bool> seen(person_ids_.size(), false);
    fmt::memory_buffer start, end;
    for (std::size_t i : order) {
      const auto& r = register_rows_[i];
      start.clear();
      end.clear();
      AppendYmd(start, r.start);
      AppendYmd(end, r.end);
      f.Line("{},{},{},{}", person_ids_[r.person], r.ground, fmt::to_string(start), fmt::to_string(end));
      if (!seen[r.person]) ++summary_.register_persons;
      seen[r.person] = true;
    }
    summary_.register_rows = static_cast<std::int64_t>(register_rows_.size());
    return f.Close();
  }

  std::uint64_t WritePayroll(const std::filesystem::path& path) {
    // Sorted like a monthly extract: by month, then employer, persons in no particular order.
    std::vector<std::uint32_t> order(payroll_.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      const auto& x = payroll_[a];
      const auto& y = payroll_[b];
      return std::tie(x.month, x.employer, x.order, a) < std::tie(y.month, y.employer, y.order, b);
    });
    CsvFile f(path);
    f.Line("person_id,employer_id,period,hours,contract,wsw");
    static constexpr std::array<const char*, 3> kContract = {"", "permanent", "temporary"};
    static constexpr std::array<const char*, 3> kWsw = {"0", "1", ""};
    for (std::uint32_t i : order) {
      const auto& r = payroll_[i];
      if (r.whole) {
        f.Line("{},{},{:04d}-{:02d},{},{},{}", person_ids_[r.person], employers_[r.employer].id, shape_.year, r.month,
               r.centi_hours / 100, kContract[r.contract], kWsw[r.wsw]);
      } else {
        f.Line("{},{},{:04d}-{:02d},{}.{:02d},{},{}", person_ids_[r.person], employers_[r.employer].id, shape_.year,
               r.month, r.centi_hours / 100, r.centi_hours % 100, kContract[r.contract], kWsw[r.wsw]);
      }
    }
    summary_.payroll_rows = static_cast<std::int64_t>(payroll_.size());
    return f.Close();
  }

  std::uint64_t WriteHireIn(const std::filesystem::path& path) {
    std::vector<std::uint32_t> order(hire_.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
      const auto& x = hire_[a];
      const auto& y = hire_[b];
      return std::tie(x.month, x.lender, x.order, a) < std::tie(y.month, y.lender, y.order, b);
    });
    CsvFile f(path);
    f.Line("person_id,lender_id,hirer_id,period,hours");
    for (std::uint32_t i : order) {
      const auto& r = hire_[i];
      f.Line("{},{},{},{:04d}-{:02d},{}.{:02d}", person_ids_[r.person], employers_[r.lender].id,
             employers_[r.hirer].id, shape_.year, r.month, r.centi_hours / 100, r.centi_hours % 100);
    }
    summary_.hire_in_rows = static_cast<std::int64_t>(hire_.size());
    return f.Close();
  }

  // Targets sized on the q4 payroll of the delivery, so percentages look like
  // the letters to parliament (tens of percents), whatever the size.
  std::uint64_t WriteTargets(const std::filesystem::path& path) {
    std::int64_t total = 0, market = 0, government = 0;
    std::vector<std::int64_t> subsector(kGovernment.size() + 1, 0);  // last: market
    std::vector<std::int64_t> ministry(kMinistries.size(), 0);
    for (const auto& r : payroll_) {
      if (r.month < 10) continue;
      const auto& e = employers_[r.employer];
      total += r.centi_hours;
      (e.government ? government : market) += r.centi_hours;
      std::size_t s = kGovernment.size();
      for (std::size_t i = 0; i < kGovernment.size(); ++i) {
        if (e.government && e.subsector == kGovernment[i].code) s = i;
      }
      subsector[s] += r.centi_hours;
      for (std::size_t i = 0; i < kMinistries.size(); ++i) {
        if (e.organisation == kMinistries[i]) ministry[i] += r.centi_hours;
      }
    }
    // Jobs x 100 for `centi` q4 centihours at `percent` %: centi / 332.75 x percent / 100.
    auto jobs = [](std::int64_t centi, std::int64_t percent) { return centi * 12 * percent / (1331 * 3 * 100); };
    auto number = [](std::int64_t centi_jobs) { return fmt::format("{}.{:02d}", centi_jobs / 100, centi_jobs % 100); };
    CsvFile f(path);
    f.Line("year,scope,baseline_jobs,target_extra_jobs");
    std::int64_t rows = 0;
    for (int year : {shape_.year - 1, shape_.year}) {
      std::int64_t growth = year == shape_.year ? 100 : 90;
      // National targets: extra jobs against the nulmeting.
      f.Line("{},total,{},{}", year, number(jobs(total, 40)), number(jobs(total, 80 * growth / 100)));
      f.Line("{},market,{},{}", year, number(jobs(market, 40)), number(jobs(market, 80 * growth / 100)));
      f.Line("{},government,{},{}", year, number(jobs(government, 40)), number(jobs(government, 75 * growth / 100)));
      rows += 3;
      // Opgave of the public subsectors and ministries: a total number of jobs, baseline 0.
      for (std::size_t i = 0; i < kGovernment.size(); ++i) {
        f.Line("{},subsector:{},0,{}", year, kGovernment[i].code, number(jobs(subsector[i], 130 * growth / 100)));
        ++rows;
      }
      for (std::size_t i = 0; i < kMinistries.size(); ++i) {
        f.Line("{},organisation:{},0,{}", year, kMinistries[i], number(jobs(ministry[i], 120 * growth / 100)));
        ++rows;
      }
      f.Line("{},subsector:market,0,", year);  // a scope without a target: empty percentage
      ++rows;
    }
    summary_.target_rows = rows;
    return f.Close();
  }

  const DeliveryShape shape_;
  Rng rng_;
  std::uint32_t next_bsn_ = 0;
  std::vector<EmployerRec> employers_;
  std::vector<std::uint32_t> agencies_, wsw_lenders_;
  WeightedPick employer_pick_, agency_pick_, wsw_pick_;
  std::vector<std::string> person_ids_;
  std::vector<RegisterRow> register_rows_;
  std::vector<PayrollRow> payroll_;
  std::vector<HireRow> hire_;
  DeliverySummary summary_;
};

}  // namespace

std::string DeliverySummary::ToString() const {
  return fmt::format(
      "employers {}, register {} rows ({} persons), payroll {} rows ({} persons, {} not registered; {} Wsw rows, {} "
      "rows in q4), hire_in {} rows, targets {} rows, {:.1f} MiB",
      employers, register_rows, register_persons, payroll_rows, payroll_persons, payroll_persons_unregistered,
      payroll_rows_wsw, payroll_rows_q4, hire_in_rows, target_rows, static_cast<double>(bytes) / (1 << 20));
}

DeliverySummary WriteDelivery(const std::filesystem::path& directory, const DeliveryShape& shape) {
  return Generator(shape).Write(directory);
}

std::int64_t ParseRowCount(std::string_view text) {
  if (text.empty()) return -1;
  std::int64_t multiplier = 1;
  char last = text.back();
  if (last == 'k' || last == 'K') multiplier = 1'000;
  if (last == 'm' || last == 'M') multiplier = 1'000'000;
  if (multiplier != 1) text.remove_suffix(1);
  if (text.empty() || text.size() > 12) return -1;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value * multiplier;
}

}  // namespace banenmonitor::bench
