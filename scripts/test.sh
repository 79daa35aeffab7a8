#!/usr/bin/env bash
# Builds and runs every test (unit, text cases, golden files, command line,
# workspaces on SQLite and PostgreSQL, reference comparison, calibration, the
# fault tests of docs/security.md: full disk, read-only workspace, ... which
# mount a small tmpfs and so need root, as CI has), then every libFuzzer target
# for a fixed number of runs (scripts/fuzz.sh, build-fuzz/).
# With BANENMONITOR_SANITIZE_SUITE=1 it also runs the whole suite under
# AddressSanitizer + UndefinedBehaviorSanitizer (scripts/sanitize.sh, build-asan/).
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
start=$(date +%s)
echo "=== fuzzers (scripts/fuzz.sh)"
./scripts/fuzz.sh
echo "fuzzers: $(($(date +%s) - start)) s"
if [[ -n "${BANENMONITOR_SANITIZE_SUITE:-}" ]]; then
  start=$(date +%s)
  echo "=== sanitizer suite (scripts/sanitize.sh)"
  mkdir -p build-asan
  ./scripts/sanitize.sh >build-asan/sanitize.log 2>&1 || {
    tail -80 build-asan/sanitize.log
    echo "sanitizer suite FAILED (full log: build-asan/sanitize.log)" >&2
    exit 1
  }
  grep -E 'tests passed|tests failed' build-asan/sanitize.log
  echo "sanitizer suite: $(($(date +%s) - start)) s"
fi
# Last, so that CTest's summary ends the output.
ctest --test-dir build --output-on-failure -j"$(nproc)"
