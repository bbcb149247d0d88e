"""The review step of an import: a sheet listing every imported value and a comment on its cell.

The sheet ``ตรวจทานการนำเข้า`` (first in the workbook) has one row per value: the tracker cell
(a link to it), what it is, the value, where it came from in the Word file and the text there,
and a note when the value was inferred rather than copied; settings no document gave are
listed as "not found"; then every piece of text that could not be placed.  Each imported cell
also carries a comment naming its source, so the clerk sees it while checking the cell.

Cells are found the way the reader finds them: settings through their defined names, table
cells through the Excel Table name and the column's header text.  Nothing here knows a
coordinate, so columns or settings added to the layout need no change here.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname, range_boundaries

from .. import layout
from ..reader import header_key
from ..thai import format_date
from .found import Imported, Value

SHEET = "ตรวจทานการนำเข้า"
CODE_NAME = "shImportReview"  # the VBA document module of the sheet is named after it
FONT_NAME = "TH SarabunPSK"
HEADERS = ("ลำดับ\nNo.", "ช่องในสมุดงาน\nTracker cell", "รายการ\nItem", "ค่าที่นำเข้า\nValue",
           "ที่มาในเอกสาร Word\nSource", "ข้อความในเอกสาร\nText in the document",
           "หมายเหตุ\nNote", "ตรวจแล้ว\nChecked")
WIDTHS = (7, 20, 34, 45, 30, 60, 45, 10)
LEFT_HEADERS = ("ลำดับ\nNo.", "ที่มาในเอกสาร Word\nSource", "ข้อความ\nText", "เหตุผล\nReason")
LEFT_COLUMNS = (1, 2, 6, 7)  # under the value rows' No., Source, Text and Note columns
TEXT_LIMIT = 1000  # source text shown per row (the full text is in the tracker cell itself)
MISSING_FILL = PatternFill("solid", fgColor="FFFCE4D6")
HEADER_FILL = PatternFill("solid", fgColor="FFDDEBF7")


def locate(wb, target: str) -> tuple[Any, str] | None:
    """(worksheet, A1 cell) of ``settings.<field>`` or ``<Table>[<i>].<field>``, else None."""
    if target.startswith("settings."):
        spec = layout.SETTINGS_BY_FIELD.get(target.split(".", 1)[1])
        defn = wb.defined_names.get(spec.name) if spec else None
        if defn is None:
            return None
        for sheet, coord in defn.destinations:
            return wb[sheet], coord.replace("$", "").split(":")[0]
        return None
    table, rest = target.split("[", 1)
    index, name = rest.split("].", 1)
    spec = layout.TABLES_BY_NAME.get(table)
    if spec is None:
        return None
    want = header_key(spec.column(name).header)
    for ws in wb.worksheets:
        if table in ws.tables:
            min_col, min_row, max_col, _ = range_boundaries(ws.tables[table].ref)
            for col in range(min_col, max_col + 1):
                if header_key(ws.cell(row=min_row, column=col).value) == want:
                    return ws, f"{get_column_letter(col)}{min_row + 1 + int(index)}"
    return None


def label(target: str) -> str:
    """What a target is, in the tracker's own words."""
    if target.startswith("settings."):
        spec = layout.SETTINGS_BY_FIELD.get(target.split(".", 1)[1])
        return spec.label if spec else target
    table, rest = target.split("[", 1)
    index, name = rest.split("].", 1)
    spec = layout.TABLES_BY_NAME[table]
    return f"{spec.title} แถว {int(index) + 1} › {spec.column(name).header}"


def shown(value: Any) -> Any:
    if isinstance(value, dt.date):
        return format_date(value, thai=True)
    return value


def code_names(tracker_code_names: list[str] | tuple[str, ...]) -> list[str]:
    """The codeNames of an imported tracker: ThisWorkbook's, the review sheet's (it comes
    first), then those of a fresh tracker's sheets."""
    return [tracker_code_names[0], CODE_NAME, *tracker_code_names[1:]]


