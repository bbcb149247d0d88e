"""Issue 18 points 5 and 6: what the report and the memo say, read back from real files.

* the score table (per indicator for FY 2565, per tool for FY 2568): name, score with the
  decimals its cell shows (two under General or the fresh tracker's 0.00), pass mark and
  ผ่าน/ไม่ผ่าน, in the document's digits; and nothing at all (no heading, caption, table or
  blank line) when no score was typed;
* section headings and table captions, the report title and headings as tracker settings
  (today's wording when blank or missing in an older tracker);
* the official name of the assessment, numbers in labels in the document's digits, the
  province named once for an อบจ., and leader dots after the longest real memo references
  (measured in the PDF).

Every tracker is built through the workbook builder and read back by the reader; documents
are produced by ``generate`` or the pipeline's renderer and opened with python-docx, PDFs
made by LibreOffice and read with ``pdftotext``.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import openpyxl
import pytest
from support.documents import W, docx_paragraphs, docx_tables, docx_text, pdf_text, squash
from support.typesetting import pdf_words

from ita_xl import framework, layout
from ita_xl.address import TYPES, address_line
from ita_xl.context import build_context, passed_word, round_text, score_text
from ita_xl.pipeline import generate
from ita_xl.pipeline import render_documents
from ita_xl.reader import read_tracker
from ita_xl.thai import to_arabic_digits, to_thai_digits
from ita_xl.xlsm.tracker import tracker_bytes

SCORE_HEADER = ["ลำดับ", None, "คะแนน", "เกณฑ์ผ่าน", "ผลการประเมิน"]  # None: the unit word


def tracker_data(year: int, *, thai: bool = True, scores: bool = True,
                 agency: str = "เทศบาลตำบลบ้านใหม่", kind: str = "เทศบาลตำบล",
                 district: str | None = "สันทราย", province: str | None = "เชียงใหม่",
                 round_label: str = "รอบ ๖ เดือน") -> dict:
    """A correct tracker of ``year``: the year's counted units (indicators or tools), one of
    them short; scores only when ``scores``."""
    fw = framework.load(year)
    units = [{"number": u.number, "name": u.name, "group": u.group} for u in fw.units]
    for i, row in enumerate(units):
        row["short"] = "ไม่ใช่"
        if scores:
            row["score"] = 90 + i * 0.5
    units[1]["short"] = "ใช่"
    if scores:
        units[1]["score"] = 72.4  # typed 72.40: the NACC's two decimals must print
    ce = year - 543
    settings = {
        "agency": agency, "agency_type": kind, "office": "สำนักปลัด", "district": district,
        "province": province, "fiscal_year": year, "digits": "เลขไทย" if thai else "เลขอารบิก",
        "round": round_label, "memo_ref": "๕๖๖๐๑/๑๒๓", "memo_date": dt.date(ce, 3, 30),
        "subject": "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
        "addressee": "นายกเทศมนตรีตำบลบ้านใหม่", "preface": "คำนำของรายงาน",
        "preface_signer": "สำนักปลัด", "preface_date": dt.date(ce, 4, 1), "pass_mark": 85,
        "writer_name": "นางสาวมะลิ ดอกหอม", "writer_position": "นักจัดการงานทั่วไป",
        "preparer_name": "นายสมชาย ใจดี", "preparer_position": "หัวหน้าฝ่ายบริหารงานทั่วไป",
    }
    if scores:
        settings["overall_score"] = 88.5
    return {
        "settings": settings,
        "Chain": [{"label": "ทราบ/ความเห็นของปลัด", "name": "นายบุญมี มีสุข", "position": "ปลัด"}],
        "Indicators": units,
        "Plan": [{"measure": "มาตรการป้องกันการรับสินบน", "guideline": "ประกาศแนวทาง",
                  "steps": "ผู้บริหารลงนามประกาศ", "owner": "สำนักปลัด",
                  "monitoring": "ติดตามทุกหกเดือน"}],
        "Results": [{"measure": "มาตรการป้องกันการรับสินบน", "details": "ประกาศนโยบาย",
                     "start": dt.date(ce, 2, 1), "output": "ประกาศ", "outcome": "รับทราบ"}],
    }


def write_tracker(path: Path, data: dict, finish=None) -> Path:
    path.write_bytes(tracker_bytes(data, finish))
    return path


def _produce(folder: Path, data: dict, *, pdf: bool = True, finish=None) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    tracker = write_tracker(folder / "tracker.xlsm", data, finish)
    result = generate(tracker, folder / "out", pdf=pdf)
    out = {}
    for p in result.paths:
        kind = p.stem.rsplit("_", 1)[1]
        out[kind] = p
        if pdf:
            out[kind + "_pdf"] = p.with_suffix(".pdf")
    return out


@pytest.fixture(scope="module")
def produced(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """FY 2565 (indicators, Thai digits), FY 2568 (tools, Arabic digits) with scores, and the
    same two without any score: documents and PDFs, one LibreOffice run each."""
    root = tmp_path_factory.mktemp("report")
    return {
        "2565": _produce(root / "2565", tracker_data(2565)),
        "2568": _produce(root / "2568", tracker_data(2568, thai=False)),
        "2565-none": _produce(root / "2565-none", tracker_data(2565, scores=False)),
        "2568-none": _produce(root / "2568-none", tracker_data(2568, thai=False, scores=False)),
    }


def body_items(path: Path) -> list[tuple[str, object]]:
    """The report body in order: ("p", text) for paragraphs, ("table", rows) for tables."""
    doc = docx.Document(str(path))
    items = []
    tables = iter(doc.tables)
    paragraphs = iter(doc.paragraphs)
    for el in doc.element.body:
        if el.tag == f"{W}p":
            items.append(("p", next(paragraphs).text))
        elif el.tag == f"{W}tbl":
            table = next(tables)
            items.append(("table", [[c.text for c in r.cells] for r in table.rows]))
    return items


def score_table(path: Path) -> list[list[str]] | None:
    found = [t for t in docx_tables(path) if len(t[0]) == len(SCORE_HEADER) and all(
        want is None or got == want for got, want in zip(t[0], SCORE_HEADER))]
    assert len(found) <= 1
    return found[0] if found else None


# --- the score table ----------------------------------------------------------------------


@pytest.mark.soffice
@pytest.mark.parametrize("year, unit, thai", [(2565, "ตัวชี้วัด", True),
                                              (2568, "เครื่องมือ", False)])
def test_score_table_lists_each_unit_with_two_decimals_and_its_result(produced, year, unit,
                                                                      thai):
    data = tracker_data(year, thai=thai)
    table = score_table(produced[str(year)]["report"])
    assert table is not None
    assert table[0] == ["ลำดับ", unit, "คะแนน", "เกณฑ์ผ่าน", "ผลการประเมิน"]
    d = to_thai_digits if thai else to_arabic_digits
    expected = [[d(str(row["number"])), row["name"], d(f"{row['score']:.2f}"), d("85.00"),
                 "ไม่ผ่าน" if row["short"] == "ใช่" else "ผ่าน"]
                for row in data["Indicators"]]
    assert table[1:-1] == expected
    assert table[-1][1:] == ["คะแนนรวม", d("88.50"), d("85.00"), "ผ่าน"]
    # 72.4 typed: the NACC's two decimals, in the document's digits, in the PDF too.
    assert expected[1][2] == d("72.40")
    pdf = pdf_text(produced[str(year)]["report_pdf"])
    assert squash(f"{expected[1][0]} {expected[1][1]} {d('72.40')} {d('85.00')} ไม่ผ่าน") \
        in squash(pdf)
    assert len(framework.load(year).units) == len(expected)


@pytest.mark.soffice
@pytest.mark.parametrize("year, thai", [(2565, True), (2568, False)])
def test_heading_and_caption_stand_right_above_the_score_table(produced, year, thai):
    items = body_items(produced[str(year)]["report"])
    at = next(i for i, (kind, value) in enumerate(items)
              if kind == "table" and value[0][0] == "ลำดับ")
    unit = framework.load(year).unit
    d = to_thai_digits if thai else to_arabic_digits
    assert items[at - 2] == ("p", layout.HEADING_SCORES)
    assert items[at - 1] == ("p", f"ตารางที่ {d('1')} คะแนนการประเมิน ITA ปีงบประมาณ พ.ศ. "
                                  f"{d(str(year - 1))} แยกตาม{unit}")
    # The captions after it count on: the plan is table 2, the results table 3.
    captions = [v for k, v in items if k == "p" and v.startswith("ตารางที่")]
    assert [c.split()[1] for c in captions] == [d("1"), d("2"), d("3")]
    assert captions[1].startswith(f"ตารางที่ {d('2')} มาตรการส่งเสริมคุณธรรม")
    assert captions[2] == f"ตารางที่ {d('3')} ผลการดำเนินการตามมาตรการ"
    # PDF: heading, caption and header row in this order on one page.
    pdf = pdf_text(produced[str(year)]["report_pdf"])
    heading = pdf.index(layout.HEADING_SCORES)
    assert heading < pdf.index(captions[0]) < pdf.index("ลำดับ") < pdf.index(
        layout.HEADING_ANALYSIS)


@pytest.mark.soffice
@pytest.mark.parametrize("case", ["2565-none", "2568-none"])
def test_no_scores_no_table_heading_caption_or_blank_line(produced, case):
    report = produced[case]["report"]
    assert score_table(report) is None
    text = docx_text(report)
    assert layout.HEADING_SCORES not in text and "คะแนนการประเมิน" not in text
    assert "คะแนน" not in text  # no overall score typed either
    items = body_items(report)
    # Page 3 starts with the analysis heading: the preface's month (which carries the page
    # break) is followed directly by it, no empty paragraph left behind.
    at = next(i for i, (kind, value) in enumerate(items) if value == layout.HEADING_ANALYSIS)
    assert items[at - 1][1].strip() != "" and "๒๕" in to_thai_digits(items[at - 1][1])
    thai = case.startswith("2565")
    d = to_thai_digits if thai else to_arabic_digits
    captions = [v for k, v in items if k == "p" and v.startswith("ตารางที่")]
    assert [c.split()[1] for c in captions] == [d("1"), d("2")]  # the plan is table 1
    pdf = pdf_text(produced[case]["report_pdf"])
    page3 = pdf.split("\f")[2]
    first = [line for line in page3.splitlines() if line.strip()][:2]
    assert first[0].strip() == "- " + d("3") + " -" or first[0].strip().startswith("-")
    assert first[1] == layout.HEADING_ANALYSIS
    assert "คะแนน" not in pdf


# --- title and headings as settings -------------------------------------------------------


def test_title_and_headings_are_settings_with_todays_wording_in_a_fresh_tracker(tmp_path):
    path = write_tracker(tmp_path / "t.xlsm", tracker_data(2565))
    s = read_tracker(path).settings
    assert s.report_title == layout.REPORT_TITLE
    assert (s.heading_scores, s.heading_analysis, s.heading_results) == (
        layout.HEADING_SCORES, layout.HEADING_ANALYSIS, layout.HEADING_RESULTS)
    assert layout.REPORT_TITLE == ("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม"
                                   "และความโปร่งใสภายในหน่วยงาน")


def _without_names(names: tuple[str, ...]):
    def finish(wb):
        for name in names:
            del wb.defined_names[name]
    return finish


NEW_NAMES = ("ita_report_title", "ita_heading_scores", "ita_heading_analysis",
             "ita_heading_results")


def test_old_tracker_without_the_settings_prints_todays_wording(tmp_path):
    path = write_tracker(tmp_path / "old.xlsm", tracker_data(2565), _without_names(NEW_NAMES))
    wb = openpyxl.load_workbook(path)
    assert not set(NEW_NAMES) & set(wb.defined_names)
    ctx = build_context(read_tracker(path))
    assert ctx["report_title"] == layout.REPORT_TITLE
    assert ctx["headings"] == {"scores": layout.HEADING_SCORES,
                               "analysis": layout.HEADING_ANALYSIS,
                               "results": layout.HEADING_RESULTS}


def test_blank_settings_print_todays_wording(tmp_path):
    data = tracker_data(2565)
    data["settings"].update(report_title=None, heading_scores="  ", heading_analysis=None,
                            heading_results=None)
    ctx = build_context(read_tracker(write_tracker(tmp_path / "t.xlsm", data)))
    assert ctx["report_title"] == layout.REPORT_TITLE
    assert ctx["headings"]["scores"] == layout.HEADING_SCORES


def test_the_agencys_own_title_and_headings_are_printed(tmp_path):
    data = tracker_data(2568, thai=False)
    own = {"report_title": "รายงานการขับเคลื่อนมาตรการส่งเสริมคุณธรรม & ความโปร่งใส",
           "heading_scores": "ส่วนที่ ๑ คะแนน", "heading_analysis": "ส่วนที่ ๒ วิเคราะห์",
           "heading_results": "ส่วนที่ ๓ ผลงาน"}
    data["settings"].update(own)
    files = _produce(tmp_path / "own", data, pdf=False)
    paragraphs = docx_paragraphs(files["report"])
    for field, value in own.items():
        assert value in paragraphs, field
    assert layout.REPORT_TITLE not in paragraphs and layout.HEADING_RESULTS not in paragraphs
    title = docx.Document(str(files["report"])).core_properties.title
    assert title.startswith(own["report_title"] + " เทศบาลตำบลบ้านใหม่ ปีงบประมาณ พ.ศ. 2568")


# --- numbers as shown ---------------------------------------------------------------------


def _formats(formats: dict[str, str]):
    """Set number formats of the first indicator's score and the overall score cells."""
    def finish(wb):
        for name, fmt in formats.items():
            if name == "score":
                ws = next(w for w in wb.worksheets if "Indicators" in w.tables)
                ref = ws.tables["Indicators"].ref
                header_row = int(re.search(r"\d+", ref).group())
                col = next(c.column for c in ws[header_row] if c.value == "คะแนน")
                ws.cell(row=header_row + 1, column=col).number_format = fmt
            else:
                dest = wb.defined_names[name].attr_text
                sheet, cell = dest.split("!")
                wb[sheet.strip("'")][cell.replace("$", "")].number_format = fmt
    return finish


