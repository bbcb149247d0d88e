"""``ita_xl.context``: hostile text in any cell is data, never template code, and never breaks a document.

Values go into a real workbook (as Excel stores them: characters XML cannot hold are written as
``_xHHHH_``), through ``ita-xl generate``, and are read back from the .docx.  The documented
normalisation (templates/README.md › Text clean-up) is the only change allowed:

* ``\\r\\n``, ``\\r`` and ``\\x0b`` (vertical tab, Excel's line break in some exports) → line break;
* other control characters (C0 except tab and newline, DEL, C1, ``\\x0c``) are removed and
  reported as a warning that names the sheet and cell.
"""
from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from support.documents import squash
from support.cli import cli
from support.documents import document_text, xml_problems
from support.wbedit import open_copy, set_cell, set_name, table_cell

from ita_xl import resources
from ita_xl.context import clean_text
from ita_xl.thai import to_arabic_digits, to_thai_digits

HOSTILE = [
    "& < > \" ' &amp; &lt;b&gt; <w:p/> ]]> <![CDATA[x]]>",
    "{{ agency }} {{ 7*7 }} {% if true %}เสมอ{% endif %} {# comment #}",
    "{%p if x %} {%tr for r in rows %} {{r x }} {% vm %} {_{ z }_} {_% y %_}",
    "{{ ''.__class__.__mro__ }} {% for x in range(10**9) %}",
    "😀👍🏽🇹🇭 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \U0010fffd",
    "zero\u200bwidth\u200cjoin\u200dx\u2060y\ufeffz soft\u00adhyphen",
    "ก\u0e34\u0e48\u0e49 e\u0301\u0301 a\u0308\u0323 ำ \u0e4d\u0e32",
    "שלום עולם عربي \u202eRTL override\u202c \u200fmark\u200e",
    "บรรทัดแรก\x0bบรรทัดสอง\x0bบรรทัดสาม",
    "ก่อน\x0cหลังขึ้นหน้า",
    "a\x01b\x02c\x07d\x08e\x1bf\x1fg\x7fh\x85i\x9fj",
    "tab\there\r\nwindows\rmac\n\nblank line above\u2028ls\u2029ps",
    "   leading and trailing spaces   ",
    "typed literally: _x000B_ _x0041_ _x005F_",
]

