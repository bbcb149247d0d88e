"""One home per idea (issue 21): "blank", the digits setting and the Tracker made from
Excel-shaped values are each decided in one place, so the cell functions, the reader, the
checks and the documents cannot disagree."""
from __future__ import annotations

import datetime as dt

import pytest

from ita_xl import meaning, reader, udfs
from ita_xl.checks.rules import _util
from ita_xl.context import build_context
from ita_xl.model import Tracker
from ita_xl.thai import to_thai_digits

SPELLINGS = ["เลขไทย", "เลขอารบิก", " อารบิก ", "ARABIC", "Thai", "ตัวเลขอารบิก", "เลขโรมัน",
             "อารบิก (ตัวเลข)"]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_ita_thaidate_reads_the_digits_setting_as_the_documents_do(spelling):
    """ITA_THAIDATE(date, <the tracker's digits cell>) uses the digits the documents print."""
    tracker = Tracker(settings=reader.settings_from_values(
        {"digits": spelling, "memo_date": dt.datetime(2022, 3, 1)}))
    document_date = build_context(tracker)["date"]
    cell = udfs.ITA_THAIDATE(dt.datetime(2022, 3, 1), spelling)
    assert cell == document_date
    assert (to_thai_digits("2565") in cell) == meaning.thai_digits(spelling)


@pytest.mark.parametrize("flag, thai", [(True, True), (False, False), (0.0, False), (1.0, True),
                                        ("ไม่ใช่", False), ("FALSE", False), (None, True), ("", True)])
def test_ita_thaidate_takes_a_checkbox_a_number_or_a_yes_no_word(flag, thai):
    cell = udfs.ITA_THAIDATE(dt.datetime(2022, 3, 1), flag)
    assert cell == ("๑ มีนาคม ๒๕๖๕" if thai else "1 มีนาคม 2565")


def test_blank_has_one_definition():
    assert _util.blank is meaning.blank
    assert reader.blank is meaning.blank
    for value, empty in [(None, True), ("", True), ("  \u00a0\t", True), ("\u200b", False),
                         ("0", False), (0, False), (False, False)]:
        assert meaning.blank(value) is empty, repr(value)


def test_the_cell_functions_make_trackers_through_the_reader():
    assert udfs.tracker_from_values is reader.tracker_from_values
    assert udfs.as_rows is reader.as_rows
    tracker = reader.tracker_from_values(
        [["ita_agency", "เทศบาลตำบลเมืองหงส์", "'[ITA_tracker.xlsm]ตั้งค่า'!$B$2"],
         ["Plan", None, "$'มาตรการ'.$A$3"]],
        {"Plan": [["มาตรการ", "แนวทางการปฏิบัติ", "ขั้นตอน/วิธีการปฏิบัติ", "ผู้รับผิดชอบ",
                   "การกำกับติดตาม"], ["มาตรการ ก", "แนวทาง ก", "ขั้นตอน", "กองคลัง", "ทุกเดือน"]]})
    assert tracker.settings.agency == "เทศบาลตำบลเมืองหงส์"
    assert str(tracker.settings.loc("agency")) == "ตั้งค่า!B2"
    (row,) = tracker.plan
    assert row.measure == "มาตรการ ก" and str(row.loc("measure")) == "มาตรการ!A4"
