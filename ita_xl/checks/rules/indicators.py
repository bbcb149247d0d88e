"""4xx: the indicators that fell short agree with the scores, and each has a level."""
from __future__ import annotations

import difflib
from dataclasses import replace

from ...framework import counted, of
from ...meaning import level_key
from ..codes import (COUNT_VS_FRAMEWORK, FRAMEWORK_LIST, GRADE, LEVEL_EMPTY, LEVEL_ON_PASS,
                     LEVEL_UNDEFINED, NONE_SHORT, SHORT_NO_LEVEL, SHORT_VS_SCORE)
from ..engine import CheckContext, rule
from ._util import blank, is_excel_error, key, number, show, yes_no


@rule(needs=("Indicators", "settings"), codes=(SHORT_VS_SCORE.code,))
def short_vs_score(ctx: CheckContext) -> None:
    pass_mark = number(ctx.settings.pass_mark)
    if pass_mark is None:
        return
    for ind in ctx.records("Indicators"):
        score, short = number(ind.score), yes_no(ind.short)
        if score is None or short is None or not 0 <= score <= 100 or 0 < score < 1:
            # out of range (ITA104) or a fraction (ITA112): that cell's finding is enough
            continue
        below = score < pass_mark
        if below and not short:
            th = f"คะแนน {score:g} ต่ำกว่าเกณฑ์ {pass_mark:g} แต่ระบุว่าผ่านเกณฑ์ (ไม่ใช่)"
            en = f"Score {score:g} is below the pass mark {pass_mark:g}, but it is marked as passing."
        elif short and not below:
            th = f"คะแนน {score:g} ไม่ต่ำกว่าเกณฑ์ {pass_mark:g} แต่ระบุว่าไม่ผ่านเกณฑ์ (ใช่)"
            en = f"Score {score:g} reaches the pass mark {pass_mark:g}, but it is marked as short."
        else:
            continue
        ctx.add(SHORT_VS_SCORE.code, ind.locs.get("short"),
                f"ตัวชี้วัด {show(ind.name)}: {th} จำนวนตัวชี้วัดที่ไม่ผ่านเกณฑ์ในบันทึกจะผิด",
                f"Indicator {show(ind.name)}: {en} The memo's count of short indicators would be wrong.",
                "แก้ช่องไม่ผ่านเกณฑ์หรือคะแนนให้ตรงกัน", "Make the flag and the score agree.")


@rule(needs=("Indicators",), codes=(SHORT_NO_LEVEL.code, LEVEL_ON_PASS.code, NONE_SHORT.code))
def indicator_levels(ctx: CheckContext) -> None:
    indicators = ctx.records("Indicators")
    levels_in_use = not ctx.has("Levels") or bool(ctx.records("Levels"))
    any_short = False
    all_known = True
    for ind in indicators:
        short = yes_no(ind.short)
        all_known = all_known and short is not None
        level_loc = ind.locs.get("level") or ind.locs.get("name")
        if short:
            any_short = True
            # Levels are the agency's own grouping: with an empty levels table the analysis
            # names the short units without levels, so only a levels table in use needs them.
            if blank(ind.level) and levels_in_use:
                ctx.add(SHORT_NO_LEVEL.code, level_loc,
                        f"ตัวชี้วัด {show(ind.name)} ไม่ผ่านเกณฑ์แต่ไม่ได้ระบุระดับที่ต้องพัฒนา "
                        "จึงจะไม่ปรากฏในย่อหน้าวิเคราะห์ของรายงาน",
                        f"Indicator {show(ind.name)} fell short but has no level, so the report's "
                        "analysis paragraph would leave it out.",
                        "เลือกระดับที่ต้องพัฒนา (1, 2, …)", "Pick the level of need (1, 2, …).")
        elif short is False and not blank(ind.level) and not is_excel_error(ind.level):
            ctx.add(LEVEL_ON_PASS.code, level_loc,
                    f"ตัวชี้วัด {show(ind.name)} ผ่านเกณฑ์แต่ระบุระดับที่ต้องพัฒนา {show(ind.level)} "
                    "(ระดับนี้จะไม่ถูกใช้)",
                    f"Indicator {show(ind.name)} passed but has level {show(ind.level)} "
                    "(it will be ignored).",
                    "ลบระดับออก หรือแก้ช่องไม่ผ่านเกณฑ์เป็น ใช่",
                    "Clear the level, or mark the indicator as short (ใช่).")
    # Nothing short is a normal result (AA, ผ่านดีเยี่ยม): warn only when nothing typed shows
    # it, i.e. no score on any row and no overall score or grade.
    evidence = any(number(ind.score) is not None for ind in indicators)
    if ctx.has("settings"):
        s = ctx.settings
        evidence = evidence or number(s.overall_score) is not None or not blank(s.overall_grade)
    if indicators and all_known and not any_short and not evidence:
        first = indicators[0]
        ctx.add(NONE_SHORT.code, first.locs.get("short"),
                "ไม่มีตัวชี้วัดใดระบุว่าไม่ผ่านเกณฑ์ และไม่มีคะแนนยืนยัน เอกสารจะรายงานว่าผ่านเกณฑ์ทุกตัวชี้วัด",
                "No indicator is marked as short and no score confirms it; the documents will "
                "say every indicator passed.",
                "ระบุ ใช่ ในช่องไม่ผ่านเกณฑ์ของตัวชี้วัดที่ต้องพัฒนา หรือกรอกคะแนน/ระดับผลการประเมิน",
                "Mark the indicators that fell short with ใช่, or type the scores or the grade.")


