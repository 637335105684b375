"""Arabic shaping compared: presentation-form reshaping (arabic-reshaper) against HarfBuzz with Noto Naskh Arabic.

Run: ``.venv/bin/python bench/arabic_shaping.py`` (arabic-reshaper is needed for the comparison only; it is not a
dependency). Prints, over the words of the Arabic catalog, how many get other glyphs from the font's own rules than
from presentation forms, how vowel marks are placed, and the time each takes per word (uncached), as figures only.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import uharfbuzz as hb
from fontTools.ttLib import TTFont

from habitat_desktop.resources import resource_path

FONT = resource_path("fonts", "NotoNaskhArabic-Regular.ttf")
CATALOG = Path(__file__).resolve().parent.parent / "i18n" / "ar" / "LC_MESSAGES" / "messages.po"
MARKED = ["مُدُن", "سُجِّلَ", "التَّنْمِيَة", "المُسْتَدَامَة", "صُنِّفَت"]


def words() -> list[str]:
    text = " ".join(re.findall(r'^msgstr "(.*)"', CATALOG.read_text(encoding="utf-8"), re.M))
    return sorted(set(re.findall("[\u0600-\u06ff]+", text)))


def main() -> None:
    try:
        import arabic_reshaper
    except ImportError:
        print("arabic-reshaper is not installed: pip install arabic-reshaper to compare")
        return
    reshaper = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False, "support_ligatures": True})
    font = TTFont(FONT)
    cmap = font.getBestCmap()
    order = font.getGlyphOrder()
    blob = hb.Blob(FONT.read_bytes())
    hb_font = hb.Font(hb.Face(blob))

    def harfbuzz(word: str) -> list[tuple[str, int, int]]:
        buffer = hb.Buffer()
        buffer.add_str(word)
        buffer.guess_segment_properties()
        hb.shape(hb_font, buffer, {})
        return [
            (order[info.codepoint], position.x_offset, position.y_offset)
            for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True)
        ]

    def reshaped(word: str) -> list[tuple[str, int, int]]:
        return [(cmap.get(ord(c), ".notdef"), 0, 0) for c in reversed(reshaper.reshape(word))]

    sample = words()
    differing = [w for w in sample if [g for g, _x, _y in harfbuzz(w)] != [g for g, _x, _y in reshaped(w)]]
    missing = [w for w in sample if any(g == ".notdef" for g, _x, _y in reshaped(w))]
    print(f"{len(sample)} distinct Arabic words of the catalog")
    print(f"  glyphs differ (the font's contextual forms and ligatures beyond presentation forms): {len(differing)}")
    print(f"  presentation forms the font lacks (drawn as .notdef when reshaped): {len(missing)}")
    for word in MARKED:
        marks = [(x, y) for g, x, y in harfbuzz(word) if y or x]
        print(f"  {word}: HarfBuzz places {len(marks)} marks by anchors {marks}; reshaping leaves them at (0, 0)")
    for name, shaper in (("arabic-reshaper", reshaped), ("HarfBuzz", harfbuzz)):
        started = time.perf_counter()
        for _round in range(5):
            for word in sample:
                shaper(word)
        per_word = (time.perf_counter() - started) / (5 * len(sample)) * 1e6
        print(f"{name:<16} {per_word:8.1f} µs per word (uncached)")


if __name__ == "__main__":
    main()
