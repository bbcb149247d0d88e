"""1xx: every value is there, of the right type, in range, and not an Excel error."""
from __future__ import annotations

import datetime as dt

from ...meaning import digits_setting, round_months
from ...model import as_date
from ...thai import buddhist_year, looks_like_date, parse_thai_date
from ..codes import (BE_YEAR_IN_DATE, DATE_AS_TEXT, EXCEL_ERROR, FISCAL_YEAR, FORMULA, NOT_A_DATE,
                     NOT_A_NUMBER, NOT_IN_LIST, OUT_OF_RANGE, PERCENT_CELL, PERIOD_TEXT, REF_IS_DATE,
                     REQUIRED)
from ..engine import Cell, CheckContext, rule
from ._util import (BE_DATE_LIMIT, be_corrected, blank, date_en, date_th, is_excel_error, month_en,
                    month_th, show, yes_no)

# Cells where a period may be typed as text ("ตลอดปีงบประมาณ", "ต.ค. 2565 – ก.ย. 2566"): printed
# as typed.  Text in a usual date form was already read as the date it means (ITA110); only text
# shaped like a date that is none ("31 ก.พ. 2565") is worth a warning.
PERIOD_CELLS = {("Results", "start"), ("Results", "end")}

SCORE_FIELDS = {"score", "pass_mark", "overall_score"}


@rule(needs=(), codes=(REQUIRED.code, NOT_A_DATE.code, NOT_A_NUMBER.code, OUT_OF_RANGE.code,
                       NOT_IN_LIST.code, FISCAL_YEAR.code, EXCEL_ERROR.code, FORMULA.code,
                       BE_YEAR_IN_DATE.code, DATE_AS_TEXT.code, REF_IS_DATE.code,
                       PERIOD_TEXT.code, PERCENT_CELL.code))
def values(ctx: CheckContext) -> None:
    for c in ctx.cells():
        if ctx.is_formula_without_value(c.loc):
            ctx.add(FORMULA.code, c.loc,
                    f"ช่อง “{c.label}” มีสูตรที่ยังไม่ได้คำนวณ จึงอ่านค่าไม่ได้ (เอกสารจะว่างตรงนี้)",
                    f"“{c.label}” holds a formula that was never calculated, so it reads as blank.",
                    "เปิดไฟล์ใน Excel ให้คำนวณ (F9) แล้วบันทึก หรือพิมพ์ค่าลงไปแทนสูตร",
                    "Open the file in Excel so it calculates (F9) and save, or type the value.")
            continue
        value = c.value
        if is_excel_error(value):
            ctx.add(EXCEL_ERROR.code, c.loc,
                    f"ช่อง “{c.label}” แสดงค่าความผิดพลาด {value.strip()} ของ Excel",
                    f"“{c.label}” shows the Excel error {value.strip()}.",
                    "แก้สูตรหรือการอ้างอิงที่ทำให้เกิดค่านี้ หรือพิมพ์ค่าที่ถูกต้องแทน",
                    "Fix the formula or reference behind it, or type the right value.")
            continue
        if blank(value):
            if c.required:
                _required(ctx, c)
            continue
        if isinstance(value, dt.date):
            if c.field == "memo_ref" and c.table is None:
                _ref_date(ctx, c)
                continue
            if _be_year(ctx, c):
                continue
        if c.kind in {"date", "month"}:
            _date(ctx, c)
        elif c.kind in {"int", "number"}:
            _number(ctx, c)
        _choice(ctx, c)


def _required(ctx: CheckContext, c: Cell) -> None:
    if c.table is None:
        th = f"ยังไม่ได้กรอก “{c.label}”"
        en = f"“{c.label}” is empty (setting {c.field})."
    else:
        th = f"ตาราง {c.table} แถวที่ {c.record.row}: ยังไม่ได้กรอกคอลัมน์ “{c.label}”"
        en = f"Table {c.table}, row {c.record.row}: column “{c.label}” is empty."
    ctx.add(REQUIRED.code, c.loc, th, en, "กรอกข้อมูลในช่องนี้", "Fill in this cell.")


