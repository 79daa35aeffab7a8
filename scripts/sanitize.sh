#!/usr/bin/env bash
# The hardening build (docs/security.md): everything compiled by Debian's clang-16
# with AddressSanitizer, UndefinedBehaviorSanitizer (-fno-sanitize-recover=all) and
# libFuzzer's coverage instrumentation, -O1 -g1, in build-asan/: the core library,
# the program, the whole test suite and the fuzz targets (scripts/fuzz.sh runs those).
# Then the test suite runs under the sanitizers; any report ends the test that
# caused it, so it fails.
#
#   scripts/sanitize.sh                          # as CI runs it (PostgreSQL tests need BANENMONITOR_TEST_POSTGRES_URL)
#   scripts/sanitize.sh -R Rekey                 # extra arguments go to ctest
#   scripts/sanitize.sh --build-only [TARGET...] # only build (scripts/fuzz.sh uses this)
#
# Left out of the sanitizer run, because they test something other than our C++
# and run in the normal suite: Dashboard.BrowserTests (the page's JavaScript in
# Chromium; the server's side of it is DashboardServer.* and fuzz_http) and
# BenchPeers.* (the benchmark's SQL in DuckDB and SQLite against the engine; the
# engine's own agreement with the Python reference, ReferenceAgreement.*, runs,
# on 8 random deliveries instead of the normal suite's 25: CI time).
set -euo pipefail
cd "$(dirname "$0")/.."
CXX_SAN="${CXX_SAN:-clang++-16}"
if ! command -v "$CXX_SAN" >/dev/null; then
  echo "sanitize.sh: $CXX_SAN not found (scripts/install-deps.sh --with-tests installs clang-16 and libclang-rt-16-dev)" >&2
  exit 1
fi
build_only=""
if [[ "${1:-}" == "--build-only" ]]; then
  build_only=1
  shift
fi
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
source scripts/ninja-dir.sh  # Ninja as in scripts/build.sh
fresh_if_not_ninja build-asan
cmake -S . -B build-asan -G Ninja -DCMAKE_CXX_COMPILER="$CXX_SAN" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DBANENMONITOR_SANITIZE=ON -DBANENMONITOR_BUILD_TESTS=ON \
  -DBANENMONITOR_BUILD_BENCH=OFF -DBANENMONITOR_REFERENCE_SEEDS=8 "${launcher[@]}" >/dev/null
if [[ -n "$build_only" ]]; then
  targets=()
  for t in "$@"; do targets+=(--target "$t"); done
  cmake --build build-asan -j"$(nproc)" "${targets[@]}"
  exit 0
fi
cmake --build build-asan -j"$(nproc)"
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir build-asan --output-on-failure -j"$(nproc)" -E '^(Dashboard\.BrowserTests|BenchPeers\..*)$' "$@"
