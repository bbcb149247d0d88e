"""4xx: last year's result as the tracker states it (grade or rating, overall score, the units'
scores and marks) agrees with itself under the year's rules (``framework.Band``).

The rules are data (``ita_xl/data/frameworks/<year>.toml``): a band's conditions are the overall
score it needs (``min``) and the score every tool needs (``tools_min``); a result is the first
band, best first, whose conditions are met.  So a typed grade or rating is wrong when

* one of its own conditions is not met (ITA409 the overall score, ITA411 a tool), or
* a better band's conditions are all known and met (ITA409: the score makes it that band);

and the marks are wrong when every unit is marked passed but the grade or the overall score is
below the pass (ITA410).  Conditions the data has only from an unofficial source are checked
the same way but only warned on (ITA412): the clerk may acknowledge that warning, which is how
a rule the data does not really know is overridden.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...framework import Band, counted, of
from ...model import Loc
from ..codes import ALL_PASSED_VS_GRADE, GRADE_VS_SCORE, RATING_VS_TOOLS, UNOFFICIAL_RULE
from ..engine import CheckContext, rule
from ._util import at, blank, number, show, yes_no


def _score(value: Any) -> float | None:
    """A score the rules can use: out of 0–100 (ITA104) or a fraction (ITA112) is unknown here,
    its own finding names the cell."""
    n = number(value)
    return None if n is None or not 0 <= n <= 100 or 0 < n < 1 else n


@dataclass(frozen=True)
class Tool:
    """A counted tool's score and mark, with their cells."""

    name: Any
    score: float | None
    short: bool | None
    score_loc: Loc | None
    short_loc: Loc | None

    def reaches(self, needed: float, pass_mark: float | None) -> bool | None:
        """Whether the tool's score reaches ``needed``: from its score, else from its mark when
        ``needed`` is the pass mark (ไม่ผ่านเกณฑ์ says exactly that); None when unknown."""
        if self.score is not None:
            return self.score >= needed
        if self.short is not None and pass_mark is not None and needed == pass_mark:
            return not self.short
        return None

    @property
    def loc(self) -> Loc | None:
        return self.score_loc if self.score is not None else self.short_loc


@dataclass(frozen=True)
class Unmet:
    """A condition of a band that the typed result does not meet."""

    band: Band
    needed: float
    tool: Tool | None  # None: the overall score


def _unmet(band: Band, total: float | None, tools: list[Tool], pass_mark: float | None,
           unofficial: bool) -> list[Unmet]:
    out = []
    low = band.condition("min", unofficial)
    if low is not None and total is not None and total < low:
        out.append(Unmet(band, low, None))
    need = band.condition("tools_min", unofficial)
    if need is not None:
        out.extend(Unmet(band, need, t) for t in tools if t.reaches(need, pass_mark) is False)
    return out


def _met(band: Band, total: float | None, tools: list[Tool] | None, pass_mark: float | None,
         unofficial: bool) -> bool:
    """Whether ``band``'s conditions are complete, known and met, so the result *is* at least
    that band.  A band's official conditions are incomplete when its minimum is unknown or an
    unofficial source adds to them (ผ่านดีเยี่ยม: total ≥ 95 in the news, every tool ≥ 95 in one
    agency's tool): then only the unofficial pass, with both, may say so."""
    low = band.condition("min", unofficial)
    need = band.condition("tools_min", unofficial)
    if low is None:
        return False  # without its minimum a band decides nothing
    if not unofficial and (band.unofficial_min is not None
                           or band.unofficial_tools_min is not None):
        return False
    if total is None or total < low:
        return False
    if need is not None:
        if not tools:
            return False
        return all(t.reaches(need, pass_mark) is True for t in tools)
    return True


def _tools(ctx: CheckContext) -> list[Tool] | None:
    """The indicator table's rows when they are the counted tools, else None (unknown)."""
    rows = ctx.records("Indicators")
    if counted(ctx.settings, len(rows)).unit != "เครื่องมือ" or not rows:
        return None
    return [Tool(r.name, _score(r.score), yes_no(r.short), r.locs.get("score"),
                 r.locs.get("short")) for r in rows if not blank(r.name)]


