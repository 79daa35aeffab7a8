// The column cache of a snapshot (column_cache.h).
#include "store/column_cache.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <map>
#include <span>
#include <type_traits>
#include <vector>

#include "common/lang.h"
#include "store/cache_bytes.h"
#include "store/cache_digest.h"
#include "store/merge_blocks.h"

namespace banenmonitor::store {

namespace {

using cache_bytes::Bytes;
using cache_bytes::Reader;

constexpr char kMagic[8] = {'B', 'M', 'C', 'O', 'L', 'S', '\0', '\0'};

enum Kind : std::uint32_t {
  kKey = 1, kEmployers = 2, kPersons = 3, kRegister = 4, kTargets = 5, kMonthRows = 6, kPayroll = 7, kHireIn = 8,
  kEmployerHours = 9, kPayrollTotals = 10, kSroi = 11, kFlags = 12,
};

struct Header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t sections;
  std::uint64_t directory_offset;
  Digest::Text directory_digest;
};

struct Entry {
  std::uint32_t kind;
  std::int32_t month;  // -1 when not per month
  std::uint64_t offset;
  std::uint64_t bytes;
  std::uint64_t records;
  std::uint32_t record_size;
  Digest::Text digest;
};

struct MonthRowsRecord {
  MonthIndex month;
  MonthRows rows;
};

// An EmployerMonth on disk: the same fields without the padding of std::optional,
// so that the file's bytes are those of its values only.
struct EmployerMonthRecord {
  EmployerIndex employer;
  MonthIndex month;
  Hours hours;
  Hours agency_staff_hours;
  Hours wsw_hours;
  std::int64_t wage_cents;
  std::int64_t has_wage;  // 1 when wage_cents was delivered
};

// What a snapshot's tables say beyond their rows.
struct FlagsRecord {
  std::uint64_t has_employer_hours_file;
};

static_assert(std::is_trivially_copyable_v<PayrollCell> && std::is_trivially_copyable_v<HireInCell> &&
              std::is_trivially_copyable_v<RegisterPeriod> && std::is_trivially_copyable_v<MonthRowsRecord> &&
              std::is_trivially_copyable_v<SroiCell>);
static_assert(sizeof(EmployerMonthRecord) == 48 && sizeof(SroiCell) == 32, "records without padding");

EmployerMonthRecord ToRecord(const EmployerMonth& m) {
  return {m.employer, m.month, m.hours, m.agency_staff_hours, m.wsw_hours, m.wage_cents.value_or(0),
          m.wage_cents.has_value() ? 1 : 0};
}
EmployerMonth FromRecord(const EmployerMonthRecord& r) {
  EmployerMonth m{r.employer, r.month, r.hours, r.agency_staff_hours, r.wsw_hours, std::nullopt};
  if (r.has_wage != 0) m.wage_cents = r.wage_cents;
  return m;
}

// The file written section by section: the data first, the directory and the header last.
class CacheWriter {
 public:
  explicit CacheWriter(std::FILE* f) : f_(f) {
    Header blank{};
    ok_ = std::fwrite(&blank, sizeof blank, 1, f_) == 1;
    offset_ = sizeof blank;
  }
  void Section(Kind kind, std::int32_t month, std::string_view bytes, std::uint64_t records, std::uint32_t record_size) {
    // Every section starts at a multiple of 64 bytes, so that a reader can take its records where they lie.
    static constexpr char kZeros[64] = {};
    if (std::size_t pad = (64 - offset_ % 64) % 64; pad > 0) {
      ok_ = ok_ && std::fwrite(kZeros, 1, pad, f_) == pad;
      offset_ += pad;
    }
    Entry e{};
    e.kind = kind;
    e.month = month;
    e.offset = offset_;
    e.bytes = bytes.size();
    e.records = records;
    e.record_size = record_size;
    e.digest = Digest::Of(bytes);
    if (!bytes.empty()) ok_ = ok_ && std::fwrite(bytes.data(), 1, bytes.size(), f_) == bytes.size();
    offset_ += bytes.size();
    entries_.push_back(e);
  }
  // One section per month of `cells` (its cells of that month in table
  // order, each encoded by `encode(cell, out)` into out[0, sizeof(T))), the
  // same bytes as Section for each month in turn, without holding the table a
  // second time: each month's place in the file follows from its count, and
  // its bytes go there through a buffer of its own (a national payroll table
  // is a gigabyte).
  template <typename T, typename Encode>
  void MonthSections(Kind kind, const std::vector<T>& cells, Encode&& encode) {
    if (cells.empty()) return;
    // The cells per month: a histogram over the months' range (not a std::map lookup per cell).
    const auto [lowest, highest] = std::minmax_element(cells.begin(), cells.end(), [](const T& a, const T& b) { return a.month < b.month; });
    const MonthIndex low = lowest->month;
    std::vector<std::uint64_t> per_month(static_cast<std::size_t>(highest->month - low) + 1, 0);
    for (const T& c : cells) ++per_month[static_cast<std::size_t>(c.month - low)];
    std::vector<std::pair<MonthIndex, std::uint64_t>> count;
    for (std::size_t m = 0; m < per_month.size(); ++m) {
      if (per_month[m] > 0) count.emplace_back(low + static_cast<MonthIndex>(m), per_month[m]);
    }
    struct Stream {
      std::uint64_t offset = 0;
      std::size_t entry = 0;
      std::vector<char> buffer;  // kBuffer bytes once used, of which `used` filled
      std::size_t used = 0;
      Digest hash;
    };
    std::vector<Stream> streams(count.size());
    std::vector<Stream*> by_month(per_month.size(), nullptr);
    std::size_t i = 0;
    for (const auto& [month, n] : count) {
      offset_ += (64 - offset_ % 64) % 64;  // as Section: the gap stays zero
      Entry e{};
      e.kind = kind;
      e.month = month;
      e.offset = offset_;
      e.bytes = n * sizeof(T);
      e.records = n;
      e.record_size = sizeof(T);
      streams[i].offset = offset_;
      streams[i].entry = entries_.size();
      entries_.push_back(e);
      by_month[static_cast<std::size_t>(month - low)] = &streams[i++];
      offset_ += e.bytes;
    }
    ok_ = ok_ && std::fflush(f_) == 0;
    auto flush = [&](Stream& s) {
      const char* b = s.buffer.data();
      s.hash.Update(b, s.used);
      for (std::size_t done = 0; ok_ && done < s.used;) {
        ssize_t w = ::pwrite(::fileno(f_), b + done, s.used - done, static_cast<off_t>(s.offset + done));
        if (w < 0 && errno == EINTR) continue;
        ok_ = w > 0;
        if (ok_) done += static_cast<std::size_t>(w);
      }
      s.offset += s.used;
      s.used = 0;
    };
    constexpr std::size_t kBuffer = (std::size_t{1} << 17) / sizeof(T) * sizeof(T);
    for (const T& c : cells) {
      Stream& s = *by_month[static_cast<std::size_t>(c.month - low)];
      if (s.buffer.empty()) s.buffer.resize(kBuffer);
      encode(c, s.buffer.data() + s.used);  // straight into the buffer: no append per cell
      s.used += sizeof(T);
      if (s.used == kBuffer) flush(s);
    }
    for (Stream& s : streams) {
      flush(s);
      entries_[s.entry].digest = s.hash.Final();
    }
    ok_ = ok_ && std::fseek(f_, static_cast<long>(offset_), SEEK_SET) == 0;
  }
  bool Finish() {
    std::string_view dir(reinterpret_cast<const char*>(entries_.data()), entries_.size() * sizeof(Entry));
    Header h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.version = kColumnCacheVersion;
    h.sections = static_cast<std::uint32_t>(entries_.size());
    h.directory_offset = offset_;
    h.directory_digest = Digest::Of(dir);
    ok_ = ok_ && std::fwrite(dir.data(), 1, dir.size(), f_) == dir.size();
    ok_ = ok_ && std::fseek(f_, 0, SEEK_SET) == 0 && std::fwrite(&h, sizeof h, 1, f_) == 1;
    // No fsync: the cache is derived, and a reader checks every section and the
    // directory against their checksums before it uses a byte (ReadColumnCache);
    // a file that a power loss left incomplete is rebuilt from the store. Waiting
    // for a national cache's gigabyte to reach the disk took the import 1-2 s.
    return ok_ && std::fflush(f_) == 0;
  }

