"""Read a tracker workbook into a ``Tracker`` model.

The reader never relies on coordinates.  It finds

* single values through their defined names (``ita_agency`` …);
* tables through their Excel Table names (``Plan`` …) on whatever sheet they are;
* columns inside a table through the header text (whitespace-insensitive), so columns may be
  reordered and extra columns added.

This module is the one path from Excel-shaped values to a ``Tracker``: a table read from the
file and a table Excel hands to an xlwings function (a 2-D list, header row first) both go through
:func:`add_table` (→ :func:`rows_to_records`), and settings given as plain values through
:func:`settings_from_values`, so the checks see the very same records either way.
"""
from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl.utils import range_boundaries

from . import layout
from .errors import WorkbookError
from .meaning import blank
from .model import (RECORD_TYPES, Loc, Record, Settings, Shown, TableInfo, Tracker, cell_name,
                    range_name)
from .thai import fixed, normalise_compact, parse_thai_date, to_arabic_digits

READABLE_SUFFIXES = {".xlsx", ".xlsm"}


def header_key(text: Any) -> str:
    """How headers are compared: no whitespace at all, Arabic digits, NFC."""
    return normalise_compact(str(text)) if text is not None else ""


NEAR_HEADER = 0.6  # difflib ratio from which a header is taken as a misspelling of another


def _known_headers(spec: layout.TableSpec) -> list[tuple[str, layout.Column]]:
    return [(text, col) for col in spec.columns for text in (col.header, *col.aliases)]


def closest_header(spec: layout.TableSpec, text: str) -> tuple[layout.Column, float]:
    """The column whose header is nearest to ``text``, and how near (0–1).

    A header that is a whole part of a known one ("ยศ" of "ยศ/คำนำหน้า") or holds it whole
    counts as near as a one-letter slip."""
    typed = header_key(text)
    best: tuple[layout.Column, float] | None = None
    for known, col in _known_headers(spec):
        k = header_key(known)
        parts = {p for p in k.replace(":", "/").split("/") if p}
        ratio = difflib.SequenceMatcher(None, typed, k).ratio()
        if typed and (typed in parts or k in typed):
            ratio = max(ratio, 0.9)
        if best is None or ratio > best[1]:
            best = (col, ratio)
    assert best is not None
    return best


def read_tracker(path: str | Path) -> Tracker:
    """Read ``path`` (``.xlsx`` or ``.xlsm``) without modifying it."""
    path = Path(path)
    wb = open_workbook(path)
    try:
        return _read(wb, path)
    finally:
        wb.close()


def open_workbook(path: Path):
    """Open with openpyxl in data-only mode (cached values of formulas), or raise WorkbookError."""
    from .filecheck import require_workbook_file

    name = path.name
    # What the file really is (xls, ods, csv, password, empty, zip bomb …), before openpyxl.
    require_workbook_file(path)
    if path.suffix.lower() not in READABLE_SUFFIXES:
        raise WorkbookError(
            f"ไฟล์ {name} ไม่ใช่สมุดงาน Excel แบบ .xlsx หรือ .xlsm โปรดบันทึกเป็น .xlsm จาก Excel ก่อน",
            f"{name} is not an .xlsx/.xlsm workbook; save it as .xlsm in Excel first.",
            where=str(path))
    try:
        return _load_data(path)
    except Exception as exc:  # openpyxl raises many kinds on broken packages
        raise WorkbookError(
            f"เปิดไฟล์ {name} ไม่ได้: ไฟล์เสียหรือไม่ใช่สมุดงาน Excel",
            f"Cannot open {name}: damaged or not an Excel workbook ({type(exc).__name__}: {exc}).",
            where=str(path)) from exc


def _load_data(path: Path):
    """openpyxl's ``load_workbook(path, data_only=True, keep_links=False)``, for reading data only.

    One thing is left out: openpyxl copies the borders of every merged range onto each of its
    cells (``MergedCellRange.format``), a fifth of loading a tracker, and nothing here reads a
    border.  The merged cells are still made ``MergedCell`` (no value), as openpyxl makes them, so
    values and ``ws.merged_cells`` are what ``load_workbook`` gives.  The workbook is only read,
    never saved.  (keep_links=False: external links are not ours to follow.)
    """
    reader = _data_reader()(path, read_only=False, keep_vba=False, data_only=True,
                         keep_links=False, rich_text=False)
    reader.read()
    return reader.wb


