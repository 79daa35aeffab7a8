#include "web/auth.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>

#include "data/sha256.h"

namespace banenmonitor::web {

namespace {

constexpr std::size_t kMinPasswordLength = 12;

bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

std::string NowUtc() {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

}  // namespace

const char* RoleName(Role r) {
  switch (r) {
    case Role::kAdmin: return "admin";
    case Role::kAnalyst: return "analyst";
    case Role::kSector: return "sector";
  }
  return "sector";
}

std::optional<Role> ParseRole(std::string_view s) {
  if (s == "admin") return Role::kAdmin;
  if (s == "analyst") return Role::kAnalyst;
  if (s == "sector") return Role::kSector;
  return std::nullopt;
}

bool IsUserName(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '@' || c == '-';
  });
}

Status CheckScope(Role role, std::string_view scope) {
  if (role != Role::kSector) {
    if (scope.empty()) return Status::Ok();
    return Status::Usage(fmt::format("--scope {}: only a user with role sector has a scope", scope));
  }
  if (scope == "government" || scope == "market") return Status::Ok();
  for (std::string_view prefix : {"subsector:", "organisation:"}) {
    if (scope.starts_with(prefix) && scope.size() > prefix.size() && scope.size() <= 200 &&
        scope.find_first_of("\r\n\t") == std::string_view::npos) {
      return Status::Ok();
    }
  }
  return Status::Usage(fmt::format(
      "--scope '{}': a sector user needs a scope: government, market, subsector:NAME or organisation:NAME "
      "(as in count --by), e.g. --scope subsector:gemeenten",
      scope));
}

Result<std::string> HashPassword(std::string_view password) {
  if (!SodiumReady()) return Fail(Status::Internal("libsodium could not be initialised"));
  if (password.size() < kMinPasswordLength) {
    return Fail(Status::InvalidInput(
        fmt::format("the password is too short: use at least {} characters", kMinPasswordLength)));
  }
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Fail(Status::IoError("hashing the password: out of memory"));
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  if (!SodiumReady() || hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Status AddUser(store::Store& store, const std::string& name, Role role, const std::string& scope,
               std::string_view password) {
  if (!IsUserName(name)) {
    return Status::Usage(fmt::format("user name '{}': use 1 to 64 letters, digits, '.', '_', '@' or '-'", name));
  }
  if (Status s = CheckScope(role, scope); !s.ok()) return s;
  auto hash = HashPassword(password);
  if (!hash) return hash.error();
  return store.AddUser({name, RoleName(role), scope, *hash, NowUtc()});
}

std::string RandomHex(std::size_t bytes) {
  if (!SodiumReady()) throw std::runtime_error("libsodium could not be initialised");
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.pop_back();
  sodium_memzero(raw.data(), raw.size());
  return hex;
}

std::string Sha256Hex(std::string_view text) { return data::Sha256::Of(text); }

void LoginLimiter::Prune(std::deque<std::chrono::steady_clock::time_point>& q,
                         std::chrono::steady_clock::time_point now) {
  while (!q.empty() && now - q.front() >= window_) q.pop_front();
}

bool LoginLimiter::Blocked(const std::string& key, std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return false;
  Prune(it->second, now);
  return static_cast<int>(it->second.size()) >= max_;
}

void LoginLimiter::Failure(const std::string& key, std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(mutex_);
  // Bounded memory under a flood of distinct keys: forget everything (the
  // limit then restarts; the per-address key still throttles one attacker).
  if (failures_.size() > 100000) failures_.clear();
  auto& q = failures_[key];
  Prune(q, now);
  q.push_back(now);
}

void LoginLimiter::Success(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_.erase(key);
}

}  // namespace banenmonitor::web
