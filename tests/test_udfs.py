"""``ita_xl.udfs``: the xlwings functions, called as plain Python with values shaped as Excel passes them.

Excel hands a UDF 2-D lists (header row first for ``Table[#All]``), ``None`` for blank cells,
floats for every number and ``datetime`` for date cells; a one-row range may arrive as a 1-D
list and one cell as a scalar.  The "where" block of the check sheet gives ITA_FINDINGS the
defined names with ``CELL("address", …)``, which Excel spells ``'[book.xlsm]sheet'!$B$3``.
"""
from __future__ import annotations

import datetime as dt
import re

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from ita_xl import layout, resources
from ita_xl.pipeline import check
from ita_xl.reader import as_rows, parse_address
from ita_xl.udfs import (ITA_FINDINGS, ITA_ROWSTATUS, ITA_THAIDATE, ITA_THAIDIGITS,
                         functions)

EXAMPLE = resources.example_workbook()
PLAN_HEADER = ["มาตรการ", "แนวทางการปฏิบัติ", "ขั้นตอน/วิธีการปฏิบัติ", "ผู้รับผิดชอบ", "การกำกับติดตาม"]
CLEAN_PLAN = [
    PLAN_HEADER,
    ["มาตรการเผยแพร่ข้อมูลต่อสาธารณะ", "เผยแพร่ข้อมูลบนเว็บไซต์ของหน่วยงาน", "จัดทำประกาศและเผยแพร่",
     "สำนักปลัด", "รายงานผลทุกรอบ"],
    ["มาตรการป้องกันการรับสินบน", "จัดทำคู่มือการปฏิบัติงาน", "ประชุมชี้แจงบุคลากร", "กองช่าง",
     "รายงานผลทุกรอบ"],
    ["มาตรการตรวจสอบการใช้ดุลพินิจ", "กำหนดขั้นตอนการปฏิบัติงาน", "จัดทำแนวทาง", "กองคลัง",
     "รายงานผลทุกรอบ"],
]


