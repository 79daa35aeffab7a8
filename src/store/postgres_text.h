// Text as the PostgreSQL store hands it to libpqxx: checks and literals.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "banenmonitor/status.h"

namespace banenmonitor::store::pg {

// Well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool IsUtf8(std::string_view s);

// Thrown for text PostgreSQL cannot hold; the store turns it into
// Status::InvalidInput at its boundary.
struct BadText : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Returns `value` when PostgreSQL can store it as TEXT: UTF-8 without NUL
// bytes (libpq passes values as C strings, so a NUL would cut the value short
// without a word). Throws BadText naming `field` otherwise.
const std::string& CheckText(std::string_view field, const std::string& value);

// A PostgreSQL array literal of text values, every element quoted and escaped,
// to be bound as one parameter ($1::text[]); never spliced into a statement.
std::string TextArray(const std::vector<std::string>& values);

// The connection string without its password (URI user:password@ or
// password=...), for messages.
std::string Redact(const std::string& url);

// A libpq message without its trailing newline.
std::string TrimMessage(std::string message);

// The Status of a failure of the store in `schema` while doing `what` (a
// phrase in the message language): InvalidInput for BadText, else IoError.
Status StoreError(std::string_view schema, const std::exception& e, std::string_view what);
// The Status of a failed connection to the store at `url` (shown redacted).
Status ConnectError(const std::string& url, const std::exception& e);

}  // namespace banenmonitor::store::pg