# Characters the documents cannot hold (the test's own statement of the documented rule).
_REMOVED = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f]")
_EXCEL_ESCAPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def expected(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return _REMOVED.sub("", text)


def as_excel_stores(text: str) -> str:
    """Excel writes characters XML 1.0 cannot hold as ``_xHHHH_`` (openpyxl refuses them raw),
    after escaping the underscore of a literal ``_xHHHH_`` as ``_x005F_``."""
    text = re.sub(r"_(?=x[0-9A-Fa-f]{4}_)", "_x005F_", text)
    return _EXCEL_ESCAPED.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


# Every kind of place a value is printed from: settings (memo and report, body and cover),
# the endorsement chain, the plan table and the results table (merged measure cell too).
SETTINGS = ["ita_agency", "ita_office", "ita_district", "ita_subject", "ita_addressee",
            "ita_closing", "ita_preface", "ita_preface_signer", "ita_writer_name",
            "ita_preparer_position", "ita_memo_ref", "ita_continuation"]
CELLS = [("Chain", "ชื่อ-สกุล", 0), ("Chain", "ตำแหน่ง", 1),
         ("Plan", "มาตรการ", 0), ("Plan", "แนวทางการปฏิบัติ", 0), ("Plan", "ขั้นตอน/วิธีการปฏิบัติ", 1),
         ("Plan", "ผู้รับผิดชอบ", 0), ("Plan", "การกำกับติดตาม", 0),
         ("Results", "มาตรการ", 0), ("Results", "รายละเอียดการดำเนินงาน", 0),
         ("Results", "ผลผลิต", 1), ("Results", "ผลลัพธ์", 0), ("Results", "หมายเหตุ", 0)]
PLACES = [("setting", name) for name in SETTINGS] + [("cell", c) for c in CELLS]


def _marker(i: int) -> tuple[str, str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    tag = letters[i // 26] + letters[i % 26]
    return f"QX{tag}<", f">{tag}XQ"  # digits would be turned into Thai digits in some fields


@pytest.fixture(scope="module", params=[0, 5, 9], ids=lambda k: f"rotation{k}")
def hostile_run(request, tmp_path_factory):
    """A tracker with a hostile value in every place (values rotated per run), generated."""
    tmp = tmp_path_factory.mktemp("hostile")
    path = tmp / "ITA_tracker.xlsm"
    shutil.copy(resources.example_workbook(), path)
    wb = open_copy(path)
    planted = []
    for i, (kind, where) in enumerate(PLACES):
        value = HOSTILE[(i + request.param) % len(HOSTILE)]
        start, end = _marker(i)
        text = start + value + end
        if kind == "setting":
            cell = set_name(wb, where, as_excel_stores(text))
        else:
            cell = set_cell(wb, *where, as_excel_stores(text))
        planted.append((where, value, start, end, f"{cell.parent.title}!{cell.coordinate}"))
    wb.save(path)
    before = path.read_bytes()
    out = tmp / "out"
    result = cli("generate", path, "-o", out, "--force", "-v")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == before
    return planted, sorted(out.glob("*.docx")), result.output


def test_documents_are_well_formed(hostile_run):
    _, documents, _ = hostile_run
    assert len(documents) == 2
    for path in documents:
        assert xml_problems(path) == [], path.name
        docx.Document(str(path))  # python-docx opens it


def test_every_value_printed_as_data_after_the_documented_normalisation(hostile_run):
    planted, documents, _ = hostile_run
    text = squash("".join(document_text(p) for p in documents))
    def printed(where: str, value: str) -> str:
        # The reference number is formatted: its digits follow the workbook's digit setting.
        return to_thai_digits(expected(value)) if where == "ita_memo_ref" else expected(value)

    missing = [(where, value) for where, value, start, end, _ in planted
               if squash(start + printed(where, value) + end) not in text]
    assert missing == []
    # Template-looking text was printed, not run.
    assert "{{agency}}" in text and "{{7*7}}" in to_arabic_digits(text)  # not 49
    assert "เสมอ{%endif%}" in text
    assert "__mro__" in text


def test_test_rule_matches_the_library(hostile_run):
    """The test's statement of the rule and context.clean_text agree on every hostile value."""
    for value in HOSTILE:
        assert clean_text(value) == expected(value)


def test_vertical_tab_is_a_line_break_and_form_feed_no_page_break(tmp_path):
    path = tmp_path / "ITA_tracker.xlsm"
    shutil.copy(resources.example_workbook(), path)
    base = tmp_path / "base"
    assert cli("generate", path, "-o", base, "--force").exit_code == 0
    wb = open_copy(path)
    set_cell(wb, "Plan", "แนวทางการปฏิบัติ", 0, as_excel_stores("หนึ่ง\x0bสอง\x0cสาม"))
    wb.save(path)
    out = tmp_path / "out"
    assert cli("generate", path, "-o", out, "--force").exit_code == 0
    name = "ITA2565_6m_report.docx"
    report = docx.Document(str(out / name))
    cells = [c for t in report.tables for r in t.rows for c in r.cells if "หนึ่ง" in c.text]
    assert cells and cells[0].text.replace("\t", "") == "หนึ่ง\nสองสาม"

    def page_breaks(p: Path) -> int:
        with zipfile.ZipFile(p) as zf:
            return zf.read("word/document.xml").count(b'w:type="page"')

    assert page_breaks(out / name) == page_breaks(base / name)


def test_removed_control_characters_are_reported_with_sheet_and_cell(hostile_run):
    planted, _, output = hostile_run
    for where, value, _, _, cell in planted:
        if _REMOVED.search(value):
            assert cell in output, (where, cell)
    assert "คำเตือน" in output or "warning" in output.lower()


def test_hostile_sheet_names_and_file_names(tmp_path):
    """A Thai file name with spaces and brackets, and a renamed sheet with symbols."""
    path = tmp_path / "ติดตาม ITA (ฉบับแก้ไข) & ล่าสุด.xlsm"
    shutil.copy(resources.example_workbook(), path)
    wb = open_copy(path)
    ws = table_cell(wb, "Plan", "มาตรการ", 0).parent
    ws.title = "มาตรการ & <แผน> 'ปี' ๖๕"
    wb.save(path)
    out = tmp_path / "out"
    result = cli("generate", path, "-o", out, "--force")
    assert result.exit_code == 0, result.output
    for p in out.glob("*.docx"):
        assert xml_problems(p) == []


# --- what the documents print, case by case (each kills a mutant of bench/mutants.py) --------
def _report_text(tmp_path, edit, *flags, name: str = "ITA2565_6m_report.docx") -> str:
    """The report's text (spaces removed) of the example after ``edit(wb)``."""
    import datetime as dt  # noqa: F401  (used by the edits)

    path = tmp_path / "t.xlsm"
    shutil.copy(resources.example_workbook(), path)
    wb = open_copy(path)
    edit(wb)
    wb.save(path)
    out = tmp_path / "out"
    result = cli("generate", path, "-o", out, *flags)
    assert result.exit_code == 0, result.output
    return squash(document_text(out / name))


def test_a_six_month_report_prints_rows_of_its_round_and_rows_of_none(tmp_path):
    def edit(wb):
        set_cell(wb, "Results", "รอบ", 0, "รอบ ๖ เดือน")
        set_cell(wb, "Results", "รอบ", 1, None)  # no round: belongs to the report being made
        for i in range(2):
            set_cell(wb, "Results", "รายละเอียดการดำเนินงาน", i, f"รายละเอียดแถวที่{i}")

    text = _report_text(tmp_path, edit)
    assert "รายละเอียดแถวที่0" in text and "รายละเอียดแถวที่1" in text


def test_a_period_across_a_year_keeps_both_months_under_force(tmp_path):
    import datetime as dt

    def edit(wb):  # December to December of the next year: ITA301, printed under --force
        set_cell(wb, "Results", "ระยะเวลา: เดือนที่เริ่ม", 0, dt.datetime(2021, 12, 1))
        set_cell(wb, "Results", "ระยะเวลา: ถึงเดือน", 0, dt.datetime(2022, 12, 1))

    text = _report_text(tmp_path, edit, "--force")
    assert squash("เดือน ธันวาคม ๒๕๖๔ – ธันวาคม ๒๕๖๕") in text


def test_an_unknown_digits_setting_prints_thai_digits_under_force(tmp_path):
    from ita_xl.thai import THAI_MONTHS

    text = _report_text(tmp_path, lambda wb: set_name(wb, "ita_digits", "เลขโรมัน"), "--force")
    # the setting is reported (ITA105); every month the report formats (periods, the preface
    # month) is in the official form, Thai digits (typed text keeps its own digits)
    months = "|".join(THAI_MONTHS)
    assert len(re.findall(rf"(?:{months})[๐-๙]{{4}}", text)) >= 4
    assert re.findall(rf"(?:{months})[0-9]{{4}}", text) == []


def test_the_memo_counts_the_short_indicators_of_the_table(tmp_path):
    path = tmp_path / "t.xlsm"
    shutil.copy(resources.example_workbook(), path)
    out = tmp_path / "out"
    assert cli("generate", path, "-o", out).exit_code == 0
    memo = squash(document_text(out / "ITA2565_6m_memo.docx"))
    assert squash("จำนวน ๔ ตัวชี้วัด จากทั้งหมด ๑๐ ตัวชี้วัด") in memo  # 4 marked ใช่ of 10


def test_arabic_digits_reach_every_number_the_documents_format(tmp_path):
    def edit(wb):
        set_name(wb, "ita_digits", "เลขอารบิก")
        set_name(wb, "ita_overall_score", 85.5)
        set_cell(wb, "Plan", "งบประมาณ (บาท)", 0, 10000)

    text = _report_text(tmp_path, edit)
    assert squash("ปีงบประมาณ พ.ศ. 2565") in text and "ปีงบประมาณพ.ศ.๒๕๖๕" not in text
    assert "คะแนนรวม85.50" in text  # the overall score with its two decimals, Arabic
    assert "10,000" in text  # a budget with its thousands separator


def test_rows_of_one_measure_spelled_with_a_space_apart_share_one_cell(tmp_path):
    def run(second: str) -> int:
        def edit(wb):
            set_cell(wb, "Results", "มาตรการ", 1, second)
            set_cell(wb, "Results", "มาตรการ", 0, "มาตรการตรวจสอบการใช้ดุลพินิจ")

        folder = tmp_path / second.replace(" ", "_")
        folder.mkdir()
        return _report_text(folder, edit).count("มาตรการตรวจสอบการใช้ดุลพินิจ")

    # the second row spelled with a space (ITA203 warns) is merged like an identical one
    assert run("มาตรการ ตรวจสอบการใช้ดุลพินิจ") == run("มาตรการตรวจสอบการใช้ดุลพินิจ")


def test_a_twelve_month_report_prints_rows_of_no_round_with_the_twelve_month_rows(tmp_path):
    def edit(wb):
        set_name(wb, "ita_round", "รอบ ๑๒ เดือน")
        for i, label in enumerate(("รอบ ๖ เดือน", None, "รอบ ๑๒ เดือน")):
            set_cell(wb, "Results", "รอบ", i, label)
            set_cell(wb, "Results", "รายละเอียดการดำเนินงาน", i, f"รายละเอียดแถวที่{i}")

    text = _report_text(tmp_path, edit, "--force", name="ITA2565_12m_report.docx")
    rows = [text.find(f"รายละเอียดแถวที่{i}") for i in range(3)]
    # every row printed: the 6-month part, then the 12-month part with the row of no round
    assert -1 < rows[0] < rows[1] < rows[2]


def test_periods_and_budgets_as_printed():
    import datetime as dt

    from ita_xl.context import amount_text, period_text

    march, april = dt.date(2022, 3, 1), dt.date(2022, 4, 1)
    assert period_text(None, march, True) == "เดือน มีนาคม ๒๕๖๕"  # only an end month
    assert period_text(march, april, False) == "เดือน มีนาคม 2565 – เมษายน 2565"
    assert period_text("ตลอดปี", march, True) == "ตลอดปี – มีนาคม ๒๕๖๕"  # text kept as typed
    assert amount_text(25000.5, True) == "๒๕,๐๐๐.๕๐" and amount_text(10000, False) == "10,000"
    assert amount_text("ไม่ใช้งบประมาณ", True) == "ไม่ใช้งบประมาณ"
