"""model: the facts derived once from the tables (short indicators, levels with their members,
the previous fiscal year), cell addresses, and records as read from the bundled example."""
from __future__ import annotations

import datetime as dt

import pytest

from ita_xl import resources
from ita_xl.model import (Indicator, Level, Loc, ResultRow, Settings, Tracker, as_date,
                          cell_name, cell_position, range_name)
from ita_xl.reader import read_tracker


def test_cells_and_ranges_round_trip():
    assert cell_position("B5") == (5, 2) and cell_name(5, 2) == "B5"
    assert cell_position("AA10") == (10, 27) and cell_name(10, 27) == "AA10"
    for bad in ("", None, "5B", "AAAA1"):
        assert cell_position(bad) == (0, 0)
    assert range_name((3, 1), 4, 6) == "A3:F6"
    loc = Loc("มาตรการ", "C4", "Plan", "มาตรการ")
    assert str(loc) == "มาตรการ!C4" and loc.position == (4, 3)


def _tracker(indicators, levels=()):
    return Tracker(settings=Settings(fiscal_year=2565), indicators=list(indicators),
                   levels=list(levels))


def test_short_indicators_follow_the_mark_in_any_spelling():
    inds = [Indicator(name="ก", short="ใช่"), Indicator(name="ข", short=" yes "),
            Indicator(name="ค", short=True), Indicator(name="ง", short="ไม่ใช่"),
            Indicator(name="จ", short=None), Indicator(name="ฉ", short="อาจจะ")]
    assert [i.name for i in _tracker(inds).short_indicators] == ["ก", "ข", "ค"]


def test_levels_in_order_with_their_short_members_and_empty_ones_dropped():
    inds = [Indicator(name="ก", short="ใช่", level=2), Indicator(name="ข", short="ใช่", level="๑"),
            Indicator(name="ค", short="ไม่ใช่", level=1),  # passed: not a member
            Indicator(name="ง", short="ใช่", level=1.0), Indicator(name="จ", short="ใช่", level=1.5)]
    levels = [Level(level=3, description="สาม"), Level(level=2, description="สอง"),
              Level(level=1, description="หนึ่ง")]
    got = [(lv.level, [i.name for i in members])
           for lv, members in _tracker(inds, levels).levels_with_indicators()]
    # 1.5 is no level of the table: จ belongs to none (the checks say so, ITA403)
    assert got == [(1, ["ข", "ง"]), (2, ["ก"])]


def test_previous_fiscal_year_only_for_a_year():
    assert Tracker(settings=Settings(fiscal_year=2565)).previous_fiscal_year == 2564
    assert Tracker(settings=Settings(fiscal_year="๒๕๖๕")).previous_fiscal_year is None


@pytest.mark.parametrize("value, shown", [("รอบ ๖ เดือน", 6), ("รอบ 12 เดือน", 12), (12.0, 12),
                                          ("รอบ 16 เดือน", None), (None, None)])
def test_round_of_a_row_and_of_the_settings_is_one_reading(value, shown):
    assert ResultRow(round=value).round_months == shown == Settings(round=value).round_months


def test_digits_and_round_printing_default_to_the_official_form():
    assert Settings().thai_digits is True and Settings(digits="เลขอารบิก").thai_digits is False
    assert Settings().prints_round is True and Settings(round_print="ไม่ใช่").prints_round is False


def test_as_date_takes_dates_and_datetimes_only():
    assert as_date(dt.datetime(2022, 3, 1, 13, 5)) == dt.date(2022, 3, 1)
    assert as_date(dt.date(2022, 3, 1)) == dt.date(2022, 3, 1)
    assert as_date("1 มี.ค. 65") is None and as_date(44621) is None


def test_the_example_read_into_records_with_the_cell_of_every_value():
    tracker = read_tracker(resources.example_workbook())
    assert tracker.agency_name == "เทศบาลตำบลเมืองหงส์"
    first = tracker.plan[0]
    assert first.row == 1 and set(first.values()) == set(type(first).data_fields())
    loc = first.loc("measure")
    assert loc.table == "Plan" and loc.column == "มาตรการ" and loc.position[0] > 1
    assert tracker.records("Results") is tracker.results
    assert len(tracker.short_indicators) == 4  # the seed's "๔ ตัวชี้วัด จากทั้งหมด ๑๐"
