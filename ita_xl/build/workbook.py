"""Write the tracker workbook from ``ita_xl/layout.py`` and a data file.

``build_tracker(data)`` lays out every sheet, table, defined name, dropdown and number format with
openpyxl and returns the bytes of a plain ``.xlsx`` package, made deterministic.  The Excel side
(VBA project and ribbon) is added afterwards by zip post-processing in ``ita_xl.build.excel_parts``:
openpyxl must never re-save a file that carries them, because it drops the ribbon.

The same function makes the bundled example (data from ``workbook/src/example.toml``) and the
empty tracker of ``ita-xl init`` (no data).
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.table import Table, TableStyleInfo

from .. import layout
from ..layout import Setting, TableSpec
from .zipdet import normalise_package

import tomllib

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
    layout.SHEET_CHECK: layout.CHECK_CODE_NAME,
    layout.SHEET_XLWINGS_CONF: layout.XLWINGS_CONF_CODE_NAME,
}
WORKBOOK_CODE_NAME = "ThisWorkbook"

# Points; fits one line of TH SarabunPSK 16 pt (its line is 1.1 em = 17.6 pt, plus padding).
DEFAULT_ROW_HEIGHT = 24

# Blank table rows in an empty tracker, so dropdowns and formats are already there to type into.
EMPTY_ROWS = 3

FIXED_DATETIME = dt.datetime(2022, 1, 1)


def load_data(path: Path) -> dict[str, Any]:
    with open(path, "rb") as fh:
        return tomllib.load(fh)


def build_tracker(data: dict[str, Any] | None = None, *,
                  interpreter_win: str | None = None) -> bytes:
    """Return the bytes of a tracker ``.xlsx`` filled with ``data`` (None: an empty tracker).

    ``interpreter_win``: xlwings.conf's Interpreter_Win (the Windows bundle's pythonw.exe);
    None leaves it blank (python/pythonw from PATH)."""
    data = data or {}
    wb = Workbook()
    wb.remove(wb.active)
    wb.code_name = WORKBOOK_CODE_NAME
    wb.properties.creator = "ita-xl"
    wb.properties.lastModifiedBy = "ita-xl"
    wb.properties.created = FIXED_DATETIME
    wb.properties.modified = FIXED_DATETIME
    wb.properties.title = "ITA tracker"
    # The Normal style's font sets the default row height: with Calibri 11 every row of 16 pt
    # Thai text would be clipped until the clerk resizes it.
    wb._named_styles["Normal"].font = FONT

    sheets = {}
    for title in layout.SHEETS:
        ws = wb.create_sheet(title)
        ws.sheet_format.defaultRowHeight = DEFAULT_ROW_HEIGHT
        # Printed for the file or a meeting: landscape A4, all columns on one page width.
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
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

    # The Excel side: the check sheet (before the lists) and xlwings' settings sheet (last).
    check = wb.create_sheet(layout.SHEET_CHECK, index=wb.sheetnames.index(layout.SHEET_LISTS))
    check.sheet_properties.codeName = CODE_NAMES[layout.SHEET_CHECK]
    _write_check_sheet(wb, check)
    conf = wb.create_sheet(layout.SHEET_XLWINGS_CONF)
    conf.sheet_properties.codeName = CODE_NAMES[layout.SHEET_XLWINGS_CONF]
    _write_xlwings_conf(conf, interpreter_win)

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


# --- The Excel side: the check sheet and xlwings.conf --------------------------------------------
FONT_SMALL = Font(name=FONT_NAME, size=12, color="FF666666")
HEADER_FILL = PatternFill("solid", fgColor="FFDDEBF7")

# The live check: ITA_FINDINGS spills from here (header row + findings); it gets the tables and
# the "where things are" block (defined names and tables with their cell addresses).
CHECK_FORMULA_CELL = "H5"
CHECK_WHERE_TOP = (6, 13)  # row, column (M) of the first "where things are" row
CHECK_WIDTHS = {"A": 7, "B": 13, "C": 10, "D": 22, "E": 60, "F": 45, "G": 3, "H": 10, "I": 13,
                "J": 24, "K": 60, "L": 3, "M": 22, "N": 30, "O": 30}

# xlwings' settings (https://docs.xlwings.org/en/stable/addin.html#config-file): keys in column
# A from A1 down without a gap, values in B.  Interpreter_Win left blank means "python" (RunPython)
# and "pythonw" (functions) found through PATH; put the full path of pythonw.exe there if Python
# is not on PATH.  The workbook's folder is not added to sys.path: ita-xl is pip-installed.
XLWINGS_CONF = (
    ("Interpreter_Win", None),
    ("Interpreter_Mac", None),
    ("PYTHONPATH", None),
    ("Conda Path", None),
    ("Conda Env", None),
    ("UDF Modules", "ita_xl.udfs"),
    ("Debug UDFs", False),
    ("Use UDF Server", False),
    ("Show Console", False),
    ("ADD_WORKBOOK_TO_PYTHONPATH", False),
)
XLWINGS_CONF_NOTES = (
    "แผ่นงานนี้คือการตั้งค่าของ xlwings (ซ่อนไว้) ชื่อแผ่นงานต้องเป็น xlwings.conf และค่าต้องเริ่มที่ A1 โดยไม่เว้นแถว",
    "Interpreter_Win เว้นว่าง = ใช้ python/pythonw ที่อยู่ใน PATH ถ้าไม่ได้ติดตั้ง Python ลงใน PATH ให้ใส่ที่อยู่เต็มของ pythonw.exe",
    "UDF Modules = ita_xl.udfs คือโมดูลของฟังก์ชัน ITA_FINDINGS, ITA_ROWSTATUS, ITA_THAIDATE, ITA_THAIDIGITS",
    "These are xlwings' settings (see docs/excel-setup.md). Leave Interpreter_Win blank to use "
    "python/pythonw from PATH, or give the full path of pythonw.exe.",
)


def _write_check_sheet(wb: Workbook, ws) -> None:
    for letter, width in CHECK_WIDTHS.items():
        ws.column_dimensions[letter].width = width
    ws.cell(row=1, column=1, value="ตรวจสอบข้อมูล").font = FONT_TITLE
    ws.cell(row=2, column=1, value=(
        "กดปุ่ม ตรวจสอบข้อมูล บนแท็บ ITA แล้วรายการปัญหาจะเขียนลงตารางด้านล่าง พร้อมเลือกช่องแรกที่ต้องแก้ไขให้ "
        "คลิกที่ตำแหน่งเพื่อไปยังช่องนั้น")).font = FONT_HELP

    # The button's findings: ita_xl.excel writes them below this header (found by defined name).
    ws.cell(row=4, column=1, value="ผลการตรวจล่าสุด (ปุ่ม ตรวจสอบข้อมูล)").font = FONT_BOLD
    for col, text in enumerate(layout.CHECK_RESULTS_HEADERS, start=1):
        _header_cell(ws.cell(row=5, column=col, value=text))
    ws.cell(row=6, column=1, value="ยังไม่ได้ตรวจ").font = FONT_HELP
    wb.defined_names[layout.CHECK_RESULTS_NAME] = DefinedName(
        layout.CHECK_RESULTS_NAME, attr_text=f"{quote_sheetname(ws.title)}!$A$5")

    # The live check: one spilling formula (Excel 365/2021; xlwings and Python installed).
    top, left = CHECK_WHERE_TOP
    where = [(spec.name, spec.kind) for spec in layout.SETTINGS] + \
        [(spec.name, "table") for spec in layout.TABLES]
    first, last = get_column_letter(left), get_column_letter(left + 2)
    where_ref = f"${first}${top}:${last}${top + len(where) - 1}"
    tables = ",".join(f"{spec.name}[#All]" for spec in layout.TABLES)
    ws.cell(row=4, column=8, value="ตรวจขณะพิมพ์ (สูตร ITA_FINDINGS: ต้องติดตั้ง Python และ ita-xl, "
            "Excel 365 หรือ 2021 ขึ้นไป)").font = FONT_BOLD
    ws[CHECK_FORMULA_CELL] = ArrayFormula(CHECK_FORMULA_CELL, f"=ITA_FINDINGS({where_ref},{tables})")
    ws[CHECK_FORMULA_CELL].font = FONT

    # Helpers clerks can copy: how the documents will print a date and a number.
    for row, (label, formula) in enumerate((
            ("วันที่บันทึก (ITA_THAIDATE)", "=ITA_THAIDATE(ita_memo_date,ita_digits)"),
            ("ปีงบประมาณ (ITA_THAIDIGITS)", "=ITA_THAIDIGITS(ita_fiscal_year)")), start=1):
        ws.cell(row=row, column=10, value=label).font = FONT_BOLD
        ws.cell(row=row, column=11, value=formula).font = FONT

    # Where things are: defined name / table, value, CELL("address") — so ITA_FINDINGS can
    # point at real cells although Excel passes it values only.
    ws.cell(row=top - 2, column=left,
            value="ตำแหน่งข้อมูลที่สูตร ITA_FINDINGS ใช้ (สร้างโดยโปรแกรม ไม่ต้องแก้ไข)").font = FONT_SMALL
    for col, text in enumerate(("ชื่อ", "ค่า", "ตำแหน่ง"), start=left):
        _header_cell(ws.cell(row=top - 1, column=col, value=text))
    for row, (name, kind) in enumerate(where, start=top):
        ws.cell(row=row, column=left, value=name).font = FONT_SMALL
        if kind == "table":
            address = f'=CELL("address",{name}[#All])'
        else:
            value = ws.cell(row=row, column=left + 1, value=f'=IF(ISBLANK({name}),"",{name})')
            value.font = FONT_SMALL
            if kind == "date":
                value.number_format = layout.DATE_FORMAT
            elif kind == "month":
                value.number_format = layout.MONTH_FORMAT
            address = f'=CELL("address",{name})'
        ws.cell(row=row, column=left + 2, value=address).font = FONT_SMALL
    ws.freeze_panes = "A6"


def _header_cell(cell) -> None:
    cell.font = FONT_BOLD
    cell.fill = HEADER_FILL
    cell.border = BOX
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _write_xlwings_conf(ws, interpreter_win: str | None = None) -> None:
    ws.sheet_state = "hidden"
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 40
    for row, (key, value) in enumerate(XLWINGS_CONF, start=1):
        if key == "Interpreter_Win" and interpreter_win:
            value = interpreter_win
        ws.cell(row=row, column=1, value=key)
        ws.cell(row=row, column=2, value=value)
    for row, text in enumerate(XLWINGS_CONF_NOTES, start=len(XLWINGS_CONF) + 2):
        ws.cell(row=row, column=1, value=text).font = FONT_HELP
