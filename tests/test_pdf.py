"""Issue 5: ``ita-xl generate --pdf``, ``ita-xl pdf`` and ``ita-xl doctor`` from the command line.

The bundled workbook's PDFs must be A4, embed only the intended Thai family, keep the memo on at
most two pages and give back every seed value through ``pdftotext -raw`` (the mode that keeps
Thai marks in place).  Expected values are those of ``test_generate`` (read out of the seed).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docs import pdf_text, squash
from seed import seed_tables
from test_generate import (EXAMPLE, MEMO_VALUES, REPORT_VALUES, SECOND, SECOND_CHAIN,
                           _write_second_agency)

# Fonts a PDF must not contain: tlwg's Thai fonts and the usual fallbacks of LibreOffice.
FALLBACKS = ("Laksaman", "Loma", "DejaVu", "Garuda", "Norasi", "Kinnari", "Waree", "Umpush",
             "Sawasdee", "Purisa", "Tlwg", "Liberation", "Noto", "OpenSymbol", "Carlito")


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ita_xl", *args], capture_output=True,
                          text=True, timeout=600, env=env)


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
    proc = run_cli("generate", "--example", "--pdf", "-o", str(out))
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
    family = squash(intended_family()).casefold()
    for pdf in example_pdfs.values():
        fonts = pdf_fonts(pdf)
        assert fonts, pdf.name
        for name, embedded in fonts:
            assert embedded == "yes", (pdf.name, name)
            assert family in name.casefold(), (pdf.name, name)
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
    plan, results = seed_tables()
    cells = [c for row in plan + results for c in row if c.strip()]
    assert [c for c in cells if squash(c) not in report] == []


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
    from ita_xl.generate import generate

    workbook = tmp_path / "second.xlsx"
    shutil.copy(EXAMPLE, workbook)
    _write_second_agency(workbook)
    result = generate(workbook, tmp_path / "out", pdf=True)
    assert [p.name for p in result.pdfs] == [p.with_suffix(".pdf").name for p in result.paths]
    text = squash(pdf_text(result.pdfs[0]) + pdf_text(result.pdfs[1]))
    for value in (SECOND["ita_agency"], SECOND["ita_subject"], SECOND_CHAIN[1]["ชื่อ-สกุล"]):
        assert squash(value) in text, value


@pytest.mark.soffice
def test_pdf_command_converts_files_beside_them_or_into_outdir(tmp_path):
    from ita_xl.generate import generate

    docs = generate(EXAMPLE, tmp_path / "docs").paths
    proc = run_cli("pdf", *map(str, docs))
    assert proc.returncode == 0, proc.stderr
    assert all(p.with_suffix(".pdf").is_file() for p in docs)
    proc = run_cli("pdf", str(docs[0]), "-o", str(tmp_path / "pdf"))
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in (tmp_path / "pdf").iterdir()] == [docs[0].with_suffix(".pdf").name]


def test_pdf_command_without_libreoffice_says_how_to_install(tmp_path):
    import os

    from ita_xl.generate import generate

    docs = generate(EXAMPLE, tmp_path).paths
    env = dict(os.environ, ITA_XL_SOFFICE=str(tmp_path / "missing" / "soffice"))
    proc = run_cli("pdf", str(docs[0]), env=env)
    assert proc.returncode != 0
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert lines[0].startswith("ผิดพลาด / Error")
    assert "LibreOffice" in proc.stderr and "ITA_XL_SOFFICE" in proc.stderr
    thai = next(i for i, x in enumerate(lines) if "ไม่พบโปรแกรม LibreOffice" in x)
    english = next(i for i, x in enumerate(lines) if "LibreOffice not found" in x)
    assert thai < english
    assert not docs[0].with_suffix(".pdf").exists()


def test_doctor_command_prints_the_report(tmp_path):
    proc = run_cli("doctor", "--no-probe")
    assert proc.stdout.startswith("ita-xl doctor:")
    for name in ("Python", "openpyxl", "docxtpl", "LibreOffice", "xlwings"):
        assert name in proc.stdout
    failed = "[FAIL]" in proc.stdout
    assert (proc.returncode != 0) == failed
