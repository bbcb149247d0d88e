"""Issue 10: the ITA framework per fiscal year is data, every fact with its source.

The files under ``ita_xl/data/frameworks`` are read as raw TOML here (not through the loader),
so a fact the loader would silently skip still fails the completeness test.
"""
from __future__ import annotations

import re

import pytest
from support.cli import cli
from support.workbooks import example_data
from openpyxl import load_workbook

from ita_xl import framework
from ita_xl.reader import read_tracker

YEARS = list(range(2565, 2571))
# A source names a public page (URL or a site's domain) or the repository's own evidence.
_SOURCE = re.compile(r"https?://|\b[\w-]+\.(?:go|ac|or|co)\.th\b|\.com\b|seeds/|shared/DOMAIN\.md")


def test_a_file_for_every_year_2565_to_2570():
    assert set(YEARS) <= set(framework.years())


@pytest.mark.parametrize("year", YEARS)
def test_every_fact_has_a_value_or_unknown_and_a_source(year):
    data = framework.raw(year)
    assert data["fiscal_year"] == year and data["analysed_year"] == year - 1
    for section, names in framework.FACTS.items():
        assert set(data[section]) == set(names), (section, sorted(data[section]))
        for name in names:
            fact = data[section][name]
            assert set(fact) <= {"value", "source", "unofficial"}, (section, name)
            assert {"value", "source"} <= set(fact), (section, name)
            source = fact["source"].strip()
            assert source, (section, name)
            value = fact["value"]
            if value == framework.UNKNOWN:
                # An unknown fact says where it was looked for.
                assert source.startswith("not found"), (section, name, source)
                continue
            assert _SOURCE.search(source), (section, name, source)
            _assert_well_formed(section, name, value)


def _assert_well_formed(section: str, name: str, value) -> None:
    if name == "unit":
        assert value in framework.UNITS
    elif name == "pass_mark":
        assert isinstance(value, (int, float)) and 0 < value <= 100
    elif name == "tools":
        assert value and all({"code", "name"} <= set(t) <= framework.TOOL_KEYS for t in value)
        for t in value:  # a tool in parts names the source that lists it so
            assert "parts" not in t or (len(t["parts"]) >= 2 and _SOURCE.search(t["parts_source"]))
    elif name == "indicators":
        assert [t["number"] for t in value] == list(range(1, len(value) + 1))
        assert all(t["name"].strip() and t["tool"] in {"IIT", "EIT", "OIT"} for t in value)
    elif name == "scale":
        for band in value:
            assert {"label", "min"} <= set(band) <= framework.BAND_KEYS and band["label"].strip()
            assert band["min"] == framework.UNKNOWN or isinstance(band["min"], (int, float))
            for extra in [band] + ([band["unofficial"]] if "unofficial" in band else []):
                # a band's own source, and an unofficial condition's, name where they come from
                assert "source" not in extra or _SOURCE.search(extra["source"]), band
    elif section == "published":
        assert set(value) == {"code", "name"} and re.fullmatch(r"O\d+", value["code"])


def test_the_2565_data_agrees_with_the_seed_and_the_bundled_example():
    fw = framework.load(2565)
    example = example_data()
    assert [(u.number, u.name, u.group) for u in fw.indicators] == \
        [(r["number"], r["name"], r["group"]) for r in example["Indicators"]]
    assert fw.unit == "ตัวชี้วัด" and fw.pass_mark == example["settings"]["pass_mark"]
    assert fw.measures_item["code"] == "O42" and fw.results_item["code"] == "O43"
    assert fw.band_for(96.87).label == "AA" and fw.band_for(84.99).label == "B"


def test_a_year_without_data_is_none_and_unknown_facts_are_none():
    assert framework.load(2500) is None
    fw = framework.load(2570)
    assert fw.unit is None and fw.pass_mark is None and fw.units == []
    assert fw.measures_item is None


def _settings(path):
    return read_tracker(path).settings


def test_init_year_2570_starts_on_that_years_framework(tmp_path):
    target = tmp_path / "t.xlsm"
    result = cli("init", str(target), "--year", "2570", "--round", "12",
                     "--agency", "องค์การบริหารส่วนจังหวัดนครสวรรค์", "--type", "อบจ.")
    assert result.exit_code == 0, result.output
    assert "2570" in result.stdout  # says which facts the clerk types
    tracker = read_tracker(target)
    s = tracker.settings
    assert (s.fiscal_year, s.round, s.agency, s.agency_type) == \
        (2570, "รอบ ๑๒ เดือน", "องค์การบริหารส่วนจังหวัดนครสวรรค์", "องค์การบริหารส่วนจังหวัด")
    # Nothing is borrowed from another year: unknown facts stay blank for the clerk.
    assert s.pass_mark is None and s.unit is None and tracker.indicators == []


