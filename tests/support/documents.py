"""Read produced documents back: .docx through python-docx, PDF through pdftotext -raw."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx

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
