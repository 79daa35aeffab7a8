#!/usr/bin/env bash
# The national-scale benchmark (bench/README.md, issue 8): the engine against
# DuckDB and SQLite on the same files, the same computation and the same answers.
#
#   bench/run-peers.sh                 # regenerate when needed, check, time 3 rounds
#   RUNS=5 SQLITE_RUNS=1 PEERS="engine-csv engine-ws duckdb" bench/run-peers.sh
#   KEEP_DATA=1 DATA=/tmp/bm/rows-4M WS=/tmp/bm/ws-4M FROM=2023 TO=2023 bench/run-peers.sh   # another delivery
#
# The data set (generate --scale 1 --from 2012 --to 2024: ~19M payroll rows,
# 1.3 GB) and its workspace live in bench/data/ (ignored by git), regenerated
# when the stamp (the generator's arguments and the program's version) differs.
# The task, for every tool: count the fourth quarter of every year 2013-2024 at
# every level (total, sector, subsector, organisation, employer) and print the
# CSV of `banenmonitor count --by all --format csv`. Each tool's output is first
# compared with the engine's byte for byte; then the tools run in rounds (one
# run of each per round, so a change in machine load hits all alike) under
# /usr/bin/time, and the table gives medians of wall time, CPU time and peak
# resident memory, and each tool's wall time relative to DuckDB's.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/banenmonitor}
DATA=${DATA:-bench/data/scale-1}
WS=${WS:-bench/data/scale-1-ws}
RUNS=${RUNS:-3}
SQLITE_RUNS=${SQLITE_RUNS:-1}
PEERS=${PEERS:-"engine-csv engine-ws engine-ws-2024 duckdb sqlite"}
FROM=${FROM:-2013} TO=${TO:-2024}  # the years counted (the 400k-person delivery of count_bench --rows 4M: FROM=2023 TO=2023)
OUT=${OUT:-bench/data/results}
mkdir -p "$OUT"
[[ -x "$BIN" ]] || { echo "run-peers.sh: $BIN is missing: build first (cmake --build build)" >&2; exit 1; }
[[ -d bench/duckdb/node_modules/@duckdb ]] || (cd bench/duckdb && npm ci --no-audit --no-fund >/dev/null)

stamp="generate --scale 1 --from 2012 --to 2024 / $("$BIN" --version 2>/dev/null | head -1)"
if [[ -z "${KEEP_DATA:-}" && "$(cat "$DATA/bench-stamp.txt" 2>/dev/null)" != "$stamp" ]]; then  # KEEP_DATA=1: DATA as it is
  echo "== generating $DATA" >&2
  rm -rf "$DATA" "$WS"
  nice "$BIN" generate --out "$DATA" --scale 1 --from 2012 --to 2024 >&2
  echo "$stamp" > "$DATA/bench-stamp.txt"
fi
if [[ " $PEERS " == *" engine-ws"* && "$(cat "$WS/bench-stamp.txt" 2>/dev/null)" != "$stamp" ]]; then
  echo "== importing $DATA into the workspace $WS" >&2
  rm -rf "$WS"
  "$BIN" init "$WS" >&2
  nice "$BIN" import "$WS" --data "$DATA" --label "benchmark" >&2
  # The import writes the snapshot's column cache (store/column_cache.h); a count right after it reads
  # the cache (or builds it, for a program that did not write it at import): not part of the timing.
  "$BIN" count --workspace "$WS" --year "$TO" --window year --format csv >/dev/null
  echo "$stamp" > "$WS/bench-stamp.txt"
fi

command_of() {
  case "$1" in
    engine-csv) echo "$BIN count --data $DATA --year $FROM --to-year $TO --by all --format csv" ;;
    engine-ws) echo "$BIN count --workspace $WS --year $FROM --to-year $TO --by all --format csv" ;;
    engine-ws-2024) echo "$BIN count --workspace $WS --year $TO --by all --format csv" ;;
    duckdb) echo "node bench/duckdb/count.mjs --data $DATA --from $FROM --to $TO --window q4" ;;
    sqlite) echo "bench/sqlite/count.sh $DATA $FROM $TO q4" ;;
  esac
}

echo "== checking the answers" >&2
reference="$OUT/engine-csv.csv"
$(command_of engine-csv) > "$reference"
for peer in $PEERS; do
  [[ "$peer" == engine-csv ]] && continue
  [[ "$peer" == sqlite && "$SQLITE_RUNS" == 0 ]] && continue
  # Timed run 0 doubles as the check.
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/$peer.time.0" $(command_of "$peer") > "$OUT/$peer.csv"
  if [[ "$peer" == engine-ws-2024 ]]; then
    if cmp -s <(head -1 "$reference"; grep "^$TO," "$reference") "$OUT/$peer.csv"; then echo "  $peer: identical to engine-csv ($TO)" >&2
    else echo "  $peer: DIFFERS from engine-csv" >&2; exit 1; fi
  elif cmp -s "$reference" "$OUT/$peer.csv"; then
    echo "  $peer: identical to engine-csv ($(($(wc -l < "$reference") - 1)) rows)" >&2
  else
    echo "  $peer: DIFFERS from engine-csv: diff $reference $OUT/$peer.csv" >&2
    exit 1
  fi
done

echo "== timing: $RUNS rounds" >&2
for round in $(seq 1 "$RUNS"); do
  for peer in $PEERS; do
    if [[ "$peer" == sqlite ]] && ((round > SQLITE_RUNS)); then continue; fi
    if [[ "$peer" == sqlite && "$round" == 1 && -f "$OUT/sqlite.time.0" ]]; then  # the check was run 1
      mv "$OUT/sqlite.time.0" "$OUT/sqlite.time.1"
      continue
    fi
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/$peer.time.$round" $(command_of "$peer") > /dev/null
    echo "  round $round $peer: $(cat "$OUT/$peer.time.$round")" >&2
  done
done

python3 bench/timing_table.py "$OUT" "$RUNS" duckdb baseline/tool $PEERS
