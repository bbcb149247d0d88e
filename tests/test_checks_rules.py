"""``ita_xl.checks.rules``: every rule, planted once in a copy of the bundled workbook, is found at its cell.

The copy is first corrected (the seed's own mistakes fixed, through table and header names), so
the planted mistake is the only thing the checks may report: each test asserts the complete
list of findings, in the JSON of ``ita-xl check --format json`` and in the Thai text report.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.cli import check_json, check_text
from support.workbooks import (corrected_example_data, example_data_in_year, save_copy,
                               table_rows, write_data)
from support.wbedit import rename_header, set_below, set_cell, set_name, set_rows, table_cell

from ita_xl import resources
from ita_xl.checks import CODES

Where = tuple[str, str, str]  # code, sheet, cell


def at(code: str, cell) -> Where:
    return (code, cell.parent.title, cell.coordinate)


@pytest.fixture(scope="session")
def clean_workbook(tmp_path_factory) -> Path:
    """A copy of the bundled workbook with the seed's mistakes corrected."""
    target = tmp_path_factory.mktemp("clean") / "clean.xlsm"
    return save_copy(resources.example_workbook(), target,
                     lambda wb: write_data(wb, corrected_example_data()))


def test_the_corrected_copy_is_clean(clean_workbook):
    code, findings = check_json(clean_workbook)
    assert findings == [] and code == 0


@dataclass
class Case:
    id: str
    plant: Callable[[object], list[Where]]  # edits the workbook, returns the expected findings


def _rows(table: str, extra: list[dict] | None = None, keep: int | None = None) -> list[dict]:
    rows = table_rows(corrected_example_data(), table)
    if keep is not None:
        rows = rows[:keep]
    return rows + (extra or [])


def _last_row_cell(wb, table: str, header: str):
    rows = _rows(table)
    return table_cell(wb, table, header, len(rows))


def plant_required(wb):
    return [at("ITA101", set_cell(wb, "Plan", "ผู้รับผิดชอบ", 0, None))]


def plant_required_setting(wb):
    return [at("ITA101", set_name(wb, "ita_addressee", None))]


def plant_not_a_date(wb):
    return [at("ITA102", set_name(wb, "ita_memo_date", "ต้นเดือนมีนาคม"))]


def plant_date_as_text(wb):
    # Read as the date it means (1 March 2022, the memo date already there), with a warning.
    return [at("ITA110", set_name(wb, "ita_memo_date", "๑ มีนาคม ๒๕๖๕"))]


def plant_month_as_text(wb):
    return [at("ITA110", set_cell(wb, "Results", "ระยะเวลา: เดือนที่เริ่ม", 1, "ก.พ. 2565"))]


def plant_buddhist_year_in_date(wb):
    # 1/3/2565 typed on a Thai-locale Windows: Excel stores the year 2565 C.E.
    return [at("ITA109", set_name(wb, "ita_memo_date", dt.datetime(2565, 3, 1)))]


def plant_score_as_fraction(wb):
    # 82.47% reaching the cell without its percent format (a paste of values): 0.8247
    cell = set_cell(wb, "Indicators", "คะแนน", 0, 0.8247)
    cell.number_format = "General"
    return [at("ITA112", cell)]


def plant_reference_became_date(wb):
    # "12/2565" typed into the reference cell: Excel made it 1 December 2565 C.E.
    return [at("ITA111", set_name(wb, "ita_memo_ref", dt.datetime(2565, 12, 1)))]


def plant_period_text_shaped_like_a_date(wb):
    # A period may be text ("ตลอดปีงบประมาณ"); one shaped like a date that is none: a warning.
    return [at("ITA307", set_cell(wb, "Results", "ระยะเวลา: เดือนที่เริ่ม", 1, "31 ก.พ. 2565"))]


def plant_row_of_unreported_round(wb):
    # a 12-month row in the 6-month report: an error, never a row silently left out
    return [at("ITA310", set_cell(wb, "Results", "รอบ", 0, "รอบ ๑๒ เดือน"))]


