"""Issue 14: batch under faults — folder names that always terminate and stay unique, summary
files no agency can shadow, an agency folder that vanishes during the PDF phase.

Every test that once hung runs under a time limit, so a hang fails instead of blocking the run.
"""
from __future__ import annotations

import contextlib
import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from support.wbedit import open_copy, set_name

from ita_xl import resources
from ita_xl.batch import (FINDINGS_DIR, SUMMARY_CSV, SUMMARY_JSON, AgencyResult,
                          assign_folders, run_batch)
from ita_xl.output import MAX_NAME_BYTES, safe_name

EXAMPLE = resources.example_workbook()
# A real-looking long name, typed without spaces: 60 Thai characters, 180 bytes in UTF-8.
LONG = "องค์การบริหารส่วนตำบลหนองบัวแดงอำเภอเมืองร้อยเอ็ดจังหวัดร้อยเอ็ด"


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise TimeoutError in the test when the block runs longer than ``seconds`` (a hang)."""
    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: it hangs")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def make_agency(path: Path, agency: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE, path)
    wb = open_copy(path)
    set_name(wb, "ita_agency", agency)
    wb.save(path)
    return path


def folders_for(agencies: list[str], stems: list[str]) -> list[str]:
    results = [AgencyResult(i, Path(f"/in/{i}/{stem}.xlsx"), agency=a, staged=Path("staged"))
               for i, (a, stem) in enumerate(zip(agencies, stems))]
    with time_limit(10):
        assign_folders(results, Path("/out"))
    return [r.folder.name for r in results]


# --- folder naming -----------------------------------------------------------------------------
def test_two_workbooks_of_one_long_agency_name_do_not_hang(tmp_path):
    """The reported hang, end to end: `ita-xl batch` with two workbooks of a 60-character name."""
    a = make_agency(tmp_path / "in" / "a.xlsx", LONG)
    b = make_agency(tmp_path / "in" / "b.xlsx", LONG)
    out = tmp_path / "out"
    try:
        proc = subprocess.run([sys.executable, "-m", "ita_xl", "batch", str(a), str(b), "-o",
                               str(out), "-j", "1"], capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("ita-xl batch hangs on two workbooks of one long agency name")
    assert proc.returncode == 0, proc.stderr
    folders = sorted(p.name for p in out.iterdir() if p.is_dir() and p.name != FINDINGS_DIR)
    assert len(folders) == 2 and len(set(folders)) == 2
    assert all(len(f.encode("utf-8")) <= MAX_NAME_BYTES for f in folders)
    assert safe_name(LONG) in folders and any(f.endswith(" (b)") for f in folders)


def test_three_workbooks_of_one_name_in_three_district_folders():
    """Every district's file is ITA_tracker.xlsm: the third agency needs the counter."""
    name = "เทศบาลตำบลหนองบัวแดงใหญ่ อำเภอเมือง จังหวัดร้อยเอ็ด"  # 135 bytes
    got = folders_for([name] * 3, ["ITA_tracker"] * 3)
    assert len(set(got)) == 3
    assert got[1].endswith("(ITA_tracker)") and got[2].endswith("(ITA_tracker 2)")


# Names clerks type (long ones over the byte limit, reserved and hostile ones) and a little
# random text; drawing from lists keeps 2,000 examples quick and makes duplicates common.
AGENCIES = [LONG, LONG[:50], LONG[:49] + " ", "เทศบาลตำบลหนองบัว", "เทศบาลตำบลหนองบัว.",
            "summary.json", "SUMMARY.CSV", "CON", "nul.txt", "", " ", "...", "a/b\\c", "ก" * 200,
            "ำ" * 51, "x" * 149, "x" * 150, "x" * 151, "เทศบาลตำบลหนองบัว (ITA_tracker)",
            "เทศบาลตำบลหนองบัว (ITA_tracker 2)"]