@functools.lru_cache(maxsize=1)
def _data_reader():
    """openpyxl's ExcelReader whose sheets skip the border styling of merged cells."""
    from openpyxl.cell.cell import MergedCell
    from openpyxl.reader.excel import ExcelReader

    def unstyled_merge(ws, mcr) -> None:
        cells = mcr.cells
        next(cells)  # the top-left cell keeps its value
        for row, col in cells:
            ws._cells[row, col] = MergedCell(ws, row, col)

    class DataReader(ExcelReader):
        def read_workbook(self):
            super().read_workbook()
            create_sheet = self.wb.create_sheet

            def create_data_sheet(*args, **kwargs):
                ws = create_sheet(*args, **kwargs)
                # the sheet's own merge step, for this workbook's sheets only
                ws._clean_merge_range = lambda mcr: unstyled_merge(ws, mcr)
                return ws

            self.wb.create_sheet = create_data_sheet

    return DataReader


def _read(wb, path: Path) -> Tracker:
    settings = _read_settings(wb, path)
    from .framework import FRAMEWORK_CELL, FRAMEWORK_SHEET, from_text

    if FRAMEWORK_SHEET in wb.sheetnames:  # a tracker made with init --framework FILE
        settings.framework = from_text(wb[FRAMEWORK_SHEET][FRAMEWORK_CELL].value,
                                       f"{path.name} › {FRAMEWORK_SHEET}!{FRAMEWORK_CELL}")
    tracker = Tracker(settings=settings, source=path)
    found = _find_tables(wb)
    # What is never "outside" a table: another table, with the title row just above it, and
    # the settings' own cells.
    taken: dict[str, list[tuple[int, int, int, int]]] = {}
    for ws in wb.worksheets:
        for _, ref in ws.tables.items():
            c1, r1, c2, r2 = range_boundaries(ref)
            taken.setdefault(ws.title, []).append((c1, max(1, r1 - 1), c2, r2))
    for loc in settings.locs.values():
        c1, r1, c2, r2 = range_boundaries(loc.cell)
        taken.setdefault(loc.sheet, []).append((c1, r1, c2, r2))
    for spec in layout.TABLES:
        if spec.name not in found and spec.optional_in_file:
            continue  # a tracker made before the table existed: read as empty, not checked
        if spec.name not in found:
            raise WorkbookError(
                f"ไม่พบตาราง {spec.name} ({spec.title}) ในไฟล์ {path.name} "
                f"ตารางนี้ควรอยู่ในแผ่นงาน {spec.sheet}",
                f"Table {spec.name} ({spec.title}) not found in {path.name}; "
                f"a fresh tracker has it on sheet {spec.sheet}.",
                where=path.name,
                hint_th="สร้างสมุดงานใหม่ได้ด้วยคำสั่ง ita-xl init แล้วคัดลอกข้อมูลมาวาง",
                hint_en="Make a fresh tracker with `ita-xl init` and copy the data across.")
        ws, ref, totals = found[spec.name]
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        max_row -= totals  # Excel's Total Row ("Total Row" in Table Design) is not data
        _refuse_merged(ws, spec.name, (min_col, min_row, max_col, max_row), path)
        # iter_rows creates every cell it visits: never go past the cells that exist (a table
        # ref of A1:XFD1048576 would otherwise make 17 billion cells).
        max_row = min(max_row, max(ws.max_row, min_row))
        max_col = min(max_col, max(ws.max_column, min_col))
        cells = list(ws.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col,
                                  max_col=max_col))
        rows = [[unescape_ooxml(cell.value) for cell in row] for row in cells]
        formats = [[cell.number_format for cell in row] for row in cells]
        info = add_table(tracker, spec.name, rows, sheet=ws.title, origin=(min_row, min_col),
                         ref=ref, source=path.name, formats=formats)
        info.outside = _outside(ws, range_boundaries(ref), taken)
        hidden = {r for r, dim in ws.row_dimensions.items() if dim.hidden}
        info.hidden_rows = [min_row + rec.row for rec in tracker.records(spec.name)
                            if min_row + rec.row in hidden]
    _fill_derived(tracker, path)
    ack = _find_table(wb, layout.ACKNOWLEDGED.name)
    if ack is not None:  # optional: trackers made before it existed have none
        ws, ref = ack
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        max_row = min(max_row, max(ws.max_row, min_row))
        rows = [[cell.value for cell in row] for row in ws.iter_rows(
            min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col)]
        try:
            _info, records = rows_to_records(layout.ACKNOWLEDGED.name, rows, sheet=ws.title,
                                             origin=(min_row, min_col), source=path.name)
        except WorkbookError:
            records = []  # headers renamed: nothing acknowledged (the warnings show again)
        tracker.acknowledged.extend(records)
    return tracker


