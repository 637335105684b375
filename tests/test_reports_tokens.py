"""Wrapping a paragraph's pieces at once (one pattern over pieces of one style) breaks them exactly where wrapping
piece by piece did: tokens never cross pieces, and plain text takes the same tokens by its simpler pattern."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from habitat_desktop.reports import text_block
from habitat_desktop.reports.line_setter import LineSetter, Piece

_ALPHABET = st.sampled_from(list("ab Zé1.,;:!?()«»-\u00a0\u202f\u2068\u2069\u3000中（）、。“\u0627\u0644 "))
_SETTER = LineSetter("fr")


def _piecewise(texts: list[str]) -> list[str]:
    """The tokens of each piece on its own (the pattern before pieces were joined), as one line: no leading spaces,
    no trailing ones."""
    tokens = [token for text in texts for token in text_block._TOKEN_WITH_NUL.findall(text)]
    while tokens and not tokens[0].strip():
        tokens.pop(0)
    if tokens:
        tokens[-1] = tokens[-1].rstrip()
    return tokens


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(_ALPHABET, max_size=12), min_size=1, max_size=12))
def test_pieces_joined_give_the_tokens_of_each_piece(texts: list[str]) -> None:
    lines = text_block.wrap_pieces(_SETTER, [Piece(text) for text in texts], 1e9, 10)
    assert len(lines) <= 1
    got = [piece.text for piece in lines[0] if piece.text or len(lines[0]) == 1] if lines else []
    assert [token for token in got if token] == [token for token in _piecewise(texts) if token]


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("ab Z1.,;()\u2068\u2069é\t\u2028")), max_size=30))
def test_plain_text_takes_the_same_tokens_by_the_simple_pattern(text: str) -> None:
    if text_block._NOT_PLAIN.search(text) is None and text_block._FRENCH_SPACED.search(text) is None:
        assert text_block._PLAIN_TOKEN.findall(text) == text_block._TOKEN.findall(text)