 private:
  std::FILE* f_;
  bool ok_ = true;
  std::uint64_t offset_ = 0;
  std::vector<Entry> entries_;
};

}  // namespace

ColumnCacheBuilder::ColumnCacheBuilder() : aggregator_(all_, LoadOptions{}) {}

void ColumnCacheBuilder::OnPayroll(const data::PayrollRow& row) {
  const std::int64_t before = all_.stats.payroll_rows_unregistered;
  aggregator_.OnPayroll(row);
  MonthRows& m = RowsOf(row.month);
  ++m.payroll;
  m.payroll_unregistered += all_.stats.payroll_rows_unregistered - before;
}

void ColumnCacheBuilder::OnHireIn(const data::HireInRow& row) {
  const std::int64_t before = all_.stats.hire_in_rows_unregistered;
  aggregator_.OnHireIn(row);
  RowsOf(row.month).hire_in_unregistered += all_.stats.hire_in_rows_unregistered - before;
}

MonthRows& ColumnCacheBuilder::RowsOf(MonthIndex month) {
  if (last_rows_ == nullptr || last_month_ != month) {
    last_rows_ = &months_[month];  // a map's elements stay where they are
    last_month_ = month;
  }
  return *last_rows_;
}

void ColumnCacheBuilder::OnEmployerHours(const data::EmployerHoursRow& row) { aggregator_.OnEmployerHours(row); }