@rule(needs=("Indicators", "Levels"), codes=(LEVEL_UNDEFINED.code, LEVEL_EMPTY.code))
def levels_exist(ctx: CheckContext) -> None:
    levels = {}
    for lv in ctx.records("Levels"):
        if not blank(lv.level) and not is_excel_error(lv.level):
            levels.setdefault(level_key(lv.level), lv)
    used: set[str] = set()
    for ind in ctx.records("Indicators"):
        if not yes_no(ind.short) or blank(ind.level) or is_excel_error(ind.level):
            continue
        if not isinstance(ind.level, int) or isinstance(ind.level, bool):
            continue  # not a whole number: ITA103 names the cell, one finding is enough
        k = level_key(ind.level)
        if k in levels:
            used.add(k)
            continue
        known = ", ".join(sorted(levels)) or "ไม่มี / none"
        ctx.add(LEVEL_UNDEFINED.code, ind.locs.get("level"),
                f"ตัวชี้วัด {show(ind.name)} อ้างถึงระดับ {show(ind.level)} ซึ่งไม่มีในตารางระดับ "
                f"(มี: {known}) จึงจะไม่ปรากฏในรายงาน",
                f"Indicator {show(ind.name)} refers to level {show(ind.level)}, which the levels "
                f"table does not define (defined: {known}); the report would leave it out.",
                "เลือกระดับที่มีในตารางระดับ หรือเพิ่มระดับนั้นในตาราง",
                "Pick a defined level, or add that level to the levels table.")
    for k, lv in levels.items():
        if k not in used:
            ctx.add(LEVEL_EMPTY.code, lv.locs.get("level"),
                    f"ระดับ {show(lv.level)} ไม่มีตัวชี้วัดที่ไม่ผ่านเกณฑ์ จึงจะไม่ปรากฏในย่อหน้าวิเคราะห์",
                    f"Level {show(lv.level)} has no indicator that fell short, so the analysis "
                    "paragraph leaves it out.",
                    "กำหนดระดับนี้ให้ตัวชี้วัดที่ไม่ผ่านเกณฑ์ หรือลบแถวระดับนี้",
                    "Assign it to a short indicator, or delete the level row.")



def _framework_unit(ind, expected: list, tools: bool, by_group: bool = True):
    """The framework's unit a row names (by its name, a tool's code, or a part of a tool some
    agencies list in parts, "EIT ส่วนที่ 1"), else None."""
    by_key = {key(u.name): u for u in expected}
    codes = {key(u.group): u for u in expected} if tools else {}
    for u in expected:
        for n, part in enumerate(u.parts, start=1):
            by_key[key(part)] = u
            by_key[key(f"{u.group} ส่วนที่ {n}")] = u
    k = key(ind.name)
    unit = by_key.get(k) or codes.get(k)
    if unit is None and by_group and not blank(ind.group):  # a tool typed by its code there
        unit = codes.get(key(ind.group))
    if unit is None and tools:  # a tool's part written by its code ("EIT ส่วนที่ 1")
        unit = next((u for u in expected if k.startswith(key(u.group))), None)
    return unit


