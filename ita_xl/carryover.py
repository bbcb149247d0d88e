"""``ita-xl init --from LAST_YEAR.xlsm``: next fiscal year's tracker from this year's.

Kept: the settings, the people (writer, preparer, endorsement chain), the levels, the
indicators and the measures plan: what an agency carries from one year to the next.
Emptied: the results table, the memo date and the overall score and grade (they belong to
the year that ended).
Moved on: the fiscal year (+1), the preface month (+1 year), and the fiscal year written in the
subject and the continuation note where it follows "ปีงบประมาณ" (in the digits it was written
with).  Other text is left exactly as typed, with a note where it still names the old year;
the checks of the new tracker then list what must be filled in.

The old tracker is only read; the new one is written by the same builder as ``ita-xl init``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import layout
from .errors import WorkbookError
from .model import Tracker, as_date
from .thai import format_month, normalise_compact, to_arabic_digits, to_thai_digits


@dataclass
class CarryOver:
    data: dict[str, Any]
    fiscal_year: int
    changes: list[tuple[str, str]] = field(default_factory=list)  # (Thai, English)
    notes: list[tuple[str, str]] = field(default_factory=list)  # what the clerk should look at


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

    preface = as_date(s.preface_date)
    if preface is not None:
        moved = _plus_one_year(preface, new - old)
        settings["preface_date"] = moved
        out.changes.append((f"เดือนปีของคำนำ → {format_month(moved, thai=False)}",
                            f"preface month → {moved:%Y-%m}"))
    elif s.preface_date is not None:
        settings["preface_date"] = None
        out.changes.append(("ล้างเดือนปีของคำนำ (ไม่ใช่วันที่)", "preface month emptied (not a date)"))

    for name, year_from in (("subject", old), ("continuation", old - 1)):
        value = settings.get(name)
        if isinstance(value, str):
            shifted = shift_fiscal_year(value, year_from, year_from + new - old)
            if shifted != value:
                settings[name] = shifted
                label = layout.SETTINGS_BY_FIELD[name].label
                out.changes.append((f"{label}: ปีงบประมาณ {year_from} → {year_from + new - old}",
                                    f"{name}: fiscal year {year_from} → {year_from + new - old}"))

    if settings.get("memo_date") is not None:
        settings["memo_date"] = None
        out.changes.append(("ล้างวันที่ของบันทึกข้อความ", "memo date emptied"))
    # Last year's overall result would be printed as this year's analysis: emptied too.
    for name in RESULT_SETTINGS:
        if settings.get(name) is not None:
            label = layout.SETTINGS_BY_FIELD[name].label
            out.changes.append((f"ล้าง{label} ({settings[name]})", f"{name} emptied ({settings[name]})"))
            settings[name] = None
    rows = len(data.get(layout.RESULTS.name, []))
    data[layout.RESULTS.name] = []
    out.changes.append((f"ล้างตารางผลการดำเนินงาน ({rows} แถว)", f"results table emptied ({rows} rows)"))

    # Text that still names the year that ended (the continuation note names the year before).
    for name, stale in (("preface", old), ("subject", old), ("continuation", old - 1)):
        value = settings.get(name)
        if isinstance(value, str) and str(stale) in to_arabic_digits(value):
            label = layout.SETTINGS_BY_FIELD[name].label
            out.notes.append((f"{label} ยังอ้างถึงปี {stale}: ตรวจแก้ข้อความเอง",
                              f"{name} still names the year {stale}: check the wording"))
    if data.get("Improvements"):
        out.notes.append(("ประเด็นที่ต้องพัฒนาแยกตามเครื่องมือคงไว้: ตรวจกับผลการประเมินครั้งใหม่",
                          "the improvement points are kept: check them against the new result"))
    extra = sorted({k for spec in layout.TABLES for rec in tracker.records(spec.name)
                    for k in rec.extra})
    if extra:
        out.notes.append((f"คอลัมน์ที่เพิ่มเองไม่ได้คัดลอกไป: {', '.join(extra)}",
                          f"columns added by hand were not carried over: {', '.join(extra)}"))
    return out


def _plus_one_year(date: dt.date, years: int = 1) -> dt.date:
    return date.replace(year=date.year + years, day=1)


# Settings that hold last year's assessment result (present when the layout has them).
RESULT_SETTINGS = tuple(f for f in ("overall_score", "overall_grade") if f in layout.SETTINGS_BY_FIELD)

# The year facts of the framework: the tracker's value gives way to the new year's where known.
FRAMEWORK_SETTINGS = ("pass_mark", "unit", "item_measures", "item_results")


def _apply_framework(tracker: Tracker, out: CarryOver) -> None:
    """The new year's framework (``ita_xl/data/frameworks``), where it knows the facts.

    Its pass mark, unit and OIT items replace last year's.  Its list of counted units replaces
    the indicator table when the names differ; each unit of the same name keeps its score,
    mark and level (last year's result, until the clerk types the new one).  A year the data
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
    by_name = {key(str(r.get("name") or "")): r for r in old_rows}
    kept = 0
    new_rows = []
    for row in rows:
        before = by_name.get(key(row["name"]))
        merged = dict(row)
        if before is not None:
            kept += 1
            for name, value in before.items():
                if name not in merged:
                    merged[name] = value
        new_rows.append(merged)
    out.data[layout.INDICATORS.name] = new_rows
    out.changes.append((f"ตารางตัวชี้วัดตามกรอบปี {out.fiscal_year} ({len(new_rows)} แถว "
                        f"คงผลเดิม {kept} แถวที่ชื่อตรงกัน)",
                        f"indicator table from the {out.fiscal_year} framework ({len(new_rows)} "
                        f"rows; {kept} with the same name keep last year's marks)"))


def default_target(carry: CarryOver, folder: Path = Path(".")) -> Path:
    return folder / f"ITA_tracker_{carry.fiscal_year}.xlsm"
