import sys, json, glob
from fontTools.ttLib import TTFont, TTCollection
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib.tables._g_l_y_f import table__g_l_y_f
from fontTools.ttLib import newTable

def chars():
    s = set(range(0x20, 0x7f)) | set(range(0xa0, 0x180)) | set(range(0x2000, 0x2070)) | set(range(0x3000, 0x3040)) | set(range(0xff00, 0xfff0))
    for b1 in range(0xb0, 0xf8):
        for b2 in range(0xa1, 0xff):
            try: s.add(ord(bytes([b1, b2]).decode('gb2312')))
            except Exception: pass
    for b1 in range(0xa1, 0xaa):
        for b2 in range(0xa1, 0xff):
            try: s.add(ord(bytes([b1, b2]).decode('gb2312')))
            except Exception: pass
    for p in ['/work/shared/reference/HSP-OECPR.2025-4.zh.txt'] + glob.glob('/work/main/habitat_desktop/data/**/*.json', recursive=True) + glob.glob('/work/main/i18n/zh/LC_MESSAGES/*.po'):
        s |= {ord(c) for c in open(p, encoding='utf-8').read()}
    return s

def build(src, index, out, family_style):
    coll = TTCollection(src)
    font = None
    for f in coll.fonts:
        if f['name'].getDebugName(1) == 'Noto Sans CJK SC':
            font = f; break
    assert font is not None
    convert(font, 'Noto Sans SC', 'NotoSansSC', family_style, out)


def convert(font, family, stem, family_style, out):
    """Subset a CJK face to chars(), its CFF outlines made glyf, renamed family / stem-style."""
    opts = subset.Options(); opts.layout_features = ['*']; opts.name_IDs = ['*']; opts.notdef_outline = True
    opts.hinting = False
    sub = subset.Subsetter(opts); sub.populate(unicodes=chars()); sub.subset(font)
    # CFF -> glyf (quadratic)
    glyphset = font.getGlyphSet(); order = font.getGlyphOrder()
    glyf = newTable('glyf'); glyf.glyphOrder = order; glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphset)
        glyphset[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font['glyf'] = glyf; font['loca'] = newTable('loca')
    del font['CFF ']
    if 'VORG' in font: del font['VORG']
    maxp = font['maxp']; maxp.tableVersion = 0x00010000
    for a in ('maxZones','maxTwilightPoints','maxStorage','maxFunctionDefs','maxInstructionDefs','maxStackElements','maxSizeOfInstructions','maxComponentElements','maxPoints','maxContours','maxCompositePoints','maxCompositeContours','maxComponentDepth'):
        setattr(maxp, a, 0)
    maxp.maxZones = 1
    font['head'].indexToLocFormat = 1; font['head'].glyphDataFormat = 0
    post = font['post']; post.formatType = 2.0; post.extraNames = []; post.mapping = {}; post.glyphOrder = order
    name = font['name']
    for rec in name.names:
        if rec.nameID in (1, 16): rec.string = family
        elif rec.nameID in (4,): rec.string = family + ' ' + family_style
        elif rec.nameID == 6: rec.string = stem + '-' + family_style
    font.sfntVersion = '\x00\x01\x00\x00'
    font.save(out)
    print(out, len(order))

if __name__ == '__main__':
    build('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 0, '/tmp/fontbuild/NotoSansSC-Regular.ttf', 'Regular')
    build('/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', 0, '/tmp/fontbuild/NotoSansSC-Bold.ttf', 'Bold')
