"""Builds the report body faces in habitat_desktop/data/fonts/ from Debian's fonts-noto-core and fonts-noto-cjk (OFL 1.1).

Noto Serif (Latin, Cyrillic) and Noto Naskh Arabic are copied as shipped, subset to the scripts the reports set;
Noto Serif CJK SC is subset like Noto Sans SC (build_cjk.py) and its CFF outlines converted to glyf so ReportLab
embeds it. Run: python packaging/fonts/build_serif.py /path/to/extracted/debs /path/to/habitat_desktop/data/fonts
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

sys.path.insert(0, str(Path(__file__).parent))
from build_cjk import chars  # noqa: E402  the same character set as Noto Sans SC

source, target = Path(sys.argv[1]), Path(sys.argv[2])
noto = source / "usr/share/fonts/truetype/noto"
cjk = source / "usr/share/fonts/opentype/noto"

LATIN = (
    set(range(0x20, 0x7F)) | set(range(0xA0, 0x250)) | set(range(0x300, 0x370)) | set(range(0x400, 0x530))
    | set(range(0x1E00, 0x1F00)) | set(range(0x2000, 0x2070)) | set(range(0x20A0, 0x20C0)) | set(range(0x2100, 0x2150))
    | {0x2212, 0x25CC, 0xFFFD}
)
# Arabic without ASCII but the space: digits, Latin punctuation and brackets come from Noto Serif (the Naskh face has
# no brackets), so a Latin phrase inside Arabic is set in one face, and a text measures the same whole or in words
ARABIC = {0x20, 0xA0, 0xAB, 0xBB, 0x25CC} | set(range(0x600, 0x700)) | set(range(0x750, 0x780)) | set(
    range(0x8A0, 0x900)
) | set(range(0x2000, 0x2070)) | set(range(0xFB50, 0xFE00)) | set(range(0xFE70, 0xFF00))


def keep(src: Path, out: Path, unicodes: set[int]) -> None:
    font = TTFont(src)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    font.save(out)
    print(out, out.stat().st_size)


for style in ("Regular", "Bold"):
    keep(noto / f"NotoSerif-{style}.ttf", target / f"NotoSerif-{style}.ttf", LATIN)
    keep(noto / f"NotoNaskhArabic-{style}.ttf", target / f"NotoNaskhArabic-{style}.ttf", ARABIC)
# titles of publications in Latin and Cyrillic text (Arabic and Chinese script have no italics)
keep(noto / "NotoSerif-Italic.ttf", target / "NotoSerif-Italic.ttf", LATIN)

# Song/Ming for Chinese body text (bold Chinese is set in Noto Sans SC Bold, a Hei face, as UN Chinese documents do)
import build_cjk  # noqa: E402

collection = TTCollection(cjk / "NotoSerifCJK-Regular.ttc")
for font in collection.fonts:
    if font["name"].getDebugName(1) == "Noto Serif CJK SC":
        break
else:
    raise SystemExit("no Noto Serif CJK SC in the collection")
build_cjk.convert(font, "Noto Serif SC", "NotoSerifSC", "Regular", target / "NotoSerifSC-Regular.ttf")
