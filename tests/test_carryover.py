"""``ita-xl init --from LAST_YEAR.xlsm``: next fiscal year's tracker from this year's."""
from __future__ import annotations

import datetime as dt
import json
import shutil

from support.cli import cli
from support.workbooks import example_data, save_copy, write_data

from ita_xl import layout, resources
from ita_xl.carryover import shift_fiscal_year
from ita_xl.reader import read_tracker


def test_init_from_keeps_the_plan_empties_results_and_moves_the_year_on(tmp_path):
    old = tmp_path / "ITA_2565.xlsm"
    shutil.copy(resources.example_workbook(), old)
    before = (old.read_bytes(), old.stat().st_mtime_ns)
    new = tmp_path / "ITA_2566.xlsm"
    made = result = cli("init", str(new), "--from", str(old))
    assert result.exit_code == 0, result.output
    assert (old.read_bytes(), old.stat().st_mtime_ns) == before  # last year's file only read

    was, now = read_tracker(old), read_tracker(new)
    # Plan, people and levels kept exactly; the indicator list kept without last year's result.
    for table in ("Plan", "Chain", "Levels"):
        assert [r.values() for r in now.records(table)] == \
            [r.values() for r in was.records(table)], table
    assert [(i.number, i.name, i.group) for i in now.indicators] == \
        [(i.number, i.name, i.group) for i in was.indicators]
    assert {(i.score, i.short, i.level) for i in now.indicators} == {(None, None, None)}
    assert now.plan and now.results == [] and now.improvements == []
    # The year moved on; this year's memo number and dates emptied.
    s, t = now.settings, was.settings
    assert s.fiscal_year == t.fiscal_year + 1 == 2566
    assert (s.memo_date, s.memo_ref, s.preface_date) == (None, None, None)
    assert s.subject == t.subject.replace("พ.ศ.๒๕๖๕", "พ.ศ.๒๕๖๖")
    assert s.continuation == "ดำเนินการต่อเนื่องจากปีงบประมาณ พ.ศ.๒๕๖๕"
    # The command lists, Thai first, what it emptied (with last year's value) and what it kept.
    out = result.output
    assert out.index("ล้างแล้ว ต้องกรอกใหม่") < out.index("emptied, to type anew")
    assert f"ที่ (เลขที่หนังสือ) (ปีที่แล้ว: {t.memo_ref})" in out
    assert "คอลัมน์ คะแนน, ไม่ผ่านเกณฑ์, ระดับที่ต้องพัฒนา" in out
    assert f"ชื่อหน่วยงาน: {t.agency}" in out and "คงไว้จากปีที่แล้ว" in out
    # Everything else in the settings kept as typed (the preface too, with a note to check it).
    moved = {"fiscal_year", "memo_date", "preface_date", "subject", "continuation",
             "overall_score", "overall_grade", "memo_ref"}
    for spec in layout.SETTINGS:
        if spec.field not in moved:
            assert getattr(s, spec.field) == getattr(t, spec.field), spec.field
    assert "คำนำ ยังอ้างถึงปี 2565" in result.output

    # The checks list what must be filled in: the memo date and the results.
    result = cli("check", str(new), "--format", "json")
    findings = json.loads(result.stdout)
    required = {(f["code"], f["sheet"]) for f in findings if f["severity"] == "error"}
    assert ("ITA101", layout.SHEET_SETTINGS) in required
    assert ("ITA701", layout.SHEET_RESULTS) in required
    assert {f["code"] for f in findings if f["code"] == "ITA201"}  # measures without results
    # … and init printed that list.
    assert "ITA101" in made.output and "ITA701" in made.output


def test_init_from_default_name_and_never_overwrites(tmp_path, monkeypatch):
    old = tmp_path / "old.xlsm"
    shutil.copy(resources.example_workbook(), old)
    monkeypatch.chdir(tmp_path)
    assert cli("init", "--from", str(old)).exit_code == 0
    made = tmp_path / "ITA_tracker_2566.xlsm"
    assert read_tracker(made).settings.fiscal_year == 2566
    stamp = made.read_bytes()
    result = cli("init", "--from", str(old))
    assert result.exit_code != 0 and "ไม่เขียนทับ" in result.stderr
    assert made.read_bytes() == stamp


