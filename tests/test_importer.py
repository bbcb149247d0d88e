"""``ita-xl import``: Word documents (ours and hand-made ones) back into a tracker.

The hand-made documents are built here with python-docx the way clerks make them: other header
wording and widths, a row-number column, a table split by a page break, a header repeated
inside a table, blank spacer rows, a merged measure cell, a two-row header with a merged
ผลการดำเนินงาน cell, multi-line cells, Arabic digits, the preface before the cover, a memo
whose head is laid out in a table and ranks written inside the parentheses.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm
from support.cli import cli
from openpyxl import load_workbook

from ita_xl import layout, resources
from ita_xl.pipeline import check
from ita_xl.importer import import_documents
from ita_xl.importer.review import SHEET as REVIEW_SHEET
from ita_xl.reader import read_tracker
from ita_xl.builder.vba.cfb import write_compound_file


def _text(path: Path) -> str:
    """All text of a .docx (body paragraphs and table cells), whitespace removed."""
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            seen = set()
            for cell in row.cells:
                if id(cell._tc) not in seen:
                    seen.add(id(cell._tc))
                    parts.append(cell.text)
    return re.sub(r"\s+", "", "".join(parts))


def _stamp(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def _findings(path: Path) -> set[tuple]:
    findings = check(path).findings
    return {(f.code, f.severity, f.sheet, f.cell, f.message_en) for f in findings}


# --- round trip ------------------------------------------------------------------------------------
def test_round_trip_generate_import_generate_gives_the_same_documents(tmp_path):
    first = tmp_path / "first"
    assert cli("generate", "--example", "-o", str(first)).exit_code == 0
    memo, report = first / "ITA2565_6m_memo.docx", first / "ITA2565_6m_report.docx"
    before = {p: _stamp(p) for p in (memo, report)}

    tracker = tmp_path / "imported.xlsm"
    result = cli("import", str(report), str(memo), "-o", str(tracker))
    assert result.exit_code == 0, result.output
    assert {p: _stamp(p) for p in (memo, report)} == before  # the Word files only read

    second = tmp_path / "second"
    result = cli("generate", str(tracker), "-o", str(second))
    assert result.exit_code == 0, result.output
    for name in ("ITA2565_6m_memo.docx", "ITA2565_6m_report.docx"):
        assert _text(second / name) == _text(first / name), name

    # The imported tracker checks as the bundled one: the same warnings, nothing more.
    original = _findings(resources.example_workbook())
    imported = _findings(tracker)
    assert imported == original
    assert all(f[1] == "warning" for f in imported)


def test_round_trip_imports_the_example_values(tmp_path):
    assert cli("generate", "--example", "-o", str(tmp_path)).exit_code == 0
    imp = import_documents(tmp_path / "ITA2565_6m_report.docx", tmp_path / "ITA2565_6m_memo.docx")
    tracker = tmp_path / "t.xlsm"
    assert cli("import", str(tmp_path / "ITA2565_6m_report.docx"),
                   str(tmp_path / "ITA2565_6m_memo.docx"), "-o", str(tracker)).exit_code == 0
    got, want = read_tracker(tracker), read_tracker(resources.example_workbook())
    for spec in layout.SETTINGS:
        assert getattr(got.settings, spec.field) == getattr(want.settings, spec.field), spec.field
    for spec in layout.TABLES:
        assert [r.values() for r in got.records(spec.name)] == \
            [r.values() for r in want.records(spec.name)], spec.name
    # Inferred values say so.
    notes = {v.target: v.note_en for v in imp.values}
    assert "inferred" in notes["settings.round"] and "inferred" in notes["settings.digits"]
    # Space-broken words are imported as typed (the checks report them, ITA603).
    assert got.results[2].measure == "มาตรการ เผยแพร่ข้อมูล ต่อสาธารณะ"


def test_review_sheet_lists_every_value_with_source_and_cell(tmp_path):
    assert cli("generate", "--example", "-o", str(tmp_path)).exit_code == 0
    report, memo = tmp_path / "ITA2565_6m_report.docx", tmp_path / "ITA2565_6m_memo.docx"
    tracker = tmp_path / "t.xlsm"
    assert cli("import", str(report), str(memo), "-o", str(tracker)).exit_code == 0
    imp = import_documents(report, memo)
    wb = load_workbook(tracker)
    assert wb.sheetnames[0] == REVIEW_SHEET
    review = wb[REVIEW_SHEET]
    rows = [[c.value for c in row] for row in review.iter_rows(min_row=5)]
    linked = {r[1]: r for r in rows if r[1] and "!" in str(r[1])}
    # The agency: its cell (found through the defined name), its value and its source paragraph.
    sheet, coord = next(iter(wb.defined_names["ita_agency"].destinations))
    agency = linked[f"{sheet}!{coord.replace('$', '')}"]
    assert agency[3] == "เทศบาลตำบลเมืองหงส์"
    assert "ITA2565_6m_report.docx" in agency[4] and "ย่อหน้าที่" in agency[4]
    comment = wb[sheet][coord.replace("$", "")].comment
    assert comment is not None and "นำเข้าจาก" in comment.text and "Imported from" in comment.text
    # One row per imported value, each pointing at a cell that holds that value.
    assert len(linked) >= len(imp.values)
    ws_plan, table = next((ws, ws.tables["Plan"]) for ws in wb.worksheets if "Plan" in ws.tables)
    first_measure = [r for r in rows if r[2] and "มาตรการ" in str(r[2]) and "แถว 1" in str(r[2])
                     and str(r[1]).startswith(ws_plan.title)][0]
    target = first_measure[1].split("!")[1]
    assert ws_plan[target].value == first_measure[3]
    assert "ตารางที่ 1 แถว 2 คอลัมน์ 1" in first_measure[4]
    # Text with no place in the tracker is listed (the memo's fixed body paragraphs).
    flat = "\n".join(str(v) for r in rows for v in r if v)
    assert "ตามที่ได้จัดทำรายงานการประเมินคุณธรรม" in flat
    assert "ไม่ได้นำเข้า" in flat


# --- hand-made documents ----------------------------------------------------------------------------
PLAN_HEADER = ("ที่", "มาตรการ", "แนวทางปฏิบัติ", "ขั้นตอนการปฏิบัติ", "หน่วยงานที่รับผิดชอบ",
               "การติดตามผล")
PLAN_ROWS = [
    ("1", "มาตรการเปิดเผยข้อมูลต่อสาธารณะ", ["- จัดทำช่องทางเผยแพร่", "- ปรับปรุงเว็บไซต์"],
     ["1. มอบหมายผู้รับผิดชอบ", "2. เผยแพร่ข้อมูล"], "สำนักปลัด",
     ["รายงานผล", "- รอบ 6 เดือน", "- รอบ 12 เดือน"]),
    ("2", "มาตรการป้องกันการรับสินบน", ["ประกาศนโยบาย No Gift Policy"],
     ["1. ผู้บริหารลงนามประกาศ"], "กองคลัง", ["รายงานผล รอบ 6 เดือน"]),
    ("3", "มาตรการจัดการเรื่องร้องเรียน", ["จัดทำคู่มือ การรับเรื่อง ร้องเรียน"],
     ["1. จัดทำคู่มือ", "2. เผยแพร่คู่มือ"], "สำนักปลัด", ["รายงานผล"]),
    ("4", "มาตรการส่งเสริมความโปร่งใสในการจัดซื้อจัดจ้าง", ["เผยแพร่แผนจัดซื้อจัดจ้าง"],
     ["1. จัดทำแผน"], "กองคลัง", ["รายงานผล รอบ 12 เดือน"]),
]
RESULT_ROWS = [
    # measure, details, period, output, outcome, remarks
    ("มาตรการเปิดเผยข้อมูลต่อสาธารณะ", ["ปรับปรุงเว็บไซต์", "เพิ่มหัวข้อ ITA"], "ธันวาคม 2565",
     "เว็บไซต์ที่เป็นปัจจุบัน", "ประชาชนเข้าถึงข้อมูล", ""),
    ("มาตรการเปิดเผยข้อมูลต่อสาธารณะ", ["เผยแพร่ข้อมูลต่อสาธาร ณะ"], "ม.ค. - ก.พ. 2566",
     "ข้อมูล 33 รายการ", "ครบทุกข้อ", "ดำเนินการแล้ว"),
    ("มาตรการป้องกันการรับสินบน", ["ผู้บริหารประกาศ No Gift Policy"], "เดือน กุมภาพันธ์ ๒๕๖๖",
     "ประกาศ 1 ฉบับ", "ไม่มีการรับของขวัญ", ""),
]
RESULT_DATES = [(dt.date(2022, 12, 1), None), (dt.date(2023, 1, 1), dt.date(2023, 2, 1)),
                (dt.date(2023, 2, 1), None)]


def _fill(cell, lines) -> None:
    """A cell with one paragraph per line (how clerks press Enter inside a cell)."""
    lines = [lines] if isinstance(lines, str) else lines
    cell.text = lines[0] if lines else ""
    for line in lines[1:]:
        cell.add_paragraph(line)


def _plan_table(doc, rows, *, header=True, repeat_header_at=None, blank_at=None):
    table = doc.add_table(rows=0, cols=len(PLAN_HEADER))
    table.style = "Table Grid"
    if header:
        _row(table, PLAN_HEADER)
    for i, row in enumerate(rows):
        if i == blank_at:
            table.add_row()  # a blank spacer row
        if i == repeat_header_at:
            _row(table, PLAN_HEADER)  # the header typed again where the page turned
        _row(table, row)
    for i, width in enumerate((1.0, 4.0, 4.5, 4.5, 2.5, 3.0)):  # not the tracker's widths
        for cell in table.columns[i].cells:
            cell.width = Cm(width)
    return table


def _row(table, values):
    cells = table.add_row().cells
    for cell, value in zip(cells, values):
        _fill(cell, value)


def handmade_report(path: Path) -> Path:
    doc = Document()
    # The preface first, then the cover.
    doc.add_paragraph("คำนำ")
    doc.add_paragraph("องค์การบริหารส่วนตำบลหนองแก้ว ได้จัดทำรายงานฉบับนี้")
    doc.add_paragraph("เพื่อใช้ปรับปรุงการดำเนินงานในปีถัดไป")
    doc.add_paragraph("กองคลัง องค์การบริหารส่วนตำบลหนองแก้ว")
    doc.add_paragraph("มีนาคม 2566")
    doc.add_page_break()
    doc.add_paragraph("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")
    doc.add_paragraph("ประจำปีงบประมาณ พ.ศ. 2566")
    doc.add_paragraph("(ดำเนินการต่อเนื่องจากปีงบประมาณ พ.ศ. 2565)")
    doc.add_paragraph("")
    doc.add_paragraph("กองคลัง")
    doc.add_paragraph("องค์การบริหารส่วนตำบลหนองแก้ว อำเภอเมืองขอนแก่น จังหวัดขอนแก่น")
    doc.add_page_break()
    doc.add_paragraph(
        "องค์การบริหารส่วนตำบลหนองแก้ว ได้วิเคราะห์ผลการประเมินปี พ.ศ. 2565 แบ่งเป็น 2 ระดับ ได้แก่ "
        "1. ระดับที่ต้องแก้ไขโดยเร่งด่วน คือ ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล "
        "2. ระดับที่ต้องพัฒนาให้ดีขึ้น คือ ตัวชี้วัดการป้องกันการทุจริต และตัวชี้วัดคุณภาพการดำเนินงาน "
        "จึงมีแนวทางดังนี้")
    # The plan, split by a page break: the second part has no header.
    _plan_table(doc, PLAN_ROWS[:2], blank_at=1)
    doc.add_paragraph("")
    doc.add_page_break()
    _plan_table(doc, PLAN_ROWS[2:], header=False, repeat_header_at=1)
    doc.add_paragraph("ผลการดำเนินงานตามมาตรการ มีดังนี้")
    # Results: a two-row header with a merged ผลการดำเนินงาน cell; a measure cell merged over
    # two rows; a blank row.
    table = doc.add_table(rows=2, cols=6)
    table.style = "Table Grid"
    top, sub = table.rows[0].cells, table.rows[1].cells
    for i, text in enumerate(("มาตรการ", "การดำเนินงาน", "ระยะเวลาดำเนินการ")):
        top[i].merge(sub[i])
        top[i].text = text
    top[5].merge(sub[5])
    top[5].text = "หมายเหตุ"
    merged = top[3].merge(top[4])
    merged.text = "ผลการดำเนินงาน"
    sub[3].text, sub[4].text = "ผลผลิต", "ผลลัพธ์"
    body = []
    for i, (measure, details, period, output, outcome, remarks) in enumerate(RESULT_ROWS):
        if i == 2:
            table.add_row()  # blank
        cells = table.add_row().cells
        body.append(cells)
        if i != 1:
            cells[0].text = measure
        _fill(cells[1], details)
        cells[2].text = period
        cells[3].text, cells[4].text, cells[5].text = output, outcome, remarks
    body[0][0].merge(body[1][0])  # one measure cell over the measure's two rows
    doc.add_paragraph("")
    doc.add_paragraph("ลงชื่อ ............................ ผู้จัดทำ")
    doc.add_paragraph("(นางสาวสมใจ ใจดี)")
    doc.add_paragraph("ตำแหน่ง นักวิชาการเงินและบัญชี")
    doc.save(str(path))
    return path


def handmade_memo(path: Path) -> Path:
    doc = Document()
    doc.add_paragraph("บันทึกข้อความ")
    doc.add_paragraph("ส่วนราชการ....กองคลัง องค์การบริหารส่วนตำบลหนองแก้ว.........")
    head = doc.add_table(rows=1, cols=2)  # ที่ and วันที่ side by side in a table
    head.rows[0].cells[0].text = "ที่ ขก 71201/2566"
    head.rows[0].cells[1].text = "วันที่   15 มีนาคม 2566"
    doc.add_paragraph("เรื่อง\tรายงานผลการดำเนินการตามมาตรการ ประจำปีงบประมาณ พ.ศ. 2566")
    doc.add_paragraph("เรียน\tนายกองค์การบริหารส่วนตำบลหนองแก้ว")
    doc.add_paragraph("ตามที่ได้จัดทำมาตรการ จำนวน 3 ตัวชี้วัด จากทั้งหมด 10 ตัวชี้วัด")
    doc.add_paragraph("จึงเรียนมาเพื่อโปรดพิจารณา")
    doc.add_paragraph("")
    doc.add_paragraph("(นางสาวสมใจ ใจดี)")
    doc.add_paragraph("นักวิชาการเงินและบัญชี")
    doc.add_paragraph("ความเห็นของผู้อำนวยการกองคลัง")
    doc.add_paragraph("......................................")
    doc.add_paragraph("(นายมานะ ขยันดี)")
    doc.add_paragraph("ผู้อำนวยการกองคลัง")
    doc.add_paragraph("ความเห็นของปลัดองค์การบริหารส่วนตำบลหนองแก้ว")
    doc.add_paragraph("(ว่าที่ร้อยตรีสมชาย รักดี)")
    doc.add_paragraph("ปลัดองค์การบริหารส่วนตำบลหนองแก้ว")
    doc.add_paragraph("ทราบ/ความเห็นของนายกองค์การบริหารส่วนตำบลหนองแก้ว")
    doc.add_paragraph("จ.ส.อ.")
    doc.add_paragraph("(วีระ กล้าหาญ)")
    doc.add_paragraph("นายกองค์การบริหารส่วนตำบลหนองแก้ว")
    doc.save(str(path))
    return path


def test_handmade_report_imports_every_table_cell(tmp_path):
    report = handmade_report(tmp_path / "รายงาน 2566.docx")
    memo = handmade_memo(tmp_path / "บันทึก 2566.docx")
    before = {p: _stamp(p) for p in (report, memo)}
    tracker = tmp_path / "ITA.xlsm"
    result = cli("import", str(report), str(memo), "-o", str(tracker))
    assert result.exit_code == 0, result.output
    assert {p: _stamp(p) for p in (report, memo)} == before
    t = read_tracker(tracker)

    assert [(r.measure, r.guideline, r.steps, r.owner, r.monitoring) for r in t.plan] == [
        (m, "\n".join(g), "\n".join(s), o, "\n".join(mon)) for _, m, g, s, o, mon in PLAN_ROWS]
    got = [(r.measure, r.details, r.start, r.end, r.output, r.outcome, r.remarks) for r in t.results]
    want = [(m, "\n".join(d), *dates, out, oc, rem or None)
            for (m, d, _, out, oc, rem), dates in zip(RESULT_ROWS, RESULT_DATES)]
    assert got == want
    # Space-broken text stays as typed, for the checks to report.
    assert t.results[1].details == "เผยแพร่ข้อมูลต่อสาธาร ณะ"

    s = t.settings
    assert (s.agency, s.district, s.province, s.fiscal_year) == \
        ("องค์การบริหารส่วนตำบลหนองแก้ว", "เมืองขอนแก่น", "ขอนแก่น", 2566)
    assert s.continuation == "ดำเนินการต่อเนื่องจากปีงบประมาณ พ.ศ. 2565"
    assert s.preface == "องค์การบริหารส่วนตำบลหนองแก้ว ได้จัดทำรายงานฉบับนี้\n" \
                        "เพื่อใช้ปรับปรุงการดำเนินงานในปีถัดไป"
    assert s.preface_signer == "กองคลัง องค์การบริหารส่วนตำบลหนองแก้ว"
    assert s.preface_date == dt.date(2023, 3, 1)
    assert (s.preparer_name, s.preparer_position) == ("นางสาวสมใจ ใจดี", "นักวิชาการเงินและบัญชี")
    # Levels and indicators named in the analysis ("ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล" too).
    assert [(lv.level, lv.description) for lv in t.levels] == [
        (1, "ระดับที่ต้องแก้ไขโดยเร่งด่วน"), (2, "ระดับที่ต้องพัฒนาให้ดีขึ้น")]
    short = {i.name: i.level for i in t.indicators if i.fell_short}
    assert short == {"การเปิดเผยข้อมูล": 1, "การป้องกันการทุจริต": 2, "คุณภาพการดำเนินงาน": 2}

    # The memo: the office from its ส่วนราชการ line, ที่/วันที่ from the table, Arabic digits.
    assert s.office == "กองคลัง องค์การบริหารส่วนตำบลหนองแก้ว"
    assert (s.memo_ref, s.memo_date) == ("ขก 71201/2566", dt.date(2023, 3, 15))
    assert s.subject == "รายงานผลการดำเนินการตามมาตรการ ประจำปีงบประมาณ พ.ศ. 2566"
    assert s.addressee == "นายกองค์การบริหารส่วนตำบลหนองแก้ว"
    assert (s.digits, s.round) == ("เลขอารบิก", "รอบ ๖ เดือน")
    assert (s.writer_name, s.writer_position) == ("นางสาวสมใจ ใจดี", "นักวิชาการเงินและบัญชี")
    assert [(c.label, c.rank, c.name, c.position) for c in t.chain] == [
        ("ความเห็นของผู้อำนวยการกองคลัง", None, "นายมานะ ขยันดี", "ผู้อำนวยการกองคลัง"),
        ("ความเห็นของปลัดองค์การบริหารส่วนตำบลหนองแก้ว", "ว่าที่ร้อยตรี", "สมชาย รักดี",
         "ปลัดองค์การบริหารส่วนตำบลหนองแก้ว"),
        ("ทราบ/ความเห็นของนายกองค์การบริหารส่วนตำบลหนองแก้ว", "จ.ส.อ.", "วีระ กล้าหาญ",
         "นายกองค์การบริหารส่วนตำบลหนองแก้ว"),
    ]

    # The row numbers have no place in the tracker: each is listed on the review sheet, and the
    # office on the cover (which the memo's ส่วนราชการ line overrides) is noted.
    wb = load_workbook(tracker)
    rows = [[c.value for c in row] for row in wb[REVIEW_SHEET].iter_rows(min_row=5)]
    numbers = [r for r in rows if r[6] and "เลขลำดับแถว" in str(r[6])]
    assert sorted(r[5] for r in numbers) == ["1", "2", "3", "4"]
    office = [r for r in rows if r[2] == "ส่วนราชการเจ้าของเรื่อง"][0]
    assert "กองคลัง" in office[6] and "บันทึก 2566.docx" in office[4]

    # The checks run on the imported tracker and find the space-broken words; no errors.
    result = cli("check", str(tracker), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "ITA603" in result.output


def test_import_without_memo_lists_what_is_missing(tmp_path):
    report = handmade_report(tmp_path / "report.docx")
    tracker = tmp_path / "t.xlsm"
    result = cli("import", str(report), "-o", str(tracker))
    assert result.exit_code == 0, result.output
    wb = load_workbook(tracker)
    rows = [[c.value for c in row] for row in wb[REVIEW_SHEET].iter_rows(min_row=5)]
    missing = {r[2] for r in rows if r[4] and "ไม่พบในเอกสาร" in str(r[4])}
    assert {"ที่ (เลขที่หนังสือ)", "วันที่ของบันทึกข้อความ", "เรื่อง", "เรียน"} <= missing
    # The checks list the same cells as required (ITA101): what the clerk must fill in.
    assert "ITA101" in result.output


# --- files that cannot be imported ------------------------------------------------------------------
def _assert_refused(result, target: Path, *phrases: str) -> None:
    assert result.exit_code == 3, result.output
    err = result.stderr
    for phrase in phrases:
        assert phrase in err, err
    th, en = err.index(phrases[0]), err.index(phrases[1])
    assert th < en  # Thai first, English after
    assert not target.exists()


def test_old_word_doc_is_refused_by_its_signature(tmp_path):
    doc = tmp_path / "รายงาน.docx"  # named .docx, but an OLE2 compound file with a WordDocument
    doc.write_bytes(write_compound_file({"WordDocument": b"\xec\xa5" + b"\0" * 600,
                                         "1Table": b"\0" * 100}))
    before = _stamp(doc)
    target = tmp_path / "t.xlsm"
    result = cli("import", str(doc), "-o", str(target))
    _assert_refused(result, target, "Word รุ่นเก่า (.doc", "old Word 97-2003 document (.doc)",
                    "รายงาน.docx")
    assert _stamp(doc) == before


def test_password_protected_docx_is_refused(tmp_path):
    import msoffcrypto.format.ooxml

    plain = handmade_report(tmp_path / "plain.docx")
    locked = tmp_path / "locked.docx"
    with open(plain, "rb") as src, open(locked, "wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(src).encrypt("secret", out)
    before = _stamp(locked)
    target = tmp_path / "t.xlsm"
    result = cli("import", str(locked), "-o", str(target))
    _assert_refused(result, target, "ตั้งรหัสผ่านไว้", "protected with a password", "locked.docx")
    assert _stamp(locked) == before


def test_docx_without_recognisable_tables_is_refused(tmp_path):
    doc = Document()
    doc.add_paragraph("รายงานการประชุม")
    table = doc.add_table(rows=2, cols=3)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "ชื่อ", "ที่อยู่"
    path = tmp_path / "notes.docx"
    doc.save(str(path))
    before = _stamp(path)
    target = tmp_path / "t.xlsm"
    result = cli("import", str(path), "-o", str(target))
    _assert_refused(result, target, "ไม่พบตารางมาตรการ", "No measures-plan or results table",
                    "notes.docx")
    assert _stamp(path) == before


def test_memo_given_as_report_and_workbook_given_as_document(tmp_path):
    memo = handmade_memo(tmp_path / "memo.docx")
    target = tmp_path / "t.xlsm"
    _assert_refused(cli("import", str(memo), "-o", str(target)), target,
                    "ไม่พบตารางมาตรการ", "No measures-plan")
    report = handmade_report(tmp_path / "report.docx")
    _assert_refused(cli("import", str(report), str(report), "-o", str(target)), target,
                    "ไม่ใช่บันทึกข้อความ", "is not a memo")
    workbook = tmp_path / "book.docx"
    shutil.copy(resources.example_workbook(), workbook)
    _assert_refused(cli("import", str(workbook), "-o", str(target)), target,
                    "สมุดงาน Excel", "Excel workbook")


def test_import_never_overwrites(tmp_path):
    report = handmade_report(tmp_path / "report.docx")
    target = tmp_path / "t.xlsm"
    target.write_bytes(b"mine")
    result = cli("import", str(report), "-o", str(target))
    assert result.exit_code != 0
    assert target.read_bytes() == b"mine"


@pytest.mark.parametrize("break_kind", ["page", "line"])
def test_page_and_line_breaks_inside_paragraphs(tmp_path, break_kind):
    """A line break inside a cell is a new line; a page break is not text."""
    doc = Document()
    table = doc.add_table(rows=2, cols=5)
    for cell, text in zip(table.rows[0].cells, PLAN_HEADER[1:]):
        cell.text = text
    cell = table.rows[1].cells[0]
    run = cell.paragraphs[0].add_run("มาตรการ ก")
    run.add_break(WD_BREAK.PAGE if break_kind == "page" else WD_BREAK.LINE)
    cell.paragraphs[0].add_run("ต่อ")
    table.rows[1].cells[1].text = "แนวทาง"
    path = tmp_path / "r.docx"
    doc.save(str(path))
    imp = import_documents(path)
    measure = next(v.value for v in imp.values if v.target == "Plan[0].measure")
    assert measure == ("มาตรการ กต่อ" if break_kind == "page" else "มาตรการ ก\nต่อ")


# --- the real memo and report (the seed) -------------------------------------------------------------
def _seed_docx(text: str, path: Path) -> Path:
    """The seed's text as a Word file: a blank line ends a paragraph, a single newline is a line
    break, each markdown table a Word table (``<p>`` a paragraph inside the cell; the seed's
    measures plan is four tables, each with its own header, as the agency typed it)."""
    doc = Document()
    table = None
    block: list[str] = []

    def flush():
        if block:
            p = doc.add_paragraph()
            for i, line in enumerate(block):
                run = p.add_run(line)
                if i < len(block) - 1:
                    run.add_break()
            block.clear()

    for line in text.splitlines():
        if line.startswith("|"):
            flush()
            if re.match(r"^\|[-| ]+\|$", line):
                continue
            cells = line.strip().strip("|").split("|")
            if table is None:
                table = doc.add_table(rows=0, cols=len(cells))
            row = table.add_row().cells
            for cell, value in zip(row, cells):
                parts = [re.sub(r"</?p>", "", x).strip() for x in re.split(r"</p>\s*<p>", value)]
                _fill(cell, [x for x in parts if x] or [""])
            continue
        table = None
        if line.strip():
            block.append(line.strip())
        else:
            flush()
    flush()
    doc.save(str(path))
    return path


def test_the_seed_memo_and_report_import(tmp_path):
    from support.seed import memo_part, report_part, seed_tables

    report = _seed_docx(report_part(), tmp_path / "report.docx")
    memo = _seed_docx(memo_part(), tmp_path / "memo.docx")
    tracker = tmp_path / "seed.xlsm"
    result = cli("import", str(report), str(memo), "-o", str(tracker))
    assert result.exit_code == 0, result.output
    t = read_tracker(tracker)
    plan, results = seed_tables()

    def flat(value) -> str:
        return " ".join(str(value or "").split())

    assert [[flat(getattr(r, f)) for f in ("measure", "guideline", "steps", "owner", "monitoring")]
            for r in t.plan] == [[flat(c) for c in row] for row in plan]
    assert [[flat(getattr(r, f)) for f in ("measure", "details", "output", "outcome", "remarks")]
            for r in t.results] == [[flat(c) for c in (row[0], row[1], row[3], row[4], row[5])]
                                    for row in results]
    assert [r.start for r in t.results] == [dt.date(2021, 12, 1)] + [dt.date(2022, 2, 1)] * 3

    # Everything else the example tracker (typed from the same seed) holds.
    want = read_tracker(resources.example_workbook()).settings
    s = t.settings
    for name in ("agency", "office", "district", "province", "fiscal_year", "continuation",
                 "memo_ref", "memo_date", "subject", "addressee", "closing", "preface",
                 "preface_signer", "preface_date", "writer_name", "writer_position",
                 "preparer_name", "preparer_position", "digits", "round"):
        assert getattr(s, name) == getattr(want, name), name
    example = read_tracker(resources.example_workbook())
    assert [r.values() for r in t.chain] == [r.values() for r in example.chain]
    assert [r.values() for r in t.levels] == [r.values() for r in example.levels]
    assert [(i.name, i.short, i.level) for i in t.indicators] == \
        [(i.name, i.short, i.level) for i in example.indicators]


def test_plan_rows_under_one_merged_measure_become_one_measure_and_extra_columns_are_listed(tmp_path):
    doc = Document()
    plan = doc.add_table(rows=5, cols=6)
    for cell, text in zip(plan.rows[0].cells, ("มาตรการ", "แนวทางการปฏิบัติ", "ขั้นตอน/วิธีการปฏิบัติ",
                                               "ผู้รับผิดชอบ", "การกำกับติดตาม", "ตัวชี้วัดที่เกี่ยวข้อง")):
        cell.text = text
    rows = [("มาตรการ ก", "แนวทาง 1", "ขั้น 1", "สำนักปลัด", "รอบ 6 เดือน", "ตัวชี้วัดที่ 9"),
            ("", "แนวทาง 2", "ขั้น 2", "สำนักปลัด", "รอบ 6 เดือน", ""),
            ("มาตรการ ข", "แนวทาง 3", "ขั้น 3", "กองช่าง", "รอบ 12 เดือน", "")]
    for row, values in zip(plan.rows[1:], rows):
        for cell, text in zip(row.cells, values):
            cell.text = text
    plan.rows[1].cells[0].merge(plan.rows[2].cells[0])
    heading = plan.rows[4].cells[0].merge(plan.rows[4].cells[5])
    heading.text = "ด้านที่ ๒ การป้องกันการทุจริต"  # a group heading across the table
    doc.add_paragraph("ผล")
    results = doc.add_table(rows=2, cols=4)  # one ผลการดำเนินงาน column, not split
    for cell, text in zip(results.rows[0].cells,
                          ("มาตรการ", "รายละเอียดการดำเนินงาน", "ระยะเวลา", "ผลการดำเนินงาน")):
        cell.text = text
    for cell, text in zip(results.rows[1].cells,
                          ("มาตรการ ก", "ทำแล้ว", "ตลอดปีงบประมาณ", "สำเร็จ")):
        cell.text = text
    path = tmp_path / "r.docx"
    doc.save(str(path))
    tracker = tmp_path / "t.xlsm"
    assert cli("import", str(path), "-o", str(tracker)).exit_code == 0
    t = read_tracker(tracker)
    assert [(p.measure, p.guideline, p.steps, p.owner, p.monitoring) for p in t.plan] == [
        ("มาตรการ ก", "แนวทาง 1\nแนวทาง 2", "ขั้น 1\nขั้น 2", "สำนักปลัด", "รอบ 6 เดือน"),
        ("มาตรการ ข", "แนวทาง 3", "ขั้น 3", "กองช่าง", "รอบ 12 เดือน")]
    r = t.results[0]
    assert (r.measure, r.details, r.start, r.output, r.outcome) == \
        ("มาตรการ ก", "ทำแล้ว", "ตลอดปีงบประมาณ", "สำเร็จ", None)
    wb = load_workbook(tracker)
    rows = [[c.value for c in row] for row in wb[REVIEW_SHEET].iter_rows(min_row=5)]
    text = lambda r: " ".join(str(v) for v in r if v)  # noqa: E731
    assert any("ตัวชี้วัดที่ 9" in text(r) and "ไม่มีช่องในสมุดงาน" in text(r) for r in rows)
    assert any("ด้านที่ ๒ การป้องกันการทุจริต" == r[5] and "group heading" in str(r[6]) for r in rows)
    assert any("สำเร็จ" == r[3] and "output/outcome" in str(r[6]) for r in rows)
    assert any("ตลอดปีงบประมาณ" == r[3] and "not read as months" in str(r[6]) for r in rows)
    # The period kept as text is printed as typed.
    out = tmp_path / "out"
    result = cli("generate", str(tracker), "-o", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert "ตลอดปีงบประมาณ" in _text(next(out.glob("*_report.docx")))


def test_round_printed_on_the_cover_round_trips(tmp_path):
    from support.workbooks import save_copy
    from support.wbedit import set_name

    def edit(wb):
        set_name(wb, "ita_round_print", "ใช่")
        set_name(wb, "ita_round", "รอบ ๑๒ เดือน")

    source = save_copy(resources.example_workbook(), tmp_path / "src.xlsm", edit)
    first = tmp_path / "first"
    assert cli("generate", str(source), "-o", str(first), "--force").exit_code == 0
    report, memo = next(first.glob("*_report.docx")), next(first.glob("*_memo.docx"))
    tracker = tmp_path / "t.xlsm"
    assert cli("import", str(report), str(memo), "-o", str(tracker)).exit_code == 0
    s = read_tracker(tracker).settings
    assert (s.round, s.round_print) == ("รอบ ๑๒ เดือน", "ใช่")
    second = tmp_path / "second"
    assert cli("generate", str(tracker), "-o", str(second), "--force").exit_code == 0
    for doc in (report, memo):
        assert _text(second / doc.name) == _text(doc), doc.name


def _generate_import_generate(tmp_path, data) -> tuple[object, Path, Path]:
    """Tracker from ``data`` → documents → imported tracker → documents; the two sets compared."""
    from support.workbooks import save_copy, write_data

    source = save_copy(resources.example_workbook(), tmp_path / "src.xlsm",
                       lambda wb: write_data(wb, data))
    first = tmp_path / "first"
    result = cli("generate", str(source), "-o", str(first), "--force")
    assert result.exit_code == 0, result.output
    report, memo = next(first.glob("*_report.docx")), next(first.glob("*_memo.docx"))
    tracker = tmp_path / "imported.xlsm"
    result = cli("import", str(report), str(memo), "-o", str(tracker))
    assert result.exit_code == 0, result.output
    second = tmp_path / "second"
    assert cli("generate", str(tracker), "-o", str(second), "--force").exit_code == 0
    for doc in (report, memo):
        assert _text(second / doc.name) == _text(doc), doc.name
    return read_tracker(tracker), source, tracker


def test_round_trip_with_budgets_overall_result_improvements_and_two_rounds(tmp_path):
    from support.workbooks import example_data

    data = example_data()
    s = data["settings"]
    s.update(overall_score=72.5, overall_grade="C", round="รอบ ๑๒ เดือน",
             memo_date=dt.date(2022, 10, 10))
    data["Improvements"] = [
        {"tool": "แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)", "point": "เผยแพร่ข้อมูลให้ครบ\nทุกข้อ"},
        {"tool": "EIT", "point": "ปรับปรุงช่องทางสื่อสาร"}]
    data["Plan"][0]["budget"] = 25000.5
    data["Plan"][2]["budget"] = 3000
    for row, (round_, budget) in zip(data["Results"], (("รอบ ๖ เดือน", 1200), ("รอบ ๖ เดือน", None),
                                                       ("รอบ ๑๒ เดือน", None),
                                                       ("รอบ ๑๒ เดือน", 800.25))):
        row["round"] = round_
        if budget is not None:
            row["budget"] = budget
    t, _, tracker = _generate_import_generate(tmp_path, data)
    assert (t.settings.overall_score, t.settings.overall_grade) == (72.5, "C")
    assert [(i.tool, i.point) for i in t.improvements] == \
        [(i["tool"], i["point"]) for i in data["Improvements"]]
    assert [p.budget for p in t.plan] == [25000.5, None, 3000, None]
    assert [(r.round, r.budget) for r in t.results] == [
        ("รอบ ๖ เดือน", 1200), ("รอบ ๖ เดือน", None), ("รอบ ๑๒ เดือน", None),
        ("รอบ ๑๒ เดือน", 800.25)]
    # The headings "ผลการดำเนินการ รอบ …" are placed (as the rows' round), not listed as left over.
    wb = load_workbook(tracker)
    left = [str(r[5]) for r in wb[REVIEW_SHEET].iter_rows(min_row=5, values_only=True)
            if r[6] and "no place in the tracker" in str(r[6])]
    assert not [text for text in left if text.startswith("ผลการดำเนินการ รอบ")]


@pytest.mark.parametrize("variant", ["none_short", "short_without_levels"])
def test_round_trip_analysis_without_levels(tmp_path, variant):
    from support.workbooks import example_data

    data = example_data()
    if variant == "none_short":
        for row in data["Indicators"]:
            row["short"] = "ไม่ใช่"
            row.pop("level", None)
    else:
        for row in data["Indicators"]:
            row.pop("level", None)
    data["Levels"] = []
    t, _, _ = _generate_import_generate(tmp_path, data)
    want = [(r["name"], r["short"]) for r in data["Indicators"]]
    assert [(i.name, i.short) for i in t.indicators] == want
    assert t.levels == [] and all(i.level is None for i in t.indicators)


@pytest.mark.soffice
def test_a_real_word_97_doc_is_refused(tmp_path):
    """A .doc saved by LibreOffice (Word 97-2003 format), also under a .docx name."""
    import subprocess

    from ita_xl.convert import find_soffice

    source = handmade_report(tmp_path / "report.docx")
    out = tmp_path / "doc"
    subprocess.run([str(find_soffice()), f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
                    "--headless", "--norestore", "--convert-to", "doc:MS Word 97", "--outdir",
                    str(out), str(source)], check=True, capture_output=True, timeout=120)
    doc = out / "report.doc"
    renamed = tmp_path / "renamed.docx"
    shutil.copy(doc, renamed)
    for path in (doc, renamed):
        before = _stamp(path)
        target = tmp_path / "t.xlsm"
        result = cli("import", str(path), "-o", str(target))
        _assert_refused(result, target, "Word รุ่นเก่า (.doc", "old Word 97-2003 document (.doc)",
                        path.name)
        assert _stamp(path) == before


def test_entity_expansion_in_a_hostile_docx_is_not_followed(tmp_path):
    """A "billion laughs" document is refused as damaged, its entities never expanded."""
    import zipfile

    plain = handmade_report(tmp_path / "plain.docx")
    hostile = tmp_path / "hostile.docx"
    entities = '<!ENTITY a "ฮาฮาฮาฮาฮาฮาฮาฮาฮาฮา">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(hostile, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                head, _, rest = data.decode("utf-8").partition("?>")
                body = rest.replace("<w:t>คำนำ</w:t>", "<w:t>&j;</w:t>", 1)
                data = f'{head}?><!DOCTYPE w:document [{entities}]>{body}'.encode("utf-8")
            out.writestr(info, data)
    target = tmp_path / "t.xlsm"
    result = cli("import", str(hostile), "-o", str(target))
    _assert_refused(result, target, "hostile.docx เสียหาย", "hostile.docx is damaged")


def test_an_indicator_under_its_other_name_is_recognised(tmp_path):
    """"การปรับปรุงระบบการทำงาน" (as some sources name it) is the framework's การปรับปรุงการทำงาน."""
    report = handmade_report(tmp_path / "รายงาน.docx")
    doc = Document(str(report))
    analysis = next(p for p in doc.paragraphs if "ระดับที่ต้องพัฒนาให้ดีขึ้น" in p.text)
    analysis.text = analysis.text.replace(
        "และตัวชี้วัดคุณภาพการดำเนินงาน", "ตัวชี้วัดคุณภาพการดำเนินงาน และตัวชี้วัดการปรับปรุงระบบการทำงาน")
    doc.save(str(report))
    tracker = tmp_path / "ITA.xlsm"
    result = cli("import", str(report), "-o", str(tracker))
    assert result.exit_code == 0, result.output
    short = {i.name: i.level for i in read_tracker(tracker).indicators if i.fell_short}
    assert short == {"การเปิดเผยข้อมูล": 1, "การป้องกันการทุจริต": 2, "คุณภาพการดำเนินงาน": 2,
                     "การปรับปรุงการทำงาน": 2}
