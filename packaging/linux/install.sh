#!/bin/sh
# Installs the unpacked bundle for the current user: ~/.local/opt/habitat-desktop, a menu entry, the icon and
# the file types (.habitat, .habx). Run from the unpacked tarball: ./install.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
mkdir -p "$prefix/opt" "$prefix/bin" "$prefix/share/applications" "$prefix/share/mime/packages" \
         "$prefix/share/icons/hicolor/256x256/apps" "$prefix/share/icons/hicolor/scalable/apps"
rm -rf "$prefix/opt/habitat-desktop"
cp -R "$here/habitat-desktop" "$prefix/opt/habitat-desktop"
ln -sf "$prefix/opt/habitat-desktop/habitat-desktop" "$prefix/bin/habitat-desktop"
ln -sf "$prefix/opt/habitat-desktop/habitat" "$prefix/bin/habitat"
cp "$here/habitat-desktop.desktop" "$prefix/share/applications/"
cp "$here/habitat-desktop.xml" "$prefix/share/mime/packages/"
cp "$here/habitat-desktop-256.png" "$prefix/share/icons/hicolor/256x256/apps/habitat-desktop.png"
cp "$here/habitat-desktop.svg" "$prefix/share/icons/hicolor/scalable/apps/habitat-desktop.svg"
command -v update-mime-database >/dev/null && update-mime-database "$prefix/share/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/share/applications" || true
echo "Installed Habitat Desktop in $prefix/opt/habitat-desktop"
