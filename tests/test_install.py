"""What a wheel is built from: every shipped resource declared as package data, translations compiled at build time."""

from __future__ import annotations

import fnmatch
import gettext
import importlib.util
import tomllib
from pathlib import Path
from types import ModuleType

from habitat_desktop.l10n import LANGUAGES
from habitat_desktop.resources import locale_dir, resource_path

ROOT = Path(__file__).resolve().parents[1]


def _package_data() -> dict[str, list[str]]:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return dict(tomllib.load(fh)["tool"]["setuptools"]["package-data"])


def _setup_module() -> ModuleType:
    """setup.py loaded as a module (its ``setup()`` call runs only as a script)."""
    spec = importlib.util.spec_from_file_location("habitat_setup", ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_resource_is_package_data_of_the_wheel() -> None:
    data = resource_path()
    assert data.is_relative_to(ROOT / "habitat_desktop")  # inside the package, not beside it
    declared = _package_data()
    shipped = [p for p in data.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert len(shipped) > 20
    undeclared = []
    for path in shipped:
        package = ".".join(path.parent.relative_to(ROOT).parts)
        if not any(fnmatch.fnmatch(path.name, pattern) for pattern in declared.get(package, [])):
            undeclared.append(str(path.relative_to(ROOT)))
    assert not undeclared, f"add to [tool.setuptools.package-data]: {undeclared}"
    for needed in (
        ("catalog", "resolutions.json"),
        ("demo", "demo.json"),
        ("glossary", "terms.json"),
        ("fonts", "OFL.txt"),
        ("icons",),
    ):
        assert resource_path(*needed).exists(), needed


def test_the_sdist_carries_the_translators_catalogs() -> None:
    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8").splitlines()
    assert "recursive-include i18n *.po" in manifest and "include setup.py" in manifest


def test_the_build_compiles_every_language_into_the_package_locale(tmp_path: Path) -> None:
    written = _setup_module().compile_catalogs(ROOT / "i18n", tmp_path / "habitat_desktop" / "locale")
    languages = {path.parents[1].name for path in written}
    assert languages == set(LANGUAGES) - {"en"}
    assert locale_dir().name == "locale" and locale_dir().parent == resource_path().parent  # where they are read
    with (tmp_path / "habitat_desktop" / "locale" / "ru" / "LC_MESSAGES" / "messages.mo").open("rb") as fh:
        russian = gettext.GNUTranslations(fh)
    assert russian.gettext("usage: ") == "использование: "
    assert russian.ngettext("expected %s argument", "expected %s arguments", 5) == "ожидалось %s аргументов"
