"""Issue 21 (one Thai date reader): the importer finds dates in a document's text, and reads
each with ``thai.parse_thai_date``, so a date it imports is the date a tracker cell typed the
same way means ("1 มีนาคม 2022" was the year 1479; "1/3/2565", "1 มีนา 2565" were nothing)."""
from __future__ import annotations

import datetime as dt

import pytest

from ita_xl.importer import thaidates
from ita_xl.thai import parse_thai_date

DATES = ["1 มีนาคม 2022", "1/3/2565", "1 มีนา 2565", "๑ มีนาคม ๒๕๖๕", "01-03-65", "1 มี.ค. 65",
         "วันที่ 1 มีนาคม พ.ศ. 2565", "31 ธ.ค. 2564", "1.3.2022"]


@pytest.mark.parametrize("text", DATES)
def test_a_date_in_a_paragraph_is_what_the_tracker_reads_it_as(text):
    meant = parse_thai_date(text)
    assert meant is not None and meant.has_day
    assert thaidates.parse_date(text) == meant.date
    # inside a memo's line, the same date
    assert thaidates.parse_date(f"ที่ ชม ๑๒๓/๒๕๖๕   วันที่ {text}  ") == meant.date


@pytest.mark.parametrize("text", ["31 ก.พ. 2565", "1 มีนาคม 1479", "ต้นเดือนมีนาคม", "12/2565"])
def test_no_date_is_made_up(text):
    assert thaidates.parse_date(text) is None


@pytest.mark.parametrize("text, want", [
    ("เมษายน ๒๕๖๕", dt.date(2022, 4, 1)), ("เดือน เมษายน 2565", dt.date(2022, 4, 1)),
    ("มีนา 65", dt.date(2022, 3, 1)), ("April 2022", None), ("ตลอดปีงบประมาณ", None)])
def test_a_month_line(text, want):
    assert thaidates.parse_month_line(text) == want
    meant = parse_thai_date(text.removeprefix("เดือน "))
    assert want is None or (meant.date, meant.has_day) == (want, False)


@pytest.mark.parametrize("text, want", [
    ("เดือน ธันวาคม ๒๕๖๔", (dt.date(2021, 12, 1), None)),
    ("ก.พ. – มี.ค. ๒๕๖๕", (dt.date(2022, 2, 1), dt.date(2022, 3, 1))),
    ("พ.ย. – ม.ค. 2565", (dt.date(2021, 11, 1), dt.date(2022, 1, 1))),
    ("ต.ค. 2564 – ก.ย. 2565", (dt.date(2021, 10, 1), dt.date(2022, 9, 1))),
    ("มีนา - เมษา 2022", (dt.date(2022, 3, 1), dt.date(2022, 4, 1))),
    ("ตลอดปีงบประมาณ", None)])
def test_a_period(text, want):
    assert thaidates.parse_period(text) == want


def test_the_importer_has_no_month_table_or_year_rule_of_its_own():
    import inspect

    source = inspect.getsource(thaidates)
    assert "thai_full_months" not in source and "BE_OFFSET" not in source
    assert "2500" not in source and "543" not in source