def test_init_year_2567_lists_the_tools_the_result_counts(tmp_path):
    target = tmp_path / "t.xlsm"
    assert cli("init", str(target), "--year", "2567").exit_code == 0
    tracker = read_tracker(target)
    assert tracker.settings.unit == "เครื่องมือ" and tracker.settings.pass_mark == 85
    assert [(i.name, i.group) for i in tracker.indicators] == \
        [(u.name, u.group) for u in framework.load(2567).tools]


def test_init_year_2565_lists_the_ten_indicators_and_the_oit_items(tmp_path):
    target = tmp_path / "t.xlsm"
    assert cli("init", str(target), "--year", "2565", "--type", "เทศบาลตำบล").exit_code == 0
    tracker = read_tracker(target)
    assert [i.name for i in tracker.indicators] == [u.name for u in framework.load(2565).indicators]
    assert (tracker.settings.item_measures, tracker.settings.item_results) == ("O42", "O43")


def test_init_refuses_an_unknown_type(tmp_path):
    result = cli("init", str(tmp_path / "t.xlsm"), "--type", "อำเภอ")
    assert result.exit_code != 0 and not (tmp_path / "t.xlsm").exists()


def test_an_older_tracker_without_the_new_settings_and_table_still_reads(tmp_path):
    """Trackers made before this change lack the new defined names and the Improvements table."""
    from ita_xl import resources

    wb = load_workbook(resources.example_workbook(), keep_vba=True)
    for name in ("ita_agency_type", "ita_round_print", "ita_unit", "ita_overall_score",
                 "ita_overall_grade", "ita_item_measures", "ita_item_results"):
        del wb.defined_names[name]
    for ws in wb.worksheets:
        if "Improvements" in ws.tables:
            del ws.tables["Improvements"]
    old = tmp_path / "old.xlsm"
    wb.save(old)
    tracker = read_tracker(old)
    assert tracker.settings.agency_type is None and tracker.improvements == []
    assert "Improvements" not in tracker.tables
    code = cli("check", str(old), "--format", "json").exit_code
    assert code == 0


# --- Issue 19: facts 2566–2570, unofficial ones marked, a framework file for 2570 --------------
def test_the_shipped_files_pass_the_same_validator_a_given_file_does():
    for year in YEARS:
        assert framework.validate(framework.raw(year)) == [], year


def test_the_result_rules_known_for_2566_to_2569():
    # ITA 2565 (tracker 2566): grades AA–F; ITA 2566 on: ratings, each tool held to 85.
    assert [b.label for b in framework.load(2566).scale][:2] == ["AA", "A"]
    for year in (2567, 2568, 2569):
        fw = framework.load(year)
        labels = [b.label for b in fw.scale]
        assert labels == ["ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุง", "ต้องปรับปรุงโดยด่วน"]
        good = fw.band("ผ่านดี")
        assert good.tools_min == 85 and good.min == 85 and fw.passes(good)
        assert fw.passes(fw.band("ต้องปรับปรุง")) is False
        # The scoring tool's thresholds are unofficial: never an official minimum.
        needs = fw.band("ต้องปรับปรุง")
        assert needs.min is None and needs.unofficial_min == 70
        assert "unofficial" in needs.unofficial_source
    assert framework.load(2567).band("ผ่านดีเยี่ยม").min == 95  # news, of the ITA 2566 result
    assert framework.load(2568).band("ผ่านดีเยี่ยม").unofficial_min == 95


def test_eit_in_two_parts_where_a_source_says_so():
    fw = framework.load(2567)
    eit = next(t for t in fw.tools if t.group == "EIT")
    assert len(eit.parts) == 2 and fw.tool_counts == (3, 4)
    assert framework.load(2568).tool_counts == (3,)


def test_unofficial_facts_are_shown_never_filled_in(tmp_path):
    fw = framework.load(2569)
    assert fw.measures_item is None and fw.unofficial["measures"]["code"] == "O25"
    target = tmp_path / "t.xlsm"
    result = cli("init", str(target), "--year", "2569")
    assert result.exit_code == 0, result.output
    s = read_tracker(target).settings
    assert s.item_measures is None and s.item_results is None
    out = result.stdout
    assert "ข้อ OIT ของมาตรการ" in out and "ไม่เป็นทางการ" in out and "O25" in out
    assert out.index("ข้อ OIT ของมาตรการ") < out.index("OIT item of the measures")


