#!/usr/bin/env bash
# The main job: build, then count the example delivery shipped in examples/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
./build/banenmonitor count --data examples/delivery --year 2023 --by subsector
