// Reading the rows file of a snapshot (rows_file.h).
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "banenmonitor/regions.h"
#include "common/lang.h"
#include "data/sha256.h"
#include "store/rows_file.h"
#include "store/rows_file_format.h"

namespace banenmonitor::store {

namespace fs = std::filesystem;

namespace {

using rows_format::Get;
using rows_format::kBlockHeaderBytes;
using rows_format::kEmployerHours;
using rows_format::kEnd;
using rows_format::kHeaderBytes;
using rows_format::kHireIn;
using rows_format::kMagic;
using rows_format::kPayroll;
using rows_format::kPersons;
using rows_format::kRank;
using rows_format::kRecordBytes;
using rows_format::kRegister;
using rows_format::kSroi;

struct BlockHeader {
  std::uint32_t kind = 0;
  std::uint32_t records = 0;
  std::uint64_t bytes = 0;
  std::string sha256;
};

// One pass over the file with pread: the header, then block after block.
class FileReader {
 public:
  FileReader(const fs::path& path, int fd) : path_(path), fd_(fd) {}

  // Reads exactly `n` bytes at the current offset; false at the end or on an error.
  bool Read(char* out, std::size_t n) {
    while (n > 0) {
      ssize_t r = ::pread(fd_, out, n, static_cast<off_t>(offset_));
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) return false;
      if (hash_ != nullptr) hash_->Update(out, static_cast<std::size_t>(r));
      out += r;
      n -= static_cast<std::size_t>(r);
      offset_ += static_cast<std::uint64_t>(r);
    }
    return true;
  }
  bool ReadBlockHeader(BlockHeader& h) {
    char b[kBlockHeaderBytes];
    if (!Read(b, sizeof b)) return false;
    const char* p = b;
    h.kind = Get<std::uint32_t>(p);
    h.records = Get<std::uint32_t>(p);
    h.bytes = Get<std::uint64_t>(p);
    h.sha256.assign(p, 64);
    return true;
  }
  // The payload of `h` in a file of format `version`, checked against its
  // SHA-256; false when damaged.
  bool ReadPayload(const BlockHeader& h, std::uint32_t version, std::string& payload) {
    const std::uint32_t last_kind = version == 1 ? kEnd : rows_format::kLastKind;
    if (h.kind == 0 || h.kind > last_kind || (h.records > kRowsPerBlock && h.kind != kPersons)) return false;
    const std::uint64_t bytes = h.kind == kEnd ? (h.records == 1 ? rows_format::EndBytes(version) : 0)
                                               : std::uint64_t{h.records} * kRecordBytes[h.kind];
    if (h.bytes != bytes || h.bytes > (std::uint64_t{1} << 34)) return false;
    payload.resize(h.bytes);
    data::Sha256* whole = hash_;
    if (version >= 3) hash_ = nullptr;  // from version 3 the file's digest leaves the payloads out
    const bool read = Read(payload.data(), payload.size());
    hash_ = whole;
    return read && data::Sha256::Of(payload) == h.sha256;
  }
  void Skip(std::uint64_t n) { offset_ += n; }
  void HashFromHere(data::Sha256* hash) { hash_ = hash; }
  std::uint64_t offset() const { return offset_; }