@pytest.mark.parametrize("fmt, shown", [("0.00", "๙๐.๐๐"), ("General", "๙๐.๐๐"),
                                        ("0.0", "๙๐.๐"), ("0.000", "๙๐.๐๐๐")])
def test_scores_print_with_the_decimals_their_cell_shows(tmp_path, fmt, shown):
    finish = _formats({"score": fmt, "ita_overall_score": fmt})
    tracker = read_tracker(write_tracker(tmp_path / "t.xlsm", tracker_data(2565), finish))
    ctx = build_context(tracker)
    assert ctx["scores"][0]["score"] == shown
    overall = {"0.00": "๘๘.๕๐", "General": "๘๘.๕๐", "0.0": "๘๘.๕", "0.000": "๘๘.๕๐๐"}[fmt]
    assert ctx["overall_score"] == overall and f"คะแนนรวม {overall}" in ctx["overall"]


def test_number_cells_read_as_excel_shows_them():
    from ita_xl.reader import number_shown
    from ita_xl.thai import fixed

    assert number_shown(72.4, "number", "0.00") == "72.40"
    assert number_shown(72.445, "number", "0.00") == "72.45"  # Excel rounds half away from 0
    assert number_shown(0.8247, "number", "0.00%") == "82.47"  # the number the clerk sees
    assert number_shown(1234.5, "number", "#,##0.0") == "1,234.5"
    assert number_shown(72.4, "number", "General") is None  # General: the documents' two
    assert number_shown(72.4, "text", "0.00") is None and number_shown("72", "number", "0") is None
    assert fixed(0.125, 2) == "0.13" and fixed(85, 2) == "85.00" and fixed(-1.005, 2) == "-1.01"