def _be_year(ctx: CheckContext, c: Cell) -> bool:
    """A date past 2400 C.E. is a B.E. year typed into a date (1/3/2565 on a Thai-locale
    Windows makes the year 2565 C.E., shown as ๓๑๐๘): an error with the date it means."""
    d = as_date(c.value)
    if d is None or d.year <= BE_DATE_LIMIT:
        return False
    meant = be_corrected(d)
    month = c.kind == "month"
    shown = month_th(d) if month else date_th(d)
    typed = f"{meant.month}/{meant.year}" if month else f"{meant.day}/{meant.month}/{meant.year}"
    ctx.add(BE_YEAR_IN_DATE.code, c.loc,
            f"ช่อง “{c.label}” เป็นปี ค.ศ. {d.year} (แสดงเป็น {shown}) ซึ่งคือปี พ.ศ. "
            "ที่พิมพ์ลงในวันที่แบบ ค.ศ. เอกสารจะพิมพ์ปีผิด",
            f"“{c.label}” holds the year {d.year} C.E. (shown as {shown}): a Buddhist-era year "
            "typed into a date; the documents would print the wrong year.",
            f"หมายถึง {month_th(meant) if month else date_th(meant)} ใช่ไหม? พิมพ์ใหม่เป็น {typed} "
            "(ปี ค.ศ.) แล้ว Excel จะแสดงเป็นปี พ.ศ. ตามรูปแบบของช่อง",
            f"Did you mean {typed}? Type it with the C.E. year ({typed}); the cell's format "
            "shows it in B.E.")
    return True


def _ref_date(ctx: CheckContext, c: Cell) -> None:
    d = as_date(c.value)
    ctx.add(REF_IS_DATE.code, c.loc,
            f"ช่อง “{c.label}” เป็นวันที่ {date_th(d)} ไม่ใช่ข้อความ: Excel เปลี่ยนเลขที่ที่พิมพ์ "
            "(เช่น 12/2565) เป็นวันที่ เอกสารจะพิมพ์ ที่ เป็นวันที่",
            f"“{c.label}” holds the date {date_en(d)}, not text: Excel turned the number typed "
            "(such as 12/2565) into a date, and the memo would print it as one.",
            "พิมพ์เลขที่ใหม่โดยขึ้นต้นด้วยเครื่องหมาย ' (เช่น '12/2565) หรือจัดรูปแบบเซลล์เป็น"
            "ข้อความก่อนพิมพ์",
            "Type the number again starting with an apostrophe ('12/2565), or format the cell "
            "as Text before typing.")


def _date(ctx: CheckContext, c: Cell) -> None:
    value = c.value
    if isinstance(value, (dt.date, dt.datetime)):
        typed = _typed(ctx, c)
        if typed is not None:
            d = as_date(value)
            shown = date_th(d) if c.kind == "date" else month_th(d)
            ctx.add(DATE_AS_TEXT.code, c.loc,
                    f"ช่อง “{c.label}” เป็นข้อความ {show(typed)} ไม่ใช่วันที่ของ Excel: ita-xl "
                    f"อ่านเป็น {shown}",
                    f"“{c.label}” holds the text {show(typed)}, not an Excel date; ita-xl reads "
                    f"it as {date_en(d) if c.kind == 'date' else month_en(d)}.",
                    "ถ้าถูกต้อง พิมพ์ใหม่เป็นวันที่ของ Excel (เช่น 1/3/2022 ปี ค.ศ.) เพื่อให้ Excel "
                    "ตรวจและจัดรูปแบบได้",
                    "If that is right, type it as an Excel date (e.g. 1/3/2022, C.E.) so Excel "
                    "checks and formats it.")
        return
    if isinstance(value, dt.time):  # a date cell holding 0 (or 0.5 …): Excel's day 0
        _impossible_date(ctx, c, value)
        return
    if (c.table, c.field) in PERIOD_CELLS and isinstance(value, str):
        _period_text(ctx, c, value)
        return
    guess = parse_thai_date(value) if isinstance(value, str) else None
    word_th = "วันที่" if c.kind == "date" else "เดือนและปี"
    if guess is not None:  # a month without a day in a date cell
        hint_th = f"ดูเหมือนหมายถึงเดือน {month_th(guess.date)} แต่ไม่มีวันที่: "
        hint_en = f"It looks like {month_en(guess.date)}, without a day: "
    else:
        hint_th = hint_en = ""
    ctx.add(NOT_A_DATE.code, c.loc,
            f"ช่อง “{c.label}” ต้องเป็น{word_th}ของ Excel แต่เป็นข้อความ {show(value)}",
            f"“{c.label}” must be an Excel date but holds the text {show(value)}.",
            hint_th + "พิมพ์ใหม่เป็นวันที่ เช่น 1/3/2022 (ค.ศ.) แล้วจัดรูปแบบเป็นวันที่ไทย",
            hint_en + "Re-enter it as a date, e.g. 1/3/2022, formatted as a Thai date.")


