#!/bin/sh
# Fuzzes the CSV reader for a bounded time in a clang build folder of its
# own (the other builds use gcc), under AddressSanitizer and
# UndefinedBehaviorSanitizer:
#   scripts/run-fuzzer.sh [SECONDS]        (30 by default)
# The fuzzer starts from a copy of tests/fuzz/corpus-csv, which stays as
# it is. It runs as a meson test, so build-fuzz/meson-logs/testlog.json
# says how it went. Exits non-zero on a crash, a leak or a failed check;
# the input that did it is left as build-fuzz/fuzz-csv-crash-* (or
# -leak-, -timeout-): copy it into tests/fuzz/corpus-csv with the fix.
set -u

cd "$(dirname "$0")/.."

seconds="${1:-30}"
dir=build-fuzz

if ! command -v clang >/dev/null 2>&1; then
  echo "run-fuzzer: clang is not installed" >&2
  exit 1
fi

# An old log must not speak for this run.
rm -f "$dir/meson-logs/testlog.json"

if [ ! -f "$dir/build.ninja" ]; then
  CC=clang meson setup "$dir" -Dwerror=true -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link || exit 1
fi
# The fuzzer and the library it tests only, not the whole project.
ninja -C "$dir" tests/fuzz/fuzz-csv || exit 1

rm -rf "$dir/corpus-csv"
mkdir -p "$dir/corpus-csv"
cp tests/fuzz/corpus-csv/* "$dir/corpus-csv/"

meson test -C "$dir" --no-rebuild --suite fuzz --print-errorlogs \
  --test-args="-max_total_time=$seconds"