def plant_indicator_row_missing(wb):
    # Nine indicators where the year counts ten: the memo would say "จากทั้งหมด ๙" (an error,
    # ITA413) and the list lacks one (ITA407), both at the list's last row.
    set_rows(wb, "Indicators", _rows("Indicators", keep=9))
    last = table_cell(wb, "Indicators", "ตัวชี้วัด", 8)
    return [at("ITA413", last), at("ITA407", last)]


def plant_indicator_name_typo(wb):
    # The typo and, at the list's last row, the framework's name the table now lacks.
    return [at("ITA407", set_cell(wb, "Indicators", "ตัวชี้วัด", 5, "คุณภารการดำเนินงาน")),
            at("ITA407", table_cell(wb, "Indicators", "ตัวชี้วัด", 9))]


def plant_grade_of_another_scale(wb):
    set_name(wb, "ita_overall_score", 96.5)
    return [at("ITA408", set_name(wb, "ita_overall_grade", "ผ่านดีเยี่ยม"))]


# --- Issue 19: last year's result agrees with itself under the year's rules -----------------
def plant_grade_against_overall_score(wb):
    set_name(wb, "ita_overall_score", 72.4)
    return [at("ITA409", set_name(wb, "ita_overall_grade", "A"))]


def plant_all_passed_but_grade_below_pass(wb):
    # overall 72.40, grade C, every indicator marked passed: the memo would say all 10 passed
    rows = _rows("Indicators")
    for row in rows:
        row["ไม่ผ่านเกณฑ์"], row["ระดับที่ต้องพัฒนา"] = "ไม่ใช่", None
    set_rows(wb, "Indicators", rows)
    set_rows(wb, "Levels", [])
    set_name(wb, "ita_overall_score", 72.4)
    return [at("ITA410", set_name(wb, "ita_overall_grade", "C"))]


def plant_rating_against_a_tool(wb):
    # FY 2568: ผ่านดีเยี่ยม typed while EIT scored 80 (every tool must reach 85)
    write_data(wb, example_data_in_year(2568, tool_scores=(96.0, 80.0, 97.0), overall=92.0))
    return [at("ITA411", table_cell_of_name(wb, "ita_overall_grade"))]


def plant_rating_against_the_unofficial_rule(wb):
    # FY 2568: ผ่านดีเยี่ยม at 90 overall, tools 88–91: only the unofficial rule (≥ 95) says no
    write_data(wb, example_data_in_year(2568, tool_scores=(90.0, 88.0, 91.0), overall=90.0))
    return [at("ITA412", table_cell_of_name(wb, "ita_overall_grade"))]


def plant_address_part_the_type_lacks(wb):
    set_name(wb, "ita_agency_type", "องค์การบริหารส่วนจังหวัด")
    return [at("ITA513", table_cell_of_name(wb, "ita_district"))]


def table_cell_of_name(wb, name):
    sheet, coord = next(iter(wb.defined_names[name].destinations))
    return wb[sheet][coord.replace("$", "")]


def plant_unknown_column(wb):
    from support.wbedit import add_column

    cell = add_column(wb, "Plan", "งบ (ล้านบาท)", {0: 1.5})
    return [at("ITA703", cell)]


def plant_not_a_number(wb):
    return [at("ITA103", set_cell(wb, "Indicators", "คะแนน", 0, "แปดสิบ"))]


def plant_score_out_of_range(wb):
    return [at("ITA104", set_cell(wb, "Indicators", "คะแนน", 0, 105))]


def plant_not_in_list(wb):
    return [at("ITA105", set_cell(wb, "Indicators", "ไม่ผ่านเกณฑ์", 0, "ไม่ผ่าน"))]


def plant_round_not_in_list(wb):
    return [at("ITA105", set_name(wb, "ita_round", "ครึ่งปี"))]


