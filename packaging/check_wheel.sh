#!/bin/sh
# Builds the wheel and checks it the way `pip install habitat-desktop` users get it: a clean virtual environment,
# run from an empty folder (nothing read from the source tree). Usage: packaging/check_wheel.sh [PYTHON]
set -eu
source_tree=$(cd "$(dirname "$0")/.." && pwd)
python=${1:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" -m venv "$work/venv"
echo "== build the wheel"
"$work/venv/bin/python" -m pip install --quiet --upgrade pip
"$work/venv/bin/python" -m pip wheel --quiet --no-deps --wheel-dir "$work/dist" "$source_tree"
wheel=$(ls "$work"/dist/habitat_desktop-*.whl)
echo "   $(basename "$wheel") ($(du -h "$wheel" | cut -f1))"
for member in habitat_desktop/data/catalog/resolutions.json habitat_desktop/data/demo/demo.json habitat_desktop/data/glossary/terms.json \
              habitat_desktop/data/fonts/OFL.txt habitat_desktop/data/fonts/NotoSansArabic-Regular.ttf \
              habitat_desktop/data/icons/habitat-desktop-256.png habitat_desktop/locale/ar/LC_MESSAGES/messages.mo \
              habitat_desktop/locale/zh/LC_MESSAGES/messages.mo; do
  "$work/venv/bin/python" -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).getinfo(sys.argv[2])" "$wheel" "$member" \
    || { echo "the wheel lacks $member" >&2; exit 1; }
done
echo "== pip install the wheel into a clean virtual environment"
"$work/venv/bin/python" -m pip install --quiet "$wheel"
mkdir "$work/run"
run() { (cd "$work/run" && env -i HOME="$work/run" PATH="$work/venv/bin:/usr/bin:/bin" QT_QPA_PLATFORM=offscreen "$@"); }
fail() { echo "$1" >&2; exit 1; }

echo "== habitat resolutions --lang zh"
run habitat resolutions --lang zh > "$work/zh.txt"
grep -q "人人享有适当住房" "$work/zh.txt" || fail "the catalog is not listed in Chinese"
echo "== habitat demo"
run habitat demo demo.habitat
run habitat check demo.habitat >/dev/null
echo "== habitat report --lang ar"
run habitat report demo.habitat --kind progress --lang ar -o progress-ar.pdf
head -c 5 "$work/run/progress-ar.pdf" | grep -q "%PDF-" || fail "the Arabic report is not a PDF"
grep -aqE "NotoNaskhArabic|NotoSansArabic" "$work/run/progress-ar.pdf" || fail "the Arabic report does not embed the bundled font"
echo "== habitat report -o - (the PDF on standard output)"
run habitat report demo.habitat --kind resolution --resolution 2/7 --lang zh -o - > "$work/fact-sheet.pdf" 2>/dev/null
head -c 5 "$work/fact-sheet.pdf" | grep -q "%PDF-" || fail "report -o - wrote no PDF on standard output"
echo "== translated messages (LANG=fr_FR.UTF-8, LANG=ru_RU.UTF-8)"
if run env LANG=fr_FR.UTF-8 habitat check missing.habitat 2> "$work/fr.txt"; then fail "check of a missing file succeeded"; fi
grep -q "Aucun espace de travail" "$work/fr.txt" || fail "the error is not in French: $(cat "$work/fr.txt")"
if run env LANG=ru_RU.UTF-8 habitat report 2> "$work/ru.txt"; then fail "report without arguments succeeded"; fi
grep -q "использование:" "$work/ru.txt" || fail "argparse's usage line is not in Russian: $(cat "$work/ru.txt")"
grep -q "обязательны" "$work/ru.txt" || fail "argparse's error is not in Russian: $(cat "$work/ru.txt")"
echo "== habitat export, and merge with its checks in a worker process (the installed script started again)"
run habitat export demo.habitat -o demo.habx >/dev/null
run habitat init region.habitat --office ROAS --office-name "Regional Office for Arab States" --country EG >/dev/null
run env HABITAT_CHECK_PROCESS_FROM=0 habitat merge region.habitat demo.habx --trust-coordinator --json > "$work/merge.json"
grep -q "\"added\": 7[0-9]" "$work/merge.json" || fail "the merge did not add the demo's activities: $(cat "$work/merge.json")"
echo "== habitat-desktop opens a workspace"
run env HABITAT_SMOKE_TEST=1 habitat-desktop demo.habitat | grep -q "window shown" || fail "the window did not open"
echo "wheel checks passed"