def test_score_text_and_result_words():
    assert score_text(72.4, None, True) == "๗๒.๔๐"
    assert score_text(72.4, "72.40", False) == "72.40"
    assert score_text(85, None, False) == "85.00"
    assert score_text(82.47, "82.47%", True) == "๘๒.๔๗"  # a percent cell: its number, no sign
    assert score_text(82.47, "82.5%", False) == "82.5"
    assert score_text(None, None, True) == "" and score_text("n/a", None, True) == ""
    assert passed_word("ใช่", 90, 85) == "ไม่ผ่าน"  # the clerk's cell decides (memo counts it)
    assert passed_word("ไม่ใช่", 80, 85) == "ผ่าน"
    assert passed_word(None, 84.99, 85) == "ไม่ผ่าน" and passed_word(None, 85, 85) == "ผ่าน"
    assert passed_word(None, None, 85) == ""


# --- wording and numbers in labels --------------------------------------------------------

OFFICIAL = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ"


@pytest.mark.soffice
def test_official_name_of_the_assessment_in_memo_and_report(produced):
    for kind in ("memo", "report"):
        text = squash(docx_text(produced["2565"][kind]))
        assert squash(OFFICIAL) in text
        assert squash("ความโปร่งใสในการดำเนินการของหน่วยงานภาครัฐ") not in text
        assert squash("ประเมินคุณธรรมและความโปร่งใสของหน่วยงานภาครัฐ") not in text
    memo = squash(pdf_text(produced["2565"]["memo_pdf"]))
    assert squash("ตามที่ได้จัดทำรายงาน" + OFFICIAL) in memo