 private:
  const fs::path& path_;
  int fd_;
  std::uint64_t offset_ = 0;
  data::Sha256* hash_ = nullptr;
};

Status Damaged(const fs::path& path, std::string_view what) {
  return Status::IoError(
      Say("{}: het rijenbestand van deze snapshot is beschadigd of niet het vastgelegde ({}); er is niets geteld. Zet "
          "het bestand terug uit de back-up van de werkruimte, of importeer de levering opnieuw in een nieuwe werkruimte",
          "{}: this snapshot's rows file is damaged or not the one recorded ({}); nothing was counted. Restore the file "
          "from the workspace's backup, or import the delivery again into a new workspace",
          path.string(), what));
}

// A hire-in or social-return record (line, person, employer a, employer b,
// month, hours): the two have one layout with other names for the employers.
template <typename Row, EmployerIndex Row::*A, EmployerIndex Row::*B>
Row TwoEmployerRecord(const char*& p, const std::vector<std::string>& persons) {
  Row r;
  r.line = Get<std::int64_t>(p);
  r.person_number = Get<std::uint32_t>(p);
  r.person_id = persons[r.person_number];
  r.*A = Get<EmployerIndex>(p);
  r.*B = Get<EmployerIndex>(p);
  r.month = Get<MonthIndex>(p);
  r.hours = Get<Hours>(p);
  return r;
}

// Hands the `records` rows of a block's payload to `sink`. Payroll and hire-in
// rows carry their person's number in the rows file as person_number (row_sink.h:
// the numbers of one file name one person each), so that a sink looks a
// pseudonym up once per person, not once per row.
void Decode(std::uint32_t kind, const std::string& payload, std::uint32_t records,
            const std::vector<std::string>& persons, data::RowSink& sink) {
  const char* p = payload.data();
  for (std::uint32_t i = 0; i < records; ++i) {
    if (kind == kRegister) {
      data::RegisterRow r;
      r.line = Get<std::int64_t>(p);
      r.person_number = Get<std::uint32_t>(p);
      r.person_id = persons[r.person_number];
      r.ground = static_cast<Ground>(Get<std::uint8_t>(p));
      r.start_day = Get<DayNumber>(p);
      r.end_day = Get<DayNumber>(p);
      r.region = Get<std::uint8_t>(p);
      sink.OnRegister(r);
    } else if (kind == kSroi) {
      sink.OnSroi(TwoEmployerRecord<data::SroiRow, &data::SroiRow::contractor, &data::SroiRow::buyer>(p, persons));
    } else if (kind == kPayroll) {
      data::PayrollRow r;
      r.line = Get<std::int64_t>(p);
      r.person_number = Get<std::uint32_t>(p);
      r.person_id = persons[r.person_number];
      r.employer = Get<EmployerIndex>(p);
      r.month = Get<MonthIndex>(p);
      r.hours = Get<Hours>(p);
      auto wage = Get<std::int64_t>(p);
      auto flags = Get<std::uint8_t>(p);
      r.wsw = (flags & 1) != 0;
      if ((flags & 2) != 0) r.wage_cents = wage;
      r.contract = static_cast<data::Contract>(flags >> 2);
      sink.OnPayroll(r);
    } else if (kind == kHireIn) {
      sink.OnHireIn(TwoEmployerRecord<data::HireInRow, &data::HireInRow::lender, &data::HireInRow::hirer>(p, persons));
    } else {
      data::EmployerHoursRow r;
      r.line = Get<std::int64_t>(p);
      r.employer = Get<EmployerIndex>(p);
      r.month = Get<MonthIndex>(p);
      r.hours = Get<Hours>(p);
      r.agency_staff_hours = Get<Hours>(p);
      r.wsw_hours = Get<Hours>(p);
      auto wage = Get<std::int64_t>(p);
      if ((Get<std::uint8_t>(p) & 1) != 0) r.wage_cents = wage;
      sink.OnEmployerHours(r);
    }
  }
}

// Checks that every person number of a block is below `persons`, every
// payroll contract is one of data::Contract, and every register ground and
// region is one this program knows.
bool RecordsInRange(std::uint32_t kind, const std::string& payload, std::uint32_t records, std::size_t persons) {
  if (kind == kEmployerHours) return true;
  const std::size_t regions = RegionTable::Embedded().regions().size();
  for (std::uint32_t i = 0; i < records; ++i) {
    const char* record = payload.data() + i * kRecordBytes[kind];
    std::uint32_t person;
    std::memcpy(&person, record + 8, sizeof person);
    if (person >= persons) return false;
    auto byte = [&](std::size_t at) { return static_cast<unsigned char>(record[at]); };
    if (kind == kPayroll && (byte(kRecordBytes[kPayroll] - 1) >> 2) > static_cast<unsigned>(data::Contract::kTemporary)) {
      return false;
    }
    if (kind == kRegister && (byte(12) > static_cast<unsigned>(Ground::kVoorziening) || byte(21) > regions)) {
      return false;
    }
  }
  return true;
}

}  // namespace

