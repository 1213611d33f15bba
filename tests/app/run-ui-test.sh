#!/bin/sh
# Runs one UI test script against the real app, alone in its own X
# server and session bus, with settings and data of its own:
#   run-ui-test.sh PYTHON SCRIPT
#
# The bus runs inside xvfb-run, not around it: the AT-SPI registry the
# bus starts on demand synthesises the test's key presses on the X
# display, so it must inherit DISPLAY.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

python="$1"
script="$2"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -m 700 "$tmp/runtime"

export XDG_CONFIG_HOME="$tmp/config"
export XDG_DATA_HOME="$tmp/data"
export XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/runtime"
export GDK_BACKEND=x11
export GSETTINGS_BACKEND=dconf
unset WAYLAND_DISPLAY DISPLAY DBUS_SESSION_BUS_ADDRESS

# Only the script's TAP goes to stdout, on file descriptor 3: the bus,
# the AT-SPI registry and dogtail all talk on stdout too.
status=0
xvfb-run -a -s "-screen 0 1280x800x24" \
  dbus-run-session -- "$python" "$script" 3>&1 1>&2 || status=$?
exit $status
