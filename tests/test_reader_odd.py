"""Issue 14: odd but real files — Excel's Total Row, defined names of a whole column or row, a
Strict Open XML workbook, ำ typed as ํ + า, a date serial 0, hidden and filtered-out rows.

Each file is a copy of the tracker edited through table and header names (``wbedit``).
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from support.documents import docx_text
from support.cli import check_json
from support.workbooks import corrected_example_data, save_copy, write_data
from support.cli import cli
from support.wbedit import find_table, open_copy, set_cell, set_name, table_cell

from ita_xl import resources
from ita_xl.reader import read_tracker
from ita_xl.thai import normalise

EXAMPLE = resources.example_workbook()
REPORT = "ITA2565_6m_report.docx"
SARA_AM = "\u0e33"
DECOMPOSED_AM = "\u0e4d\u0e32"  # nikhahit + sara aa, as text copied out of many PDFs


@pytest.fixture
def clean(tmp_path) -> Path:
    """The example with the seed's mistakes corrected (no warnings to wade through)."""
    return save_copy(EXAMPLE, tmp_path / "ITA_tracker.xlsm",
                     lambda wb: write_data(wb, corrected_example_data()))


def codes(findings) -> list[str]:
    return [f["code"] for f in findings]


# --- Excel's Total Row -----------------------------------------------------------------------------
def test_total_row_is_not_a_data_row(clean, tmp_path):
    def add_total_row(wb):
        ws, table = find_table(wb, "Plan")
        first, last = table.ref.split(":")
        col, row = re.match(r"([A-Z]+)(\d+)", last).groups()
        table.ref = f"{first}:{col}{int(row) + 1}"
        table.totalsRowCount = 1
        table.autoFilter.ref = f"{first}:{col}{row}"
        ws[f"{first[0]}{int(row) + 1}"] = "รวม 4 มาตรการ"
        ws[f"{col}{int(row) + 1}"] = 4

    path = save_copy(clean, tmp_path / "total.xlsm", add_total_row)
    tracker = read_tracker(path)
    assert [r.measure for r in tracker.plan] == \
        [p["measure"] for p in corrected_example_data()["Plan"]]
    code, findings = check_json(path)
    assert code == 0, findings
    out = tmp_path / "out"
    assert cli("generate", path, "-o", out).exit_code == 0
    assert "รวม 4 มาตรการ" not in docx_text(out / REPORT)


# --- defined names of a whole column or row ----------------------------------------------------------
@pytest.mark.parametrize("ref, what", [("$B:$B", "column"), ("$3:$3", "row")])
def test_defined_name_of_a_whole_column_or_row(clean, tmp_path, ref, what):
    def widen(wb):
        defn = wb.defined_names["ita_agency"]
        sheet = defn.attr_text.split("!")[0]
        defn.attr_text = f"{sheet}!{ref}"

    path = save_copy(clean, tmp_path / "wide.xlsm", widen)
    result = cli("generate", path, "-o", tmp_path / "out")
    assert result.exit_code == 3, result.output
    assert "a bug" not in result.output
    assert "ita_agency" in result.output and f"whole {what}" in result.output
    assert ("ทั้งคอลัมน์" if what == "column" else "ทั้งแถว") in result.output
    assert not (tmp_path / "out").exists()


# --- Strict Open XML ---------------------------------------------------------------------------------
STRICT = {
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main":
        b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
}


