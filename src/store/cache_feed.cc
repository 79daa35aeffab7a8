// The column cache of an import, built on a thread of its own (cache_feed.h).
#include "store/cache_feed.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

namespace banenmonitor::store {

namespace {
constexpr std::size_t kBatchRows = 8192;   // rows handed over at once
constexpr std::size_t kQueuedBatches = 4;  // the import waits while this many are queued
}  // namespace

// A piece of the row stream. The rows of a piece come in file order
// (employers, register, targets, payroll, hire-in, employer hours, social
// return: data/row_sink.h), so
// handing them on kind by kind keeps their order. A row's person id is copied
// into `ids` when it is unnumbered or the first of its number; the others
// take the id their number was handed with (ImportCacheFeed::Known).
struct ImportCacheFeed::Batch {
  struct IdRef {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
    bool copied = false;
  };
  std::vector<std::pair<Employer, std::int64_t>> employers;
  std::vector<data::RegisterRow> registers;
  std::vector<std::pair<Target, std::int64_t>> targets;
  std::vector<data::PayrollRow> payroll;
  std::vector<data::HireInRow> hire_in;
  std::vector<data::EmployerHoursRow> employer_hours;
  std::vector<data::SroiRow> sroi;
  std::string ids;
  std::vector<IdRef> register_ids, payroll_ids, hire_in_ids, sroi_ids;

