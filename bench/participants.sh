#!/bin/sh
# The participants of a 100 000-person course (--demo-large): the first
# page, and the whole list streamed (limit=0), next to the floor: the
# sqlite3 shell reading the same rows, in the same order, from the same
# database file. Also the server's memory during the stream.
#   bench/participants.sh [--database sqlite|postgresql] [BUILD_DIR] [N]
# With --database postgresql the server runs on a throwaway cluster
# (tests/server/pg-cluster.sh start/stop, in a temporary folder) and the floor is psql running the PostgreSQL driver's statement.
set -eu

cd "$(dirname "$0")/.."
database=sqlite
if [ "${1:-}" = "--database" ]; then
  database="${2:-}"
  shift 2
fi
build="${1:-build}"
n="${2:-100000}"
runs=5

case "$database" in
  sqlite)
    command -v sqlite3 >/dev/null || { echo "bench: install sqlite3" >&2; exit 1; } ;;
  postgresql)
    command -v psql >/dev/null || { echo "bench: install postgresql-client (psql)" >&2; exit 1; } ;;
  *)
    echo "bench: --database sqlite or postgresql" >&2; exit 2 ;;
esac

dir=$(mktemp -d)
pid=
pgdir=
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null;
      [ -n "$pgdir" ] && tests/server/pg-cluster.sh stop "$pgdir"; rm -rf "$dir"' EXIT
printf '[security]\nlogin-rate-limit=0\n' > "$dir/bench.ini"
if [ "$database" = postgresql ]; then
  # The cluster's own "postgres" database is new and empty: the server's.
  # A folder of its own: as root the cluster belongs to "nobody".
  pgdir=$(mktemp -d)
  uri=$(tests/server/pg-cluster.sh start "$pgdir")
  printf '[server]\ndatabase=%s\n' "$uri" >> "$dir/bench.ini"
fi

: > "$dir/out"
"$build/src/server/roster-server" --demo --demo-large "$n" --data-dir "$dir/data" \
  --listen 127.0.0.1:0 --config "$dir/bench.ini" > "$dir/out" 2> "$dir/err" &
pid=$!
while ! grep -q '^listening on ' "$dir/out"; do sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$dir/out")
# The demo's rows were just loaded with COPY: without statistics the
# planner guesses (nested loops over 100 000 rows, twice the time) until
# autovacuum analyses them, at some moment during the measurements.
if [ "$database" = postgresql ]; then
  psql -X -q -d "$uri" -c ANALYZE
fi
cert="$dir/data/cert.pem"