STEMS = ["ITA_tracker", "a", "b", "", "summary", "x" * 100, "ก" * 70, "ITA_tracker 2", "?"]
names = st.sampled_from(AGENCIES) | st.text(max_size=6)
stems = st.sampled_from(STEMS) | st.text(max_size=4)


@settings(max_examples=2000, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(names, stems), min_size=1, max_size=12))
@example([("", ".\x850")])  # found by 40,000 runs: ". 0" lost its dot but kept the space
def test_folder_names_always_terminate_unique_and_within_the_limit(pairs):
    """Any names, any lengths, any duplicates: unique (as Windows compares them), one harmless
    path component each, never over the byte limit, and the first of a name keeps it plain."""
    agencies = [a for a, _ in pairs]
    stems = [s for _, s in pairs]
    got = folders_for(agencies, stems)
    assert len({g.casefold() for g in got}) == len(got)
    for folder in got:
        assert folder == safe_name(folder)  # already harmless: no separator, not reserved
        assert 0 < len(folder.encode("utf-8")) <= MAX_NAME_BYTES
        assert folder.casefold() not in {SUMMARY_CSV, SUMMARY_JSON, FINDINGS_DIR}
    plain = safe_name(agencies[0], fallback=safe_name(Path(f"{stems[0]}.xlsx").stem))
    if plain.casefold() not in {SUMMARY_CSV, SUMMARY_JSON, FINDINGS_DIR}:
        assert got[0] == plain  # the first agency keeps its own name


# --- summary files ------------------------------------------------------------------------------
def test_an_agency_named_summary_json_does_not_take_the_summary_name(tmp_path):
    a = make_agency(tmp_path / "in" / "a.xlsx", "summary.json")
    b = make_agency(tmp_path / "in" / "b.xlsx", "SUMMARY.CSV")
    out = tmp_path / "out"
    result = run_batch([a, b], out, jobs=1)
    assert result.ok
    assert (out / SUMMARY_JSON).is_file() and (out / SUMMARY_CSV).is_file()
    assert not (out / "summary (2).json").exists() and not (out / "summary (2).csv").exists()
    data = json.loads((out / SUMMARY_JSON).read_text(encoding="utf-8"))
    folders = [row["folder"] for row in data["agencies"]]
    assert [row["agency"] for row in data["agencies"]] == ["summary.json", "SUMMARY.CSV"]
    assert all((out / f).is_dir() and len(list((out / f).glob("*.docx"))) == 2 for f in folders)


# --- a folder vanishes during the PDF phase ------------------------------------------------------
@pytest.mark.soffice
def test_agency_folder_removed_during_the_pdf_phase(tmp_path):
    a = make_agency(tmp_path / "in" / "a.xlsx", "เทศบาลตำบลหาย")
    b = make_agency(tmp_path / "in" / "b.xlsx", "เทศบาลตำบลอยู่")
    out = tmp_path / "out"
    removed = []

    def progress(stage, advance, total):
        if stage == "pdf" and not removed:  # the clerk deletes a folder while PDFs are made
            shutil.rmtree(out / "เทศบาลตำบลหาย")
            removed.append(True)

    with time_limit(300):
        result = run_batch([a, b], out, pdf=True, jobs=1, progress=progress)
    assert removed
    gone, kept = result.agencies
    assert not gone.ok and gone.status in {"failed", "pdf failed"}
    assert "เทศบาลตำบลหาย" in gone.message or "ITA2565_6m_memo" in gone.message
    assert "Traceback" not in gone.message
    assert kept.ok and sorted(p.name for p in (out / "เทศบาลตำบลอยู่").iterdir()) == [
        "ITA2565_6m_memo.docx", "ITA2565_6m_memo.pdf", "ITA2565_6m_report.docx",
        "ITA2565_6m_report.pdf"]
    data = json.loads((out / SUMMARY_JSON).read_text(encoding="utf-8"))
    assert [row["status"] for row in data["agencies"]] == [gone.status, "ok"]
    assert not (out / "เทศบาลตำบลหาย").exists()  # not recreated by a PDF placed late
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