@pytest.mark.parametrize("typed, thai, printed", [
    ("รอบ ๑๒ เดือน", False, "รอบ 12 เดือน"), ("รอบ 12 เดือน", True, "รอบ ๑๒ เดือน"),
    ("รอบ ๖ เดือน", True, "รอบ ๖ เดือน"), ("6", True, "รอบ ๖ เดือน"),
    ("รอบ 6 เดือน (ต.ค. 64 - มี.ค. 65)", True, "รอบ ๖ เดือน (ต.ค. ๖๔ - มี.ค. ๖๕)")])
def test_round_label_digits_follow_the_document(typed, thai, printed):
    assert round_text(typed, thai) == printed


@pytest.mark.soffice
@pytest.mark.parametrize("typed, thai", [("รอบ ๑๒ เดือน", False), ("รอบ 12 เดือน", True)])
def test_round_printed_in_the_documents_digits(tmp_path, typed, thai):
    data = tracker_data(2568, thai=thai, round_label=typed, scores=False)
    files = _produce(tmp_path / "r", data)
    want, wrong = ("รอบ ๑๒ เดือน", "รอบ 12 เดือน") if thai else ("รอบ 12 เดือน", "รอบ ๑๒ เดือน")
    for kind in ("memo", "report"):
        pdf = pdf_text(files[kind + "_pdf"])
        assert wrong not in pdf and wrong not in docx_text(files[kind])
    cover = pdf_text(files["report_pdf"]).split("\f")[0]
    assert want in cover
    subject = next(line for line in pdf_text(files["memo_pdf"]).splitlines()
                   if line.startswith("เรื่อง"))
    assert subject.rstrip(".").endswith(want) or want in pdf_text(files["memo_pdf"])
    title = docx.Document(str(files["memo"])).core_properties.title
    assert title.endswith(want)


