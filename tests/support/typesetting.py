"""Where text sits in a produced PDF, and the header cells of a .docx: the readers of the
typesetting tests (``test_typesetting.py``, ``test_agencies_years.py``)."""
from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import docx
from pythainlp.tokenize import word_tokenize

from .documents import W, squash

TWIP = 1 / 20  # points per twip


def pdf_words(pdf: Path) -> list[list[tuple[float, float, float, str]]]:
    """Per page: (xMin, xMax, yMin, text) of every word, from ``pdftotext -bbox-layout``
    (positions only: this mode moves Thai marks, so Thai text is read with -raw)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = []
    for page in re.split(r"<page\b", out)[1:]:
        pages.append([(float(x0), float(x1), float(y0), html.unescape(text))
                      for x0, y0, x1, text in re.findall(
                          r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                          r'yMax="[\d.]+">([^<]*)</word>', page)])
    return pages


def column_lines(pdf: Path, page: int, left: float, right: float) -> list[str]:
    """The text lines of ``page`` between ``left`` and ``right`` (points), top to bottom.

    ``pdftotext -raw`` cropped to the column: its bounding-box modes move Thai marks.
    """
    out = subprocess.run(
        ["pdftotext", "-raw", "-f", str(page), "-l", str(page), "-x", str(int(left)),
         "-y", "0", "-W", str(int(right - left)), "-H", "2000", str(pdf), "-"],
        check=True, capture_output=True, text=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


def header_cells(docx_path: Path) -> list[tuple[str, float, float]]:
    """(text, left, right) in PDF points of every header cell of every table of the .docx.

    Positions come from the document: the left margin, the grid columns and the table's
    centring; texts from the header rows (rows that repeat on each page).
    """
    cells = []
    for _tbl, grid, left0, heads in _tables(docx_path):
        for text, col, span in heads:
            if text.strip():
                left = left0 + sum(grid[:col])
                cells.append((text, left, left + sum(grid[col:col + span])))
    return cells


def _tables(docx_path: Path):
    """Each table of the .docx as (tbl, grid widths in points, its left edge in points, header
    cells as (text, first grid column, span)): the tables are centred between the margins, the
    header rows are those that repeat on each page."""
    doc = docx.Document(str(docx_path))
    section = doc.sections[0]
    margin = section.left_margin.pt
    text_width = section.page_width.pt - margin - section.right_margin.pt
    for table in doc.tables:
        tbl = table._tbl
        grid = [int(g.get(W + "w")) * TWIP for g in tbl.iter(W + "gridCol")]
        left0 = margin + (text_width - sum(grid)) / 2
        heads = []
        for tr in tbl.findall(W + "tr"):
            if tr.find(f"{W}trPr/{W}tblHeader") is None:
                continue
            col = 0
            for tc in tr.findall(W + "tc"):
                span_el = tc.find(f"{W}tcPr/{W}gridSpan")
                span = int(span_el.get(W + "val")) if span_el is not None else 1
                heads.append(("".join(t.text or "" for t in tc.iter(W + "t")), col, span))
                col += span
        yield tbl, grid, left0, heads


def word_ends(text: str) -> set[int]:
    """Offsets (in ``text`` without spaces) where pythainlp's words end."""
    ends, at = set(), 0
    for word in word_tokenize(squash(text), keep_whitespace=False):
        at += len(word)
        ends.add(at)
    return ends


def header_splits(lines: list[str], header: str) -> list[list[int]]:
    """Every run of consecutive ``lines`` that spells ``header``: the offsets of its line ends."""
    target = squash(header)
    found = []
    for i in range(len(lines)):
        joined, ends = "", []
        for line in lines[i:]:
            joined += squash(line)
            if not target.startswith(joined):
                break
            if joined == target:
                found.append(ends)
                break
            ends.append(len(joined))
    return found


def header_breaks(docx_path: Path, pdf: Path) -> list[tuple[str, list[list[int]]]]:
    """For every header cell of ``docx_path``'s tables: its text and each place it was found
    whole in its column of ``pdf`` (as the offsets of its line ends); an empty list means the
    header was not found whole."""
    pages = len(pdf_words(pdf))
    found = []
    for text, left, right in header_cells(docx_path):
        seen = []
        for page in range(1, pages + 1):
            seen += header_splits(column_lines(pdf, page, left + 1, right - 1), text)
        found.append((text, seen))
    return found


