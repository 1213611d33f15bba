#!/bin/sh
# run-with-keyring.sh PROGRAM [ARGS…]: runs a test in a private D-Bus
# session with a real gnome-keyring (Secret Service), unlocked, whose
# files live in a temporary folder: the user's own keyring is never
# touched. The daemon goes away with the session bus.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/runtime"
export XDG_RUNTIME_DIR="$tmp/runtime"
export XDG_DATA_HOME="$tmp/data"
export XDG_CONFIG_HOME="$tmp/config"
export XDG_CACHE_HOME="$tmp/cache"

dbus-run-session -- sh -c '
  printf "%s" roster-test-keyring | gnome-keyring-daemon --unlock --components=secrets > "$XDG_RUNTIME_DIR/keyring.env"
  exec "$@"
' run-with-keyring "$@"
