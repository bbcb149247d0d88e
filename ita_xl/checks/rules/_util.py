"""Small helpers shared by the rules: blanks, Excel error values, dates in messages."""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from typing import Any

from ...model import Loc, as_date
from ...thai import (BE_OFFSET, THAI_MONTHS, THAI_MONTHS_ABBR, format_date, format_month,
                     normalise_compact, to_arabic_digits)

# Every error value Excel shows in a cell (also as xlwings hands them over with err_to_str).
EXCEL_ERRORS = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
    "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!",
    "#EXTERNAL!", "#PYTHON!",
})

YES = frozenset({"ใช่", "yes", "y", "true"})
NO = frozenset({"ไม่ใช่", "no", "n", "false"})

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def is_excel_error(value: Any) -> bool:
    return isinstance(value, str) and value.strip().upper() in EXCEL_ERRORS


def key(value: Any) -> str:
    """Comparison form of any value: no whitespace, Arabic digits, no invisible characters."""
    return _key(str(value)) if value is not None else ""


@functools.lru_cache(maxsize=65536)
def _key(text: str) -> str:
    return normalise_compact(text)


def typed(value: Any) -> str:
    """The value as typed, for exact comparisons (NFC, outer whitespace dropped)."""
    return unicodedata.normalize("NFC", str(value)).strip() if value is not None else ""


def yes_no(value: Any) -> bool | None:
    """True for ใช่/yes, False for ไม่ใช่/no, None for anything else."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    return None


def number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return None


def fiscal_year(value: Any) -> int | None:
    """The fiscal year when it is a plausible Buddhist-era year, else None."""
    if isinstance(value, int) and not isinstance(value, bool) and 2400 <= value <= 2800:
        return value
    return None


def month_start(value: Any) -> dt.date | None:
    d = as_date(value)
    return d.replace(day=1) if d else None


def date_th(d: dt.date) -> str:
    """``1 มีนาคม 2565``: a date in a message (Arabic digits)."""
    return format_date(d, thai=False)


def date_en(d: dt.date) -> str:
    return f"{d.day} {MONTHS_EN[d.month - 1]} {d.year} (B.E. {d.year + BE_OFFSET})"


def month_th(d: dt.date) -> str:
    return format_month(d, thai=False)


def month_en(d: dt.date) -> str:
    return f"{MONTHS_EN[d.month - 1]} {d.year} (B.E. {d.year + BE_OFFSET})"


def show(value: Any, limit: int = 60) -> str:
    """A value quoted for a message, shortened."""
    text = str(value).replace("\n", " ⏎ ")
    return f"“{text[:limit]}…”" if len(text) > limit else f"“{text}”"


def at(loc: Loc | None) -> str:
    return str(loc) if loc is not None else "?"


_THAI_DATE = re.compile(r"^\s*(?:วันที่\s*)?(\d{1,2})\s*([^\d\s/.-][^\d\s]*\.?[^\d\s]*)\s*(?:พ\.ศ\.)?\s*(\d{4})\s*$")
_SLASH_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")


def parse_date_text(text: str) -> dt.date | None:
    """What a date typed as text most likely means ("๑ มีนาคม ๒๕๖๕", "1/3/2565"), or None.

    Only used to suggest a fix in a message; years above 2400 are read as Buddhist era.
    """
    text = to_arabic_digits(unicodedata.normalize("NFC", text))
    day = month = year = None
    m = _THAI_DATE.match(text)
    if m:
        name = m.group(2).replace(" ", "")
        for i, (full, abbr) in enumerate(zip(THAI_MONTHS, THAI_MONTHS_ABBR), start=1):
            if name in (full, abbr, abbr.rstrip(".")):
                month = i
        day, year = int(m.group(1)), int(m.group(3))
    else:
        m = _SLASH_DATE.match(text)
        if m:
            day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (day and month and year):
        return None
    if year > 2400:
        year -= BE_OFFSET
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_MONTH_TEXT = re.compile(r"^\s*(?:เดือน\s*)?([^\d\s/.-][^\d\s]*\.?[^\d\s]*)\s*(?:พ\.ศ\.)?\s*(\d{4})\s*$")


def parse_month_text(text: str) -> dt.date | None:
    """The first day of a month typed as text ("ธันวาคม 2564", "ก.พ. ๒๕๖๕"), or None.

    Only one month: a range ("ต.ค. 2565 – ก.ย. 2566") or words ("ตลอดปีงบประมาณ") give None.
    """
    m = _MONTH_TEXT.match(to_arabic_digits(unicodedata.normalize("NFC", text)))
    if not m:
        return None
    name = m.group(1).replace(" ", "")
    year = int(m.group(2))
    for i, (full, abbr) in enumerate(zip(THAI_MONTHS, THAI_MONTHS_ABBR), start=1):
        if name in (full, abbr, abbr.rstrip(".")):
            if year > 2400:
                year -= BE_OFFSET
            return dt.date(year, i, 1)
    return None