def test_address_names_nothing_the_agency_name_already_says():
    assert address_line(TYPES["องค์การบริหารส่วนจังหวัด"], None, "นครสวรรค์",
                        "องค์การบริหารส่วนจังหวัดนครสวรรค์") == ""
    assert address_line(TYPES["กรุงเทพมหานคร"], "บางรัก", None,
                        "สำนักงานเขตบางรัก") == "กรุงเทพมหานคร"
    assert address_line(TYPES["เทศบาลนคร"], "เมืองนครสวรรค์", "นครสวรรค์",
                        "เทศบาลนครนครสวรรค์") == "อำเภอเมืองนครสวรรค์ จังหวัดนครสวรรค์"
    assert address_line(TYPES["ส่วนราชการส่วนภูมิภาค"], None, "เชียงใหม่",
                        "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดเชียงใหม่") == ""


@pytest.mark.soffice
def test_province_named_once_for_a_provincial_administrative_organisation(tmp_path):
    name = "องค์การบริหารส่วนจังหวัดนครสวรรค์"
    data = tracker_data(2565, agency=name, kind="องค์การบริหารส่วนจังหวัด", district=None,
                        province="นครสวรรค์", scores=False)
    files = _produce(tmp_path / "pao", data)
    for text in (docx_text(files["report"]), pdf_text(files["report_pdf"])):
        assert squash(text).count(squash("จังหวัดนครสวรรค์")) == squash(text).count(squash(name))
        assert squash(f"{name} จังหวัดนครสวรรค์") not in squash(text)
    assert squash(f"{name} ได้ดำเนินการวิเคราะห์") in squash(pdf_text(files["report_pdf"]))


