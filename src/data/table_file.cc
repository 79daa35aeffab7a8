#include "data/table_file.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "common/lang.h"
#include "data/delivery_file.h"
#include "data/fields.h"
#include "data/line_scan.h"

namespace banenmonitor::data {

TableFile::TableFile(Delivery& delivery, RowSink& sink, const std::filesystem::path& dir, std::string name,
                     std::vector<ColumnSpec> columns, bool required_file)
    : delivery_(delivery),
      sink_(sink),
      name_(std::move(name)),
      columns_(std::move(columns)),
      positions_(columns_.size(), -1),
      required_file_(required_file) {
  info_.name = name_;
  path_ = dir / name_;
  Open(dir);
  if (reader_) ReadHeader();
}

// Opens the file through OpenDeliveryFile (a regular file only, never through
// a symbolic link) and starts its reader; records why not as a finding.
void TableFile::Open(const std::filesystem::path& dir) {
  auto opened = OpenDeliveryFile(path_);
  if (!opened) {
    if (opened.error().kind != DeliveryFileError::Kind::kMissing) {
      delivery_.AddFinding({Finding::Severity::kError, name_, 0, 0, opened.error().finding_kind(), opened.error().message});
    } else if (required_file_) {
      delivery_.AddFinding({Finding::Severity::kError, name_, 0, 0, "missing-file",
                            Say("verplicht bestand ontbreekt in {} (verwacht een CSV-bestand met de kolommen {})",
                                "required file is missing from {} (expected a CSV file with the columns {})",
                                dir.string(), ColumnList())});
    }
    return;
  }
  info_.present = true;
  const auto size = static_cast<std::uintmax_t>(opened->stat().st_size);
  file_bytes_ = size;
  int fd = opened->Release();
  stream_ = ::fdopen(fd, "rb");
  if (stream_ == nullptr) {
    int err = errno;
    ::close(fd);
    delivery_.AddFinding({Finding::Severity::kError, name_, 0, 0, "unreadable-file",
                          Say("kan het bestand niet openen: {}", "cannot open the file: {}", std::strerror(err))});
    return;
  }
  // A buffer as large as the file, up to 1 MiB (it grows for longer records):
  // small files, as in tests and fuzzing, need not clear a megabyte each. The
  // separator is found in the header (0: ';' or ',').
  reader_.emplace(stream_, static_cast<std::size_t>(std::clamp<std::uintmax_t>(size + 1, 4096, 1 << 20)), /*separator=*/0);
  if (!sink_.HashesFiles()) reader_->SkipHash();
}

TableFile::TableFile(const TableFile& whole, Delivery& findings, char* begin, char* end, std::int64_t first_line)
    : delivery_(findings),
      sink_(whole.sink_),
      name_(whole.name_),
      header_names_(whole.header_names_),
      columns_(whole.columns_),
      positions_(whole.positions_),
      header_fields_(whole.header_fields_),
      usable_(true),
      decimal_mark_(whole.decimal_mark_),
      part_(true) {
  file_bytes_ = static_cast<std::uintmax_t>(end - begin);
  // ReadInParallel found no quote.
  reader_.emplace(begin, end, first_line, /*quote_free=*/true, whole.reader_->separator());
}

TableFile::~TableFile() {
  if (!finished_) Finish();
}

void TableFile::ReportInvalid(std::string_view kind, std::string_view reason) {
  if (part_ && keep_invalid_) {
    kept_invalid_.push_back({record_.line, std::string(kind), std::string(reason),
                             std::vector<std::string>(record_.fields.begin(), record_.fields.end())});
  }
  if (part_) return;  // ReadInParallel: invalid rows are kept (KeepInvalidRows) or not handed on
  sink_.OnInvalidRow(InvalidRow{name_, record_.line, kind, reason, record_.fields, header_names_});
}

void TableFile::HandOnInvalidRows() {
  std::vector<std::string_view> fields;
  for (const KeptInvalidRow& row : kept_invalid_) {
    fields.assign(row.fields.begin(), row.fields.end());
    sink_.OnInvalidRow(InvalidRow{name_, row.line, row.kind, row.reason, fields, header_names_});
  }
  kept_invalid_.clear();
}

void TableFile::EndRow() {
  if (row_pending_ && !row_valid_) ReportInvalid(row_error_kind_, row_error_message_);
  row_pending_ = false;
}

bool TableFile::NextRow() {
  EndRow();
  if (!usable_ || form_refused_) return false;
  for (;;) {
    if (!reader_->Next(record_, csv_error_)) return false;
    if (csv_error_.message.empty() && IsBlankRecord(record_)) {
      // A row of empty cells, as a spreadsheet saves the empty rows of its range: no data, said once in Finish.
      if (blank_rows_++ == 0) first_blank_line_ = record_.line;
      continue;
    }
    ++info_.rows;
    row_valid_ = true;
    row_error_kind_.clear();
    row_error_message_.clear();
    if (!csv_error_.message.empty()) {
      const char* kind = csv_error_.kind == CsvError::Kind::kTooLong ? "line-too-long" : "bad-quoting";
      delivery_.AddFinding({Finding::Severity::kError, name_, csv_error_.line, csv_error_.column, kind,
                            csv_error_.message});
      ++info_.invalid_rows;
      ReportInvalid(kind, csv_error_.message);
      continue;
    }
    if (record_.fields.size() != header_fields_) {
      if (RefuseMixedRow()) return false;
      std::string message = Say("de rij heeft {} velden (verwacht {}, zoals in de kopregel)",
                                "the row has {} fields (expected {}, as in the header)", record_.fields.size(),
                                header_fields_);
      delivery_.AddFinding({Finding::Severity::kError, name_, record_.line, 0, "field-count", message});
      ++info_.invalid_rows;
      ReportInvalid("field-count", message);
      continue;
    }
    row_pending_ = true;
    return true;
  }
}

bool TableFile::RefuseMixedRow() {
  // Split by the other separator the row would have the header's fields ("1;2;12,5" in a file of ',').
  if (header_fields_ < 2) return false;
  const char sep = reader_->separator();
  const char other = sep == ';' ? ',' : ';';
  std::size_t others = 0;
  for (std::string_view f : record_.fields) others += static_cast<std::size_t>(std::count(f.begin(), f.end(), other));
  if (others + 1 != header_fields_) return false;
  std::string message =
      Say("deze rij is gescheiden door '{}' en de kopregel door '{}': het bestand mengt twee CSV-vormen en wordt "
                 "niet gelezen. Sla het bestand in Excel op als 'CSV UTF-8 (door komma's gescheiden)'",
                 "this row is separated by '{}' and the header by '{}': the file mixes two CSV forms and is not read. "
                 "Save the file in Excel as 'CSV UTF-8 (comma delimited)'",
                 other, sep);
  ++info_.invalid_rows;
  ReportInvalid("mixed-csv-form", message);
  RefuseForm(record_.line, 0, std::move(message));
  return true;
}

bool TableFile::RefuseMixedNumber(std::size_t index) {
  std::string_view text = Trim(Field(index));
  const bool dutch = decimal_mark_ == ',';
  // A number in the other form only (a negative number or one out of range is the caller's to report).
  if (ParseDecimal(text, decimal_mark_) || !ParseDecimal(text, dutch ? '.' : ',')) return false;
  if (form_refused_) return true;  // said once
  std::string message =
      dutch ? Say("{}: {} heeft een punt als decimaalteken, maar het bestand is gescheiden door ';' met een komma als "
                  "decimaalteken (Excel, Nederlands): het bestand mengt twee vormen en wordt niet gelezen. Sla het "
                  "bestand in Excel op als 'CSV UTF-8 (door komma's gescheiden)'",
                  "{}: {} has a point as decimal mark, but the file is separated by ';' with a comma as decimal mark "
                  "(Excel, Dutch): the file mixes two forms and is not read. Save the file in Excel as 'CSV UTF-8 "
                  "(comma delimited)'",
                  columns_[index].name, Quote(text))
            : Say("{}: {} heeft een komma als decimaalteken in een bestand dat door komma's gescheiden is: het "
                  "bestand wordt niet gelezen. Gebruik de punt als decimaalteken (sla het bestand in Excel op als "
                  "'CSV UTF-8 (door komma's gescheiden)') of sla het op met ';' als scheidingsteken",
                  "{}: {} has a comma as decimal mark in a file separated by commas: the file is not read. Use a "
                  "point as decimal mark (save the file in Excel as 'CSV UTF-8 (comma delimited)') or save it with "
                  "';' as separator",
                  columns_[index].name, Quote(text));
  if (row_valid_) {
    ++info_.invalid_rows;
    row_error_kind_ = "mixed-csv-form";
    row_error_message_ = message;
  }
  row_valid_ = false;
  RefuseForm(record_.line, positions_[index] + 1, std::move(message));
  return true;
}

void TableFile::RefuseForm(std::int64_t line, int column, std::string message) {
  form_refused_ = true;
  delivery_.AddFinding({Finding::Severity::kError, name_, line, column, "mixed-csv-form", std::move(message)});
}

Finding TableFile::Make(Finding::Severity severity, int index, std::string kind, std::string message) const {
  int column = index >= 0 && positions_[static_cast<std::size_t>(index)] >= 0
                   ? positions_[static_cast<std::size_t>(index)] + 1
                   : 0;
  if (index >= 0) message = fmt::format("{}: {}", columns_[static_cast<std::size_t>(index)].name, message);
  return Finding{severity, name_, record_.line, column, std::move(kind), std::move(message)};
}

void TableFile::Error(std::size_t index, std::string kind, std::string message) {
  if (form_refused_) {  // the file is refused with one message: nothing more of it is said
    row_valid_ = false;
    return;
  }
  if (kind == "bad-encoding" && !encoding_said_ && !part_) {
    // Once per file, what the errors of its rows have in common and what to do.
    encoding_said_ = true;
    delivery_.AddFinding({Finding::Severity::kWarning, name_, 0, 0, "not-utf8", NotUtf8Message()});
  }
  Finding f = Make(Finding::Severity::kError, static_cast<int>(index), std::move(kind), std::move(message));
  if (row_valid_) {
    ++info_.invalid_rows;
    row_error_kind_ = f.kind;
    row_error_message_ = f.message;
  }
  row_valid_ = false;
  delivery_.AddFinding(std::move(f));
}

void TableFile::ErrorOnEarlierRow(std::int64_t line, std::size_t index, std::string kind, std::string message,
                                  bool row_was_valid) {
  Finding f = Make(Finding::Severity::kError, static_cast<int>(index), std::move(kind), std::move(message));
  f.line = line;
  if (row_was_valid) ++info_.invalid_rows;
  ++delivery_.error_counts[f.kind];
  // After every finding of that line and before those of later lines: the order of reading row by row.
  auto& found = delivery_.findings;
  auto at = std::upper_bound(found.begin(), found.end(), line,
                             [](std::int64_t l, const Finding& g) { return l < g.line; });
  // Beyond the stored findings it would not be stored when read row by row either (Delivery::AddFinding).
  if (at != found.end() || found.size() < Delivery::kMaxStoredFindings) found.insert(at, std::move(f));
}

void TableFile::Warning(int index, std::string kind, std::string message) {
  if (form_refused_) return;
  delivery_.AddFinding(Make(Finding::Severity::kWarning, index, std::move(kind), std::move(message)));
}

void TableFile::Finish() {
  if (finished_) return;
  EndRow();
  finished_ = true;
  if (part_) return;
  if (reader_) {
    if (!usable_ && !parallel_done_) {
      // Read the rest so that the hash and size describe the whole file.
      while (reader_->Next(record_, csv_error_)) {
      }
    }
    if (!parallel_done_) {
      while (reader_->Next(record_, csv_error_)) ++info_.rows;  // only when the caller stopped early
    }
    if (reader_->read_failed()) {
      delivery_.AddFinding({Finding::Severity::kError, name_, 0, 0, "read-error",
                            Say("het bestand kon niet tot het einde gelezen worden (invoer-/uitvoerfout)",
                                "the file could not be read to the end (input/output error)")});
    }
    if (blank_rows_ > 0) {
      delivery_.AddFinding({Finding::Severity::kWarning, name_, first_blank_line_, 0, "empty-rows",
                            Say("{} rij(en) zonder inhoud (alleen scheidingstekens, zoals Excel lege rijen opslaat) "
                                "overgeslagen, de eerste op regel {}",
                                "{} row(s) without content (separators only, as Excel saves empty rows) skipped, the "
                                "first on line {}",
                                blank_rows_, first_blank_line_)});
    }
    if (usable_ && required_file_ && !form_refused_ && info_.rows == 0) {
      // A warning, not an error: a delivery for the quotum alone may have no one of the target group.
      delivery_.AddFinding({Finding::Severity::kWarning, name_, 0, 0, "no-rows",
                            Say("het bestand heeft een kopregel maar geen rijen, dus er telt niets uit mee (verwacht "
                                "een rij per regel onder de kopregel: is de export van dit bestand afgebroken?)",
                                "the file has a header but no rows, so nothing of it counts (expected one row per line "
                                "below the header: was the export of this file cut short?)")});
    }
    if (parallel_done_) {
      info_.sha256 = parallel_sha256_;
      info_.bytes = parallel_bytes_;
    } else {
      info_.sha256 = reader_->Sha256Hex();
      info_.bytes = reader_->bytes_read();
    }
  }
  if (stream_ != nullptr) std::fclose(stream_);
  stream_ = nullptr;
  delivery_.files.push_back(info_);
}

}  // namespace banenmonitor::data

