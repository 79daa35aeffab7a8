#!/usr/bin/env bash
# The import benchmark (bench/README.md "Import", issue 20 items 1 and 4):
# `banenmonitor import` of a delivery into a new workspace against DuckDB
# loading the same CSV files into a persistent database file
# (bench/duckdb/load.mjs), and, with BENCH_POSTGRES_URL set, the import into a
# PostgreSQL workspace.
#
#   bench/run-import.sh                                  # scale 0.2, 3 rounds
#   SCALE=1 RUNS=3 bench/run-import.sh                   # the national data set
#   DATA=bench/data/scale-1 GENERATE="--scale 1 --from 2012 --to 2024" bench/run-import.sh   # run-peers.sh's
#   BENCH_POSTGRES_URL=postgresql://... bench/run-import.sh
#
# The data set lives in bench/data/import-scale-S (ignored by git), regenerated
# when its stamp differs. First one import is checked: its snapshot, read back
# from the store (the column cache removed), counts byte for byte as
# `count --data` of the delivery. Then the tools run in rounds (one run of
# each per round, so that a change in machine load hits all alike) under
# /usr/bin/time; each run imports into a workspace made just before it (not
# timed). The table gives medians and each tool's wall and CPU time divided by
# DuckDB's (the target of issue 20: import <= 0.5x DuckDB's wall time).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/banenmonitor}
SCALE=${SCALE:-0.2}
GENERATE=${GENERATE:-"--scale $SCALE"}  # the generator's arguments (run-peers.sh's data set: "--scale 1 --from 2012 --to 2024")
RUNS=${RUNS:-3}
DATA=${DATA:-bench/data/import-scale-$SCALE}
OUT=${OUT:-bench/data/import-results}
PEERS="engine-import duckdb-load"
[[ -n "${BENCH_POSTGRES_URL:-}" ]] && PEERS="$PEERS engine-import-postgresql"
mkdir -p "$OUT"
[[ -x "$BIN" ]] || { echo "run-import.sh: $BIN is missing: build first (cmake --build build)" >&2; exit 1; }
[[ -d bench/duckdb/node_modules/@duckdb ]] || (cd bench/duckdb && npm ci --no-audit --no-fund >/dev/null)

stamp="generate $GENERATE / $("$BIN" --version 2>/dev/null | head -1)"
if [[ -z "${KEEP_DATA:-}" && "$(cat "$DATA/bench-stamp.txt" 2>/dev/null)" != "$stamp" ]]; then  # KEEP_DATA=1: DATA as it is
  echo "== generating $DATA" >&2
  rm -rf "$DATA"
  nice "$BIN" generate --out "$DATA" $GENERATE >&2
  echo "$stamp" > "$DATA/bench-stamp.txt"
fi
YEAR=$(tail -n 1 "$DATA/payroll.csv" | cut -d, -f3 | cut -d- -f1)

# A new, empty workspace for one run of `peer` (not timed).
fresh() {
  rm -rf "$OUT/ws"
  case "$1" in
    engine-import) "$BIN" init "$OUT/ws" >/dev/null ;;
    engine-import-postgresql) "$BIN" init "$OUT/ws" --store "$BENCH_POSTGRES_URL" >/dev/null ;;
    duckdb-load) rm -f "$OUT/duck.db" "$OUT/duck.db.wal" ;;
  esac
}
command_of() {
  case "$1" in
    engine-import|engine-import-postgresql) echo "$BIN import $OUT/ws --data $DATA" ;;
    duckdb-load) echo "node bench/duckdb/load.mjs --data $DATA --db $OUT/duck.db" ;;
  esac
}

echo "== check: the imported snapshot counts as the delivery" >&2
for peer in $PEERS; do
  [[ "$peer" == duckdb-load ]] && continue
  fresh "$peer"
  $(command_of "$peer") > /dev/null
  rm -rf "$OUT/ws/cache"
  if cmp -s <("$BIN" count --workspace "$OUT/ws" --year "$YEAR" --by all --format csv 2>/dev/null) \
            <("$BIN" count --data "$DATA" --year "$YEAR" --by all --format csv 2>/dev/null); then
    echo "  $peer: count --workspace = count --data ($YEAR, every level)" >&2
  else
    echo "  $peer: the workspace counts DIFFERENTLY from the delivery" >&2
    exit 1
  fi
done

echo "== timing: $RUNS rounds (load average before: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
for round in $(seq 1 "$RUNS"); do
  for peer in $PEERS; do
    fresh "$peer"
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/$peer.time.$round" $(command_of "$peer") > /dev/null 2> "$OUT/$peer.stderr.$round"
    echo "  round $round $peer: $(cat "$OUT/$peer.time.$round") $(grep -o 'voorbereid in [0-9,.]* s' "$OUT/$peer.stderr.$round" || true)" >&2
  done
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 bench/timing_table.py "$OUT" "$RUNS" duckdb-load tool/baseline $PEERS
# The import's last step prepares the dashboard's answers of the new snapshot
# (issue 20 item 3) after the snapshot has committed; its time, as the import
# prints it ("Antwoorden voor het dashboard voorbereid in X s"), apart:
python3 - "$OUT" "$RUNS" $PEERS <<'PY'
import os, re, statistics, sys
out, runs, peers = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
base = [float(open(os.path.join(out, f"duckdb-load.time.{r}")).read().split()[-4]) for r in range(1, runs + 1)
        if os.path.exists(os.path.join(out, f"duckdb-load.time.{r}"))]
for p in peers:
    pairs = []
    for r in range(1, runs + 1):
        t, e = os.path.join(out, f"{p}.time.{r}"), os.path.join(out, f"{p}.stderr.{r}")
        if not (os.path.exists(t) and os.path.exists(e)):
            continue
        m = re.search(r"voorbereid in ([0-9]+(?:[,.][0-9]+)?) s", open(e).read())
        if m:
            pairs.append((float(open(t).read().split()[-4]), float(m.group(1).replace(",", "."))))
    if pairs and base:
        until_commit = statistics.median(w - a for w, a in pairs)
        print(f"{p}: answers step {statistics.median(a for _, a in pairs):.1f} s (median); import up to the commit "
              f"{until_commit:.1f} s wall = {until_commit / statistics.median(base):.2f}x duckdb-load")
PY
