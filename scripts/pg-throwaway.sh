#!/usr/bin/env bash
# A disposable PostgreSQL server for integration tests.
#
#   eval "$(scripts/pg-throwaway.sh start)"   # sets PGDIR and TEST_DATABASE_URL
#   scripts/pg-throwaway.sh stop "$PGDIR"
#
# `start` prints exactly two shell-safe lines on stdout; all chatter goes to stderr.
# Durability is switched off (fsync, full_page_writes): the data dies with the run.
set -euo pipefail

# Only directories carrying this file are ever deleted by `stop`.
readonly MARKER=.pg-throwaway

log() { printf 'pg-throwaway: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# PostgreSQL refuses to run as root, so root hands the server to `postgres`.
as_server_user() {
  if ((EUID == 0)); then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

newest_bindir() {
  local initdb
  initdb=$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n 1) ||
    die "no PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)"
  dirname "$initdb"
}

free_port() {
  if command -v node >/dev/null; then
    node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
  else
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
  fi
}

bindir_for() {
  local version
  version=$(cat "$1/data/PG_VERSION" 2>/dev/null) && [[ -x /usr/lib/postgresql/$version/bin/pg_ctl ]] &&
    echo "/usr/lib/postgresql/$version/bin" && return
  newest_bindir
}

# Set by start(); the EXIT trap cleans up a half-made server unless start finished.
pg_dir=''
pg_started=''

start() {
  local bindir port attempt
  bindir=$(newest_bindir)
  # /tmp rather than $TMPDIR: the postgres user must reach it, and the Unix socket
  # path inside it must stay under the 107-byte limit.
  pg_dir=$(mktemp -d /tmp/galley-pg.XXXXXX)
  touch "$pg_dir/$MARKER"
  trap '[[ -n $pg_started ]] || stop "$pg_dir"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  if ((EUID == 0)); then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user"
    chown postgres: "$pg_dir"
  fi

  log "initdb ($bindir) in $pg_dir"
  # Same encoding and locale as the embedded PGlite default, so both backends sort alike.
  as_server_user "$bindir/initdb" -D "$pg_dir/data" --auth=trust -U postgres \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$pg_dir/initdb.log" 2>&1 ||
    { cat "$pg_dir/initdb.log" >&2; die "initdb failed"; }

  # The OS-chosen port can be taken before the server binds it; retry a few times.
  for attempt in 1 2 3; do
    port=$(free_port)
    log "starting on 127.0.0.1:$port (attempt $attempt)"
    if as_server_user "$bindir/pg_ctl" -D "$pg_dir/data" -w -l "$pg_dir/log" \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >&2; then
      break
    fi
    tail -n 20 "$pg_dir/log" >&2 || true
    ((attempt < 3)) || die "server did not start"
  done

  "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres galley_test >&2
  pg_started=1
  printf 'PGDIR=%q\n' "$pg_dir"
  printf 'TEST_DATABASE_URL=%q\n' "postgres://postgres@127.0.0.1:$port/galley_test"
}

stop() {
  local dir=${1:-}
  [[ -n $dir ]] || die "usage: $0 stop <dir>"
  [[ -d $dir ]] || return 0
  [[ -e $dir/$MARKER ]] || die "$dir was not made by $0 start; refusing to delete it"
  if [[ -f $dir/data/postmaster.pid ]]; then
    log "stopping server in $dir"
    as_server_user "$(bindir_for "$dir")/pg_ctl" -D "$dir/data" -m immediate stop >&2 ||
      log "pg_ctl stop failed (already stopped?)"
  fi
  rm -rf -- "$dir"
}

case ${1:-} in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) die "usage: $0 start | stop <dir>" ;;
esac
