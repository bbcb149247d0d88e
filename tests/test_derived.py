"""derived: the columns a tracker fills by formula (ข้อความนำ, ไม่ผ่านเกณฑ์) and the same rules in
Python agree, cell for cell, with what a real spreadsheet (LibreOffice) calculates.

The reader applies the Python rule where no spreadsheet calculated the formula
(tests/test_tracker_guidance.py); if the two disagreed, a workbook opened and saved in Excel
would print other documents than the same workbook straight from ``ita-xl init``.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from support.cli import cli
from support.wbedit import open_copy, set_cell, set_name, table_cell

from ita_xl import derived
from ita_xl.convert import find_soffice
from ita_xl.reader import read_tracker

SCORES = [79.99, 80, 80.01, None, 0, 100, 80.0]
POSITIONS = ["ปลัดเทศบาล", "  นายกเทศมนตรี ", None]  # a fresh Chain table has 3 rows


def test_short_mark_is_yes_only_below_the_pass_mark():
    assert derived.short_mark(79.99, 80) == "ใช่"
    assert derived.short_mark(80, 80) == "ไม่ใช่"  # reaching the mark is passing
    assert derived.short_mark(80.01, 80.0) == "ไม่ใช่"
    assert derived.short_mark(None, 80) is None and derived.short_mark(70, None) is None
    assert derived.short_mark(True, 80) is None  # a TRUE typed in a score cell is no score
    assert derived.short_mark("79", 80) is None  # text: the checks report it, no guess


def test_chain_label_is_the_prefix_and_the_position_as_typed():
    assert derived.chain_label("ปลัดเทศบาล") == "ทราบ/ความเห็นของปลัดเทศบาล"
    assert derived.chain_label(" ปลัด ") == "ทราบ/ความเห็นของ ปลัด "  # as Excel's & gives it
    assert derived.chain_label("") is None and derived.chain_label(None) is None


def test_only_the_two_derived_columns_have_a_formula():
    assert derived.formula("Chain", "label").startswith("=IF(")
    assert derived.formula("Indicators", "short").startswith("=IF(")
    assert derived.formula("Plan", "measure") is None


@pytest.mark.soffice
def test_the_formulas_a_spreadsheet_calculates_give_what_the_python_rules_give(tmp_path):
    path = tmp_path / "new.xlsm"
    assert cli("init", path).exit_code == 0
    wb = open_copy(path)
    set_name(wb, "ita_pass_mark", 80)
    for i, score in enumerate(SCORES):
        set_cell(wb, "Indicators", "คะแนน", i, score)
    for i, position in enumerate(POSITIONS):
        set_cell(wb, "Chain", "ตำแหน่ง", i, position)
        set_cell(wb, "Chain", "ข้อความนำ", i, derived.formula("Chain", "label"))
    wb.save(path)
    # the formulas as init wrote them, never calculated: the reader applies the Python rules
    read = read_tracker(path)
    assert read.derived_cells
    out = tmp_path / "calc"
    proc = subprocess.run([str(find_soffice()), f"-env:UserInstallation=file://{tmp_path}/lo",
                           "--headless", "--norestore", "--convert-to", "xlsx", "--outdir",
                           str(out), str(path)], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    calc = load_workbook(out / "new.xlsx", data_only=True)
    shorts = [table_cell(calc, "Indicators", "ไม่ผ่านเกณฑ์", i).value for i in range(len(SCORES))]
    labels = [table_cell(calc, "Chain", "ข้อความนำ", i).value for i in range(len(POSITIONS))]
    blank = lambda v: v if v not in ("", None) else None  # noqa: E731  (Excel's "" result)
    assert [blank(v) for v in shorts] == [derived.short_mark(s, 80) for s in SCORES] == \
        ["ใช่", "ไม่ใช่", "ไม่ใช่", None, "ใช่", "ไม่ใช่", "ไม่ใช่"]
    assert [i.short for i in read.indicators[:len(SCORES)]] == [blank(v) for v in shorts]
    assert [blank(v) for v in labels] == [derived.chain_label(p) for p in POSITIONS]
    # (a chain row without a position is blank throughout: not a record)
    assert [c.label for c in read.chain] == [derived.chain_label(p) for p in POSITIONS if p]
