"""batch for a province: Ctrl-C, check-only, sub-folders, tables that line up in Thai."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.cli import cli_process
from support.summary import summary_rows
from support.waiting import wait_until
from support.wbedit import open_copy, set_name

from ita_xl import resources
from ita_xl.batch import AgencyResult, BatchResult, find_workbooks, summary_table
from ita_xl.console import width

EXAMPLE = resources.example_workbook()


def make_agency(path: Path, agency: str, **names) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE, path)
    wb = open_copy(path)
    set_name(wb, "ita_agency", agency)
    for name, value in names.items():
        set_name(wb, name, value)
    wb.save(path)
    return path


@pytest.mark.soffice
def test_ctrl_c_during_batch_pdf_writes_the_summary_and_leaves_no_temp_folder(tmp_path):
    inputs = tmp_path / "in"
    for i in range(6):
        make_agency(inputs / f"a{i}.xlsm", f"เทศบาลตำบลทดสอบ{i}")
    out, tmp = tmp_path / "out", tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp)}
    proc = subprocess.Popen([sys.executable, "-m", "ita_xl", "batch", str(inputs), "-o", str(out),
                             "--pdf", "--jobs", "2"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, start_new_session=True)
    # wait until LibreOffice is converting (its work folder appears in TMPDIR; its profile is
    # kept in the user's cache folder)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if list(tmp.glob("**/ita-xl-pdf-*/0000*.docx")):  # the inputs LibreOffice converts
            break
        time.sleep(0.05)
    assert proc.poll() is None, "batch finished before Ctrl-C could be sent"
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole group
    stdout, stderr = proc.communicate(timeout=120)
    stderr = stderr.decode("utf-8", "replace")
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr, stderr
    assert "ยกเลิกแล้ว" in stderr and "Interrupted" in stderr
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert data["interrupted"] is True and data["workbooks"] == 6
    statuses = [a["status"] for a in data["agencies"]]
    assert "unfinished" in statuses and data["unfinished"] == statuses.count("unfinished")
    rows = summary_rows(out / "summary.csv")
    assert [r["status"] for r in rows] == statuses
    # nothing temporary left: no LibreOffice profile, no staging, no half-converted folder
    # (LibreOffice's last helper may still be removing its own files for a moment)
    assert wait_until(lambda: not any(tmp.iterdir()), timeout=5), [p.name for p in tmp.iterdir()]
    assert not [p for p in out.rglob("*") if p.name.startswith((".ita-xl", "pdf-"))]
    # no soffice of ours still running
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert str(tmp) not in ps


def test_ctrl_c_while_documents_are_written_gives_no_worker_traceback(tmp_path):
    """Ctrl-C in the first second: workers waiting for a task must not print tracebacks."""
    inputs = tmp_path / "in"
    for i in range(12):
        make_agency(inputs / f"a{i}.xlsm", f"เทศบาลตำบลทดสอบ{i}")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "ita_xl", "batch", str(inputs), "-o", str(out),
                             "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, env={**os.environ, "PYTHONFAULTHANDLER": "1"})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and \
            not list(out.glob(".ita-xl-batch-*")):
        time.sleep(0.01)
    assert proc.poll() is None, "batch finished before Ctrl-C could be sent"
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, stderr = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:  # say where it hangs (faulthandler), then fail
        kids = subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True, text=True)
        os.killpg(proc.pid, signal.SIGABRT)
        _, stderr = proc.communicate(timeout=30)
        pytest.fail(f"hang; group {kids.stdout.split()}:\n{stderr.decode('utf-8', 'replace')}")
    stderr = stderr.decode("utf-8", "replace")
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    left = subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True, text=True)
    assert left.stdout.split() == []  # no worker outlives the batch
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert data["interrupted"] and data["workbooks"] == 12 and data["unfinished"] >= 1
    assert not list(out.glob(".ita-xl-batch-*"))
    # rows marked unfinished have no documents listed, and no agency folder holds a stray file
    for agency in data["agencies"]:
        if agency["status"] == "unfinished":
            assert agency["documents"] == []


def test_check_only_gives_one_table_and_findings_without_documents(tmp_path):
    a = make_agency(tmp_path / "in" / "a.xlsm", "เทศบาลตำบลหนองบัว", ita_overall_grade="A")
    make_agency(tmp_path / "in" / "b.xlsm", "องค์การบริหารส่วนตำบลบ้านใหม่",
                ita_overall_score=96.2)  # FY 2565 scale: AA from 95
    out = tmp_path / "out"
    proc = cli_process("batch", a.parent, "-o", out, "--check-only")
    assert proc.returncode == 0, proc.stderr
    assert not list(out.rglob("*.docx"))
    assert sorted(p.name for p in (out / "findings").iterdir()) == [
        "องค์การบริหารส่วนตำบลบ้านใหม่.txt", "เทศบาลตำบลหนองบัว.txt"]
    rows = summary_rows(out / "summary.csv")
    assert [r["documents"] for r in rows] == ["0", "0"] and {r["status"] for r in rows} == {"ok"}
    assert all("ITA203" in r["warning_codes"] for r in rows)
    assert [r["rating"] for r in rows] == ["A", "AA"]
    assert {r["fiscal_year"] for r in rows} == {"2565"}
    # `check` over many workbooks: the same table, nothing written
    many = cli_process("check", a.parent / "*.xlsm", cwd=tmp_path)
    assert many.returncode == 0, many.stderr
    assert "เทศบาลตำบลหนองบัว" in many.stdout and "ITA203" in many.stdout
    assert "ตรวจแล้ว 2 สมุดงาน" in many.stdout


def test_a_folder_of_district_folders_points_to_the_glob(tmp_path):
    make_agency(tmp_path / "จังหวัด" / "อำเภอเมือง" / "a.xlsm", "เทศบาลตำบลหนองบัว")
    found, problems = find_workbooks([tmp_path / "จังหวัด"])
    assert found == []
    [(_, problem)] = problems
    assert "โฟลเดอร์ย่อย" in problem and "**" in problem and "*.xlsm" in problem
    found, problems = find_workbooks([str(tmp_path / "จังหวัด" / "**" / "*.xlsm")])
    assert len(found) == 1 and problems == []


def test_terminal_table_lines_up_thai_by_display_width(tmp_path):
    names = ["เทศบาลตำบลเมืองหงส์", "องค์การบริหารส่วนตำบลน้ำคำใหญ่", "เทศบาลเมืองศรีสะเกษ"]
    batch = BatchResult(tmp_path, [AgencyResult(i, Path(f"{i}.xlsm"), agency=n, errors=0,
                                                warnings=1, fiscal_year=2565, round="รอบ ๖ เดือน",
                                                warning_codes=["ITA203"], status="ok")
                                   for i, n in enumerate(names)])
    lines = summary_table(batch).splitlines()
    header, english, rule, *rows = lines[:3 + len(names)]  # headings: a Thai row, an English row
    # every column starts at the same screen column in every row: the column of "สมุดงาน"
    starts = {width(row[:row.index(f"{i}.xlsm")]) for i, row in enumerate(rows)}
    assert len(starts) == 1
    assert starts == {width(header[:header.index("สมุดงาน")])} == \
        {width(english[:english.index("workbook")])}
    assert sum(len(n) - width(n) for n in names) > 0  # the names do have zero-width marks


@pytest.mark.soffice
def test_pdf_progress_counts_each_document_as_libreoffice_writes_it(tmp_path):
    """One LibreOffice run converts every document; the bar still moves per document."""
    from ita_xl.batch import run_batch

    for i in range(8):
        make_agency(tmp_path / "in" / f"a{i}.xlsm", f"เทศบาลตำบลทดสอบ{i}")
    calls = []
    result = run_batch([tmp_path / "in"], tmp_path / "out", pdf=True, jobs=1,
                       progress=lambda stage, advance, total: calls.append((stage, advance, total)))
    assert result.ok and result.document_count == 32
    steps = [advance for stage, advance, total in calls if stage == "pdf" and advance]
    assert sum(steps) == 16
    assert len(steps) >= 2, calls  # not one jump from 0 to 16 at the end
