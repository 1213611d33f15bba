#!/bin/sh
# Builds and runs every test: a plain build; the server tests again with
# every roster-server under valgrind's memcheck; then everything under
# AddressSanitizer and UndefinedBehaviorSanitizer. Every pass runs even
# when an earlier one fails; the exit status says whether all passed.
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

exit $status
