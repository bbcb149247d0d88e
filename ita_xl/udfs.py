"""xlwings functions (UDFs) that clerks use in cells of the tracker.

Excel calls them through VBA wrappers that the build generates into the workbook (module
``xlwings_udfs``, made by :mod:`ita_xl.builder.udf_vba` the way xlwings' "Import Functions" button
would), so a clerk never has to press that button.  The workbook's ``xlwings.conf`` sheet names
this module (``UDF Modules`` = ``ita_xl.udfs``).

Each function is plain Python: it takes values shaped the way Excel hands them over (2-D lists
with the header row first, ``None`` for blank cells, floats for numbers, ``datetime`` for dates)
and returns values Excel can show (a 2-D list spills in Excel 365/2021).  The checks are the
same as ``ita-xl check``: the rules live in :mod:`ita_xl.checks`, none are written here.

``ITA_FINDINGS(settings, chain, levels, indicators, plan, results)``
    Every finding of the whole tracker: a header row, then code, severity, cell, Thai message.
    ``settings`` is the "where things are" block of the check sheet: one row per setting
    (defined name, value, ``CELL("address", name)``) and one per table (table name, blank,
    ``CELL("address", Table[#All])``), so findings point at real cells even though Excel
    passes values only.
``ITA_ROWSTATUS(table, [table_name])``
    A column beside a table given with its header row (``Plan[#All]``): "OK", "⚠ …" or "✖ …"
    per row, a header cell first, blank for blank rows.
``ITA_THAIDIGITS(value)`` and ``ITA_THAIDATE(when, [thai_digits])``
    Thai digits, and a date as ``๑ มีนาคม ๒๕๖๕`` (Buddhist era), as the documents print them.

Argument names are valid VBA identifiers (no ``date``, ``name``…): the generated wrapper uses
them as parameter names.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import xlwings as xw

from . import layout
from .errors import ItaError
from .present import STATUS_HEADER, cell_error, error_rows, finding_rows, row_status
from . import meaning
from .meaning import blank
from .reader import as_rows, cell_value, header_key, tracker_from_values
from .thai import digits as _digits
from .thai import format_date, format_slash_date

_F = TypeVar("_F", bound=Callable[..., Any])

CATEGORY = "ITA"



def udf(**options: Any) -> Callable[[_F], _F]:
    """``xw.func`` plus a mark the build's VBA generator finds on every platform.

    On Windows ``xw.func`` records xlwings' own metadata; elsewhere it does nothing, so the
    generator (which runs on Linux too) looks for ``__ita_udf__`` instead.
    """
    def deco(f: _F) -> _F:
        f = xw.func(**options)(f)
        f.__ita_udf__ = dict(options)  # type: ignore[attr-defined]
        return f
    return deco


def functions() -> list[Callable[..., Any]]:
    """The UDFs of this module, sorted by name (as xlwings' ``dir(module)`` walk finds them)."""
    return [obj for name, obj in sorted(globals().items())
            if callable(obj) and hasattr(obj, "__ita_udf__")]


# ---------------------------------------------------------------------------------------------
# Excel-shaped values (turned into records and Trackers by the reader, the one path)

def _blank_to_none(value: Any) -> Any:
    """Formula cells that show nothing (``=IF(ISBLANK(x),"",x)``) pass ``""``: treat as blank."""
    return None if blank(value) else value


# ---------------------------------------------------------------------------------------------
# The functions

@udf(category=CATEGORY)
@xw.arg("settings", ndim=2)
@xw.arg("chain", ndim=2)
@xw.arg("levels", ndim=2)
@xw.arg("indicators", ndim=2)
@xw.arg("plan", ndim=2)
@xw.arg("results", ndim=2)
def ITA_FINDINGS(settings, chain, levels, indicators, plan, results):
    """ผลการตรวจทั้งสมุดงาน: รหัส ระดับ ตำแหน่ง ปัญหา (All findings of the tracker)."""
    from .checks import check_values
    from .pipeline import check

    tables = {name: value for name, value in (
        ("Chain", chain), ("Levels", levels), ("Indicators", indicators), ("Plan", plan),
        ("Results", results)) if as_rows(value)}
    try:
        if not as_rows(settings):  # no "where" block: the tables alone, no setting checks
            return finding_rows(check_values({name: (as_rows(rows), layout.TABLES_BY_NAME[name].sheet,
                                                     (1, 1)) for name, rows in tables.items()}))
        tracker = tracker_from_values(settings, tables)
    except ItaError as exc:
        return error_rows(exc)
    return finding_rows(check(tracker).findings)


def _detect_table(header: list[Any]) -> str:
    """Plan or Results (or another table) from the header row: the best-matching table."""
    keys = {header_key(h) for h in header if h is not None}
    best, score = None, 0
    for spec in layout.TABLES:
        names = {header_key(c.header) for c in spec.columns}
        for c in spec.columns:
            names |= {header_key(a) for a in c.aliases}
        hits = len(keys & names)
        if hits > score:
            best, score = spec.name, hits
    if best is None:
        raise ValueError("ไม่รู้จักหัวตาราง / unknown table header")
    return best


@udf(category=CATEGORY)
@xw.arg("table", ndim=2)
def ITA_ROWSTATUS(table, table_name=None):
    """สถานะรายแถวของตาราง (ส่งตารางพร้อมหัวตาราง เช่น Plan[#All]): OK, ⚠ … หรือ ✖ …"""
    from .checks import check_rows

    rows = as_rows(table)
    if not rows:
        return [[STATUS_HEADER]]
    name = str(table_name).strip() if _blank_to_none(table_name) is not None else \
        _detect_table(rows[0])
    spec = layout.table_spec(name)
    if spec is None:
        return [[cell_error(f"ไม่รู้จักตาราง {name}")]]
    try:
        findings = check_rows(spec.name, rows, spec.sheet, (1, 1))
    except ItaError as exc:
        return [[STATUS_HEADER]] + [[cell_error(exc.message_th)]] * (len(rows) - 1)
    by_row: dict[int, list[Any]] = {}
    for f in findings:  # the header is row 1, so data row i sits in row i + 1
        if f.loc is not None:
            by_row.setdefault(f.loc.position[0] - 1, []).append(f)
    out: list[list[Any]] = [[STATUS_HEADER]]
    for i, row in enumerate(rows[1:], start=1):
        if all(_blank_to_none(v) is None for v in row):
            out.append([""])
            continue
        out.append([row_status(by_row.get(i, []))])
    return out


def _thai_flag(value: Any, default: bool = True) -> bool:
    """Thai digits or not, from a checkbox, a number, a yes/no word or the digits setting's text
    (เลขไทย / เลขอารบิก), the setting read as the documents read it (``meaning.thai_digits``:
    anything but Arabic is Thai)."""
    if blank(value):
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return bool(value)
    flag = meaning.yes_no(value)
    return flag if flag is not None else meaning.thai_digits(value)


@udf(category=CATEGORY)
def ITA_THAIDIGITS(value):
    """ตัวเลขเป็นเลขไทย เช่น 2565 → ๒๕๖๕ (Thai digits)."""
    value = _blank_to_none(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.date):  # a date cell: d/m/yyyy in the Buddhist era
        return format_slash_date(value)
    return _digits(value, True)


@udf(category=CATEGORY)
def ITA_THAIDATE(when, thai_digits=True):
    """วันที่แบบ ๑ มีนาคม ๒๕๖๕ (พ.ศ.); thai_digits = FALSE หรือ "เลขอารบิก" ให้เลขอารบิก."""
    value = cell_value(_blank_to_none(when), "date")
    if value is None:
        return ""
    if not isinstance(value, dt.date):
        return cell_error(f"ไม่ใช่วันที่: {value}")
    return format_date(value, _thai_flag(thai_digits))
