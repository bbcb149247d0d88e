"""Small helpers shared by the rules: blanks, Excel error values, dates in messages."""
from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from typing import Any

from ...meaning import blank, fiscal_year, yes_no  # noqa: F401  (the one reading, shared with the model)
from ...meaning import score as number  # noqa: F401
from ...model import Loc, as_date
from ...thai import BE_OFFSET, format_date, format_month, normalise_compact

# Every error value Excel shows in a cell (also as xlwings hands them over with err_to_str).
EXCEL_ERRORS = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
    "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!",
    "#EXTERNAL!", "#PYTHON!",
})

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


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


# A date whose year is past this (C.E.) is a Buddhist-era year typed into a date.
BE_DATE_LIMIT = 2400


def be_corrected(d: dt.date) -> dt.date:
    """The date a B.E. year typed into a date means (29 February falls back to the 28th)."""
    try:
        return d.replace(year=d.year - BE_OFFSET)
    except ValueError:
        return d.replace(year=d.year - BE_OFFSET, day=28)


def plausible(d: dt.date | None) -> dt.date | None:
    """``d`` unless its year is a B.E. year typed into a date (ITA109 reports those alone)."""
    return d if d is not None and d.year <= BE_DATE_LIMIT else None
