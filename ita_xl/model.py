"""The facts of one agency's ITA report, as read from the tracker workbook.

Every value remembers where it came from (``Loc``: sheet and A1 cell, plus table and column
where it sat in a table), so a check or an error can point the clerk at the cell to fix.

Values are kept as the workbook holds them.  The reader converts what converts cleanly (a date
cell becomes a ``datetime.date``, ``2565.0`` becomes ``2565``, a date typed as text in a usual
Thai form such as "1 มี.ค. 65" becomes the date it means, its text kept in ``typed`` so the
checks warn; a number in a text cell becomes the text Excel shows, ``Shown``); anything else is
left as it was read, so the checks can say so.  Rendering never guesses: it formats dates and
numbers and prints everything else as is.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, ClassVar

from . import meaning
from .meaning import round_months  # noqa: F401  (the one reading; context imports it from here)


@dataclass(frozen=True)
class Loc:
    """Where a value sits: ``sheet`` title and ``cell`` in A1 form without ``$``."""

    sheet: str
    cell: str
    table: str | None = None
    column: str | None = None  # the header text as found in the file

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}"

    @property
    def position(self) -> tuple[int, int]:
        """(row, column number) of the cell: ``B5`` is (5, 2)."""
        return cell_position(self.cell)


def cell_position(cell: str | None) -> tuple[int, int]:
    """(row, column number) of an A1 cell without ``$``; (0, 0) for anything else."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    try:
        letters, row = coordinate_from_string(cell or "")
        return row, column_index_from_string(letters)
    except Exception:  # openpyxl's CellCoordinatesException, a column past XFD …
        return 0, 0


def cell_name(row: int, column: int) -> str:
    """``B5`` for (5, 2)."""
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(column)}{row}"


def range_name(top_left: tuple[int, int], rows: int, columns: int) -> str:
    """The A1 range of a block ``rows`` × ``columns`` from ``top_left`` (row, column)."""
    top, left = top_left
    return f"{cell_name(top, left)}:{cell_name(top + rows - 1, left + columns - 1)}"


@dataclass
class Record:
    """Base of a table row.  ``row`` is the 1-based data row within its table."""

    TABLE: ClassVar[str] = ""
    row: int = 0
    locs: dict[str, Loc] = field(default_factory=dict, repr=False, compare=False)
    extra: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # field -> the text a date cell held when the reader read it as a date ("1 มี.ค. 65")
    typed: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    # field -> a number cell as Excel shows it, its number format applied ("72.40" under
    # 0.00), so the documents print the decimals the clerk sees; absent under General
    shown: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def loc(self, name: str) -> Loc | None:
        return self.locs.get(name)

    @classmethod
    def data_fields(cls) -> list[str]:
        return [f.name for f in fields(cls) if f.name not in {"row", "locs", "extra", "typed", "shown"}]

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.data_fields()}


@dataclass
class Endorsement(Record):
    """One level of the endorsement chain under the memo (ทราบ/ความเห็นของ…)."""

    TABLE: ClassVar[str] = "Chain"
    label: Any = None
    rank: Any = None
    name: Any = None
    position: Any = None


@dataclass
class Level(Record):
    """A level of need in the analysis paragraph (๑.ระดับที่ต้องแก้ไข… ๒.ระดับที่…)."""

    TABLE: ClassVar[str] = "Levels"
    level: Any = None
    description: Any = None


@dataclass
class Indicator(Record):
    """One of the ten ITA indicators with last year's result."""

    TABLE: ClassVar[str] = "Indicators"
    number: Any = None
    name: Any = None
    group: Any = None
    score: Any = None
    short: Any = None  # "ใช่" when it fell short of the pass mark
    level: Any = None

    @property
    def fell_short(self) -> bool:
        return meaning.yes_no(self.short) is True


@dataclass
class PlanRow(Record):
    """A measure of the plan (มาตรการ | แนวทางการปฏิบัติ | ขั้นตอน | ผู้รับผิดชอบ | การกำกับติดตาม)."""

    TABLE: ClassVar[str] = "Plan"
    measure: Any = None
    guideline: Any = None
    steps: Any = None
    owner: Any = None
    monitoring: Any = None
    budget: Any = None  # optional: a number (baht) or text as typed


@dataclass
class ResultRow(Record):
    """A row of the results table; a measure may span several consecutive rows."""

    TABLE: ClassVar[str] = "Results"
    measure: Any = None
    details: Any = None
    start: Any = None  # first month of the period (datetime.date, day ignored)
    end: Any = None  # last month, optional
    output: Any = None
    outcome: Any = None
    remarks: Any = None
    budget: Any = None  # optional: a number (baht) or text as typed
    round: Any = None  # optional: the round this row belongs to (a 12-month report holds both)

    @property
    def round_months(self) -> int | None:
        return round_months(self.round)


@dataclass
class Improvement(Record):
    """An improvement point for one tool or indicator (printed as a table in the report)."""

    TABLE: ClassVar[str] = "Improvements"
    tool: Any = None
    point: Any = None


@dataclass
class Acknowledgement(Record):
    """A warning the clerk reviewed: its code and, optionally, its cell (check sheet)."""

    TABLE: ClassVar[str] = "Acknowledged"
    code: Any = None
    cell: Any = None
    note: Any = None