# --- the memo head: dots between the reference and วันที่ --------------------------------

# Real reference formats, longest first: an อปท. code with a sub-office and a circular
# number (ว), a ministry's, a province-coded one with the year.
REFS = ["สข ๗๓๖๐๑.๐๐๑.๒/ว ๑๒๓๔๕", "กจ ๕๒๑๐๑.๑/ว ๑๒๓๔", "มท ๐๘๑๐.๒/ว ๑๒๓๔๕",
        "ชม ๕๑๓๐๑/๒๕๖๕"]
DATE_STOP_PT = (3.0 + 8.0) / 2.54 * 72  # left margin + half the text width, in points
MIN_DOTS = 10  # about a centimetre of leader


@pytest.fixture(scope="module")
def memo_heads(tmp_path_factory) -> dict[tuple[str, bool], Path]:
    """The memo of every reference in both digit settings, dated ๓๐ พฤศจิกายน (the longest
    month name), made into PDFs in one LibreOffice run."""
    from ita_xl.convert import to_pdf

    root = tmp_path_factory.mktemp("heads")
    docs = {}
    for thai in (True, False):
        data = tracker_data(2565, thai=thai, scores=False)
        data["settings"]["memo_date"] = dt.date(2021, 11, 30)
        tracker = read_tracker(write_tracker(root / f"t{thai}.xlsm", data))
        for i, ref in enumerate(REFS):
            tracker.settings.memo_ref = ref
            rendered = render_documents(tracker)
            name = next(n for n in rendered if "memo" in n)
            path = root / f"{'th' if thai else 'ar'}{i}.docx"
            path.write_bytes(rendered[name])
            docs[(ref, thai)] = path
    pdfs = to_pdf(list(docs.values()), root / "pdf")
    return dict(zip(docs, pdfs))


@pytest.mark.soffice
@pytest.mark.parametrize("thai", [True, False], ids=["thai", "arabic"])
@pytest.mark.parametrize("ref", REFS)
def test_reference_keeps_leader_dots_before_the_date(memo_heads, ref, thai):
    pdf = memo_heads[(ref, thai)]
    shown = to_thai_digits(ref) if thai else to_arabic_digits(ref)
    date = "๓๐ พฤศจิกายน ๒๕๖๔" if thai else "30 พฤศจิกายน 2564"
    line = next(line for line in pdf_text(pdf).splitlines() if line.startswith("ที่ "))
    m = re.fullmatch(rf"ที่ {re.escape(shown)}(\.+)วันที่ {date}(\.+)", line.strip())
    assert m, line
    assert len(m.group(1)) >= MIN_DOTS and len(m.group(2)) >= MIN_DOTS
    # วันที่ starts at its stop, mid-line, whatever the reference's length.
    words = pdf_words(pdf)[0]
    label = next(w for w in words if w[3] == "วันที่")
    assert abs(label[0] - DATE_STOP_PT) < 2, label


