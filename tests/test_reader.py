"""``ita_xl.reader``: bad input files get a clear Thai+English message, a non-zero exit code, no
traceback (unless --debug) and no output file; big but honest trackers just work."""
from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support.documents import squash
from support import bad_files as bad
from support.cli import cli, files_in
from support.documents import document_text, xml_problems
from support.wbedit import open_copy, set_cell, set_name, set_rows

from ita_xl import resources
from ita_xl.errors import WorkbookError
from ita_xl.reader import read_tracker

THAI = "\u0e00-\u0e7f"

# name → (maker, file name, words every message must hold besides the file name)
BAD_FILES = {
    "random bytes": (bad.random_bytes, "ITA_tracker.xlsx", ["ไม่ใช่สมุดงาน Excel", "not an Excel workbook"]),
    "empty file": (bad.empty, "ITA_tracker.xlsm", ["ว่างเปล่า", "empty (0 bytes)"]),
    "csv": (bad.csv_file, "export.csv", ["CSV", "text file"]),
    "web page as xls": (bad.html_as_xls, "export.xls", ["HTML", "web page"]),
    "old xls": (bad.old_xls, "ITA_tracker.xls", [".xls 97-2003", "Excel 97-2003 workbook", ".xlsm"]),
    "xls named xlsx": (bad.old_xls, "ITA_tracker.xlsx", [".xls 97-2003", "Excel 97-2003"]),
    "ods": (bad.ods, "ITA_tracker.ods", [".ods", "OpenDocument spreadsheet"]),
    "zip, not excel": (bad.zip_not_excel, "ITA_tracker.xlsx", ["zip", "not an Excel workbook"]),
    "truncated copy": (bad.truncated, "ITA_tracker.xlsm", ["เสียหาย", "damaged"]),
    "password": (bad.encrypted, "ITA_tracker.xlsm", ["รหัสผ่าน", "password"]),
    "missing sheet": (bad.missing_sheet, "ITA_tracker.xlsm",
                      ["ไม่พบแผ่นงาน ผู้ลงนาม", "Sheet ผู้ลงนาม is missing", "ita-xl init"]),
    "missing table": (bad.missing_table, "ITA_tracker.xlsm",
                      ["ไม่พบตาราง Plan", "Table Plan", "มาตรการ", "ita-xl init"]),
    "missing column": (bad.missing_column, "ITA_tracker.xlsm",
                       ["ไม่มีคอลัมน์ ผู้รับผิดชอบ", "has no column ผู้รับผิดชอบ", "มาตรการ!A",
                        "ita-xl init"]),
    "merged cells": (bad.merged_cells, "ITA_tracker.xlsm",
                     ["เซลล์ที่ผสาน", "merged cells", "ผลการดำเนินงาน!A3", "A3:A4"]),
}


@pytest.fixture(params=list(BAD_FILES), ids=list(BAD_FILES))
def bad_file(request, tmp_path) -> tuple[Path, list[str]]:
    make, name, words = BAD_FILES[request.param]
    folder = tmp_path / "in"
    folder.mkdir()
    return make(folder / name), words


def _assert_message(text: str, path: Path, words: list[str]) -> None:
    assert path.name in text
    lines = [line for line in text.splitlines() if path.name in line]
    assert re.search(f"[{THAI}]", lines[0]), "the Thai sentence comes first"
    assert re.search(r"[A-Za-z]+ [a-z]+ [a-z]+", lines[1]), "then the English one"
    for word in words:
        assert word in text, word
    assert "Traceback" not in text


def test_reader_names_the_problem(bad_file):
    path, words = bad_file
    with pytest.raises(WorkbookError) as info:
        read_tracker(path)
    _assert_message(str(info.value), path, words)
    assert info.value.exit_code == 3


def test_generate_refuses_cleanly(bad_file, tmp_path):
    path, words = bad_file
    before = path.read_bytes()
    out = tmp_path / "out"
    result = cli("generate", path, "-o", out)
    assert result.exit_code == 3, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # no traceback
    _assert_message(result.output, path, words)
    assert files_in(out) == []
    assert path.read_bytes() == before


def test_check_refuses_cleanly(bad_file):
    from ita_xl.cli import main

    if "check" not in main.commands:
        pytest.skip("no check command yet")
    path, words = bad_file
    result = cli("check", path)
    assert result.exit_code == 3, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    _assert_message(result.output, path, words)


def test_missing_file_and_folder(tmp_path):
    result = cli("generate", tmp_path / "nope.xlsm", "-o", tmp_path / "out")
    assert result.exit_code == 3
    assert "ไม่พบไฟล์ nope.xlsm" in result.output and "File not found" in result.output
    assert files_in(tmp_path / "out") == []


