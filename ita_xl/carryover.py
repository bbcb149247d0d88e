"""``ita-xl init --from LAST_YEAR.xlsm``: next fiscal year's tracker from this year's.

Next year's documents analyse a result that is not out yet, so nothing of this year's result
or paperwork may reach them unsaid.
Kept: the settings that describe the agency (names, office, address, digits, people), the
endorsement chain, the levels table (the agency's own grouping), the indicator list (numbers,
names, tools) and the measures plan.
Emptied, for the clerk to type: the results table; each indicator's score, ไม่ผ่านเกณฑ์ mark and
level; the improvement points; the overall score and grade; the memo's number (ที่) and date;
the preface month.  A blank mark is never read as "passed" (the checks ask for it, and
``--force`` prints a placeholder), so next year's memo cannot repeat this year's result.
Moved on: the fiscal year (+1) and the fiscal year written in the subject and the continuation
note where it follows "ปีงบประมาณ" (in the digits it was written with).  Other text is left
exactly as typed, with a note where it still names the old year.  ``CarryOver`` lists, Thai
first, every value kept and every value emptied; the checks of the new tracker then list what
must be filled in.

The old tracker is only read; the new one is written by the same builder as ``ita-xl init``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import layout
from .errors import WorkbookError
from .model import Tracker, as_date
from .thai import format_date, format_month, normalise_compact, to_arabic_digits, to_thai_digits


@dataclass
class CarryOver:
    data: dict[str, Any]
    fiscal_year: int
    changes: list[tuple[str, str]] = field(default_factory=list)  # (Thai, English)
    notes: list[tuple[str, str]] = field(default_factory=list)  # what the clerk should look at
    kept: list[tuple[str, str]] = field(default_factory=list)  # every value carried over
    to_type: list[tuple[str, str]] = field(default_factory=list)  # every value emptied


def tracker_data(tracker: Tracker) -> dict[str, Any]:
    """A tracker's settings and tables as the builder takes them (``workbook/src/example.toml``)."""
    data: dict[str, Any] = {"settings": {s.field: getattr(tracker.settings, s.field)
                                         for s in layout.SETTINGS}}
    for spec in layout.TABLES:
        data[spec.name] = [{c.field: getattr(rec, c.field, None) for c in spec.columns}
                           for rec in tracker.records(spec.name)]
    return data


def _year_pattern(year: int) -> str:
    return f"(?:{year}|{to_thai_digits(str(year))})"


def shift_fiscal_year(text: str, old: int, new: int) -> str:
    """``ปีงบประมาณ พ.ศ.๒๕๖๕`` → ``ปีงบประมาณ พ.ศ.๒๕๖๖``: only a year right after ปีงบประมาณ,
    in the digits it was written with."""
    pattern = re.compile(r"(ปีงบประมาณ\s*(?:พ\.\s*ศ\.)?\s*)" + _year_pattern(old) + r"(?![0-9๐-๙])")

    def repl(m: re.Match) -> str:
        written = m.group(0)[len(m.group(1)):]
        digits = str(new) if written.isascii() else to_thai_digits(str(new))
        return m.group(1) + digits

    return pattern.sub(repl, text)


def next_year(tracker: Tracker, *, year: int | None = None, agency: str | None = None,
              round_label: str | None = None, kind: str | None = None) -> CarryOver:
    """Next fiscal year's data from ``tracker`` (see the module docstring for what changes).

    ``year`` (default: the old year + 1), ``agency``, ``round_label`` and ``kind`` are what
    ``init --year/--agency/--round/--type`` give; they apply on top of the carried settings.
    """
    s = tracker.settings
    old = s.fiscal_year
    if not isinstance(old, int):
        loc = s.loc("fiscal_year")
        raise WorkbookError(
            f"ปีงบประมาณในสมุดงานเดิมไม่ใช่ตัวเลขปี พ.ศ. ({old!r}) จึงคำนวณปีถัดไปไม่ได้",
            f"The fiscal year of the old tracker is not a B.E. year ({old!r}), so the next year "
            "cannot be worked out.",
            where=f"{tracker.source.name if tracker.source else ''} › {loc}" if loc else None,
            hint_th="พิมพ์ปีงบประมาณเป็นตัวเลข เช่น 2565 แล้วลองใหม่",
            hint_en="Type the fiscal year as a number such as 2565 and try again.")
    new = year if year is not None else old + 1
    data = tracker_data(tracker)
    settings = data["settings"]
    out = CarryOver(data, new)
    settings["fiscal_year"] = new
    out.changes.append((f"ปีงบประมาณ {old} → {new}", f"fiscal year {old} → {new}"))
    for name, value in (("agency", agency), ("round", round_label), ("agency_type", kind)):
        if value and name in settings and settings[name] != value:
            settings[name] = value
            label = layout.SETTINGS_BY_FIELD[name].label
            out.changes.append((f"{label} → {value}", f"{name} → {value}"))
    _apply_framework(tracker, out)


    for name, year_from in (("subject", old), ("continuation", old - 1)):
        value = settings.get(name)
        if isinstance(value, str):
            shifted = shift_fiscal_year(value, year_from, year_from + new - old)
            if shifted != value:
                settings[name] = shifted
                label = layout.SETTINGS_BY_FIELD[name].label
                out.changes.append((f"{label}: ปีงบประมาณ {year_from} → {year_from + new - old}",
                                    f"{name}: fiscal year {year_from} → {year_from + new - old}"))

    # This year's paperwork and result: emptied, each named with the value it held.
    for name in EMPTIED_SETTINGS:
        value = settings.get(name)
        label = layout.SETTINGS_BY_FIELD[name].label
        shown = _shown(value, layout.SETTINGS_BY_FIELD[name].kind)
        out.to_type.append((f"{label} (ปีที่แล้ว: {shown})" if shown else label,
                            f"{name} (last year: {shown})" if shown else name))
        settings[name] = None
    for table, fields in EMPTIED_COLUMNS.items():
        rows = data.get(table, [])
        filled = sum(1 for row in rows for f in fields if row.get(f) not in (None, ""))
        for row in rows:
            for f in fields:
                row[f] = None
        spec = layout.TABLES_BY_NAME[table]
        heads = ", ".join(spec.column(f).header for f in fields)
        out.to_type.append((f"ตาราง{spec.title}: คอลัมน์ {heads} ({filled} ช่องของปีที่แล้ว)",
                            f"{table}: {', '.join(fields)} ({filled} cells of last year)"))
    for table in EMPTIED_TABLES:
        rows = len(data.get(table, []))
        data[table] = []
        title = layout.TABLES_BY_NAME[table].title
        out.to_type.append((f"ตาราง{title} ({rows} แถวของปีที่แล้ว)",
                            f"table {table} ({rows} rows of last year)"))
    for spec in layout.SETTINGS:
        value = settings.get(spec.field)
        shown = _shown(value, spec.kind)
        if spec.field not in EMPTIED_SETTINGS and shown:
            out.kept.append((f"{spec.label}: {shown}", f"{spec.field}: {shown}"))
    for spec in layout.TABLES:
        rows = data.get(spec.name, [])
        if rows and spec.name not in EMPTIED_TABLES:
            out.kept.append((f"ตาราง{spec.title} ({len(rows)} แถว)",
                             f"table {spec.name} ({len(rows)} rows)"))

    # Text that still names the year that ended (the continuation note names the year before).
    for name, stale in (("preface", old), ("subject", old), ("continuation", old - 1)):
        value = settings.get(name)
        if isinstance(value, str) and str(stale) in to_arabic_digits(value):
            label = layout.SETTINGS_BY_FIELD[name].label
            out.notes.append((f"{label} ยังอ้างถึงปี {stale}: ตรวจแก้ข้อความเอง",
                              f"{name} still names the year {stale}: check the wording"))
    extra = sorted({k for spec in layout.TABLES for rec in tracker.records(spec.name)
                    for k in rec.extra})
    if extra:
        out.notes.append((f"คอลัมน์ที่เพิ่มเองไม่ได้คัดลอกไป: {', '.join(extra)}",
                          f"columns added by hand were not carried over: {', '.join(extra)}"))
    return out


