"""``ita-xl init``: a new agency's tracker, never over an existing file."""
from __future__ import annotations

from support.cli import cli, files_in

from ita_xl.reader import read_tracker



def test_init_writes_an_empty_tracker_and_never_overwrites(tmp_path):
    target = tmp_path / "ใหม่" / "ITA_อบต.xlsm"
    result = cli("init", target)
    assert result.exit_code == 0, result.output
    tracker = read_tracker(target)
    assert tracker.settings.agency in (None, "")
    assert {"Chain", "Levels", "Indicators", "Plan", "Results"} <= set(tracker.tables)
    # The NACC's indicator list and pass mark come filled in; nothing of the example agency.
    assert [i.name for i in tracker.indicators][:2] == ["การปฏิบัติหน้าที่", "การใช้งบประมาณ"]
    assert len(tracker.indicators) == 10 and all(i.short is None for i in tracker.indicators)
    assert tracker.settings.pass_mark == 85
    assert not tracker.plan and not tracker.results and not tracker.chain
    before = target.read_bytes()
    target.write_bytes(before + b"clerk's data")  # the clerk has worked in it since
    kept = target.read_bytes()
    result = cli("init", target)
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)
    assert "อยู่แล้ว" in result.output and "already exists" in result.output
    assert target.read_bytes() == kept
    assert [p.name for p in files_in(target.parent)] == [target.name]  # no temp file left


def test_init_default_name_and_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli("init").exit_code == 0
    assert (tmp_path / "ITA_tracker.xlsm").is_file()
    (tmp_path / "d").mkdir()
    assert cli("init", tmp_path / "d").exit_code == 0
    assert (tmp_path / "d" / "ITA_tracker.xlsm").is_file()
    result = cli("init", tmp_path / "x.xlsx")
    assert result.exit_code != 0 and ".xlsm" in result.output
    assert not (tmp_path / "x.xlsx").exists()