def _typed(ctx: CheckContext, c: Cell) -> str | None:
    typed = c.record.typed if c.record is not None else ctx.settings.typed
    return typed.get(c.field)


def _impossible_date(ctx: CheckContext, c: Cell, value: dt.time) -> None:
    """Excel's date number 0 (or a fraction of a day) in a date cell: a date that never was.

    Excel shows it as 0 January 1900 (00/01/1900); openpyxl hands it over as a time of day.
    """
    serial = (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    number = f"{serial:g}"
    word_th = "วันที่" if c.kind == "date" else "เดือนและปี"
    ctx.add(NOT_A_DATE.code, c.loc,
            f"ช่อง “{c.label}” เป็น{word_th}ที่ไม่มีอยู่จริง: เลขวันที่ {number} ของ Excel "
            "(วันที่ 0 มกราคม 1900 ซึ่ง Excel แสดงเป็น 00/01/1900) มักเกิดจากสูตรที่อ้างถึงช่องว่าง "
            "หรือพิมพ์ 0 ลงในช่องวันที่",
            f"“{c.label}” holds a date that does not exist: Excel date number {number} "
            "(day 0, 0 January 1900, shown as 00/01/1900), usually a formula pointing at an "
            "empty cell or a 0 typed into a date cell.",
            "พิมพ์วันที่ที่ถูกต้อง เช่น 1/3/2022 (ค.ศ.) แล้วจัดรูปแบบเป็นวันที่ไทย",
            "Enter the real date, e.g. 1/3/2022, formatted as a Thai date.")


def _period_text(ctx: CheckContext, c: Cell, value: str) -> None:
    if not looks_like_date(value):
        return  # a period in words or a range: printed as typed
    ctx.add(PERIOD_TEXT.code, c.loc,
            f"ช่อง “{c.label}” พิมพ์ {show(value)} เป็นข้อความ ซึ่งดูเหมือนวันที่แต่อ่านเป็นวันที่ไม่ได้ "
            "เอกสารจะพิมพ์ตามที่พิมพ์ไว้ แต่จะไม่ได้ตรวจว่าอยู่ในปีงบประมาณและรอบการรายงานหรือไม่",
            f"“{c.label}” holds {show(value)} as text; it looks like a date but is none. It is "
            "printed as typed, but not checked against the fiscal year and round.",
            "ตรวจวันที่ที่พิมพ์ แล้วพิมพ์ใหม่เป็นวันที่ของ Excel (เช่น 1/2/2022) เพื่อให้ตรวจช่วงเวลาได้ "
            "หรือคงไว้ถ้าตั้งใจ",
            "Check the date typed and enter it as an Excel date (e.g. 1/2/2022) so the period is "
            "checked, or keep it.")


def _number(ctx: CheckContext, c: Cell) -> None:
    value = c.value
    whole = c.kind == "int"
    ok = isinstance(value, int) if whole else isinstance(value, (int, float))
    if isinstance(value, bool) or not ok:
        ctx.add(NOT_A_NUMBER.code, c.loc,
                f"ช่อง “{c.label}” ต้องเป็น{'จำนวนเต็ม' if whole else 'ตัวเลข'} แต่เป็น {show(value)}",
                f"“{c.label}” must be a {'whole number' if whole else 'number'}, not {show(value)}.",
                "พิมพ์เป็นตัวเลขอย่างเดียว (เลขไทยหรืออารบิกก็ได้)",
                "Type the number only (Thai or Arabic digits).")
        return
    if c.field == "fiscal_year" and c.table is None and not 2400 <= value <= 2800:
        ce = 1800 <= value <= 2200
        ctx.add(FISCAL_YEAR.code, c.loc,
                f"ปีงบประมาณ {value} ไม่ใช่ปี พ.ศ." + (f" (ถ้าเป็น ค.ศ. คือ พ.ศ. {buddhist_year(value)})" if ce else ""),
                f"Fiscal year {value} is not a Buddhist-era year"
                + (f" (as C.E. it is B.E. {buddhist_year(value)})." if ce else "."),
                "พิมพ์ปีงบประมาณเป็น พ.ศ. เช่น 2565", "Type the fiscal year in B.E., e.g. 2565.")
        return
    if c.field in SCORE_FIELDS and 0 < value < 1:
        # 82.47% is stored as 0.8247: a percent-formatted cell is read as shown (82.47) by the
        # reader; a fraction left here came without its format (or was typed so) and the
        # documents would print "๐.๘๒๔๗".  No ITA score is a fraction of one point.
        ctx.add(PERCENT_CELL.code, c.loc,
                f"ช่อง “{c.label}” เป็น {value:g} ซึ่งดูเหมือนร้อยละที่ถูกเก็บเป็นเศษส่วน "
                f"({value * 100:g}%) เอกสารจะพิมพ์ {value:g}",
                f"“{c.label}” is {value:g}, which looks like a percentage stored as a fraction "
                f"({value * 100:g}%); the documents would print {value:g}.",
                f"พิมพ์คะแนนเป็นตัวเลขเต็ม เช่น {value * 100:g} (ไม่ใช้รูปแบบร้อยละ)",
                f"Type the score as a number such as {value * 100:g} (no percent format).")
        return
    if c.field in SCORE_FIELDS and not 0 <= value <= 100:
        ctx.add(OUT_OF_RANGE.code, c.loc,
                f"ช่อง “{c.label}” เป็น {value:g} แต่คะแนน ITA อยู่ระหว่าง 0 ถึง 100",
                f"“{c.label}” is {value:g}; ITA scores run from 0 to 100.",
                "ตรวจคะแนนจากผลการประเมินอีกครั้ง", "Check the score against the assessment result.")


def _choice(ctx: CheckContext, c: Cell) -> None:
    value = c.value
    if c.table == "Indicators" and c.field == "short":
        if yes_no(value) is None:
            ctx.add(NOT_IN_LIST.code, c.loc,
                    f"ช่อง “{c.label}” ต้องเป็น “ใช่” หรือ “ไม่ใช่” แต่เป็น {show(value)} "
                    "(จะไม่ถูกนับเป็นตัวชี้วัดที่ไม่ผ่านเกณฑ์)",
                    f"“{c.label}” must be “ใช่” (yes) or “ไม่ใช่” (no), not {show(value)}; "
                    "it would not be counted as short.",
                    "เลือกจากรายการ ใช่/ไม่ใช่", "Pick ใช่ or ไม่ใช่ from the dropdown.")
    elif c.table is None and c.field == "round":
        if ctx.settings.round_months is None:
            ctx.add(NOT_IN_LIST.code, c.loc,
                    f"รอบการรายงาน {show(value)} ไม่ใช่ “รอบ ๖ เดือน” หรือ “รอบ ๑๒ เดือน”",
                    f"Round {show(value)} is neither the 6-month nor the 12-month round.",
                    "เลือกจากรายการ รอบ ๖ เดือน/รอบ ๑๒ เดือน", "Pick the round from the dropdown.")
    elif c.table is None and c.field == "round_print":
        if yes_no(value) is None:
            ctx.add(NOT_IN_LIST.code, c.loc,
                    f"ช่อง “{c.label}” ต้องเป็น “ใช่” หรือ “ไม่ใช่” แต่เป็น {show(value)} (จะพิมพ์รอบ)",
                    f"“{c.label}” must be “ใช่” (yes) or “ไม่ใช่” (no), not {show(value)}; the "
                    "round would be printed.",
                    "เลือกจากรายการ ใช่/ไม่ใช่", "Pick ใช่ or ไม่ใช่ from the dropdown.")
    elif c.table == "Results" and c.field == "round":
        if round_months(value) is None:
            ctx.add(NOT_IN_LIST.code, c.loc,
                    f"รอบของแถวนี้ {show(value)} ไม่ใช่ “รอบ ๖ เดือน” หรือ “รอบ ๑๒ เดือน”",
                    f"The row's round {show(value)} is neither the 6-month nor the 12-month round.",
                    "เลือกจากรายการ รอบ ๖ เดือน/รอบ ๑๒ เดือน หรือเว้นว่าง",
                    "Pick the round from the dropdown, or leave it blank.")
    elif c.table is None and c.field == "digits":
        if digits_setting(value) is None:
            ctx.add(NOT_IN_LIST.code, c.loc,
                    f"รูปแบบตัวเลข {show(value)} ไม่ใช่ “เลขไทย” หรือ “เลขอารบิก” (จะใช้เลขไทย)",
                    f"Digits {show(value)} is neither Thai nor Arabic (Thai digits will be used).",
                    "เลือกจากรายการ เลขไทย/เลขอารบิก", "Pick เลขไทย or เลขอารบิก from the dropdown.")
