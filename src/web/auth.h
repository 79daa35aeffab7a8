// Accounts, passwords, sessions and login throttling of the dashboard
// (issue 7). Users and sessions live in the workspace's store (store/store.h,
// schema 4); this file holds the rules around them.
//
// - Passwords: Argon2id through libsodium's crypto_pwhash_str (salt and cost
//   parameters inside the stored string); never logged, never on a command line.
// - Session tokens: 32 random bytes (libsodium), sent to the browser once as a
//   cookie; the store keeps only their SHA-256, so a copy of the store is no key.
// - CSRF: a second random token per session, given to the page by /api/v1/me
//   and required in X-CSRF-Token on every POST/PUT/DELETE.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "banenmonitor/status.h"
#include "store/store.h"

namespace banenmonitor::web {

enum class Role { kAdmin, kAnalyst, kSector };
const char* RoleName(Role r);  // "admin", "analyst", "sector"
std::optional<Role> ParseRole(std::string_view s);

// Who is asking: the account, its role and (for role sector) its scope.
struct Principal {
  std::string name;
  Role role = Role::kSector;
  std::string scope;  // a count scope ("subsector:gemeenten", "government", "organisation:BZK"); "" unless sector
};

// A user name: 1-64 of [A-Za-z0-9._@-].
bool IsUserName(std::string_view name);
// The scope a user of `role` may have: for sector a sector ("government",
// "market"), "subsector:X" or "organisation:X"; for admin and analyst none.
Status CheckScope(Role role, std::string_view scope);

// Argon2id hash (crypto_pwhash_str, OPSLIMIT/MEMLIMIT_INTERACTIVE). Passwords of
// fewer than 12 characters are refused (InvalidInput).
Result<std::string> HashPassword(std::string_view password);
// Constant-time check of `password` against a stored hash.
bool VerifyPassword(const std::string& hash, std::string_view password);

// Adds a user to the store after checking name, role, scope and password.
Status AddUser(store::Store& store, const std::string& name, Role role, const std::string& scope,
               std::string_view password);

// `bytes` random bytes from libsodium, as lower-case hex.
std::string RandomHex(std::size_t bytes);
std::string Sha256Hex(std::string_view text);

// Counts failed logins per key (a user name, a client address) in a sliding
// window. Written here (a dozen lines) because no Debian library does this
// for an in-process server. Thread-safe.
class LoginLimiter {
 public:
  LoginLimiter(int max_failures, std::chrono::seconds window) : max_(max_failures), window_(window) {}
  // True when `key` has had max_failures failures within the window before `now`.
  bool Blocked(const std::string& key, std::chrono::steady_clock::time_point now);
  void Failure(const std::string& key, std::chrono::steady_clock::time_point now);
  void Success(const std::string& key);

 private:
  void Prune(std::deque<std::chrono::steady_clock::time_point>& q, std::chrono::steady_clock::time_point now);
  std::mutex mutex_;
  int max_;
  std::chrono::seconds window_;
  std::unordered_map<std::string, std::deque<std::chrono::steady_clock::time_point>> failures_;
};

}  // namespace banenmonitor::web
