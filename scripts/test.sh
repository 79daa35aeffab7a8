#!/usr/bin/env bash
# Builds and runs every test (unit, text cases, golden files, command line,
# workspaces on SQLite and PostgreSQL, reference comparison, calibration).
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
ctest --test-dir build --output-on-failure -j"$(nproc)"
