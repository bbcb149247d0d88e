"""Thai digits, Buddhist-era dates and text normalisation for comparisons.

Dates are formatted as pythainlp.util's ``thai_strftime`` formats them (Buddhist era, full Thai
month names; a test compares the two), without importing pythainlp.

``normalise`` is for *comparing* text only.  Documents always get the clerk's text as typed.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
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


def fixed(number: float, places: int, *, grouped: bool = False) -> str:
    """``number`` with ``places`` decimals as Excel rounds for display (half away from zero,
    on the number as typed: 72.445 → "72.45", where ``f"{72.445:.2f}"`` gives "72.44")."""
    from decimal import ROUND_HALF_UP, Decimal

    exact = Decimal(repr(float(number))).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{exact:{',' if grouped else ''}f}"


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


# --- dates typed as text --------------------------------------------------------------------------
# The day, month and year as clerks type them: "1 มี.ค. 65", "01/03/2565", "๑ มีนาคม ๒๕๖๕",
# "มี.ค. 2565", "วันที่ 1 มีนาคม พ.ศ. 2565".  Day-month-year order only (the Thai order).
_SEP = r"\s*[/.\-]\s*"
_NUMERIC_DATE = re.compile(rf"^(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}}|\d{{2}})$")
_NUMERIC_MONTH = re.compile(rf"^(\d{{1,2}}){_SEP}(\d{{4}})$")
_NAMED = re.compile(r"^(?:(\d{1,2})\s*)?([^\d\s][^\d]*?)\s*((?:พ\.?\s*ศ\.?|ค\.?\s*ศ\.?)\s*)?(\d{4}|\d{2})$")
_DAY_WORD = re.compile(r"^(?:วันที่|วัน)\s*")
_DATE_SHAPE = re.compile(r"\d{1,4}\s*[/.\-]\s*\d{1,4}|\d\s*[ก-๛]+\.?\s*[ก-๛]*\.?\s*\d{2}")


@dataclass(frozen=True)
class TextDate:
    """What a date typed as text means: the date, and whether the text named a day."""

    date: dt.date
    has_day: bool
    buddhist: bool  # the year was typed in B.E.


def _month_number(name: str) -> int | None:
    """1–12 for a Thai month name, its short form or abbreviation (dots and spaces ignored).

    The names are pythainlp's (``thai_full_month_lists``: มีนาคม, มีนา, มี.ค. …), imported only
    when a text date has to be read, so ``generate`` does not pay pythainlp's start-up otherwise.
    """
    from pythainlp.util.date import thai_full_month_lists

    wanted = name.replace(".", "").replace(" ", "")
    for number, names in enumerate(thai_full_month_lists, start=1):
        for known in names:
            if not known.isdigit() and known.replace(".", "") == wanted:
                return number
    return None


def _year_ce(text: str, era: str | None) -> tuple[int, bool] | None:
    """(C.E. year, typed in B.E.) for a typed year: two digits are B.E. 25xx ("65" is 2565);
    four digits are B.E. from 2400 on and C.E. from 1900 to 2200, unless "พ.ศ."/"ค.ศ." says."""
    year = int(text)
    if len(text) == 2:
        return (2500 + year - BE_OFFSET, True) if era != "ce" else (2000 + year, False)
    if era == "be" or (era is None and year >= 2400):
        return (year - BE_OFFSET, True) if year >= 2400 else None
    if 1900 <= year <= 2200:
        return year, False
    return None


def parse_thai_date(text: str) -> TextDate | None:
    """The date a text in one of the usual Thai forms means, or None when it is no date.

    Accepted (Thai or Arabic digits, spaces free): ``1/3/2565``, ``01-03-65``, ``1.3.2022``,
    ``1 มี.ค. 65``, ``๑ มีนาคม ๒๕๖๕``, ``วันที่ 1 มีนาคม พ.ศ. 2565``, and months without a day:
    ``มี.ค. 2565``, ``มีนาคม ๖๕``, ``3/2565``.  Anything else, an impossible day (31 ก.พ.) or a
    year that is neither B.E. nor a plausible C.E. year, gives None.

    pythainlp's ``thai_strptime`` is not used for the parsing itself: it searches instead of
    matching the whole text ("ประชุม 1 มี.ค. 65 แล้ว" parses), needs Arabic digits, has no
    month-only form and fails on numeric months 10–12; its month table is used instead.
    """
    if not isinstance(text, str):
        return None
    text = to_arabic_digits(unicodedata.normalize("NFC", text)).strip()
    text = _DAY_WORD.sub("", text)
    day = month = None
    era = None
    m = _NUMERIC_DATE.match(text)
    if m:
        day, month, year_text = int(m.group(1)), int(m.group(2)), m.group(3)
    elif (m := _NUMERIC_MONTH.match(text)):
        month, year_text = int(m.group(1)), m.group(2)
    elif (m := _NAMED.match(text)):
        day = int(m.group(1)) if m.group(1) else None
        month = _month_number(m.group(2))
        if m.group(3):
            era = "be" if m.group(3).lstrip().startswith("พ") else "ce"
        year_text = m.group(4)
    else:
        return None
    if month is None or not 1 <= month <= 12:
        return None
    year = _year_ce(year_text, era)
    if year is None:
        return None
    try:
        date = dt.date(year[0], month, day or 1)
    except ValueError:
        return None
    return TextDate(date, day is not None, year[1])


def looks_like_date(text: str) -> bool:
    """Whether a text has the shape of a date ("31/2/2565", "1 มี.ค. 2565") even if it is no
    valid one: numbers joined by / . - or a number, Thai word and year.  For telling a mistyped
    date from free text such as "ตลอดปีงบประมาณ"."""
    if not isinstance(text, str):
        return False
    return parse_thai_date(text) is not None or bool(
        _DATE_SHAPE.search(to_arabic_digits(unicodedata.normalize("NFC", text))))
