#!/bin/sh
# pg-cluster.sh: a throwaway PostgreSQL cluster for the server tests.
#
#   pg-cluster.sh start DIR   initdb in DIR (made if missing, must be empty),
#                             start it on 127.0.0.1 at a free port, print its
#                             URI (postgresql://roster_test@127.0.0.1:PORT/postgres)
#   pg-cluster.sh stop DIR    stop it at once and delete DIR
#   pg-cluster.sh run CMD…    a cluster in a temporary folder for the length of
#                             CMD (a TAP test program): CMD runs with
#                             ROSTER_TEST_DATABASE=postgresql and
#                             ROSTER_TEST_PG_URI set, and the cluster is stopped
#                             and deleted however CMD ends. Without PostgreSQL's
#                             binaries, prints a TAP skip instead (fails
#                             when CI=true).
#
# Trust authentication, on loopback and the cluster's own socket folder
# only (inside DIR): nothing else can reach it. PostgreSQL refuses to run
# as root, so as root the cluster belongs to "nobody", which every Debian
# system has. fsync is off: the data is thrown away.
set -eu

find_bindir () {
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null || true)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
      echo "$dir"
      return 0
    fi
  fi
  # Debian keeps the server's binaries out of PATH; the newest wins.
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    if [ -x "$dir/initdb" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

# Runs a command as the cluster's owner.
as_owner () {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u nobody -- "$@"
  else
    "$@"
  fi
}

free_port () {
  python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

cluster_start () {
  dir=$1
  bindir=$(find_bindir) || { echo "pg-cluster: PostgreSQL's initdb was not found" >&2; return 1; }

  mkdir -p "$dir"
  if [ -n "$(ls -A "$dir")" ]; then
    echo "pg-cluster: $dir is not empty" >&2
    return 1
  fi
  mkdir "$dir/data" "$dir/socket"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R nobody "$dir"
    chmod 0700 "$dir"
  fi

  as_owner "$bindir/initdb" -D "$dir/data" -U roster_test --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    return 1
  }

  cat >"$dir/data/pg_hba.conf" <<EOF
local all all trust
host  all all 127.0.0.1/32 trust
EOF

  # A port found free may be taken before the server binds it: try again.
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    cat >"$dir/data/postgresql.auto.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/socket'
max_connections = 200
shared_buffers = 16MB
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    if [ "$(id -u)" -eq 0 ]; then
      chown nobody "$dir/data/pg_hba.conf" "$dir/data/postgresql.auto.conf"
    fi
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 120 start >/dev/null; then
      echo "$port" >"$dir/port"
      echo "postgresql://roster_test@127.0.0.1:$port/postgres"
      return 0
    fi
    echo "pg-cluster: start attempt $attempt on port $port failed" >&2
  done
  cat "$dir/server.log" >&2
  return 1
}

cluster_stop () {
  dir=$1
  bindir=$(find_bindir) || return 1

  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop >/dev/null || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start)
    [ $# -eq 2 ] || { echo "usage: $0 start DIR" >&2; exit 2; }
    cluster_start "$2"
    ;;
  stop)
    [ $# -eq 2 ] || { echo "usage: $0 stop DIR" >&2; exit 2; }
    cluster_stop "$2"
    ;;
  run)
    shift
    [ $# -ge 1 ] || { echo "usage: $0 run COMMAND [ARG…]" >&2; exit 2; }
    if ! find_bindir >/dev/null; then
      # CI installs PostgreSQL (scripts/install-deps.sh): there, a missing
      # one is a broken set-up, not a reason to skip half the server tests.
      if [ "${CI:-}" = true ]; then
        echo "pg-cluster.sh: PostgreSQL is not installed" >&2
        exit 1
      fi
      echo "1..0 # SKIP PostgreSQL is not installed"
      exit 0
    fi
    dir=$(mktemp -d "${TMPDIR:-/tmp}/roster-pg-XXXXXX")
    # The folder must be empty for start; mktemp made it, start fills it.
    trap 'cluster_stop "$dir"' EXIT
    trap 'exit 130' INT TERM
    uri=$(cluster_start "$dir")
    ROSTER_TEST_DATABASE=postgresql ROSTER_TEST_PG_URI=$uri "$@"
    ;;
  *)
    echo "usage: $0 start DIR | stop DIR | run COMMAND [ARG…]" >&2
    exit 2
    ;;
esac
