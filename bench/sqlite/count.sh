#!/usr/bin/env bash
# The SQLite peer of `banenmonitor count --by all --format csv` (bench/README.md):
# imports the delivery's CSV files into an in-memory database with the sqlite3
# shell and runs count.sql.
#   bench/sqlite/count.sh DIR [FROM] [TO] [WINDOW]     (defaults 2013 2024 q4)
set -euo pipefail
dir=$(cd "$1" && pwd)
from=${2:-2013} to=${3:-2024} window=${4:-q4}
case "$window" in
  q1) first=1 months=3 ;; q2) first=4 months=3 ;; q3) first=7 months=3 ;; q4) first=10 months=3 ;;
  year) first=1 months=12 ;;
  *) echo "count.sh: window $window: expected q1, q2, q3, q4 or year" >&2; exit 64 ;;
esac
per_job=$((1331 * 1000000 * months / 12))   # micro-hours per job (Besluit Wfsv art. 2.32)
here=$(cd "$(dirname "$0")" && pwd)
import() {  # an optional file that is absent becomes an empty table with its header
  local file=$1 table=$2 header=$3
  if [[ -f "$dir/$file" ]]; then
    printf '.import --csv %s %s\n' "$dir/$file" "$table"
  else
    printf 'CREATE TABLE %s(%s);\n' "$table" "$header"
  fi
}
echo "year,window,scope,persons,hours,jobs,jobs_direct,jobs_hired_in,baseline_jobs,extra_jobs,target_extra_jobs,realisation_pct"
{
  import employers.csv employers_raw ""
  import register.csv register_raw ""
  import payroll.csv payroll_raw ""
  import hire_in.csv hire_in_raw "person_id,lender_id,hirer_id,period,hours"
  import targets.csv targets_raw "year,scope,baseline_jobs,target_extra_jobs"
  echo ".headers off"
  echo ".mode list"
  sed -e "s/{YEAR_FROM}/$from/g" -e "s/{YEAR_TO}/$to/g" -e "s/{FIRST_MONTH}/$first/g" \
      -e "s/{MONTHS}/$months/g" -e "s/{WINDOW}/$window/g" -e "s/{PER_JOB}/$per_job/g" "$here/count.sql"
} | sqlite3 -bail :memory:
