// The rows file of a snapshot (rows_file.h).
#include "store/rows_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <fmt/format.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "common/lang.h"
#include "data/sha256.h"
#include "store/rows_file_format.h"

namespace banenmonitor::store {

namespace fs = std::filesystem;

static_assert(std::endian::native == std::endian::little, "the rows file is little endian, as this machine");

enum class RowsFileWriter::Section : std::uint32_t {
  kNone = 0,
  kPayroll = rows_format::kPayroll,
  kHireIn = rows_format::kHireIn,
  kEmployerHours = rows_format::kEmployerHours,
  kPersons = rows_format::kPersons,
  kEnd = rows_format::kEnd,
  kRegister = rows_format::kRegister,
  kSroi = rows_format::kSroi
};

namespace {

using rows_format::kMagic;
using rows_format::Put;
using rows_format::PutAll;

// The position of a row kind's count in counts_ and last_line_.
std::size_t Slot(std::uint32_t kind) {
  constexpr std::size_t kSlots[] = {0, 0, 1, 2, 0, 0, 3, 4};
  return kSlots[kind];
}

std::string ErrnoText() { return std::error_code(errno, std::generic_category()).message(); }

Status WriteFailed(const fs::path& path) {
  if (errno == ENOSPC || errno == EDQUOT) {
    return Status::IoError(Say("{}: de schijf is vol: het rijenbestand van de snapshot past er niet op; er is niets "
                               "geïmporteerd. Maak ruimte vrij of kies een werkruimte op een andere schijf en "
                               "importeer opnieuw",
                               "{}: the disk is full: the snapshot's rows file does not fit; nothing was imported. Free "
                               "some space or choose a workspace on another disk and import again",
                               path.string()));
  }
  return Status::IoError(Say("{}: het rijenbestand van de snapshot kan niet worden geschreven ({}); er is niets "
                             "geïmporteerd. Kies een andere werkruimte of herstel de schijf en importeer opnieuw",
                             "{}: cannot write the snapshot's rows file ({}); nothing was imported. Choose another "
                             "workspace or repair the disk and import again",
                             path.string(), ErrnoText()));
}

bool FsyncDirectory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

struct RowsFileWriter::Hash {
  data::Sha256 file;
};

std::string RowsFileName(std::int64_t snapshot) { return fmt::format("snapshot-{}.rows", snapshot); }

Result<std::unique_ptr<RowsFileWriter>> RowsFileWriter::Create(const fs::path& dir, std::int64_t snapshot,
                                                              std::uint32_t version) {
  std::unique_ptr<RowsFileWriter> w(new RowsFileWriter());
  w->version_ = version == 1 || version == 2 ? version : kRowsFileVersion;
  w->dir_ = dir;
  w->final_ = dir / RowsFileName(snapshot);
  w->temp_ = dir / (RowsFileName(snapshot) + ".tmp");
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return Fail(WriteFailed(dir));  // private, as the workspace
  ::unlink(w->temp_.c_str());  // a killed import's; the caller holds the import lock
  w->fd_ = ::open(w->temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (w->fd_ < 0) return Fail(WriteFailed(w->temp_));
  w->hash_ = std::make_unique<Hash>();
  std::string header(kMagic, sizeof kMagic);
  Put(header, w->version_);
  Put(header, std::uint32_t{0});
  w->Write(header.data(), header.size());
  return w;
}

RowsFileWriter::~RowsFileWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) {
    ::unlink(temp_.c_str());
    if (renamed_) ::unlink(final_.c_str());
  }
}

void RowsFileWriter::Write(const void* data, std::size_t n, bool payload) {
  if (!status_.ok()) return;
  // From version 3 the file's digest covers the header and the block headers, which hold each payload's SHA-256.
  if (!payload || version_ < 3) hash_->file.Update(data, n);
  const char* p = static_cast<const char*>(data);
  while (n > 0) {
    ssize_t w = ::write(fd_, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      if (w == 0) errno = EIO;
      status_ = WriteFailed(temp_);
      return;
    }
    p += w;
    n -= static_cast<std::size_t>(w);
    bytes_ += w;
  }
}

void RowsFileWriter::Start(Section section) {
  if (section_ == static_cast<std::uint32_t>(section)) return;
  FlushBlock();
  section_ = static_cast<std::uint32_t>(section);
}

void RowsFileWriter::FlushBlock() {
  if (block_records_ == 0) return;
  std::string header;
  Put(header, section_);
  Put(header, block_records_);
  Put(header, static_cast<std::uint64_t>(block_.size()));
  header += data::Sha256::Of(block_);
  Write(header.data(), header.size());
  Write(block_.data(), block_.size(), true);
  block_.clear();
  block_records_ = 0;
}

bool RowsFileWriter::Begin(Section section, std::int64_t line) {
  const auto kind = static_cast<std::uint32_t>(section);
  if (version_ == 1 && (section == Section::kRegister || section == Section::kSroi)) return false;
  if (section_ != 0 && rows_format::kRank[kind] < rows_format::kRank[section_]) return false;
  std::int64_t& last = last_line_[Slot(kind)];
  if (line <= last) return false;
  last = line;
  Start(section);
  return true;
}

bool RowsFileWriter::End() {
  ++counts_[Slot(section_)];
  if (++block_records_ == kRowsPerBlock) FlushBlock();
  return true;
}

bool RowsFileWriter::Add(std::uint32_t person, const data::RegisterRow& r) {
  if (!Begin(Section::kRegister, r.line)) return false;
  PutAll(block_, r.line, person, static_cast<std::uint8_t>(r.ground), r.start_day, r.end_day, r.region);
  return End();
}

bool RowsFileWriter::Add(std::uint32_t person, const data::PayrollRow& r) {
  if (!Begin(Section::kPayroll, r.line)) return false;
  const auto flags = static_cast<std::uint8_t>((r.wsw ? 1 : 0) | (r.wage_cents ? 2 : 0) | (static_cast<int>(r.contract) << 2));
  PutAll(block_, r.line, person, r.employer, r.month, r.hours, r.wage_cents.value_or(0), flags);
  return End();
}

bool RowsFileWriter::Add(std::uint32_t person, const data::HireInRow& r) {
  if (!Begin(Section::kHireIn, r.line)) return false;
  PutAll(block_, r.line, person, r.lender, r.hirer, r.month, r.hours);
  return End();
}

bool RowsFileWriter::Add(const data::EmployerHoursRow& r) {
  if (!Begin(Section::kEmployerHours, r.line)) return false;
  PutAll(block_, r.line, r.employer, r.month, r.hours, r.agency_staff_hours, r.wsw_hours, r.wage_cents.value_or(0),
         static_cast<std::uint8_t>(r.wage_cents ? 1 : 0));
  return End();
}

bool RowsFileWriter::Add(std::uint32_t person, const data::SroiRow& r) {
  if (!Begin(Section::kSroi, r.line)) return false;
  PutAll(block_, r.line, person, r.contractor, r.buyer, r.month, r.hours);
  return End();
}

Result<RowsFileRecord> RowsFileWriter::Finish(std::span<const std::int64_t> persons) {
  Start(Section::kPersons);
  for (std::int64_t id : persons) Put(block_, id);
  block_records_ = static_cast<std::uint32_t>(persons.size());
  if (persons.empty()) {  // an empty persons block still marks the section
    block_records_ = 0;
    std::string header;
    Put(header, section_);
    Put(header, std::uint32_t{0});
    Put(header, std::uint64_t{0});
    header += data::Sha256::Of("");
    Write(header.data(), header.size());
  }
  FlushBlock();
  Start(Section::kEnd);
  for (std::size_t slot : {0, 1, 2}) Put(block_, static_cast<std::uint64_t>(counts_[slot]));
  Put(block_, static_cast<std::uint64_t>(persons.size()));
  if (version_ != 1) {
    for (std::size_t slot : {3, 4}) Put(block_, static_cast<std::uint64_t>(counts_[slot]));
  }
  block_records_ = 1;
  FlushBlock();
  if (status_.ok() && ::fsync(fd_) != 0) status_ = WriteFailed(temp_);
  if (status_.ok() && ::close(fd_) != 0) status_ = WriteFailed(temp_);
  fd_ = -1;
  if (!status_.ok()) return Fail(status_);
  if (::rename(temp_.c_str(), final_.c_str()) != 0) return Fail(WriteFailed(final_));
  renamed_ = true;
  if (!FsyncDirectory(dir_)) return Fail(WriteFailed(dir_));
  RowsFileRecord record;
  record.file = final_.filename().string();
  record.sha256 = hash_->file.HexDigest();
  record.bytes = bytes_;
  record.payroll_rows = counts_[0];
  record.hire_in_rows = counts_[1];
  record.employer_hours_rows = counts_[2];
  if (version_ != 1) {
    record.register_rows = counts_[3];
    record.sroi_rows = counts_[4];
  }
  return record;
}

void RemoveUncommittedRowsFiles(const fs::path& dir, std::int64_t last_committed) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    long long id = 0;
    char tail[8] = {};
    bool ours = std::sscanf(name.c_str(), "snapshot-%lld.rows%7s", &id, tail) >= 1 && name.starts_with("snapshot-");
    if (!ours) continue;
    bool temporary = std::string_view(tail) == ".tmp";
    if (temporary || (tail[0] == '\0' && id > last_committed)) ::unlink(it->path().c_str());
  }
}

}  // namespace banenmonitor::store
