"""The copy of a Word file that LibreOffice turns into a PDF.

The .docx is for Word users and keeps what Word understands; LibreOffice (7.4 and 25.2) prints
some of it differently from Word, so :func:`write_copy` writes a copy for it with these changes
(the text a reader can search and copy from the PDF stays the same):

* ``w:jc thaiDistribute`` becomes ``w:jc both``: LibreOffice prints Thai distributed paragraphs
  ragged right, but with ``both`` (and the Thai language on the runs) it spreads Thai lines to
  the margin, as Word does.  (``distribute`` would spread a short last line letter by letter.)
* Line breaks a clerk accepts (``ita_xl/data/linebreaks.toml``): a WORD JOINER (U+2060) at the
  seams of the listed compounds ("ตัว⁠ชี้⁠วัด"), between a person's title and name, and a no-break
  space in "พ.ศ. ๒๕๖๕".  LibreOffice's text layer leaves both characters out or as a space, so
  ``pdftotext`` gives the words whole.
* Page numbers in Thai digits: LibreOffice imports no ``thaiNumbers`` page format and prints
  ``PAGE \\* ThaiArabic`` as Thai letters ("ข").  Where the document asks for Thai digits the
  PAGE field is set in the companion font ``fonts.DIGITS_FAMILY``, whose 0-9 are drawn as ๐-๙:
  the page shows "- ๒ -" as Word prints it; the PDF's text layer reads "- 2 -".

Anything this module cannot read is copied unchanged (LibreOffice then says what is wrong).
"""
from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from lxml import etree

from .linebreaks import NO_BREAK_SPACE, WORD_JOINER, _apply, joins

__all__ = ["write_copy", "prepare_part", "WORD_JOINER", "NO_BREAK_SPACE"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % _W
_OOXML = {".docx", ".docm", ".dotx", ".dotm"}
_TEXT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$")
# A field switch that asks for Thai digits; LibreOffice prints ThaiArabic as Thai letters.
_THAI_SWITCH = re.compile(r"\\\*\s*(ThaiArabic|ThaiNumbers)\b", re.I)
_PAGE_FIELD = re.compile(r"^\s*PAGE\b", re.I)


# --- the XML -------------------------------------------------------------------------------------
def _join_paragraph(p) -> None:
    """Insert the joins into the text runs of paragraph ``p`` (across runs: "พ.ศ. " and the
    year are often two runs)."""
    texts = [t for t in p.iter(W + "t") if _own_paragraph(t, p)]
    if not texts:
        return
    whole = "".join(t.text or "" for t in texts)
    edits = joins(whole)
    if not edits:
        return
    at = 0
    for t in texts:
        piece = t.text or ""
        end = at + len(piece)
        new = _apply(whole, edits, at, end)
        if at in edits and at != 0:  # a join between two runs goes at the start of the second
            new = edits[at] + new
        if new != piece:
            t.text = new
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        at = end


def _own_paragraph(t, p) -> bool:
    parent = t.getparent()
    while parent is not None and parent is not p:
        if parent.tag == W + "p":
            return False  # a text box's paragraph inside this one
        parent = parent.getparent()
    return True


def _set_run_font(r, family: str) -> None:
    rpr = r.find(W + "rPr")
    if rpr is None:
        rpr = etree.SubElement(r, W + "rPr")
        r.remove(rpr)
        r.insert(0, rpr)
    fonts = rpr.find(W + "rFonts")
    if fonts is None:
        fonts = etree.Element(W + "rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme"):
            del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(W + slot, family)


def _thai_page_fields(root, family: str) -> None:
    """Set every PAGE field of a header/footer part in the Thai-digit font ``family``."""
    for field in root.iter(W + "fldSimple"):
        instr = field.get(W + "instr", "")
        if _PAGE_FIELD.match(instr):
            field.set(W + "instr", _THAI_SWITCH.sub("", instr))
            for r in field.iter(W + "r"):
                _set_run_font(r, family)
    # complex fields: begin … instrText PAGE … separate … result … end
    for p in root.iter(W + "p"):
        runs = list(p.iter(W + "r"))
        i = 0
        while i < len(runs):
            char = runs[i].find(W + "fldChar")
            if char is None or char.get(W + "fldCharType") != "begin":
                i += 1
                continue
            j, depth, instr = i + 1, 1, []
            while j < len(runs) and depth:
                c = runs[j].find(W + "fldChar")
                if c is not None:
                    kind = c.get(W + "fldCharType")
                    depth += 1 if kind == "begin" else -1 if kind == "end" else 0
                for it in runs[j].findall(W + "instrText"):
                    instr.append(it)
                j += 1
            if _PAGE_FIELD.match("".join(it.text or "" for it in instr)):
                for it in instr:
                    it.text = _THAI_SWITCH.sub("", it.text or "")
                for r in runs[i:j]:
                    _set_run_font(r, family)
            i = j


def _wants_thai_page_digits(document_xml: bytes) -> bool:
    root = etree.fromstring(document_xml)
    for pg in root.iter(W + "pgNumType"):
        if pg.get(W + "fmt") == "thaiNumbers":
            return True
    return False


def prepare_part(name: str, data: bytes, *, thai_page_digits: bool,
                 digits_family: str | None) -> bytes:
    """One part of the package as LibreOffice should get it."""
    if name == "word/styles.xml" or _TEXT_PARTS.match(name):
        root = etree.fromstring(data)
        for jc in root.iter(W + "jc"):
            if jc.get(W + "val") == "thaiDistribute":
                jc.set(W + "val", "both")
        if _TEXT_PARTS.match(name):
            for p in root.iter(W + "p"):
                _join_paragraph(p)
            if digits_family and re.match(r"^word/(header|footer)", name) and (
                    thai_page_digits or _THAI_SWITCH.search(data.decode("utf-8", "replace"))):
                _thai_page_fields(root, digits_family)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return data


def write_copy(src: Path, dst: Path, *, digits_family: str | None = None) -> None:
    """Write LibreOffice's copy of the Word file ``src`` to ``dst`` (see the module's doc).

    ``digits_family``: the Thai-digit companion font for page numbers (None: leave them).
    Files that are not Word packages, or that cannot be read, are copied as they are.
    """
    if src.suffix.lower() not in _OOXML:
        shutil.copyfile(src, dst)
        return
    try:
        with zipfile.ZipFile(src) as zin:
            names = zin.namelist()
            document = zin.read("word/document.xml") if "word/document.xml" in names else b""
            thai = bool(document) and _wants_thai_page_digits(document)
            parts = [(item, prepare_part(item.filename, zin.read(item.filename),
                                         thai_page_digits=thai, digits_family=digits_family))
                     for item in zin.infolist()]
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, ValueError, OSError):
        shutil.copyfile(src, dst)  # LibreOffice will say what is wrong with it
        return
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
        for item, data in parts:
            zout.writestr(item, data)