token=$(curl -s --cacert "$cert" -X POST "$url/api/v1/auth/login" \
          -d '{"username":"m.chen","password":"roster-demo-pass"}' |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
course=$(curl -s --cacert "$cert" -H "Authorization: Bearer $token" "$url/api/v1/courses?q=BENCH" |
         python3 -c 'import json, sys; print(json.load(sys.stdin)["courses"][0]["id"])')

median () { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# Server time for a request: from the end of the TLS handshake to the
# last byte (curl's own start-up and the handshake are left out).
server_time () {
  curl -s -o "$2" --cacert "$cert" -H "Authorization: Bearer $token" \
       -w '%{time_appconnect} %{time_total}\n' "$1" |
    awk '{ printf "%.3f\n", $2 - $1 }'
}

first_page=$(for i in $(seq $runs); do server_time "$url/api/v1/courses/$course/participants?limit=100" /dev/null; done | median)

rss_before=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status")
# Sample the server's resident memory while it streams.
( peak=0; while kill -0 $pid 2>/dev/null && [ ! -f "$dir/done" ]; do
    rss=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status"); [ "$rss" -gt "$peak" ] && peak=$rss
    echo $peak > "$dir/peak"; sleep 0.01; done ) &
sampler=$!
stream=$(for i in $(seq $runs); do server_time "$url/api/v1/courses/$course/participants?limit=0" "$dir/all.json"; done | median)
touch "$dir/done"; wait $sampler
hwm=$(cat "$dir/peak")
rows=$(python3 -c "import json; print(len(json.load(open('$dir/all.json'))))")
bytes=$(stat -c %s "$dir/all.json")

# The floor: the same statement the server runs for sort=name, no filter.
if [ "$database" = postgresql ]; then
sql="SELECT e.id, u.id, u.username, u.email, u.first_name, u.last_name, u.type, u.state,
  e.role, e.status, e.start_at, e.end_at, coalesce(e.method_id, 0), m.type, m.name,
  e.key_nickname, e.created_at, u.last_access, k.sort_value,
  (SELECT string_agg(g.id || chr(31) || g.name, chr(30))
     FROM group_members gm JOIN groups g ON g.id = gm.group_id
    WHERE gm.user_id = e.user_id AND g.course_id = e.course_id)
 FROM (SELECT e.id AS enrolment_id, lower(u.last_name) || chr(31) || lower(u.first_name) AS sort_value
         FROM enrolments e JOIN users u ON u.id = e.user_id
        WHERE e.course_id = $course
        ORDER BY lower(u.last_name) || chr(31) || lower(u.first_name) ASC, e.id ASC) k
 JOIN enrolments e ON e.id = k.enrolment_id
 JOIN users u ON u.id = e.user_id
 LEFT JOIN enrol_methods m ON m.id = e.method_id
 ORDER BY k.sort_value ASC, k.enrolment_id ASC;"
floor_command="psql"
floor=$(for i in $(seq $runs); do
          python3 - "$uri" "$sql" <<'PY'
import subprocess, sys, time
start = time.monotonic()
subprocess.run(["psql", "-X", "-q", "-A", "-t", "-d", sys.argv[1], "-c", sys.argv[2]],
               stdout=subprocess.DEVNULL, check=True)
print(f"{time.monotonic() - start:.3f}")
PY
        done | median)
else
sql="SELECT e.id, u.id, u.username, u.email, u.first_name, u.last_name, u.type, u.state,
  e.role, e.status, e.start_at, e.end_at, coalesce(e.method_id, 0), m.type, m.name,
  e.key_nickname, e.created_at, u.last_access, k.sort_value,
  (SELECT group_concat(g.id || char(31) || g.name, char(30))
     FROM group_members gm JOIN groups g ON g.id = gm.group_id
    WHERE gm.user_id = e.user_id AND g.course_id = e.course_id)
 FROM (SELECT e.id AS enrolment_id, lower(u.last_name) || char(31) || lower(u.first_name) AS sort_value
         FROM enrolments e JOIN users u ON u.id = e.user_id
        WHERE e.course_id = $course
        ORDER BY lower(u.last_name) || char(31) || lower(u.first_name) ASC, e.id ASC) k
 JOIN enrolments e ON e.id = k.enrolment_id
 JOIN users u ON u.id = e.user_id
 LEFT JOIN enrol_methods m ON m.id = e.method_id
 ORDER BY k.sort_value ASC, k.enrolment_id ASC;"
floor=$(for i in $(seq $runs); do
          python3 - "$dir/data/roster.db" "$sql" <<'PY'
import subprocess, sys, time
start = time.monotonic()
subprocess.run(["sqlite3", "-readonly", sys.argv[1], sys.argv[2]], stdout=subprocess.DEVNULL, check=True)
print(f"{time.monotonic() - start:.3f}")
PY
        done | median)
floor_command="sqlite3 shell"
fi

echo "database: $database"
echo "participants: $rows rows, $bytes bytes of JSON"
echo "first page (100 rows):   ${first_page} s"
echo "full stream (limit=0):   ${stream} s"
echo "floor ($floor_command): ${floor} s"
python3 -c "print(f'stream / floor:          {$stream / $floor:.2f}x')"
echo "server RSS before: $((rss_before / 1024)) MB, peak: $((hwm / 1024)) MB, growth: $(((hwm - rss_before) / 1024)) MB"
