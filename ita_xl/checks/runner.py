"""Running the rulebook: on a whole tracker (:func:`run_checks`), on raw table values as Excel
hands them to an xlwings function (:func:`check_values`, :func:`check_rows`), and on what
rendering cleaned up (:func:`cleaned_findings`).  The rules register themselves when the
``rules`` package is imported, which happens on the first run (``ita-xl`` commands that never
check do not pay for it)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from openpyxl.utils import range_boundaries

from .. import layout
from ..cleaning import Cleaned
from ..model import Settings, Tracker
from ..reader import add_table, settings_from_values
from .engine import RULES, SETTINGS_PART, CheckContext, Finding, acknowledge, sort_findings


def _load_rules() -> None:
    from . import rules  # noqa: F401  (importing registers the rules)


def _run(tracker: Tracker, present: Iterable[str], formula_cells=None) -> list[Finding]:
    _load_rules()
    ctx = CheckContext(tracker, present, formula_cells=formula_cells)
    for r in RULES:
        if r.needs <= ctx.present:
            r.func(ctx)
    return sort_findings(ctx.findings, tracker)


def run_checks(tracker: Tracker) -> list[Finding]:
    """Every rule on a whole tracker, sorted by sheet (workbook order) and cell.

    When the tracker was read from a file (``tracker.source``), formulas without a cached value
    are found by a light scan of the sheet XML (the reader sees such cells as blank).
    """
    formula_cells: set[tuple[str, str]] = set()
    if tracker.source is not None:
        from ..xmlscan import formulas_without_value

        formula_cells = formulas_without_value(tracker.source, _data_ranges(tracker))
        formula_cells -= tracker.derived_cells  # the reader applied the formula's rule
    present = {SETTINGS_PART, *(spec.name for spec in layout.TABLES if spec.name in tracker.tables)}
    return acknowledge(_run(tracker, present, formula_cells), tracker.acknowledged)


TableValues = tuple[Sequence[Sequence[Any]], str, tuple[int, int]]  # rows, sheet, origin


def check_values(tables: Mapping[str, TableValues], settings: Settings | Mapping[str, Any] | None = None,
                 ) -> list[Finding]:
    """Check tables given as raw values, e.g. ``{"Plan": (rows, "มาตรการ", (2, 1))}``.

    ``rows`` is what Excel hands to an xlwings function: a 2-D list with the header row first,
    ``None`` for blanks, floats for numbers, datetimes for dates.  ``origin`` is the (row, column)
    of the header's first cell so findings carry real cell addresses.  ``settings`` (a
    ``Settings`` or a mapping of field name to raw value, e.g. ``{"fiscal_year": 2565.0}``) lets
    rules that compare against the fiscal year, round or pass mark run too.

    Only findings located in the given tables are returned: settings given as plain values have
    no cell to point at.  Rules that need a table that was not given do not run.
    """
    if settings is not None and not isinstance(settings, Settings):
        settings = settings_from_values(settings)
    tracker = Tracker(settings=settings or Settings())
    present: set[str] = set()
    for name, (rows, sheet, origin) in tables.items():
        spec = _table_spec(name)
        add_table(tracker, spec.name, rows, sheet=sheet, origin=tuple(origin))
        present.add(spec.name)
    if settings is not None:
        present.add(SETTINGS_PART)
    given = {_table_spec(n).name for n in tables}
    return [f for f in _run(tracker, present) if f.table in given]


def check_rows(table: str, rows: Sequence[Sequence[Any]], sheet: str,
               origin: tuple[int, int] = (1, 1),
               settings: Settings | Mapping[str, Any] | None = None) -> list[Finding]:
    """Check one table given as raw rows (header row first): ``check_values`` for one table."""
    return check_values({table: (rows, sheet, origin)}, settings)


def _table_spec(name: str):
    spec = layout.table_spec(name)
    if spec is None:
        raise KeyError(f"unknown table {name!r}; known: {', '.join(t.name for t in layout.TABLES)}")
    return spec


def _data_ranges(tracker: Tracker) -> dict[str, list[tuple[int, int, int, int]]]:
    """Per sheet, the ranges the reader reads: setting cells and whole table ranges."""
    ranges: dict[str, list[tuple[int, int, int, int]]] = {}
    for loc in tracker.settings.locs.values():
        row, c = loc.position
        ranges.setdefault(loc.sheet, []).append((c, row, c, row))
    for info in tracker.tables.values():
        if info.ref:
            ranges.setdefault(info.sheet, []).append(range_boundaries(info.ref))
    return ranges


def cleaned_findings(findings: list[Finding], cleaned: Cleaned, tracker: Tracker) -> list[Finding]:
    """``findings`` plus an ITA601 warning for every cell the text clean-up changed while
    rendering (the render stage's own finding)."""
    from .rules.text import cleaned_findings as with_cleaned

    return with_cleaned(findings, cleaned, tracker)
