"""Arabic for drawing: a run of text shaped by HarfBuzz with the font's own rules, as glyphs that say what they mean.

Each glyph comes with the character to encode it by (``ShapedTTFont.glyph_char``): the letter itself where the font
maps it to that glyph, else a private code whose ToUnicode entry is the text the glyph stands for, so a lam-alef
ligature or a final form copies as the letters that were typed.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

import uharfbuzz as hb
from reportlab.pdfbase import pdfmetrics

from habitat_desktop.reports.reportlab_adapter import ShapedTTFont

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_JOINING = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")


class Glyph(NamedTuple):
    """A shaped glyph at size 1: the character that encodes it, its advance and its offset from the pen."""

    char: str
    advance: float
    dx: float
    dy: float


def has_rtl(text: str) -> bool:
    """Whether a text holds right-to-left letters (Arabic, Hebrew…)."""
    return _RTL.search(text) is not None


def needs_shaping(text: str) -> bool:
    """Whether a text holds Arabic, whose letters join and whose marks are placed by the font's rules."""
    return _JOINING.search(text) is not None


@cache
def _hb_font(font_name: str) -> tuple[hb.Font, float]:
    font = pdfmetrics.getFont(font_name)
    with open(font.face.filename, "rb") as source:
        face = hb.Face(hb.Blob(source.read()))
    return hb.Font(face), float(face.upem)


@lru_cache(maxsize=50_000)
def shape_run(text: str, font_name: str, rtl: bool, added: range = range(0)) -> tuple[Glyph, ...]:
    """A run of one font and one direction shaped: its glyphs left to right, sizes in ems.

    Clusters are kept per character (marks are clusters of their own), so each glyph stands for the characters of
    its cluster; a cluster of several glyphs gives its text to its first glyph in reading order, and a glyph drawn
    without advance (a vowel mark, the alef of lam-alef) gives it to the glyph before it: extractors that order by
    position (poppler) then never see two characters at one place. Characters at ``added`` indices (tatweels a
    justified line inserted) are drawn but stand for no text: the text copied is the text typed.
    """
    font = pdfmetrics.getFont(font_name)
    assert isinstance(font, ShapedTTFont)
    hb_font, upem = _hb_font(font_name)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    hb.shape(hb_font, buffer, {"kern": True, "liga": True})
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    starts = sorted({info.cluster for info in infos})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    order = range(len(infos) - 1, -1, -1) if rtl else range(len(infos))
    texts = [""] * len(infos)
    given: set[int] = set()
    carrier = -1  # the last glyph in reading order with an advance: zero-width glyphs give it their text
    for index in order:  # reading order: the first glyph of a cluster stands for its text
        cluster = infos[index].cluster
        if cluster in given:
            continue
        given.add(cluster)
        if cluster in added:
            continue  # its text stays empty
        if positions[index].x_advance == 0 and carrier >= 0:
            texts[carrier] += text[cluster : ends[cluster]]  # a mark, or the alef of lam-alef, goes with its base
        else:
            texts[index] = text[cluster : ends[cluster]]
            carrier = index
    return tuple(
        Glyph(
            font.glyph_char(info.codepoint, texts[index]),
            position.x_advance / upem,
            position.x_offset / upem,
            position.y_offset / upem,
        )
        for index, (info, position) in enumerate(zip(infos, positions, strict=True))
    )


@lru_cache(maxsize=50_000)
def shaped_width(text: str, font_name: str, rtl: bool) -> float:
    """The advance of a shaped run at size 1."""
    return sum(glyph.advance for glyph in shape_run(text, font_name, rtl))
