#!/bin/sh
# Builds and runs every test: a plain build; the server tests again with
# every roster-server under valgrind's memcheck; then everything under
# AddressSanitizer and UndefinedBehaviorSanitizer; then, when clang is
# there, the fuzzers (scripts/run-fuzzer.sh). Every pass runs even when
# an earlier one fails; the exit status says whether all passed.
set -u

cd "$(dirname "$0")/.."

status=0

if scripts/build.sh build; then
  meson test -C build --print-errorlogs || status=1
  meson test -C build --setup valgrind --suite server --num-processes 2 --print-errorlogs || status=1
else
  echo "run-tests: the build failed" >&2
  rm -f build/meson-logs/testlog.json build/meson-logs/testlog-valgrind.json
  status=1
fi

if scripts/build.sh build-san -Db_sanitize=address,undefined -Db_lundef=false; then
  meson test -C build-san --print-errorlogs || status=1
else
  echo "run-tests: the sanitizer build failed" >&2
  rm -f build-san/meson-logs/testlog.json
  status=1
fi

# Last, the fuzzer, for 30 s, in a clang build of its own (.ci/run counts
# its log when the marker says this pass ran).
rm -f build-fuzz/fuzz-pass-ran
if command -v clang >/dev/null 2>&1; then
  mkdir -p build-fuzz
  touch build-fuzz/fuzz-pass-ran
  scripts/run-fuzzer.sh 30 || status=1
else
  echo "run-tests: clang is not installed: no fuzzing pass" >&2
fi

exit $status
