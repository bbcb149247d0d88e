"""Read produced documents back: the one place tests open a .docx or a PDF.

* python-docx's view: :func:`docx_paragraphs`, :func:`docx_tables`, :func:`docx_text` (body,
  table cells — merged cells repeat — headers and footers);
* the XML's view: :func:`document_text` (every text run of body, headers and footers in document
  order, tabs and breaks as ``\\t``/``\\n``) and :func:`xml_problems` (every part parses with lxml
  without recover mode, and every table cell holds a paragraph, as Word requires);
* PDFs: :func:`pdf_text` (``pdftotext -raw``);
* and one maker: :func:`make_docx`, a plain A4 document in a given font (for the PDF tests).
"""
from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import docx
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """Whitespace removed: the only normalisation the content tests allow."""
    return _WS.sub("", text)


def docx_paragraphs(path: Path) -> list[str]:
    doc = docx.Document(str(path))
    return [p.text for p in doc.paragraphs]


def docx_tables(path: Path) -> list[list[list[str]]]:
    """Every table as rows of cell texts (merged cells repeat, as python-docx reports them)."""
    doc = docx.Document(str(path))
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables]


def docx_text(path: Path) -> str:
    """All text: body paragraphs, table cells, headers and footers."""
    doc = docx.Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in doc.sections:
        for part in (section.header, section.footer):
            parts.extend(p.text for p in part.paragraphs)
    return "\n".join(parts)


def pdf_text(path: Path) -> str:
    """``pdftotext -raw``: the mode that keeps Thai tone marks and vowels in place."""
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def _parts(docx: Path | bytes) -> dict[str, bytes]:
    source = docx if isinstance(docx, Path) else io.BytesIO(docx)
    with zipfile.ZipFile(source) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def xml_problems(docx: Path | bytes) -> list[str]:
    """What is wrong with the package's XML; [] when every part is well-formed and valid enough."""
    problems = []
    strict = etree.XMLParser(recover=False, resolve_entities=False, huge_tree=True)
    for name, data in _parts(docx).items():
        if not (name.endswith(".xml") or name.endswith(".rels")):
            continue
        try:
            root = etree.fromstring(data, strict)
        except etree.XMLSyntaxError as exc:
            problems.append(f"{name}: {exc}")
            continue
        for tc in root.iter(f"{W}tc"):
            if tc.find(f"{W}p") is None:
                problems.append(f"{name}: a table cell without a paragraph")
    return problems


def document_text(docx: Path | bytes) -> str:
    """All text runs of body, headers and footers, in document order (tabs and breaks as \\t/\\n)."""
    parts = _parts(docx)
    names = ["word/document.xml"] + sorted(
        n for n in parts if n.startswith("word/header") or n.startswith("word/footer"))
    out = []
    for name in names:
        root = etree.fromstring(parts[name])
        for el in root.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}p"):
            if el.tag == f"{W}t":
                out.append(el.text or "")
            elif el.tag == f"{W}tab":
                out.append("\t")
            else:
                out.append("\n")
    return "".join(out)


def make_docx(path: Path, lines: list[str], font: str = "TH SarabunPSK",
              size_pt: int = 16, bold: frozenset[int] = frozenset()) -> Path:
    """A4, margins 2.5/2/3/2 cm, the font in every slot of Normal and docDefaults, szCs too.

    Lines whose index is in ``bold`` are bold (``w:b`` and ``w:bCs``).
    """
    from docx import Document
    from docx.shared import Cm, Pt

    from ita_xl.wordstyle import set_document_fonts

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(2.5), Cm(2)
    sec.left_margin, sec.right_margin = Cm(3), Cm(2)
    set_document_fonts(doc, font, size_pt)
    normal = doc.styles["Normal"]
    pf = normal.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing = 1.0
    for number, line in enumerate(lines):
        run = doc.add_paragraph().add_run(line)
        if number in bold:
            run.font.bold = run.font.cs_bold = True
    doc.save(str(path))
    return path


def png_bytes(width: int, height: int) -> bytes:
    """A small valid PNG (solid grey), made at test time so no image file is committed."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
