#!/bin/sh
# Checks a built bundle the way a field office would use it: no virtual environment, a bare PATH, nothing from
# the source tree. Usage: packaging/check_bundle.sh dist/habitat-desktop
set -eu
bundle=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
run() { (cd "$work" && env -i HOME="$work" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@"); }
echo "== habitat --version";  run "$bundle/habitat" --version
echo "== habitat demo";       run "$bundle/habitat" demo "$work/demo.habitat"
echo "== habitat check";      run "$bundle/habitat" check "$work/demo.habitat" >/dev/null
echo "== habitat resolutions --lang ar"; run "$bundle/habitat" resolutions --lang ar | grep -q "HSP/HA.2/Res.7"
if run "$bundle/habitat" report --help >/dev/null 2>&1; then
  for lang in zh ar; do
    echo "== habitat report --lang $lang"
    run "$bundle/habitat" report "$work/demo.habitat" --kind progress --lang "$lang" -o "$work/progress-$lang.pdf"
    test -s "$work/progress-$lang.pdf"
  done
fi
echo "== habitat-desktop opens a workspace"
run env HABITAT_SMOKE_TEST=1 "$bundle/habitat-desktop" "$work/demo.habitat" | grep -q "window shown"
echo "bundle checks passed"
