"""``thai.format_date``/``format_month`` print exactly what pythainlp's ``thai_strftime`` prints.

ita-xl formats the dates itself so that ``generate`` does not import pythainlp (start-up time,
issue 5); this keeps the output identical to the library it replaced.
"""
from __future__ import annotations

import datetime as dt

import pytest

from ita_xl.thai import format_date, format_month

thai_strftime = pytest.importorskip("pythainlp.util").thai_strftime


@pytest.mark.parametrize("thai", [True, False])
def test_same_as_pythainlp_every_month_and_day_width(thai):
    dates = [dt.date(year, month, day) for year in (1999, 2021, 2022, 2024, 2030)
             for month in range(1, 13) for day in (1, 9, 10, 28)]
    for d in dates:
        when = dt.datetime(d.year, d.month, d.day)
        assert format_date(d, thai) == thai_strftime(when, "%-d %B %Y", thaidigit=thai)
        assert format_month(d, thai) == thai_strftime(when, "%B %Y", thaidigit=thai)


def test_seed_dates():
    assert format_date(dt.date(2022, 3, 1)) == "๑ มีนาคม ๒๕๖๕"
    assert format_month(dt.date(2022, 4, 1)) == "เมษายน ๒๕๖๕"
    assert format_date(dt.date(2024, 9, 20), thai=False) == "20 กันยายน 2567"


# --- dates typed as text (issue 9): one parser, ``thai.parse_thai_date`` --------------------------
from ita_xl.thai import looks_like_date, parse_thai_date  # noqa: E402

MARCH_1 = dt.date(2022, 3, 1)


@pytest.mark.parametrize("text, date, has_day", [
    ("1 มี.ค. 65", MARCH_1, True),
    ("01/03/2565", MARCH_1, True),
    ("๑ มีนาคม ๒๕๖๕", MARCH_1, True),
    ("๑/๓/๒๕๖๕", MARCH_1, True),
    ("1-3-65", MARCH_1, True),
    ("1.3.2022", MARCH_1, True),
    ("วันที่ 1 มีนาคม พ.ศ. 2565", MARCH_1, True),
    ("1 มีค 65", MARCH_1, True),
    ("1 มีนา 2565", MARCH_1, True),
    ("1 มี.ค. ค.ศ. 2022", MARCH_1, True),
    ("มี.ค. 2565", MARCH_1, False),
    ("มีนาคม ๖๕", MARCH_1, False),
    ("3/2565", MARCH_1, False),
    ("1/11/2565", dt.date(2022, 11, 1), True),  # pythainlp's thai_strptime reads month 1 here
    ("31 ธ.ค. 64", dt.date(2021, 12, 31), True),
    (" 29 ก.พ. 2567 ", dt.date(2024, 2, 29), True),
])
def test_usual_thai_forms_read_as_the_date_they_mean(text, date, has_day):
    got = parse_thai_date(text)
    assert got is not None and got.date == date and got.has_day is has_day
    assert looks_like_date(text)


@pytest.mark.parametrize("text, shaped", [
    ("ตลอดปีงบประมาณ", False),
    ("ต.ค. 2565 – ก.ย. 2566", False),  # a range is a period in words, not one date
    ("ต้นเดือนมีนาคม", False),
    ("2565", False),
    ("๕๖๖๐๑/-", False),
    ("31 ก.พ. 2565", True),  # date-shaped but no such day
    ("29 ก.พ. 2565", True),
    ("1/13/2565", True),
    ("3/3/3", True),
    ("1 March 2022", False),
    ("ประชุม 1 มี.ค. 65 แล้ว", True),  # holds a date but is not one: the whole text must match
    ("1/3/1850", True),  # neither B.E. nor a plausible C.E. year
])
def test_text_that_is_no_date_is_refused(text, shaped):
    assert parse_thai_date(text) is None
    assert looks_like_date(text) is shaped


def test_parsing_a_text_date_is_the_only_thing_that_imports_pythainlp():
    import subprocess
    import sys

    code = ("import sys, ita_xl.pipeline, ita_xl.reader; "
            "before = 'pythainlp' in sys.modules; "
            "from ita_xl.thai import parse_thai_date; parse_thai_date('1 มี.ค. 65'); "
            "print(before, 'pythainlp' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


# --- edges that decide a document (each kills a mutant of bench/mutants.py) ------------------
def test_fiscal_year_and_round_bounds():
    import datetime as dt

    from ita_xl.thai import fiscal_year_bounds, round_end

    assert fiscal_year_bounds(2565) == (dt.date(2021, 10, 1), dt.date(2022, 9, 30))
    assert round_end(2565, 6) == dt.date(2022, 3, 31)  # March is in the 6-month round
    assert round_end(2565, 12) == dt.date(2022, 9, 30)


def test_sara_am_typed_in_two_characters_compares_equal_but_prints_as_typed():
    from ita_xl.thai import normalise

    assert normalise("ก\u0e4d\u0e32หนด") == normalise("กำหนด") == "กำหนด"
    assert normalise("น\u0e4d\u0e49\u0e32") == "น\u0e49\u0e33"  # น้ำ with the tone mark between


def test_numbers_print_their_decimals_and_whole_floats_without():
    from ita_xl.thai import digits

    assert digits(85.5, True) == "๘๕.๕" and digits(85.0, True) == "๘๕"
    assert digits(2565, False) == "2565" and digits(None, True) == ""
