"""batch for a province: Ctrl-C, check-only, sub-folders, tables that line up in Thai."""
from __future__ import annotations

import csv
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
from support.wbedit import open_copy, set_name

from ita_xl import resources
from ita_xl.batch import AgencyResult, BatchResult, find_workbooks, summary_table
from ita_xl.console import width

EXAMPLE = resources.example_workbook()


def make_agency(path: Path, agency: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE, path)
    wb = open_copy(path)
    set_name(wb, "ita_agency", agency)
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
    # wait until LibreOffice is converting (its private profile appears in TMPDIR)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if any(p.name.startswith("ita-xl-lo-") for p in tmp.iterdir()) and \
                list(tmp.glob("**/ita-xl-pdf-*")):  # LibreOffice's work folder
            break
        time.sleep(0.05)
    assert proc.poll() is None, "batch finished before Ctrl-C could be sent"
    time.sleep(0.3)
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
    rows = list(csv.DictReader((out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [r["status"] for r in rows] == statuses
    # nothing temporary left: no LibreOffice profile, no staging, no half-converted folder
    time.sleep(0.5)
    assert [p.name for p in tmp.iterdir()] == []
    assert not [p for p in out.rglob("*") if p.name.startswith((".ita-xl", "pdf-"))]
    # no soffice of ours still running
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert str(tmp) not in ps


def test_check_only_gives_one_table_and_findings_without_documents(tmp_path):
    a = make_agency(tmp_path / "in" / "a.xlsm", "เทศบาลตำบลหนองบัว")
    make_agency(tmp_path / "in" / "b.xlsm", "องค์การบริหารส่วนตำบลบ้านใหม่")
    out = tmp_path / "out"
    proc = cli_process("batch", a.parent, "-o", out, "--check-only")
    assert proc.returncode == 0, proc.stderr
    assert not list(out.rglob("*.docx"))
    assert sorted(p.name for p in (out / "findings").iterdir()) == [
        "องค์การบริหารส่วนตำบลบ้านใหม่.txt", "เทศบาลตำบลหนองบัว.txt"]
    rows = list(csv.DictReader((out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [r["documents"] for r in rows] == ["0", "0"] and {r["status"] for r in rows} == {"ok"}
    assert all("ITA203" in r["warning_codes"] for r in rows)
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
    header, rule, *rows = lines[:2 + len(names)]
    # every column starts at the same screen column in every row: the column of "workbook"
    starts = {width(row[:row.index(f"{i}.xlsm")]) for i, row in enumerate(rows)}
    assert len(starts) == 1
    assert starts == {width(header[:header.index("workbook")])}
    assert sum(len(n) - width(n) for n in names) > 0  # the names do have zero-width marks