void ColumnCacheBuilder::OnSroi(const data::SroiRow& row) { aggregator_.OnSroi(row); }

Status ColumnCacheBuilder::Write(const std::filesystem::path& path, const ColumnCacheKey& key) {
  std::filesystem::path temp = path;
  temp += fmt::format(".tmp-{}", ::getpid());
  if (Status s = WriteUnpublished(temp, key); !s.ok()) return s;
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    return Status::IoError(
        Say("{}: de kolomcache kan niet worden geschreven", "{}: cannot write the column cache", path.string()));
  }
  return Status::Ok();
}

const Delivery& ColumnCacheBuilder::Tables(const std::filesystem::path& directory, const std::vector<FileInfo>& files,
                                           const DeliveryManifest& manifest) {
  if (!finished_) aggregator_.Finish();
  finished_ = true;
  all_.directory = directory;
  all_.files = files;
  all_.manifest = manifest;
  return all_;
}

Status ColumnCacheBuilder::WriteUnpublished(const std::filesystem::path& temp, const ColumnCacheKey& key) {
  if (!finished_) aggregator_.Finish();
  finished_ = true;
  std::error_code ec;
  std::filesystem::create_directories(temp.parent_path(), ec);
  std::FILE* f = std::fopen(temp.c_str(), "wb");
  if (f == nullptr) {
    return Status::IoError(
        Say("{}: de kolomcache kan niet worden geschreven", "{}: cannot write the column cache", temp.string()));
  }
  CacheWriter w(f);
  {
    Bytes b;
    b.Put(key.snapshot);
    b.PutString(key.content_sha256);
    b.PutString(key.key_fingerprint);
    w.Section(kKey, -1, b.str(), 1, 0);
  }
  {
    Bytes b;
    for (const auto& e : all_.employers) {
      b.PutString(e.id);
      b.PutString(e.name);
      b.Put(e.sector);
      b.PutString(e.subsector);
      b.PutString(e.organisation);
      b.Put(e.lender);
      b.PutString(e.region);
    }
    w.Section(kEmployers, -1, b.str(), all_.employers.size(), 0);
  }
  {
    Bytes b;
    for (const auto& id : all_.person_ids) b.PutString(id);
    w.Section(kPersons, -1, b.str(), all_.person_ids.size(), 0);
  }
  {
    Bytes b;
    for (const RegisterPeriod& p : all_.register_periods) {
      b.PutFields(p, &RegisterPeriod::person, &RegisterPeriod::ground, &RegisterPeriod::start_day,
                  &RegisterPeriod::end_day, &RegisterPeriod::region);
    }
    w.Section(kRegister, -1, b.str(), all_.register_periods.size(), sizeof(RegisterPeriod));
  }
  {
    Bytes b;
    for (const auto& t : all_.targets) {
      b.Put(t.year);
      b.PutString(t.scope);
      b.Put(t.baseline_jobs);
      b.Put(static_cast<std::uint8_t>(t.target_extra_jobs.has_value()));
      b.Put(t.target_extra_jobs.value_or(0.0));
    }
    w.Section(kTargets, -1, b.str(), all_.targets.size(), 0);
  }
  {
    Bytes b;
    for (const auto& [month, rows] : months_) {
      b.PutFields(MonthRowsRecord{month, rows}, &MonthRowsRecord::month, &MonthRowsRecord::rows);
    }
    w.Section(kMonthRows, -1, b.str(), months_.size(), sizeof(MonthRowsRecord));
  }
  // Per month, in the order of the aggregated tables (person, employer or lender, ...).
  w.MonthSections(kPayroll, all_.payroll, [](const PayrollCell& c, char* out) {
    Bytes::FieldsInto(out, c, &PayrollCell::person, &PayrollCell::employer, &PayrollCell::month, &PayrollCell::hours,
                      &PayrollCell::wsw_hours, &PayrollCell::permanent_hours, &PayrollCell::temporary_hours);
  });
  w.MonthSections(kHireIn, all_.hire_in, [](const HireInCell& c, char* out) {
    static_assert(std::has_unique_object_representations_v<HireInCell>, "no padding");
    std::memcpy(out, &c, sizeof c);
  });
  // The tables of the quotum and of social return (not read for a count).
  for (auto [kind, table] : {std::pair{kEmployerHours, &all_.employer_hours}, std::pair{kPayrollTotals, &all_.payroll_totals}}) {
    Bytes b;
    b.Reserve(table->size() * sizeof(EmployerMonthRecord));
    for (const auto& m : *table) b.Put(ToRecord(m));
    w.Section(kind, -1, b.str(), table->size(), sizeof(EmployerMonthRecord));
  }
  {
    Bytes b;
    b.PutArray(all_.sroi.data(), all_.sroi.size());
    w.Section(kSroi, -1, b.str(), all_.sroi.size(), sizeof(SroiCell));
    Bytes flags;
    flags.Put(FlagsRecord{all_.has_employer_hours_file ? 1u : 0u});
    w.Section(kFlags, -1, flags.str(), 1, sizeof(FlagsRecord));
  }
  bool ok = w.Finish();
  ok = std::fclose(f) == 0 && ok;
  if (!ok) {
    std::filesystem::remove(temp, ec);
    return Status::IoError(
        Say("{}: de kolomcache kan niet worden geschreven", "{}: cannot write the column cache", temp.string()));
  }
  return Status::Ok();
}