# --- line ends, page fill (issue 18) -------------------------------------------------------------
CM = 72 / 2.54
A4_HEIGHT = 29.7 * CM
LEFT_MARGIN, RIGHT_EDGE = 3.0 * CM, 19.0 * CM  # the templates' text area, points
FIRST_LINE = LEFT_MARGIN + 2.5 * CM  # body paragraphs start 2.5 cm in
SPACE_16PT = 16 * 216 / 1000  # TH SarabunPSK's space at 16 pt, points


def pdf_lines(pdf: Path) -> list[list[tuple[float, float, float, float]]]:
    """Per page: (xMin, xMax, yMin, yMax) of every text line, from ``pdftotext -bbox-layout``."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    return [[tuple(float(v) for v in m) for m in re.findall(
        r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', page)]
        for page in re.split(r"<page\b", out)[1:]]


def full_body_lines(pdf: Path) -> list[tuple[int, float, float]]:
    """(page, y, gap to the right margin) of every full line of a body paragraph: a paragraph
    starts 2.5 cm in, its further lines at the margin; every line but its last is full."""
    found = []
    for page, lines in enumerate(pdf_lines(pdf), start=1):
        lines = sorted((y0, x0, x1, y1) for x0, y0, x1, y1 in lines)
        paragraph: list[tuple[float, float, float, float]] = []
        for line in lines + [(1e9, 0.0, 0.0, 0.0)]:
            y0, x0, x1, y1 = line
            continues = (paragraph and abs(x0 - LEFT_MARGIN) < 1.5
                         and 0 < y0 - paragraph[-1][0] < 25)
            if continues:
                paragraph.append(line)
                continue
            for full in paragraph[:-1]:
                found.append((page, full[0], RIGHT_EDGE - full[2]))
            paragraph = [line] if abs(x0 - FIRST_LINE) < 1.5 else []
    return found


def split_words(lines: list[str], words: list[str]) -> list[str]:
    """"ตัวชี้|วัด" for every listed word that one line ends and the next begins."""
    found = []
    for above, below in zip(lines, lines[1:]):
        above, below = above.rstrip(), below.lstrip()
        for word in words:
            for k in range(1, len(word)):
                if above.endswith(word[:k]) and below.startswith(word[k:]):
                    found.append(f"{word[:k]}|{word[k:]}")
    return found


def page_emptiness(pdf: Path, bottom_margin_cm: float = 2.0,
                   top_margin_cm: float = 2.5) -> list[float]:
    """Per page: the share of the text area's height below the last line."""
    top, bottom = top_margin_cm * CM, A4_HEIGHT - bottom_margin_cm * CM
    shares = []
    for lines in pdf_lines(pdf):
        body = [y1 for x0, y0, x1, y1 in lines if y0 >= top - 5]
        last = max(body, default=top)
        shares.append(max(0.0, (bottom - last) / (bottom - top)))
    return shares


_PAGE_NUMBER = re.compile(r"^[-\s0-9๐-๙]+$")  # "- ๔ -", or the part of it in a column


def table_columns(docx_path: Path, pdf: Path) -> dict[str, list[str]]:
    """Per table of the .docx (by its header row's text, spaces removed), per column: the
    column's text in the PDF over all pages, spaces removed, without the page numbers and the
    header row repeated at the top of a page — so a cell that runs over a page break reads
    whole."""
    pages = len(pdf_words(pdf))
    out = {}
    for tbl, grid, left0, cells in _tables(docx_path):
        heads = [""] * len(grid)  # the header text above each column (spanning cells too)
        for cell_text, col, span in cells:
            for k in range(col, min(col + span, len(grid))):
                heads[k] += squash(cell_text)
        columns = []
        for k, width in enumerate(grid):
            left = left0 + sum(grid[:k])
            header = heads[k]
            text = ""
            for page in range(1, pages + 1):
                lines = [squash(x) for x in column_lines(pdf, page, left + 1, left + width - 1)]
                while lines and (_PAGE_NUMBER.match(lines[0]) or lines[0] in header
                                 and lines[0]):
                    lines.pop(0)
                text += "".join(lines)
            columns.append(text)
        first = next((tr for tr in tbl.findall(W + "tr")), None)
        name = squash("".join(t.text or "" for t in first.iter(W + "t"))) if first is not None else ""
        out[name] = columns
    return out
