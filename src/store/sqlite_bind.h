// Binding values to an SQLite statement's parameters, for every statement of
// the SQLite stores (sqlite_write.cc, sqlite_accounts.cc): numbers and enums
// as integers, flags as 0/1, text as text, an absent optional as NULL.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>

namespace banenmonitor::store::sqlite {

template <typename T>
void BindValue(SQLite::Statement& q, int i, const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    q.bind(i, v ? 1 : 0);
  } else if constexpr (std::is_enum_v<T>) {
    q.bind(i, static_cast<int>(v));
  } else if constexpr (std::is_integral_v<T>) {
    q.bind(i, static_cast<std::int64_t>(v));
  } else if constexpr (std::is_floating_point_v<T>) {
    q.bind(i, static_cast<double>(v));
  } else {
    q.bind(i, std::string(v));
  }
}
template <typename T>
void BindValue(SQLite::Statement& q, int i, const std::optional<T>& v) {
  if (v) {
    BindValue(q, i, *v);
  } else {
    q.bind(i);
  }
}

// Binds `values` to parameters 1, 2, ... of `q`; values beyond the statement's
// parameters are not bound (a table of an older schema has fewer columns).
template <typename... Values>
void BindAll(SQLite::Statement& q, const Values&... values) {
  const int parameters = q.getBindParameterCount();
  int i = 0;
  ((++i <= parameters ? BindValue(q, i, values) : void()), ...);
}

// Runs `sql` once with `values` bound; the number of rows it changed.
template <typename... Values>
int Exec(SQLite::Database& db, const char* sql, const Values&... values) {
  SQLite::Statement q(db, sql);
  BindAll(q, values...);
  return q.exec();
}

}  // namespace banenmonitor::store::sqlite