namespace banenmonitor::data {

namespace {

// Reads ranges of an open file with pread(2), which leaves the stream's
// position alone and is safe from several threads at once.
//
// Why not mmap: on the virtual machines this runs on, a page fault costs about
// 2 us, and a mapped payroll.csv was faulted in three times (the line count,
// the parse and the hash): 0.36 s of CPU for 250 MB, where copying it with
// pread takes 0.07 s (bench/README.md, "count from CSV").
class FileRanges {
 public:
  explicit FileRanges(int fd) : fd_(fd) {}
  // Reads [offset, offset + n) into `out`; the number of bytes read, which is
  // less than n only at the end of the file or on an error.
  std::size_t Read(std::size_t offset, char* out, std::size_t n) const {
    std::size_t done = 0;
    while (done < n) {
      ssize_t got = ::pread(fd_, out + done, n - done, static_cast<off_t>(offset + done));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) break;
      done += static_cast<std::size_t>(got);
    }
    return done;
  }

 private:
  int fd_;
};

// Buffers of one size for the parts, handed out and given back under the
// caller's lock: a part's buffer is reused, so its pages are cleared once.
class BufferPool {
 public:
  std::unique_ptr<char[]> Take(std::size_t size) {
    if (size > size_) {
      free_.clear();
      size_ = size;
    }
    if (free_.empty()) return std::unique_ptr<char[]>(new char[size_]);
    auto b = std::move(free_.back());
    free_.pop_back();
    return b;
  }
  void Give(std::unique_ptr<char[]> b) { free_.push_back(std::move(b)); }

