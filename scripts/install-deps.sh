#!/usr/bin/env bash
# Installs the Debian 12 packages banenmonitor needs: to build the program, and
# with --with-tests also to build and run the tests (GoogleTest, Google
# Benchmark, a PostgreSQL server for the team-store tests).
# Skips apt-get when every package is already there (so a second run is instant).
set -euo pipefail
PACKAGES=(
  cmake g++ make pkg-config
  libfmt-dev libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libssl-dev
  libsqlite3-dev libsqlitecpp-dev libsodium-dev libpqxx-dev libpq-dev
)
if [[ "${1:-}" == "--with-tests" ]]; then
  PACKAGES+=(python3 sqlite3 postgresql libgtest-dev libgmock-dev libbenchmark-dev nodejs)
  # Debian's nodejs comes without npm; other builds of nodejs bring their own (and conflict with Debian's npm).
  command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)
fi
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [[ "${1:-}" == "--with-tests" && ! -d "$(dirname "$0")/../bench/duckdb/node_modules/@duckdb/node-api" ]]; then
  # DuckDB for the benchmark's peer and its agreement test (bench/duckdb, pinned by package-lock.json).
  echo "Installing DuckDB from npm into bench/duckdb/node_modules" >&2
  (cd "$(dirname "$0")/../bench/duckdb" && npm ci --no-audit --no-fund >/dev/null)
fi