@rule(needs=("Indicators", "settings"),
      codes=(GRADE_VS_SCORE.code, RATING_VS_TOOLS.code, UNOFFICIAL_RULE.code))
def grade_vs_rules(ctx: CheckContext) -> None:
    s = ctx.settings
    fw = of(s)
    if fw is None or not fw.scale or blank(s.overall_grade):
        return
    typed = fw.band(s.overall_grade)
    if typed is None:
        return  # not on the scale: ITA408
    total = _score(s.overall_score)
    tools = _tools(ctx)
    pm = fw.pass_mark if fw.pass_mark is not None else number(s.pass_mark)
    grade_loc = s.loc("overall_grade")
    for unofficial in (False, True):
        code = UNOFFICIAL_RULE.code if unofficial else None
        misses = _unmet(typed, total, tools or [], pm, unofficial)
        order = [b.label for b in fw.scale]
        better = next((b for b in fw.scale[:order.index(typed.label)]
                       if _met(b, total, tools, pm, unofficial)), None)
        if not misses and better is None:
            continue
        for miss in misses:
            _report_unmet(ctx, code, miss, typed, total, grade_loc, fw, unofficial)
        if better is not None:
            _report_better(ctx, code, better, typed, total, tools, grade_loc, fw, unofficial)
        return  # official findings first; the unofficial rule only where they found nothing


def _source_note(band: Band, unofficial: bool) -> tuple[str, str]:
    if not unofficial:
        return "", ""
    src = (band.unofficial_source or band.source).split(" (")[0]
    return (f" (ตามเกณฑ์ที่ไม่เป็นทางการ: {src} หากคู่มือของปีนั้นต่างไป ให้ใส่รหัสนี้ในตาราง "
            "คำเตือนที่ตรวจแล้ว)",
            f" (by an unofficial rule: {src}; if the year's manual differs, acknowledge this "
            "warning on the check sheet)")


def _report_unmet(ctx, code, miss: Unmet, typed: Band, total, grade_loc, fw, unofficial) -> None:
    note_th, note_en = _source_note(typed, unofficial)
    year = fw.fiscal_year - 1
    if miss.tool is None:
        ctx.add(code or GRADE_VS_SCORE.code, grade_loc,
                f"ระดับ {show(typed.label)} ต้องมีคะแนนรวมอย่างน้อย {miss.needed:g} แต่คะแนนรวม "
                f"({at(ctx.settings.loc('overall_score'))}) คือ {total:g} "
                f"(เกณฑ์ผลการประเมินปี {year}){note_th}",
                f"{show(typed.label)} needs an overall score of at least {miss.needed:g}, but the "
                f"overall score ({at(ctx.settings.loc('overall_score'))}) is {total:g} "
                f"(the ITA {year} rules).{note_en}",
                "แก้ระดับผลการประเมินหรือคะแนนรวมให้ตรงกับผลที่ประกาศ",
                "Correct the grade or the overall score to what was announced.")
        return
    t = miss.tool
    got = f"{t.score:g}" if t.score is not None else "ไม่ผ่านเกณฑ์ (ใช่)"
    got_en = f"{t.score:g}" if t.score is not None else "marked short (ใช่)"
    ctx.add(code or RATING_VS_TOOLS.code, grade_loc,
            f"ระดับ {show(typed.label)} ต้องให้ทุกเครื่องมือได้อย่างน้อย {miss.needed:g} แต่ "
            f"{show(t.name)} ({at(t.loc)}) ได้ {got} (เกณฑ์ผลการประเมินปี {year}){note_th}",
            f"{show(typed.label)} needs every tool at {miss.needed:g} or more, but "
            f"{show(t.name)} ({at(t.loc)}) has {got_en} (the ITA {year} rules).{note_en}",
            f"แก้ระดับผลการประเมิน หรือคะแนน/ช่องไม่ผ่านเกณฑ์ของ {show(t.name)} ให้ตรงกับผลที่ประกาศ",
            f"Correct the rating, or the score or mark of {show(t.name)}, to what was announced.")


