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
for lang in zh ar; do
  echo "== habitat report --lang $lang"
  run "$bundle/habitat" report "$work/demo.habitat" --kind progress --lang "$lang" -o "$work/progress-$lang.pdf"
  head -c 5 "$work/progress-$lang.pdf" | grep -q "%PDF-"
done
echo "== habitat report -o - (PDF on standard output)"
run "$bundle/habitat" report "$work/demo.habitat" --kind progress --lang fr -o - 2>/dev/null | head -c 5 | grep -q "%PDF-"
echo "== argparse's words in Russian (LANG=ru_RU.UTF-8)"
if run env LANG=ru_RU.UTF-8 "$bundle/habitat" report 2>"$work/ru.txt"; then exit 1; fi
grep -q "^использование: habitat report" "$work/ru.txt"
grep -q "обязательны" "$work/ru.txt"
echo "== habitat export, and merge into another office's workspace (its checks in a worker process)"
run "$bundle/habitat" export "$work/demo.habitat" -o "$work/demo.habx" >/dev/null
run "$bundle/habitat" init "$work/region.habitat" --office ROAS --office-name "Regional Office for Arab States" --country EG >/dev/null
run env HABITAT_CHECK_PROCESS_FROM=0 "$bundle/habitat" merge "$work/region.habitat" "$work/demo.habx" --trust-coordinator --json | grep -q "\"added\": 7[0-9]"
echo "== activities out to Excel and JSON lines and back (calamine reads the sheet; a worker process the lines)"
run "$bundle/habitat" activities export "$work/demo.habitat" -o "$work/activities.xlsx" >/dev/null
run "$bundle/habitat" activities import "$work/demo.habitat" "$work/activities.xlsx" | grep -q "^0 added, 0 updated, [0-9]* unchanged"
run "$bundle/habitat" activities export "$work/demo.habitat" -o "$work/activities.jsonl" >/dev/null
run env HABITAT_IMPORT_PROCESS_FROM=0 "$bundle/habitat" activities import "$work/demo.habitat" "$work/activities.jsonl" | grep -q "^0 added, 0 updated, [0-9]* unchanged"
echo "== habitat-desktop opens a workspace"
run env HABITAT_SMOKE_TEST=1 "$bundle/habitat-desktop" "$work/demo.habitat" | grep -q "window shown"
echo "bundle checks passed"
