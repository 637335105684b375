"""A number typed with plain spaces between its digit groups ("50 000") is held together in reports: no line
breaks inside it, and in Arabic its groups keep their order (a plain space would show "000 50")."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from habitat_desktop.l10n.punctuation import numbers_held_together
from habitat_desktop.reports import wording as w
from habitat_desktop.reports.bidi_order import visual_runs


def test_a_typed_spaced_number_in_arabic_reads_in_order_on_the_page() -> None:
    typed = "أكثر من 50 000 حدث"
    assert [run.text for run in visual_runs(typed, True)][1:4] == ["000", " ", "50"]  # what a plain space does
    held = "".join(piece.text for piece in w.user_text(typed, "ar", None, "ar"))
    assert "50\u00a0000" in [run.text for run in visual_runs(held, True)]


def test_years_and_other_numbers_are_left_alone() -> None:
    assert numbers_held_together("in 2024 300 cities") == "in 2024 300 cities"
    assert numbers_held_together("1 250 000 dollars in 2025") == "1\u00a0250\u00a0000 dollars in 2025"
    assert numbers_held_together("paragraphs 6 7") == "paragraphs 6 7"


@given(st.integers(min_value=1000, max_value=10**12))
def test_any_number_grouped_by_thousands_is_held_together(number: int) -> None:
    grouped = f"{number:,}".replace(",", " ")
    assert numbers_held_together(f"about {grouped} people") == f"about {grouped.replace(' ', chr(0xA0))} people"
