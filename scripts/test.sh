#!/usr/bin/env bash
# Builds and runs every test (unit, text cases, golden files, command line,
# workspaces on SQLite and PostgreSQL, reference comparison, calibration, the
# fault tests of docs/security.md: full disk, read-only workspace, ... which
# mount a small tmpfs and so need root, as CI has); then the hardening build
# (scripts/sanitize.sh: clang-16, AddressSanitizer + UndefinedBehaviorSanitizer +
# fuzzer coverage, build-asan/), every libFuzzer target for a fixed number of runs
# (scripts/fuzz.sh) and the whole suite again under the sanitizers.
# BANENMONITOR_SKIP_HARDENING=1 leaves out the hardening build and its runs (a
# quicker run while developing; CI never sets it).
# Starts a throwaway PostgreSQL server on loopback for the PostgreSQL store
# tests unless BANENMONITOR_TEST_POSTGRES_URL already names one, and stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh --with-tests
started_postgres=""
if [[ -z "${BANENMONITOR_TEST_POSTGRES_URL:-}" ]]; then
  BANENMONITOR_TEST_POSTGRES_URL="$(./scripts/start-postgres.sh)"
  export BANENMONITOR_TEST_POSTGRES_URL
  started_postgres=1
  trap './scripts/stop-postgres.sh >/dev/null 2>&1 || true' EXIT
fi
if [[ -z "${BANENMONITOR_SKIP_HARDENING:-}" ]]; then
  start=$(date +%s)
  echo "=== hardening build (scripts/sanitize.sh --build-only: build-asan/)"
  mkdir -p build-asan
  ./scripts/sanitize.sh --build-only >build-asan/build.log 2>&1 || {
    tail -60 build-asan/build.log
    echo "hardening build FAILED (full log: build-asan/build.log)" >&2
    exit 1
  }
  echo "hardening build: $(($(date +%s) - start)) s"
  start=$(date +%s)
  echo "=== fuzzers (scripts/fuzz.sh)"
  ./scripts/fuzz.sh
  echo "fuzzers: $(($(date +%s) - start)) s"
  start=$(date +%s)
  echo "=== sanitizer suite (scripts/sanitize.sh)"
  ./scripts/sanitize.sh >build-asan/sanitize.log 2>&1 || {
    tail -80 build-asan/sanitize.log
    echo "sanitizer suite FAILED (full log: build-asan/sanitize.log)" >&2
    exit 1
  }
  grep -E 'tests passed|tests failed|Total Test time' build-asan/sanitize.log
  echo "sanitizer suite: $(($(date +%s) - start)) s"
fi
# Last, so that CTest's summary ends the output.
ctest --test-dir build --output-on-failure -j"$(nproc)"
