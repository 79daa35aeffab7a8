#!/usr/bin/env bash
# Stops the throwaway server of scripts/start-postgres.sh.
#
# Usage: stop-postgres.sh [BASE_DIR] [--purge]
#   BASE_DIR  as given to start-postgres.sh (default /tmp/banenmonitor-postgres)
#   --purge   also deletes BASE_DIR (the cluster and its log)
# Idempotent: a server that is not running, or a directory that is not there,
# is fine.
set -euo pipefail

BASE_DIR=/tmp/banenmonitor-postgres
PURGE=0
for arg in "$@"; do
  case "$arg" in
    --purge) PURGE=1 ;;
    -*) echo "stop-postgres: unknown option $arg" >&2; exit 64 ;;
    *) BASE_DIR="$arg" ;;
  esac
done
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
DATA_DIR="$BASE_DIR/data"

if [[ "$(id -u)" == 0 ]]; then
  as_owner() { runuser -u postgres -- "$@"; }
else
  as_owner() { "$@"; }
fi

if [[ -f "$DATA_DIR/PG_VERSION" ]] && as_owner "$PG_BIN/pg_ctl" status -D "$DATA_DIR" >/dev/null 2>&1; then
  echo "stop-postgres: stopping the server in $DATA_DIR" >&2
  as_owner "$PG_BIN/pg_ctl" stop -w -t 60 -m fast -D "$DATA_DIR" >&2
else
  echo "stop-postgres: no server running in $DATA_DIR" >&2
fi

if [[ "$PURGE" == 1 && -d "$BASE_DIR" ]]; then
  # Refuse to delete anything that does not look like our cluster directory.
  if [[ -f "$DATA_DIR/PG_VERSION" || ! -e "$DATA_DIR" ]]; then
    rm -rf -- "$BASE_DIR"
    echo "stop-postgres: removed $BASE_DIR" >&2
  else
    echo "stop-postgres: $BASE_DIR does not look like a start-postgres.sh directory; not removed" >&2
    exit 1
  fi
fi