def test_init_from_arabic_digits_and_a_year_typed_as_text(tmp_path):
    data = example_data()
    data["settings"].update(overall_score=96.87, overall_grade="AA")
    data["settings"]["subject"] = "รายงานผล ITA ประจำปีงบประมาณ พ.ศ. 2565"
    data["settings"]["continuation"] = None
    old = save_copy(resources.example_workbook(), tmp_path / "old.xlsm",
                    lambda wb: write_data(wb, data))
    new = tmp_path / "new.xlsm"
    assert cli("init", str(new), "--from", str(old)).exit_code == 0
    s = read_tracker(new).settings
    assert s.subject == "รายงานผล ITA ประจำปีงบประมาณ พ.ศ. 2566"
    assert s.continuation is None
    assert (s.overall_score, s.overall_grade) == (None, None)  # last year's result, emptied

    data["settings"]["fiscal_year"] = "สองห้าหกห้า"
    bad = save_copy(resources.example_workbook(), tmp_path / "bad.xlsm",
                    lambda wb: write_data(wb, data))
    result = cli("init", str(tmp_path / "x.xlsm"), "--from", str(bad))
    assert result.exit_code != 0
    assert "ปีงบประมาณในสมุดงานเดิม" in result.stderr and "not a B.E. year" in result.stderr
    assert not (tmp_path / "x.xlsm").exists()


def test_shift_fiscal_year_only_after_the_words_fiscal_year():
    text = "ปีงบประมาณ พ.ศ.๒๕๖๕ ตามแผน (พ.ศ.2565 – 2569) ปีงบประมาณ 2565"
    assert shift_fiscal_year(text, 2565, 2566) == \
        "ปีงบประมาณ พ.ศ.๒๕๖๖ ตามแผน (พ.ศ.2565 – 2569) ปีงบประมาณ 2566"
    assert shift_fiscal_year("ปีงบประมาณ 25651", 2565, 2566) == "ปีงบประมาณ 25651"


def test_init_from_applies_the_new_years_framework_and_the_init_options(tmp_path):
    from ita_xl import framework

    data = example_data()
    data["settings"]["fiscal_year"] = 2566
    data["settings"]["subject"] = data["settings"]["subject"].replace("๒๕๖๕", "๒๕๖๖")
    old = save_copy(resources.example_workbook(), tmp_path / "old.xlsm",
                    lambda wb: write_data(wb, data))
    new = tmp_path / "new.xlsm"
    result = cli("init", str(new), "--from", str(old), "--round", "12",
                     "--agency", "เทศบาลตำบลหงส์ทอง")
    assert result.exit_code == 0, result.output
    t = read_tracker(new)
    fw = framework.load(2567)
    assert t.settings.fiscal_year == 2567
    assert [i.name for i in t.indicators] == [u.name for u in fw.units]  # the year's list
    assert (t.settings.round, t.settings.agency) == ("รอบ ๑๒ เดือน", "เทศบาลตำบลหงส์ทอง")
    assert [r.values() for r in t.plan] == [r.values() for r in read_tracker(old).plan]
    assert "กรอบปี 2567" in result.output

    # --year: another year than the next one; the subject follows it.
    later = tmp_path / "later.xlsm"
    assert cli("init", str(later), "--from", str(old), "--year", "2568").exit_code == 0
    s = read_tracker(later).settings
    assert s.fiscal_year == 2568 and "พ.ศ.๒๕๖๘" in s.subject


def test_nothing_of_last_years_result_reaches_next_years_documents(tmp_path):
    """Issue 19: a filled tracker carried over; ``generate --force`` on the new tracker prints
    none of last year's result, memo number or levels, and ``check`` lists what to type."""
    from support.documents import docx_text

    from ita_xl.context import PLACEHOLDER
    from ita_xl.thai import to_thai_digits

    data = example_data()
    data["settings"].update(overall_score=72.4, overall_grade="C")
    data["Improvements"] = [{"tool": "EIT", "point": "เพิ่มช่องทางรับฟังความคิดเห็นออนไลน์"}]
    old = save_copy(resources.example_workbook(), tmp_path / "old.xlsm",
                    lambda wb: write_data(wb, data))
    new = tmp_path / "new.xlsm"
    assert cli("init", str(new), "--from", str(old)).exit_code == 0

    result = cli("check", str(new), "--format", "json")
    assert result.exit_code == 2
    findings = json.loads(result.stdout)
    marks = {f["cell"] for f in findings if f["code"] == "ITA101" and f["column"] == "ไม่ผ่านเกณฑ์"}
    assert len(marks) == len(data["Indicators"])  # every mark to type, at its cell

    out = tmp_path / "out"
    forced = cli("generate", str(new), "-o", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert PLACEHOLDER in forced.stderr  # the run says the sentences show a placeholder
    text = "\n".join(docx_text(p) for p in sorted(out.glob("*.docx")))
    last_year = [to_thai_digits("72.4"), "ระดับ C", to_thai_digits(data["settings"]["memo_ref"]),
                 data["settings"]["memo_ref"], "เพิ่มช่องทางรับฟังความคิดเห็นออนไลน์",
                 "ผ่านเกณฑ์การประเมินครบ", "ผ่านเกณฑ์ครบทั้ง"]
    last_year += [lv["description"] for lv in data["Levels"]]
    assert [v for v in last_year if v in text] == []
    assert PLACEHOLDER in text
