"""``ita-xl pdf``: Word files to PDF, beside them or into a folder; without LibreOffice, how to
get it."""
from __future__ import annotations

import pytest
from support.cli import cli_process

from ita_xl import resources

EXAMPLE = resources.example_workbook()



@pytest.mark.soffice
def test_pdf_command_converts_files_beside_them_or_into_outdir(tmp_path):
    from ita_xl.pipeline import generate

    docs = generate(EXAMPLE, tmp_path / "docs").paths
    proc = cli_process("pdf", *docs, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert all(p.with_suffix(".pdf").is_file() for p in docs)
    proc = cli_process("pdf", docs[0], "-o", tmp_path / "pdf", timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert [p.name for p in (tmp_path / "pdf").iterdir()] == [docs[0].with_suffix(".pdf").name]


def test_pdf_command_without_libreoffice_says_how_to_install(tmp_path):
    import os

    from ita_xl.pipeline import generate

    docs = generate(EXAMPLE, tmp_path).paths
    env = dict(os.environ, ITA_XL_SOFFICE=str(tmp_path / "missing" / "soffice"))
    proc = cli_process("pdf", docs[0], env=env, timeout=600)
    assert proc.returncode != 0
    lines = [x for x in proc.stderr.splitlines() if x.strip()]
    assert lines[0].startswith("ผิดพลาด / Error")
    assert "LibreOffice" in proc.stderr and "ITA_XL_SOFFICE" in proc.stderr
    thai = next(i for i, x in enumerate(lines) if "ไม่พบโปรแกรม LibreOffice" in x)
    english = next(i for i, x in enumerate(lines) if "LibreOffice not found" in x)
    assert thai < english
    assert not docs[0].with_suffix(".pdf").exists()