def test_name_that_excel_made_ref(tmp_path):
    """Deleting the row of a named cell makes Excel turn the name into #REF!."""
    path = tmp_path / "ITA_tracker.xlsm"
    shutil.copy(resources.example_workbook(), path)
    wb = open_copy(path)
    wb.defined_names["ita_writer_name"].attr_text = "#REF!"
    wb.save(path)
    with pytest.raises(WorkbookError) as info:
        read_tracker(path)
    text = str(info.value)
    assert "ita_writer_name" in text and "#REF!" in text and "ita-xl init" in text




# --- real LibreOffice conversions of the tracker -------------------------------------------------
@pytest.mark.soffice
@pytest.mark.parametrize("fmt, words", [("xls", ["Excel 97-2003"]), ("ods", ["OpenDocument"])])
def test_tracker_saved_by_libreoffice_as(fmt, words, tmp_path):
    from ita_xl.convert import find_soffice

    profile = tmp_path / "profile"
    subprocess.run([str(find_soffice()), f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", fmt, "--outdir", str(tmp_path),
                    str(resources.example_workbook())], check=True, capture_output=True,
                   timeout=180)
    path = tmp_path / f"ITA_tracker.{fmt}"
    result = cli("generate", path, "-o", tmp_path / "out")
    assert result.exit_code == 3, result.output
    _assert_message(result.output, path, words)
    assert files_in(tmp_path / "out") == []


# --- ita-xl init ---------------------------------------------------------------------------------


# --- big but honest ------------------------------------------------------------------------------
@pytest.mark.slow
def test_ten_thousand_rows(tmp_path):
    """A 10,000-row results table (the table that grows: one row per activity), 100 rows to each
    of 100 planned measures: read, checked and rendered, every row printed once and in order,
    each measure's rows under one merged measure cell.

    (It had a 10,000-row plan too: the same reader path twice the work, for no other proof.)
    """
    path = tmp_path / "ITA_tracker.xlsm"
    shutil.copy(resources.example_workbook(), path)
    wb = open_copy(path)
    n, measures = 10_000, 100
    per = n // measures
    set_rows(wb, "Plan", [{"มาตรการ": f"มาตรการทดสอบ{m:03d}", "แนวทางการปฏิบัติ": f"แนวทาง {m}",
                           "ขั้นตอน/วิธีการปฏิบัติ": "๑. ประชุม\n๒. รายงาน", "ผู้รับผิดชอบ": "สำนักปลัด",
                           "การกำกับติดตาม": "-รอบ ๖ เดือน"} for m in range(measures)])
    set_rows(wb, "Results", [{"มาตรการ": f"มาตรการทดสอบ{i // per:03d}",
                              "รายละเอียดการดำเนินงาน": f"ผลงาน {i}",
                              "ระยะเวลา: เดือนที่เริ่ม": dt.datetime(2021, 12, 1),
                              "ผลผลิต": f"ผลผลิต {i}", "ผลลัพธ์": "ดำเนินการแล้ว"}
                             for i in range(n)])
    wb.save(path)
    text = _forced_report_text(path, tmp_path / "out")
    assert re.findall(r"ผลงาน([0-9]+)", text) == [str(i) for i in range(n)]
    assert re.findall(r"แนวทาง([0-9]+)", text) == [str(m) for m in range(measures)]
    # each measure twice: its plan row and its one merged cell over its 100 results rows
    assert re.findall(r"มาตรการทดสอบ([0-9]+)", text) == [f"{m:03d}" for m in range(measures)] * 2


def _forced_report_text(workbook: Path, out: Path) -> str:
    """Generate with --force, check the report is well-formed, return its text without spaces."""
    result = cli("generate", workbook, "-o", out, "--force")
    assert result.exit_code == 0, result.output
    report = out / "ITA2565_6m_report.docx"
    assert xml_problems(report) == []
    return squash(document_text(report))