 private:
  std::size_t size_ = 0;
  std::vector<std::unique_ptr<char[]>> free_;
};

// The SHA-256 of a file read in parts: the parts' buffers are queued in file order and hashed by one
// thread at a time, outside the lock (hashing 16 MiB takes some 10 ms, in which the other thread
// may queue the next part). Queue and HashQueued are called under the caller's lock.
class PartHasher {
 public:
  // `hash`: false hashes nothing (LoadOptions::hash_files) and gives each buffer straight back.
  explicit PartHasher(bool hash) : on_(hash) {}
  void Add(const char* bytes, std::size_t n) {
    if (on_) hash_.Update(bytes, n);
  }
  // REQUIRES: the caller holds the lock; parts are queued in file order.
  void Queue(std::unique_ptr<char[]> bytes, std::size_t n) { queue_.push_back({std::move(bytes), n}); }
  // Hashes what is queued (and what is queued meanwhile) unless another thread is at it, then gives
  // the buffers back to `pool`. REQUIRES: `lock` is held; it is held again on return.
  void HashQueued(std::unique_lock<std::mutex>& lock, BufferPool& pool) {
    if (hashing_) return;  // that thread takes these too, before it stops
    hashing_ = true;
    while (!queue_.empty()) {
      std::vector<Queued> batch;
      batch.swap(queue_);
      lock.unlock();
      for (const auto& q : batch) {
        if (on_) hash_.Update(q.bytes.get(), q.n);
      }
      lock.lock();
      for (auto& q : batch) pool.Give(std::move(q.bytes));
    }
    hashing_ = false;
  }
  // REQUIRES: every part was queued and hashed (all threads are done). Empty when not hashing.
  std::string HexDigest() { return on_ ? hash_.HexDigest() : std::string(); }

