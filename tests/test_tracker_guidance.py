"""The tracker guides the clerk: dropdowns, hints, colours, widths and formulas, read back."""
from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import pytest
from support.cli import cli
from support.workbooks import save_copy
from openpyxl import load_workbook
from support.wbedit import set_cell

from ita_xl import derived, layout, resources
from ita_xl.xlsm.workbook import FILLED_FILL, INPUT_FILL
from ita_xl.pipeline import check
from ita_xl.reader import read_tracker

EXAMPLE = resources.example_workbook()
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wb():
    return load_workbook(EXAMPLE)


def validations(ws):
    return list(ws.data_validations.dataValidation)


def covering(ws, coord):
    return [dv for dv in validations(ws) if coord in dv.sqref]


def test_results_measure_is_a_dropdown_of_the_plans_measures(wb):
    ws = wb[layout.SHEET_RESULTS]
    [dv] = covering(ws, "A3")
    assert dv.type == "list" and dv.formula1 == "list_measures"
    assert covering(ws, "A150")  # rows added below the table get it too
    # the name is a reference to the plan table's column: it grows with the plan
    assert wb.defined_names["list_measures"].attr_text == "Plan[มาตรการ]"


def test_dates_months_subject_and_ref_have_input_hints(wb):
    settings = wb[layout.SHEET_SETTINGS]
    for name, word in (("ita_memo_date", "วันที่"), ("ita_preface_date", "เดือน"),
                       ("ita_subject", "ปีงบประมาณ"), ("ita_memo_ref", "เลขที่")):
        (sheet, coord), = wb.defined_names[name].destinations
        [dv] = covering(wb[sheet], coord.replace("$", ""))
        assert dv.showInputMessage and word in dv.prompt and dv.promptTitle, name
        assert len(dv.prompt) <= 255 and len(dv.promptTitle) <= 32  # Excel's limits
    results = wb[layout.SHEET_RESULTS]
    for coord in ("C3", "D3"):  # start and end months
        [dv] = covering(results, coord)
        assert "เดือน" in dv.promptTitle and "ตุลาคม" in dv.prompt
    assert settings  # (the sheet exists under its fresh name)


def test_formulas_fill_label_and_short_and_rows_added_get_them(wb):
    people = wb[layout.SHEET_PEOPLE]
    table = people.tables["Chain"]
    label = people["A10"]
    assert str(label.value).startswith("=IF(Chain[[#This Row],[ตำแหน่ง]]")
    assert label.fill.fgColor.rgb == FILLED_FILL.fgColor.rgb
    assert people["C10"].fill.fgColor.rgb == INPUT_FILL.fgColor.rgb
    calculated = {c.name: c.calculatedColumnFormula for c in table.tableColumns}
    assert calculated["ข้อความนำ"].attr_text == derived.formula("Chain", "label")[1:]
    # an empty tracker: ไม่ผ่านเกณฑ์ is a formula of score vs pass mark in every row
    fresh = load_workbook(_init(Path(os.environ.get("TMPDIR", "/tmp"))))
    ws = fresh[layout.SHEET_INDICATORS]
    ind = ws.tables["Indicators"]
    first = int(ind.ref.split(":")[0][1:]) + 1
    short = ws.cell(row=first, column=5)
    assert "ita_pass_mark" in short.value and "Indicators[[#This Row],[คะแนน]]" in short.value
    assert {c.name: c.calculatedColumnFormula for c in ind.tableColumns}["ไม่ผ่านเกณฑ์"] is not None


def _init(folder: Path) -> Path:
    import tempfile

    target = Path(tempfile.mkdtemp(prefix="guidance-", dir=folder)) / "new.xlsm"
    result = cli("init", str(target))
    assert result.exit_code == 0, result.output
    return target


def test_built_formulas_carry_their_values_and_read_back_as_typed(wb):
    run = check(EXAMPLE)
    tracker, findings = run.tracker, run.findings
    labels = [c.label for c in tracker.chain]
    assert labels == [f"ทราบ/ความเห็นของ{c.position}" for c in tracker.chain]
    assert not any(f.code == "ITA108" for f in findings)
    data_only = load_workbook(EXAMPLE, data_only=True)[layout.SHEET_PEOPLE]
    assert data_only["A10"].value == labels[0]  # the cached value, as Excel would store it


