"""Builds the package with its translations: every i18n/<lang>/LC_MESSAGES/messages.po compiled into the wheel."""

from __future__ import annotations

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DOMAIN = "messages"


def compile_catalogs(source: Path, target: Path) -> list[Path]:
    """Compile each language's ``.po`` under ``source`` into ``target/<lang>/LC_MESSAGES/messages.mo``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted(source.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        language = po_path.parent.parent.name
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=language)
        mo_path = target / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with mo_path.open("wb") as fh:
            write_mo(fh, catalog)
        written.append(mo_path)
    if not written:
        raise SystemExit(f"no translation catalogs found in {source}")
    return written


class BuildWithCatalogs(build_py):
    """build_py that also compiles the translators' catalogs into ``habitat_desktop/locale``."""

    def run(self) -> None:
        super().run()
        package = ROOT / "habitat_desktop" if self.editable_mode else Path(self.build_lib) / "habitat_desktop"
        for mo_path in compile_catalogs(ROOT / "i18n", package / "locale"):
            self.announce(f"compiled {mo_path}", level=2)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:  # type: ignore[override]
        outputs = list(super().get_outputs(include_bytecode))
        if not self.editable_mode:
            locale = Path(self.build_lib) / "habitat_desktop" / "locale"
            outputs += [str(p) for p in sorted(locale.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))]
        return outputs


if __name__ == "__main__":
    setup(cmdclass={"build_py": BuildWithCatalogs})