def _shown(value: Any, kind: str = "text") -> str:
    """A kept or emptied value as the command lists it (dates and months as Thai dates in
    Arabic digits, long text cut)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    date = as_date(value)
    if date is not None:
        return format_month(date, thai=False) if kind == "month" else format_date(date, thai=False)
    text = " ".join(str(value).split())
    return text if len(text) <= 60 else text[:59] + "…"


# This year's paperwork and result: the settings, the columns and the tables next year's
# tracker starts without (the clerk types them when the new result and the new memo exist).
EMPTIED_SETTINGS = tuple(f for f in ("overall_score", "overall_grade", "memo_ref", "memo_date",
                                     "preface_date") if f in layout.SETTINGS_BY_FIELD)
EMPTIED_COLUMNS = {"Indicators": ("score", "short", "level")}
EMPTIED_TABLES = ("Results", "Improvements")

# The year facts of the framework: the tracker's value gives way to the new year's where known.
FRAMEWORK_SETTINGS = ("pass_mark", "unit", "item_measures", "item_results")


def _apply_framework(tracker: Tracker, out: CarryOver) -> None:
    """The new year's framework (``ita_xl/data/frameworks``), where it knows the facts.

    Its pass mark, unit and OIT items replace last year's.  Its list of counted units replaces
    the indicator table when the names differ; each unit of the same name keeps its score,
    mark and level are emptied like every other row's.  A year the data
    does not know keeps the tracker's own facts, and the command says so.
    """
    from .framework import starter

    settings, rows, unknown = starter(out.fiscal_year)
    if unknown == ["all"]:
        out.notes.append((f"ไม่มีข้อมูลกรอบการประเมินของปี {out.fiscal_year}: คงตัวชี้วัดและเกณฑ์เดิมไว้ "
                          "ตรวจกับคู่มือของสำนักงาน ป.ป.ช.",
                          f"no framework data for {out.fiscal_year}: the indicators and pass mark "
                          "are kept; check them against the NACC's manual"))
        return
    current = out.data["settings"]
    for name in FRAMEWORK_SETTINGS:
        # Blank means "the year's framework" already; only a value typed for last year changes.
        if name in settings and current.get(name) is not None and current[name] != settings[name]:
            label = layout.SETTINGS_BY_FIELD[name].label
            out.changes.append((f"{label}: {current[name]} → {settings[name]} (กรอบปี {out.fiscal_year})",
                                f"{name}: {current[name]} → {settings[name]} "
                                f"(framework {out.fiscal_year})"))
            current[name] = settings[name]
    if not rows:
        return
    old_rows = out.data.get(layout.INDICATORS.name, [])
    key = normalise_compact
    if [key(str(r.get("name") or "")) for r in old_rows] == [key(r["name"]) for r in rows]:
        return
    new_rows = [dict(row) for row in rows]  # the new list: scores and marks to be typed
    out.data[layout.INDICATORS.name] = new_rows
    out.changes.append((f"ตารางตัวชี้วัดตามกรอบปี {out.fiscal_year} ({len(new_rows)} แถว)",
                        f"indicator table from the {out.fiscal_year} framework "
                        f"({len(new_rows)} rows)"))


def default_target(carry: CarryOver, folder: Path = Path(".")) -> Path:
    return folder / f"ITA_tracker_{carry.fiscal_year}.xlsm"
