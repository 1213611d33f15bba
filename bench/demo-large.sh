#!/bin/sh
# Time from start to "listening on" for a new demo with a course of N
# participants (default 100 000): building and storing them all.
#   bench/demo-large.sh [BUILD_DIR] [N]
set -eu

cd "$(dirname "$0")/.."
build="${1:-build}"
n="${2:-100000}"

dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT

start=$(date +%s.%N)
"$build/src/server/roster-server" --demo --demo-large "$n" --data-dir "$dir/data" \
  --listen 127.0.0.1:0 > "$dir/out" 2> "$dir/err" &
pid=$!
while ! grep -q '^listening on ' "$dir/out"; do sleep 0.02; done
end=$(date +%s.%N)

echo "demo with $n extra participants ready in $(python3 -c "print(round($end - $start, 2))") s"
ls -l "$dir/data/roster.db" | awk '{ print "database: " $5 " bytes" }'
grep -E 'VmHWM' "/proc/$pid/status"
