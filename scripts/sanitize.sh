#!/usr/bin/env bash
# Builds the whole test suite with AddressSanitizer and UndefinedBehaviorSanitizer
# (GCC, -O1 -g, -fno-sanitize-recover=all) in build-asan/ and runs it with CTest.
# Any sanitizer report ends the test that caused it, so it fails.
#
#   scripts/sanitize.sh            # as CI runs it (PostgreSQL tests need BANENMONITOR_TEST_POSTGRES_URL)
#   scripts/sanitize.sh -R Rekey   # extra arguments go to ctest
#
# Left out of this run, because they only repeat under the sanitizers what the
# normal suite runs on far more data (see docs/security.md): none at present.
set -euo pipefail
cd "$(dirname "$0")/.."
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DBANENMONITOR_SANITIZE=ON -DBANENMONITOR_BUILD_TESTS=ON -DBANENMONITOR_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null
cmake --build build-asan -j"$(nproc)"
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
ctest --test-dir build-asan --output-on-failure -j"$(nproc)" "$@"