# --- templates/README.md lists every tag ---------------------------------------------------


def test_templates_readme_names_every_context_value(tmp_path):
    """Each value the templates can print (top level of the context) is named in a code span
    of templates/README.md, so an agency editing a template finds it there."""
    from ita_xl.resources import example_data
    from ita_xl.xlsm.workbook import load_data

    readme = (Path(__file__).resolve().parents[1] / "templates" / "README.md").read_text(
        encoding="utf-8")
    spans = " ".join(re.findall(r"`([^`]+)`", readme))
    keys = set(build_context(read_tracker(write_tracker(tmp_path / "a.xlsm",
                                                        tracker_data(2568, thai=False)))))
    keys |= set(build_context(read_tracker(write_tracker(tmp_path / "b.xlsm",
                                                         load_data(example_data())))))
    missing = sorted(k for k in keys if not re.search(rf"(?<![\w.]){re.escape(k)}\b", spans))
    assert missing == []


# --- pictures for a reviewer (issue 18 point 7) ---------------------------------------------


@pytest.mark.soffice
def test_page_pictures_show_every_page_of_every_agency(tmp_path):
    """tests/support/page_pictures.py: a PNG of each page of both PDFs of the bundled example
    and three other agencies (types, rounds, years), A4 at the asked resolution."""
    import struct
    import subprocess

    from support.page_pictures import agencies, pictures

    done = pictures(tmp_path, dpi=40)
    assert set(done) == set(agencies()) and len(done) == 4
    years = {name: data["settings"]["fiscal_year"] for name, data in agencies().items()}
    assert len(set(years.values())) == 4  # four fiscal years, four agency types
    for name, pdfs in done.items():
        assert len(pdfs) == 2, name
        for pdf, pngs in pdfs.items():
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                                  check=True).stdout
            pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
            assert len(pngs) == pages >= 1, pdf
            for png in pngs:
                head = png.read_bytes()[:24]
                assert head[:8] == b"\x89PNG\r\n\x1a\n"
                width, height = struct.unpack(">II", head[16:24])
                assert (abs(width - 21 / 2.54 * 40) <= 2, abs(height - 29.7 / 2.54 * 40) <= 2) \
                    == (True, True), (png, width, height)
    # The reviewer sees the score table where scores were typed, and no table where none.
    assert "คะแนนรวม" in pdf_text(next(p for p in done["pao-2568"] if "report" in p.name))
    assert "คะแนน" not in pdf_text(next(p for p in done["bkk-2567"] if "report" in p.name))


def test_init_from_an_older_tracker_starts_the_new_settings_with_todays_wording(tmp_path):
    """`init --from` a tracker made before the title/heading settings: next year's tracker has
    them, filled with today's wording for the clerk to reword; an agency's own title carries."""
    from support.cli import cli

    old = write_tracker(tmp_path / "old.xlsm", tracker_data(2565), _without_names(NEW_NAMES))
    new = tmp_path / "new.xlsm"
    result = cli("init", str(new), "--from", str(old))
    assert result.exit_code == 0, result.output
    s = read_tracker(new).settings
    assert (s.report_title, s.heading_scores, s.heading_analysis, s.heading_results) == (
        layout.REPORT_TITLE, layout.HEADING_SCORES, layout.HEADING_ANALYSIS,
        layout.HEADING_RESULTS)
    data = tracker_data(2565)
    data["settings"]["report_title"] = "รายงานของหน่วยงานเอง"
    own = write_tracker(tmp_path / "own.xlsm", data)
    again = tmp_path / "again.xlsm"
    assert cli("init", str(again), "--from", str(own)).exit_code == 0
    assert read_tracker(again).settings.report_title == "รายงานของหน่วยงานเอง"
