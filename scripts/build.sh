#!/usr/bin/env bash
# Installs the dependencies (Debian 12) and builds build/banenmonitor (Release).
# With --with-tests it also builds the tests and benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
# Ninja, because it compiles the program's own files while the library's are still
# being compiled (make builds one target after the other): on 2 cores that is
# the difference between keeping both busy and waiting for the last big file.
# A build directory made by make (earlier versions) is configured afresh.
fresh_if_not_ninja() {
  if [[ -f "$1/CMakeCache.txt" ]] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$1/CMakeCache.txt"; then
    rm -rf "$1/CMakeCache.txt" "$1/CMakeFiles"
  fi
}
if [[ "${1:-}" == "--with-tests" ]]; then
  ./scripts/install-deps.sh --with-tests
  fresh_if_not_ninja build
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DBANENMONITOR_BUILD_TESTS=ON -DBANENMONITOR_BUILD_BENCH=ON >/dev/null
  cmake --build build -j"$(nproc)"
else
  ./scripts/install-deps.sh
  fresh_if_not_ninja build
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DBANENMONITOR_BUILD_TESTS=OFF -DBANENMONITOR_BUILD_BENCH=OFF >/dev/null
  cmake --build build -j"$(nproc)" --target banenmonitor
fi
