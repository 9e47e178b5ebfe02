#!/usr/bin/env bash
# A throwaway PostgreSQL for tests and development, listening on 127.0.0.1 only.
#
#   scripts/postgres.sh start   # prints the DATABASE_URL on stdout, progress on stderr
#   scripts/postgres.sh stop
#
# On Debian it installs the `postgresql` package when no server binaries are found.
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT="${WIJKWIJS_PG_PORT:-54329}"
DB_NAME="wijkwijs"
DB_USER="wijkwijs"
DATA_DIR="${WIJKWIJS_PG_DIR:-$PWD/var/postgres}"
# Search reads index and heap pages at random: on SSD storage random reads cost about what
# sequential ones do, and the search tables should stay in memory.
SEARCH_SETTINGS="-c shared_buffers=1GB -c effective_cache_size=4GB -c random_page_cost=1.1 -c work_mem=32MB"

say() { echo "postgres: $*" >&2; }

find_bin_dir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

can_apt() { command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; }

ensure_installed() {
  if ! find_bin_dir >/dev/null; then
    if can_apt; then
      say "server not found; installing Debian's postgresql package"
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    else
      say "no PostgreSQL server found. Install it, or point DATABASE_URL at a running server."
      exit 1
    fi
  fi
  ensure_rum
}

# The RUM index (ranked text search straight from the index) is optional: search works
# without it, only slower on large indexes. Installed when Debian can provide it.
ensure_rum() {
  local major
  major="$(basename "$(dirname "$(find_bin_dir)")")"
  [ -f "/usr/share/postgresql/$major/extension/rum.control" ] && return 0
  if can_apt; then
    say "installing the RUM index extension (postgresql-$major-rum)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-$major-rum" >&2 \
      || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive \
           apt-get install -y -qq "postgresql-$major-rum" >&2; } \
      || say "RUM is not available; search uses the GIN index only"
  fi
}

as_db_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

prepare_data_dir() {
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$(dirname "$DATA_DIR")" 2>/dev/null; then
    # The checkout is not reachable for the postgres user (e.g. under /root): use /var/tmp.
    DATA_DIR="/var/tmp/wijkwijs-postgres-$PORT"
  fi
  mkdir -p "$DATA_DIR"
  [ "$(id -u)" = 0 ] && chown postgres: "$DATA_DIR"
  chmod 700 "$DATA_DIR"
}

start() {
  ensure_installed
  local bin
  bin="$(find_bin_dir)"
  mkdir -p var
  prepare_data_dir
  if [ ! -f "$DATA_DIR/PG_VERSION" ]; then
    say "initialising a cluster in $DATA_DIR"
    as_db_owner "$bin/initdb" -D "$DATA_DIR" -U "$DB_USER" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if as_db_owner "$bin/pg_ctl" -D "$DATA_DIR" status >/dev/null 2>&1; then
    say "already running on port $PORT"
  else
    say "starting on 127.0.0.1:$PORT"
    # Durability settings are off: this cluster holds only throwaway test data. The
    # memory and planner settings are the ones the README recommends for search.
    as_db_owner "$bin/pg_ctl" -D "$DATA_DIR" -l "$DATA_DIR/server.log" -w -t 60 \
      -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DATA_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off $SEARCH_SETTINGS" \
      start >/dev/null || { say "failed to start; log follows"; tail -20 "$DATA_DIR/server.log" >&2; exit 1; }
  fi
  if ! "$bin/psql" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
    "$bin/createdb" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" "$DB_NAME"
  fi
  echo "postgres://$DB_USER@127.0.0.1:$PORT/$DB_NAME"
}

stop() {
  local bin
  bin="$(find_bin_dir)" || exit 0
  for dir in "$DATA_DIR" "/var/tmp/wijkwijs-postgres-$PORT"; do
    if [ -f "$dir/postmaster.pid" ]; then
      as_db_owner "$bin/pg_ctl" -D "$dir" stop -m fast >/dev/null && say "stopped ($dir)"
    fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
