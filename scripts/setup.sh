#!/usr/bin/env bash
# Everything PartnerDesk needs on a fresh Debian or Ubuntu machine: Qt's system libraries, a virtual
# environment in .venv and the pinned Python packages. Safe to run again: it only does what is missing.
# Usage: scripts/setup.sh [run|test]
set -euo pipefail
cd "$(dirname "$0")/.."
purpose=${1:-run}

# Qt needs these even without a screen (offscreen); a real window also needs the xcb ones.
qt_libs="libgl1 libxkbcommon0 libegl1 libglib2.0-0 libfreetype6 libfontconfig1 libdbus-1-3 fonts-dejavu-core"
window_libs="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0
libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0"
# The tests read exports back through LibreOffice, as a commissioner would open them, and send a desktop's
# screen-lock signals on a private D-Bus.
test_tools="libreoffice-calc-nogui poppler-utils dbus-daemon"

wanted="$qt_libs"
if [ "$purpose" = test ]; then wanted="$wanted $test_tools"; else wanted="$wanted $window_libs"; fi

if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
  missing=""
  for pkg in $wanted; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    echo "Installing system packages:$missing"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends $missing >/dev/null
  fi
else
  echo "Not a Debian/Ubuntu machine: skipping system packages (see README for Windows and macOS)."
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  if ! "$python" -m venv .venv 2>/dev/null; then
    # Debian and Ubuntu ship venv separately.
    rm -rf .venv
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    "$python" -m venv .venv
  fi
fi

# Reinstall only when the pinned dependencies change.
stamp=.venv/.partnerdesk-installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing PartnerDesk and its Python packages into .venv (first time only)…"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  echo "$want" > "$stamp"
fi