def _filled(value: Any) -> bool:
    return not blank(value)


def _outside(ws, bounds: tuple[int, int, int, int],
             taken: dict[str, list[tuple[int, int, int, int]]]) -> list[Loc]:
    """Non-empty cells the clerk typed directly under or beside a table, outside it.

    Under: the rows after the table's last row, across its columns, down to the first blank
    row (a paste of several rows is reported whole).  Beside: the column right of the table,
    along its rows.  Cells of another table, the title row just above one, and the settings'
    cells are not outside.
    """
    min_col, min_row, max_col, max_row = bounds
    others = [box for box in taken.get(ws.title, [])
              if not (box[0] == min_col and box[2] == max_col and box[3] == max_row)]  # not itself

    def free(row: int, col: int) -> bool:
        return not any(c1 <= col <= c2 and r1 <= row <= r2 for c1, r1, c2, r2 in others)

    found: list[Loc] = []
    row = max_row + 1
    while row <= ws.max_row:
        hits = [col for col in range(min_col, max_col + 1)
                if free(row, col) and _filled(ws.cell(row=row, column=col).value)]
        if not hits:
            break
        found.extend(Loc(ws.title, cell_name(row, col)) for col in hits)
        row += 1
    col = max_col + 1
    if col <= ws.max_column:
        for r in range(min_row, min(max_row, ws.max_row) + 1):
            if free(r, col) and _filled(ws.cell(row=r, column=col).value):
                found.append(Loc(ws.title, cell_name(r, col)))
    return found
def add_table(tracker: Tracker, table: str, rows: Sequence[Sequence[Any]], *, sheet: str,
              origin: tuple[int, int] = (1, 1), ref: str | None = None,
              source: str = "", formats: Sequence[Sequence[str]] | None = None) -> TableInfo:
    """Put ``table``, given as rows (header row first), into ``tracker``.

    ``origin`` is the (row, column) of the header's first cell; ``ref`` the table's range
    (default: the block the rows cover, at least a header and one row); ``formats`` the cells'
    number formats, where known (``rows_to_records``).
    """
    info, records = rows_to_records(table, rows, sheet=sheet, origin=origin, source=source,
                                    formats=formats)
    width = max((len(r) for r in rows), default=1) or 1
    info.ref = ref or range_name(origin, max(len(rows), 2), width)
    tracker.tables[table] = info
    tracker.records(table).extend(records)
    return info


def settings_from_values(values: dict[str, Any], locs: dict[str, Loc] | None = None) -> Settings:
    """``Settings`` from plain values by field name (``{"fiscal_year": 2565.0}``), converted as
    the reader converts cells; ``locs`` gives the cells they came from, where known."""
    settings = Settings()
    for spec in layout.SETTINGS:
        if spec.field in values:
            value, typed = read_value(values[spec.field], spec.kind)
            setattr(settings, spec.field, value)
            if typed is not None:
                settings.typed[spec.field] = typed
    settings.locs.update(locs or {})
    return settings


# ---------------------------------------------------------------------------------------------
# Excel-shaped values: what Excel hands to an xlwings function (the cell functions)