def strict_copy(src: Path, dst: Path) -> Path:
    """What Excel writes for "Strict Open XML Spreadsheet": the same parts in ISO namespaces."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith((".xml", ".rels")) and item.filename.startswith("xl/"):
                for old, new in STRICT.items():
                    data = data.replace(old, new)
                if item.filename == "xl/workbook.xml":
                    data = data.replace(b"<workbook ", b'<workbook conformance="strict" ', 1)
            zout.writestr(item, data)
    return dst


def test_strict_open_xml_is_named_with_what_to_do(tmp_path):
    path = strict_copy(EXAMPLE, tmp_path / "strict.xlsx")
    result = cli("check", path)
    assert result.exit_code == 3, result.output
    assert "Strict Open XML" in result.output
    assert "Excel Workbook" in result.output and "สมุดงาน Excel" in result.output
    assert "deleted" not in result.output and "ถูกลบ" not in result.output


# --- ำ typed as ํ + า -----------------------------------------------------------------------------------
def test_sara_am_typed_as_two_characters_is_one_measure_printed_as_typed(clean, tmp_path):
    plan = corrected_example_data()["Plan"]
    i = next(n for n, p in enumerate(plan) if SARA_AM in p["measure"] and n == 3)
    typed = plan[i]["measure"].replace(SARA_AM, DECOMPOSED_AM)
    path = save_copy(clean, tmp_path / "am.xlsm",
                     lambda wb: set_cell(wb, "Results", "มาตรการ", i, typed))
    code, findings = check_json(path)
    assert "ITA202" not in codes(findings), findings  # not "a measure that is not in the plan"
    spelled = [f for f in findings if f["code"] == "ITA203"]
    assert len(spelled) == 1 and "ำ" in spelled[0]["message_en"]
    out = tmp_path / "out"
    assert cli("generate", path, "-o", out).exit_code == 0
    text = docx_text(out / REPORT)
    assert typed in text  # printed exactly as typed


def test_normalise_composes_sara_am_as_pythainlp_does():
    from pythainlp.util import normalize

    for text in ["น" + DECOMPOSED_AM, "น\u0e49" + DECOMPOSED_AM, "น\u0e4d\u0e49\u0e32",
                 "ดำเนินงาน", "ท" + DECOMPOSED_AM + "งาน"]:
        assert normalise(text) == normalise(normalize(text))
        assert DECOMPOSED_AM not in normalise(text)


# --- dates Excel cannot show ------------------------------------------------------------------------
@pytest.mark.parametrize("serial", [0, 0.5])
def test_date_serial_zero_is_described_as_a_date(clean, tmp_path, serial):
    def zero(wb):
        cell = set_name(wb, "ita_memo_date", serial)
        cell.number_format = "d mmmm yyyy"

    path = save_copy(clean, tmp_path / "zero.xlsm", zero)
    code, findings = check_json(path)
    assert code == 2
    [f] = [f for f in findings if f["code"] == "ITA102"]
    # it was "must be an Excel date but holds the text “00:00:00”"
    assert "holds the text" not in f["message_en"] and "แต่เป็นข้อความ" not in f["message_th"]
    assert "00:00:00" not in f["message"] and "12:00:00" not in f["message"]
    assert "date" in f["message_en"] and str(serial) in f["message_en"]
    assert "วันที่" in f["message_th"]


# --- hidden and filtered-out rows ---------------------------------------------------------------------
def test_hidden_rows_are_printed_and_reported(clean, tmp_path):
    def hide(wb):
        for index in (1, 2):
            cell = table_cell(wb, "Plan", "มาตรการ", index)
            cell.parent.row_dimensions[cell.row].hidden = True

    path = save_copy(clean, tmp_path / "hidden.xlsm", hide)
    wb = open_copy(path)
    rows = [table_cell(wb, "Plan", "มาตรการ", i).row for i in (1, 2)]
    code, findings = check_json(path)
    assert code == 0
    [hidden] = [f for f in findings if f["severity"] == "warning" and f["table"] == "Plan"
                and "hidden" in f["message_en"]]
    assert all(str(r) in hidden["message_en"] for r in rows)
    assert "ซ่อน" in hidden["message_th"]
    out = tmp_path / "out"
    assert cli("generate", path, "-o", out).exit_code == 0
    plan = corrected_example_data()["Plan"]
    assert plan[1]["measure"] in docx_text(out / REPORT)
