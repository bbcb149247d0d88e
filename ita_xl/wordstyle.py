"""Thai fonts in Word styles, shared by the template build and the PDF probe of ``doctor``.

Word keeps Thai text in the complex-script slot: a run's Thai characters use the ``w:cs`` font
and the ``w:szCs`` size (bold: ``w:bCs``).  Setting only ``font.name``/``font.size`` in
python-docx leaves Thai in a fallback font at the default size, so every font setting here
fills all four slots, and theme attributes are removed because a theme font beats a name.
"""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

#: Language of Latin-script text (``w:lang w:val``) and of Thai text (``w:lang w:bidi``).
LATIN_LANG = "en-US"
THAI_LANG = "th-TH"


def set_fonts(rpr, family: str, size_pt: float, bold: bool | None = None) -> None:
    """Set ``family`` and ``size_pt`` in every slot of a ``w:rPr`` (and bold, when given)."""
    for tag in ("w:rFonts", "w:b", "w:bCs", "w:sz", "w:szCs", "w:lang"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), family)
    half_points = str(int(round(size_pt * 2)))
    children = [fonts]
    if bold is not None:
        for tag in ("w:b", "w:bCs"):
            el = OxmlElement(tag)
            if not bold:
                el.set(qn("w:val"), "0")
            children.append(el)
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), half_points)
        children.append(el)
    # Each script takes its language from its own slot: Latin text from w:val, Thai (a complex
    # script for Word and LibreOffice) from w:bidi.  Tagging Latin th-TH too made LibreOffice
    # break English words anywhere ("Assessme|nt"); Word on Thai Windows writes the same triple.
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LATIN_LANG)
    lang.set(qn("w:eastAsia"), LATIN_LANG)
    lang.set(qn("w:bidi"), THAI_LANG)
    children.append(lang)
    # Schema order inside rPr: rFonts, b, bCs, ..., sz, szCs, ..., lang.
    for anchor, child in enumerate(children):
        rpr.insert(anchor, child)


def set_document_fonts(doc, family: str, size_pt: float, styles: tuple[str, ...] = ()) -> None:
    """``family`` at ``size_pt`` in the document defaults, Normal and the named ``styles``."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    set_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), family, size_pt)
    for name in ("Normal", *styles):
        set_fonts(doc.styles[name].element.get_or_add_rPr(), family, size_pt)
    remove_theme_fonts(doc)


def remove_theme_fonts(doc) -> None:
    """Drop every theme font attribute in the styles part (they override font names):
    ``asciiTheme``, ``hAnsiTheme``, ``eastAsiaTheme`` and ``cstheme`` (so spelled in OOXML; the
    one Thai text uses)."""
    for el in doc.styles.element.iter(qn("w:rFonts")):
        for attr in list(el.attrib):
            if attr.lower().endswith("theme"):
                del el.attrib[attr]
