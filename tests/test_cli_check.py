"""``ita-xl check``: the bundled example shows the seed's real mistakes; a corrected workbook is
clean; exit codes.  (The code table's documentation: ``test_docs.py``.)"""
from __future__ import annotations

from pathlib import Path

import pytest
from support.cli import check_json, check_text, cli
from support.workbooks import corrected_example_data
from openpyxl import load_workbook
from support.wbedit import table_cell

from ita_xl import resources
from ita_xl.xlsm.tracker import tracker_bytes

EXAMPLE = resources.example_workbook()
README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture(scope="module")
def example_findings():
    code, findings = check_json(EXAMPLE)
    return code, findings


def _where(cell) -> tuple[str, str]:
    return cell.parent.title, cell.coordinate


@pytest.fixture(scope="module")
def cells():
    """Cells of the bundled workbook found by table name and header (never coordinates)."""
    wb = load_workbook(EXAMPLE)
    out = {
        "results_measure_3": _where(table_cell(wb, "Results", "มาตรการ", 2)),
        "results_measure_4": _where(table_cell(wb, "Results", "มาตรการ", 3)),
        "results_output_1": _where(table_cell(wb, "Results", "ผลผลิต", 0)),
        "results_outcome_1": _where(table_cell(wb, "Results", "ผลลัพธ์", 0)),
        "results_details_3": _where(table_cell(wb, "Results", "รายละเอียดการดำเนินงาน", 2)),
        "results_output_3": _where(table_cell(wb, "Results", "ผลผลิต", 2)),
        "plan_steps_2": _where(table_cell(wb, "Plan", "ขั้นตอน/วิธีการปฏิบัติ", 1)),
    }
    sheet, coord = next(iter(wb.defined_names["ita_preface_date"].destinations))
    out["preface_date"] = (sheet, coord.replace("$", ""))
    return out


def _has(findings, code, where) -> bool:
    return any(f["code"] == code and (f["sheet"], f["cell"]) == where for f in findings)


def test_the_seed_mistakes_of_domain_md_are_listed(example_findings, cells):
    code, findings = example_findings
    # A measure written differently in the plan and in the results table.
    assert _has(findings, "ITA203", cells["results_measure_3"])
    assert _has(findings, "ITA203", cells["results_measure_4"])
    # The first results row: the office in ผลผลิต, the monitoring text in ผลลัพธ์.
    assert _has(findings, "ITA211", cells["results_output_1"])
    assert _has(findings, "ITA212", cells["results_outcome_1"])
    # The preface (เมษายน ๒๕๖๕) dated after the memo (๑ มีนาคม ๒๕๖๕).
    assert _has(findings, "ITA305", cells["preface_date"])
    # Words broken by stray spaces ("มาตรการ เผยแพร่ข้อมูล ต่อสาธารณะ").
    assert _has(findings, "ITA603", cells["results_details_3"])
    assert _has(findings, "ITA603", cells["results_output_3"])
    assert _has(findings, "ITA603", cells["plan_steps_2"])
    broken = next(f for f in findings if f["code"] == "ITA603"
                  and (f["sheet"], f["cell"]) == cells["results_output_3"])
    assert "“มาตรการ เผยแพร่ข้อมูล ต่อสาธารณะ” → “มาตรการเผยแพร่ข้อมูลต่อสาธารณะ”" in broken["message_th"]


def test_the_seed_has_warnings_only_so_the_example_still_generates(example_findings):
    code, findings = example_findings
    assert findings and all(f["severity"] == "warning" for f in findings)
    assert code == 0
    strict_code, _ = check_json(EXAMPLE, "--strict")
    assert strict_code == 1


def test_without_workbook_the_bundled_example_is_checked(example_findings):
    result = cli("check", "--example", "--format", "json")
    assert result.exit_code == 0
    import json

    assert json.loads(result.stdout) == example_findings[1]


def test_text_report_is_grouped_by_sheet_thai_first(example_findings):
    code, report = check_text(EXAMPLE)
    assert code == 0
    lines = report.splitlines()
    assert lines[0].startswith("ตรวจสอบ ITA_tracker.xlsm: ข้อผิดพลาด 0 รายการ คำเตือน ")
    assert lines[1].startswith("Checked ITA_tracker.xlsm: 0 error(s), ")
    sheets = [ln.split(" / ")[0].removeprefix("แผ่นงาน ") for ln in lines if ln.startswith("แผ่นงาน ")]
    assert len(sheets) == len(set(sheets))  # each sheet once
    order = ["ตั้งค่า", "ผู้ลงนาม", "ตัวชี้วัด", "มาตรการ", "ผลการดำเนินงาน"]
    assert sheets == [s for s in order if s in sheets]
    for f in example_findings[1]:
        assert report.index(f["message_th"]) < report.index(f["message_en"])


def test_corrected_workbook_built_from_data_has_no_findings(tmp_path):
    path = tmp_path / "clean.xlsm"
    path.write_bytes(tracker_bytes(corrected_example_data()))
    code, findings = check_json(path, "--strict")
    assert findings == [] and code == 0
    code, report = check_text(path)
    assert "ไม่พบปัญหา" in report and "no problems found" in report


def test_an_unreadable_file_exits_3(tmp_path):
    bad = tmp_path / "not_a_workbook.xlsx"
    bad.write_text("this is not a workbook", encoding="utf-8")
    result = cli("check", str(bad), "--format", "json")
    assert result.exit_code == 3
    assert result.stdout.strip() == ""
    assert "not_a_workbook.xlsx" in result.stderr
    assert cli("check", str(tmp_path / "missing.xlsm")).exit_code == 3
