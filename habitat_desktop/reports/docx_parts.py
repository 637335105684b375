"""What python-docx lacks, written with lxml: the footnotes part, footnote references, paragraph numbering,
right-to-left paragraphs and sections, and the fonts and languages of each script."""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import RGBColor
from docx.text.paragraph import Paragraph

FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FONTS = {"latin": "Noto Serif", "arabic": "Noto Naskh Arabic", "cjk": "Noto Serif SC", "cjk_bold": "Noto Sans SC"}
LANGUAGE_TAGS = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES", "ru": "ru-RU", "zh": "zh-CN", "ar": "ar-SA"}
NUMBERING_ID = 90  # the abstract numbering and the numbering of the report's paragraphs


def _element(xml: str) -> BaseOxmlElement:
    return parse_xml(xml)


_AFTER_BIDI_IN_PPR = (
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_AFTER_LANG_IN_RPR = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_BIDI_IN_SECTPR = ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


def _ordered_child(parent: Any, tag: str, successors: tuple[str, ...]) -> Any:
    """The child with a tag, made in its schema place (before the first of ``successors``) when missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = parent.makeelement(qn(tag), {})
        parent.insert_element_before(found, *successors)
    return found


def paragraph_bidi(p_pr: Any) -> None:
    _ordered_child(p_pr, "w:bidi", _AFTER_BIDI_IN_PPR)


def set_size(r_pr: Any, half_points: int) -> None:
    """A run's size, for Latin/East Asian and complex-script text alike."""
    r_pr.get_or_add_sz().set(qn("w:val"), str(half_points))
    size_cs = r_pr.find(qn("w:szCs"))
    if size_cs is None:
        size_cs = r_pr.makeelement(qn("w:szCs"), {})
        r_pr.find(qn("w:sz")).addnext(size_cs)
    size_cs.set(qn("w:val"), str(half_points))


def set_fonts(r_pr: Any, language: str, bold: bool = False) -> None:
    """The fonts and languages of a run or style: Latin, East Asian (Chinese) and complex script (Arabic)."""
    fonts = r_pr.get_or_add_rFonts()
    for key in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(key), None)
    fonts.set(qn("w:ascii"), FONTS["latin"])
    fonts.set(qn("w:hAnsi"), FONTS["latin"])
    fonts.set(qn("w:eastAsia"), FONTS["cjk_bold"] if bold else FONTS["cjk"])
    fonts.set(qn("w:cs"), FONTS["arabic"])
    if language == "zh":
        fonts.set(qn("w:hint"), "eastAsia")
    lang = _ordered_child(r_pr, "w:lang", _AFTER_LANG_IN_RPR)
    lang.set(qn("w:val"), LANGUAGE_TAGS.get(language, "en-GB") if language not in ("zh", "ar") else "en-GB")
    lang.set(qn("w:eastAsia"), LANGUAGE_TAGS["zh"])
    lang.set(qn("w:bidi"), LANGUAGE_TAGS["ar"])


