"""History sentences: every kind of change, in every language, names the field and shows both values whole."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from habitat_desktop.l10n import LANGUAGES, use_language
from habitat_desktop.services.history import FIELD_LABELS, HistoryEntry, describe, field_label

TEXT_FIELDS = ("title", "description", "city", "contributor")
ISOLATE = ("\u2068", "\u2069")


def _entry(field: str, old: object, new: object, action: str = "updated", record: str = "activity") -> HistoryEntry:
    moment = dt.datetime(2025, 3, 1, 9, 30)
    return HistoryEntry(1, action, field, old, new, "KEN", "amina", moment, "1:KEN:a", record, "US$5,000.00")


def _isolated(text: str) -> str:
    return f"{ISOLATE[0]}{text}{ISOLATE[1]}"


words = st.text(st.characters(categories=("L", "N", "Zs")), min_size=1, max_size=40).map(str.strip).filter(bool)


@settings(max_examples=60, deadline=None)
@given(field=st.sampled_from(TEXT_FIELDS), old=words, new=words, language=st.sampled_from(LANGUAGES))
def test_a_changed_text_shows_the_old_value_before_the_new_one(field: str, old: str, new: str, language: str) -> None:
    with use_language(language):
        sentence = describe(_entry(field, old, new), _isolated)
        assert field_label(field) in sentence and "{" not in sentence
        assert sentence.index(_isolated(old)) < sentence.rindex(_isolated(new))


def test_every_kind_of_change_is_a_translated_sentence_in_every_language() -> None:
    entries = [
        _entry("", None, {"title": "Kiosks"}, "created"),
        _entry("deleted", False, True, "deleted"),
        _entry("deleted", True, False, "restored"),
        _entry("status", "planned", "ongoing"),
        _entry("status", "ongoing", "completed", "resolved"),
        _entry("start_date", None, "2025-09-01"),
        _entry("city", "Kisumu", ""),
        _entry("partners", ["UNEP"], ["UNEP", "UNDP"]),
        _entry("resolutions", ["2/1", "2/7"], ["2/7", "2/5"]),
        _entry("outcomes", [1, 2], [2]),
        _entry("translations", {}, {"fr": {"title": "Kiosques"}}),
        _entry("", None, {"amount": "5000"}, "created", "funding"),
        _entry("stage", "pledged", "received", "updated", "funding"),
        _entry("deleted", False, True, "deleted", "funding"),
    ]
    for language in LANGUAGES:
        with use_language(language):
            sentences = [describe(entry, _isolated) for entry in entries]
        assert len(set(sentences)) == len(sentences), language
        for sentence in sentences:
            assert "{" not in sentence and "→" not in sentence
            for code in ("planned", "ongoing", "pledged", "received", "status", "stage"):
                assert code not in sentence, (language, sentence)
    assert set(FIELD_LABELS) >= {"title", "status", "amount", "stage"}