def test_reader_applies_the_rule_to_formulas_nobody_calculated(tmp_path):
    """openpyxl re-saves formulas without their values: the reader computes them, one rule."""
    def edit(wb):
        set_cell(wb, "Indicators", "คะแนน", 0, 80.5)
        set_cell(wb, "Indicators", "ไม่ผ่านเกณฑ์", 0, "=" + derived._short_formula())
        set_cell(wb, "Indicators", "คะแนน", 1, 92)
        set_cell(wb, "Indicators", "ไม่ผ่านเกณฑ์", 1, "=" + derived._short_formula())
        set_cell(wb, "Chain", "ตำแหน่ง", 0, "ผู้อำนวยการกองคลัง")

    path = save_copy(EXAMPLE, tmp_path / "resaved.xlsm", edit)
    with zipfile.ZipFile(path) as zf:  # really no cached values now
        assert any(b"<f>" in zf.read(n) and b"<v></v>" in zf.read(n) or b"<v/>" in zf.read(n)
                   for n in zf.namelist() if n.startswith("xl/worksheets/"))
    tracker = read_tracker(path)
    assert [i.short for i in tracker.indicators[:2]] == ["ใช่", "ไม่ใช่"]
    assert tracker.chain[0].label == "ทราบ/ความเห็นของผู้อำนวยการกองคลัง"
    findings = check(path).findings
    assert not [f for f in findings if f.code in ("ITA108", "ITA401", "ITA501")]
    # a typed value over the formula is the clerk's: it is read as typed and checked
    path2 = save_copy(path, tmp_path / "override.xlsm",
                      lambda wb: set_cell(wb, "Indicators", "ไม่ผ่านเกณฑ์", 1, "ใช่"))
    findings = check(path2).findings
    assert [f.code for f in findings if f.code == "ITA401"] == ["ITA401"]


def test_columns_a_clerk_fills_are_not_squeezed(wb):
    ws = wb[layout.SHEET_INDICATORS]
    width = {c: ws.column_dimensions[c].width for c in "ABCDEF"}
    assert width["A"] <= 12 and width["B"] <= 50  # ลำดับ and ตัวชี้วัด are filled for them
    assert min(width["D"], width["E"], width["F"]) >= 12  # คะแนน, ไม่ผ่านเกณฑ์, ระดับ
    people = wb[layout.SHEET_PEOPLE]
    assert people.column_dimensions["B"].width < 20  # ยศ is short, not the 70 of settings
    # settings on table sheets span the columns they need (merged outside the tables)
    (sheet, coord), = wb.defined_names["ita_writer_name"].destinations
    merged = [str(r) for r in wb[sheet].merged_cells.ranges]
    assert any(r.startswith(coord.replace("$", "")) for r in merged)


def test_init_fills_agency_year_round_and_type_and_the_chain_labels_follow(tmp_path):
    target = tmp_path / "อบต.xlsm"
    result = cli("init", str(target), "--agency", "องค์การบริหารส่วนตำบลบ้านใหม่", "--type",
                     "อบต.", "--year", "2565", "--round", "12")
    assert result.exit_code == 0, result.output
    t = read_tracker(target)
    s = t.settings
    assert (s.agency, s.fiscal_year, s.round) == ("องค์การบริหารส่วนตำบลบ้านใหม่", 2565,
                                                  "รอบ ๑๒ เดือน")
    # rows typed later get the formula's value: a position typed into the chain of a fresh
    # tracker gives its label (computed by the reader here, by Excel in Excel)
    path = save_copy(target, tmp_path / "typed.xlsm",
                     lambda wb: set_cell(wb, "Chain", "ตำแหน่ง", 0, "ปลัดองค์การบริหารส่วนตำบลบ้านใหม่"))
    assert read_tracker(path).chain[0].label == "ทราบ/ความเห็นของปลัดองค์การบริหารส่วนตำบลบ้านใหม่"
    bad = cli("init", str(tmp_path / "x.xlsm"), "--type", "หมู่บ้าน")
    assert bad.exit_code == 64 and not (tmp_path / "x.xlsm").exists()


@pytest.mark.soffice
def test_every_sheet_renders_in_libreoffice(tmp_path):
    """LibreOffice opens the tracker and prints every sheet (pictures reviewed in the note)."""
    from ita_xl.convert import find_soffice

    shutil_copy = tmp_path / "ITA_tracker.xlsx"
    shutil_copy.write_bytes(EXAMPLE.read_bytes())
    proc = subprocess.run([str(find_soffice()), f"-env:UserInstallation=file://{tmp_path}/p",
                           "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                           str(shutil_copy)], capture_output=True, text=True, timeout=300)
    pdf = tmp_path / "ITA_tracker.pdf"
    assert pdf.exists(), proc.stdout + proc.stderr
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                          text=True).stdout
    squashed = "".join(text.split())  # pdftotext splits some Thai clusters with a space
    # the formulas' results as LibreOffice calculates them, and the acknowledged table
    assert "ทราบ/ความเห็นของหัวหน้าฝ่ายอำนวยการ" in squashed
    assert "คำเตือนที่ตรวจแล้ว" in squashed
    for title in ("ข้อมูลหน่วยงานและเอกสาร", "ผลการประเมินปีที่ผ่านมาและเกณฑ์",
                  "แผนมาตรการส่งเสริมคุณธรรม", "ผลการดำเนินการตามมาตรการ"):
        assert title.replace(" ", "") in squashed  # every data sheet is printed
