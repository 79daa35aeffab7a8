// Passwords (web/auth.h): Argon2id hashes, and the hash of no one's password
// that a login with an unknown name verifies against (the same work as a
// wrong password, without a hash at the first login).
#include "web/auth.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <string>

namespace banenmonitor::web {
namespace {

TEST(Passwords, AHashVerifiesItsOwnPasswordOnly) {
  auto hash = HashPassword("een-lang-wachtwoord");
  ASSERT_TRUE(hash.has_value()) << hash.error().message();
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "een-lang-wachtwoord"));
  EXPECT_FALSE(VerifyPassword(*hash, "een-lang-wachtwoorD"));
  EXPECT_FALSE(HashPassword("kort").has_value());
}

TEST(Passwords, TheUnknownUsersHashCostsWhatARealOneCosts) {
  ASSERT_GE(sodium_init(), 0);
  const std::string unknown(UnknownUserHash());
  auto real = HashPassword("een-lang-wachtwoord");
  ASSERT_TRUE(real.has_value());
  // Same algorithm and parameters as HashPassword's (m, t, p): the same work to verify.
  EXPECT_EQ(unknown.substr(0, unknown.find('$', unknown.find("m="))), real->substr(0, real->find('$', real->find("m="))));
  EXPECT_EQ(crypto_pwhash_str_needs_rehash(unknown.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                           crypto_pwhash_MEMLIMIT_INTERACTIVE),
            0);
  for (const char* guess : {"", "not-a-password-of-anyone", "een-lang-wachtwoord"}) {
    EXPECT_FALSE(VerifyPassword(unknown, guess)) << guess;
  }
}

}  // namespace
}  // namespace banenmonitor::web
