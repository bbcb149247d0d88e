"""3xx: dates agree with the fiscal year, the round and each other."""
from __future__ import annotations

import datetime as dt

from ...model import as_date
from ...thai import fiscal_year_bounds, round_end
from ..codes import (AFTER_ROUND, END_BEFORE_START, MEMO_EARLY, MEMO_YEAR, OUTSIDE_YEAR,
                     PREFACE_LATE, PREFACE_YEAR, ROUND_NOT_REPORTED)
from ..engine import CheckContext, rule
from ._util import (at, date_en, date_th, fiscal_year, month_en, month_start, month_th,
                    plausible)

MEMO_GRACE_DAYS = 92  # a 12-month report is often signed in the quarter after the year ends
PREFACE_GRACE_DAYS = 366  # a preface is dated by the month of publication, at most a year late


def _month(value) -> dt.date | None:
    """The month of a date cell; None for a B.E. year typed into a date (ITA109 says so)."""
    return month_start(plausible(as_date(value)))


@rule(needs=("Results", "settings"), codes=(OUTSIDE_YEAR.code, AFTER_ROUND.code,
                                            END_BEFORE_START.code))
def periods(ctx: CheckContext) -> None:
    fy = fiscal_year(ctx.settings.fiscal_year)
    if fy is None:
        return
    first, last = fiscal_year_bounds(fy)
    months = ctx.settings.round_months
    end_of_round = round_end(fy, months) if months == 6 else None
    for rec in ctx.records("Results"):
        for name in ("start", "end"):
            m = _month(getattr(rec, name))
            if m is None:
                continue
            loc = rec.locs.get(name)
            if m < first or m > last:
                ctx.add(OUTSIDE_YEAR.code, loc,
                        f"เดือน {month_th(m)} อยู่นอกปีงบประมาณ {fy} "
                        f"({date_th(first)} – {date_th(last)})",
                        f"{month_en(m)} is outside fiscal year {fy} "
                        f"({first.isoformat()} to {last.isoformat()}).",
                        f"ใส่เดือนที่ดำเนินการจริงในปีงบประมาณ {fy}",
                        f"Enter the month the work was done, within fiscal year {fy}.")
            elif end_of_round is not None and m > end_of_round:
                ctx.add(AFTER_ROUND.code, loc,
                        f"เดือน {month_th(m)} อยู่หลังสิ้นรอบ ๖ เดือน ({date_th(end_of_round)})",
                        f"{month_en(m)} is after the 6-month round ends ({end_of_round.isoformat()}).",
                        "ตรวจเดือนที่ดำเนินการ หรือเปลี่ยนรอบการรายงานเป็นรอบ ๑๒ เดือน",
                        "Check the month, or set the round to the 12-month round.")
        start, end = _month(rec.start), _month(rec.end)
        if start and end and end < start:
            ctx.add(END_BEFORE_START.code, rec.locs.get("end"),
                    f"เดือนสิ้นสุด {month_th(end)} อยู่ก่อนเดือนที่เริ่ม {month_th(start)} "
                    f"({at(rec.locs.get('start'))})",
                    f"The period ends ({month_en(end)}) before it starts ({month_en(start)}, "
                    f"{at(rec.locs.get('start'))}).",
                    "สลับหรือแก้เดือนที่เริ่มและเดือนสิ้นสุด", "Swap or correct the two months.")


@rule(needs=("settings",), codes=(PREFACE_YEAR.code,))
def preface_year(ctx: CheckContext) -> None:
    """The preface month within the fiscal year, or up to a year after it ("มกราคม ๒๔๔๓", a
    small number typed into the month cell, is plainly wrong)."""
    s = ctx.settings
    preface = _month(s.preface_date)
    fy = fiscal_year(s.fiscal_year)
    if preface is None or fy is None:
        return
    first, last = fiscal_year_bounds(fy)
    if first <= preface <= last + dt.timedelta(days=PREFACE_GRACE_DAYS):
        return
    ctx.add(PREFACE_YEAR.code, s.loc("preface_date"),
            f"คำนำลงเดือน {month_th(preface)} ซึ่งไม่อยู่ในปีงบประมาณ {fy} "
            f"({date_th(first)} – {date_th(last)}) หรือหนึ่งปีหลังจากนั้น",
            f"The preface is dated {month_en(preface)}, neither within fiscal year {fy} "
            f"({first.isoformat()} to {last.isoformat()}) nor in the year after it.",
            "ใส่เดือนและปีที่ลงในคำนำ (มักเป็นเดือนเดียวกับบันทึกข้อความ) เช่น 3/2022 (ปี ค.ศ.)",
            "Enter the preface's month (usually the memo's), e.g. 3/2022 (C.E.).")