def plant_fiscal_year_ce(wb):
    return [at("ITA106", set_name(wb, "ita_fiscal_year", 2022))]


def plant_excel_error(wb):
    return [at("ITA107", set_cell(wb, "Plan", "แนวทางการปฏิบัติ", 1, "#REF!"))]


def plant_excel_error_na(wb):
    return [at("ITA107", set_name(wb, "ita_office", "#N/A"))]


def plant_formula_without_value(wb):
    # openpyxl writes a formula without a cached value, as any tool but Excel does.
    return [at("ITA108", set_cell(wb, "Plan", "แนวทางการปฏิบัติ", 1, '=A1&"x"'))]


def plant_measure_without_results(wb):
    set_rows(wb, "Results", _rows("Results", keep=3))
    return [at("ITA201", table_cell(wb, "Plan", "มาตรการ", 3))]


def plant_result_near_miss(wb):
    return [at("ITA202", set_cell(wb, "Results", "มาตรการ", 1, "มาตรการตรวจสอบการใช้ดุลยพินิจ"))]


def plant_result_not_planned(wb):
    extra = dict(_rows("Results")[0])
    extra["มาตรการ"] = "มาตรการลดการใช้พลังงานในสำนักงาน"
    extra["รายละเอียดการดำเนินงาน"] = "รณรงค์ปิดไฟและเครื่องปรับอากาศช่วงพักกลางวัน"
    set_rows(wb, "Results", _rows("Results", [extra]))
    return [at("ITA202", _last_row_cell(wb, "Results", "มาตรการ"))]


def plant_measure_spelled_differently(wb):
    plan_measure = corrected_example_data()["Plan"][1]["measure"]
    spaced = plan_measure.replace("ตรวจสอบ", " ตรวจสอบ ")
    return [at("ITA203", set_cell(wb, "Results", "มาตรการ", 1, spaced))]


def plant_measure_digits_differ(wb):
    data = corrected_example_data()
    set_cell(wb, "Plan", "มาตรการ", 3, data["Plan"][3]["measure"] + " ๒๕๖๕")
    return [at("ITA203", set_cell(wb, "Results", "มาตรการ", 3,
                                  data["Results"][3]["measure"] + " 2565"))]


def plant_measure_planned_twice(wb):
    extra = dict(_rows("Plan")[0])
    extra["แนวทางการปฏิบัติ"] = "จัดประชุมชี้แจงเจ้าหน้าที่ทุกส่วนราชการ"
    set_rows(wb, "Plan", _rows("Plan", [extra]))
    return [at("ITA204", _last_row_cell(wb, "Plan", "มาตรการ"))]


def plant_rows_apart(wb):
    extra = dict(_rows("Results")[0])
    extra["รายละเอียดการดำเนินงาน"] = "จัดอบรมทบทวนการดำเนินงานครั้งที่ ๒"
    set_rows(wb, "Results", _rows("Results", [extra]))
    return [at("ITA205", _last_row_cell(wb, "Results", "มาตรการ"))]


def plant_owner_in_output(wb):
    return [at("ITA211", set_cell(wb, "Results", "ผลผลิต", 1, "กองคลัง"))]


def plant_monitoring_in_outcome(wb):
    return [at("ITA212", set_cell(wb, "Results", "ผลลัพธ์", 1,
                                  "รายงานผลการดำเนินงานตามมาตรการ\n-รอบ ๖ เดือน\n-รอบ ๑๒ เดือน"))]


def plant_period_outside_year(wb):
    return [at("ITA301", set_cell(wb, "Results", "ระยะเวลา: เดือนที่เริ่ม", 0,
                                  dt.datetime(2021, 8, 1)))]


def plant_period_outside_year_be_typed(wb):
    # A B.E. year typed into an Excel date: the year 2564 C.E. is ITA109 alone (no ITA301).
    return [at("ITA109", set_cell(wb, "Results", "ระยะเวลา: เดือนที่เริ่ม", 0,
                                  dt.datetime(2564, 12, 1)))]


