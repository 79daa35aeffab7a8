// Accounts, passwords, sessions and login throttling of the dashboard. Users
// and sessions live in the workspace's accounts store (store/accounts.h);
// this file holds the rules around them.
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
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "banenmonitor/status.h"
#include "store/accounts.h"

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
// "market"), "subsector:CODE" with a code of the data contract or
// "organisation:NAME"; for admin and analyst none. `known`: the scopes of the
// workspace's latest snapshot (count::KnownScopes), when there is one; an
// organisation must then be one of them. An unknown scope is refused (Usage)
// with the nearest valid one (count::UnknownScopeMessage).
Status CheckScope(Role role, std::string_view scope, const std::vector<std::string>* known = nullptr);

// Argon2id hash (crypto_pwhash_str, OPSLIMIT/MEMLIMIT_INTERACTIVE). Passwords of
// fewer than 12 characters are refused (InvalidInput).
Result<std::string> HashPassword(std::string_view password);
// Constant-time check of `password` against a stored hash.
bool VerifyPassword(const std::string& hash, std::string_view password);

// An Argon2id hash of a random password that no one knows (made once with
// HashPassword's parameters and written down here): a login with an unknown
// name verifies against it, the same work as a wrong password (no timing
// oracle), without hashing anything at the first login.
// REQUIRES: crypto_pwhash_str_needs_rehash of it is 0 (tests/web/auth_test.cc).
std::string_view UnknownUserHash();

// Adds a user to the store after checking name, role, scope (CheckScope
// with `known`) and password.
Status AddUser(store::AccountStore& store, const std::string& name, Role role, const std::string& scope,
               std::string_view password, const std::vector<std::string>* known = nullptr);

// `bytes` random bytes from libsodium, as lower-case hex.
std::string RandomHex(std::size_t bytes);
std::string Sha256Hex(std::string_view text);

// Counts failed logins per key (a user name, a client address) in a sliding
// window. The failures are kept in the workspace's store (schema 6), not in
// the server's memory, so that every `serve` on the workspace sees the same
// ones and a restart forgets none. Times are Unix seconds.
// REQUIRES: the caller has the store to itself (the dashboard's workspace lock).
class LoginLimiter {
 public:
  LoginLimiter(int max_failures, std::chrono::seconds window) : max_(max_failures), window_(window) {}
  // True when `key` has had max_failures failures within the window before `now`.
  Result<bool> Blocked(store::AccountStore& store, const std::string& key, std::int64_t now) const;
  // Records a failure of `key` at `now` (and forgets those that left the window).
  Status Failure(store::AccountStore& store, const std::string& key, std::int64_t now) const;
  // Forgets the failures of `key` (after a successful login).
  Status Success(store::AccountStore& store, const std::string& key) const;
  std::chrono::seconds window() const { return window_; }

 private:
  int max_;
  std::chrono::seconds window_;
};

}  // namespace banenmonitor::web
