#!/usr/bin/env bash
# Builds and runs every test (unit, text cases, golden files, command line, reference comparison).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
