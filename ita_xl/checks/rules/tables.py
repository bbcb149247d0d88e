"""7xx: each table has rows, no row is there twice, no printed row is hidden, and nothing typed
is left out of a table."""
from __future__ import annotations

import difflib

from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.cell import coordinate_from_string, column_index_from_string

from ... import layout
from ...model import Loc, TableInfo
from ...reader import NEAR_HEADER, closest_header, header_key  # noqa: F401
from ..codes import (DUPLICATE_ROW, EMPTY_TABLE, HIDDEN_ROWS, MISSPELT_COLUMN, OUTSIDE_TABLE,
                     UNKNOWN_COLUMN)
from ..engine import CheckContext, rule
from ._util import at, key, show



@rule(needs=(), codes=(EMPTY_TABLE.code, DUPLICATE_ROW.code))
def tables(ctx: CheckContext) -> None:
    for spec in layout.TABLES:
        if not ctx.has(spec.name):
            continue
        records = ctx.records(spec.name)
        if len(records) < spec.min_rows:
            ctx.add(EMPTY_TABLE.code, ctx.first_body_cell(spec.name),
                    f"ตาราง {spec.name} ({spec.title}) ไม่มีข้อมูล",
                    f"Table {spec.name} ({spec.title}) has no rows.",
                    "กรอกข้อมูลในตารางนี้อย่างน้อยหนึ่งแถว", "Enter at least one row.",
                    table=spec.name)
            continue
        seen: dict[tuple[str, ...], object] = {}
        for rec in records:
            row_key = tuple(key(v) for v in rec.values().values())
            if row_key in seen:
                first = seen[row_key]
                loc = _first_loc(rec, spec)
                ctx.add(DUPLICATE_ROW.code, loc,
                        f"แถวนี้ซ้ำกับแถว {at(_first_loc(first, spec))} ในตาราง {spec.name} ทุกช่อง",
                        f"This row repeats row {at(_first_loc(first, spec))} of table {spec.name}.",
                        "ลบแถวที่ซ้ำ", "Delete the repeated row.")
            else:
                seen[row_key] = rec


@rule(needs=(), codes=(HIDDEN_ROWS.code,))
def hidden_rows(ctx: CheckContext) -> None:
    """Rows hidden in Excel (by hand or by a filter) are data like any other and are printed;
    the clerk, who does not see them, should know."""
    for spec in layout.TABLES:
        info = ctx.tracker.tables.get(spec.name) if ctx.has(spec.name) else None
        if info is None or not info.hidden_rows:
            continue
        rows = ", ".join(str(r) for r in info.hidden_rows)
        first = next((rec for rec in ctx.records(spec.name)
                      if _first_loc(rec, spec) is not None and
                      _row_of(_first_loc(rec, spec)) == info.hidden_rows[0]), None)
        ctx.add(HIDDEN_ROWS.code, _first_loc(first, spec) if first else None,
                f"ตาราง {spec.name} ({spec.title}) แผ่นงาน {info.sheet} มีแถวที่ซ่อนอยู่หรือถูกตัวกรอง"
                f"ซ่อนไว้ (แถว {rows}) แถวเหล่านี้จะพิมพ์ในเอกสารด้วย",
                f"Table {spec.name} ({spec.title}) on sheet {info.sheet} has hidden or "
                f"filtered-out rows ({rows}); they are printed in the documents too.",
                "ยกเลิกการซ่อนแถว (คลิกขวาที่หัวแถว › ยกเลิกการซ่อน) หรือล้างตัวกรอง "
                "(ข้อมูล › ล้าง) เพื่อตรวจดู ถ้าไม่ต้องการให้พิมพ์ ให้ลบแถวนั้น",
                "Unhide the rows (right-click the row headers › Unhide) or clear the filter "
                "(Data › Clear) to check them; delete a row that should not be printed.",
                table=spec.name)


def _row_of(loc) -> int:
    return int("".join(ch for ch in loc.cell if ch.isdigit()))


def _first_loc(rec, spec):
    for col in spec.columns:
        loc = rec.locs.get(col.field)
        if loc is not None:
            return loc
    return None


def _row_col(loc: Loc) -> tuple[int, int]:
    letters, row = coordinate_from_string(loc.cell)
    return row, column_index_from_string(letters)