class Shown(str):
    """A number in a text cell, as Excel shows it (its number format applied: "85%", "0012",
    "1,234,567").  A ``str``, so the text checks read it; its digits follow the digits
    setting in the documents, as every number ita-xl prints does."""

    __slots__ = ()


RECORD_TYPES: dict[str, type[Record]] = {
    cls.TABLE: cls for cls in (Endorsement, Level, Indicator, Improvement, PlanRow, ResultRow,
                               Acknowledgement)
}


@dataclass
class Settings:
    """The single values of the tracker (found through defined names)."""

    agency: Any = None
    agency_type: Any = None
    office: Any = None
    district: Any = None
    province: Any = None
    fiscal_year: Any = None
    round: Any = None
    round_print: Any = None
    digits: Any = None
    continuation: Any = None
    memo_ref: Any = None
    memo_date: Any = None
    subject: Any = None
    addressee: Any = None
    closing: Any = None
    preface: Any = None
    preface_signer: Any = None
    preface_date: Any = None
    report_title: Any = None
    heading_scores: Any = None
    heading_analysis: Any = None
    heading_results: Any = None
    pass_mark: Any = None
    unit: Any = None
    overall_score: Any = None
    overall_grade: Any = None
    item_measures: Any = None
    item_results: Any = None
    writer_name: Any = None
    writer_position: Any = None
    preparer_name: Any = None
    preparer_position: Any = None
    locs: dict[str, Loc] = field(default_factory=dict, repr=False, compare=False)
    typed: dict[str, str] = field(default_factory=dict, repr=False, compare=False)  # as Record.typed
    shown: dict[str, str] = field(default_factory=dict, repr=False, compare=False)  # as Record.shown
    # The framework the tracker carries (``init --framework``: sheet กรอบการประเมิน), else None
    framework: Any = field(default=None, repr=False, compare=False)

    def loc(self, name: str) -> Loc | None:
        return self.locs.get(name)

    @property
    def thai_digits(self) -> bool:
        """Thai digits unless the clerk chose Arabic ones."""
        return meaning.thai_digits(self.digits)

    @property
    def round_months(self) -> int | None:
        """6 or 12 from the round label (รอบ ๖ เดือน / รอบ 12 เดือน), else None."""
        return round_months(self.round)

    @property
    def prints_round(self) -> bool:
        """The round is printed unless the clerk said ไม่ใช่ (blank means yes)."""
        return meaning.yes_no(self.round_print) is not False


@dataclass
class TableInfo:
    """Where a table was found: its sheet, range and each column's header cell."""

    name: str
    sheet: str
    ref: str
    headers: dict[str, Loc] = field(default_factory=dict)  # field -> header cell
    extra: dict[str, Loc] = field(default_factory=dict)  # header text -> cell, unknown columns
    # Non-empty cells directly under or beside the table, not part of it (a paste or
    # LibreOffice did not extend the table): their data would be missing from the documents.
    outside: list[Loc] = field(default_factory=list)
    # sheet rows of records that Excel hides (hidden by hand or filtered out): still printed
    hidden_rows: list[int] = field(default_factory=list)
    # field -> the header cell of a required column typed with a slip ("ผลลัพท์"): the column
    # reads as blank and the checks name that header (ITA705)
    misspelt: dict[str, Loc] = field(default_factory=dict)


@dataclass
class Tracker:
    """Everything one agency's documents are made of."""

    settings: Settings
    chain: list[Endorsement] = field(default_factory=list)
    levels: list[Level] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    improvements: list[Improvement] = field(default_factory=list)
    plan: list[PlanRow] = field(default_factory=list)
    results: list[ResultRow] = field(default_factory=list)
    tables: dict[str, TableInfo] = field(default_factory=dict)
    source: Path | None = None
    acknowledged: list[Acknowledgement] = field(default_factory=list)
    # (sheet, cell) of formulas no spreadsheet calculated, filled by ``derived``'s rules
    derived_cells: set[tuple[str, str]] = field(default_factory=set)

    def records(self, table: str) -> list[Record]:
        return {
            "Chain": self.chain, "Levels": self.levels, "Indicators": self.indicators,
            "Improvements": self.improvements, "Plan": self.plan, "Results": self.results,
            "Acknowledged": self.acknowledged,
        }[table]

    # Derived facts: computed here once, so the memo's count and the report's analysis can
    # never disagree with the indicator table.
    @property
    def short_indicators(self) -> list[Indicator]:
        return [ind for ind in self.indicators if ind.fell_short]

    @property
    def previous_fiscal_year(self) -> int | None:
        return self.settings.fiscal_year - 1 if isinstance(self.settings.fiscal_year, int) else None

    def levels_with_indicators(self) -> list[tuple[Level, list[Indicator]]]:
        """Levels in order, each with the short indicators assigned to it (empty levels dropped)."""
        out = []
        for level in sorted(self.levels, key=lambda lv: _sort_key(lv.level)):
            members = [ind for ind in self.short_indicators if _same(ind.level, level.level)]
            if members:
                out.append((level, members))
        return out

    @property
    def agency_name(self) -> str:
        return str(self.settings.agency or "")


def _sort_key(value: Any) -> tuple[int, str]:
    return (value, "") if isinstance(value, int) else (10**9, str(value))


def _same(a: Any, b: Any) -> bool:
    key = meaning.level_key(a)
    return key is not None and key == meaning.level_key(b)


def as_date(value: Any) -> dt.date | None:
    """A ``date`` for date-like values, else None (``datetime`` counts as its date)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None
