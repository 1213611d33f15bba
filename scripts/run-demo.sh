#!/bin/sh
# Starts roster-server with demo data in the foreground (Ctrl+C stops it).
set -eu

cd "$(dirname "$0")/.."

echo "Starting roster-server with demo data; Ctrl+C stops it."
exec build/src/server/roster-server --demo "$@"