def plant_period_after_round(wb):
    set_name(wb, "ita_memo_date", dt.datetime(2022, 6, 1))
    set_name(wb, "ita_preface_date", dt.datetime(2022, 6, 1))
    return [at("ITA302", set_cell(wb, "Results", "ระยะเวลา: เดือนที่เริ่ม", 0,
                                  dt.datetime(2022, 5, 1)))]


def plant_end_before_start(wb):
    return [at("ITA303", set_cell(wb, "Results", "ระยะเวลา: ถึงเดือน", 0, dt.datetime(2021, 11, 1)))]


def plant_memo_before_activity(wb):
    set_name(wb, "ita_preface_date", dt.datetime(2022, 1, 1))
    return [at("ITA304", set_name(wb, "ita_memo_date", dt.datetime(2022, 1, 20)))]


def plant_preface_after_memo(wb):
    return [at("ITA305", set_name(wb, "ita_preface_date", dt.datetime(2022, 4, 1)))]


def plant_memo_outside_year(wb):
    return [at("ITA306", set_name(wb, "ita_memo_date", dt.datetime(2023, 3, 1)))]


def plant_preface_outside_year(wb):
    # "มกราคม ๒๔๔๓": a small number typed into the month cell (1 is 1 January 1900).
    return [at("ITA309", set_name(wb, "ita_preface_date", dt.datetime(1900, 1, 1)))]


def plant_short_vs_score(wb):
    set_cell(wb, "Indicators", "คะแนน", 1, 90.5)  # marked short (ใช่) but above the pass mark
    return [at("ITA401", table_cell(wb, "Indicators", "ไม่ผ่านเกณฑ์", 1))]


def plant_short_without_level(wb):
    return [at("ITA402", set_cell(wb, "Indicators", "ระดับที่ต้องพัฒนา", 1, None))]


def plant_level_not_defined(wb):
    return [at("ITA403", set_cell(wb, "Indicators", "ระดับที่ต้องพัฒนา", 1, 3))]


def plant_level_without_indicators(wb):
    set_rows(wb, "Levels", _rows("Levels", [{"ระดับ": 3, "คำอธิบายระดับ": "ระดับที่ต้องติดตาม"}]))
    return [at("ITA404", _last_row_cell(wb, "Levels", "ระดับ"))]


def plant_level_on_passing(wb):
    return [at("ITA405", set_cell(wb, "Indicators", "ระดับที่ต้องพัฒนา", 0, 1))]


def plant_no_short(wb):
    for i in range(10):
        set_cell(wb, "Indicators", "ไม่ผ่านเกณฑ์", i, "ไม่ใช่")
        set_cell(wb, "Indicators", "ระดับที่ต้องพัฒนา", i, None)
    # Consequence of the same mistake: both levels are left without indicators.
    return [at("ITA406", table_cell(wb, "Indicators", "ไม่ผ่านเกณฑ์", 0)),
            at("ITA404", table_cell(wb, "Levels", "ระดับ", 0)),
            at("ITA404", table_cell(wb, "Levels", "ระดับ", 1))]


def plant_chain_label(wb):
    return [at("ITA501", set_cell(wb, "Chain", "ข้อความนำ", 0, "ทราบ/ความเห็นของปลัดเทศบาล"))]


def plant_name_in_parentheses(wb):
    return [at("ITA502", set_name(wb, "ita_writer_name", "(นายอรชุน ชินหงส์)"))]


def plant_other_agency(wb):
    return [at("ITA511", set_name(wb, "ita_preface_signer", "สำนักงานเทศบาลตำบลหนองบัว"))]


def plant_subject_year(wb):
    subject = corrected_example_data()["settings"]["subject"].replace("๒๕๖๕", "๒๕๖๔")
    return [at("ITA512", set_name(wb, "ita_subject", subject))]


