#!/usr/bin/env bash
# Installs the Debian 12 packages banenmonitor needs: to build the program, and
# with --with-tests also to build and run the tests (GoogleTest, Google
# Benchmark, a PostgreSQL server for the team-store tests, clang-16 with
# its runtime libraries for the sanitizer build and the libFuzzer targets:
# scripts/sanitize.sh, scripts/fuzz.sh, pdftotext
# and Gnumeric's ssconvert to read the report's PDF and workbook back).
# weasyprint lays out the report's PDF (banenmonitor report, demo); pandoc writes the letter and
# the memo as Word and OpenDocument and their HTML for the PDF (banenmonitor brief, docs/brief.md);
# qpdf and unzip let the tests look inside the PDF and the Word and OpenDocument files.
# Skips apt-get when every package is already there (so a second run is instant).
set -euo pipefail
PACKAGES=(
  cmake g++ make ninja-build pkg-config
  libfmt-dev libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libssl-dev
  libsqlite3-dev libsqlitecpp-dev libsodium-dev libpqxx-dev libpq-dev libcpp-httplib-dev
  libgmp-dev libxlsxwriter-dev libxxhash-dev
  weasyprint fonts-dejavu-core pandoc
)
if [[ "${1:-}" == "--with-tests" ]]; then
  PACKAGES+=(python3 sqlite3 postgresql libgtest-dev libgmock-dev libbenchmark-dev chromium
    poppler-utils gnumeric qpdf unzip)
  # The browser tests (tests/e2e/) and the benchmark's DuckDB peer (bench/duckdb/) run on
  # Node.js with npm; a nodejs package that bundles npm (as some apt sources ship it)
  # conflicts with Debian's npm.
  command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs)
  command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)
  # libFuzzer (-fsanitize=fuzzer) is in libclang-rt-16-dev. clang-16, not Debian's
  # default clang-14: clang 14 cannot compile libstdc++ 12's std::expected (CMakeLists.txt).
  PACKAGES+=(clang-16 libclang-rt-16-dev)
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
if [[ "${1:-}" == "--with-tests" ]]; then
  # The browser-test packages (playwright-core, axe-core) and DuckDB for the benchmark's
  # peer and its agreement test, at the versions of each package-lock.json.
  for dir in tests/e2e bench/duckdb; do
    d="$(dirname "$0")/../$dir"
    if ! cmp -s "$d/package-lock.json" "$d/node_modules/.installed-lock.json" 2>/dev/null; then
      (cd "$d" && npm ci --no-audit --no-fund --loglevel=error >/dev/null && cp package-lock.json node_modules/.installed-lock.json)
    fi
  done
fi