def style_document(document: Document, language: str) -> None:
    """Default fonts and languages; for Chinese the East Asian fonts, for Arabic right to left throughout."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(r_pr, language)
    for style in document.styles:
        element = style.element
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            continue
        heading = style.name.startswith("Heading") or style.name in ("Title", "Subtitle")
        set_fonts(element.get_or_add_rPr(), language, bold=heading)
        if heading:  # UN documents: black, bold headings in the body's family
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.font.bold = True
            style.font.italic = False
        if language == "ar":
            element.get_or_add_rPr().get_or_add_rtl()
            if style.type == WD_STYLE_TYPE.PARAGRAPH:
                paragraph_bidi(element.get_or_add_pPr())
    if language == "ar":
        for section in document.sections:
            _ordered_child(section._sectPr, "w:bidi", _AFTER_BIDI_IN_SECTPR)


class FootnotesPart:
    """word/footnotes.xml: the separators Word expects, then the report's notes."""

    def __init__(self, document: Document) -> None:
        xml = (
            f"<w:footnotes {nsdecls('w', 'r')}>"
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
            "</w:footnote></w:footnotes>"
        )
        self.element = _element(xml)
        self.part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, b"", document.part.package)
        document.part.relate_to(self.part, RT.FOOTNOTES)
        self.next_id = 1

    def add(self, runs: list[tuple[str, bool]], language: str, custom_mark: str | None = None) -> int:
        """A note of (text, italic) runs; its id. With ``custom_mark`` the note is marked by it ("*")."""
        note_id = self.next_id
        self.next_id += 1
        note = _element(f'<w:footnote {nsdecls("w")} w:id="{note_id}"/>')
        paragraph = _element(f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr></w:p>')
        if language == "ar":
            paragraph_bidi(paragraph.find(qn("w:pPr")))
        mark = _element(f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:r>')
        if custom_mark:
            mark.append(_text(custom_mark))
        else:
            mark.append(_element(f"<w:footnoteRef {nsdecls('w')}/>"))
        paragraph.append(mark)
        paragraph.append(_run(" ", False, language, size=16))
        for text, italic in runs:
            paragraph.append(_run(text, italic, language, size=16))
        note.append(paragraph)
        self.element.append(note)
        return note_id

    def serialize(self) -> None:
        from lxml import etree

        self.part._blob = etree.tostring(self.element, xml_declaration=True, encoding="UTF-8", standalone=True)


def _text(text: str) -> Any:
    element = _element(f'<w:t {nsdecls("w")} xml:space="preserve"/>')
    element.text = text
    return element


def _run(text: str, italic: bool, language: str, size: int | None = None) -> Any:
    run = _element(f"<w:r {nsdecls('w')}><w:rPr/></w:r>")
    r_pr = run.find(qn("w:rPr"))
    if italic:
        r_pr.get_or_add_i()
        r_pr.get_or_add_iCs()
    if size:
        set_size(r_pr, size)
    if language == "ar":
        r_pr.get_or_add_rtl()
    run.append(_text(text))
    return run


def footnote_reference(paragraph: Paragraph, note_id: int, language: str, custom_mark: str | None = None) -> None:
    """A superscript reference to a note at the end of a paragraph."""
    run = _element(f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:r>')
    if language == "ar":
        run.find(qn("w:rPr")).get_or_add_rtl()
    reference = _element(f'<w:footnoteReference {nsdecls("w")} w:id="{note_id}"/>')
    if custom_mark:
        reference.set(qn("w:customMarkFollows"), "1")
    run.append(reference)
    if custom_mark:
        run.append(_text(custom_mark))
    paragraph._p.append(run)


def add_paragraph_numbering(document: Document, language: str) -> int:
    """A numbering for the report's paragraphs ("1.", Arabic "1 -"), hanging at 1 cm; its numId."""
    numbering = document.part.numbering_part.element
    text = "%1 -" if language == "ar" else "%1."
    abstract = _element(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{NUMBERING_ID}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:tabs><w:tab w:val="num" w:pos="567"/></w:tabs><w:ind w:left="0" w:firstLine="0"/></w:pPr>'
        "</w:lvl></w:abstractNum>"
    )
    nums = numbering.findall(qn("w:num"))
    if nums:
        nums[0].addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        _element(f'<w:num {nsdecls("w")} w:numId="{NUMBERING_ID}"><w:abstractNumId w:val="{NUMBERING_ID}"/></w:num>')
    )
    return NUMBERING_ID


def number_paragraph(paragraph: Paragraph, num_id: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id


def table_bidi(table: Any) -> None:
    """A right-to-left table (its first column on the right)."""
    tbl_pr = table._tbl.tblPr
    bidi = tbl_pr.find(qn("w:bidiVisual"))
    if bidi is None:
        bidi = tbl_pr.makeelement(qn("w:bidiVisual"), {})
        tbl_pr.insert_element_before(
            bidi,
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
            "w:tblPrChange",
        )


def rule_below(table: Any) -> None:
    """The masthead's rule: a bottom border under the table."""
    tbl_pr = table._tbl.tblPr
    borders = _element(
        f'<w:tblBorders {nsdecls("w")}><w:bottom w:val="single" w:sz="12" w:space="0" w:color="000000"/></w:tblBorders>'
    )
    tbl_pr.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"
    )
