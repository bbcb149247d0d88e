"""Write the tracker workbook from ``ita_xl/layout.py`` and a data file.

``build_tracker(data)`` lays out every sheet, table, defined name, dropdown and number format with
openpyxl and returns the bytes of a plain ``.xlsx`` package, made deterministic.  The Excel side
(VBA project and ribbon) is added afterwards by zip post-processing in ``ita_xl.xlsm.excel_parts``:
openpyxl must never re-save a file that carries them, because it drops the ribbon.

The same function makes the bundled example (data from ``workbook/src/example.toml``) and the
empty tracker of ``ita-xl init`` (no data).
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableFormula, TableStyleInfo

from .. import derived, layout
from ..fonts import REQUESTED_FAMILY
from ..layout import Column, Setting, TableSpec
from .zipdet import normalise_package

import tomllib

FONT_NAME = REQUESTED_FAMILY
FONT = Font(name=FONT_NAME, size=16)
FONT_BOLD = Font(name=FONT_NAME, size=16, bold=True)
FONT_TITLE = Font(name=FONT_NAME, size=20, bold=True)
FONT_HELP = Font(name=FONT_NAME, size=14, italic=True, color="FF666666")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
# One colour for the cells a clerk types, another for the cells filled for them (formulas;
# typing over them is allowed).  Both are light enough to print in black and white.
INPUT_FILL = PatternFill("solid", fgColor="FFFFF2CC")
FILLED_FILL = PatternFill("solid", fgColor="FFE7EEF7")
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


def build_tracker(data: dict[str, Any] | None = None, finish=None, *,
                  interpreter_win: str | None = None) -> bytes:
    """Return the bytes of a tracker ``.xlsx`` filled with ``data`` (None: an empty tracker).

    ``finish(wb)``, if given, is called on the finished openpyxl workbook before it is saved
    (``ita-xl import`` adds its review sheet and cell comments there).
    ``interpreter_win``: xlwings.conf's Interpreter_Win (the Windows bundle's pythonw.exe);
    None leaves it blank (python/pythonw from PATH).
    """
    data = data or {}
    CACHED.append({})
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
    widths = _sheet_widths()
    for title, text in titles.items():
        ws = sheets[title]
        ws.cell(row=1, column=1, value=text).font = FONT_TITLE
        next_row[title] = 3
    for title, cols in widths.items():
        for col, width in enumerate(cols, start=1):
            sheets[title].column_dimensions[get_column_letter(col)].width = width
    _write_legend(sheets[layout.SHEET_SETTINGS])

    settings = data.get("settings", {})
    for spec in layout.SETTINGS:
        ws = sheets[spec.sheet]
        row = next_row[spec.sheet]
        # A setting with default wording starts with it (also when carried over from a
        # tracker made before the setting existed), so the clerk sees what to reword.
        value = settings.get(spec.field)
        _write_setting(wb, ws, row, spec, spec.default if value is None else value,
                       validations[spec.sheet], widths[spec.sheet])
        next_row[spec.sheet] = row + 1

    for spec in layout.TABLES:
        ws = sheets[spec.sheet]
        row = next_row[spec.sheet] + (1 if next_row[spec.sheet] > 1 else 0)
        end = _write_table(ws, row, spec, data.get(spec.name, []), validations[spec.sheet],
                           settings)
        next_row[spec.sheet] = end + 2
    # The results' measure is picked from the plan: a name for the plan's measure column (an
    # Excel Table reference, so it grows with the plan) behind the dropdown.
    plan_measures = f"{layout.PLAN.name}[{layout.PLAN.column('measure').header}]"
    wb.defined_names[MEASURES_NAME] = DefinedName(MEASURES_NAME, attr_text=plan_measures)

    for title, by_list in validations.items():
        for dv in by_list.values():
            sheets[title].add_data_validation(dv)

    # The Excel side: the check sheet (before the lists) and xlwings' settings sheet (last).
    check = wb.create_sheet(layout.SHEET_CHECK, index=wb.sheetnames.index(layout.SHEET_LISTS))
    check.sheet_properties.codeName = CODE_NAMES[layout.SHEET_CHECK]
    _write_check_sheet(wb, check)
    top, left = layout.ACKNOWLEDGED_TOP
    for col, column in enumerate(layout.ACKNOWLEDGED.columns, start=left):
        check.column_dimensions[get_column_letter(col)].width = column.width
    ack_validations: dict[str, DataValidation] = {}
    _write_table(check, top, layout.ACKNOWLEDGED, data.get(layout.ACKNOWLEDGED.name, []),
                 ack_validations, settings, left=left, freeze=False)
    conf = wb.create_sheet(layout.SHEET_XLWINGS_CONF)
    conf.sheet_properties.codeName = CODE_NAMES[layout.SHEET_XLWINGS_CONF]
    _write_xlwings_conf(conf, interpreter_win)
    if finish is not None:
        finish(wb)

    buf = io.BytesIO()
    wb.save(buf)
    return normalise_package(_with_cached_values(buf.getvalue(), CACHED.pop()))


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


MEASURES_NAME = "list_measures"  # the plan's measures, behind the results' dropdown
#: Dropdowns fed from a table column instead of the lists sheet: key -> (title, defined name).
TABLE_LISTS = {"measures": ("มาตรการตามแผน", MEASURES_NAME)}

# Input messages (Excel shows them beside the selected cell): how to type what is easy to get
# wrong.  Excel allows 32 characters of title and 255 of message.
DATE_HINT = ("วันที่", "พิมพ์เป็นวันที่ เช่น 1/3/2022 แล้วเซลล์จะแสดง ๑ มีนาคม ๒๕๖๕ เอง "
             "ถ้าพิมพ์ปี พ.ศ. (1/3/2565) Windows ต้องตั้งปฏิทินเป็นพุทธศักราช "
             "อย่าพิมพ์ชื่อเดือนเป็นข้อความ")
MONTH_HINT = ("เดือน", "พิมพ์วันใดก็ได้ของเดือนนั้น เช่น 1/10/2021 แล้วเซลล์จะแสดง ตุลาคม ๒๕๖๔ "
              "ถ้าพิมพ์ปี พ.ศ. Windows ต้องตั้งปฏิทินเป็นพุทธศักราช อย่าพิมพ์ชื่อเดือนเป็นข้อความ")
FIELD_HINTS = {
    "subject": ("เรื่อง", "ชื่อเรื่องของบันทึกข้อความ ควรมีชื่อหน่วยงานและปีงบประมาณ เช่น "
                "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส... "
                "ประจำปีงบประมาณ พ.ศ.๒๕๖๕"),
    "memo_ref": ("ที่ (เลขที่หนังสือ)", "รหัสส่วนราชการและเลขที่ตามทะเบียนหนังสือ เช่น ๕๖๖๐๑/- "
                 "(ไม่ต้องพิมพ์คำว่า ที่) ตัวเลขในเอกสารเป็นไปตามช่อง รูปแบบตัวเลขในเอกสาร"),
}


def _hint(kind: str, field: str) -> tuple[str, str] | None:
    if field in FIELD_HINTS:
        return FIELD_HINTS[field]
    return {"date": DATE_HINT, "month": MONTH_HINT}.get(kind)


def _validation(cache: dict[str, DataValidation], choices: str) -> DataValidation:
    if choices not in cache:
        if choices in TABLE_LISTS:
            title, name = TABLE_LISTS[choices]
        else:
            title, name = layout.LISTS[choices][0], f"list_{choices}"
        cache[choices] = DataValidation(
            # Stored without "=", as Excel writes it (the file holds the formula, not the
            # text typed in the dialog); "=list_x" is what Excel's repair then rewrites.
            type="list", formula1=name, allow_blank=True,
            showErrorMessage=True, errorStyle="warning",
            errorTitle="ค่าไม่อยู่ในรายการ", error=f"โปรดเลือกจากรายการ {title}",
            promptTitle=title, prompt="เลือกจากรายการ", showInputMessage=True,
        )
    return cache[choices]


def _hint_validation(cache: dict[str, DataValidation], hint: tuple[str, str]) -> DataValidation:
    """An input message only (any value allowed): one validation object per distinct hint."""
    key = "hint:" + hint[0]
    if key not in cache:
        cache[key] = DataValidation(allow_blank=True, showInputMessage=True,
                                    promptTitle=hint[0], prompt=hint[1])
    return cache[key]


def _sheet_widths() -> dict[str, list[float]]:
    """Column widths per sheet from the tables on it; the settings sheet has its own three.

    Settings on a sheet with tables span as many of the tables' columns as they need (merged
    cells outside the tables), so a table's narrow number column does not squeeze a label
    and a wide fixed column does not push the clerk's columns off screen.
    """
    widths: dict[str, list[float]] = {title: [] for title in layout.SHEETS}
    widths[layout.SHEET_SETTINGS] = [34, 70, 44]
    for spec in layout.TABLES:
        cols = widths[spec.sheet]
        for i, column in enumerate(spec.columns):
            if i < len(cols):
                cols[i] = max(cols[i], column.width)
            else:
                cols.append(column.width)
    return widths


LABEL_WIDTH = 30  # columns' width a setting's label needs on a table sheet
VALUE_WIDTH = 40


def _span(widths: list[float], start: int, need: float) -> int:
    """How many columns from ``start`` (0-based) make at least ``need`` wide."""
    total, n = 0.0, 0
    while start + n < len(widths) and (total < need or n == 0):
        total += widths[start + n]
        n += 1
    return max(1, n)


def _write_setting(wb: Workbook, ws, row: int, spec: Setting, value: Any,
                   validations: dict[str, DataValidation], widths: list[float]) -> None:
    label_cols = 1 if spec.sheet == layout.SHEET_SETTINGS else _span(widths, 0, LABEL_WIDTH)
    value_cols = 1 if spec.sheet == layout.SHEET_SETTINGS else \
        _span(widths, label_cols, VALUE_WIDTH)
    value_col = label_cols + 1
    label = ws.cell(row=row, column=1, value=spec.label + (" *" if spec.required else ""))
    label.font = FONT_BOLD
    label.alignment = WRAP_TOP
    cell = ws.cell(row=row, column=value_col, value=_cell_value(value))
    _style_input(cell, spec.kind)
    if label_cols > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=label_cols)
    if value_cols > 1:
        for col in range(value_col + 1, value_col + value_cols):
            _style_input(ws.cell(row=row, column=col), spec.kind)
        ws.merge_cells(start_row=row, start_column=value_col, end_row=row,
                       end_column=value_col + value_cols - 1)
    if spec.help:
        ws.cell(row=row, column=value_col + value_cols, value=spec.help).font = FONT_HELP
    if spec.kind == "longtext":
        ws.row_dimensions[row].height = 120
    if spec.choices:
        _validation(validations, spec.choices).add(cell.coordinate)
    else:
        hint = _hint(spec.kind, spec.field)
        if hint:
            _hint_validation(validations, hint).add(cell.coordinate)
    ref = f"{quote_sheetname(ws.title)}!${get_column_letter(value_col)}${row}"
    wb.defined_names[spec.name] = DefinedName(spec.name, attr_text=ref)


def _write_legend(ws) -> None:
    """What the two fill colours mean, at the top right of the settings sheet."""
    for row, (fill, text) in enumerate((
            (INPUT_FILL, "ช่องสีนี้: พิมพ์หรือเลือกข้อมูล"),
            (FILLED_FILL, "ช่องสีนี้: โปรแกรมเติมให้ด้วยสูตร (พิมพ์ทับได้ถ้าต้องการค่าอื่น)")), start=1):
        ws.cell(row=row, column=3, value=text).font = FONT_HELP
        ws.cell(row=row, column=3).fill = fill


def _write_table(ws, top: int, spec: TableSpec, rows: list[dict[str, Any]],
                 validations: dict[str, DataValidation], settings: dict[str, Any],
                 *, left: int = 1, freeze: bool = True) -> int:
    """Write a titled Excel Table at ``top``; return the last row used.

    Columns with a rule in ``ita_xl.derived`` get its formula (a calculated column: Excel
    copies it into new rows) wherever the data leaves the cell blank or holds exactly what the
    rule gives; a different value is kept as typed (the clerk's override).
    """
    ws.cell(row=top, column=left, value=spec.title).font = FONT_BOLD
    header_row = top + 1
    for col, column in enumerate(spec.columns, start=left):
        cell = ws.cell(row=header_row, column=col, value=column.header)
        cell.font = FONT_BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    # A header wider than its column wraps: give the row two lines, or the second one is cut
    # off (and, in LibreOffice, drawn over the title above).
    from ..console import width as text_width

    if any(text_width(c.header) > (ws.column_dimensions[get_column_letter(i)].width or 0)
           for i, c in enumerate(spec.columns, start=left)):
        ws.row_dimensions[header_row].height = 2 * DEFAULT_ROW_HEIGHT
    body = rows or [{} for _ in range(EMPTY_ROWS)]
    for i, values in enumerate(body):
        r = header_row + 1 + i
        for col, column in enumerate(spec.columns, start=left):
            value = _cell_value(values.get(column.field))
            formula = derived.formula(spec.name, column.field)
            rule = _rule_value(spec, column, values, settings) if formula else None
            if formula and (value is None or value == rule):
                cell = ws.cell(row=r, column=col, value=formula)
                _style_input(cell, column.kind, filled=True)
                CACHED[-1][(ws.title, cell.coordinate)] = "" if rule is None else str(rule)
            else:
                cell = ws.cell(row=r, column=col, value=value)
                _style_input(cell, column.kind)
    last_row = header_row + len(body)
    last_col = left + len(spec.columns) - 1
    ref = f"{get_column_letter(left)}{header_row}:{get_column_letter(last_col)}{last_row}"
    table = Table(displayName=spec.name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    table.tableColumns = [
        TableColumn(id=i, name=column.header, calculatedColumnFormula=_calculated(spec, column))
        for i, column in enumerate(spec.columns, start=1)]
    table.autoFilter = AutoFilter(ref=ref)
    ws.add_table(table)
    for col, column in enumerate(spec.columns, start=left):
        letter = get_column_letter(col)
        area = f"{letter}{header_row + 1}:{letter}{last_row + 200}"
        if column.choices:
            _validation(validations, column.choices).add(area)
        else:
            hint = _hint(column.kind, column.field)
            if hint:
                _hint_validation(validations, hint).add(area)
    if freeze and spec.sheet in (layout.SHEET_PLAN, layout.SHEET_RESULTS):
        ws.freeze_panes = ws.cell(row=header_row + 1, column=2)
    return last_row


# Results of the formulas the builder writes, per build: {(sheet, cell): text}.  openpyxl cannot
# store a formula's result, so they are added to the sheet XML after saving; Excel, LibreOffice
# and openpyxl (data_only) then all see the value, as in a file Excel saved.
CACHED: list[dict[tuple[str, str], str]] = []


def _with_cached_values(package: bytes, cached: dict[tuple[str, str], str]) -> bytes:
    import re
    from xml.sax.saxutils import escape

    from ..xmlscan import sheet_parts
    from .zipdet import read_members, write_members

    if not cached:
        return package
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        parts = sheet_parts(zf)
    by_part: dict[str, dict[str, str]] = {}
    for (sheet, coord), text in cached.items():
        by_part.setdefault(parts[sheet], {})[coord] = text
    members = []
    for name, blob in read_members(package):
        if name in by_part:
            cells = by_part[name]

            def add(m: re.Match) -> bytes:
                text = cells.get(m.group(1).decode())
                if text is None:
                    return m.group(0)
                return (b'<c r="' + m.group(1) + b'"' + m.group(2) + b' t="str"><f>' + m.group(3)
                        + b"</f><v>" + escape(text).encode("utf-8") + b"</v></c>")

            blob = re.sub(rb'<c r="([A-Z]+\d+)"((?: s="\d+")?)><f>(.*?)</f><v\s*(?:/>|></v>)</c>',
                          add, blob)
        members.append((name, blob))
    out = io.BytesIO()
    write_members(out, members)
    return out.getvalue()


def _calculated(spec: TableSpec, column: Column) -> TableFormula | None:
    formula = derived.formula(spec.name, column.field)
    return TableFormula(attr_text=formula[1:]) if formula else None


def _rule_value(spec: TableSpec, column: Column, values: dict[str, Any],
                settings: dict[str, Any]) -> Any:
    """What ``derived`` computes for this row (to tell a typed override from the default)."""
    from types import SimpleNamespace

    d = derived.BY_CELL.get((spec.name, column.field))
    if d is None:
        return None
    return d.compute(SimpleNamespace(**{c.field: values.get(c.field) for c in spec.columns}),
                     SimpleNamespace(**{s.field: settings.get(s.field) for s in layout.SETTINGS}))


def _style_input(cell, kind: str, *, filled: bool = False) -> None:
    cell.font = FONT
    cell.alignment = WRAP_TOP
    cell.border = BOX
    cell.fill = FILLED_FILL if filled else INPUT_FILL
    if kind == "date":
        cell.number_format = layout.DATE_FORMAT
    elif kind == "month":
        cell.number_format = layout.MONTH_FORMAT
    elif kind == "number":
        cell.number_format = layout.SCORE_FORMAT
    elif (kind == "longtext" or kind == "text") and not filled:
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
# A from A1 down without a gap, values in B.  Interpreter_Win is never left blank (blank means
# "python" from PATH, often the Microsoft Store alias): winsetup.tracker_interpreter() fills it.
# The workbook's folder is not added to sys.path: ita-xl is installed.
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
    "Interpreter_Win = pythonw.exe ที่ปุ่มบนแท็บ ITA และฟังก์ชันในเซลล์ใช้ ชุดติดตั้ง: %LOCALAPPDATA%\\ita-xl\\python\\pythonw.exe ห้ามเว้นว่าง (ตรวจด้วย ita-xl doctor สมุดงาน.xlsm)",
    "UDF Modules = ita_xl.udfs คือโมดูลของฟังก์ชัน ITA_FINDINGS, ITA_ROWSTATUS, ITA_THAIDATE, ITA_THAIDIGITS",
    "These are xlwings' settings (see docs/excel-setup.md). Interpreter_Win is the pythonw.exe the "
    "ribbon and the cell functions start (the bundle's: %LOCALAPPDATA%\\ita-xl\\python\\pythonw.exe); "
    "never blank. Check it with: ita-xl doctor tracker.xlsm",
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
