"""Cells the tracker fills for the clerk by formula, and the same rules in Python.

Two columns follow from others: ข้อความนำ of the endorsement chain ("ทราบ/ความเห็นของ" and the
row's position) and ไม่ผ่านเกณฑ์ of an indicator (score below the pass mark).  A fresh tracker
holds an Excel formula there (a calculated column, so new rows get it too); the clerk may type
over it.  Excel stores each formula's result, but a tracker written by a tool (``ita-xl init``,
the bundled example) has formulas that no spreadsheet has calculated yet: openpyxl then reads
nothing.  The reader fills such a cell from the rule here, so the formula and the documents
can never disagree, and only these columns get the favour (any other uncalculated formula is
still ITA108).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from . import layout
from .meaning import blank

CHAIN_LABEL_PREFIX = "ทราบ/ความเห็นของ"
YES, NO = layout.LISTS["yesno"][1]


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    return float(value) if isinstance(value, (int, float)) else None


def chain_label(position: Any) -> str | None:
    """ข้อความนำ of a chain row: "ทราบ/ความเห็นของ" + the position as typed (None without one).

    Exactly what the formula gives (Excel's ``&`` keeps the cell's spaces), so a tracker a
    spreadsheet calculated and one it did not print the same label."""
    if position is None or position == "":
        return None
    return f"{CHAIN_LABEL_PREFIX}{position}"


def short_mark(score: Any, pass_mark: Any) -> str | None:
    """ไม่ผ่านเกณฑ์: ใช่ when the score is below the pass mark, else ไม่ใช่ (None: not known)."""
    score, mark = _number(score), _number(pass_mark)
    if score is None or mark is None:
        return None
    return YES if score < mark else NO


def _this_row(table: str, field: str) -> str:
    """A structured reference to ``field`` in the same row, as stored in the file."""
    header = layout.TABLES_BY_NAME[table].column(field).header
    return f"{table}[[#This Row],[{header}]]"


@dataclass(frozen=True)
class Derived:
    table: str
    field: str
    formula: Callable[[], str]  # the Excel formula (without "=")
    compute: Callable[[Any, Any], Any]  # (record, settings) -> value


def _label_formula() -> str:
    pos = _this_row("Chain", "position")
    return f'IF({pos}="","","{CHAIN_LABEL_PREFIX}"&{pos})'


def _short_formula() -> str:
    score = _this_row("Indicators", "score")
    return (f'IF(OR({score}="",ita_pass_mark=""),"",'
            f'IF({score}<ita_pass_mark,"{YES}","{NO}"))')


DERIVED: tuple[Derived, ...] = (
    Derived("Chain", "label", _label_formula, lambda rec, s: chain_label(rec.position)),
    Derived("Indicators", "short", _short_formula,
            lambda rec, s: short_mark(rec.score, s.pass_mark)),
)
BY_CELL = {(d.table, d.field): d for d in DERIVED}


def formula(table: str, field: str) -> str | None:
    """The formula (with "=") a fresh tracker has in this column, or None."""
    d = BY_CELL.get((table, field))
    return f"={d.formula()}" if d else None


def fill_uncalculated(tracker, uncalculated: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Compute every derived cell that holds a formula without a result; return those cells."""
    filled = set()
    for d in DERIVED:
        for rec in tracker.records(d.table):
            loc = rec.locs.get(d.field)
            if loc is None or (loc.sheet, loc.cell) not in uncalculated:
                continue
            value = d.compute(rec, tracker.settings)
            if value is not None:
                setattr(rec, d.field, value)
            filled.add((loc.sheet, loc.cell))
    return filled