namespace {

// Reads the employer hours, payroll totals, social return and flags of a
// cache into `d`, keeping the rows of `options`' months (as DeliveryAggregator
// keeps them), each copied once from where it lies (`records`, a verified
// section's records); false when a section is missing or damaged.
template <typename Find, typename Records>
bool ReadQuotumTables(Find& find, Records& records, const LoadOptions& options, Delivery& d) {
  const auto* hours = find(kEmployerHours);
  const auto* totals = find(kPayrollTotals);
  const auto* sroi = find(kSroi);
  const auto* flags = find(kFlags);
  if (!hours || !totals || !sroi || !flags) return false;
  std::span<const FlagsRecord> flag;
  if (!records(*flags, flag) || flag.size() != 1) return false;
  d.has_employer_hours_file = flag[0].has_employer_hours_file != 0;
  for (auto [entry, table] : {std::pair{hours, &d.employer_hours}, std::pair{totals, &d.payroll_totals}}) {
    std::span<const EmployerMonthRecord> in;
    if (!records(*entry, in)) return false;
    table->reserve(in.size());
    for (const auto& r : in) {
      if (options.Keeps(r.month)) table->push_back(FromRecord(r));
    }
  }
  std::span<const SroiCell> cells;
  if (!records(*sroi, cells)) return false;
  std::copy_if(cells.begin(), cells.end(), std::back_inserter(d.sroi),
               [&](const SroiCell& c) { return options.Keeps(c.month); });
  return true;
}

}  // namespace

