"""The check engine: codes, findings, rules, acknowledged warnings and the order of findings.

A *rule* is a function ``rule(ctx)`` registered with ``@rule(needs=..., codes=...)``.  ``needs``
names the parts of the tracker it reads ("settings" and/or table names); a rule runs only when
all of them are present, so ``check_rows`` (one table, as an xlwings function gets it) runs the
very same rules as ``run_checks`` (the whole workbook), minus those that need other tables.
A rule reports through ``ctx.add(code, loc, ...)``; the code's severity and title come from the
``CODES`` table, so a code never changes severity from one call to the next.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from openpyxl.utils import range_boundaries

from .. import layout
from ..layout import Column, Setting
from ..meaning import blank
from ..model import Loc, Record, Settings, Tracker, cell_name, cell_position
from ..present import ERROR, SEVERITIES, WARNING  # noqa: F401  (WARNING: checks.WARNING)


@dataclass(frozen=True)
class Code:
    """A stable finding code: ``ITA`` + three digits, a short English name, one severity."""

    code: str
    name: str
    severity: str
    title_th: str
    title_en: str
    finds: str = ""  # what it finds, as the code tables (README, ``checks``) say it


CODES: dict[str, Code] = {}


def define(code: str, name: str, severity: str, title_th: str, title_en: str, *,
           finds: str) -> Code:
    if code in CODES:
        raise ValueError(f"duplicate check code {code}")
    if severity not in SEVERITIES:
        raise ValueError(severity)
    CODES[code] = Code(code, name, severity, title_th, title_en, finds)
    return CODES[code]


@dataclass(frozen=True)
class Finding:
    """One problem at one cell.  ``message`` is the Thai sentence, then the English one."""

    code: str
    name: str
    severity: str
    sheet: str | None
    cell: str | None
    table: str | None
    column: str | None
    message_th: str
    message_en: str
    fix_th: str = ""
    fix_en: str = ""
    # A warning the clerk reviewed and listed on the check sheet: still reported by
    # ``ita-xl check`` (apart, at the end), never counted or repeated by ``generate``.
    acknowledged: bool = False

    @property
    def message(self) -> str:
        return f"{self.message_th}\n{self.message_en}"

    @property
    def where(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def loc(self) -> Loc | None:
        """The cell as a ``Loc`` (None for a finding without one)."""
        if not (self.sheet and self.cell):
            return None
        return Loc(self.sheet, self.cell, self.table, self.column)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "sheet": self.sheet,
            "cell": self.cell,
            "table": self.table,
            "column": self.column,
            "message": self.message,
            "message_th": self.message_th,
            "message_en": self.message_en,
            "fix_th": self.fix_th,
            "fix_en": self.fix_en,
            "acknowledged": self.acknowledged,
        }


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.is_error for f in findings)


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_error]


def warnings(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if not f.is_error]


# ---------------------------------------------------------------------------------------------
# Rules

@dataclass(frozen=True)
class Rule:
    func: Callable[["CheckContext"], None]
    needs: frozenset[str]
    codes: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.func.__module__}.{self.func.__name__}"


RULES: list[Rule] = []


def rule(*, needs: Iterable[str], codes: Iterable[str]) -> Callable:
    """Register ``func(ctx)`` as a rule that reads ``needs`` and may report ``codes``."""

    def deco(func: Callable[["CheckContext"], None]) -> Callable[["CheckContext"], None]:
        codes_t = tuple(codes)
        for c in codes_t:
            if c not in CODES:
                raise ValueError(f"rule {func.__name__} reports undefined code {c}")
        RULES.append(Rule(func, frozenset(needs), codes_t))
        return func

    return deco


SETTINGS_PART = "settings"


@dataclass
class Cell:
    """A value the checks look at, with what the layout says about it."""

    value: Any
    loc: Loc | None
    kind: str
    required: bool
    field: str
    table: str | None = None  # None for a setting
    record: Record | None = None
    choices: str | None = None

    @property
    def label(self) -> str:
        """Column header as found, or the setting's Thai label."""
        if self.loc is not None and self.loc.column:
            return self.loc.column
        spec = layout.SETTINGS_BY_FIELD.get(self.field)
        return spec.label if spec is not None and self.table is None else self.field


