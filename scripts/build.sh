#!/usr/bin/env bash
# Installs the dependencies (Debian 12) and builds build/banenmonitor (Release).
# With --with-tests it also builds the tests and benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--with-tests" ]]; then
  ./scripts/install-deps.sh --with-tests
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBANENMONITOR_BUILD_TESTS=ON -DBANENMONITOR_BUILD_BENCH=ON >/dev/null
  cmake --build build -j"$(nproc)"
else
  ./scripts/install-deps.sh
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBANENMONITOR_BUILD_TESTS=OFF -DBANENMONITOR_BUILD_BENCH=OFF >/dev/null
  cmake --build build -j"$(nproc)" --target banenmonitor
fi