def _excel(value):
    """A value as xlwings hands it to Python: every number a float."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def excel_values(path=EXAMPLE):
    """(where block, {table: 2-D list}) as Excel would pass them to ITA_FINDINGS."""
    wb = load_workbook(path, data_only=True)
    where, tables = [], {}
    for spec in layout.SETTINGS:
        (sheet, coord), = wb.defined_names[spec.name].destinations
        col, row = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", coord).groups()
        where.append([spec.name, _excel(wb[sheet][f"{col}{row}"].value),
                      f"'[ITA_tracker.xlsm]{sheet}'!${col}${row}"])
    for ws in wb.worksheets:
        for name, ref in ws.tables.items():
            c1, r1, c2, r2 = range_boundaries(ref)
            tables[name] = [[_excel(c.value) for c in row] for row in
                            ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2)]
            where.append([name, None, f"'[ITA_tracker.xlsm]{ws.title}'!${get_column_letter(c1)}${r1}"])
    return where, tables


def findings(where, tables):
    return ITA_FINDINGS(where, tables["Chain"], tables["Levels"], tables["Indicators"],
                        tables["Plan"], tables["Results"])


def test_the_udfs_are_registered_for_the_build():
    assert [f.__name__ for f in functions()] == [
        "ITA_FINDINGS", "ITA_ROWSTATUS", "ITA_THAIDATE", "ITA_THAIDIGITS"]
    assert all(f.__ita_udf__["category"] == "ITA" for f in functions())


def test_findings_of_excel_values_are_those_of_the_workbook():
    where, tables = excel_values()
    out = findings(where, tables)
    assert out[0] == ["รหัส", "ระดับ", "ตำแหน่ง", "ปัญหา"]
    expected = check(EXAMPLE).findings
    assert expected, "the example has warnings to compare"
    assert [(r[0], r[2], r[3]) for r in out[1:]] == \
        [(f.code, f"{f.sheet}!{f.cell}", f.message_th) for f in expected]
    assert all(r[1] in ("⚠ คำเตือน", "✖ ข้อผิดพลาด") for r in out[1:])


def test_a_planted_mistake_shows_in_the_row_status_and_in_the_findings():
    plan = [list(r) for r in CLEAN_PLAN]
    plan[2][3] = None  # ผู้รับผิดชอบ of the second measure left blank
    assert ITA_ROWSTATUS(CLEAN_PLAN) == [["สถานะ"], ["OK"], ["OK"], ["OK"]]
    status = ITA_ROWSTATUS(plan)
    assert status[0] == ["สถานะ"] and status[1] == ["OK"] and status[3] == ["OK"]
    assert status[2][0].startswith("✖") and "ผู้รับผิดชอบ" in status[2][0]

    where, tables = excel_values()
    plan_at = next(row for row in where if row[0] == "Plan")
    plan_at[2] = "'[ITA_tracker.xlsm]มาตรการ'!$B$10"  # the clerk moved the table
    tables["Plan"] = plan
    out = findings(where, tables)
    hits = [r for r in out[1:] if r[0] == "ITA101"]
    assert [r[2] for r in hits] == ["มาตรการ!E12"]  # column E (4th from B), 2nd data row
    assert hits[0][1] == "✖ ข้อผิดพลาด" and "ผู้รับผิดชอบ" in hits[0][3]


def test_row_status_detects_the_table_and_keeps_blank_rows_blank():
    where, tables = excel_values()
    results = tables["Results"]
    status = ITA_ROWSTATUS(results)
    assert len(status) == len(results) and status[0] == ["สถานะ"]
    # The seed's first results row has the office in the output column (a shifted row).
    assert status[1][0].startswith("⚠") and "สำนักปลัด" in status[1][0]
    with_blank = results[:2] + [[None] * len(results[0])] + results[2:]
    status = ITA_ROWSTATUS(with_blank, "Results")
    assert status[2] == [""]
    assert ITA_ROWSTATUS(PLAN_HEADER) == [["สถานะ"]]  # a header-only table (1-D, as Excel sends)
    assert ITA_ROWSTATUS(None) == [["สถานะ"]]
    assert ITA_ROWSTATUS(CLEAN_PLAN, "Nope")[0][0].startswith("✖")


def test_dates_as_datetimes_floats_or_text_in_the_results_table():
    where, tables = excel_values()
    results = [list(r) for r in tables["Results"]]
    start = results[0].index("ระยะเวลา: เดือนที่เริ่ม")
    assert isinstance(results[1][start], dt.datetime)
    results[1][start] = 44562.0  # a date cell that lost its format: a serial number
    results[2][start] = "ตุลาคม 2564"  # a date typed as text: read as that month, a warning
    results[3][start] = "31 ก.พ. 2565"  # shaped like a date but none: a period as text, a warning
    tables["Results"] = results
    out = findings(where, tables)
    cell = f"{get_column_letter(1 + start)}"
    for code in ("ITA110", "ITA307"):
        texts = [r for r in out[1:] if r[0] == code]
        assert len(texts) == 1 and texts[0][2].startswith("ผลการดำเนินงาน!" + cell)


def test_settings_passed_as_empty_strings_count_as_blank():
    where, tables = excel_values()
    for row in where:
        if row[0] == "ita_agency":
            row[1] = ""  # =IF(ISBLANK(ita_agency),"",ita_agency)
    out = findings(where, tables)
    assert any(r[0] == "ITA101" and r[2] == "ตั้งค่า!B3" for r in out[1:])


def test_no_findings_is_a_readable_row():
    from ita_xl.present import finding_rows

    assert finding_rows([]) == [["รหัส", "ระดับ", "ตำแหน่ง", "ปัญหา"], ["", "", "", "ไม่พบปัญหา"]]


def test_a_table_without_a_required_column_is_one_error_row():
    where, tables = excel_values()
    tables["Plan"] = [[c for c in row[:3]] for row in tables["Plan"]]  # ผู้รับผิดชอบ… removed
    out = findings(where, tables)
    assert len(out) == 2 and out[1][1] == "✖ ข้อผิดพลาด" and "ผู้รับผิดชอบ" in out[1][3]


@pytest.mark.parametrize("text, expected", [
    ("$B$3", (None, "B3")),
    ("'[ITA_tracker.xlsm]ตั้งค่า'!$B$3", ("ตั้งค่า", "B3")),
    ("[ITA_tracker.xlsm]Sheet1!$AA$10", ("Sheet1", "AA10")),
    ("'[สมุดงาน ITA.xlsm]แผน ''ปี 65'''!$C$7", ("แผน 'ปี 65'", "C7")),
    ("$'ตั้งค่า'.$B$3", ("ตั้งค่า", "B3")),  # LibreOffice
    ("$Sheet1.$D$4", ("Sheet1", "D4")),
    ("", (None, None)), (None, (None, None)), ("#REF!", (None, None)),
])
def test_cell_addresses_from_excel_and_libreoffice(text, expected):
    assert parse_address(text) == expected


def test_excel_shapes():
    assert as_rows(None) == [] and as_rows(5.0) == [[5.0]]
    assert as_rows(["a", None]) == [["a", None]] and as_rows([["a"], ["b"]]) == [["a"], ["b"]]


def test_thai_digits():
    assert ITA_THAIDIGITS(2565.0) == "๒๕๖๕"
    assert ITA_THAIDIGITS("56601/-") == "๕๖๖๐๑/-"
    assert ITA_THAIDIGITS(12.5) == "๑๒.๕"
    assert ITA_THAIDIGITS(None) == "" and ITA_THAIDIGITS("") == ""
    assert ITA_THAIDIGITS(dt.datetime(2022, 3, 1)) == "๑/๓/๒๕๖๕"


@pytest.mark.parametrize("when", [dt.datetime(2022, 3, 1), dt.date(2022, 3, 1), 44621.0])
def test_thai_date_in_buddhist_era(when):
    assert ITA_THAIDATE(when) == "๑ มีนาคม ๒๕๖๕"
    assert ITA_THAIDATE(when, False) == "1 มีนาคม 2565"
    assert ITA_THAIDATE(when, "เลขอารบิก") == "1 มีนาคม 2565"
    assert ITA_THAIDATE(when, "เลขไทย") == "๑ มีนาคม ๒๕๖๕"
    assert ITA_THAIDATE(when, None) == "๑ มีนาคม ๒๕๖๕"  # optional argument left out
    assert ITA_THAIDATE(when, 0.0) == "1 มีนาคม 2565"


def test_thai_date_of_blank_or_text():
    assert ITA_THAIDATE(None) == "" and ITA_THAIDATE("") == ""
    # Text in a usual Thai date form is the date it means, as in the documents (one reading).
    assert ITA_THAIDATE("1 มี.ค. 65") == "๑ มีนาคม ๒๕๖๕"
    assert ITA_THAIDATE("ต้นเดือนมีนาคม").startswith("✖")


def test_findings_without_the_where_block_check_the_tables_alone():
    plan = [list(r) for r in CLEAN_PLAN]
    plan[1][3] = None
    out = ITA_FINDINGS(None, None, None, None, plan, None)
    assert [(r[0], r[2]) for r in out[1:]] == [("ITA101", "มาตรการ!D2")]
    assert ITA_FINDINGS(None, None, None, None, CLEAN_PLAN, None)[1][3] == "ไม่พบปัญหา"
