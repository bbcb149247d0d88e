"""Issue 14: PDFs under faults — folder names LibreOffice reads as URLs, a PDF that cannot be
replaced, a stale PDF after a failed run, a full disk; each failure names the step that failed.

A failing LibreOffice is a real process (a script standing in for soffice that exits with an
error); the full disk is a real one (a 2 MB tmpfs, mounted when the tests run as root).
"""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from support.documents import make_docx, pdf_text, squash

from ita_xl.convert import to_pdf

MEMO_PDF, REPORT_PDF = "ITA2565_6m_memo.pdf", "ITA2565_6m_report.pdf"
BLAMES_WORD = ("ไฟล์อาจเสียหาย", "damaged", "not a Word")


def cli(*args, env=None, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ita_xl", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, env=dict(os.environ, **(env or {})))


def leftovers(folder: Path) -> list[Path]:
    """Hidden work folders and temporary files of ita-xl below ``folder``."""
    return [p for p in folder.rglob("*") if p.name.startswith((".ita-xl", ".~ita"))]


# --- LibreOffice and URL characters ----------------------------------------------------------------
@pytest.mark.soffice
def test_paths_with_percent_semicolon_hash_question_mark_and_spaces(tmp_path):
    folders = ["ITA%202565", "งาน;ปี65", "a#b?c d"]
    sources = []
    for i, name in enumerate(folders):
        (tmp_path / name).mkdir()
        sources.append(make_docx(tmp_path / name / f"เอกสาร;{i} #%41?.docx", [f"บรรทัดที่ {i} ทดสอบ"]))
    out = tmp_path / "ผล;100% #1?"
    pdfs = to_pdf(sources, out)
    assert pdfs == [out / (s.stem + ".pdf") for s in sources]
    for i, pdf in enumerate(pdfs):
        assert squash(f"บรรทัดที่ {i} ทดสอบ") in squash(pdf_text(pdf))
    # nothing written where LibreOffice would have decoded the name ("ITA 2565", "งาน")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(folders + [out.name])
    assert leftovers(tmp_path) == []


# --- a PDF that cannot be replaced -------------------------------------------------------------
@pytest.mark.soffice
def test_locked_pdf_gets_a_numbered_alternative_and_the_other_pdf_is_made(tmp_path):
    out = tmp_path / "out"
    (out / MEMO_PDF).mkdir(parents=True)  # a folder of the PDF's name
    (out / MEMO_PDF / "keep.txt").write_text("ของเดิม")
    old = out / REPORT_PDF
    old.write_bytes(b"%PDF-1.4 old report")
    old.chmod(stat.S_IRUSR | stat.S_IRGRP)  # read-only: Windows refuses to replace it
    proc = cli("generate", "--example", "--pdf", "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert "a bug in ita-xl" not in proc.stderr
    memo2, report2 = out / "ITA2565_6m_memo (2).pdf", out / "ITA2565_6m_report (2).pdf"
    assert "บันทึกข้อความ" in pdf_text(memo2) and pdf_text(report2).strip()
    assert (out / MEMO_PDF / "keep.txt").read_text() == "ของเดิม"
    assert old.read_bytes() == b"%PDF-1.4 old report"
    assert memo2.name in proc.stdout and report2.name in proc.stdout
    assert "locked" in proc.stdout
    assert leftovers(out) == []


# --- a failed conversion: no stale PDF, the true cause ----------------------------------------------
@pytest.fixture
def broken_soffice(tmp_path) -> Path:
    """A LibreOffice that starts and fails (as a damaged install or a crash does)."""
    script = tmp_path / "bin" / "soffice"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\necho 'soffice.bin: crashed (signal 11)' >&2\nexit 81\n")
    script.chmod(0o755)
    return script


@pytest.mark.soffice
def test_failed_pdf_run_removes_the_stale_pdfs_and_blames_libreoffice(tmp_path, broken_soffice):
    out = tmp_path / "out"
    first = cli("generate", "--example", "--pdf", "-o", out)
    assert first.returncode == 0, first.stderr
    assert (out / MEMO_PDF).is_file() and (out / REPORT_PDF).is_file()
    proc = cli("generate", "--example", "--pdf", "-o", out, env={"ITA_XL_SOFFICE": str(broken_soffice)})
    assert proc.returncode == 2, proc.stderr
    # the new Word files are there; the old PDFs, made from the previous data, are not
    assert (out / "ITA2565_6m_memo.docx").is_file()
    assert not (out / MEMO_PDF).exists() and not (out / REPORT_PDF).exists()
    assert "LibreOffice" in proc.stderr and "exit 81" in proc.stderr
    assert not any(word in proc.stderr for word in BLAMES_WORD), proc.stderr
    assert MEMO_PDF in proc.stderr  # says which old PDF was removed
    assert leftovers(out) == []


@pytest.mark.soffice
def test_damaged_word_file_is_blamed_and_its_old_pdf_removed(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    bad = out / "รายงาน.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    (out / "รายงาน.pdf").write_bytes(b"%PDF-1.4 last year's")
    proc = cli("pdf", bad)
    assert proc.returncode == 2
    assert "รายงาน.docx" in proc.stderr and "Word" in proc.stderr
    assert not (out / "รายงาน.pdf").exists()


def _mount_tmpfs(path: Path, size: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                          capture_output=True)
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "2m"):
        pytest.skip("needs root and tmpfs to make a small disk")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


@pytest.mark.soffice
def test_full_disk_during_conversion_is_named_as_such(tmp_path, small_disk):
    out = small_disk / "out"
    made = cli("generate", "--example", "-o", out)
    assert made.returncode == 0, made.stderr
    (out / MEMO_PDF).write_bytes(b"%PDF-1.4 old memo")
    free = shutil.disk_usage(small_disk).free
    (small_disk / "filler").write_bytes(b"\0" * max(0, free - 16 * 1024))  # 16 KB left
    proc = cli("pdf", out / "ITA2565_6m_memo.docx", out / "ITA2565_6m_report.docx")
    assert proc.returncode == 2
    assert "disk" in proc.stderr.lower() and "ดิสก์" in proc.stderr, proc.stderr
    assert not any(word in proc.stderr for word in BLAMES_WORD), proc.stderr
    assert not (out / MEMO_PDF).exists()  # the old memo PDF is not left beside the new memo
    assert [p.name for p in out.iterdir() if p.suffix == ".pdf"] == []
    assert leftovers(small_disk) == []


def test_two_word_files_of_one_name_are_never_converted_to_one_pdf(tmp_path):
    """a/memo.docx and b/memo.docx into one folder: one PDF would silently replace the other."""
    from ita_xl.convert import ConversionError

    first, second = tmp_path / "a" / "memo.docx", tmp_path / "b" / "memo.docx"
    for path, text in ((first, "ฉบับที่หนึ่ง"), (second, "ฉบับที่สอง")):
        path.parent.mkdir()
        make_docx(path, [text])
    out = tmp_path / "out"
    with pytest.raises(ConversionError) as caught:
        to_pdf([first, second], out)
    message = str(caught.value)
    assert "memo.pdf" in message and str(first) in message and str(second) in message
    assert not out.exists() or list(out.iterdir()) == []  # refused before anything is written


@pytest.mark.soffice
def test_a_word_file_damaged_inside_is_refused_before_libreoffice(tmp_path):
    """A .docx whose document part fails its checksum (a cut download, a bad USB stick): a zip,
    but LibreOffice would make a PDF of whatever it could still read."""
    import zipfile

    from ita_xl.convert import ConversionError

    good = make_docx(tmp_path / "good.docx", ["รายงานผลการดำเนินงาน"])
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(damaged, "w") as dst:
        for item in src.infolist():  # the document part stored, so its bytes can be hit
            dst.writestr(item.filename, src.read(item.filename),
                         zipfile.ZIP_STORED if item.filename == "word/document.xml"
                         else zipfile.ZIP_DEFLATED)
    data = bytearray(damaged.read_bytes())
    at = data.index("รายงานผล".encode())
    data[at + 3] ^= 0x01  # one flipped bit inside the text
    damaged.write_bytes(bytes(data))
    with pytest.raises(ConversionError) as caught:
        to_pdf([damaged], tmp_path / "out")
    assert "damaged archive member word/document.xml" in str(caught.value)
    assert not list((tmp_path / "out").glob("*.pdf"))
