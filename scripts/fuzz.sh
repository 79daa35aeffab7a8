#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, in build-fuzz/ with Debian's clang-16)
# and runs each of them, seeded from the worked example and the parameter file.
#
#   scripts/fuzz.sh                      # CI: every target, a fixed number of runs (seed 1), ~20 s each
#   scripts/fuzz.sh --runs 2000000       # longer, by hand
#   scripts/fuzz.sh --time 600 fuzz_delivery_payroll   # by time, one target
#
# A crash, sanitizer report or hang (> 5 s for one input) stops the script with
# the input saved under build-fuzz/artifacts/; reproduce it with
#   build-fuzz/fuzz/TARGET build-fuzz/artifacts/FILE
# and turn it into a regression test (tests/data/fuzz_regressions_test.cc).
# The corpus grows in build-fuzz/corpus/TARGET across runs by hand.
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
ALL=(fuzz_csv_reader fuzz_params fuzz_delivery_employers fuzz_delivery_register fuzz_delivery_payroll
     fuzz_delivery_hire_in fuzz_delivery_targets fuzz_delivery_employer_hours fuzz_delivery_sroi)
((${#targets[@]})) || targets=("${ALL[@]}")

CXX_FUZZ="${CXX_FUZZ:-clang++-16}"
if ! command -v "$CXX_FUZZ" >/dev/null; then
  echo "fuzz.sh: $CXX_FUZZ not found (scripts/install-deps.sh --with-tests installs clang-16 and libclang-rt-16-dev)" >&2
  exit 1
fi
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER="$CXX_FUZZ" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DBANENMONITOR_BUILD_FUZZ=ON "${launcher[@]}" >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}"

# Fixed iterations per target for CI (each about 20 s on one core of an idle CI machine);
# -max_total_time caps each at 25 s on a slower or busier one.
declare -A CI_RUNS=(
  [fuzz_csv_reader]=200000 [fuzz_params]=8000
  [fuzz_delivery_employers]=1500 [fuzz_delivery_register]=1500 [fuzz_delivery_payroll]=1500
  [fuzz_delivery_hire_in]=1500 [fuzz_delivery_targets]=1500 [fuzz_delivery_employer_hours]=1500
  [fuzz_delivery_sroi]=1500
)

seeds_for() {
  case "$1" in
    fuzz_csv_reader) ls tests/data/example/*.csv fuzz/seeds/extra/*.csv ;;
    fuzz_params) echo src/params/parameters.toml ;;
    fuzz_delivery_*)
      local f="${1#fuzz_delivery_}.csv"
      ls "tests/data/example/$f" "fuzz/seeds/extra/$f" "examples/delivery/$f" 2>/dev/null || true ;;
  esac
}

mkdir -p build-fuzz/artifacts
status=0
for t in "${targets[@]}"; do
  corpus="build-fuzz/corpus/$t"
  mkdir -p "$corpus"
  for s in $(seeds_for "$t"); do cp -n "$s" "$corpus/seed-$(basename "$s")" 2>/dev/null || true; done
  args=(-timeout=5 -max_len=8192 -rss_limit_mb=2048 -artifact_prefix="build-fuzz/artifacts/$t-" -print_final_stats=1)
  [[ "$t" == fuzz_params ]] || args+=(-dict=fuzz/delivery.dict)
  if [[ -n "$time_limit" ]]; then
    args+=(-max_total_time="$time_limit")
  else
    args+=(-seed=1 -runs="${runs:-${CI_RUNS[$t]}}" -max_total_time=25)
  fi
  start=$(date +%s)
  if build-fuzz/fuzz/"$t" "${args[@]}" "$corpus" >"build-fuzz/$t.log" 2>&1; then
    execs=$(grep -m1 'stat::number_of_executed_units' "build-fuzz/$t.log" | awk '{print $2}' || true)
    echo "fuzz: $t: ${execs:-?} inputs in $(( $(date +%s) - start )) s, no crash"
  else
    status=1
    echo "fuzz: $t FAILED (log: build-fuzz/$t.log; input saved under build-fuzz/artifacts/)" >&2
    grep -E 'ERROR|SUMMARY|contract violated|Test unit written' "build-fuzz/$t.log" >&2 || tail -20 "build-fuzz/$t.log" >&2
  fi
done
exit $status