@rule(needs=(), codes=(OUTSIDE_TABLE.code,))
def outside_tables(ctx: CheckContext) -> None:
    """Cells typed just under or beside a table but not in it: the documents would miss them."""
    for spec in layout.TABLES:
        info = ctx.tracker.tables.get(spec.name) if ctx.has(spec.name) else None
        if info is None or not info.outside or not info.ref:
            continue
        min_col, min_row, max_col, max_row = range_boundaries(info.ref)
        under = [loc for loc in info.outside if _row_col(loc)[0] > max_row]
        beside = [loc for loc in info.outside if _row_col(loc)[0] <= max_row]
        if under:
            rows = sorted({_row_col(loc)[0] for loc in under})
            last = rows[-1]
            span = f"{rows[0]}" if len(rows) == 1 else f"{rows[0]}–{last}"
            ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(max_col)}{last}"
            ctx.add(OUTSIDE_TABLE.code, under[0],
                    f"แถว {span} ของแผ่นงาน {info.sheet} มีข้อมูลอยู่ใต้ตาราง {spec.name} "
                    f"({spec.title}) แต่ไม่อยู่ในตาราง จึงจะไม่ปรากฏในเอกสาร",
                    f"Row(s) {span} of sheet {info.sheet} hold data just under table {spec.name} "
                    "but are not part of it, so the documents would leave them out.",
                    f"ขยายตารางให้รวมแถวเหล่านี้: คลิกในตาราง แล้วเลือก ออกแบบตาราง › ปรับขนาดตาราง "
                    f"เป็น {ref} (หรือลากที่จับมุมขวาล่างของตารางลงมา) หรือลบข้อมูลที่ไม่ต้องการ",
                    f"Extend the table over these rows: click in it, Table Design › Resize Table "
                    f"to {ref} (or drag the handle at its bottom-right corner), or delete them.",
                    table=spec.name)
        if beside:
            col = get_column_letter(max_col + 1)
            ref = f"{get_column_letter(min_col)}{min_row}:{col}{max_row}"
            ctx.add(OUTSIDE_TABLE.code, beside[0],
                    f"คอลัมน์ {col} ของแผ่นงาน {info.sheet} มีข้อมูลอยู่ข้างตาราง {spec.name} "
                    f"({spec.title}) แต่ไม่อยู่ในตาราง ({', '.join(loc.cell for loc in beside[:5])}"
                    f"{' …' if len(beside) > 5 else ''}) จึงจะไม่ปรากฏในเอกสาร",
                    f"Column {col} of sheet {info.sheet} holds data beside table {spec.name} but "
                    f"outside it ({', '.join(loc.cell for loc in beside[:5])}"
                    f"{' …' if len(beside) > 5 else ''}); the documents would leave it out.",
                    f"ย้ายข้อมูลเข้าไปในคอลัมน์ของตาราง หรือขยายตารางเป็น {ref} "
                    "(ออกแบบตาราง › ปรับขนาดตาราง) แล้วตั้งหัวคอลัมน์ หรือลบข้อมูลที่ไม่ต้องการ",
                    f"Move the data into the table's columns, or resize the table to {ref} "
                    "(Table Design › Resize Table) and give the column a header, or delete it.",
                    table=spec.name)


@rule(needs=(), codes=(UNKNOWN_COLUMN.code, MISSPELT_COLUMN.code))
def headers(ctx: CheckContext) -> None:
    """A header that matches no column, over a column that holds something: an error when it
    is near the header of a column the table lacks (that column's data would be lost: "หมายเหต",
    "ยศ"), else a warning that it is not printed (a column the clerk added: budget under another
    name, notes …), naming the closest known header."""
    for spec in layout.TABLES:
        info: TableInfo | None = ctx.tracker.tables.get(spec.name) if ctx.has(spec.name) else None
        if info is None:
            continue
        misspelt = set(info.misspelt.values())
        for text, loc in info.extra.items():
            # A required column's header misspelt is reported even over an empty column: the
            # reader found no such column and read it as blank.
            if loc not in misspelt and not any(rec.extra.get(text) not in (None, "")
                                               for rec in ctx.records(spec.name)):
                continue
            col, ratio = closest_header(spec, text)
            if ratio >= NEAR_HEADER and col.field not in info.headers:
                ctx.add(MISSPELT_COLUMN.code, loc,
                        f"หัวคอลัมน์ {show(text)} ของตาราง {spec.name} ไม่ตรงกับแบบฟอร์ม หมายถึง "
                        f"“{col.header}” ใช่ไหม? ข้อมูลในคอลัมน์นี้จะไม่ปรากฏในเอกสาร"
                        + (" (คอลัมน์นี้ต้องมี)" if col.required else ""),
                        f"Header {show(text)} of table {spec.name} matches no column; did you "
                        f"mean “{col.header}”? Its data would be missing from the documents.",
                        f"แก้หัวคอลัมน์เป็น “{col.header}” (เว้นวรรคไม่มีผล)",
                        f"Change the header to “{col.header}” (spaces do not matter).")
                continue
            known = ", ".join(c.header for c in spec.columns)
            ctx.add(UNKNOWN_COLUMN.code, loc,
                    f"คอลัมน์ “{text}” ในตาราง {spec.name} ไม่ใช่คอลัมน์ที่โปรแกรมรู้จัก "
                    f"จึงจะไม่ถูกพิมพ์ในเอกสาร (หัวคอลัมน์ที่ใกล้ที่สุด: “{col.header}”; "
                    f"คอลัมน์ที่พิมพ์: {known})",
                    f"Column “{text}” of table {spec.name} is not one ita-xl knows, so it is "
                    f"not printed (closest known header: “{col.header}”; printed columns: "
                    f"{known}).",
                    f"ถ้าเป็นคอลัมน์ “{col.header}” ให้แก้หัวคอลัมน์ ถ้าต้องการให้พิมพ์ ให้ย้ายข้อมูลไปยัง"
                    "คอลัมน์ที่มีอยู่ เช่น งบประมาณ (บาท) หรือ หมายเหตุ",
                    f"If it is the “{col.header}” column, fix the header; to print it, move the "
                    "values into a known column such as the budget or remarks column.")