class CheckContext:
    """What a rule sees: the tracker, which parts are present, and shared helpers."""

    def __init__(self, tracker: Tracker, present: Iterable[str], *,
                 formula_cells: set[tuple[str, str]] | None = None):
        self.tracker = tracker
        self.settings = tracker.settings
        self.present = frozenset(present)
        self.formula_cells = formula_cells or set()  # (sheet, cell) of formulas with no value
        self.findings: list[Finding] = []
        self._seen: set[tuple[str, str | None, str | None]] = set()
        self.cache: dict[str, Any] = {}

    # -- reporting ------------------------------------------------------------------------------
    def add(self, code: str, loc: Loc | None, message_th: str, message_en: str,
            fix_th: str = "", fix_en: str = "", *, table: str | None = None) -> None:
        info = CODES[code]
        sheet = loc.sheet if loc is not None else None
        cell = loc.cell if loc is not None else None
        key = (code, sheet, cell)
        if key in self._seen:  # one finding per code and cell
            return
        self._seen.add(key)
        self.findings.append(Finding(
            code=code, name=info.name, severity=info.severity, sheet=sheet, cell=cell,
            table=(loc.table if loc is not None and loc.table else table),
            column=loc.column if loc is not None else None,
            message_th=message_th, message_en=message_en, fix_th=fix_th, fix_en=fix_en))

    def reported(self, code: str, loc: Loc | None) -> bool:
        return loc is not None and (code, loc.sheet, loc.cell) in self._seen

    # -- what is there --------------------------------------------------------------------------
    def has(self, part: str) -> bool:
        return part in self.present

    def records(self, table: str) -> list[Record]:
        return self.tracker.records(table) if self.has(table) else []

    def setting_cells(self) -> Iterator[Cell]:
        if not self.has(SETTINGS_PART):
            return
        for spec in layout.SETTINGS:
            yield _setting_cell(self.settings, spec)

    def table_cells(self, table: str) -> Iterator[Cell]:
        if not self.has(table):
            return
        spec = layout.TABLES_BY_NAME[table]
        for rec in self.tracker.records(table):
            for col in spec.columns:
                loc = rec.locs.get(col.field)
                if loc is None:  # an optional column the clerk removed
                    continue
                yield _table_cell(rec, col, loc, table)

    def cells(self) -> Iterator[Cell]:
        """Every setting and every table cell that is present, in layout order."""
        yield from self.setting_cells()
        for spec in layout.TABLES:
            yield from self.table_cells(spec.name)

    def text_cells(self) -> Iterator[Cell]:
        for c in self.cells():
            if isinstance(c.value, str) and c.kind in {"text", "longtext", "choice"}:
                yield c

    def is_formula_without_value(self, loc: Loc | None) -> bool:
        return loc is not None and (loc.sheet, loc.cell) in self.formula_cells

    def first_body_cell(self, table: str) -> Loc | None:
        """Top-left data cell of ``table`` (where an empty table's first row goes)."""
        info = self.tracker.tables.get(table)
        if info is None:
            return None
        if info.ref:
            min_col, min_row, _, _ = range_boundaries(info.ref)
        elif info.headers:
            cells = [h.position for h in info.headers.values()]
            min_col = min(c for _, c in cells)
            min_row = min(r for r, _ in cells)
        else:
            return None
        first = layout.TABLES_BY_NAME[table].columns[0]
        header = info.headers.get(first.field)
        return Loc(info.sheet, cell_name(min_row + 1, min_col), table,
                   header.column if header else None)

    def memo(self, key: str, make: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]


def _setting_cell(settings: Settings, spec: Setting) -> Cell:
    return Cell(getattr(settings, spec.field), settings.locs.get(spec.field), spec.kind,
                spec.required, spec.field, None, None, spec.choices)


def _table_cell(rec: Record, col: Column, loc: Loc, table: str) -> Cell:
    return Cell(getattr(rec, col.field), loc, col.kind, col.required, col.field, table, rec,
                col.choices)


# ---------------------------------------------------------------------------------------------
# Acknowledged warnings

def _ack_key(text: Any) -> str:
    """How an acknowledged cell is compared: no quotes, no $, no spaces, case-folded."""
    return re.sub(r"[\s$']", "", str(text or "")).casefold()


def acknowledge(findings: list[Finding], acks: Iterable[Record]) -> list[Finding]:
    """Mark the warnings the workbook's Acknowledged table lists (code, and cell if given).

    A cell may be given with its sheet (``ผลการดำเนินงาน!A5``) or without (``A5``: that cell on
    any sheet); no cell acknowledges the code everywhere.  Errors are never acknowledged: the
    documents would be wrong.
    """
    keys = [(_ack_key(a.code).upper(), _ack_key(a.cell)) for a in acks if not blank(a.code)]
    if not keys:
        return findings
    out = []
    for f in findings:
        hit = False
        if not f.is_error:
            full = _ack_key(f.where)
            cell = _ack_key(f.cell)
            hit = any(code == f.code and (not where or where == full or
                                          ("!" not in where and where == cell))
                      for code, where in keys)
        out.append(replace(f, acknowledged=True) if hit else f)
    return out


# ---------------------------------------------------------------------------------------------
# Order

def sheet_order(tracker: Tracker) -> dict[str, int]:
    """Sheet titles as found in the file, in the order of a fresh tracker's sheets."""
    order: dict[str, int] = {}
    for i, title in enumerate(layout.SHEETS):
        actual = None
        for spec in layout.SETTINGS:
            if spec.sheet == title and spec.field in tracker.settings.locs:
                actual = tracker.settings.locs[spec.field].sheet
                break
        if actual is None:
            for spec in layout.TABLES:
                if spec.sheet == title and spec.name in tracker.tables:
                    actual = tracker.tables[spec.name].sheet
                    break
        order.setdefault(actual or title, i)
    return order


def sort_findings(findings: Iterable[Finding], tracker: Tracker | None = None) -> list[Finding]:
    order = sheet_order(tracker) if tracker is not None else {}
    return sorted(findings, key=lambda f: (
        order.get(f.sheet or "", len(order) + 1), f.sheet or "", cell_position(f.cell),
        0 if f.is_error else 1, f.code))