def as_rows(value: Any) -> list[list[Any]]:
    """A 2-D list from what Excel passed: a scalar (one cell), a 1-D list (one row) or 2-D."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        if not value:
            return []
        if all(isinstance(v, (list, tuple)) for v in value):
            return [list(v) for v in value]
        return [list(value)]
    return [[value]]


_ADDRESS = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)\s*$")


def parse_address(text: Any) -> tuple[str | None, str | None]:
    """(sheet, cell) from what ``CELL("address", ref)`` returns in Excel or LibreOffice.

    Excel: ``$B$3`` (same sheet) or ``'[ITA_tracker.xlsm]ตั้งค่า'!$B$3``; LibreOffice:
    ``$'ตั้งค่า'.$B$3`` or ``$Sheet1.$B$3``.  Either part is None when it cannot be found.
    """
    if not isinstance(text, str) or not text.strip():
        return None, None
    text = text.strip()
    m = _ADDRESS.search(text)
    if not m:
        return None, None
    cell = f"{m.group(1).upper()}{m.group(2)}"
    head = text[:m.start()]
    sheet = None
    if head.endswith("!"):  # Excel
        sheet = head[:-1]
    elif head.endswith("."):  # LibreOffice
        sheet = head[:-1].lstrip("$")
    if sheet:
        if sheet.startswith("'") and sheet.endswith("'"):
            sheet = sheet[1:-1].replace("''", "'")
        if "]" in sheet:
            sheet = sheet.rsplit("]", 1)[1]
        sheet = sheet or None
    return sheet, cell


def tracker_from_values(settings: Any, tables: dict[str, Any]) -> Tracker:
    """A ``Tracker`` built from Excel-shaped values, with real cell locations where known.

    ``settings``: rows of (name, value, address) — defined names of settings and table names;
    ``tables``: table name → 2-D list with the header row first.
    """
    meta: dict[str, tuple[Any, str | None, str | None]] = {}
    for row in as_rows(settings):
        row = list(row) + [None] * (3 - len(row))
        key = _none_if_blank(row[0])
        if key is None:
            continue
        sheet, cell = parse_address(row[2])
        meta[str(key).strip().lower()] = (_none_if_blank(row[1]), sheet, cell)

    values: dict[str, Any] = {}
    locs: dict[str, Loc] = {}
    for spec in layout.SETTINGS:
        value, sheet, cell = meta.get(spec.name.lower(), (None, None, None))
        values[spec.field] = value
        if cell:
            locs[spec.field] = Loc(sheet or spec.sheet, cell)
    tracker = Tracker(settings=settings_from_values(values, locs))
    for spec in layout.TABLES:
        if spec.name not in tables:
            continue
        _, sheet, cell = meta.get(spec.name.lower(), (None, None, None))
        origin = Loc(sheet or spec.sheet, cell).position if cell else (1, 1)
        add_table(tracker, spec.name, as_rows(tables[spec.name]), sheet=sheet or spec.sheet,
                  origin=origin)
    return tracker


def _none_if_blank(value: Any) -> Any:
    """Formula cells that show nothing (``=IF(ISBLANK(x),"",x)``) pass ``""``: a blank."""
    return None if blank(value) else value


_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _fill_derived(tracker: Tracker, path: Path) -> None:
    """Formula cells of ``derived`` columns that no spreadsheet calculated: apply the rule."""
    from . import derived
    from .xmlscan import formulas_without_value

    boxes: dict[str, list[tuple[int, int, int, int]]] = {}
    for d in derived.DERIVED:
        for rec in tracker.records(d.table):
            loc = rec.locs.get(d.field)
            if loc is not None:
                row, col = loc.position
                boxes.setdefault(loc.sheet, []).append((col, row, col, row))
    if boxes:
        uncalculated = formulas_without_value(path, boxes)
        if uncalculated:
            tracker.derived_cells = derived.fill_uncalculated(tracker, uncalculated)


def _find_table(wb, name: str) -> tuple[Any, str] | None:
    """(sheet, range) of the Excel Table ``name`` (case-insensitive, as in Excel), or None."""
    hit = _tables(wb).get(name.lower())
    return (hit[0], hit[1].ref) if hit is not None else None


def _tables(wb) -> dict[str, tuple[Any, Any]]:
    """Every Excel Table of the workbook by its lower-cased name: (sheet, openpyxl Table)."""
    return {table.name.lower(): (ws, table) for ws in wb.worksheets
            for table in ws.tables.values()}


_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape_ooxml(value: Any) -> Any:
    """Excel writes characters XML cannot hold as ``_xHHHH_`` (a vertical tab is ``_x000B_``).

    openpyxl leaves them escaped; decode them so the documented clean-up (``context.clean_text``)
    sees the real character: ``_x000B_`` becomes a line break, other controls are removed and
    reported.  (openpyxl already turned Excel's escaped underscore ``_x005F_`` into ``_``.)
    """
    if isinstance(value, str) and "_x" in value:
        return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)
    return value


def _refuse_merged(ws, table: str, bounds: tuple[int, int, int, int], path: Path) -> None:
    """Merged cells inside a table hide values from the reader: name the range and the fix."""
    min_col, min_row, max_col, max_row = bounds
    for merged in ws.merged_cells.ranges:
        if merged.min_col > max_col or merged.max_col < min_col or \
                merged.min_row > max_row or merged.max_row < min_row:
            continue
        rng = merged.coord
        first = rng.split(":")[0]
        raise WorkbookError(
            f"ตาราง {table} ในแผ่นงาน {ws.title} มีเซลล์ที่ผสานไว้ ({rng}) ita-xl อ่านค่าในเซลล์ที่ผสานไม่ได้",
            f"Table {table} on sheet {ws.title} has merged cells ({rng}); ita-xl cannot read "
            "values inside merged cells.",
            where=f"{path.name} › {ws.title}!{first}",
            hint_th=f"เลือกช่วง {rng} แล้วกด หน้าแรก › ผสานและจัดกึ่งกลาง เพื่อยกเลิกการผสาน "
                    "แล้วพิมพ์ค่าในทุกแถวที่ต้องการ",
            hint_en=f"Select {rng} and click Home › Merge & Center to unmerge, then type the "
                    "value in every row that needs it.")


def _find_tables(wb) -> dict[str, tuple[Any, str, int]]:
    """The tracker's tables (``layout.TABLES``) by their layout name: (sheet, range, rows of its
    Total Row: 0 or 1)."""
    found = _tables(wb)
    return {spec.name: (ws, table.ref, int(table.totalsRowCount or 0))
            for spec in layout.TABLES if spec.name.lower() in found
            for ws, table in [found[spec.name.lower()]]}


def _defined_name_cell(wb, name: str) -> tuple[Any, str] | None:
    defn = wb.defined_names.get(name)
    if defn is None:
        for ws in wb.worksheets:  # sheet-scoped names, as Excel makes on copied sheets
            if name in ws.defined_names:
                defn = ws.defined_names[name]
                break
    if defn is None:
        return None
    for sheet_title, coord in _destinations(defn):
        if sheet_title in wb.sheetnames:
            first = coord.replace("$", "").split(":")[0]
            return wb[sheet_title], first
    return None


def _raise_if_sheet_missing(wb, spec: layout.Setting, path: Path) -> None:
    """The defined name is there but its sheet was deleted (or Excel made it #REF!): say so."""
    defn = wb.defined_names.get(spec.name)
    if defn is None:
        return
    text = defn.attr_text or ""
    sheets = [title for title, _ in _destinations(defn)]
    gone = [title for title in sheets if title not in wb.sheetnames]
    if not gone and "#REF!" not in text:
        return
    if not gone:  # Excel turned the name into #REF!: its row, column or sheet was deleted
        raise WorkbookError(
            f"ช่อง “{spec.label}” (ชื่อที่กำหนด {spec.name}) ในไฟล์ {path.name} ชี้ไปที่ {text} "
            "แถว คอลัมน์ หรือแผ่นงานของช่องนี้ถูกลบไปแล้ว",
            f"The defined name {spec.name} (“{spec.label}”) in {path.name} is {text}: the row, "
            "column or sheet of its cell was deleted.",
            where=f"{path.name} › {spec.name}",
            hint_th=f"กำหนดชื่อ {spec.name} ใหม่ที่ สูตร › ตัวจัดการชื่อ หรือสร้างสมุดงานใหม่ด้วย"
                    "คำสั่ง ita-xl init แล้วคัดลอกข้อมูลมาวาง",
            hint_en=f"Point {spec.name} at its cell again in Formulas › Name Manager, or make a "
                    "fresh tracker with `ita-xl init` and copy the data across.")
    sheet = gone[0]
    raise WorkbookError(
        f"ไม่พบแผ่นงาน {sheet} ในไฟล์ {path.name} (ช่อง “{spec.label}” ชื่อที่กำหนด {spec.name} "
        f"ชี้ไปที่ {text} ซึ่งถูกลบแล้ว)",
        f"Sheet {sheet} is missing from {path.name}: the defined name {spec.name} "
        f"(“{spec.label}”) points to {text}, which was deleted.",
        where=f"{path.name} › {sheet}",
        hint_th=f"สร้างสมุดงานใหม่ด้วยคำสั่ง ita-xl init (มีแผ่นงาน {spec.sheet}) "
                "แล้วคัดลอกข้อมูลมาวาง",
        hint_en=f"Make a fresh tracker with `ita-xl init` (it has sheet {spec.sheet}) and copy "
                "the data across.")


_CELL_REF = re.compile(r"[A-Za-z]{1,3}[0-9]+")


def _raise_whole_line(wb, spec: layout.Setting, first: str, path: Path) -> None:
    """The name points at a whole column (``$B:$B``) or row (``$3:$3``), not at one cell."""
    defn = wb.defined_names.get(spec.name)
    text = (defn.attr_text if defn is not None else "") or first
    column = first.isalpha()
    what_th = f"ทั้งคอลัมน์ {first}" if column else f"ทั้งแถว {first}"
    what_en = f"the whole column {first}" if column else f"the whole row {first}"
    raise WorkbookError(
        f"ชื่อที่กำหนด {spec.name} (ช่อง “{spec.label}”) ในไฟล์ {path.name} ชี้ไปที่{what_th} "
        f"({text}) แต่ต้องชี้ไปที่เซลล์เดียว",
        f"The defined name {spec.name} (“{spec.label}”) in {path.name} points at {what_en} "
        f"({text}); it must point at a single cell.",
        where=f"{path.name} › {spec.name}",
        hint_th=f"ที่ สูตร › ตัวจัดการชื่อ แก้ {spec.name} ให้ชี้ไปที่เซลล์ที่กรอก “{spec.label}” "
                f"เช่น ='{spec.sheet}'!$B$3",
        hint_en=f"In Formulas › Name Manager, point {spec.name} at the cell that holds "
                f"“{spec.label}”, e.g. ='{spec.sheet}'!$B$3.")


def _destinations(defn) -> list[tuple[str, str]]:
    try:
        return list(defn.destinations)
    except Exception:  # a name whose formula openpyxl cannot tokenise, e.g. #REF!
        return []


def _read_settings(wb, path: Path) -> Settings:
    settings = Settings()
    for spec in layout.SETTINGS:
        hit = _defined_name_cell(wb, spec.name)
        if hit is None and spec.optional_in_file and spec.name not in wb.defined_names:
            continue  # a tracker made before the setting existed: blank
        if hit is None:
            _raise_if_sheet_missing(wb, spec, path)
            raise WorkbookError(
                f"ไม่พบช่อง “{spec.label}” (ชื่อที่กำหนด {spec.name}) ในไฟล์ {path.name}",
                f"Defined name {spec.name} (“{spec.label}”) not found in {path.name}.",
                where=path.name,
                hint_th="ตรวจดูที่ สูตร › ตัวจัดการชื่อ หรือสร้างสมุดงานใหม่ด้วยคำสั่ง ita-xl init",
                hint_en="Check Formulas › Name Manager, or make a fresh tracker with `ita-xl init`.")
        ws, coord = hit
        if not _CELL_REF.fullmatch(coord):
            _raise_whole_line(wb, spec, coord, path)
        cell = ws[coord]
        raw = unescape_ooxml(cell.value)
        value, typed = read_value(raw, spec.kind, cell.number_format)
        setattr(settings, spec.field, value)
        if typed is not None:
            settings.typed[spec.field] = typed
        shown = number_shown(raw, spec.kind, cell.number_format)
        if shown is not None:
            settings.shown[spec.field] = shown
        settings.locs[spec.field] = Loc(ws.title, coord)
    return settings


def rows_to_records(table: str, rows: Sequence[Sequence[Any]], *, sheet: str,
                    origin: tuple[int, int] = (1, 1), source: str = "",
                    formats: Sequence[Sequence[str]] | None = None,
                    ) -> tuple[TableInfo, list[Record]]:
    """Map a table given as rows (header row first) to records of ``table``'s type.

    ``origin`` is the (row, column) of the header's first cell, so every value gets its real
    cell address.  Columns are matched by header text; unknown columns go to ``record.extra``
    and their header cells to ``info.extra`` (the checks name them).  ``formats``, the number
    format of each cell when known, lets a number in a text column read as Excel shows it.
    Wholly blank rows are skipped (Excel tables often end in one).
    """
    spec = layout.TABLES_BY_NAME[table]
    cls = RECORD_TYPES[table]
    top, left = origin
    header = list(rows[0]) if rows else []
    by_key = {}
    for col in spec.columns:
        by_key[header_key(col.header)] = col
        for alias in col.aliases:
            by_key[header_key(alias)] = col
    index: dict[str, int] = {}
    extra: dict[int, str] = {}
    info = TableInfo(name=table, sheet=sheet, ref="")
    for i, text in enumerate(header):
        col = by_key.get(header_key(text))
        if col is not None and col.field not in index:
            index[col.field] = i
            info.headers[col.field] = Loc(sheet, cell_name(top, left + i), table, str(text))
        elif text is not None and str(text).strip():
            extra[i] = str(text)
            info.extra.setdefault(str(text), Loc(sheet, cell_name(top, left + i), table, str(text)))
    missing = [c for c in spec.columns if c.field not in index and c.required]
    # A required column whose header is misspelt ("ผลลัพท์") is read as blank and named at
    # its header cell by the checks (ITA705, an error, with "did you mean"), like an optional
    # one, so every other finding is still shown; only a column with no near header stops here.
    for col in list(missing):
        for text, loc in info.extra.items():
            near, ratio = closest_header(spec, text)
            if near is col and ratio >= NEAR_HEADER and loc not in info.misspelt.values():
                info.misspelt[col.field] = loc
                missing.remove(col)
                break
    if missing:
        names = ", ".join(c.header for c in missing)
        where_cell = cell_name(top, left)
        raise WorkbookError(
            f"ตาราง {table} ในแผ่นงาน {sheet} ไม่มีคอลัมน์ {names}",
            f"Table {table} on sheet {sheet} has no column {names}.",
            where=f"{source} › {sheet}!{where_cell}" if source else f"{sheet}!{where_cell}",
            hint_th="ชื่อหัวคอลัมน์ต้องตรงกับแบบฟอร์ม (เว้นวรรคไม่มีผล) ดูหัวคอลัมน์ที่ถูกต้องได้จาก"
                    "สมุดงานใหม่ที่สร้างด้วยคำสั่ง ita-xl init",
            hint_en="Header text must match the tracker's (spaces do not matter); a fresh "
                    "tracker from `ita-xl init` shows the right headers.")
    records: list[Record] = []
    for offset, values in enumerate(rows[1:], start=1):
        values = list(values)
        if all(blank(v) for v in values):
            continue
        rec = cls(row=offset)
        for col in spec.columns:
            i = index.get(col.field)
            if i is None:
                continue
            raw = values[i] if i < len(values) else None
            fmt = None
            if formats is not None and offset < len(formats) and i < len(formats[offset]):
                fmt = formats[offset][i]
            value, typed = read_value(raw, col.kind, fmt)
            setattr(rec, col.field, value)
            if typed is not None:
                rec.typed[col.field] = typed
            shown = number_shown(raw, col.kind, fmt)
            if shown is not None:
                rec.shown[col.field] = shown
            rec.locs[col.field] = Loc(sheet, cell_name(top + offset, left + i), table,
                                      info.headers[col.field].column)
        for i, name in extra.items():
            if i < len(values) and values[i] is not None:
                rec.extra[name] = values[i]
        records.append(rec)
    return info, records


EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def read_value(value: Any, kind: str, number_format: str | None = None) -> tuple[Any, str | None]:
    """``cell_value``, and the text a date cell held when it was read as a date (else None)."""
    converted = cell_value(value, kind, number_format)
    if isinstance(value, str) and isinstance(converted, dt.date):
        return converted, value
    return converted, None


def cell_value(value: Any, kind: str, number_format: str | None = None) -> Any:
    """A cell's value as its column's ``kind`` (date, number …): converted where it converts
    cleanly, else left as read (the checks report it).

    A date typed as text in a usual Thai form ("1 มี.ค. 65", "01/03/2565", "มี.ค. 2565" for a
    month) becomes the date it means (``thai.parse_thai_date``); a date cell needs a day.  A
    number in a text cell becomes the text Excel shows (``number_format`` applied).
    """
    if value is None:
        return None
    if blank(value) and kind not in {"text", "longtext"}:
        return None
    if kind in {"date", "month"}:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
            # A date cell whose number format the library did not recognise as a date.
            return (EXCEL_EPOCH + dt.timedelta(days=float(value))).date()
        if isinstance(value, str):
            meant = parse_thai_date(value)
            if meant is not None and (meant.has_day or kind == "month"):
                return meant.date
        return value
    if kind == "int":
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            text = to_arabic_digits(value.strip())
            if text.isdigit():
                return int(text)
        return value
    if kind == "number":
        if isinstance(value, str):
            text = to_arabic_digits(value.strip())
            # "82.47%" typed as text: the number the clerk wrote
            try:
                number = float(text.removesuffix("%").strip())
            except ValueError:
                return value
            return number
        if is_percent_format(number_format) and isinstance(value, (int, float)) \
                and not isinstance(value, bool):
            # Excel stores 82.47% as 0.8247: read what the cell shows, never the fraction.
            return round(value * 100, 10)
        return value
    if kind in {"text", "longtext", "choice"}:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return shown_number(value, number_format)
    return value


_FORMAT_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def is_percent_format(number_format: str | None) -> bool:
    """Whether Excel shows a number under ``number_format`` multiplied by 100 (a ``%`` outside
    quoted text, brackets and escapes: ``0.00%`` yes, ``0.00"%"`` no)."""
    if not number_format or "%" not in number_format:
        return False
    return "%" in _FORMAT_LITERALS.sub("", number_format)


# The number formats of score cells: 0, 0.00, #,##0.0, 0.00% … (what Excel's decimal buttons
# and the fresh tracker make), formatted here without loading xlfmt for every tracker.
_SIMPLE_FORMAT = re.compile(r"[#,]*0(?:\.(0+))?(%?)")


def number_shown(raw: Any, kind: str, number_format: str | None) -> str | None:
    """A number cell (kind ``number``: scores, the pass mark) as Excel shows it, when its
    format is not General: "72.40" under ``0.00``, "82.47" for 0.8247 under ``0.00%``.  The
    documents print those decimals; under General (or without a format, as the cell functions
    get values) they print two.  ``raw`` is the cell's value as stored."""
    if kind != "number" or isinstance(raw, bool) or not isinstance(raw, (int, float)):
        return None
    fmt = (number_format or "").strip()
    if not fmt or fmt.lower() == "general":
        return None
    simple = _SIMPLE_FORMAT.fullmatch(fmt)
    if simple:
        decimals, percent = len(simple.group(1) or ""), simple.group(2)
        number = raw * 100 if percent else raw
        # the score is read as the number the clerk sees (``convert``): printed without the sign
        return fixed(number, decimals, grouped="," in fmt)
    text = str(shown_number(raw, number_format))
    return text.replace("%", "").strip() if is_percent_format(number_format) else text


def shown_number(value: int | float, number_format: str | None) -> Shown:
    """A number as Excel shows it in its cell: ``0.85`` under ``0%`` is "85%", ``12`` under
    ``0000`` is "0012", ``1234567`` under ``#,##0`` is "1,234,567".  Without a format (an
    xlwings function gets bare values) Excel's General format applies.  Formatting is xlfmt's,
    imported only when a text cell holds a number."""
    from xlfmt import format_value

    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    try:
        return Shown(str(format_value(value, number_format or "General")))
    except Exception:  # a format xlfmt cannot read: Excel's General form
        return Shown(str(format_value(value, "General")))