def _report_better(ctx, code, better: Band, typed: Band, total, tools, grade_loc, fw,
                   unofficial) -> None:
    note_th, note_en = _source_note(better, unofficial)
    year = fw.fiscal_year - 1
    where = at(ctx.settings.loc("overall_score"))
    why_th = f"คะแนนรวม {total:g} ({where})" if total is not None else ""
    why_en = f"an overall score of {total:g} ({where})" if total is not None else ""
    need = better.condition("tools_min", unofficial)
    if need is not None and tools:
        why_th += f" และทุกเครื่องมือได้อย่างน้อย {need:g}"
        why_en += f" and every tool at {need:g} or more"
    ctx.add(code or GRADE_VS_SCORE.code, grade_loc,
            f"{why_th.strip()} เป็นระดับ {show(better.label)} ไม่ใช่ {show(typed.label)} "
            f"(เกณฑ์ผลการประเมินปี {year}){note_th}",
            f"{why_en.strip().capitalize()} is {show(better.label)}, not {show(typed.label)} "
            f"(the ITA {year} rules).{note_en}",
            "แก้ระดับผลการประเมินหรือคะแนนรวมให้ตรงกับผลที่ประกาศ",
            "Correct the grade or the overall score to what was announced.")


@rule(needs=("Indicators", "settings"), codes=(ALL_PASSED_VS_GRADE.code,))
def all_passed_vs_grade(ctx: CheckContext) -> None:
    """Every unit marked passed, so the memo says "ผ่านเกณฑ์การประเมินครบทั้ง …": the grade
    and the overall score must be a pass too (a weighted mean of passing scores passes)."""
    rows = ctx.records("Indicators")
    marks = [yes_no(r.short) for r in rows]
    if not rows or any(m is not False for m in marks):
        return
    s = ctx.settings
    fw = of(s)
    pm = number(s.pass_mark)
    if pm is None and fw is not None:
        pm = fw.pass_mark
    first, last = rows[0].locs.get("short"), rows[-1].locs.get("short")
    marks_at = f"{first.sheet}!{first.cell}:{last.cell}" if first and last else "ไม่ผ่านเกณฑ์"
    band = fw.band(s.overall_grade) if fw is not None and not blank(s.overall_grade) else None
    if band is not None and fw.passes(band) is False:
        ctx.add(ALL_PASSED_VS_GRADE.code, s.loc("overall_grade"),
                f"ทุกแถวในคอลัมน์ไม่ผ่านเกณฑ์ ({marks_at}) เป็น ไม่ใช่ เอกสารจะเขียนว่า "
                f"“ผ่านเกณฑ์การประเมินครบทั้ง {len(rows)}” แต่ระดับ {show(band.label)} "
                "ต่ำกว่าเกณฑ์ผ่าน",
                f"Every row of the ไม่ผ่านเกณฑ์ column ({marks_at}) says passed, so the documents "
                f"would say all {len(rows)} passed, but {show(band.label)} is below the pass.",
                "ระบุ ใช่ ที่ตัวชี้วัด/เครื่องมือที่ไม่ผ่านเกณฑ์ หรือแก้ระดับผลการประเมิน",
                "Mark the units that fell short with ใช่, or correct the grade.")
        return
    total = _score(s.overall_score)
    if total is not None and pm is not None and total < pm:
        ctx.add(ALL_PASSED_VS_GRADE.code, s.loc("overall_score"),
                f"ทุกแถวในคอลัมน์ไม่ผ่านเกณฑ์ ({marks_at}) เป็น ไม่ใช่ เอกสารจะเขียนว่า "
                f"“ผ่านเกณฑ์การประเมินครบทั้ง {len(rows)}” แต่คะแนนรวม {total:g} ต่ำกว่าเกณฑ์ {pm:g}",
                f"Every row of the ไม่ผ่านเกณฑ์ column ({marks_at}) says passed, so the documents "
                f"would say all {len(rows)} passed, but the overall score {total:g} is below "
                f"the pass mark {pm:g}.",
                "ระบุ ใช่ ที่ตัวชี้วัด/เครื่องมือที่ไม่ผ่านเกณฑ์ หรือแก้คะแนนรวม",
                "Mark the units that fell short with ใช่, or correct the overall score.")