  std::size_t size() const {
    return employers.size() + registers.size() + targets.size() + payroll.size() + hire_in.size() +
           employer_hours.size() + sroi.size();
  }
  void clear() {
    employers.clear();
    registers.clear();
    targets.clear();
    payroll.clear();
    hire_in.clear();
    employer_hours.clear();
    sroi.clear();
    ids.clear();
    register_ids.clear();
    payroll_ids.clear();
    hire_in_ids.clear();
    sroi_ids.clear();
  }
  // The id reference of a row's person: a copy unless its number's id was
  // handed over before (`sent`, by person number).
  template <typename Row>
  IdRef RefOf(const Row& r, std::vector<bool>& sent) {
    if (r.person_number == data::kUnnumbered) return Copy(r.person_id);
    if (r.person_number >= sent.size()) sent.resize(std::max<std::size_t>(r.person_number + std::size_t{1}, sent.size() * 2));
    if (sent[r.person_number]) return {};
    sent[r.person_number] = true;
    return Copy(r.person_id);
  }
  IdRef Copy(std::string_view id) {
    IdRef at{static_cast<std::uint32_t>(ids.size()), static_cast<std::uint32_t>(id.size()), true};
    ids.append(id);
    return at;
  }
};

ImportCacheFeed::ImportCacheFeed(std::size_t payroll_rows, std::size_t employer_hours_rows) {
  try {
    builder_ = std::make_shared<ColumnCacheBuilder>();
    // Address space only: pages come as the tables fill.
    if (payroll_rows > 0) builder_->ReservePayroll(payroll_rows);
    if (employer_hours_rows > 0) builder_->ReserveEmployerHours(employer_hours_rows);
    current_ = std::make_unique<Batch>();
    thread_ = std::thread([this] { Consume(); });
  } catch (const std::exception&) {
    builder_.reset();
    dropped_ = true;
  }
}

ImportCacheFeed::~ImportCacheFeed() {
  {
    std::lock_guard lock(mu_);
    dropped_ = true;
    changed_.notify_all();
  }
  Join();
  if (written_) {
    std::error_code ec;
    std::filesystem::remove(temp_, ec);
  }
}

template <typename F>
void ImportCacheFeed::Try(F&& f) {
  if (dropped_) return;
  try {
    f();
  } catch (const std::exception&) {
    std::lock_guard lock(mu_);
    dropped_ = true;
    changed_.notify_all();
  }
}

ImportCacheFeed::Batch& ImportCacheFeed::Current() {
  if (current_->size() >= kBatchRows) Hand();
  return *current_;
}

void ImportCacheFeed::Hand() {
  std::unique_lock lock(mu_);
  changed_.wait(lock, [&] { return queue_.size() < kQueuedBatches || dropped_; });
  if (dropped_) {
    current_->clear();
    return;
  }
  queue_.push_back(std::move(current_));
  if (!free_.empty()) {
    current_ = std::move(free_.front());
    free_.pop_front();
  }
  changed_.notify_all();
  lock.unlock();
  if (!current_) current_ = std::make_unique<Batch>();
}

void ImportCacheFeed::OnEmployer(const Employer& e, std::int64_t line) {
  Try([&] { Current().employers.emplace_back(e, line); });
}
void ImportCacheFeed::OnRegister(const data::RegisterRow& r) {
  Try([&] {
    Batch& b = Current();
    b.registers.push_back(r);
    b.register_ids.push_back(b.RefOf(r, sent_));
  });
}
void ImportCacheFeed::OnTarget(const Target& t, std::int64_t line) {
  Try([&] { Current().targets.emplace_back(t, line); });
}
void ImportCacheFeed::OnPayroll(const data::PayrollRow& r) {
  Try([&] {
    Batch& b = Current();
    b.payroll.push_back(r);
    b.payroll_ids.push_back(b.RefOf(r, sent_));
  });
}
void ImportCacheFeed::OnHireIn(const data::HireInRow& r) {
  Try([&] {
    Batch& b = Current();
    b.hire_in.push_back(r);
    b.hire_in_ids.push_back(b.RefOf(r, sent_));
  });
}

void ImportCacheFeed::OnEmployerHours(const data::EmployerHoursRow& r) {
  Try([&] { Current().employer_hours.push_back(r); });
}
void ImportCacheFeed::OnSroi(const data::SroiRow& r) {
  Try([&] {
    Batch& b = Current();
    b.sroi.push_back(r);
    b.sroi_ids.push_back(b.RefOf(r, sent_));
  });
}

std::string_view ImportCacheFeed::Known(std::uint32_t number, std::string_view id) {
  if (number == data::kUnnumbered) return id;
  if (number >= known_.size()) known_.resize(std::max<std::size_t>(number + std::size_t{1}, known_.size() * 2));
  if (!id.empty() || known_[number].empty()) known_[number] = names_.emplace_back(id);
  return known_[number];
}

std::string_view ImportCacheFeed::IdFor(std::uint32_t number, std::string_view id) {
  if (id.empty() && !builder_->NeedsPersonId(number)) return {};  // the builder knows the number's person
  return Known(number, id);
}

void ImportCacheFeed::Consume() {
  auto id = [](const Batch& b, const Batch::IdRef& at) {
    return at.copied ? std::string_view(b.ids).substr(at.offset, at.size) : std::string_view();
  };
  for (;;) {
    std::unique_ptr<Batch> batch;
    {
      std::unique_lock lock(mu_);
      changed_.wait(lock, [&] { return !queue_.empty() || stopping_ || dropped_; });
      if (dropped_) return;
      if (queue_.empty()) break;  // stopping, and everything taken
      batch = std::move(queue_.front());
      queue_.pop_front();
      changed_.notify_all();
    }
    try {
      Batch& b = *batch;
      for (const auto& [e, line] : b.employers) builder_->OnEmployer(e, line);
      for (std::size_t i = 0; i < b.registers.size(); ++i) {
        b.registers[i].person_id = Known(b.registers[i].person_number, id(b, b.register_ids[i]));
        builder_->OnRegister(b.registers[i]);
      }
      for (const auto& [t, line] : b.targets) builder_->OnTarget(t, line);
      for (std::size_t i = 0; i < b.payroll.size(); ++i) {
        b.payroll[i].person_id = IdFor(b.payroll[i].person_number, id(b, b.payroll_ids[i]));
        builder_->OnPayroll(b.payroll[i]);
      }
      for (std::size_t i = 0; i < b.hire_in.size(); ++i) {
        b.hire_in[i].person_id = IdFor(b.hire_in[i].person_number, id(b, b.hire_in_ids[i]));
        builder_->OnHireIn(b.hire_in[i]);
      }
      for (const auto& r : b.employer_hours) builder_->OnEmployerHours(r);
      for (std::size_t i = 0; i < b.sroi.size(); ++i) {
        b.sroi[i].person_id = IdFor(b.sroi[i].person_number, id(b, b.sroi_ids[i]));
        builder_->OnSroi(b.sroi[i]);
      }
    } catch (const std::exception&) {
      std::lock_guard lock(mu_);
      dropped_ = true;
      changed_.notify_all();
      return;
    }
    batch->clear();
    std::lock_guard lock(mu_);
    free_.push_back(std::move(batch));
  }
  // Every row taken: the tables and the file, when the import asked for them (Prepare).
  auto past_tables = [&](std::shared_ptr<const Delivery> tables) {
    std::lock_guard lock(mu_);
    tables_ = std::move(tables);
    consumed_ = true;
    changed_.notify_all();
  };
  if (temp_.empty() || dropped_) return past_tables(nullptr);
  try {
    const Delivery& tables = builder_->Tables(directory_, files_, manifest_);
    past_tables(std::shared_ptr<const Delivery>(builder_, &tables));
    written_ = builder_->WriteUnpublished(temp_, key_).ok();
  } catch (const std::exception&) {
    past_tables(nullptr);
    written_ = false;
  }
}

std::shared_ptr<const Delivery> ImportCacheFeed::Tables() {
  std::unique_lock lock(mu_);
  if (!thread_.joinable()) return nullptr;
  changed_.wait(lock, [&] { return consumed_ || dropped_; });
  return dropped_ ? nullptr : tables_;
}

void ImportCacheFeed::Stop() {
  if (!thread_.joinable()) return;
  if (!dropped_ && current_ && current_->size() > 0) Try([&] { Hand(); });
  std::lock_guard lock(mu_);
  stopping_ = true;
  changed_.notify_all();
}

void ImportCacheFeed::Join() {
  Stop();
  if (thread_.joinable()) thread_.join();
}

void ImportCacheFeed::Prepare(const std::filesystem::path& path, const ColumnCacheKey& key,
                              const std::filesystem::path& directory, const std::vector<FileInfo>& files,
                              const DeliveryManifest& manifest) {
  if (dropped_ || !thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);  // the thread reads them once it has taken every row (after Stop)
    path_ = path;
    temp_ = path;
    temp_ += fmt::format(".tmp-{}", ::getpid());
    key_ = key;
    directory_ = directory;
    files_ = files;
    manifest_ = manifest;
  }
  Stop();
}

bool ImportCacheFeed::Publish() {
  Join();
  builder_.reset();
  if (!written_ || dropped_) return false;
  std::error_code ec;
  std::filesystem::rename(temp_, path_, ec);
  if (ec) return false;
  written_ = false;  // in place: not the destructor's to remove
  return true;
}

}  // namespace banenmonitor::store