 private:
  struct Queued {
    std::unique_ptr<char[]> bytes;
    std::size_t n;
  };
  Sha256 hash_;
  std::vector<Queued> queue_;
  bool hashing_ = false;
  bool on_;
};

// Runs task(i) for i in [0, n) on `workers` threads that take the next index as they come free.
void RunTasks(int workers, std::size_t n, const std::function<void(std::size_t task, int worker)>& task) {
  std::atomic<std::size_t> next{0};
  auto loop = [&](int worker) {
    for (std::size_t i; (i = next.fetch_add(1)) < n;) task(i, worker);
  };
  std::vector<std::thread> threads;
  for (int w = 1; w < workers; ++w) threads.emplace_back(loop, w);
  loop(0);
  for (auto& t : threads) t.join();
}

constexpr std::size_t kPartBytes = std::size_t{16} << 20;       // parts of at most about 16 MiB
constexpr std::size_t kMinPartBytes = std::size_t{1} << 20;     // and at least about 1 MiB
constexpr std::size_t kParallelMinBytes = std::size_t{8} << 20;  // smaller files are read one by one

// Where the parts of a file end, and the line breaks in each: ReadInParallel's first pass.
struct PartPlan {
  std::vector<std::size_t> cuts;       // part i is [cuts[i], cuts[i + 1])
  std::vector<std::int64_t> newlines;  // line breaks in part i
};

// Plans the parts of the `size` bytes of `file` from `start` (after the header), of about `part_bytes`
// each. nullopt when the file must be read one by one: it holds a quote, a line longer than
// kMaxRecordBytes, or it shrank while it was read.
std::optional<PartPlan> PlanParts(const FileRanges& file, std::size_t size, std::size_t start, std::size_t part_bytes,
                                  int workers) {
  // Parts end at a line boundary: after the first '\n' at or behind every kPartBytes. No line is longer
  // than kMaxRecordBytes here (else: read one by one, so that such a line is never in memory whole), so
  // the '\n' is searched for that far only.
  std::vector<char> window(kMaxRecordBytes + 2);
  std::vector<std::size_t> cuts{start};
  while (cuts.back() < size) {
    std::size_t at = std::min(cuts.back() + part_bytes, size);
    if (at < size) {
      std::size_t want = std::min(size - at, window.size());
      std::size_t got = file.Read(at, window.data(), want);
      if (got != want) return std::nullopt;  // the file shrank: read it one by one, which reports what it finds
      auto* nl = static_cast<char*>(std::memchr(window.data(), '\n', got));
      if (nl == nullptr && got < size - at) return std::nullopt;  // a line of more than 1 MiB
      at = nl == nullptr ? size : at + static_cast<std::size_t>(nl - window.data()) + 1;
    }
    cuts.push_back(at);
  }
  const std::size_t parts = cuts.size() - 1;
  // Pass 1: line breaks per part, whether a quote occurs anywhere, and whether a line may be longer than
  // kMaxRecordBytes (a whole chunk of that size without a line break), in chunks of that size.
  std::vector<std::int64_t> newlines(parts, 0);
  std::atomic<bool> quoted{false}, long_line{false}, short_read{false};
  std::vector<std::vector<char>> chunk(static_cast<std::size_t>(workers));
  RunTasks(workers, parts, [&](std::size_t i, int worker) {
    std::vector<char>& buffer = chunk[static_cast<std::size_t>(worker)];
    buffer.resize(kMaxRecordBytes);
    for (std::size_t at = cuts[i]; at < cuts[i + 1] && !long_line && !quoted;) {
      const std::size_t n = std::min(kMaxRecordBytes, cuts[i + 1] - at);
      if (file.Read(at, buffer.data(), n) != n) {
        short_read = true;
        return;
      }
      const LineScan scan = ScanLines(buffer.data(), n);
      if (scan.quote) quoted = true;
      const std::int64_t breaks = scan.newlines;
      if (breaks == 0 && n == kMaxRecordBytes) long_line = true;
      newlines[i] += breaks;
      at += n;
    }
  });
  if (short_read) return std::nullopt;  // the file shrank
  if (long_line) return std::nullopt;  // the stream reader skips a long line without holding it
  if (quoted) return std::nullopt;  // a quoted field may hold a line break: read it one by one
  return PartPlan{std::move(cuts), std::move(newlines)};
}

}  // namespace

