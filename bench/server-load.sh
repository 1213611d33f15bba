#!/bin/sh
# Load on a demo roster-server: GET /api/v1/courses as a module leader,
# 64 connections for 30 s (wrk, a request per connection since the
# server closes each one), and the server's peak memory.
#   bench/server-load.sh [BUILD_DIR] [SECONDS]
set -eu

cd "$(dirname "$0")/.."
build="${1:-build}"
seconds="${2:-30}"
command -v wrk >/dev/null || { echo "bench: install wrk (apt-get install wrk)" >&2; exit 1; }

dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
printf '[security]\nlogin-rate-limit=0\n' > "$dir/bench.ini"

"$build/src/server/roster-server" --demo --data-dir "$dir/data" --listen 127.0.0.1:0 \
  --config "$dir/bench.ini" > "$dir/out" 2> "$dir/err" &
pid=$!
while ! grep -q '^listening on ' "$dir/out"; do sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$dir/out")

token=$(curl -s --cacert "$dir/data/cert.pem" -X POST "$url/api/v1/auth/login" \
          -d '{"username":"m.chen","password":"roster-demo-pass"}' |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')

wrk -t2 -c64 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$url/api/v1/courses"
grep -E 'VmHWM|VmRSS' "/proc/$pid/status"
