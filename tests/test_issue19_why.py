"""Issue 19's Why list, planted as a clerk types it (defined names, tables, headers, formats):
an error at the cell with a Thai-first fix, or the right document; never a contradicting
document with exit 0.  (The grade/rating rules of every year: ``test_result_rules``; the
planted codes: ``test_checks_rules``; ``init --from``: ``test_carryover``.)"""
from __future__ import annotations

import pytest
from support.cli import check_json, cli
from support.documents import docx_tables, docx_text, squash
from support.workbooks import (corrected_example_data, example_data_in_year, save_copy,
                               write_data)
from support.wbedit import set_cell, set_name, table_cell

from ita_xl import resources
from ita_xl.context import PLACEHOLDER
from ita_xl.reader import read_tracker
from ita_xl.xlsm.tracker import tracker_bytes


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    target = tmp_path_factory.mktemp("clean") / "clean.xlsm"
    return save_copy(resources.example_workbook(), target,
                     lambda wb: write_data(wb, corrected_example_data()))


def _memo(out):
    return docx_text(next(out.glob("*_memo.docx")))


# --- percent-formatted numbers: each numeric cell, as the clerk sees it or refused -------------
def _name_cell(name):
    return lambda wb: set_name(wb, name, None)


NUMERIC_CELLS = [
    ("pass mark", lambda wb: set_name(wb, "ita_pass_mark", None), lambda t: t.settings.pass_mark),
    ("overall score", lambda wb: set_name(wb, "ita_overall_score", None),
     lambda t: t.settings.overall_score),
    ("indicator score", lambda wb: table_cell(wb, "Indicators", "คะแนน", 0),
     lambda t: t.indicators[0].score),
]


@pytest.mark.parametrize("what, cell_of, read", NUMERIC_CELLS, ids=[c[0] for c in NUMERIC_CELLS])
@pytest.mark.parametrize("stored, fmt, means", [
    (0.8247, "0.00%", 82.47),  # 82.47% typed into a percent cell: Excel stores 0.8247
    (0.85, "0%", 85.0),
    (0.9, "0.0%", 90.0),
    ("82.47%", "General", 82.47),  # typed as text with the sign
])
def test_a_percent_cell_reads_as_the_clerk_sees_it(clean, tmp_path, what, cell_of, read,
                                                   stored, fmt, means):
    def edit(wb):
        cell = cell_of(wb)
        cell.value, cell.number_format = stored, fmt

    path = save_copy(clean, tmp_path / "t.xlsm", edit)
    assert read(read_tracker(path)) == pytest.approx(means)
    code, findings = check_json(path)
    assert "ITA112" not in {f["code"] for f in findings}
    if what == "overall score":
        out = tmp_path / "out"
        assert cli("generate", str(path), "-o", str(out)).exit_code == 0
        memo = _memo(out)
        assert "๐.๘" not in memo and "0.8" not in memo and "๐.๙" not in memo
        assert squash("คะแนนรวม " + {82.47: "๘๒.๔๗", 85.0: "๘๕", 90.0: "๙๐"}[means]) in squash(memo)
    if what == "indicator score" and means >= 85:  # the report's score table prints it
        out = tmp_path / "out"
        assert cli("generate", str(path), "-o", str(out)).exit_code == 0
        rows = [r for t in docx_tables(next(out.glob("*_report.docx"))) for r in t
                if r and r[1] == corrected_example_data()["Indicators"][0]["name"]]
        assert rows and "%" not in rows[0][2] and not rows[0][2].startswith("๐")
        assert rows[0][2].startswith({85.0: "๘๕", 90.0: "๙๐"}[means])


@pytest.mark.parametrize("what, cell_of, read", NUMERIC_CELLS, ids=[c[0] for c in NUMERIC_CELLS])
def test_a_fraction_without_its_percent_format_is_refused_at_its_cell(clean, tmp_path, what,
                                                                      cell_of, read):
    where = []

    def edit(wb):
        cell = cell_of(wb)
        cell.value, cell.number_format = 0.8247, "General"
        where.append((cell.parent.title, cell.coordinate))

    path = save_copy(clean, tmp_path / "t.xlsm", edit)
    code, findings = check_json(path)
    hits = [f for f in findings if f["code"] == "ITA112"]
    assert code == 2 and [(f["sheet"], f["cell"]) for f in hits] == where
    assert "82.47" in hits[0]["fix_th"] and hits[0]["message_th"].startswith("ช่อง")
    out = tmp_path / "out"
    assert cli("generate", str(path), "-o", str(out)).exit_code == 2
    assert not out.exists() or not list(out.iterdir())


