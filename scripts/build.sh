#!/bin/sh
# Configures (once) and builds one build folder.
#   scripts/build.sh BUILD_DIR [meson options...]
set -eu

dir="$1"
shift

if [ ! -f "$dir/build.ninja" ]; then
  meson setup "$dir" -Dwerror=true "$@"
fi
meson compile -C "$dir"