bool TableFile::ReadInParallel(int workers, const PartBody& body, const PartInOrder& in_order) {
  if (!usable_ || part_ || !reader_ || row_pending_ || workers < 2) return false;
  struct stat st {};
  const bool stat_failed = stream_ == nullptr || ::fstat(::fileno(stream_), &st) != 0;
  const auto size = static_cast<std::size_t>(st.st_size);
  // BANENMONITOR_PART_BYTES (for tests): parts of that size, whatever the size of the file.
  // At least 8 parts per thread, of 1 to 16 MiB: a file's in-order step (register.csv's persons into the
  // index) then runs behind the reading of later parts, and what is left of it after the last part is
  // read is one part's, not half the file's.
  std::size_t part_bytes = std::clamp(size / (8 * static_cast<std::size_t>(workers)), kMinPartBytes, kPartBytes);
  std::size_t min_bytes = kParallelMinBytes;
  if (const char* env = std::getenv("BANENMONITOR_PART_BYTES"); env != nullptr && std::atoll(env) > 0) {
    part_bytes = static_cast<std::size_t>(std::atoll(env));
    min_bytes = 0;
  }
  if (stat_failed || size < min_bytes) return false;
  const FileRanges file(::fileno(stream_));  // the file the header was read from, not the name again
  const std::size_t start = reader_->offset();  // after the header
  if (start > size) return false;
  std::optional<PartPlan> plan = PlanParts(file, size, start, part_bytes, workers);
  if (!plan) return false;
  const std::vector<std::size_t>& cuts = plan->cuts;
  const std::vector<std::int64_t>& newlines = plan->newlines;
  const std::size_t parts = cuts.size() - 1;
  // Pass 2: the parts, each read whole into a buffer of its own, and hashed from that buffer in file
  // order: the hash is of the very bytes the rows were read from.
  std::vector<std::int64_t> first_line(parts);
  std::int64_t line = reader_->line();
  for (std::size_t i = 0; i < parts; ++i) {
    first_line[i] = line;
    line += newlines[i];
  }
  std::vector<Delivery> findings(parts);
  std::vector<std::int64_t> rows(parts, 0), invalid(parts, 0), blank(parts, 0), first_blank(parts, 0);
  bool changed = false;  // the header or a part read less than the size: the file changed while it was read
  struct ReadPart {
    std::unique_ptr<char[]> bytes;
    std::size_t got = 0;  // bytes read into `bytes`
    std::unique_ptr<TableFile> file;
  };
  std::vector<ReadPart> part_files(parts);  // read, waiting for the parts before them
  std::size_t next_in_order = 0, largest = 0;
  for (std::size_t i = 0; i < parts; ++i) largest = std::max(largest, cuts[i + 1] - cuts[i]);
  BufferPool buffers;
  std::mutex order_mutex;
  // The file's hash, of the bytes the parts were read from: the header first, then each part as it
  // comes in file order (a buffer goes back to the pool once hashed).
  PartHasher hasher(sink_.HashesFiles());
  {
    std::vector<char> header(start);
    const std::size_t got = file.Read(0, header.data(), start);
    hasher.Add(header.data(), got);
    changed = got != start;
  }
  RunTasks(workers, parts, [&](std::size_t i, int worker) {
    ReadPart read;
    {
      std::lock_guard<std::mutex> lock(order_mutex);
      read.bytes = buffers.Take(largest);
    }
    const std::size_t n = cuts[i + 1] - cuts[i];
    read.got = file.Read(cuts[i], read.bytes.get(), n);
    read.file = std::make_unique<TableFile>(*this, findings[i], read.bytes.get(), read.bytes.get() + read.got, first_line[i]);
    body(*read.file, worker, i);
    // The parts read so far, in file order: in_order, their counts, and their bytes to the hash.
    std::unique_lock<std::mutex> lock(order_mutex);
    if (read.got != n) changed = true;
    part_files[i] = std::move(read);
    while (next_in_order < parts && part_files[next_in_order].file) {
      std::size_t j = next_in_order++;
      TableFile& done = *part_files[j].file;
      if (in_order) in_order(done, j);
      done.Finish();
      rows[j] = done.info_.rows;
      invalid[j] = done.info_.invalid_rows;
      blank[j] = done.blank_rows_;
      first_blank[j] = done.first_blank_line_;
      part_files[j].file.reset();
      hasher.Queue(std::move(part_files[j].bytes), part_files[j].got);
    }
    hasher.HashQueued(lock, buffers);
  });
  const std::string digest = hasher.HexDigest();
  for (std::size_t i = 0; i < parts; ++i) {
    info_.rows += rows[i];
    if (blank[i] > 0 && blank_rows_ == 0) first_blank_line_ = first_blank[i];
    blank_rows_ += blank[i];
    info_.invalid_rows += invalid[i];
    // The stored findings in order; those a part counted without keeping their text are counted here too.
    // A file in two forms is refused at its first row in the wrong form with one message, and nothing of
    // it is read behind that row, as when read row by row.
    if (form_refused_) continue;
    std::map<std::string, std::int64_t> kept_errors, kept_warnings;
    for (auto& f : findings[i].findings) {
      ++(f.severity == Finding::Severity::kError ? kept_errors : kept_warnings)[f.kind];
      form_refused_ = f.kind == "mixed-csv-form";
      delivery_.AddFinding(std::move(f));
      if (form_refused_) break;
    }
    if (form_refused_) continue;
    for (const auto& [kind, n] : findings[i].error_counts) delivery_.error_counts[kind] += n - kept_errors[kind];
    for (const auto& [kind, n] : findings[i].warning_counts) delivery_.warning_counts[kind] += n - kept_warnings[kind];
  }
  if (changed) {
    delivery_.AddFinding({Finding::Severity::kError, name_, 0, 0, "unreadable-file",
                          Say("het bestand veranderde terwijl het gelezen werd (het werd korter); lever het opnieuw "
                              "aan als het niet meer verandert",
                              "the file changed while it was read (it became shorter); deliver it again once it no "
                              "longer changes")});
  }
  // The whole file was read: Finish records this hash and size instead of the stream's.
  parallel_sha256_ = digest;
  parallel_bytes_ = size;
  parallel_done_ = true;
  return true;
}

}  // namespace banenmonitor::data
