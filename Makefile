# Habitat Desktop — `make run` opens the app on a demo workspace; `make test` runs the whole suite headless.
# Everything else is set up on the way: system libraries Qt needs, a virtual environment, the package and
# its compiled translation catalogs.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SETUP  := $(VENV)/.setup-done
DEMO   ?= demo/demo.habitat
LANGS  := ar es fr ru zh

.PHONY: run test setup system-deps catalogs update-catalogs lint demo clean bench bench-merge package package-test wheel-test

run: setup catalogs $(DEMO)
	$(BIN)/habitat-desktop $(DEMO)

test: setup catalogs
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

setup: system-deps $(SETUP)

system-deps:
	@sh .ci/system-deps.sh

$(SETUP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(SETUP)

catalogs: $(SETUP)
	@for lang in $(LANGS); do \
	  mkdir -p habitat_desktop/locale/$$lang/LC_MESSAGES; \
	  $(BIN)/pybabel compile -D messages -l $$lang \
	    -i i18n/$$lang/LC_MESSAGES/messages.po -o habitat_desktop/locale/$$lang/LC_MESSAGES/messages.mo || exit 1; \
	done

# Extract every _() / N_() / ngettext() message and merge it into each language's catalog.
update-catalogs: $(SETUP)
	$(BIN)/pybabel extract -F i18n/babel.cfg -k N_ -k ngettext:1,2 -k N_plural:1,2 -k pgettext:1c,2 -k npgettext:1c,2,3 -c Translators: --no-location --sort-output --no-wrap \
	  --project "Habitat Desktop" --copyright-holder "Habitat Desktop contributors" \
	  -o i18n/messages.pot habitat_desktop
	@for lang in $(LANGS); do \
	  $(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete --no-wrap -D messages -l $$lang \
	    -i i18n/messages.pot -o i18n/$$lang/LC_MESSAGES/messages.po; \
	done

$(DEMO): | $(SETUP)
	@mkdir -p $(dir $(DEMO))
	$(BIN)/habitat demo $(DEMO)

demo: $(DEMO)

# The checks CI runs before the tests (and .pre-commit-config.yaml runs before each commit): lint, format, types,
# layers.
lint: setup
	$(BIN)/ruff check habitat_desktop tests bench
	$(BIN)/ruff format --check habitat_desktop tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: setup catalogs
	$(BIN)/python bench/workspace_scale.py
	$(BIN)/python bench/import_speed.py

# 50 exports x 20,000 activities merged, three times against the ATTACH + upsert baseline (tens of minutes)
bench-merge: setup
	$(BIN)/python bench/merge_scale.py --runs 3

# A self-contained one-folder bundle (PyInstaller) in dist/habitat-desktop/, and a tarball of it with the Linux
# desktop entry, icon, file types and installer.
package: setup catalogs
	@sh .ci/system-deps.sh package
	@$(BIN)/python -c "import PyInstaller" 2>/dev/null || $(BIN)/python -m pip install --quiet "pyinstaller>=6.10,<7"
	@start=$$(date +%s); \
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
	  packaging/habitat-desktop.spec && \
	echo "bundle built in $$(( $$(date +%s) - start )) s; size $$(du -sh dist/habitat-desktop | cut -f1)"
	@rm -rf dist/tarball && mkdir -p dist/tarball && cp -R dist/habitat-desktop dist/tarball/ && \
	cp packaging/linux/habitat-desktop.desktop packaging/linux/habitat-desktop.xml packaging/linux/install.sh \
	   habitat_desktop/data/icons/habitat-desktop-256.png habitat_desktop/data/icons/habitat-desktop.svg dist/tarball/ && \
	tar -C dist/tarball -czf dist/habitat-desktop-linux-$$(uname -m).tar.gz . && \
	echo "tarball: dist/habitat-desktop-linux-$$(uname -m).tar.gz ($$(du -sh dist/habitat-desktop-linux-$$(uname -m).tar.gz | cut -f1))"

# Build the bundle from a clean state and check it runs without Python, a virtual environment or the source tree.
package-test:
	rm -rf build/pyinstaller dist
	$(MAKE) package
	sh packaging/check_bundle.sh dist/habitat-desktop

# Build the wheel (the catalog, fonts, demo, icons and compiled translations inside), install it into a clean
# virtual environment and run habitat and habitat-desktop from it, away from the source tree.
wheel-test: system-deps
	sh packaging/check_wheel.sh $(PYTHON)

clean:
	rm -rf $(VENV) habitat_desktop/locale build dist *.egg-info demo
