"""PDF reports in the six UN languages (ReportLab; no Qt, no storage sessions).

Arabic shaping: HarfBuzz, chosen over presentation-form reshaping (arabic-reshaper) after trying both on the
catalog's Arabic and the demo reports (``bench/arabic_shaping.py``, Noto Naskh Arabic):

- HarfBuzz applies the font's own GSUB and GPOS rules. Of the 836 distinct Arabic words of the catalog, 78 get other
  glyphs than presentation forms give (the Naskh face's contextual forms and ligatures, which Unicode's presentation
  forms cannot name), and every vowel mark is placed on its letter by the font's anchors ("مُدُن": the two dammas
  sit over their own letters, at different offsets) where reshaping leaves each mark at one default spot.
- It is faster: 3.5 µs per word against 49 µs for arabic-reshaper (uncached; both are cached per word in use).
- Presentation forms are what made the text unsearchable; with HarfBuzz each glyph is encoded by its letter or by a
  private code whose ToUnicode entry is the text it stands for (``reportlab_adapter.ShapedTTFont``), so pypdf,
  pdfminer.six and poppler's pdftotext extract the base letters in reading order (``line_setter``).

Speed (``bench/report_speed.py``, 10,000 activities, all six languages, against plain ReportLab in the same run):
the bidi algorithm runs on a short path of string operations for every line (``bidi_fast``, isolates resolved
apart), a right-to-left word's operators are made once per document, wrapping measures and places a piece's words
at once, and faces and missing characters are found with translations and set operations. Kashida justification
costs little (a cached best place per word, tried only on lines with room for one tatweel).

Pipeline: ``document`` (pages, running heads, footers, tables) and ``text_block`` (wrapping, justification, widows
and orphans) set every string through ``line_setter.LineSetter``, which orders each line by the Unicode
Bidirectional Algorithm (``bidi_order``), picks a bundled face per character (``fonts``), shapes right-to-left runs
(``arabic_shaping``) and writes the text operators (through ``reportlab_adapter``, the one module that touches
ReportLab's private attributes).
"""
