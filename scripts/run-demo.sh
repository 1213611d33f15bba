#!/bin/sh
# Starts roster-server with demo data in the background, then the app
# with the server's address and the demo administrator filled in. The
# server stops when the app exits (or on Ctrl+C).
#   run-demo.sh [roster-server options…]
set -eu

cd "$(dirname "$0")/.."

server=build/src/server/roster-server
app=build/src/app/roster
# The app's settings schema, compiled into the build folder.
export GSETTINGS_SCHEMA_DIR="$PWD/build/data"

tmp=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "Starting roster-server with demo data…"
"$server" --demo "$@" > "$tmp/server.out" &
pid=$!

# The server prints its banner (with the certificate's SHA-256
# fingerprint, to compare with what the app shows) and then
# "listening on URL".
url=
tries=0
while [ -z "$url" ]; do
  if ! kill -0 "$pid" 2>/dev/null; then
    cat "$tmp/server.out"
    echo "roster-server stopped before it was ready." >&2
    exit 1
  fi
  tries=$((tries + 1))
  if [ "$tries" -gt 300 ]; then
    echo "roster-server did not say where it listens after 30 s." >&2
    exit 1
  fi
  sleep 0.1
  url=$(sed -n 's/^listening on //p' "$tmp/server.out")
done
cat "$tmp/server.out"

username=$(sed -n 's/^ *Admin login: *\([^ ]*\) .*/\1/p' "$tmp/server.out")
echo "Starting the app; sign in as ${username:-admin} with the password above."
"$app" --server "$url" --username "${username:-admin}" || true