def plant_control_characters(wb):
    text = corrected_example_data()["Plan"][0]["guideline"] + "\x7f"
    return [at("ITA601", set_cell(wb, "Plan", "แนวทางการปฏิบัติ", 0, text))]


def plant_double_space(wb):
    return [at("ITA602", set_cell(wb, "Results", "หมายเหตุ", 0, "ดำเนินการแล้ว  ตามแผน"))]


def plant_space_broken_phrase(wb):
    text = "-จัดทำคู่มือในการดำเนินงานของหน่วย งาน"
    return [at("ITA603", set_cell(wb, "Results", "รายละเอียดการดำเนินงาน", 0, text))]


def plant_space_broken_word(wb):
    return [at("ITA603", set_cell(wb, "Results", "หมายเหตุ", 1, "แจ้งประชาชนผ่านหอกระจายข่าวสาธาร ณะ"))]


def plant_cell_too_long(wb):
    return [at("ITA604", set_cell(wb, "Plan", "แนวทางการปฏิบัติ", 2, "การดำเนินงาน" * 200))]


def plant_typo(wb):
    return [at("ITA605", set_cell(wb, "Results", "หมายเหตุ", 0,
                                  "แก้ไขผู้ชี้วัดที่ไม่เกณฑ์การประเมิน"))]


def plant_repeated_word(wb):
    return [at("ITA606", set_cell(wb, "Plan", "ขั้นตอน/วิธีการปฏิบัติ", 3,
                                  "ผู้บริหารประกาศเจตจำนง เช่น เช่น ประกาศบนเว็บไซต์"))]


def plant_empty_table(wb):
    set_rows(wb, "Chain", [])
    return [at("ITA701", table_cell(wb, "Chain", "ข้อความนำ", 0))]


def plant_duplicate_row(wb):
    rows = _rows("Chain")
    set_rows(wb, "Chain", rows + [rows[-1]])
    return [at("ITA702", _last_row_cell(wb, "Chain", "ข้อความนำ"))]


def plant_row_under_table(wb):
    # A row pasted just under the results table; the table did not grow.
    return [at("ITA706", set_below(wb, "Results", {"มาตรการ": "มาตรการใหม่",
                                                    "รายละเอียดการดำเนินงาน": "จัดประชุม"}))]


def plant_misspelt_optional_header(wb):
    set_cell(wb, "Results", "หมายเหตุ", 0, "ดำเนินการแล้ว")
    return [at("ITA705", rename_header(wb, "Results", "หมายเหตุ", "หมายเหต"))]


def plant_misspelt_required_header(wb):
    # ผลลัพธ์ typed ผลลัพท์: named at the header cell with "did you mean", not exit 3 at the
    # table's first cell; another mistake in the same workbook is still reported.
    other = set_cell(wb, "Results", "มาตรการ", 0, "มาตรการที่ไม่มีในแผนเลย")
    return [at("ITA705", rename_header(wb, "Results", "ผลลัพธ์", "ผลลัพท์")),
            at("ITA202", other), at("ITA201", table_cell(wb, "Plan", "มาตรการ", 0))]


def plant_unknown_header(wb):
    set_cell(wb, "Results", "หมายเหตุ", 0, "ดำเนินการแล้ว")
    return [at("ITA703", rename_header(wb, "Results", "หมายเหตุ", "บันทึกของฉัน"))]
def plant_hidden_rows(wb):
    cells = [table_cell(wb, "Results", "มาตรการ", i) for i in (1, 3)]
    for cell in cells:
        cell.parent.row_dimensions[cell.row].hidden = True  # hidden, or filtered out
    return [at("ITA704", cells[0])]


def plant_level_with_a_fraction(wb):
    # 1.5 is no level: an error at the cell, never read as level 1
    return [at("ITA103", set_cell(wb, "Indicators", "ระดับที่ต้องพัฒนา", 1, 1.5))]  # short, level 1


