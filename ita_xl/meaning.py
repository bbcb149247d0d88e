"""What a cell value means: the one reading of every value that decides something.

A yes/no cell, the round, the digits setting, the fiscal year, a level and a score each have
exactly one interpretation, here.  The model (and so the documents) and the checks both call
these functions, so ``check`` can never accept a spelling that ``generate`` then reads
differently (an indicator marked "TRUE" passed the checks but was left out of the memo's count
when each side had its own list).

Each function returns ``None`` for a value it does not understand; the checks report that cell
(ITA105, ITA103, ITA106) and the documents fall back as their docstrings say.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

from .thai import to_arabic_digits

# Spellings of ใช่/ไม่ใช่, compared after NFC, outer spaces dropped and case folded.  Excel's
# TRUE/FALSE (a boolean cell) mean the same.
YES_WORDS = ("ใช่", "yes", "y", "true")
NO_WORDS = ("ไม่ใช่", "no", "n", "false")

# The digits setting, compared without spaces and case folded.
THAI_DIGIT_WORDS = ("เลขไทย", "ไทย", "thai")
ARABIC_DIGIT_WORDS = ("เลขอารบิก", "อารบิก", "arabic")

ROUNDS = (6, 12)

# Plausible Buddhist-era fiscal years (a C.E. year such as 2022 is not one).
FISCAL_YEAR_RANGE = (2400, 2800)

_NUMBER = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


def _words(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return _SPACE.sub("", unicodedata.normalize("NFC", value)).casefold()


def blank(value: Any) -> bool:
    """Nothing typed: no value, or text of nothing but spaces (also what a formula that shows
    nothing gives).  Every part of ita-xl — reader, derived columns, checks, documents, cell
    functions — decides "blank" here."""
    return value is None or (isinstance(value, str) and not value.strip())


def yes_no(value: Any) -> bool | None:
    """True for ใช่ (yes, y, true, Excel TRUE), False for ไม่ใช่ (no, n, false, FALSE), else None."""
    if isinstance(value, bool):
        return value
    text = _words(value)
    if text is None:
        return None
    if text in YES_WORDS:
        return True
    if text in NO_WORDS:
        return False
    return None


def round_months(value: Any) -> int | None:
    """6 or 12 for "รอบ ๖ เดือน", "รอบ 12 เดือน", "6", 12 …: the one number the value holds.

    A label with another number, or two numbers ("รอบ 16 เดือน", "6/12"), is not a round.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if value in ROUNDS else None
    if not isinstance(value, str):
        return None
    numbers = _NUMBER.findall(to_arabic_digits(unicodedata.normalize("NFC", value)))
    if len(numbers) == 1 and int(numbers[0]) in ROUNDS:
        return int(numbers[0])
    return None


def digits_setting(value: Any) -> bool | None:
    """True for เลขไทย, False for เลขอารบิก, None for anything else (the documents then use
    Thai digits, the usual official form, and the checks report the cell)."""
    text = _words(value)
    if text in THAI_DIGIT_WORDS:
        return True
    if text in ARABIC_DIGIT_WORDS:
        return False
    return None


def thai_digits(value: Any) -> bool:
    """Whether the documents print Thai digits: unless the setting says Arabic."""
    return digits_setting(value) is not False


def fiscal_year(value: Any) -> int | None:
    """The fiscal year when it is a whole Buddhist-era year (2400–2800), else None."""
    low, high = FISCAL_YEAR_RANGE
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return None


def score(value: Any) -> float | None:
    """A score or the pass mark as a number (the reader already turned typed digits into one)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    return None


def level_key(value: Any) -> str | None:
    """How a level is matched between the indicators and the levels table: "1", 1, 1.0, "๑"
    are one level.  None for a blank."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _SPACE.sub("", to_arabic_digits(unicodedata.normalize("NFC", str(value))))
    return text or None
