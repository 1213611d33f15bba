#!/bin/sh
# Builds and runs every test twice: a plain build, then one under
# AddressSanitizer and UndefinedBehaviorSanitizer. Both passes run even
# when the first fails; the exit status says whether both passed.
set -u

cd "$(dirname "$0")/.."

status=0

if scripts/build.sh build; then
  meson test -C build --print-errorlogs || status=1
else
  echo "run-tests: the build failed" >&2
  rm -f build/meson-logs/testlog.json
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
