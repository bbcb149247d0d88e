"""``ita_xl.checks.engine``: the same rules on raw table values (as Excel hands them to xlwings functions), and
the Thai text helpers behind the space-broken-word and typo rules."""
from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from openpyxl.utils import range_boundaries

from ita_xl import layout, resources
from ita_xl.checks import check_rows, check_values, run_checks
from ita_xl.reader import read_tracker

EXAMPLE = resources.example_workbook()


def excel_values(value):
    """What xlwings hands over: numbers as floats, dates as datetimes, blanks as None."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return float(value)
    return value


@pytest.fixture(scope="module")
def tables():
    """{table: (rows, sheet, origin)} of the bundled workbook, shaped as Excel passes them."""
    wb = load_workbook(EXAMPLE, data_only=True)
    out = {}
    for ws in wb.worksheets:
        for name, ref in ws.tables.items():
            if name not in {t.name for t in layout.TABLES}:  # e.g. Acknowledged: not checked
                continue
            min_col, min_row, max_col, max_row = range_boundaries(ref)
            rows = [[excel_values(c.value) for c in row] for row in ws.iter_rows(
                min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col)]
            out[name] = (rows, ws.title, (min_row, min_col))
    return out


def key(findings):
    return [(f.code, f.sheet, f.cell, f.message_th) for f in findings]


def test_raw_values_of_all_tables_give_the_same_findings_as_the_workbook(tables):
    tracker = read_tracker(EXAMPLE)
    from_file = run_checks(tracker)
    from_values = check_values(tables, tracker.settings)
    in_tables = [f for f in from_file if f.table is not None]
    assert key(from_values) == key(in_tables)
    assert in_tables  # the seed's mistakes sit in the tables too


def test_one_table_runs_the_rules_that_need_only_it(tables):
    rows, sheet, origin = tables["Results"]
    findings = check_rows("Results", rows, sheet, origin)
    by_code = {(f.code, f.cell) for f in findings}
    tracker = read_tracker(EXAMPLE)
    output_1 = tracker.results[0].locs["output"].cell
    assert ("ITA211", output_1) in by_code  # the office in ผลผลิต needs no other table
    assert all(f.table == "Results" and f.sheet == sheet for f in findings)
    assert not any(f.code in {"ITA201", "ITA202", "ITA203"} for f in findings)  # need the plan


def test_check_rows_addresses_follow_the_origin():
    header = [c.header for c in layout.RESULTS.columns]
    row = ["มาตรการทดสอบ", "รายละเอียด", "ธันวาคม 2564", None, "คู่มือ", "ผลลัพธ์", None]
    findings = check_rows("Results", [header, row], "ผล", origin=(10, 3))
    # The month typed as text is read as December 2564 with a warning at its real address.
    assert [(f.code, f.cell) for f in findings] == [("ITA110", "E11")]


def test_settings_as_plain_values_let_date_rules_run():
    header = [c.header for c in layout.RESULTS.columns]
    row = ["มาตรการทดสอบ", "รายละเอียด", dt.datetime(2021, 8, 1), None, "คู่มือ", "ผลลัพธ์", None]
    settings = {"fiscal_year": 2565.0, "round": "รอบ ๖ เดือน"}
    findings = check_rows("Results", [header, row], "ผล", (1, 1), settings=settings)
    assert [(f.code, f.cell) for f in findings] == [("ITA301", "C2")]
    assert check_rows("Results", [header, row], "ผล", (1, 1)) == []  # no fiscal year: no rule


def test_floats_and_blank_rows_from_excel_are_fine(tables):
    rows, sheet, origin = tables["Indicators"]
    assert all(isinstance(r[0], float) for r in rows[1:])
    assert check_rows("Indicators", rows + [[None] * len(rows[0])], sheet, origin) == []


def test_excel_errors_as_xlwings_passes_them():
    header = [c.header for c in layout.PLAN.columns]
    row = ["มาตรการ ก", "#N/A", "ขั้นตอน", "สำนักปลัด", "#DIV/0!"]
    findings = check_rows("Plan", [header, row], "แผน", (1, 1))
    assert [(f.code, f.cell) for f in findings] == [("ITA107", "B2"), ("ITA107", "E2")]


def test_unknown_table_is_refused():
    with pytest.raises(KeyError):
        check_rows("Budget", [["a"]], "x")
