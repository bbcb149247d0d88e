"""errors: every failure a clerk reads is Thai first, then English, with the place, and carries
the exit code of its kind; ``ChecksFailed`` counts and names the cells of the errors only."""
from __future__ import annotations

import shutil

from support.wbedit import open_copy, set_cell

from ita_xl import resources
from ita_xl.checks import run_checks
from ita_xl.errors import ChecksFailed, ItaError, OutputError, TemplateError, WorkbookError
from ita_xl.exitcodes import Exit
from ita_xl.reader import read_tracker


def test_the_message_is_thai_then_english_each_with_the_place_then_the_hints():
    err = WorkbookError("อ่านไม่ได้", "Cannot read", where="a.xlsm › ตั้งค่า!B3",
                        hint_th="บันทึกใหม่", hint_en="Save it again")
    lines = str(err).splitlines()
    assert lines[0].startswith("อ่านไม่ได้") and "a.xlsm › ตั้งค่า!B3" in lines[0]
    assert lines[1].startswith("Cannot read") and "a.xlsm › ตั้งค่า!B3" in lines[1]
    assert lines[2:] == ["บันทึกใหม่", "Save it again"]
    assert err.args == (str(err),)  # what a traceback or a log shows is the same text


def test_without_a_place_or_hints_only_the_two_sentences():
    assert str(OutputError("เขียนไม่ได้", "Cannot write")).splitlines() == ["เขียนไม่ได้",
                                                                           "Cannot write"]


def test_each_kind_has_its_exit_code():
    assert WorkbookError("ก", "a").exit_code == Exit.UNREADABLE == 3
    for kind in (ItaError, TemplateError, OutputError):
        assert kind("ก", "a").exit_code == Exit.ERRORS == 2
    assert ChecksFailed([]).exit_code == Exit.ERRORS


def _findings_with_errors(tmp_path, n: int):
    """The bundled example with ``n`` indicator scores above 100 (ITA104 each): real findings,
    errors and the example's warnings mixed."""
    path = tmp_path / "t.xlsm"
    shutil.copy(resources.example_workbook(), path)
    wb = open_copy(path)
    cells = [set_cell(wb, "Indicators", "คะแนน", i, 150 + i).coordinate for i in range(n)]
    wb.save(path)
    return run_checks(read_tracker(path)), cells


def test_checks_failed_counts_only_errors_and_names_their_first_five_cells(tmp_path):
    findings, cells = _findings_with_errors(tmp_path, 7)
    errors = [f for f in findings if f.is_error]
    assert len(errors) == 7 and len(findings) > 7  # the example's warnings are there too
    exc = ChecksFailed(findings, "t.xlsm")
    assert exc.findings == findings
    assert "พบข้อผิดพลาด 7 รายการ" in exc.message_th and "found 7 error(s)" in exc.message_en
    listed = [f.where for f in errors]
    assert listed[0].endswith(cells[0])
    for where in listed[:5]:
        assert where in exc.message_th and where in exc.message_en
    for where in listed[5:]:
        assert where not in exc.message_th
    assert "…" in exc.message_th and "…" in exc.message_en  # more than five
    assert exc.where == "t.xlsm" and "--force" in exc.hint_en


def test_checks_failed_with_few_errors_lists_all_and_no_ellipsis(tmp_path):
    findings, _ = _findings_with_errors(tmp_path, 2)
    exc = ChecksFailed(findings)
    assert "พบข้อผิดพลาด 2 รายการ" in exc.message_th
    assert "…" not in exc.message_th and exc.where is None
