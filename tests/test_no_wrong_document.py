"""Issue 9 (parts 1–6): no wrong document ever leaves with exit 0.

Every case of the issue is planted into a copy of the corrected example through table, header
and defined names, then run through ``ita-xl check`` and ``ita-xl generate``: it ends in an error
naming sheet and cell and nothing is written, or (dates typed as text, numbers in text cells)
in documents that hold exactly the data typed, read back from the .docx.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from support.cli import check_json
from support.cli import cli as run_cli
from support.documents import docx_paragraphs, docx_tables, docx_text, squash
from support.wbedit import (add_column, find_table, open_copy, rename_header, set_below, set_cell,
                            set_name, set_rows, table_cell)
from support.workbooks import corrected_example_data, save_copy, write_data

from ita_xl import resources
from ita_xl.batch import run_batch


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("clean") / "clean.xlsm"
    return save_copy(resources.example_workbook(), target,
                     lambda wb: write_data(wb, corrected_example_data()))


def planted(clean: Path, tmp_path: Path, edit) -> Path:
    return save_copy(clean, tmp_path / "planted.xlsm", edit)


def where(cell) -> tuple[str, str]:
    return cell.parent.title, cell.coordinate


def findings_at(path: Path) -> tuple[int, dict[tuple[str, str], dict]]:
    code, findings = check_json(path)
    return code, {(f["sheet"], f["cell"]): f for f in findings}


def generate(path: Path, out: Path, *extra: str):
    return run_cli("generate", str(path), "-o", str(out), *extra)


def assert_refused(path: Path, tmp_path: Path, code: str, cell) -> dict:
    """check exits 2 with ``code`` at ``cell``; generate exits 2 and writes nothing."""
    exit_code, found = findings_at(path)
    assert exit_code == 2
    finding = found[where(cell)]
    assert finding["code"] == code and finding["severity"] == "error"
    out = tmp_path / "out"
    result = generate(path, out)
    assert result.exit_code == 2, result.output
    assert f"{cell.parent.title}!{cell.coordinate}" in result.output
    assert not out.exists() or list(out.iterdir()) == []
    return finding


# --- 1. dates ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name, value, fix", [
    ("ita_memo_date", dt.datetime(2565, 3, 1), "1/3/2022"),
    ("ita_preface_date", dt.datetime(2565, 3, 1), "3/2022"),
])
def test_buddhist_year_in_a_setting_date_is_an_error_with_the_date_it_means(
        clean, tmp_path, name, value, fix):
    cells = []
    path = planted(clean, tmp_path, lambda wb: cells.append(set_name(wb, name, value)))
    finding = assert_refused(path, tmp_path, "ITA109", cells[0])
    assert fix in finding["fix_th"] and f"Did you mean {fix}?" in finding["fix_en"]
    assert "มีนาคม 2565" in finding["fix_th"] and "3108" in finding["message_th"]


def test_buddhist_year_in_a_period_is_one_error_with_the_month_it_means(clean, tmp_path):
    cells = []
    path = planted(clean, tmp_path, lambda wb: cells.append(
        set_cell(wb, "Results", "ระยะเวลา: เดือนที่เริ่ม", 0, dt.datetime(2564, 12, 1))))
    finding = assert_refused(path, tmp_path, "ITA109", cells[0])
    assert "12/2021" in finding["fix_en"]
    _, found = findings_at(path)
    assert [f["code"] for f in found.values()] == ["ITA109"]  # not ITA301 as well


def test_batch_marks_a_buddhist_year_agency_failed_and_writes_nothing(clean, tmp_path):
    path = planted(clean, tmp_path, lambda wb: set_name(wb, "ita_memo_date",
                                                        dt.datetime(2565, 3, 1)))
    batch = run_batch([path], tmp_path / "out", jobs=1)
    (row,) = batch.agencies
    assert row.status == "checks failed" and not row.documents and batch.failed


@pytest.mark.parametrize("name, typed, printed", [
    ("ita_memo_date", "1 มี.ค. 65", "วันที่ ๑ มีนาคม ๒๕๖๕"),
    ("ita_memo_date", "01/03/2565", "วันที่ ๑ มีนาคม ๒๕๖๕"),
    ("ita_memo_date", "๑ มีนาคม ๒๕๖๕", "วันที่ ๑ มีนาคม ๒๕๖๕"),
    ("ita_memo_date", "1/3/2022", "วันที่ ๑ มีนาคม ๒๕๖๕"),
    ("ita_preface_date", "มี.ค. 2565", "มีนาคม ๒๕๖๕"),
])
def test_a_date_typed_as_text_is_read_as_the_date_it_means_with_a_warning(
        clean, tmp_path, name, typed, printed):
    cells = []
    path = planted(clean, tmp_path, lambda wb: cells.append(set_name(wb, name, typed)))
    exit_code, found = findings_at(path)
    assert exit_code == 0
    assert [(f["code"], f["severity"]) for f in found.values()] == [("ITA110", "warning")]
    finding = found[where(cells[0])]
    assert typed in finding["message_th"] and typed in finding["message_en"]
    assert "มีนาคม 2565" in finding["message_th"] and "March 2022" in finding["message_en"]
    out = tmp_path / "out"
    result = generate(path, out)
    assert result.exit_code == 0, result.output
    assert "1 warning(s)" in result.stderr  # generate sums the warnings up; check lists them
    memo = docx_text(out / "ITA2565_6m_memo.docx")
    report = docx_text(out / "ITA2565_6m_report.docx")
    assert squash(printed) in squash(memo if name == "ita_memo_date" else report)
    if typed not in printed:
        assert typed not in memo and typed not in report


def test_a_period_typed_as_text_is_printed_as_the_month_it_means(clean, tmp_path):
    cells = []
    path = planted(clean, tmp_path, lambda wb: cells.extend([
        set_cell(wb, "Results", "ระยะเวลา: เดือนที่เริ่ม", 0, "ธ.ค. 64"),
        set_cell(wb, "Results", "ระยะเวลา: ถึงเดือน", 0, "๑ ก.พ. ๒๕๖๕")]))
    exit_code, found = findings_at(path)
    assert exit_code == 0
    assert sorted(found) == sorted(where(c) for c in cells)
    assert {f["code"] for f in found.values()} == {"ITA110"}
    out = tmp_path / "out"
    assert generate(path, out).exit_code == 0
    periods = [row[2] for row in docx_tables(out / "ITA2565_6m_report.docx")[1][2:]]
    assert periods[0] == "เดือน ธันวาคม ๒๕๖๔ – กุมภาพันธ์ ๒๕๖๕"


@pytest.mark.parametrize("value", ["ต้นเดือนมีนาคม", "31 ก.พ. 2565", "1/13/2565", "มี.ค. 2565"])
def test_text_that_is_no_date_stays_an_error(clean, tmp_path, value):
    # "มี.ค. 2565" names no day: a month is not a memo date.
    cells = []
    path = planted(clean, tmp_path, lambda wb: cells.append(set_name(wb, "ita_memo_date", value)))
    assert assert_refused(path, tmp_path, "ITA102", cells[0])


def test_preface_month_far_from_the_fiscal_year_is_an_error(clean, tmp_path):
    cells = []
    path = planted(clean, tmp_path, lambda wb: cells.append(
        set_name(wb, "ita_preface_date", dt.datetime(1900, 1, 1))))
    finding = assert_refused(path, tmp_path, "ITA309", cells[0])
    assert "มกราคม 2443" in finding["message_th"]


# --- 2. nothing typed is lost --------------------------------------------------------------------
def test_a_row_typed_under_a_table_is_an_error_naming_the_rows_and_the_fix(clean, tmp_path):
    cells = []

    def edit(wb):
        cells.append(set_below(wb, "Results", {"มาตรการ": "มาตรการใหม่", "ผลผลิต": "คู่มือ"}))
        cells.append(set_below(wb, "Results", {"มาตรการ": "มาตรการที่สอง"}, gap=1))

    path = planted(clean, tmp_path, edit)
    finding = assert_refused(path, tmp_path, "ITA706", cells[0])
    first, second = cells[0].row, cells[1].row
    assert f"{first}–{second}" in finding["message_th"] and f"{first}–{second}" in finding["message_en"]
    ref = find_table(open_copy(path), "Results")[1].ref  # the table as it is: A2:<last col><n>
    grown = f"{ref.split(':')[0]}:{ref.split(':')[1].rstrip('0123456789')}{second}"
    assert f"เป็น {grown}" in finding["fix_th"] and f"Resize Table to {grown}" in finding["fix_en"]


def test_a_value_typed_beside_a_table_is_an_error(clean, tmp_path):
    cells = []

    def edit(wb):
        ref = table_cell(wb, "Chain", "ตำแหน่ง", 1)
        cells.append(ref.offset(column=1))
        cells[0].value = "โทร 043-000000"

    path = planted(clean, tmp_path, edit)
    assert assert_refused(path, tmp_path, "ITA706", cells[0])


def test_the_title_of_the_next_table_is_not_data_outside_a_table(clean, tmp_path):
    # Levels grows until it touches the title row of Indicators below it on the same sheet.
    def edit(wb):
        rows = [{"ระดับ": n, "คำอธิบายระดับ": f"ระดับที่ {n}"} for n in (1, 2, 3, 4)]
        set_rows(wb, "Levels", rows)
        ws, table = find_table(wb, "Levels")
        below = ws.cell(row=int(table.ref.split(":")[1][1:]) + 1, column=1)
        assert below.value == "ผลการประเมินปีที่ผ่านมา แยกตามตัวชี้วัด"  # the title, just under

    path = planted(clean, tmp_path, edit)
    _, found = findings_at(path)
    assert "ITA706" not in {f["code"] for f in found.values()}


@pytest.mark.parametrize("table, header, typo, known", [
    ("Results", "ระยะเวลา: ถึงเดือน", "ระยะเวลา ถึงเดือน", "ระยะเวลา: ถึงเดือน"),
    ("Results", "หมายเหตุ", "หมายเหต", "หมายเหตุ"),
    ("Chain", "ยศ/คำนำหน้า", "ยศ", "ยศ/คำนำหน้า"),
    ("Indicators", "คะแนน", "คะเเนน", "คะแนน"),
])
def test_a_misspelt_optional_header_is_an_error_naming_the_header_it_means(
        clean, tmp_path, table, header, typo, known):
    cells = []

    def edit(wb):
        # What the clerk typed under the header: it would vanish from the documents.
        value = {"ระยะเวลา: ถึงเดือน": dt.datetime(2022, 3, 1), "หมายเหตุ": "ดำเนินการแล้ว",
                 "ยศ/คำนำหน้า": "จ.ส.อ.", "คะแนน": 90}[header]
        set_cell(wb, table, header, 0, value)
        cells.append(rename_header(wb, table, header, typo))

    path = planted(clean, tmp_path, edit)
    finding = assert_refused(path, tmp_path, "ITA705", cells[0])
    assert f"“{known}”" in finding["message_th"] and f"“{known}”" in finding["fix_en"]


def test_a_header_of_the_clerks_own_column_is_a_warning_and_the_rest_prints(clean, tmp_path):
    cells = []
    path = planted(clean, tmp_path, lambda wb: cells.append(
        add_column(wb, "Plan", "ค่าใช้จ่ายจริง", {0: 5000, 1: 12000})))
    exit_code, found = findings_at(path)
    assert exit_code == 0
    finding = found[where(cells[0])]
    assert finding["code"] == "ITA703" and "ไม่ถูกพิมพ์" in finding["message_th"]
    assert "closest known header" in finding["message_en"]
    out = tmp_path / "out"
    assert generate(path, out).exit_code == 0
    assert "5000" not in docx_text(out / "ITA2565_6m_report.docx")


@pytest.mark.parametrize("digits, expect", [("เลขไทย", "๘๕%"), ("เลขอารบิก", "85%")])
def test_a_percentage_in_a_text_cell_prints_as_excel_shows_it(clean, tmp_path, digits, expect):
    def edit(wb):
        set_name(wb, "ita_digits", digits)
        cell = set_cell(wb, "Results", "หมายเหตุ", 0, 0.85)
        cell.number_format = "0%"

    path = planted(clean, tmp_path, edit)
    out = tmp_path / "out"
    assert generate(path, out).exit_code == 0
    rows = docx_tables(out / "ITA2565_6m_report.docx")[1]
    assert rows[2][-1] == expect


@pytest.mark.parametrize("digits, ref, details", [
    ("เลขไทย", "ที่ ๐๐๑๒", "๑,๒๓๔,๕๖๗"),
    ("เลขอารบิก", "ที่ 0012", "1,234,567"),
])
def test_numbers_in_text_cells_keep_their_format_and_follow_the_digits_setting(
        clean, tmp_path, digits, ref, details):
    def edit(wb):
        set_name(wb, "ita_digits", digits)
        set_name(wb, "ita_memo_ref", 12).number_format = "0000"
        set_cell(wb, "Results", "รายละเอียดการดำเนินงาน", 1, 1234567).number_format = "#,##0"

    path = planted(clean, tmp_path, edit)
    out = tmp_path / "out"
    result = generate(path, out)
    assert result.exit_code == 0, result.output
    assert squash(ref) in squash(docx_text(out / "ITA2565_6m_memo.docx"))
    rows = docx_tables(out / "ITA2565_6m_report.docx")[1]
    assert rows[3][1] == details


def test_a_reference_excel_turned_into_a_date_is_an_error_with_the_fix(clean, tmp_path):
    cells = []
    path = planted(clean, tmp_path, lambda wb: cells.append(
        set_name(wb, "ita_memo_ref", dt.datetime(2565, 12, 1))))
    finding = assert_refused(path, tmp_path, "ITA111", cells[0])
    assert "'12/2565" in finding["fix_th"] and "'12/2565" in finding["fix_en"]


def test_a_plausible_date_in_a_remark_prints_as_the_thai_date_it_shows(clean, tmp_path):
    path = planted(clean, tmp_path, lambda wb: set_cell(
        wb, "Results", "หมายเหตุ", 0, dt.datetime(2022, 2, 15)))
    out = tmp_path / "out"
    assert generate(path, out).exit_code == 0
    assert docx_tables(out / "ITA2565_6m_report.docx")[1][2][-1] == "๑๕ กุมภาพันธ์ ๒๕๖๕"


# --- 3. no silent example ------------------------------------------------------------------------
def test_without_workbook_the_clerks_own_tracker_in_the_folder_is_used_and_named(
        clean, tmp_path, monkeypatch):
    own = save_copy(clean, tmp_path / "ITA_tracker.xlsm",
                    lambda wb: set_name(wb, "ita_memo_ref", "มค ๙๙๙/๒๕๖๕"))
    monkeypatch.chdir(tmp_path)
    result = run_cli("generate", "-o", "out")
    assert result.exit_code == 0, result.output
    assert str(own.resolve()) in result.stderr
    memo = docx_text(tmp_path / "out" / "ITA2565_6m_memo.docx")
    assert "มค ๙๙๙/๒๕๖๕" in memo and "๕๖๖๐๑" not in memo  # the clerk's, not the example's
    check = run_cli("check", "--format", "json")
    assert check.exit_code == 0 and json.loads(check.stdout) == []
    assert str(own.resolve()) in check.stderr


@pytest.mark.parametrize("command", ["generate", "check"])
def test_without_workbook_and_without_tracker_the_command_stops_and_says_how(
        tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    result = run_cli(command)
    assert result.exit_code == 64  # a usage error: the command line lacks the workbook
    assert "ITA_tracker.xlsm" in result.stderr and "--example" in result.stderr
    assert result.stderr.index("ไม่ได้ระบุสมุดงาน") < result.stderr.index("No WORKBOOK given")
    assert list(tmp_path.iterdir()) == []


def test_example_flag_uses_the_bundled_example_and_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("generate", "--example", "-o", "out")
    assert result.exit_code == 0, result.output
    assert "bundled example" in result.stderr
    assert "เทศบาลตำบลเมืองหงส์" in docx_text(tmp_path / "out" / "ITA2565_6m_memo.docx")


# --- 5. --force never changes data ---------------------------------------------------------------
def test_a_period_typed_as_text_keeps_its_end_month(clean, tmp_path):
    # Free text is a period in words (issue 10): printed as typed, and the end month with it.
    path = planted(clean, tmp_path, lambda wb: (
        set_cell(wb, "Results", "ระยะเวลา: เดือนที่เริ่ม", 0, "ตลอดปีงบประมาณ"),
        set_cell(wb, "Results", "ระยะเวลา: ถึงเดือน", 0, dt.datetime(2022, 3, 1))))
    out = tmp_path / "out"
    result = generate(path, out)
    assert result.exit_code == 0, result.output
    periods = [row[2] for row in docx_tables(out / "ITA2565_6m_report.docx")[1][2:]]
    assert periods[0] == "ตลอดปีงบประมาณ – มีนาคม ๒๕๖๕"


def test_force_prints_a_date_that_is_no_date_as_typed_and_says_so(clean, tmp_path):
    cells = []
    path = planted(clean, tmp_path, lambda wb: cells.append(
        set_name(wb, "ita_preface_date", "หลังประชุมสภา")))
    out = tmp_path / "out"
    result = generate(path, out, "--force")
    assert result.exit_code == 0, result.output
    cell = f"{cells[0].parent.title}!{cells[0].coordinate}"
    assert "ITA102" in result.stderr and cell in result.stderr
    line = next(ln for ln in result.stderr.splitlines() if ln.startswith("Printed exactly as typed"))
    assert cell in line
    assert "หลังประชุมสภา" in docx_text(out / "ITA2565_6m_report.docx")


def test_batch_force_says_which_cells_were_printed_as_typed(clean, tmp_path):
    cells = []
    path = planted(clean, tmp_path, lambda wb: cells.append(
        set_name(wb, "ita_memo_date", "ต้นเดือนมีนาคม")))
    (row,) = run_batch([path], tmp_path / "out", jobs=1, force=True).agencies
    assert row.forced and row.status == "ok"
    cell = f"{cells[0].parent.title}!{cells[0].coordinate}"
    # the words of generate --force, on one line: Thai first
    assert f"จึงพิมพ์ตามที่พิมพ์ไว้ในช่อง: {cell}" in row.message.split(" / ")[0]
    assert f"Printed exactly as typed (could not be formatted): {cell}" in row.message
    assert "ต้นเดือนมีนาคม" in docx_text(row.folder / "ITA2565_6m_memo.docx")


def test_force_prints_a_memo_date_that_is_no_date_as_typed(clean, tmp_path):
    path = planted(clean, tmp_path, lambda wb: set_name(wb, "ita_memo_date", "ต้นเดือนมีนาคม"))
    out = tmp_path / "out"
    result = generate(path, out, "--force")
    assert result.exit_code == 0
    assert "ต้นเดือนมีนาคม" in docx_text(out / "ITA2565_6m_memo.docx")
    assert "Printed exactly as typed" in result.stderr


# --- 6. batch never leaves stale documents -------------------------------------------------------
def test_batch_removes_a_failing_agencys_old_documents_and_says_so(clean, tmp_path):
    book = save_copy(clean, tmp_path / "agency.xlsm")
    out = tmp_path / "out"
    first = run_batch([book], out, jobs=1)
    (row,) = first.agencies
    assert row.ok and [p.name for p in row.documents] == ["ITA2565_6m_memo.docx",
                                                          "ITA2565_6m_report.docx"]
    folder = row.folder
    (folder / "ITA2565_6m_memo.pdf").write_bytes(b"%PDF- an earlier run's PDF")
    (folder / "notes.txt").write_text("the clerk's own file", encoding="utf-8")
    save_copy(clean, book, lambda wb: set_name(wb, "ita_memo_date", dt.datetime(2565, 3, 1)))

    second = run_batch([book], out, jobs=1)
    (row,) = second.agencies
    assert row.status == "checks failed"
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    assert len(row.removed) == 3 and "removed 3 stale document(s)" in row.message
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert data["agencies"][0]["documents"] == [] and len(data["agencies"][0]["removed"]) == 3
    summary = (out / "summary.csv").read_text(encoding="utf-8-sig")
    assert "removed" in summary.splitlines()[0] and ",3," in summary.splitlines()[1]


def test_batch_removes_an_unreadable_workbooks_old_documents(clean, tmp_path):
    book = save_copy(clean, tmp_path / "agency.xlsm")
    out = tmp_path / "out"
    (row,) = run_batch([book], out, jobs=1).agencies
    folder = row.folder
    data = book.read_bytes()
    book.write_bytes(data[: len(data) // 3])  # the workbook got damaged since
    (row,) = run_batch([book], out, jobs=1).agencies
    assert row.status == "failed"
    assert list(folder.iterdir()) == [] and len(row.removed) == 2


def test_memo_paragraphs_unchanged_for_the_clean_copy(clean, tmp_path):
    # A guard for the readings above: the corrected example still prints the seed's memo date.
    out = tmp_path / "out"
    assert generate(clean, out).exit_code == 0
    assert any("วันที่ ๑ มีนาคม ๒๕๖๕" in squash(p) or "๑มีนาคม๒๕๖๕" in squash(p)
               for p in docx_paragraphs(out / "ITA2565_6m_memo.docx"))
