"""``ita_xl.xmlscan``: formulas without a cached value, found in the sheet XML."""
from __future__ import annotations

from ita_xl.xmlscan import _scan



def test_formula_scan_reads_cached_values_and_calculated_empty_strings():
    xml = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           b'<sheetData><row r="1">'
           b'<c r="A1"><f>1+1</f><v>2</v></c>'
           b'<c r="B1"><f>1+1</f></c>'
           b'<c r="C1"><f>1+1</f><v></v></c>'
           b'<c r="D1" t="str"><f>""</f><v></v></c>'
           b'<c r="E1" t="s"><v>0</v></c>'
           b'</row></sheetData></worksheet>')
    assert _scan(xml) == ["B1", "C1"]


def _workbook(path, formulas: dict[str, str]) -> None:
    """A workbook whose first sheet holds ``formulas`` (cell -> formula), none calculated."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "ข้อมูล"
    for cell, formula in formulas.items():
        ws[cell] = formula
    wb.save(path)


def test_a_file_saved_again_is_scanned_again(tmp_path):
    """Issue 22: a sheet is scanned once per file and process (the reader and the checks ask in
    turn), but a file saved since — another size or time — is read anew."""
    import os

    from ita_xl.xmlscan import formulas_without_value

    path = tmp_path / "t.xlsx"
    _workbook(path, {"A1": "=1+1", "B2": "=2+2"})
    everything = {"ข้อมูล": [(1, 1, 10, 10)]}
    assert formulas_without_value(path, everything) == {("ข้อมูล", "A1"), ("ข้อมูล", "B2")}
    # the same file, narrower ranges: from the one scan, filtered
    assert formulas_without_value(path, {"ข้อมูล": [(2, 2, 2, 2)]}) == {("ข้อมูล", "B2")}
    stamp = path.stat().st_mtime_ns
    _workbook(path, {"C3": "=3+3"})
    os.utime(path, ns=(stamp + 10**9, stamp + 10**9))
    assert formulas_without_value(path, everything) == {("ข้อมูล", "C3")}
    assert formulas_without_value(path, {"ข้อมูล": [(1, 1, 2, 2)], "ไม่มี": [(1, 1, 5, 5)]}) == set()
