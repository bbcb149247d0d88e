"""2xx: the plan and the results tell the same story, and each value sits in its own column."""
from __future__ import annotations

import difflib
import re
import unicodedata

from ... import layout
from ...thai import compose_sara_am
from ..codes import (MONITORING, NO_RESULTS, NOT_PLANNED, OWNER_IN_OUTPUT, PLANNED_TWICE,
                     ROWS_APART, SPELLED)
from ..engine import CheckContext, rule
from ._util import at, blank, key, show, typed

SUGGEST_CUTOFF = 0.6  # difflib ratio from which a plan measure is offered as "did you mean"
ROUND_MARK = re.compile(r"รอบ(?:6|12)เดือน")


def measures(ctx: CheckContext, table: str) -> list[tuple[object, str]]:
    """(record, comparison key) of each row with a measure."""
    return [(rec, key(rec.measure)) for rec in ctx.records(table) if not blank(rec.measure)]


def plan_keys(ctx: CheckContext) -> dict[str, object]:
    """First plan row per measure key."""
    def make():
        out: dict[str, object] = {}
        for rec, k in measures(ctx, "Plan"):
            out.setdefault(k, rec)
        return out
    return ctx.memo("plan_keys", make)


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def _difference(a: str, b: str) -> tuple[str, str]:
    """How two texts that compare equal differ: in spaces, invisible characters or digits."""
    def squeeze(s: str, invisible: bool = False) -> str:
        s = re.sub(r"\s+", "", unicodedata.normalize("NFC", s))
        return _INVISIBLE.sub("", s) if invisible else s
    if squeeze(a) == squeeze(b):
        return "การเว้นวรรค", "spacing"
    if squeeze(a, True) == squeeze(b, True):
        return "อักขระที่มองไม่เห็น", "invisible characters"
    if compose_sara_am(squeeze(a, True)) == compose_sara_am(squeeze(b, True)):
        return ("การพิมพ์สระอำ (พิมพ์เป็น ํ กับ า สองตัว มักมาจากการคัดลอกจาก PDF)",
                "how ำ (sara am) is typed: as ํ + า, two characters, typical of text copied "
                "from a PDF")
    return "เลขไทย/เลขอารบิก", "Thai/Arabic digits"


@rule(needs=("Plan", "Results"), codes=(NO_RESULTS.code, NOT_PLANNED.code, SPELLED.code))
def plan_vs_results(ctx: CheckContext) -> None:
    planned = plan_keys(ctx)
    found: set[str] = set()
    suggested: set[str] = set()
    for rec, k in measures(ctx, "Results"):
        loc = rec.locs.get("measure")
        plan_rec = planned.get(k)
        if plan_rec is not None:
            found.add(k)
            if typed(rec.measure) != typed(plan_rec.measure):
                what_th, what_en = _difference(typed(rec.measure), typed(plan_rec.measure))
                ploc = plan_rec.locs.get("measure")
                ctx.add(SPELLED.code, loc,
                        f"มาตรการ {show(rec.measure)} เขียนต่างจากในแผน ({at(ploc)}) "
                        f"ต่างกันที่{what_th} เอกสารจะพิมพ์ชื่อมาตรการสองแบบ",
                        f"Measure {show(rec.measure)} differs from the plan ({at(ploc)}) in "
                        f"{what_en}; the report would print it two ways.",
                        f"คัดลอกชื่อมาตรการจาก {at(ploc)} มาวาง: {show(plan_rec.measure, 90)}",
                        f"Copy the measure from {at(ploc)}: {show(plan_rec.measure, 90)}")
            continue
        guess = difflib.get_close_matches(k, list(planned), n=1, cutoff=SUGGEST_CUTOFF)
        if guess:
            suggested.add(guess[0])
            p = planned[guess[0]]
            ctx.add(NOT_PLANNED.code, loc,
                    f"มาตรการ {show(rec.measure)} ไม่มีในแผน หมายถึง {show(p.measure)} "
                    f"({at(p.locs.get('measure'))}) หรือไม่",
                    f"Measure {show(rec.measure)} is not in the plan. Did you mean "
                    f"{show(p.measure)} ({at(p.locs.get('measure'))})?",
                    f"คัดลอกชื่อมาตรการจาก {at(p.locs.get('measure'))} มาวาง",
                    f"Copy the measure name from {at(p.locs.get('measure'))}.")
        else:
            ctx.add(NOT_PLANNED.code, loc,
                    f"มาตรการ {show(rec.measure)} ไม่มีในตารางแผนมาตรการ",
                    f"Measure {show(rec.measure)} is not in the plan table.",
                    "เพิ่มมาตรการนี้ในแผน หรือแก้ชื่อให้ตรงกับมาตรการในแผน",
                    "Add the measure to the plan, or correct the name to a planned one.")
    for k, rec in planned.items():
        if k not in found and k not in suggested:
            ctx.add(NO_RESULTS.code, rec.locs.get("measure"),
                    f"มาตรการ {show(rec.measure)} ยังไม่มีแถวในตารางผลการดำเนินงาน",
                    f"Measure {show(rec.measure)} has no row in the results table.",
                    "เพิ่มแถวผลการดำเนินงานของมาตรการนี้ (ถ้ายังไม่ได้ดำเนินการ ให้ระบุว่ายังไม่ได้ดำเนินการ)",
                    "Add a results row for it (say so if it has not started yet).")


