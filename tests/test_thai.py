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