# --- --force never turns a blank mark into "passed" --------------------------------------------
def test_force_with_blank_marks_prints_a_placeholder_and_says_so(clean, tmp_path):
    def edit(wb):
        for i in range(10):
            set_cell(wb, "Indicators", "ไม่ผ่านเกณฑ์", i, None)
            set_cell(wb, "Indicators", "ระดับที่ต้องพัฒนา", i, None)
        set_name(wb, "ita_overall_score", 72.4)
        set_name(wb, "ita_overall_grade", "C")

    path = save_copy(clean, tmp_path / "t.xlsm", edit)
    out = tmp_path / "out"
    plain = cli("generate", str(path), "-o", str(out))
    assert plain.exit_code == 2 and not out.exists()
    forced = cli("generate", str(path), "-o", str(out), "--force")
    assert forced.exit_code == 0
    text = "\n".join(docx_text(p) for p in out.glob("*.docx"))
    assert "ผ่านเกณฑ์การประเมินครบ" not in text and "ผ่านเกณฑ์ครบทั้ง" not in text
    assert text.count(PLACEHOLDER) >= 2  # the memo's count and the report's analysis
    assert PLACEHOLDER in forced.stderr and "ตัวชี้วัด!" in forced.stderr


# --- tools as real agencies report them: EIT in two parts ---------------------------------------
EIT = "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)"


def _four_tools(year):
    data = example_data_in_year(year, tool_scores=(90.0, 80.0, 88.0), overall=88.0,
                                rating="ผ่าน")
    iit, eit, oit = data["Indicators"]
    data["Indicators"] = [
        iit, {**eit, "name": "EIT ส่วนที่ 1", "number": 2},
        {**eit, "name": "EIT ส่วนที่ 2", "number": 3, "score": 87.0, "short": "ไม่ใช่"},
        {**oit, "number": 4}]
    return data


def test_eit_in_two_parts_counts_the_rows_the_tracker_has(tmp_path):
    path = tmp_path / "t.xlsm"
    path.write_bytes(tracker_bytes(_four_tools(2567)))  # thamaikan.go.th lists four tools
    code, findings = check_json(path)
    assert (code, findings) == (0, [])
    out = tmp_path / "out"
    assert cli("generate", str(path), "-o", str(out)).exit_code == 0
    memo = squash(_memo(out))
    assert squash("จำนวน ๑ เครื่องมือ จากทั้งหมด ๔ เครื่องมือ") in memo
    assert squash("จากทั้งหมด ๓") not in memo


def test_a_count_the_framework_does_not_have_is_an_error_naming_both(tmp_path):
    path = tmp_path / "t.xlsm"
    path.write_bytes(tracker_bytes(_four_tools(2568)))  # no source splits EIT for ITA 2567
    code, findings = check_json(path)
    hit = [f for f in findings if f["code"] == "ITA413"]
    assert code == 2 and len(hit) == 1 and hit[0]["severity"] == "error"
    assert "4 แถว" in hit[0]["message_th"] and "3 เครื่องมือ" in hit[0]["message_th"]
    assert "2568.toml" in hit[0]["message_th"]


# --- round and rows agree ----------------------------------------------------------------------
def test_rows_of_the_12_month_round_in_a_6_month_report(clean, tmp_path):
    path = save_copy(clean, tmp_path / "t.xlsm", lambda wb: set_cell(
        wb, "Results", "รอบ", 3, "รอบ ๑๒ เดือน"))
    code, findings = check_json(path)
    assert code == 2 and [f["code"] for f in findings if f["severity"] == "error"] == ["ITA310"]
    out = tmp_path / "out"
    assert cli("generate", str(path), "-o", str(out)).exit_code == 2
    # --force: the row is printed under its own round's heading, never dropped
    assert cli("generate", str(path), "-o", str(out), "--force").exit_code == 0
    report = docx_text(next(out.glob("*_report.docx")))
    assert "รอบ ๑๒ เดือน" in report
    details = corrected_example_data()["Results"][3]["details"]
    assert squash(details) in squash(report)
    assert sum(len(t) for t in docx_tables(next(out.glob("*_report.docx")))) > 0
