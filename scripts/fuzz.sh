#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, in the sanitizer build build-asan/ with
# Debian's clang-16, scripts/sanitize.sh) and runs each of them, seeded from the
# worked example and the parameter file, two at a time (one per core).
#
#   scripts/fuzz.sh                      # CI: every target, a fixed number of runs (seed 1), at most 20 s each
#   scripts/fuzz.sh --runs 2000000       # longer, by hand
#   scripts/fuzz.sh --time 600 fuzz_delivery_payroll   # by time, one target
#
# A crash, sanitizer report or hang (> 5 s for one input) stops the script with
# the input saved under build-asan/artifacts/; reproduce it with
#   build-asan/fuzz/TARGET build-asan/artifacts/FILE
# and turn it into a regression test (tests/data/fuzz_regressions_test.cc).
# The corpus grows in build-asan/corpus/TARGET across runs by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=""
time_limit=""
targets=()
while (($#)); do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --time) time_limit="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
  esac
done
ALL=(fuzz_csv_reader fuzz_params fuzz_http fuzz_bsn_forms fuzz_delivery_employers fuzz_delivery_register fuzz_delivery_payroll
     fuzz_delivery_hire_in fuzz_delivery_targets fuzz_delivery_employer_hours fuzz_delivery_sroi)
((${#targets[@]})) || targets=("${ALL[@]}")

./scripts/sanitize.sh --build-only "${targets[@]}"

# Fixed iterations per target for CI: each about 2-12 s on one core of an idle
# machine (the delivery targets check and count a whole delivery per input, ~200
# inputs a second under the sanitizers); -max_total_time caps each at 20 s on a
# slower or busier machine.
declare -A CI_RUNS=(
  [fuzz_csv_reader]=200000 [fuzz_params]=8000 [fuzz_http]=4000 [fuzz_bsn_forms]=500
  [fuzz_delivery_employers]=2000 [fuzz_delivery_register]=2000 [fuzz_delivery_payroll]=2000
  [fuzz_delivery_hire_in]=2000 [fuzz_delivery_targets]=2000 [fuzz_delivery_employer_hours]=2000
  [fuzz_delivery_sroi]=2000
)

seeds_for() {
  case "$1" in
    fuzz_csv_reader) ls tests/data/example/*.csv fuzz/seeds/extra/*.csv ;;
    fuzz_params) echo src/params/parameters.toml ;;
    fuzz_http) ls fuzz/seeds/http/* 2>/dev/null || true ;;
    fuzz_bsn_forms) ls fuzz/seeds/bsn_forms/* 2>/dev/null || true ;;
    fuzz_delivery_*)
      local f="${1#fuzz_delivery_}.csv"
      ls "tests/data/example/$f" "fuzz/seeds/extra/$f" "examples/delivery/$f" 2>/dev/null || true ;;
  esac
}

mkdir -p build-asan/artifacts
# Runs one target; prints one line; returns non-zero on a finding.
run_target() {
  local t="$1" corpus="build-asan/corpus/$1" start execs
  mkdir -p "$corpus"
  for s in $(seeds_for "$t"); do cp -n "$s" "$corpus/seed-$(basename "$s")" 2>/dev/null || true; done
  local args=(-timeout=5 -max_len=8192 -rss_limit_mb=2048 -artifact_prefix="build-asan/artifacts/$t-" -print_final_stats=1)
  case "$t" in
    fuzz_params) ;;
    fuzz_http) args+=(-dict=fuzz/http.dict) ;;
    fuzz_bsn_forms) ;;
    *) args+=(-dict=fuzz/delivery.dict) ;;
  esac
  if [[ -n "$time_limit" ]]; then
    args+=(-max_total_time="$time_limit")
  else
    args+=(-seed=1 -runs="${runs:-${CI_RUNS[$t]}}" -max_total_time=20)
  fi
  start=$(date +%s)
  if build-asan/fuzz/"$t" "${args[@]}" "$corpus" >"build-asan/$t.log" 2>&1; then
    execs=$(grep -m1 'stat::number_of_executed_units' "build-asan/$t.log" | awk '{print $2}' || true)
    echo "fuzz: $t: ${execs:-?} inputs in $(( $(date +%s) - start )) s, no crash"
  else
    echo "fuzz: $t FAILED (log: build-asan/$t.log; input saved under build-asan/artifacts/)" >&2
    grep -E 'ERROR|SUMMARY|contract violated|Test unit written' "build-asan/$t.log" >&2 || tail -20 "build-asan/$t.log" >&2
    return 1
  fi
}
# Two at a time (or one per core): each target is one process on one core.
jobs_max="$(nproc)"
status=0
for t in "${targets[@]}"; do
  while (( $(jobs -rp | wc -l) >= jobs_max )); do wait -n || status=1; done
  run_target "$t" &
done
while (( $(jobs -rp | wc -l) > 0 )); do wait -n || status=1; done
exit $status
