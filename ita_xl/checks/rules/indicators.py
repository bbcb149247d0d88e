"""4xx: the indicators that fell short agree with the scores, and each has a level."""
from __future__ import annotations

from ...meaning import level_key
from ..codes import (LEVEL_EMPTY, LEVEL_ON_PASS, LEVEL_UNDEFINED, NONE_SHORT, SHORT_NO_LEVEL,
                     SHORT_VS_SCORE)
from ..engine import CheckContext, rule
from ._util import blank, is_excel_error, number, show, yes_no


@rule(needs=("Indicators", "settings"), codes=(SHORT_VS_SCORE.code,))
def short_vs_score(ctx: CheckContext) -> None:
    pass_mark = number(ctx.settings.pass_mark)
    if pass_mark is None:
        return
    for ind in ctx.records("Indicators"):
        score, short = number(ind.score), yes_no(ind.short)
        if score is None or short is None or not 0 <= score <= 100:
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
    any_short = False
    all_known = True
    for ind in indicators:
        short = yes_no(ind.short)
        all_known = all_known and short is not None
        level_loc = ind.locs.get("level") or ind.locs.get("name")
        if short:
            any_short = True
            if blank(ind.level):
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
    if indicators and all_known and not any_short:
        first = indicators[0]
        ctx.add(NONE_SHORT.code, first.locs.get("short"),
                "ไม่มีตัวชี้วัดใดระบุว่าไม่ผ่านเกณฑ์ บันทึกจะรายงาน ๐ ตัวชี้วัด และไม่มีย่อหน้าวิเคราะห์",
                "No indicator is marked as short; the memo would report 0 indicators and the "
                "analysis would be empty.",
                "ระบุ ใช่ ในช่องไม่ผ่านเกณฑ์ของตัวชี้วัดที่ต้องพัฒนา",
                "Mark the indicators that fell short with ใช่.")


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