Status ReadRowsFile(const fs::path& dir, const RowsFileRecord& record,
                    const std::function<Result<std::vector<std::string>>(std::span<const std::int64_t>)>& pseudonyms,
                    data::RowSink& sink) {
  const fs::path path = dir / record.file;
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    return Status::IoError(Say("{}: het rijenbestand van deze snapshot ontbreekt of kan niet worden gelezen ({}); er "
                               "is niets geteld. Zet het terug uit de back-up van de werkruimte",
                               "{}: this snapshot's rows file is missing or cannot be read ({}); nothing was counted. "
                               "Restore it from the workspace's backup",
                               path.string(), std::error_code(errno, std::generic_category()).message()));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  // First pass: the block headers only, to find the persons block at the end.
  FileReader scan(path, fd);
  char header[kHeaderBytes];
  if (!scan.Read(header, sizeof header) || std::memcmp(header, kMagic, sizeof kMagic) != 0) {
    return Damaged(path, Pick("het begint niet als een rijenbestand", "it does not begin as a rows file"));
  }
  std::uint32_t version;
  std::memcpy(&version, header + 8, sizeof version);
  if (version < 1 || version > kRowsFileVersion) return Damaged(path, Pick("een onbekende versie van het formaat", "an unknown version of the format"));
  // Version 1 has the register and social return in the database, versions 2 and 3 in the file.
  if (record.register_rows.has_value() != (version != 1) || record.sroi_rows.has_value() != (version != 1)) {
    return Damaged(path, Pick("de versie van het formaat is niet die de database vastlegde", "its format version is not the one the database recorded"));
  }
  BlockHeader h;
  std::string payload;
  std::vector<std::int64_t> ids;
  for (;;) {
    if (!scan.ReadBlockHeader(h)) return Damaged(path, Pick("het houdt halverwege op", "it ends halfway"));
    if (h.kind == kPersons) {
      if (!scan.ReadPayload(h, version, payload)) return Damaged(path, Pick("het blok met personen klopt niet met zijn controlegetal", "the block of persons does not match its checksum"));
      ids.resize(h.records);
      std::memcpy(ids.data(), payload.data(), payload.size());
      break;
    }
    scan.Skip(h.bytes);
  }
  auto names = pseudonyms(ids);
  if (!names) return names.error();
  // Second pass: every block checked, then handed on; the whole file hashed.
  data::Sha256 whole;
  FileReader in(path, fd);
  in.HashFromHere(&whole);
  in.Read(header, sizeof header);
  std::uint64_t counts[rows_format::kLastKind + 1] = {};  // by kind
  std::uint32_t last_rank = 0;
  for (;;) {
    if (!in.ReadBlockHeader(h)) return Damaged(path, Pick("het houdt halverwege op", "it ends halfway"));
    if (!in.ReadPayload(h, version, payload) || kRank[h.kind] < last_rank) return Damaged(path, Pick("een blok rijen klopt niet met zijn controlegetal", "a block of rows does not match its checksum"));
    last_rank = kRank[h.kind];
    if (h.kind == kEnd) break;
    if (h.kind == kPersons) continue;
    if (!RecordsInRange(h.kind, payload, h.records, names->size())) return Damaged(path, Pick("een rij verwijst naar een persoon, contractsoort, grond of regio die er niet is", "a row refers to a person, contract type, ground or region that is not there"));
    Decode(h.kind, payload, h.records, *names, sink);
    counts[h.kind] += h.records;
  }
  const char* p = payload.data();
  bool totals = true;
  for (std::uint64_t expected : {counts[kPayroll], counts[kHireIn], counts[kEmployerHours], std::uint64_t{ids.size()}}) {
    totals = Get<std::uint64_t>(p) == expected && totals;
  }
  if (version != 1) {
    for (std::uint64_t expected : {counts[kRegister], counts[kSroi]}) totals = Get<std::uint64_t>(p) == expected && totals;
  }
  char extra;
  if (!totals || in.Read(&extra, 1)) return Damaged(path, Pick("de aantallen rijen aan het eind kloppen niet", "the row counts at its end do not match"));
  auto recorded = [](std::optional<std::int64_t> n) { return static_cast<std::uint64_t>(n.value_or(0)); };
  if (counts[kPayroll] != static_cast<std::uint64_t>(record.payroll_rows) ||
      counts[kHireIn] != static_cast<std::uint64_t>(record.hire_in_rows) ||
      counts[kEmployerHours] != static_cast<std::uint64_t>(record.employer_hours_rows) ||
      counts[kRegister] != recorded(record.register_rows) || counts[kSroi] != recorded(record.sroi_rows) ||
      static_cast<std::int64_t>(in.offset()) != record.bytes || whole.HexDigest() != record.sha256) {
    return Damaged(path, Pick("het controlegetal of de grootte verschilt van wat de database vastlegde", "its checksum or size differs from what the database recorded"));
  }
  return Status::Ok();
}

}  // namespace banenmonitor::store
