#!/bin/sh
# Installs what a bare Debian machine lacks for Habitat Desktop: venv support and the libraries Qt's window loads.
#   system-deps.sh             install what is missing for `make run`/`make test` (needs root or sudo only then)
#   system-deps.sh package     also what `make package` needs (binutils: PyInstaller reads libraries' dependencies)
#   system-deps.sh --dry-run [package]   print the packages that would be installed; install nothing
#   system-deps.sh --list      print every library checked and the Debian package providing it; install nothing
# The libraries are those PySide6's xcb platform plugin (Qt/plugins/platforms/libqxcb.so), its GL integrations and
# QtGui/QtWidgets link to, directly or not, that a minimal Debian system lacks; tests/test_system_deps.py checks this
# list against `ldd` of the installed PySide6.
set -eu

# library:package (Debian 12 names; later releases' renamed packages, e.g. libglib2.0-0t64, provide these names)
LIBRARIES="
libEGL.so.1:libegl1
libGL.so.1:libgl1
libGLX.so.0:libglx0
libGLdispatch.so.0:libglvnd0
libxkbcommon.so.0:libxkbcommon0
libxkbcommon-x11.so.0:libxkbcommon-x11-0
libfontconfig.so.1:libfontconfig1
libfreetype.so.6:libfreetype6
libpng16.so.16:libpng16-16
libbrotlidec.so.1:libbrotli1
libbrotlicommon.so.1:libbrotli1
libexpat.so.1:libexpat1
libdbus-1.so.3:libdbus-1-3
libglib-2.0.so.0:libglib2.0-0
libgthread-2.0.so.0:libglib2.0-0
libX11.so.6:libx11-6
libX11-xcb.so.1:libx11-xcb1
libXau.so.6:libxau6
libXdmcp.so.6:libxdmcp6
libbsd.so.0:libbsd0
libxcb.so.1:libxcb1
libxcb-cursor.so.0:libxcb-cursor0
libxcb-glx.so.0:libxcb-glx0
libxcb-icccm.so.4:libxcb-icccm4
libxcb-image.so.0:libxcb-image0
libxcb-keysyms.so.1:libxcb-keysyms1
libxcb-randr.so.0:libxcb-randr0
libxcb-render.so.0:libxcb-render0
libxcb-render-util.so.0:libxcb-render-util0
libxcb-shape.so.0:libxcb-shape0
libxcb-shm.so.0:libxcb-shm0
libxcb-sync.so.1:libxcb-sync1
libxcb-util.so.1:libxcb-util1
libxcb-xfixes.so.0:libxcb-xfixes0
libxcb-xkb.so.1:libxcb-xkb1
"

mode=install
case "${1:-}" in
  --list)
    for pair in $LIBRARIES; do echo "${pair%%:*} ${pair#*:}"; done
    exit 0 ;;
  --dry-run) mode=dry-run; shift ;;
esac

# ldconfig lives in /sbin, which is not on an ordinary user's PATH on Debian
ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
known=$("$ldconfig" -p 2>/dev/null || true)
missing=""
add() { case " $missing " in *" $1 "*) ;; *) missing="$missing $1" ;; esac; }
python3 -c "import ensurepip, venv" 2>/dev/null || add python3-venv
for pair in $LIBRARIES; do
  lib=${pair%%:*}; pkg=${pair#*:}
  printf "%s\n" "$known" | grep -q "^[[:space:]]*$lib " || add "$pkg"
done
if [ "${1:-}" = "package" ]; then
  command -v objdump >/dev/null || add binutils
fi
if [ "$mode" = dry-run ]; then
  [ -n "$missing" ] && echo "Would install:$missing"
  exit 0
fi
[ -z "$missing" ] && exit 0
echo "Installing system packages:$missing"
if [ "$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Please install:$missing (needs administrator rights)" >&2; exit 1; fi
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
