#include "web/auth.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>

#include "common/enum_names.h"
#include "common/lang.h"
#include "count/scope_names.h"
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

constexpr EnumName<Role> kRoleNames[] = {{Role::kAdmin, "admin"}, {Role::kAnalyst, "analyst"}, {Role::kSector, "sector"}};

const char* RoleName(Role r) { return NameIn(kRoleNames, r, "sector"); }

std::optional<Role> ParseRole(std::string_view s) { return ValueIn(kRoleNames, s); }

bool IsUserName(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '@' || c == '-';
  });
}

Status CheckScope(Role role, std::string_view scope, const std::vector<std::string>* known) {
  if (role != Role::kSector) {
    if (scope.empty()) return Status::Ok();
    return Status::Usage(Say("--scope {}: alleen een gebruiker met rol sector heeft een scope",
                             "--scope {}: only a user with role sector has a scope", scope));
  }
  // A sector user's scope: a sector, a subsector or a ministry (never total or one employer).
  std::vector<std::string> valid;
  for (const std::string& s : known != nullptr ? *known : count::FixedScopes()) {
    if (s != "total" && !s.starts_with("employer:")) valid.push_back(s);
  }
  if (std::binary_search(valid.begin(), valid.end(), scope, std::less<>())) return Status::Ok();
  constexpr std::string_view kOrganisation = "organisation:";
  if (known == nullptr && scope.starts_with(kOrganisation) && scope.size() > kOrganisation.size() &&
      scope.size() <= 200 && scope.find_first_of("\r\n\t") == std::string_view::npos) {
    return Status::Ok();  // no snapshot yet to check the ministry against
  }
  if (count::NearestScope(scope, valid)) {
    return Status::Usage("--scope: " + count::UnknownScopeMessage(scope, valid));
  }
  return Status::Usage(Say(
      "--scope '{}': een sectorgebruiker heeft een scope nodig: government, market, subsector:CODE of "
      "organisation:NAAM (zoals bij count --by), bijvoorbeeld --scope subsector:gemeenten",
      "--scope '{}': a sector user needs a scope: government, market, subsector:NAME or organisation:NAME "
      "(as in count --by), e.g. --scope subsector:gemeenten",
      scope));
}

Result<std::string> HashPassword(std::string_view password) {
  if (!SodiumReady()) return Fail(Status::Internal(std::string(Pick("libsodium kon niet worden gestart", "libsodium could not be initialised"))));
  if (password.size() < kMinPasswordLength) {
    return Fail(Status::InvalidInput(
        Say("het wachtwoord is te kort: gebruik ten minste {} tekens", "the password is too short: use at least {} characters",
            kMinPasswordLength)));
  }
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Fail(Status::IoError(std::string(Pick("de wachtwoordhash berekenen: onvoldoende geheugen", "hashing the password: out of memory"))));
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  if (!SodiumReady() || hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string_view UnknownUserHash() {
  return "$argon2id$v=19$m=65536,t=2,p=1$1YUSiVlwK+JcViDAQQKWzg$hgb5qX7Xc9KexNH24j8QrdZUvIGdoKLyHSkv4OYzheo";
}

Status AddUser(store::AccountStore& store, const std::string& name, Role role, const std::string& scope,
               std::string_view password, const std::vector<std::string>* known) {
  if (!IsUserName(name)) {
    return Status::Usage(Say("gebruikersnaam '{}': gebruik 1 tot 64 letters, cijfers, '.', '_', '@' of '-'",
                             "user name '{}': use 1 to 64 letters, digits, '.', '_', '@' or '-'", name));
  }
  if (Status s = CheckScope(role, scope, known); !s.ok()) return s;
  auto hash = HashPassword(password);
  if (!hash) return hash.error();
  return store.AddUser({name, RoleName(role), scope, *hash, NowUtc()});
}

std::string RandomHex(std::size_t bytes) {
  if (!SodiumReady()) throw std::runtime_error(std::string(Pick("libsodium kon niet worden gestart", "libsodium could not be initialised")));
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
  hex.pop_back();
  sodium_memzero(raw.data(), raw.size());
  return hex;
}

std::string Sha256Hex(std::string_view text) { return data::Sha256::Of(text); }

Result<bool> LoginLimiter::Blocked(store::AccountStore& store, const std::string& key, std::int64_t now) const {
  auto failures = store.CountLoginFailures(key, now - window_.count() + 1);
  if (!failures) return Fail(failures.error());
  return *failures >= max_;
}

Status LoginLimiter::Failure(store::AccountStore& store, const std::string& key, std::int64_t now) const {
  return store.RecordLoginFailure(key, now, now - window_.count() + 1);
}

Status LoginLimiter::Success(store::AccountStore& store, const std::string& key) const {
  return store.ClearLoginFailures(key);
}

}  // namespace banenmonitor::web
