"""``ita_xl.newtracker``: ``init`` and ``import`` as library functions (the CLI only parses options
and prints what they return)."""
from __future__ import annotations

import pytest

from ita_xl import resources
from ita_xl.errors import OutputError, UsageError
from ita_xl.newtracker import init_tracker, tracker_target
from ita_xl.reader import read_tracker


def test_init_tracker_writes_a_new_agencys_tracker_once(tmp_path):
    new = init_tracker(tmp_path / "หน่วยงานใหม่", agency="เทศบาลตำบลบ้านใหม่", year=2570,
                       round_label="รอบ ๑๒ เดือน", kind="องค์การบริหารส่วนตำบล")
    assert new.path == tmp_path / "หน่วยงานใหม่.xlsm" and new.carried is None
    settings = read_tracker(new.path).settings
    assert (settings.agency, settings.agency_type, settings.round) == (
        "เทศบาลตำบลบ้านใหม่", "องค์การบริหารส่วนตำบล", "รอบ ๑๒ เดือน")
    assert new.unknown  # 2570's framework data lacks facts the clerk must type
    before = new.path.read_bytes()
    with pytest.raises(OutputError):
        init_tracker(new.path)
    assert new.path.read_bytes() == before


def test_init_tracker_from_last_year_names_the_file_after_the_new_year(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    new = init_tracker(last_year=resources.example_workbook())
    assert new.carried is not None and new.carried.fiscal_year == 2566
    assert new.path.name == "ITA_tracker_2566.xlsm"
    assert read_tracker(new.path).settings.fiscal_year == 2566


def test_a_tracker_must_be_an_xlsm(tmp_path):
    assert tracker_target(tmp_path) == tmp_path / "ITA_tracker.xlsm"
    with pytest.raises(UsageError, match=r"\.xlsm"):
        tracker_target(tmp_path / "tracker.xlsx")