def plant_month_before_the_fiscal_year(wb):
    # กันยายน ๒๕๖๔ ends fiscal year 2564: outside 2565, the month before its first
    return [at("ITA301", set_cell(wb, "Results", "ระยะเวลา: เดือนที่เริ่ม", 0,
                                  dt.datetime(2021, 9, 1)))]


def plant_preface_published_in_the_year_after(wb):
    # a preface dated by the month of publication, after the fiscal year (within a year of
    # it): after the memo (ITA305, a warning) but not outside the year (no ITA309)
    return [at("ITA305", set_name(wb, "ita_preface_date", dt.datetime(2022, 11, 1)))]


CASES = [Case(name.removeprefix("plant_"), func) for name, func in sorted(globals().items())
         if name.startswith("plant_")]


def _id(case: Case) -> str:
    return case.id


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_planted_mistake_is_found_exactly_there(case, clean_workbook, tmp_path):
    expected: list[Where] = []
    path = save_copy(clean_workbook, tmp_path / "planted.xlsm",
                     lambda wb: expected.extend(case.plant(wb)))
    code, findings = check_json(path)
    got = sorted((f["code"], f["sheet"], f["cell"]) for f in findings)
    assert got == sorted(expected)

    primary = next(f for f in findings if (f["code"], f["sheet"], f["cell"]) == expected[0])
    assert primary["severity"] == CODES[primary["code"]].severity
    assert primary["message"] == primary["message_th"] + "\n" + primary["message_en"]
    assert re.search("[\u0e00-\u0e7f]", primary["message_th"])
    assert primary["fix_th"] and primary["fix_en"]
    errors = any(f["severity"] == "error" for f in findings)
    assert code == (2 if errors else 0)

    text_code, report = check_text(path)
    assert text_code == code
    for f_code, sheet, cell in expected:
        line = next(ln for ln in report.splitlines() if ln.strip().startswith(f"{sheet}!{cell} ")
                    and f_code in ln)
        assert ("ข้อผิดพลาด / error" in line) == (CODES[f_code].severity == "error")
    assert f"แผ่นงาน {primary['sheet']}" in report
    assert report.index(primary["message_th"]) < report.index(primary["message_en"])


def test_every_code_has_a_planted_case():
    # Which codes the planted cases expect is only known after planting; list them by name.
    planted = {
        "ITA101", "ITA102", "ITA103", "ITA104", "ITA105", "ITA106", "ITA107", "ITA108",
        "ITA109", "ITA110", "ITA111", "ITA112",
        "ITA201", "ITA202", "ITA203", "ITA204", "ITA205", "ITA211", "ITA212",
        "ITA301", "ITA302", "ITA303", "ITA304", "ITA305", "ITA306", "ITA307",
        "ITA309", "ITA310",
        "ITA401", "ITA402", "ITA403", "ITA404", "ITA405", "ITA406", "ITA407", "ITA408",
        "ITA409", "ITA410", "ITA411", "ITA412", "ITA413",
        "ITA501", "ITA502", "ITA511", "ITA512", "ITA513",
        "ITA601", "ITA602", "ITA603", "ITA604", "ITA605", "ITA606", "ITA701", "ITA702",
        "ITA703", "ITA704", "ITA705", "ITA706",
    }
    source = Path(__file__).read_text(encoding="utf-8")
    for c in planted:
        assert re.search(rf'at\("{c}"', source), c
    assert planted == set(CODES)


# --- Issue 10: what real agencies type must not raise an alarm ----------------------------------
def quiet_generic_position(wb):
    set_name(wb, "ita_writer_position", "ปลัดองค์การบริหารส่วนจังหวัด")


def quiet_law_titles(wb):
    preface = corrected_example_data()["settings"]["preface"]
    set_name(wb, "ita_preface", preface + "\nตามพระราชบัญญัติเทศบาล พ.ศ. ๒๔๙๖ และพระราชบัญญัติ"
             "สภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. ๒๕๓๗")