def test_init_names_unknown_facts_in_thai(tmp_path):
    result = cli("init", str(tmp_path / "t.xlsm"), "--year", "2570")
    assert result.exit_code == 0, result.output
    thai = result.stdout.split(" / ")[0]
    for name in ("เกณฑ์ผ่าน", "หน่วยที่นับ", "รายชื่อตัวชี้วัด/เครื่องมือ", "เกณฑ์ระดับผลการประเมิน"):
        assert name in result.stdout, name
    assert "pass_mark" not in thai


def _framework_file(tmp_path, edit=None):
    text = (framework.FRAMEWORKS_DIR / "2569.toml").read_text(encoding="utf-8")
    text = text.replace("fiscal_year = 2569", "fiscal_year = 2570") \
        .replace("analysed_year = 2568", "analysed_year = 2569")
    if edit:
        text = edit(text)
    path = tmp_path / "กรอบ ITA 2570.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_init_2570_with_a_framework_file_from_the_province(tmp_path):
    given = _framework_file(tmp_path)
    target = tmp_path / "t.xlsm"
    result = cli("init", str(target), "--year", "2570", "--framework", str(given))
    assert result.exit_code == 0, result.output
    tracker = read_tracker(target)
    assert tracker.settings.pass_mark == 85 and tracker.settings.unit == "เครื่องมือ"
    assert [i.group for i in tracker.indicators] == ["IIT", "EIT", "OIT"]
    assert given.name in result.stdout


@pytest.mark.parametrize("edit, says", [
    (lambda t: t.replace('[analysed.pass_mark]\nsource = ', '[analysed.pass_mark]\nsourc = '),
     "analysed.pass_mark"),
    (lambda t: t.replace("value = 85", "value = 850", 1), "analysed.pass_mark"),
    (lambda t: t.replace('label = "ผ่านดี"\nmin = 85', 'label = "ผ่านดี"\nmin = "แปดสิบห้า"'), "ผ่านดี"),
    (lambda t: t.replace("fiscal_year = 2570", "fiscal_year = 2571"), "fiscal_year"),
    (lambda t: t + "\n[oops", "TOML"),
])
def test_a_broken_framework_file_is_refused_naming_the_file_and_the_fact(tmp_path, edit, says):
    given = _framework_file(tmp_path, edit)
    target = tmp_path / "t.xlsm"
    result = cli("init", str(target), "--year", "2570", "--framework", str(given))
    assert result.exit_code == 2 and not target.exists()
    assert given.name in result.stderr and says in result.stderr
    assert re.search("[\u0e00-\u0e7f]", result.stderr.split("\n")[0])


def test_a_tracker_made_with_a_framework_file_is_judged_by_its_rules(tmp_path):
    """The file travels in the tracker (sheet กรอบการประเมิน): check and generate of FY 2570
    apply its rating rules, which the shipped data does not know."""
    from support.cli import check_json
    from support.workbooks import example_data_in_year, save_copy, write_data

    given = _framework_file(tmp_path)
    made = tmp_path / "made.xlsm"
    assert cli("init", str(made), "--year", "2570", "--framework", str(given)).exit_code == 0
    carried = read_tracker(made).settings.framework
    assert carried is not None and carried.fiscal_year == 2570 and carried.scale
    fw = framework.load_file(given)
    data = example_data_in_year(2570, tool_scores=(96.0, 80.0, 97.0), overall=92.0, fw=fw)
    data["settings"].update(unit=None, pass_mark=85)
    wrong = save_copy(made, tmp_path / "wrong.xlsm", lambda wb: write_data(wb, data))
    code, findings = check_json(wrong)
    assert code == 2 and "ITA411" in {f["code"] for f in findings}
    out = tmp_path / "out"
    assert cli("generate", str(wrong), "-o", str(out)).exit_code == 2
    # The same tracker without the file: the year's rules are unknown, so not judged.
    plain = tmp_path / "plain.xlsm"
    assert cli("init", str(plain), "--year", "2570").exit_code == 0
    unjudged = save_copy(plain, tmp_path / "unjudged.xlsm", lambda wb: write_data(wb, data))
    _, findings = check_json(unjudged)
    assert not {"ITA409", "ITA410", "ITA411", "ITA412"} & {f["code"] for f in findings}


def test_a_broken_framework_in_a_tracker_is_named_with_its_sheet(tmp_path):
    given = _framework_file(tmp_path)
    made = tmp_path / "made.xlsm"
    assert cli("init", str(made), "--year", "2570", "--framework", str(given)).exit_code == 0
    wb = load_workbook(made, keep_vba=True)
    wb[framework.FRAMEWORK_SHEET][framework.FRAMEWORK_CELL] = "fiscal_year = 2570\n[oops"
    wb.save(made)
    result = cli("check", str(made))
    assert result.exit_code == 3
    assert framework.FRAMEWORK_SHEET in result.output and "TOML" in result.output
