"""7xx: each table has rows, no row is there twice, and no printed row is hidden."""
from __future__ import annotations

from ... import layout
from ..codes import DUPLICATE_ROW, EMPTY_TABLE, HIDDEN_ROWS, UNKNOWN_COLUMN
from ..engine import CheckContext, rule
from ._util import at, key


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


@rule(needs=(), codes=(UNKNOWN_COLUMN.code,))
def unknown_columns(ctx: CheckContext) -> None:
    """A column the clerk added (budget under another name, notes…) is never printed: say so,
    once per column that holds something."""
    for spec in layout.TABLES:
        info = ctx.tracker.tables.get(spec.name)
        if not ctx.has(spec.name) or info is None:
            continue
        for header, loc in info.extra.items():
            if not any(rec.extra.get(header) not in (None, "") for rec in ctx.records(spec.name)):
                continue
            known = ", ".join(c.header for c in spec.columns)
            ctx.add(UNKNOWN_COLUMN.code, loc,
                    f"คอลัมน์ “{header}” ในตาราง {spec.name} ไม่ใช่คอลัมน์ที่โปรแกรมรู้จัก "
                    f"จึงจะไม่ถูกพิมพ์ในเอกสาร (คอลัมน์ที่พิมพ์: {known})",
                    f"Column “{header}” of table {spec.name} is not one ita-xl knows, so it is "
                    f"not printed (printed columns: {known}).",
                    "ถ้าต้องการให้พิมพ์ ให้ย้ายข้อมูลไปยังคอลัมน์ที่มีอยู่ เช่น งบประมาณ (บาท) หรือ หมายเหตุ",
                    "To print it, move the values into a known column such as the budget or "
                    "remarks column.")
