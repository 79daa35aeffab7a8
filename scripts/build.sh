#!/usr/bin/env bash
# Installs the dependencies (Debian 12) and builds build/banenmonitor (Release).
# With --with-tests it also builds the tests and benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ninja-dir.sh  # fresh_if_not_ninja
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