@rule(needs=("Indicators", "settings"), codes=(FRAMEWORK_LIST.code,))
def framework_list(ctx: CheckContext) -> None:
    """The tracker's list against the year's framework: typos, missing and extra units."""
    rows = ctx.records("Indicators")
    count = counted(ctx.settings, len(rows))
    fw = count.framework
    if fw is None or not count.total_from_framework:
        if fw is not None and fw.unit and count.unit != fw.unit and rows:
            first = rows[0]
            ctx.add(FRAMEWORK_LIST.code, first.locs.get("name"),
                    f"ผลการประเมินปี {fw.fiscal_year - 1} นับเป็น{fw.unit} ({len(fw.units)} รายการ) "
                    f"แต่ตารางมี {len(rows)} แถว เอกสารจะนับเป็น{count.unit}ตามตาราง",
                    f"The ITA {fw.fiscal_year - 1} result counts {len(fw.units)} units "
                    f"({fw.unit}), but the table has {len(rows)} rows; the documents count "
                    f"{count.unit} as the table does.",
                    f"ถ้ารายงานตาม{fw.unit} ให้แก้ตารางเป็น{fw.unit}ของปีนั้น หรือเลือกหน่วยที่นับ",
                    "List the year's units, or choose the counted unit in the settings.")
        return
    expected = fw.units
    seen = set()
    for ind in rows:
        if blank(ind.name):
            continue
        unit = _framework_unit(ind, expected, count.unit == "เครื่องมือ")
        if unit is not None:
            seen.add(unit.name)
            continue
        close = difflib.get_close_matches(
            str(ind.name), [u.name for u in expected] + [p for u in expected for p in u.parts],
            n=1, cutoff=0.6)
        hint = f" ใกล้เคียงกับ “{close[0]}”" if close else ""
        hint_en = f" Did you mean “{close[0]}”?" if close else ""
        ctx.add(FRAMEWORK_LIST.code, ind.locs.get("name"),
                f"{count.unit} {show(ind.name)} ไม่อยู่ในรายการของผลการประเมินปี {fw.fiscal_year - 1}"
                f"{hint}",
                f"{show(ind.name)} is not in the list of the ITA {fw.fiscal_year - 1} result."
                f"{hint_en}",
                f"แก้เป็น “{close[0]}”" if close else "ตรวจชื่อกับคู่มือการประเมินของปีนั้น",
                f"Write “{close[0]}”." if close else "Check the name against the year's manual.")
    missing = [u.name for u in expected if u.name not in seen]
    if missing and rows:
        ctx.add(FRAMEWORK_LIST.code, rows[-1].locs.get("name"),
                f"ตารางไม่มี{count.unit}: {', '.join(missing)} (ผลการประเมินปี {fw.fiscal_year - 1} "
                f"มีทั้งหมด {len(expected)} รายการ)",
                f"The table lacks: {', '.join(missing)} (the ITA {fw.fiscal_year - 1} result has "
                f"{len(expected)}).",
                "เพิ่มแถวที่ขาด", "Add the missing rows.")


@rule(needs=("Indicators", "settings"), codes=(COUNT_VS_FRAMEWORK.code,))
def count_vs_framework(ctx: CheckContext) -> None:
    """The memo counts the table's rows ("จากทั้งหมด …"): a number of rows the year's framework
    does not count is an error naming both (EIT in two parts is allowed where a source says)."""
    rows = [r for r in ctx.records("Indicators") if not blank(r.name)]
    count = counted(ctx.settings, len(rows))
    fw = count.framework
    if fw is not None and not count.total_from_framework and fw.unit == "เครื่องมือ" and \
            fw.tools and rows and blank(ctx.settings.unit) and all(
                _framework_unit(r, fw.tools, True, by_group=False) for r in rows):
        # The rows are the year's tools, but too many or too few to count as them: the
        # documents would fall back to counting indicators.
        count = replace(count, unit=fw.unit, total=len(rows), total_from_framework=True,
                        expected=fw.tool_counts)
    if fw is None or not count.total_from_framework or not rows or not count.expected \
            or len(rows) in count.expected:
        return
    allowed = " หรือ ".join(str(n) for n in count.expected)
    allowed_en = " or ".join(str(n) for n in count.expected)
    first, last = rows[0].locs.get("name"), rows[-1].locs.get("name")
    span = f"{first.sheet}!{first.cell}:{last.cell}" if first and last else "Indicators"
    ctx.add(COUNT_VS_FRAMEWORK.code, last,
            f"ตาราง{count.unit} ({span}) มี {len(rows)} แถว แต่ผลการประเมินปี {fw.fiscal_year - 1} "
            f"ตามกรอบการประเมิน ({fw.origin or 'ita_xl/data/frameworks'}) มี {allowed} {count.unit} "
            f"บันทึกจะพิมพ์ “จากทั้งหมด {len(rows)} {count.unit}”",
            f"The {count.unit} table ({span}) has {len(rows)} rows, but the ITA "
            f"{fw.fiscal_year - 1} result in the framework ({fw.origin or 'ita_xl/data/frameworks'}) "
            f"counts {allowed_en}; the memo would print “out of {len(rows)}”.",
            f"ให้ตารางมี{count.unit}ครบ {allowed} แถวตามผลการประเมินที่ประกาศ",
            f"List the {allowed_en} units of the announced result, one per row.")


@rule(needs=("settings",), codes=(GRADE.code,))
def grade(ctx: CheckContext) -> None:
    """The overall grade or rating is one of the year's scale (whether it agrees with the
    scores is ``result``'s: ITA409–ITA412)."""
    s = ctx.settings
    fw = of(s)
    if fw is None or not fw.scale or blank(s.overall_grade):
        return
    labels = [b.label for b in fw.scale]
    typed = str(s.overall_grade).strip()
    if fw.band(typed) is None:
        ctx.add(GRADE.code, s.loc("overall_grade"),
                f"ระดับ {show(typed)} ไม่อยู่ในเกณฑ์ของผลการประเมินปี {fw.fiscal_year - 1} "
                f"({' / '.join(labels)})",
                f"{show(typed)} is not on the ITA {fw.fiscal_year - 1} scale ({' / '.join(labels)}).",
                "เลือกระดับตามเกณฑ์ของปีนั้น", "Pick a grade of that year's scale.")
