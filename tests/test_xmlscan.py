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