def test_cells_of_excels_maximum_length(tmp_path):
    """32,767 characters (Excel's limit per cell) in a table cell and a setting: printed in full."""
    path = tmp_path / "ITA_tracker.xlsm"
    shutil.copy(resources.example_workbook(), path)
    unit = "มาตรการส่งเสริมคุณธรรม & <ความโปร่งใส> "
    long_text = (unit * (32_767 // len(unit) + 1))[:32_766] + "จ"
    assert len(long_text) == 32_767
    wb = open_copy(path)
    set_cell(wb, "Plan", "แนวทางการปฏิบัติ", 0, long_text)
    set_name(wb, "ita_preface", long_text)
    wb.save(path)
    assert read_tracker(path).plan[0].guideline == long_text
    text = _forced_report_text(path, tmp_path / "out")
    assert text.count(squash(long_text)) >= 2  # the plan cell and the preface


def _cells(wb) -> dict:
    """Every cell openpyxl holds, sheet by sheet: (kind, value, number format)."""
    return {ws.title: {coord: (type(c).__name__, c.value, c.number_format)
                       for coord, c in sorted(ws._cells.items())} for ws in wb.worksheets}


@pytest.mark.parametrize("which", ["example", "merged"])
def test_data_read_sees_what_load_workbook_sees(tmp_path, which):
    """Issue 22: the reader skips openpyxl's border styling of merged cells; every value, number
    format, merged cell (MergedCell, no value) and merged range is still what
    ``openpyxl.load_workbook`` gives — on the bundled example (16 merged ranges) and on a copy
    with a range merged over typed values and a bordered top-left cell."""
    from openpyxl import load_workbook
    from openpyxl.styles import Border, Side

    from ita_xl.reader import _load_data

    path = resources.example_workbook()
    if which == "merged":
        path = tmp_path / "merged.xlsm"
        wb = load_workbook(resources.example_workbook(), keep_vba=True)
        ws = wb.worksheets[-1]
        for col in "ABC":
            ws[f"{col}40"] = f"ค่า {col}"
        ws["A40"].border = Border(bottom=Side(style="thick"), right=Side(style="thin"))
        ws.merge_cells("A40:C42")
        wb.save(path)
    lean, full = _load_data(path), load_workbook(path, data_only=True, keep_links=False)
    assert sum(len(ws.merged_cells.ranges) for ws in full.worksheets) >= (16 if which ==
                                                                         "example" else 1)
    assert _cells(lean) == _cells(full)
    assert [sorted(map(str, ws.merged_cells.ranges)) for ws in lean.worksheets] == \
        [sorted(map(str, ws.merged_cells.ranges)) for ws in full.worksheets]
    assert [ws.title for ws in lean.worksheets] == [ws.title for ws in full.worksheets]


# --- one value, one reading (each kills a mutant of bench/mutants.py) --------------------------
def test_a_fraction_in_a_whole_number_cell_is_kept_for_the_checks_never_rounded():
    from ita_xl.reader import cell_value

    assert cell_value(1.5, "int") == 1.5  # ITA103 names it; never read as level 1
    assert cell_value(2.0, "int") == 2 and isinstance(cell_value(2.0, "int"), int)
    assert cell_value("๓", "int") == 3 and cell_value("1.5", "int") == "1.5"


def test_headers_match_without_their_spaces_and_rows_of_spaces_are_no_rows():
    from ita_xl.reader import header_key, rows_to_records

    assert header_key(" ผู้รับ ผิดชอบ ") == header_key("ผู้รับผิดชอบ")
    header = ["มาตรการ", "แนวทาง การปฏิบัติ", "ขั้นตอน/วิธีการ ปฏิบัติ", "ผู้รับผิดชอบ ", "การกำกับติดตาม"]
    rows = [header, ["ม1", "ก", "ข", "ค", "ง"], ["  ", None, " \n", None, ""], ["ม2", "ก", "ข", "ค", "ง"]]
    info, records = rows_to_records("Plan", rows, sheet="มาตรการ", origin=(3, 1))
    assert [r.measure for r in records] == ["ม1", "ม2"]  # the row of spaces is skipped
    assert records[1].row == 3 and str(records[1].loc("guideline")) == "มาตรการ!B6"
    assert info.extra == {}  # every header found, spaces and all


def test_a_month_without_a_day_is_a_month_not_a_date():
    import datetime as dt

    from ita_xl.reader import cell_value

    assert cell_value("มี.ค. 2565", "month") == dt.date(2022, 3, 1)
    assert cell_value("มี.ค. 2565", "date") == "มี.ค. 2565"  # the memo date needs its day (ITA102)
    assert cell_value("1 มี.ค. 2565", "date") == dt.date(2022, 3, 1)


def test_excel_escapes_of_control_characters_are_decoded():
    from ita_xl.reader import unescape_ooxml

    assert unescape_ooxml("บรรทัด_x000B_สอง") == "บรรทัด\x0bสอง"  # Excel's in-cell line break
    assert unescape_ooxml("_x0007_") == "\x07" and unescape_ooxml(12) == 12
    assert unescape_ooxml("x_abc_") == "x_abc_"  # not an escape: as typed


def test_a_number_typed_as_text_keeps_its_decimals():
    from ita_xl.reader import cell_value

    assert cell_value("85.5", "number") == 85.5 and cell_value("๘๒.๔๗%", "number") == 82.47
    assert cell_value("ดีมาก", "number") == "ดีมาก"  # no number: the checks name it (ITA103)
