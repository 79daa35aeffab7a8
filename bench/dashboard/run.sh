#!/usr/bin/env bash
# The dashboard benchmark (bench/README.md, "Dashboard"; issue 20 item 3) on a
# scale-1 workspace with an analyst and a sector user:
#   bench/dashboard/run.sh WS ANALYST SECTOR < password     # RUNS=3 by default
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ $# == 3 ]] || { echo "usage: bench/dashboard/run.sh WS ANALYST SECTOR < password" >&2; exit 2; }
[[ -d tests/e2e/node_modules/playwright-core ]] || (cd tests/e2e && npm ci --no-audit --no-fund >/dev/null)
echo "load before: $(uptime)" >&2
node bench/dashboard/run.mjs --workspace "$1" --analyst "$2" --sector "$3" --password-stdin
echo "load after: $(uptime)" >&2
