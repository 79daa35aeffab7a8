#!/usr/bin/env bash
# The main job: install what is needed, build, and run `banenmonitor demo`:
# a synthetic Netherlands is generated, imported into a fresh workspace,
# counted for every year, and the progress report is written.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh
./build/banenmonitor demo --out banenmonitor-demo "$@"
