"""Where the importer finds dates, months and years in a document's text.

Only the *finding* is here: a span shaped like a date ("๑ มีนาคม ๒๕๖๕", "1/3/2565",
"1 มีนา 2565", "เดือน ธันวาคม ๒๕๖๔", "ก.พ. – มี.ค. ๒๕๖๕") is cut out of the paragraph and read
by the tool's one Thai date reader, ``thai.parse_thai_date`` (its month names, its year rule:
two digits and years from 2400 are B.E., 1900–2200 C.E.), so a date the importer reads is the
date the tracker's cells and the checks would read.  Anything that does not read cleanly gives
``None``: the importer then keeps the text as typed and the checks point at it.
"""
from __future__ import annotations

import datetime as dt
import re

from ..thai import buddhist_year, parse_thai_date, to_arabic_digits

_SPACE = r"[\s\u00a0]*"
# A month written as a word: full, short ("มีนา") or abbreviated ("มี.ค."), Thai letters and dots.
_WORD = r"[ก-ฮ][ก-ฮะ-ฺเ-์.]*"
_ERA = r"(?:(?:พ|ค)\.?\s*ศ\.?\s*)?"
_YEAR = r"(?:\d{4}|\d{2})(?!\d)"
_NAMED_DATE = re.compile(r"(?<!\d)\d{1,2}" + _SPACE + r"(?:เดือน)?" + _SPACE + _WORD + _SPACE
                         + _ERA + _YEAR)
_NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*" + _YEAR)
_MONTH_YEAR = re.compile(r"(?<![\dก-ฮ])" + _WORD + _SPACE + _ERA + _YEAR)
_FISCAL_YEAR = re.compile(r"ปีงบประมาณ" + _SPACE + r"(?:พ\.\s*ศ\.)?" + _SPACE + r"(\d{4})")
_DASH = re.compile(_SPACE + r"(?:–|—|-|ถึง|จนถึง)" + _SPACE)


def _plain(text: str | None) -> str:
    return to_arabic_digits(text or "").replace("\u00a0", " ")


def _read(span: str, *, day: bool) -> dt.date | None:
    """``span`` through the one reader: a date (``day``) or a month (its first day)."""
    meant = parse_thai_date(re.sub(r"เดือน\s*", " ", span).strip())
    if meant is None or meant.has_day != day:
        return None
    return meant.date


def parse_date(text: str) -> dt.date | None:
    """``๑ มีนาคม ๒๕๖๕``, ``1/3/2565``, ``1 มีนา 2565`` → 2022-03-01: the first date in
    ``text``, else None."""
    plain = _plain(text)
    spans = sorted([*_NAMED_DATE.finditer(plain), *_NUMERIC_DATE.finditer(plain)],
                   key=lambda m: m.start())
    for m in spans:
        date = _read(m.group(0), day=True)
        if date is not None:
            return date
    return None


def parse_months(text: str) -> list[dt.date]:
    """Every ``month year`` in ``text`` as the first of that month (``เดือน ธันวาคม ๒๕๖๔``)."""
    out = []
    for m in _MONTH_YEAR.finditer(_plain(text)):
        date = _read(m.group(0), day=False)
        if date is not None:
            out.append(date)
    return out


def parse_month_line(text: str) -> dt.date | None:
    """A paragraph that is only a month and year (the preface's ``เมษายน ๒๕๖๕``), else None."""
    return _read(_plain(text).strip(), day=False)


def parse_period(text: str) -> tuple[dt.date, dt.date | None] | None:
    """A results period: ``เดือน ธันวาคม ๒๕๖๔`` or ``ก.พ. – มี.ค. ๒๕๖๕`` → (start, end or None).

    Only text that is nothing but one or two months is read; "ตลอดปีงบประมาณ" and the like give
    None and stay text.  A first month without a year takes the second month's year (or the year
    before, when the month comes later in the calendar).
    """
    plain = re.sub(r"^(?:ระหว่าง)?" + _SPACE, "", _plain(text).strip()).strip()
    one = _read(plain, day=False)
    if one is not None:
        return one, None
    parts = _DASH.split(plain, maxsplit=1)
    if len(parts) != 2:
        return None
    end = _read(parts[1], day=False)
    if end is None:
        return None
    start = _read(parts[0], day=False)
    if start is None:
        # "ก.พ. – มี.ค. ๒๕๖๕": the first month borrows the second's year, read the same way
        start = _read(f"{parts[0]} {buddhist_year(end.year)}", day=False)
        if start is None:
            return None
        if start.month > end.month:
            start = start.replace(year=end.year - 1)
    return start, end


def fiscal_year_in(text: str) -> int | None:
    """The B.E. year after ``ปีงบประมาณ (พ.ศ.)`` in ``text``, else None."""
    m = _FISCAL_YEAR.search(_plain(text))
    return int(m.group(1)) if m else None


def has_thai_digits(text: str) -> bool:
    return any("๐" <= ch <= "๙" for ch in text or "")


def has_arabic_digits(text: str) -> bool:
    return any("0" <= ch <= "9" for ch in text or "")