def quiet_office_space_agency(wb):
    # "สำนักปลัด เทศบาลตำบล…" is an office and its agency, not a broken phrase.
    set_name(wb, "ita_office", "สำนักปลัด เทศบาลตำบลเมืองหงส์")
    set_name(wb, "ita_preface_signer", "สำนักปลัดเทศบาลตำบลเมืองหงส์")


def quiet_nothing_short_with_scores(wb):
    for i in range(10):
        set_cell(wb, "Indicators", "ไม่ผ่านเกณฑ์", i, "ไม่ใช่")
        set_cell(wb, "Indicators", "ระดับที่ต้องพัฒนา", i, None)
        set_cell(wb, "Indicators", "คะแนน", i, 95.0)
    set_rows(wb, "Levels", [])


def quiet_period_in_words(wb):
    set_cell(wb, "Results", "ระยะเวลา: เดือนที่เริ่ม", 0, "ตลอดปีงบประมาณ")
    set_cell(wb, "Results", "ระยะเวลา: เดือนที่เริ่ม", 1, "ต.ค. 2564 – ก.ย. 2565")


def quiet_province_agency_without_district(wb):
    set_name(wb, "ita_agency_type", "องค์การบริหารส่วนจังหวัด")
    set_name(wb, "ita_district", None)


def quiet_october_opens_the_fiscal_year(wb):
    # the first month of fiscal year 2565 is ตุลาคม ๒๕๖๔ (October 2021): inside, not outside
    set_cell(wb, "Results", "ระยะเวลา: เดือนที่เริ่ม", 0, dt.datetime(2021, 10, 1))
    set_cell(wb, "Results", "ระยะเวลา: ถึงเดือน", 0, dt.datetime(2021, 10, 1))


def quiet_march_closes_the_six_month_round(wb):
    # the 6-month round runs to 31 March: a March activity is in it (memo of 1 March: not early)
    set_cell(wb, "Results", "ระยะเวลา: เดือนที่เริ่ม", 0, dt.datetime(2022, 3, 1))


def quiet_memo_in_the_quarter_after_the_year(wb):
    # a report is often signed in the quarter after the fiscal year ends (up to 92 days)
    set_name(wb, "ita_memo_date", dt.datetime(2022, 12, 30))


def quiet_full_marks_and_the_pass_mark_itself_pass(wb):
    # 100 is in range; a score equal to the pass mark (85) reaches it: not short
    set_cell(wb, "Indicators", "คะแนน", 0, 100)
    set_cell(wb, "Indicators", "คะแนน", 2, 85)


def quiet_short_indicators_without_levels_when_no_levels_are_used(wb):
    # an empty levels table: the analysis names the short units without levels (no ITA402)
    set_rows(wb, "Levels", [])
    for i in (1, 5, 8, 9):  # the four marked ใช่
        set_cell(wb, "Indicators", "ระดับที่ต้องพัฒนา", i, None)


def quiet_two_rows_of_one_measure_together(wb):
    rows = _rows("Results")
    second = dict(rows[0], **{"รายละเอียดการดำเนินงาน": "ประชุมชี้แจงครั้งที่สอง"})
    set_rows(wb, "Results", [rows[0], second, *rows[1:]])


def quiet_zero_width_space_in_a_header(wb):
    # copied from a PDF or LINE: the header still names its column (compared without it)
    rename_header(wb, "Plan", "ผู้รับผิดชอบ", "ผู้รับ\u200bผิดชอบ")


QUIET = [Case(name.removeprefix("quiet_"), func) for name, func in sorted(globals().items())
         if name.startswith("quiet_")]


@pytest.mark.parametrize("case", QUIET, ids=_id)
def test_right_input_raises_no_alarm(case, clean_workbook, tmp_path):
    path = save_copy(clean_workbook, tmp_path / "quiet.xlsm", case.plant)
    code, findings = check_json(path)
    assert [(f["code"], f["cell"], f["message_en"]) for f in findings] == [] and code == 0
