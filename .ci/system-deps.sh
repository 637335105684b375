#!/bin/sh
# Installs what a bare Debian machine lacks for Habitat Desktop: venv support and the libraries Qt loads.
set -eu
missing=""
python3 -c "import ensurepip, venv" 2>/dev/null || missing="$missing python3-venv"
for pair in libEGL.so.1:libegl1 libGL.so.1:libgl1 libxkbcommon.so.0:libxkbcommon0 \
            libfontconfig.so.1:libfontconfig1 libdbus-1.so.3:libdbus-1-3 libglib-2.0.so.0:libglib2.0-0; do
  lib=${pair%%:*}; pkg=${pair#*:}
  ldconfig -p 2>/dev/null | grep -q "$lib" || missing="$missing $pkg"
done
if [ "${1:-}" = "package" ]; then  # libraries the bundle carries so its window opens on machines without them
  for pair in libxcb-icccm.so.4:libxcb-icccm4 libxcb-keysyms.so.1:libxcb-keysyms1 libxcb-image.so.0:libxcb-image0 \
              libxcb-render-util.so.0:libxcb-render-util0 libxcb-xkb.so.1:libxcb-xkb1 libxcb-cursor.so.0:libxcb-cursor0 \
              libxkbcommon-x11.so.0:libxkbcommon-x11-0 libxcb-shape.so.0:libxcb-shape0; do
    lib=${pair%%:*}; pkg=${pair#*:}
    ldconfig -p 2>/dev/null | grep -q "$lib" || missing="$missing $pkg"
  done
  command -v objdump >/dev/null || missing="$missing binutils"  # PyInstaller reads libraries' dependencies
fi
[ -z "$missing" ] && exit 0
echo "Installing system packages:$missing"
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Please install:$missing (needs administrator rights)" >&2; exit 1; fi
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
