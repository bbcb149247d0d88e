"""Dates, months and years as Thai documents write them, read back into values.

``๑ มีนาคม ๒๕๖๕``, ``1 มี.ค. 65``, ``เดือน ธันวาคม ๒๕๖๔``, ``ก.พ. 2565 – มี.ค. 2565``: month
names come from pythainlp's lists and day-month-year text goes through pythainlp's
``thai_strptime``.  Anything that does not read cleanly gives ``None``: the importer then keeps
the text as typed and the checks point at it.
"""
from __future__ import annotations

import datetime as dt
import re

from pythainlp.util import thai_strptime
from pythainlp.util.date import thai_abbr_months, thai_full_months

from ..thai import BE_OFFSET, to_arabic_digits

_MONTH_NAMES = sorted(list(thai_full_months) + list(thai_abbr_months), key=len, reverse=True)
_MONTH = "(" + "|".join(re.escape(m) for m in _MONTH_NAMES) + ")"
_SPACE = r"[\s\u00a0]*"
_YEAR = r"(?:พ\.\s*ศ\.\s*)?(\d{4}|\d{2})"
_MONTH_YEAR = re.compile(_MONTH + _SPACE + _YEAR)
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})" + _SPACE + r"(?:เดือน)?" + _SPACE + _MONTH + _SPACE + _YEAR)
_FISCAL_YEAR = re.compile(r"ปีงบประมาณ" + _SPACE + r"(?:พ\.\s*ศ\.)?" + _SPACE + r"(\d{4})")


def _month_number(name: str) -> int:
    if name in thai_full_months:
        return thai_full_months.index(name) + 1
    return thai_abbr_months.index(name) + 1


def _year_ce(text: str) -> int:
    year = int(text)
    if year < 100:  # "๖๕" for 2565
        year += 2500
    return year - BE_OFFSET


def parse_date(text: str) -> dt.date | None:
    """``๑ มีนาคม ๒๕๖๕`` → 2022-03-01 (the first date in ``text``), else None."""
    m = _DAY_MONTH_YEAR.search(to_arabic_digits(text or ""))
    if not m:
        return None
    day, month, year = m.groups()
    if len(year) == 2:
        year = str(int(year) + 2500)
    try:
        return thai_strptime(f"{int(day)} {month} {year}", "%d %B %Y").date()
    except (ValueError, IndexError):
        return None


def parse_months(text: str) -> list[dt.date]:
    """Every ``month year`` in ``text`` as the first of that month (``เดือน ธันวาคม ๒๕๖๔``)."""
    out = []
    for m in _MONTH_YEAR.finditer(to_arabic_digits(text or "")):
        try:
            out.append(dt.date(_year_ce(m.group(2)), _month_number(m.group(1)), 1))
        except ValueError:
            continue
    return out


def parse_month_line(text: str) -> dt.date | None:
    """A paragraph that is only a month and year (the preface's ``เมษายน ๒๕๖๕``), else None."""
    plain = to_arabic_digits(text or "").strip()
    m = re.fullmatch(r"(?:เดือน)?" + _SPACE + _MONTH + _SPACE + _YEAR, plain)
    if not m:
        return None
    try:
        return dt.date(_year_ce(m.group(2)), _month_number(m.group(1)), 1)
    except ValueError:
        return None


def parse_period(text: str) -> tuple[dt.date, dt.date | None] | None:
    """A results period: ``เดือน ธันวาคม ๒๕๖๔`` or ``ก.พ. – มี.ค. ๒๕๖๕`` → (start, end or None).

    Only text that is nothing but one or two months is read; "ตลอดปีงบประมาณ" and the like give
    None and stay text.  A first month without a year takes the second month's year (or the year
    before, when the month comes later in the calendar).
    """
    plain = to_arabic_digits(text or "").strip()
    plain = re.sub(r"^(?:ระหว่าง)?" + _SPACE + r"(?:เดือน)?", "", plain).strip()
    one = re.fullmatch(_MONTH + _SPACE + _YEAR, plain)
    if one:
        return dt.date(_year_ce(one.group(2)), _month_number(one.group(1)), 1), None
    two = re.fullmatch(_MONTH + _SPACE + r"(?:" + _YEAR + r")?" + _SPACE +
                       r"(?:–|—|-|ถึง|จนถึง)" + _SPACE + r"(?:เดือน)?" + _SPACE + _MONTH + _SPACE + _YEAR,
                       plain)
    if not two:
        return None
    m1, y1, m2, y2 = two.groups()
    end = dt.date(_year_ce(y2), _month_number(m2), 1)
    month1 = _month_number(m1)
    if y1:
        start = dt.date(_year_ce(y1), month1, 1)
    else:
        start = dt.date(end.year if month1 <= end.month else end.year - 1, month1, 1)
    return start, end


def fiscal_year_in(text: str) -> int | None:
    """The B.E. year after ``ปีงบประมาณ (พ.ศ.)`` in ``text``, else None."""
    m = _FISCAL_YEAR.search(to_arabic_digits(text or ""))
    return int(m.group(1)) if m else None


def has_thai_digits(text: str) -> bool:
    return any("๐" <= ch <= "๙" for ch in text or "")


def has_arabic_digits(text: str) -> bool:
    return any("0" <= ch <= "9" for ch in text or "")
