"""Issue 20 point 1: every tracker ita-xl writes names the Python its ribbon starts.

xlwings reads ``Interpreter_Win`` from the tracker's hidden ``xlwings.conf`` sheet; blank means
``python`` from PATH, which a clerk's PC does not have (the bundle never adds it; Windows 10/11
answers with the Microsoft Store alias, exit 9009).  Before, only the bundle's own tracker had
it: ``init``, ``init --from`` and ``import`` wrote it blank and ``doctor`` said OK.  Here each
writer's tracker is read back with openpyxl; the Wine lane (test_windows.py) checks that the
named file exists and starts every ribbon entry point.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from support.cli import cli, cli_process

from ita_xl import resources, winsetup
from ita_xl.doctor import interpreter_setting

ROOT = Path(__file__).resolve().parents[1]
BUNDLE_PYTHON = r"%LOCALAPPDATA%\ita-xl\python\pythonw.exe"


def conf_value(path: Path) -> str | None:
    """Column B beside ``Interpreter_Win`` on xlwings.conf, read independently of ita-xl."""
    ws = load_workbook(path, read_only=True)["xlwings.conf"]
    return next(row[1] for row in ws.iter_rows(max_col=2, values_only=True)
                if row[0] == "Interpreter_Win")


def test_the_decision_is_the_installed_bundles_pythonw_off_windows():
    assert sys.platform != "win32"
    assert winsetup.tracker_interpreter() == BUNDLE_PYTHON
    assert winsetup.TRACKER_PYTHON == BUNDLE_PYTHON


def test_init_names_the_bundles_python(tmp_path):
    target = tmp_path / "ใหม่ ๒๕๖๖.xlsm"
    assert cli("init", target, "--year", "2568").exit_code == 0
    assert conf_value(target) == BUNDLE_PYTHON


def test_init_from_last_year_names_the_bundles_python_even_if_last_years_was_blank(tmp_path):
    last = tmp_path / "ปีที่แล้ว.xlsm"
    last.write_bytes(resources.example_workbook().read_bytes())
    result = cli("init", "--from", last, tmp_path / "ปีนี้.xlsm")
    assert result.exit_code == 0, result.output
    assert conf_value(tmp_path / "ปีนี้.xlsm") == BUNDLE_PYTHON


def test_import_names_the_bundles_python(tmp_path):
    from ita_xl.pipeline import generate

    generate(resources.example_workbook(), tmp_path)
    tracker = tmp_path / "นำเข้า.xlsm"
    result = cli("import", tmp_path / "ITA2565_6m_report.docx",
                 tmp_path / "ITA2565_6m_memo.docx", "-o", tracker)
    assert result.exit_code == 0, result.output
    assert conf_value(tracker) == BUNDLE_PYTHON


def test_the_shipped_tracker_names_the_bundles_python():
    assert conf_value(ROOT / "workbook" / "ITA_tracker.xlsm") == BUNDLE_PYTHON


def test_doctor_fails_on_a_tracker_with_a_blank_interpreter_and_says_what_to_do(tmp_path):
    from ita_xl.xlsm.tracker import starter_data, tracker_bytes

    old = tmp_path / "เก่า.xlsm"
    # an old tracker, as init wrote it before: Interpreter_Win blank
    old.write_bytes(tracker_bytes(starter_data(), interpreter_win=""))
    assert interpreter_setting(old) is None
    new = tmp_path / "ใหม่.xlsm"
    assert cli("init", new).exit_code == 0
    proc = cli_process("doctor", "--no-probe", new, timeout=600)
    assert proc.returncode == 0, proc.stdout
    assert f"Interpreter_Win = {BUNDLE_PYTHON}" in proc.stdout
    proc = cli_process("doctor", "--no-probe", new, old, timeout=600)
    assert proc.returncode == 1
    line = next(ln for ln in proc.stdout.splitlines() if "เก่า.xlsm" in ln)
    assert line.startswith("[FAIL]")
    assert "Interpreter_Win ว่าง" in line and "xlwings.conf" in line and BUNDLE_PYTHON in line


def test_doctor_on_a_file_that_is_no_workbook_fails(tmp_path):
    bad = tmp_path / "ไม่ใช่สมุดงาน.xlsm"
    bad.write_bytes(b"not a zip")
    proc = cli_process("doctor", "--no-probe", bad, timeout=600)
    assert proc.returncode == 1
    assert "[FAIL] Python ของ ไม่ใช่สมุดงาน.xlsm" in proc.stdout


@pytest.mark.parametrize("value", [r"C:\Python313\pythonw.exe", BUNDLE_PYTHON])
def test_interpreter_setting_reads_what_the_builder_wrote(tmp_path, value):
    from ita_xl.xlsm.tracker import starter_data, tracker_bytes

    path = tmp_path / "t.xlsm"
    path.write_bytes(tracker_bytes(starter_data(), interpreter_win=value))
    assert interpreter_setting(path) == value == conf_value(path)
