#!/bin/sh
# Installs the Debian 12 packages Roster needs to build, run and test.
# Only what is missing is installed; as root, or through sudo.
set -eu

PACKAGES="
  meson ninja-build pkg-config gcc gettext python3
  libglib2.0-dev libglib2.0-dev-bin
  libsoup-3.0-dev libjson-glib-dev libsqlite3-dev libpq-dev postgresql
  libargon2-dev libgnutls28-dev glib-networking libuchardet-dev
  libcurl4-gnutls-dev libgmime-3.0-dev python3-aiosmtpd
  libgtk-4-dev libadwaita-1-dev libsecret-1-dev
  clang libclang-rt-14-dev
  curl valgrind
  chromium
  desktop-file-utils appstream
  systemd
  xvfb xauth dbus dbus-x11 at-spi2-core python3-dogtail
  gsettings-desktop-schemas dconf-gsettings-backend gnome-keyring imagemagick
  fonts-cantarell fonts-noto-cjk
"

# Node.js and npm run the browser test (tests/e2e); a Node.js from
# elsewhere (NodeSource) brings its own npm, which Debian's npm package
# would conflict with: take Debian's only when there is none.
command -v node >/dev/null 2>&1 || PACKAGES="$PACKAGES nodejs"
command -v npm >/dev/null 2>&1 || PACKAGES="$PACKAGES npm"

missing=""
for pkg in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $pkg"
  fi
done

if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
  elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install-deps: these packages are missing and neither root nor sudo is available:$missing" >&2
    exit 1
  fi

  echo "install-deps: installing$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# playwright-core for the browser test, at the version
# tests/e2e/package-lock.json pins (it drives Debian's chromium; no
# browser is downloaded).
e2e="$(dirname "$0")/../tests/e2e"
if [ ! -f "$e2e/node_modules/playwright-core/package.json" ]; then
  echo "install-deps: installing playwright-core into tests/e2e/node_modules"
  (cd "$e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
