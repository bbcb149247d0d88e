"""wordstyle: a font set in a Word style reaches Thai text (the complex-script slots), the
languages are the triple Word writes on Thai Windows, and theme fonts no longer override it.

Checked on a saved .docx read back, the way Word and LibreOffice will read it.
"""
from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

from ita_xl.wordstyle import remove_theme_fonts, set_document_fonts, set_fonts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _reopen(doc):
    buf = io.BytesIO()
    doc.save(buf)
    return docx.Document(io.BytesIO(buf.getvalue()))


def _slots(rpr) -> dict:
    fonts = rpr.find(qn("w:rFonts"))
    lang = rpr.find(qn("w:lang"))
    return {
        "fonts": {k.replace(W, ""): v for k, v in fonts.attrib.items()},
        "sz": rpr.find(qn("w:sz")).get(qn("w:val")),
        "szCs": rpr.find(qn("w:szCs")).get(qn("w:val")),
        "lang": {k.replace(W, ""): v for k, v in lang.attrib.items()},
        "order": [child.tag.replace(W, "") for child in rpr],
    }


def test_every_slot_of_the_defaults_normal_and_named_styles_gets_the_font():
    doc = docx.Document()
    set_document_fonts(doc, "TH SarabunPSK", 16, styles=("Heading 1",))
    doc = _reopen(doc)
    rprs = [doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")),
            doc.styles["Normal"].element.rPr, doc.styles["Heading 1"].element.rPr]
    for rpr in rprs:
        got = _slots(rpr)
        assert got["fonts"] == {s: "TH SarabunPSK" for s in ("ascii", "hAnsi", "eastAsia", "cs")}
        assert got["sz"] == got["szCs"] == "32"  # half points: Thai text is 16 pt too
        assert got["lang"] == {"val": "en-US", "eastAsia": "en-US", "bidi": "th-TH"}
    # python-docx's default theme fonts (minorHAnsi …) would beat the name in Word: gone
    assert not [a for el in doc.styles.element.iter(qn("w:rFonts")) for a in el.attrib
                if a.lower().endswith("theme")]


def test_bold_reaches_thai_too_and_old_settings_are_replaced_in_schema_order():
    doc = docx.Document()
    rpr = doc.styles["Normal"].element.get_or_add_rPr()
    set_fonts(rpr, "Angsana New", 14, bold=True)
    set_fonts(rpr, "TH SarabunPSK", 15.5, bold=False)  # again: replaces, never duplicates
    got = _slots(_reopen(doc).styles["Normal"].element.rPr)
    assert got["fonts"]["cs"] == "TH SarabunPSK" and got["sz"] == got["szCs"] == "31"
    assert got["order"] == ["rFonts", "b", "bCs", "sz", "szCs", "lang"]  # each once, in order
    normal = _reopen(doc).styles["Normal"].element.rPr
    assert normal.find(qn("w:b")).get(qn("w:val")) == "0" == normal.find(qn("w:bCs")).get(qn("w:val"))


def test_remove_theme_fonts_keeps_the_named_fonts():
    doc = docx.Document()
    fonts = doc.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:asciiTheme"), "minorHAnsi")
    fonts.set(qn("w:cstheme"), "minorBidi")
    fonts.set(qn("w:cs"), "TH SarabunPSK")
    remove_theme_fonts(doc)
    attrs = {k.replace(W, ""): v for k, v in doc.styles["Normal"].element.rPr.rFonts.attrib.items()}
    # OOXML spells the complex-script one "cstheme": it is the one that would override Thai
    assert attrs == {"cs": "TH SarabunPSK"}


def test_the_shipped_templates_have_no_theme_font_left():
    from ita_xl import resources

    for name in ("memo", "report"):
        styles = docx.Document(str(resources.templates_dir() / f"{name}.docx")).styles.element
        assert not [a for el in styles.iter(qn("w:rFonts")) for a in el.attrib
                    if a.lower().endswith("theme")], name