std::optional<Delivery> ReadColumnCache(const std::filesystem::path& path, const ColumnCacheKey& key,
                                        const LoadOptions& options) {
  // The file is mapped, not read into buffers: a section's records are
  // verified and merged where they lie in the page cache, so a whole
  // snapshot (1.3 GB at national scale) is copied once, into its tables.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(Header))) {
    ::close(fd);
    return std::nullopt;
  }
  const std::size_t size = static_cast<std::size_t>(st.st_size);
  void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (mapped == MAP_FAILED) return std::nullopt;
  struct Unmap {
    void* p;
    std::size_t n;
    ~Unmap() { ::munmap(p, n); }
  } unmap{mapped, size};
  const char* file = static_cast<const char*>(mapped);
  Header h{};
  std::memcpy(&h, file, sizeof h);
  if (std::memcmp(h.magic, kMagic, sizeof kMagic) != 0 || h.version != kColumnCacheVersion ||
      h.sections > (1u << 20) || h.directory_offset > size ||
      (size - h.directory_offset) / sizeof(Entry) < h.sections) {
    return std::nullopt;
  }
  std::vector<Entry> dir(h.sections);
  std::memcpy(dir.data(), file + h.directory_offset, dir.size() * sizeof(Entry));
  std::string_view dir_bytes(reinterpret_cast<const char*>(dir.data()), dir.size() * sizeof(Entry));
  if (Digest::Of(dir_bytes) != h.directory_digest) return std::nullopt;
  // A verified section's bytes (in the mapping), or nullopt.
  auto section = [&](const Entry& e) -> std::optional<std::string_view> {
    if (e.offset > size || e.bytes > size - e.offset) return std::nullopt;
    std::string_view bytes(file + e.offset, e.bytes);
    if (Digest::Of(bytes) != e.digest) return std::nullopt;
    return bytes;
  };
  auto find = [&](Kind kind) -> const Entry* {
    for (const auto& e : dir) {
      if (e.kind == kind) return &e;
    }
    return nullptr;
  };
  // The records of a verified section where they lie (sections of records start aligned: CacheWriter).
  auto records = [&]<typename T>(const Entry& e, std::span<const T>& out) {
    if (e.record_size != sizeof(T) || e.bytes != e.records * sizeof(T) || e.offset % alignof(T) != 0) return false;
    auto bytes = section(e);
    if (!bytes) return false;
    out = std::span<const T>(reinterpret_cast<const T*>(bytes->data()), e.records);
    return true;
  };
  auto array = [&]<typename T>(const Entry& e, std::vector<T>& out) {
    std::span<const T> in;
    if (!records(e, in)) return false;
    out.assign(in.begin(), in.end());
    return true;
  };

  const Entry* key_entry = find(kKey);
  const Entry* employers = find(kEmployers);
  const Entry* persons = find(kPersons);
  const Entry* register_entry = find(kRegister);
  const Entry* targets = find(kTargets);
  const Entry* month_rows = find(kMonthRows);
  if (!key_entry || !employers || !persons || !register_entry || !targets || !month_rows) return std::nullopt;
  auto key_bytes = section(*key_entry);
  if (!key_bytes) return std::nullopt;
  Reader kr(*key_bytes);
  if (kr.Get<std::int64_t>() != key.snapshot || kr.GetString() != key.content_sha256 ||
      kr.GetString() != key.key_fingerprint || !kr.ok) {
    return std::nullopt;
  }

  Delivery d;
  auto employer_bytes = section(*employers);
  if (!employer_bytes) return std::nullopt;
  Reader er(*employer_bytes);
  d.employers.resize(employers->records);
  for (auto& e : d.employers) {
    e.id = er.GetString();
    e.name = er.GetString();
    e.sector = er.Get<Sector>();
    e.subsector = er.GetString();
    e.organisation = er.GetString();
    e.lender = er.Get<LenderKind>();
    e.region = er.GetString();
  }
  auto person_bytes = section(*persons);
  if (!employer_bytes || !er.ok || !person_bytes) return std::nullopt;
  Reader pr(*person_bytes);
  d.person_ids.resize(persons->records);
  for (auto& id : d.person_ids) id = pr.GetString();
  auto target_bytes = section(*targets);
  if (!pr.ok || !target_bytes || !array(*register_entry, d.register_periods)) return std::nullopt;
  Reader tr(*target_bytes);
  d.targets.resize(targets->records);
  for (auto& t : d.targets) {
    t.year = tr.Get<int>();
    t.scope = tr.GetString();
    t.baseline_jobs = tr.Get<double>();
    bool has = tr.Get<std::uint8_t>() != 0;
    double v = tr.Get<double>();
    if (has) t.target_extra_jobs = v;
  }
  std::vector<MonthRowsRecord> rows;
  if (!tr.ok || !array(*month_rows, rows)) return std::nullopt;
  // The load statistics of the window, as DeliveryAggregator counts them.
  for (const auto& r : rows) {
    if (options.Keeps(r.month)) {
      d.stats.payroll_rows_kept += r.rows.payroll - r.rows.payroll_unregistered;
      d.stats.payroll_rows_unregistered += r.rows.payroll_unregistered;
      d.stats.hire_in_rows_unregistered += r.rows.hire_in_unregistered;
    } else {
      d.stats.payroll_rows_outside_months += r.rows.payroll;
    }
  }
  // The cells of the window's months, merged into the order of the aggregated tables.
  std::vector<std::span<const PayrollCell>> payroll_blocks;
  std::vector<std::span<const HireInCell>> hire_blocks;
  for (const auto& e : dir) {
    if ((e.kind != kPayroll && e.kind != kHireIn) || !options.Keeps(e.month)) continue;
    bool ok = e.kind == kPayroll ? records(e, payroll_blocks.emplace_back()) : records(e, hire_blocks.emplace_back());
    if (!ok) return std::nullopt;
  }
  d.payroll = MergeBlocks(payroll_blocks, [](const PayrollCell& a, const PayrollCell& b) {
    return std::tie(a.person, a.employer, a.month) < std::tie(b.person, b.employer, b.month);
  });
  d.hire_in = MergeBlocks(hire_blocks, [](const HireInCell& a, const HireInCell& b) {
    return std::tie(a.person, a.lender, a.month, a.hirer, a.first_line) <
           std::tie(b.person, b.lender, b.month, b.hirer, b.first_line);
  });
  if (!options.count_tables_only && !ReadQuotumTables(find, records, options, d)) return std::nullopt;
  data::FinishTables(d);  // sorted already: only the warnings about hire-in without payroll
  return d;
}

}  // namespace banenmonitor::store
