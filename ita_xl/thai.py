"""Thai digits, Buddhist-era dates and text normalisation for comparisons.

Dates are formatted as pythainlp.util's ``thai_strftime`` formats them (Buddhist era, full Thai
month names; a test compares the two), without importing pythainlp.

``normalise`` is for *comparing* text only.  Documents always get the clerk's text as typed.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

BE_OFFSET = 543

# Zero-width and other invisible characters that text copied from PDFs and LINE carries.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")


def to_thai_digits(text: str) -> str:
    return text.translate(_TO_THAI)


def to_arabic_digits(text: str) -> str:
    return text.translate(_TO_ARABIC)


def digits(value: Any, thai: bool) -> str:
    """``value`` as text with Thai or Arabic digits (ints without ``.0``)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "" if value is None else str(value)
    return to_thai_digits(text) if thai else to_arabic_digits(text)


# Full Thai month names, as pythainlp.util.thai_strftime's %B prints them.  Formatting here
# instead of through pythainlp saves importing it (a fifth of a `generate` run's start-up).
THAI_MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
               "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
#: The abbreviations (ม.ค. … ธ.ค.), as clerks type them in dates.
THAI_MONTHS_ABBR = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.",
                    "ต.ค.", "พ.ย.", "ธ.ค.")


def format_date(date: dt.date, thai: bool = True) -> str:
    """``1 มีนาคม 2565`` style: day, full Thai month, Buddhist year (as the seed's memo date)."""
    return digits(f"{date.day} {THAI_MONTHS[date.month - 1]} {date.year + BE_OFFSET}", thai)


def format_month(date: dt.date, thai: bool = True) -> str:
    """``เมษายน ๒๕๖๕``: full Thai month and Buddhist year."""
    return digits(f"{THAI_MONTHS[date.month - 1]} {date.year + BE_OFFSET}", thai)


def format_slash_date(date: dt.date) -> str:
    """``๑/๓/๒๕๖๕``: day/month/Buddhist year in Thai digits (a date cell as ITA_THAIDIGITS shows it)."""
    return to_thai_digits(f"{date.day}/{date.month}/{date.year + BE_OFFSET}")


def buddhist_year(year_ce: int) -> int:
    return year_ce + BE_OFFSET


def fiscal_year_bounds(fiscal_year_be: int) -> tuple[dt.date, dt.date]:
    """First and last day of Thai fiscal year N (1 Oct of N-1 to 30 Sep of N, in CE dates)."""
    year_ce = fiscal_year_be - BE_OFFSET
    return dt.date(year_ce - 1, 10, 1), dt.date(year_ce, 9, 30)


def round_end(fiscal_year_be: int, months: int) -> dt.date:
    """Last day of the 6- or 12-month round of a fiscal year (31 Mar or 30 Sep)."""
    year_ce = fiscal_year_be - BE_OFFSET
    return dt.date(year_ce, 3, 31) if months == 6 else dt.date(year_ce, 9, 30)


# ำ (sara am) typed as nikhahit + sara aa, as text copied out of many PDFs carries it, with a
# tone mark on either side of the nikhahit; pythainlp.util.normalize composes it the same way
# (a test compares the two; importing pythainlp here would slow every start-up).
_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")


def compose_sara_am(text: str) -> str:
    """ำ typed as ํ + า (two characters) written as the one character ำ."""
    return _SARA_AM.sub("\\1\u0e33", text) if "\u0e4d" in text else text


def normalise(text: str) -> str:
    """Text reduced for comparison: NFC, ำ composed, no invisible characters, Arabic digits,
    single spaces.

    Thai has no spaces between words, so a space inside a Thai phrase is usually a PDF
    copy artefact; ``normalise_compact`` goes further and removes all whitespace.
    """
    text = compose_sara_am(unicodedata.normalize("NFC", text))
    text = _INVISIBLE.sub("", text)
    text = to_arabic_digits(text)
    return _SPACES.sub(" ", text).strip()


def normalise_compact(text: str) -> str:
    """``normalise`` without any whitespace: "มาตรการ เผยแพร่ข้อมูล" == "มาตรการเผยแพร่ข้อมูล"."""
    return _SPACES.sub("", normalise(text))
