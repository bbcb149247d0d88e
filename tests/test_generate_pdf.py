"""``ita_xl.pipeline.generate`` with ``pdf=True``: ``ita-xl generate --pdf`` from the command line.

The bundled workbook's PDFs must be A4, embed only the intended Thai family, keep the memo on at
most two pages and give back every seed value through ``pdftotext -raw`` (the mode that keeps
Thai marks in place).  Expected values are ``support.seed``'s (read out of the seed).
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support.documents import pdf_text, squash
from support.seed import seed_tables
from support.typesetting import table_columns
from support.cli import cli_process
from support.seed import MEMO_VALUES, REPORT_VALUES
from support.workbooks import SECOND, SECOND_CHAIN, write_second_agency

from ita_xl import resources

EXAMPLE = resources.example_workbook()

# Fonts a PDF must not contain: tlwg's Thai fonts and the usual fallbacks of LibreOffice.
FALLBACKS = ("Laksaman", "Loma", "DejaVu", "Garuda", "Norasi", "Kinnari", "Waree", "Umpush",
             "Sawasdee", "Purisa", "Tlwg", "Liberation", "Noto", "OpenSymbol", "Carlito")


def intended_family() -> str:
    """The family the PDF should embed: a real TH SarabunPSK, else ita-xl's stand-in."""
    from ita_xl.fonts import ensure_fonts

    return ensure_fonts().family


def pdf_fonts(pdf: Path) -> list[tuple[str, str]]:
    """(font name without subset prefix, embedded yes/no) per line of ``pdffonts``."""
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                         text=True).stdout
    fonts = []
    for line in out.splitlines()[2:]:
        if line.strip():
            parts = line.split()
            # name type [type2] encoding emb sub uni object ID: "emb" is 5th from the end
            fonts.append((parts[0].split("+", 1)[-1], parts[-5]))
    return fonts


def page_sizes(pdf: Path) -> list[str]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "10000", str(pdf)], check=True,
                         capture_output=True, text=True).stdout
    return re.findall(r"^Page\s+\d+ size:\s+(.*)$", out, flags=re.M)


@pytest.fixture(scope="module")
def example_pdfs(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    proc = cli_process("generate", "--example", "--pdf", "-o", out, timeout=600)
    assert proc.returncode == 0, proc.stderr
    pdfs = sorted(out.glob("*.pdf"))
    assert [p.name for p in pdfs] == ["ITA2565_6m_memo.pdf", "ITA2565_6m_report.pdf"]
    assert "ITA2565_6m_memo.pdf" in proc.stdout
    return {p.stem.rsplit("_", 1)[1]: p for p in pdfs}


@pytest.mark.soffice
def test_every_page_is_a4(example_pdfs):
    for pdf in example_pdfs.values():
        sizes = page_sizes(pdf)
        assert sizes and all(s.endswith("(A4)") for s in sizes), (pdf.name, sizes)


@pytest.mark.soffice
def test_only_the_intended_thai_family_is_embedded(example_pdfs):
    from ita_xl.fonts import DIGITS_FAMILY

    # the intended family, and the Thai-digit companion of the page numbers (fonts.py)
    families = (squash(intended_family()).casefold(), squash(DIGITS_FAMILY).casefold())
    for pdf in example_pdfs.values():
        fonts = pdf_fonts(pdf)
        assert fonts, pdf.name
        for name, embedded in fonts:
            assert embedded == "yes", (pdf.name, name)
            assert any(f in name.casefold() for f in families), (pdf.name, name)
            assert not any(bad.casefold() in name.casefold() for bad in FALLBACKS), name


@pytest.mark.soffice
def test_memo_fits_on_two_pages(example_pdfs):
    assert 1 <= len(page_sizes(example_pdfs["memo"])) <= 2


@pytest.mark.soffice
def test_pdf_text_has_every_seed_value(example_pdfs):
    memo = squash(pdf_text(example_pdfs["memo"]))
    report = squash(pdf_text(example_pdfs["report"]))
    assert [v for v in MEMO_VALUES if squash(v) not in memo] == []
    assert [v for v in REPORT_VALUES if squash(v) not in report] == []
    # Rows may run over a page break: each cell is looked for in its own column, read over
    # all pages without the repeated header row (support.typesetting.table_columns).
    plan, results = seed_tables()
    docx = example_pdfs["report"].with_suffix(".docx")
    tables = table_columns(docx, example_pdfs["report"])
    plan_cols = next(cols for head, cols in tables.items() if "แนวทาง" in head)
    result_cols = next(cols for head, cols in tables.items() if "รายละเอียด" in head)
    missing = [c for rows, cols in ((plan, plan_cols), (results, result_cols)) for row in rows
               for k, c in enumerate(row) if c.strip() and squash(c) not in cols[k]]
    assert missing == []


@pytest.mark.soffice
def test_pdf_text_has_no_replacement_or_private_use_characters(example_pdfs):
    for pdf in example_pdfs.values():
        text = pdf_text(pdf)
        bad = sorted({f"U+{ord(ch):04X}" for ch in text
                      if ch == "\ufffd" or 0xE000 <= ord(ch) <= 0xF8FF
                      or 0xF0000 <= ord(ch) <= 0x10FFFF})
        assert bad == [], (pdf.name, bad)


@pytest.mark.soffice
def test_second_agency_documents_convert(tmp_path):
    from ita_xl.pipeline import generate

    workbook = tmp_path / "second.xlsx"
    shutil.copy(EXAMPLE, workbook)
    write_second_agency(workbook)
    result = generate(workbook, tmp_path / "out", pdf=True)
    assert [p.name for p in result.pdfs] == [p.with_suffix(".pdf").name for p in result.paths]
    text = squash(pdf_text(result.pdfs[0]) + pdf_text(result.pdfs[1]))
    for value in (SECOND["ita_agency"], SECOND["ita_subject"], SECOND_CHAIN[1]["ชื่อ-สกุล"]):
        assert squash(value) in text, value
