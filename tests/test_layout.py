"""layout: the one description of the tracker agrees with the model it fills and with the
shipped tracker built from it (names, tables, headers, dropdown lists)."""
from __future__ import annotations

from dataclasses import fields

from openpyxl import load_workbook
from openpyxl.utils import range_boundaries

from ita_xl import layout, resources
from ita_xl.model import RECORD_TYPES, Settings


def test_every_setting_and_column_has_a_field_in_the_model():
    # the values (compared); where they came from and what they carry besides are not
    model = {f.name for f in fields(Settings) if f.compare}
    assert {s.field for s in layout.SETTINGS} == model  # nothing read is dropped, nothing unread
    for name, spec in layout.TABLES_BY_NAME.items():
        assert [c.field for c in spec.columns] == RECORD_TYPES[name].data_fields(), name


def test_names_are_unique_and_never_look_like_a_cell():
    names = [s.name for s in layout.SETTINGS]
    assert len(set(names)) == len(names)
    assert all(n.startswith("ita_") for n in names)
    for spec in layout.TABLES_BY_NAME.values():
        headers = [c.header for c in spec.columns] + [a for c in spec.columns for a in c.aliases]
        assert len(set(headers)) == len(headers), spec.name


def test_every_dropdown_names_a_list_and_choices_are_typed_as_such():
    known = set(layout.LISTS) | {"measures"}  # the plan's measures: a list made from the plan
    for item in (*layout.SETTINGS, *(c for t in layout.TABLES for c in t.columns)):
        if item.choices:
            assert item.choices in known, item
    assert [s.field for s in layout.SETTINGS if s.kind == "choice" and not s.choices] == []


def test_table_spec_matches_names_as_excel_does():
    assert layout.table_spec(" plan ") is layout.PLAN
    assert layout.table_spec("RESULTS") is layout.RESULTS
    assert layout.table_spec("Planx") is None


def test_the_shipped_tracker_is_this_layout():
    wb = load_workbook(resources.example_workbook())
    assert [n for n in wb.sheetnames if n in layout.SHEETS] == list(layout.SHEETS)  # in order
    for s in layout.SETTINGS:
        dest = list(wb.defined_names[s.name].destinations)
        assert len(dest) == 1 and dest[0][0] == s.sheet, s.name
    tables = {t.name: (ws, t) for ws in wb.worksheets for t in ws.tables.values()}
    for spec in layout.TABLES_BY_NAME.values():
        ws, table = tables[spec.name]
        assert ws.title == spec.sheet, spec.name
        min_col, min_row, max_col, _ = range_boundaries(table.ref)
        headers = [ws.cell(row=min_row, column=c).value for c in range(min_col, max_col + 1)]
        assert headers == [c.header for c in spec.columns], spec.name
    # each list sits under its defined name with its entries first (then room for the clerk's)
    for key, (_, items) in layout.LISTS.items():
        sheet, ref = next(iter(wb.defined_names[f"list_{key}"].destinations))
        ws = wb[sheet]
        c1, r1, c2, r2 = range_boundaries(ref.replace("$", ""))
        values = [ws.cell(row=r, column=c1).value for r in range(r1, r2 + 1)]
        assert [str(v) for v in values[:len(items)]] == [str(i) for i in items], key
        assert len(values) >= len(items)