def _row_key(rec) -> tuple[str, ...]:
    return tuple(key(v) for v in rec.values().values())


@rule(needs=("Plan",), codes=(PLANNED_TWICE.code,))
def plan_twice(ctx: CheckContext) -> None:
    first: dict[str, object] = {}
    for rec, k in measures(ctx, "Plan"):
        if k in first:
            earlier = first[k]
            if _row_key(earlier) == _row_key(rec):
                continue  # the whole row is repeated: ITA702 says so
            ctx.add(PLANNED_TWICE.code, rec.locs.get("measure"),
                    f"มาตรการ {show(rec.measure)} มีอยู่แล้วใน {at(earlier.locs.get('measure'))}",
                    f"Measure {show(rec.measure)} is already planned at "
                    f"{at(earlier.locs.get('measure'))}.",
                    "รวมเป็นแถวเดียว หรือแก้ชื่อมาตรการให้ต่างกัน",
                    "Merge the rows, or give the measures different names.")
        else:
            first[k] = rec


@rule(needs=("Results",), codes=(ROWS_APART.code,))
def rows_apart(ctx: CheckContext) -> None:
    last_index: dict[str, int] = {}
    rows = measures(ctx, "Results")
    for i, (rec, k) in enumerate(rows):
        if k in last_index and last_index[k] != i - 1:
            earlier = rows[last_index[k]][0]
            ctx.add(ROWS_APART.code, rec.locs.get("measure"),
                    f"แถวนี้เป็นมาตรการเดียวกับ {at(earlier.locs.get('measure'))} แต่ไม่อยู่ติดกัน "
                    "รายงานจะแสดงมาตรการนี้สองครั้ง",
                    f"This row has the same measure as {at(earlier.locs.get('measure'))} but the rows "
                    "are not together; the report would show the measure twice.",
                    "ย้ายแถวของมาตรการเดียวกันให้อยู่ติดกัน", "Move the rows of one measure together.")
        last_index[k] = i


def offices(ctx: CheckContext) -> dict[str, str]:
    """Office names (comparison key -> as written): the offices list, plan owners, the office."""
    out = {key(o): o for o in layout.LISTS["offices"][1]}
    for rec in ctx.records("Plan"):
        if not blank(rec.owner):
            out.setdefault(key(rec.owner), str(rec.owner))
    if ctx.has("settings") and not blank(ctx.settings.office):
        out.setdefault(key(ctx.settings.office), str(ctx.settings.office))
    return out


def _monitoring_like(text: str, plan_monitoring: set[str]) -> bool:
    k = key(text)
    if k in plan_monitoring:
        return True
    return k.startswith("รายงานผล") and bool(ROUND_MARK.search(k))


@rule(needs=("Results",), codes=(OWNER_IN_OUTPUT.code, MONITORING.code))
def wrong_column(ctx: CheckContext) -> None:
    known = offices(ctx)
    plan_monitoring = {key(rec.monitoring) for rec in ctx.records("Plan")
                       if not blank(rec.monitoring)}
    for rec in ctx.records("Results"):
        if isinstance(rec.output, str) and key(rec.output) in known:
            ctx.add(OWNER_IN_OUTPUT.code, rec.locs.get("output"),
                    f"ช่องผลผลิตเป็นชื่อส่วนราชการ {show(rec.output)} ซึ่งควรอยู่ในคอลัมน์ผู้รับผิดชอบของแผน "
                    "ข้อมูลน่าจะเลื่อนคอลัมน์",
                    f"The output cell holds the office {show(rec.output)}, which belongs in the plan's "
                    "responsible-office column; the row looks shifted by one column.",
                    "ใส่สิ่งที่ได้จากการดำเนินงาน (เช่น คู่มือ คำสั่ง ประกาศ) ในช่องผลผลิต",
                    "Put what the work produced (a manual, an order, a notice) in the output cell.")
        for name in ("output", "outcome"):
            value = getattr(rec, name)
            if isinstance(value, str) and _monitoring_like(value, plan_monitoring):
                col_th = "ผลลัพธ์" if name == "outcome" else "ผลผลิต"
                ctx.add(MONITORING.code, rec.locs.get(name),
                        f"ช่อง{col_th}เป็นข้อความการกำกับติดตาม {show(value)} "
                        "ซึ่งเป็นคอลัมน์การกำกับติดตามของแผน ไม่ใช่ผลที่เกิดขึ้น",
                        f"The {name} cell holds monitoring wording {show(value)}, which is the plan's "
                        "monitoring column, not a result.",
                        f"เขียน{col_th}ที่เกิดขึ้นจริงจากการดำเนินงาน",
                        f"Write the {name} the work actually achieved.")
