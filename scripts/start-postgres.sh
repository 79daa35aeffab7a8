#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server on loopback for the store tests and
# prints its connection URL on stdout (everything else goes to stderr):
#
#   export BANENMONITOR_TEST_POSTGRES_URL="$(scripts/start-postgres.sh)"
#   ctest --test-dir build -R Store --output-on-failure
#   scripts/stop-postgres.sh
#
# Usage: start-postgres.sh [BASE_DIR]   (default /tmp/banenmonitor-postgres)
#   BASE_DIR/data         the cluster (initdb, trust authentication, UTF-8)
#   BASE_DIR/postgres.log the server log
#   BASE_DIR/port         the port it listens on (127.0.0.1 only)
# Environment: BANENMONITOR_PG_PORT, the first port to try (default 55432); the
# next free one up to +50 is taken when it is busy.
#
# Idempotent: when the server of BASE_DIR already runs, it only prints its URL.
# PostgreSQL refuses to run as root, so as root the cluster belongs to the
# `postgres` user; as anyone else it belongs to that user. Either way the
# database superuser is called `postgres`. Trust authentication on loopback
# only: never point this at a directory holding real data.
set -euo pipefail

BASE_DIR="${1:-/tmp/banenmonitor-postgres}"
FIRST_PORT="${BANENMONITOR_PG_PORT:-55432}"
DATABASE=banenmonitor_test
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
DATA_DIR="$BASE_DIR/data"
LOG_FILE="$BASE_DIR/postgres.log"
PORT_FILE="$BASE_DIR/port"

log() { echo "start-postgres: $*" >&2; }
die() { log "$*"; exit 1; }

[[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" ]] ||
  die "no PostgreSQL 15 in $PG_BIN (apt-get install postgresql-15, or set PG_BIN)"

# Runs a command as the owner of the cluster.
if [[ "$(id -u)" == 0 ]]; then
  id postgres >/dev/null 2>&1 || die "running as root, but there is no 'postgres' user to own the cluster"
  OWNER=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  OWNER="$(id -un)"
  as_owner() { "$@"; }
fi

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running() { as_owner "$PG_BIN/pg_ctl" status -D "$DATA_DIR" >/dev/null 2>&1; }

mkdir -p "$BASE_DIR"
if [[ "$OWNER" == postgres ]]; then chown postgres: "$BASE_DIR"; fi
chmod 700 "$BASE_DIR"
as_owner test -w "$BASE_DIR" ||
  die "$BASE_DIR is not writable by user $OWNER (its parent directories must let $OWNER through)"

if [[ ! -f "$DATA_DIR/PG_VERSION" ]]; then
  log "initialising a cluster in $DATA_DIR"
  as_owner "$PG_BIN/initdb" -D "$DATA_DIR" -U postgres --auth=trust --encoding=UTF8 --locale=C \
    >"$BASE_DIR/initdb.log" 2>&1 || { cat "$BASE_DIR/initdb.log" >&2; die "initdb failed"; }
fi

if running; then
  PORT="$(sed -n 4p "$DATA_DIR/postmaster.pid")"
  log "already running on 127.0.0.1:$PORT"
else
  PORT="$FIRST_PORT"
  while port_busy "$PORT"; do
    PORT=$((PORT + 1))
    (( PORT <= FIRST_PORT + 50 )) || die "no free port in $FIRST_PORT..$((FIRST_PORT + 50))"
  done
  log "starting on 127.0.0.1:$PORT (log: $LOG_FILE)"
  # Unix socket in BASE_DIR: /var/run/postgresql may be missing or belong to a system cluster.
  as_owner "$PG_BIN/pg_ctl" start -w -t 60 -D "$DATA_DIR" -l "$LOG_FILE" \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories='$BASE_DIR'" >&2 ||
    { tail -n 20 "$LOG_FILE" >&2 || true; die "the server did not start"; }
fi
as_owner sh -c "echo $PORT > '$PORT_FILE'"

if [[ "$(as_owner "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != 1 ]]; then
  log "creating database $DATABASE"
  as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DATABASE" >&2
fi

echo "postgresql://postgres@127.0.0.1:$PORT/$DATABASE"
