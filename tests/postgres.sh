#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite: `start` prints its URL, `stop` stops it.
# Installs Debian's postgresql when missing (as root, like CI). Runs the server as the `postgres` user
# when called as root, since PostgreSQL refuses to run as root.
set -euo pipefail
DIR=${TRACKER_PG_DIR:-/tmp/tracker-pg}
PORT=${TRACKER_PG_PORT:-55432}

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

BIN=$(find_bin || true)
case "${1:-}" in
  start)
    if [ -z "$BIN" ]; then
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
      BIN=$(find_bin)
    fi
    if [ ! -d "$DIR/data" ]; then
      mkdir -p "$DIR"
      if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
      as_owner "$BIN/initdb" -D "$DIR/data" -U tracker --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
      as_owner "$BIN/pg_ctl" -D "$DIR/data" -o "-p $PORT -k $DIR -c max_connections=200" -l "$DIR/log" -w start >&2
    fi
    echo "postgresql+psycopg://tracker@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >&2 || true
    ;;
  *)
    echo "gebruik: $0 start|stop" >&2
    exit 2
    ;;
esac