def _memo_and_year(ctx: CheckContext) -> tuple[dt.date | None, int | None]:
    """The memo date (None when it is not a date, or a B.E. year typed into one: ITA109) and the
    fiscal year (None when implausible)."""
    return plausible(as_date(ctx.settings.memo_date)), fiscal_year(ctx.settings.fiscal_year)


@rule(needs=("settings",), codes=(MEMO_YEAR.code, PREFACE_LATE.code))
def memo_dates(ctx: CheckContext) -> None:
    s = ctx.settings
    memo, fy = _memo_and_year(ctx)
    if memo is None:
        return
    if fy is not None:
        first, last = fiscal_year_bounds(fy)
        if memo < first or memo > last + dt.timedelta(days=MEMO_GRACE_DAYS):
            ctx.add(MEMO_YEAR.code, s.loc("memo_date"),
                    f"วันที่บันทึกข้อความ {date_th(memo)} ไม่อยู่ในช่วงปีงบประมาณ {fy} "
                    f"({date_th(first)} – {date_th(last)})",
                    f"The memo date {date_en(memo)} is outside fiscal year {fy} "
                    f"({first.isoformat()} to {last.isoformat()}).",
                    "ตรวจวันที่ของบันทึกข้อความและปีงบประมาณ",
                    "Check the memo date and the fiscal year.")
    preface = _month(s.preface_date)
    if preface is not None and preface > memo:
        ctx.add(PREFACE_LATE.code, s.loc("preface_date"),
                f"คำนำลงเดือน {month_th(preface)} หลังวันที่ของบันทึกข้อความ {date_th(memo)} "
                f"({at(s.loc('memo_date'))}) ทั้งที่บันทึกข้อความเป็นหนังสือนำส่งรายงานนี้",
                f"The preface is dated {month_en(preface)}, after the memo "
                f"({date_en(memo)}, {at(s.loc('memo_date'))}) that submits the report.",
                "ให้เดือนของคำนำไม่หลังเดือนของบันทึกข้อความ (มักเป็นเดือนเดียวกัน)",
                "Date the preface no later than the memo (usually the same month).")


@rule(needs=("Results", "settings"), codes=(MEMO_EARLY.code,))
def memo_after_work(ctx: CheckContext) -> None:
    s = ctx.settings
    memo, fy = _memo_and_year(ctx)
    if memo is None:
        return
    bounds = fiscal_year_bounds(fy) if fy is not None else None
    latest = None
    for rec in ctx.records("Results"):
        for name in ("start", "end"):
            m = _month(getattr(rec, name))
            if m is not None and bounds and not bounds[0] <= m <= bounds[1]:
                continue  # outside the fiscal year: ITA301 says so, no second finding
            if m is not None and (latest is None or m > latest[0]):
                latest = (m, rec.locs.get(name))
    if latest is None or memo >= latest[0]:
        return
    m, loc = latest
    ctx.add(MEMO_EARLY.code, s.loc("memo_date"),
            f"บันทึกข้อความลงวันที่ {date_th(memo)} ก่อนกิจกรรมสุดท้ายเดือน {month_th(m)} ({at(loc)}) "
            "แต่บันทึกรายงานว่าดำเนินการเสร็จแล้ว",
            f"The memo is dated {date_en(memo)}, before the last activity in {month_en(m)} "
            f"({at(loc)}), yet it reports the work as done.",
            "ตรวจวันที่ของบันทึกข้อความหรือเดือนของกิจกรรม",
            "Check the memo date or the activity months.")



@rule(needs=("Results", "settings"), codes=(ROUND_NOT_REPORTED.code,))
def rows_of_round(ctx: CheckContext) -> None:
    """A row marked รอบ ๑๒ เดือน in a report that is not the 12-month one: the report is of
    another round, so the row would be printed under a heading the report does not have (with
    --force) or left out: an error either way, never a silent drop."""
    months = ctx.settings.round_months
    if months == 12:
        return
    round_loc = ctx.settings.loc("round")
    for rec in ctx.records("Results"):
        if rec.round_months == 12:
            ctx.add(ROUND_NOT_REPORTED.code, rec.locs.get("round"),
                    f"แถวนี้เป็นของรอบ ๑๒ เดือน แต่รอบการรายงาน ({round_loc or 'ตั้งค่า'}) "
                    f"{'เป็นรอบ ๖ เดือน' if months == 6 else 'ไม่ใช่รอบ ๑๒ เดือน'} "
                    "รายงานจะขาดแถวนี้",
                    f"This row belongs to the 12-month round, but the report's round "
                    f"({round_loc or 'settings'}) is not the 12-month one; the report would "
                    "miss it.",
                    "ถ้ารายงานทั้งปี เปลี่ยนรอบการรายงานเป็นรอบ ๑๒ เดือน ถ้าไม่ใช่ ลบแถวนี้หรือแก้ช่องรอบ",
                    "To report the whole year set the round to 12 months; otherwise delete the "
                    "row or correct its round.")
