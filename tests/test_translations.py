"""Every message ships in all six languages: translated, not fuzzy, same placeholders, right plural forms."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from habitat_desktop.l10n import LANGUAGES, _, ngettext, set_language, use_language
from habitat_desktop.l10n.translation import placeholders, plural_placeholders_fit

ROOT = Path(__file__).resolve().parents[1]
TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
PLURAL_FORMS = {"ar": 6, "zh": 1, "fr": 2, "ru": 3, "es": 2}


def _catalog(language: str):  # type: ignore[no-untyped-def]
    with (ROOT / "i18n" / language / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=language)


def _source_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT / "habitat_desktop"),
        method_map=[("**.py", "python")],
        keywords={"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)},
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_template_holds_every_message_in_the_source() -> None:
    with (ROOT / "i18n" / "messages.pot").open("rb") as fh:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    missing = _source_messages() - template
    assert not missing, f"run 'make update-catalogs' and translate: {sorted(missing)[:10]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalog_is_complete_and_consistent(language: str) -> None:
    catalog = _catalog(language)
    source = _source_messages()
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    assert not (source - ids), f"{language}: not in the catalog: {sorted(source - ids)[:10]}"
    assert catalog.num_plurals == PLURAL_FORMS[language]
    problems = []
    for message in catalog:
        if not message.id:
            continue
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        if isinstance(message.id, tuple) and len(targets) != PLURAL_FORMS[language]:
            problems.append(f"plural forms: {message.id!r}")
        for target in targets:
            if not target:
                problems.append(f"untranslated: {message.id!r}")
            elif isinstance(message.id, tuple):  # a form may leave {count} out ("نشاط واحد")
                if not plural_placeholders_fit(sources[-1], target):
                    problems.append(f"placeholders differ: {message.id!r} -> {target!r}")
            elif placeholders(target) != placeholders(sources[0]):
                problems.append(f"placeholders differ: {message.id!r} -> {target!r}")
    assert not problems, f"{language}: " + "; ".join(problems[:10])


def test_translation_is_used_and_switches_at_run_time() -> None:
    set_language("fr")
    french = _("Planned")
    set_language("ru")
    russian = _("Planned")
    set_language("en")
    assert _("Planned") == "Planned"
    assert french != "Planned" and russian != "Planned" and french != russian
    with use_language("zh"):
        assert _("Planned") != "Planned"
    assert _("Planned") == "Planned"


def test_plural_forms_follow_each_language() -> None:
    with use_language("ru"):
        forms = {ngettext("{count} activity", "{count} activities", n) for n in (1, 2, 5)}
    assert len(forms) == 3


def test_a_translation_with_wrong_placeholders_falls_back_to_the_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    from habitat_desktop.l10n import translation

    catalog = Catalog(locale="fr")
    catalog.add("No workspace at {path}", "Aucun espace de travail à {chemin}")
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    import gettext

    monkeypatch.setitem(translation._cache, "fr", gettext.GNUTranslations(buffer))
    with use_language("fr"):
        assert _("No workspace at {path}") == "No workspace at {path}"
