"""Edit a copy of a tracker the way a clerk would, through table names and header text.

Tests use these helpers to plant data; they never address cells by fixed coordinates, so the
same edits work on a tracker whose rows were inserted or whose columns were reordered.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries


def open_copy(path: Path):
    """Open a tracker for editing (the VBA part is kept so an .xlsm stays an .xlsm)."""
    return load_workbook(path, keep_vba=str(path).endswith(".xlsm"))


def find_table(wb, name: str):
    for ws in wb.worksheets:
        if name in ws.tables:
            return ws, ws.tables[name]
    raise KeyError(name)


def headers(ws, table) -> dict[str, int]:
    """Header text → column number of ``table``."""
    min_col, min_row, max_col, _ = range_boundaries(table.ref)
    return {ws.cell(row=min_row, column=c).value: c for c in range(min_col, max_col + 1)}


def table_cell(wb, name: str, header: str, index: int):
    """The cell of data row ``index`` (0-based) under ``header`` in table ``name``."""
    ws, table = find_table(wb, name)
    _, min_row, _, _ = range_boundaries(table.ref)
    return ws.cell(row=min_row + 1 + index, column=headers(ws, table)[header])


def set_cell(wb, name: str, header: str, index: int, value: Any):
    cell = table_cell(wb, name, header, index)
    cell.value = value
    return cell


def set_rows(wb, name: str, rows: list[dict[str, Any]]) -> None:
    """Replace the data rows of table ``name`` (header text → value), resizing the table."""
    ws, table = find_table(wb, name)
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    cols = headers(ws, table)
    for r in range(min_row + 1, max(max_row, min_row + len(rows)) + 1):
        for c in range(min_col, max_col + 1):
            ws.cell(row=r, column=c).value = None
    for i, values in enumerate(rows):
        for header, value in values.items():
            ws.cell(row=min_row + 1 + i, column=cols[header]).value = value
    last = min_row + max(len(rows), 1)
    table.ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{last}"
    if table.autoFilter is not None:
        table.autoFilter.ref = table.ref


def set_name(wb, defined_name: str, value: Any):
    """Set the cell a defined name (``ita_agency`` …) points to."""
    sheet, coord = next(iter(wb.defined_names[defined_name].destinations))
    cell = wb[sheet][coord.replace("$", "")]
    cell.value = value
    return cell


def rename_header(wb, name: str, old: str, new: str):
    """Retype a header of table ``name`` (the cell and the table's column name, as Excel does)."""
    ws, table = find_table(wb, name)
    cell = ws.cell(row=range_boundaries(table.ref)[1], column=headers(ws, table)[old])
    cell.value = new
    for col in table.tableColumns:
        if col.name == old:
            col.name = new
    return cell


def set_below(wb, name: str, values: dict[str, Any], gap: int = 0):
    """Type ``values`` (header text → value) in the row just under table ``name`` (``gap`` rows
    lower), without extending the table: what a paste or LibreOffice sometimes leaves.
    Returns the first cell written."""
    ws, table = find_table(wb, name)
    _, _, _, max_row = range_boundaries(table.ref)
    cols = headers(ws, table)
    first = None
    for header, value in values.items():
        cell = ws.cell(row=max_row + 1 + gap, column=cols[header])
        cell.value = value
        first = first or cell
    return first


def add_column(wb, name: str, header: str, values: dict[int, Any]):
    """Append a column ``header`` to table ``name`` (as a clerk's extra column); ``values`` maps
    0-based data rows to values.  Returns the header cell."""
    from openpyxl.worksheet.table import TableColumn

    ws, table = find_table(wb, name)
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    col = max_col + 1
    head = ws.cell(row=min_row, column=col, value=header)
    for i, value in values.items():
        ws.cell(row=min_row + 1 + i, column=col, value=value)
    table.ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(col)}{max_row}"
    table.tableColumns.append(TableColumn(id=col - min_col + 1, name=header))
    if table.autoFilter is not None:
        table.autoFilter.ref = table.ref
    return head