def add_review(wb, imp: Imported, missing: list[str]) -> None:
    """Add the review sheet (first) and a comment on each imported cell of ``wb``."""
    ws = wb.create_sheet(SHEET, 0)
    ws.sheet_properties.codeName = CODE_NAME
    ws.sheet_properties.tabColor = "FFC000"
    font, bold = Font(name=FONT_NAME, size=14), Font(name=FONT_NAME, size=14, bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws["A1"] = "ตรวจทานข้อมูลที่นำเข้าจากเอกสาร Word / Review what was imported from Word"
    ws["A1"].font = Font(name=FONT_NAME, size=18, bold=True)
    ws["A2"] = ("ita-xl อ่านค่าทุกช่องด้านล่างจากเอกสาร Word ไม่มีค่าใดที่ถือว่าถูกต้องแล้ว: ตรวจทีละแถวกับเอกสารเดิม "
                "คลิกที่ช่องในสมุดงานเพื่อไปยังช่องนั้น แก้ไขถ้าผิด แล้วพิมพ์ ✓ ในคอลัมน์ตรวจแล้ว "
                "จากนั้นเรียก ita-xl check เพื่อดูคำที่แตกด้วยช่องว่างและปัญหาอื่น "
                "Every value below was read from the Word files and needs checking: follow the link, "
                "correct the cell if needed and tick Checked; then run `ita-xl check`.")
    ws["A2"].font = font
    ws["A2"].alignment = wrap
    ws.merge_cells("A2:H2")
    ws.row_dimensions[2].height = 60
    row = 4
    for col, text in enumerate(HEADERS, start=1):
        _header(ws.cell(row=row, column=col, value=text), bold)
    ws.freeze_panes = "A5"
    number = 0
    for value in imp.values + imp.defaults:
        number += 1
        row += 1
        _value_row(wb, ws, row, number, value, value in imp.defaults, font, wrap)
    for target in missing:
        number += 1
        row += 1
        _missing_row(wb, ws, row, number, target, font, wrap)
    row += 2
    ws.cell(row=row, column=1,
            value=f"ข้อความในเอกสารที่ไม่ได้นำเข้า ({len(imp.leftovers)} รายการ) / "
                  "Text of the documents not placed in the tracker").font = bold
    row += 1
    for col, text in zip(LEFT_COLUMNS, LEFT_HEADERS):
        _header(ws.cell(row=row, column=col, value=text), bold)
    for n, left in enumerate(imp.leftovers, start=1):
        row += 1
        texts = (n, f"{left.source.label_th()}\n{left.source.label_en()}",
                 left.source.text[:TEXT_LIMIT], f"{left.reason_th}\n{left.reason_en}")
        for col, text in zip(LEFT_COLUMNS, texts):
            c = ws.cell(row=row, column=col, value=text)
            c.font, c.alignment = font, wrap
    wb.active = 0
    for other in wb.worksheets[1:]:
        other.sheet_view.tabSelected = False


def _header(cell, bold) -> None:
    cell.font = bold
    cell.fill = HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _link(ws_review, cell, ws, coord: str) -> None:
    cell.value = f"{ws.title}!{coord}"
    cell.hyperlink = f"#{quote_sheetname(ws.title)}!{coord}"


def _value_row(wb, ws, row: int, number: int, value: Value, default: bool, font, wrap) -> None:
    where = locate(wb, value.target)
    texts = {
        1: number,
        3: label(value.target),
        4: shown(value.value),
        5: "ค่าเริ่มต้นของสมุดงานใหม่ (ita-xl init)\nthe fresh tracker's default" if default else
        f"{value.source.label_th()}\n{value.source.label_en()}",
        6: value.source.text[:TEXT_LIMIT] if not default else "",
        7: f"{value.note_th}\n{value.note_en}" if value.note_th else "",
    }
    for col, text in texts.items():
        c = ws.cell(row=row, column=col, value=text)
        c.font, c.alignment = font, wrap
        if col == 4 and isinstance(text, str):
            c.number_format = "@"
    link = ws.cell(row=row, column=2)
    link.font, link.alignment = font, wrap
    if where is None:
        link.value = value.target
        return
    sheet, coord = where
    _link(ws, link, sheet, coord)
    if not default:
        note = f"\n{value.note_th}" if value.note_th else ""
        comment = Comment(f"นำเข้าจาก {value.source.label_th()}{note}\nโปรดตรวจทาน "
                          f"(แผ่นงาน {SHEET})\nImported from {value.source.label_en()}; "
                          "please review.", "ita-xl")
        comment.width, comment.height = 320, 140
        sheet[coord].comment = comment


def _missing_row(wb, ws, row: int, number: int, target: str, font, wrap) -> None:
    where = locate(wb, target)
    texts = {1: number, 3: label(target), 5: "ไม่พบในเอกสาร\nnot found in the documents",
             7: "โปรดกรอกเอง\nplease fill it in"}
    for col, text in texts.items():
        c = ws.cell(row=row, column=col, value=text)
        c.font, c.alignment, c.fill = font, wrap, MISSING_FILL
    link = ws.cell(row=row, column=2)
    link.font, link.alignment, link.fill = font, wrap, MISSING_FILL
    if where is not None:
        _link(ws, link, *where)
