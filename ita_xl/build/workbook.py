"""Write the tracker workbook from ``ita_xl/layout.py`` and a data file.

``build_tracker(data)`` lays out every sheet, table, defined name, dropdown and number format with
openpyxl and returns the bytes of a plain ``.xlsx`` package, made deterministic.  The Excel side
(VBA project and ribbon) is added afterwards by zip post-processing in ``ita_xl.build.excel``:
openpyxl must never re-save a file that carries them, because it drops the ribbon.

The same function makes the bundled example (data from ``workbook/src/example.toml``) and the
empty tracker of ``ita-xl init`` (no data).
"""
from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo

from .. import layout
from ..layout import Column, Setting, TableSpec
from .zipdet import normalise_package

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FONT_NAME = "TH SarabunPSK"
FONT = Font(name=FONT_NAME, size=16)
FONT_BOLD = Font(name=FONT_NAME, size=16, bold=True)
FONT_TITLE = Font(name=FONT_NAME, size=20, bold=True)
FONT_HELP = Font(name=FONT_NAME, size=14, italic=True, color="FF666666")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
INPUT_FILL = PatternFill("solid", fgColor="FFFFF9E6")
THIN = Side(style="thin", color="FFBFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

# codeNames of the sheets: the VBA document modules are named after them, so they are ASCII
# and fixed even when a clerk renames the sheets.
CODE_NAMES = {
    layout.SHEET_SETTINGS: "shSettings",
    layout.SHEET_PEOPLE: "shPeople",
    layout.SHEET_INDICATORS: "shIndicators",
    layout.SHEET_PLAN: "shPlan",
    layout.SHEET_RESULTS: "shResults",
    layout.SHEET_LISTS: "shLists",
}
WORKBOOK_CODE_NAME = "ThisWorkbook"

# Blank table rows in an empty tracker, so dropdowns and formats are already there to type into.
EMPTY_ROWS = 3

FIXED_DATETIME = dt.datetime(2022, 1, 1)


def load_data(path: Path) -> dict[str, Any]:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def build_tracker(data: dict[str, Any] | None = None) -> bytes:
    """Return the bytes of a tracker ``.xlsx`` filled with ``data`` (None: an empty tracker)."""
    data = data or {}
    wb = Workbook()
    wb.remove(wb.active)
    wb.code_name = WORKBOOK_CODE_NAME
    wb.properties.creator = "ita-xl"
    wb.properties.lastModifiedBy = "ita-xl"
    wb.properties.created = FIXED_DATETIME
    wb.properties.modified = FIXED_DATETIME
    wb.properties.title = "ITA tracker"

    sheets = {}
    for title in layout.SHEETS:
        ws = wb.create_sheet(title)
        ws.sheet_properties.codeName = CODE_NAMES[title]
        ws.sheet_view.showGridLines = title == layout.SHEET_LISTS
        sheets[title] = ws

    _write_lists(wb, sheets[layout.SHEET_LISTS])
    validations: dict[str, dict[str, DataValidation]] = {t: {} for t in layout.SHEETS}

    # Each sheet is a column of blocks: a title, settings rows, then tables, one under another.
    next_row = {title: 1 for title in layout.SHEETS}
    titles = {
        layout.SHEET_SETTINGS: "ข้อมูลหน่วยงานและเอกสาร (ITA)",
        layout.SHEET_PEOPLE: "ผู้เขียนบันทึก ผู้จัดทำรายงาน และผู้ลงนาม",
        layout.SHEET_INDICATORS: "ผลการประเมินปีที่ผ่านมาและเกณฑ์",
    }
    for title, text in titles.items():
        ws = sheets[title]
        ws.cell(row=1, column=1, value=text).font = FONT_TITLE
        ws.column_dimensions["A"].width = 34
        ws.column_dimensions["B"].width = 70
        ws.column_dimensions["C"].width = 44
        next_row[title] = 3

    settings = data.get("settings", {})
    for spec in layout.SETTINGS:
        ws = sheets[spec.sheet]
        row = next_row[spec.sheet]
        _write_setting(wb, ws, row, spec, settings.get(spec.field), validations[spec.sheet])
        next_row[spec.sheet] = row + 1

    for spec in layout.TABLES:
        ws = sheets[spec.sheet]
        row = next_row[spec.sheet] + (1 if next_row[spec.sheet] > 1 else 0)
        end = _write_table(ws, row, spec, data.get(spec.name, []), validations[spec.sheet])
        next_row[spec.sheet] = end + 2

    for title, by_list in validations.items():
        for dv in by_list.values():
            sheets[title].add_data_validation(dv)

    buf = io.BytesIO()
    wb.save(buf)
    return normalise_package(buf.getvalue())


def _write_lists(wb: Workbook, ws) -> None:
    ws.cell(row=1, column=1, value="รายการสำหรับช่องเลือก (เพิ่มรายการได้ในช่องว่าง)").font = FONT_BOLD
    for col, (key, (title, items)) in enumerate(layout.LISTS.items(), start=1):
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = 30
        ws.cell(row=2, column=col, value=title).font = FONT_BOLD
        for i, item in enumerate(items):
            ws.cell(row=3 + i, column=col, value=item).font = FONT
        last = 2 + len(items) + layout.LIST_EXTRA_ROWS
        ref = f"{quote_sheetname(ws.title)}!${letter}$3:${letter}${last}"
        wb.defined_names[f"list_{key}"] = DefinedName(f"list_{key}", attr_text=ref)


def _validation(cache: dict[str, DataValidation], choices: str) -> DataValidation:
    if choices not in cache:
        title = layout.LISTS[choices][0]
        cache[choices] = DataValidation(
            type="list", formula1=f"=list_{choices}", allow_blank=True,
            showErrorMessage=True, errorStyle="warning",
            errorTitle="ค่าไม่อยู่ในรายการ", error=f"โปรดเลือกจากรายการ {title}",
            promptTitle=title, prompt="เลือกจากรายการ", showInputMessage=True,
        )
    return cache[choices]


def _write_setting(wb: Workbook, ws, row: int, spec: Setting, value: Any,
                   validations: dict[str, DataValidation]) -> None:
    label = ws.cell(row=row, column=1, value=spec.label + (" *" if spec.required else ""))
    label.font = FONT_BOLD
    label.alignment = WRAP_TOP
    cell = ws.cell(row=row, column=2, value=_cell_value(value))
    _style_input(cell, spec.kind)
    if spec.help:
        ws.cell(row=row, column=3, value=spec.help).font = FONT_HELP
    if spec.kind == "longtext":
        ws.row_dimensions[row].height = 120
    if spec.choices:
        _validation(validations, spec.choices).add(cell.coordinate)
    ref = f"{quote_sheetname(ws.title)}!${get_column_letter(2)}${row}"
    wb.defined_names[spec.name] = DefinedName(spec.name, attr_text=ref)


def _write_table(ws, top: int, spec: TableSpec, rows: list[dict[str, Any]],
                 validations: dict[str, DataValidation]) -> int:
    """Write a titled Excel Table at ``top``; return the last row used."""
    ws.cell(row=top, column=1, value=spec.title).font = FONT_BOLD
    header_row = top + 1
    for col, column in enumerate(spec.columns, start=1):
        cell = ws.cell(row=header_row, column=col, value=column.header)
        cell.font = FONT_BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        letter = get_column_letter(col)
        current = ws.column_dimensions[letter].width or 0
        ws.column_dimensions[letter].width = max(current, column.width)
    body = rows or [{} for _ in range(EMPTY_ROWS)]
    for i, values in enumerate(body):
        r = header_row + 1 + i
        for col, column in enumerate(spec.columns, start=1):
            cell = ws.cell(row=r, column=col, value=_cell_value(values.get(column.field)))
            _style_input(cell, column.kind)
    last_row = header_row + len(body)
    ref = f"A{header_row}:{get_column_letter(len(spec.columns))}{last_row}"
    table = Table(displayName=spec.name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)
    for col, column in enumerate(spec.columns, start=1):
        if column.choices:
            letter = get_column_letter(col)
            _validation(validations, column.choices).add(
                f"{letter}{header_row + 1}:{letter}{last_row + 200}")
    if spec.sheet in (layout.SHEET_PLAN, layout.SHEET_RESULTS):
        ws.freeze_panes = ws.cell(row=header_row + 1, column=2)
    return last_row


def _style_input(cell, kind: str) -> None:
    cell.font = FONT
    cell.alignment = WRAP_TOP
    cell.border = BOX
    cell.fill = INPUT_FILL
    if kind == "date":
        cell.number_format = layout.DATE_FORMAT
    elif kind == "month":
        cell.number_format = layout.MONTH_FORMAT
    elif kind == "longtext" or kind == "text":
        cell.number_format = "@"


def _cell_value(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value
