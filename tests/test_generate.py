"""Issue 2: the memo and the report come out of the tracker with every fact of the seed."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docs import docx_paragraphs, docx_tables, docx_text, squash
from seed import memo_part, report_part, seed_tables
from wbedit import open_copy, set_name, set_rows

from ita_xl import resources
from ita_xl.generate import generate

EXAMPLE = resources.example_workbook()

# Values of the seed's memo, as its text spells them (checked against the seed below).
MEMO_VALUES = [
    "สำนักปลัดเทศบาล", "๕๖๖๐๑/-", "๑ มีนาคม ๒๕๖๕",
    "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงาน"
    "ภาครัฐ (ITA) เทศบาลตำบลเมืองหงส์ ประจำปีงบประมาณ พ.ศ.๒๕๖๕",
    "เรียน นายกเทศมนตรีตำบลเมืองหงส์",
    "จำนวน ๔ ตัวชี้วัด จากทั้งหมด ๑๐ ตัวชี้วัด", "พ.ศ.๒๕๖๔",
    "(นายอรชุน ชินหงส์)", "นักวิชาการคอมพิวเตอร์ ชำนาญการ",
    "ทราบ/ความเห็นของหัวหน้าฝ่ายอำนวยการ", "(นายสุระสิทธิ์ หงส์จุมพล)", "หัวหน้าฝ่ายอำนวยการ",
    "ทราบ/ความเห็นของหัวหน้าสำนักปลัดเทศบาล", "(นางกาญจนา คุณพิภาค)", "หัวหน้าสำนักปลัดเทศบาล",
    "ทราบ/ความเห็นของรองปลัดเทศบาลตำบลเมืองหงส์", "จ.อ.", "(อภิชาติ ไชยสีดา)",
    "รองปลัดเทศบาลตำบลเมืองหงส์",
    "ทราบ/ความเห็นของปลัดเทศบาลตำบลเมืองหงส์", "ว่าที่ร้อยตรี", "(สันติวัฒน์ ศรีสมุทร)",
    "ปลัดเทศบาลตำบลเมืองหงส์",
    "ทราบ/ความเห็นของนายกเทศมนตรีตำบลเมืองหงส์", "(นางศรณี บุญเหลี่ยม)",
    "นายกเทศมนตรีตำบลเมืองหงส์", "ขอแสดงความนับถือ",
]
# Ordered blocks of the endorsement chain: rank (if any) must come right before the name.
CHAIN_ORDER = ["(นายสุระสิทธิ์ หงส์จุมพล)", "(นางกาญจนา คุณพิภาค)", "จ.อ.", "(อภิชาติ ไชยสีดา)",
               "ว่าที่ร้อยตรี", "(สันติวัฒน์ ศรีสมุทร)", "(นางศรณี บุญเหลี่ยม)"]

REPORT_VALUES = [
    "ประจำปีงบประมาณ พ.ศ. ๒๕๖๕", "(ดำเนินการต่อเนื่องจากปีงบประมาณ พ.ศ.๒๕๖๔)",
    "สำนักปลัดเทศบาล", "เทศบาลตำบลเมืองหงส์", "อำเภอจตุรพักตรพิมาน จังหวัดร้อยเอ็ด", "คำนำ",
    "สำนักงานเทศบาลเทศบาลตำบลเมืองหงส์", "เมษายน ๒๕๖๕",
    "โดยแบ่งเป็น ๒ ระดับ ได้แก่ ๑.ระดับที่ต้องแก้ไขและพัฒนาทำความเข้าใจแก่ผู้ปฏิบัติงาน",
    "ตัวชี้วัด การใช้งบประมาณ", "ตัวชี้วัดคุณภาพการดำเนินงาน",
    "๒.ระดับที่ต้องรับดำเนินการและเร่งสร้างความเข้าใจในการดำเนินงานของหน่วยงานของรัฐ",
    "ตัวชี้วัดการเปิดเผยข้อมูล", "ตัวชี้วัดการป้องกันการทุจริต",
    "ระยะที่ 4 (พ.ศ.2565 – 2569)",
    "(นายสุระสิทธิ์ หงส์จุมพล)", "ตำแหน่ง หัวหน้าฝ่ายอำนวยการ", "ผู้จัดทำ",
]


@pytest.fixture(scope="module")
def example_docs(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("example")
    result = generate(EXAMPLE, out)
    return {w.path.name.rsplit("_", 1)[1].split(".")[0]: w.path for w in result.documents}


def test_expected_values_are_the_seeds():
    memo, report = squash(memo_part()), squash(report_part())
    for value in MEMO_VALUES:
        assert squash(value) in memo, value
    for value in REPORT_VALUES:
        assert squash(value) in report, value


def test_memo_has_every_seed_value(example_docs):
    text = squash(docx_text(example_docs["memo"]))
    missing = [v for v in MEMO_VALUES if squash(v) not in text]
    assert not missing


def test_memo_chain_in_order_with_ranks_before_names(example_docs):
    paras = [p.strip() for p in docx_paragraphs(example_docs["memo"]) if p.strip()]
    positions = [paras.index(v) for v in CHAIN_ORDER]
    assert positions == sorted(positions)
    assert paras[paras.index("(อภิชาติ ไชยสีดา)") - 1] == "จ.อ."
    assert paras[paras.index("(สันติวัฒน์ ศรีสมุทร)") - 1] == "ว่าที่ร้อยตรี"


def test_report_has_every_seed_value(example_docs):
    text = squash(docx_text(example_docs["report"]))
    missing = [v for v in REPORT_VALUES if squash(v) not in text]
    assert not missing


def test_report_tables_hold_every_seed_cell(example_docs):
    plan_seed, results_seed = seed_tables()
    plan_doc, results_doc = docx_tables(example_docs["report"])
    assert [squash(c) for c in plan_doc[0]] == [squash(h) for h in (
        "มาตรการ", "แนวทางการปฏิบัติ", "ขั้นตอน/วิธีการปฏิบัติ", "ผู้รับผิดชอบ", "การกำกับติดตาม")]
    assert [[squash(c) for c in row] for row in plan_doc[1:]] == \
        [[squash(c) for c in row] for row in plan_seed]
    # Two header rows; the merged ผลการดำเนินการ spans ผลผลิต and ผลลัพธ์.
    assert results_doc[0][3] == results_doc[0][4] == "ผลการดำเนินการ"
    assert results_doc[1][3:5] == ["ผลผลิต", "ผลลัพธ์"]
    assert [[squash(c) for c in row] for row in results_doc[2:]] == \
        [[squash(c) for c in row] for row in results_seed]


def test_header_rows_repeat_and_rows_do_not_split(example_docs):
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document(str(example_docs["report"]))
    plan, results = doc.tables
    for table, header_rows in ((plan, 1), (results, 2)):
        for i, row in enumerate(table.rows):
            trpr = row._tr.trPr
            assert trpr is not None and trpr.find(qn("w:cantSplit")) is not None
            assert (trpr.find(qn("w:tblHeader")) is not None) == (i < header_rows)


def test_multiline_cells_keep_their_lines(example_docs):
    _, results_doc = docx_tables(example_docs["report"])
    details = results_doc[2][1].split("\n")
    assert details == ["-จัดทำคู่มือในการดำเนินงานของหน่วยงาน",
                       "-จัดทำคำสั่งมอบหมายหน้าที่ในการดำเนินงานให้ชัดเจน",
                       "-จัดอบรมซักซ้อมการดำเนินงานของแต่ละส่วน"]


def test_readme_command_writes_both_documents(tmp_path):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "ita-xl generate --example -o output" in readme
    proc = subprocess.run([sys.executable, "-m", "ita_xl", "generate", "--example", "-o",
                           str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["ITA2565_6m_memo.docx", "ITA2565_6m_report.docx"]


# A second agency, written into a copy of the tracker through table and header names.
SECOND = {
    "ita_agency": "องค์การบริหารส่วนตำบลบ้านใหม่", "ita_office": "สำนักงานปลัด อบต.",
    "ita_district": "สันทราย", "ita_province": "เชียงใหม่", "ita_fiscal_year": 2567,
    "ita_round": "รอบ ๑๒ เดือน", "ita_digits": "เลขอารบิก", "ita_continuation": None,
    "ita_memo_ref": "ชม 71234/999", "ita_memo_date": dt.datetime(2024, 9, 20),
    "ita_subject": "รายงานผลตามมาตรการ ITA ของ อบต.บ้านใหม่ ปี 2567",
    "ita_addressee": "นายกองค์การบริหารส่วนตำบลบ้านใหม่", "ita_closing": None,
    "ita_preface": "คำนำของ อบต.บ้านใหม่ ย่อหน้าแรก\nย่อหน้าที่สองของคำนำ",
    "ita_preface_signer": "สำนักงานปลัด อบต.บ้านใหม่", "ita_preface_date": dt.datetime(2024, 9, 1),
    "ita_writer_name": "นางสาวมะลิ ดอกหอม", "ita_writer_position": "นักจัดการงานทั่วไป",
    "ita_preparer_name": "นายชัยวัฒน์ ใจดี", "ita_preparer_position": "หัวหน้าสำนักงานปลัด",
}
SECOND_CHAIN = [
    {"ข้อความนำ": "ความเห็นของหัวหน้าสำนักงานปลัด", "ชื่อ-สกุล": "นายชัยวัฒน์ ใจดี",
     "ตำแหน่ง": "หัวหน้าสำนักงานปลัด"},
    {"ข้อความนำ": "ความเห็นของปลัด อบต.", "ยศ/คำนำหน้า": "ร.ต.ท.", "ชื่อ-สกุล": "สมศักดิ์ รักดี",
     "ตำแหน่ง": "ปลัดองค์การบริหารส่วนตำบลบ้านใหม่"},
    {"ข้อความนำ": "ความเห็นของนายก อบต.", "ชื่อ-สกุล": "นายบุญมี มีสุข",
     "ตำแหน่ง": "นายกองค์การบริหารส่วนตำบลบ้านใหม่"},
]
SECOND_PLAN = [
    {"มาตรการ": f"มาตรการทดสอบที่ {i}", "แนวทางการปฏิบัติ": f"แนวทาง {i}\n- ข้อย่อย {i}",
     "ขั้นตอน/วิธีการปฏิบัติ": f"1. ขั้นตอนแรก {i}\n2. ขั้นตอนสอง {i}", "ผู้รับผิดชอบ": "กองคลัง",
     "การกำกับติดตาม": f"ติดตามทุกไตรมาส {i}"} for i in (1, 2, 3)
]
SECOND_RESULTS = [
    {"มาตรการ": f"มาตรการทดสอบที่ {i}", "รายละเอียดการดำเนินงาน": f"ทำงานจริง {i}",
     "ระยะเวลา: เดือนที่เริ่ม": dt.datetime(2024, i + 1, 1), "ผลผลิต": f"ผลผลิต {i}",
     "ผลลัพธ์": f"ผลลัพธ์ {i}", "หมายเหตุ": f"หมายเหตุ {i}"} for i in (1, 2, 3)
]
SECOND_SHORT = {"การใช้อำนาจ": 1, "ประสิทธิภาพการสื่อสาร": 2}


def _write_second_agency(path: Path) -> None:
    wb = open_copy(path)
    for name, value in SECOND.items():
        set_name(wb, name, value)
    set_rows(wb, "Chain", SECOND_CHAIN)
    set_rows(wb, "Plan", SECOND_PLAN)
    set_rows(wb, "Results", SECOND_RESULTS)
    ws, table = next((ws, ws.tables["Indicators"]) for ws in wb.worksheets if "Indicators" in ws.tables)
    from wbedit import headers
    from openpyxl.utils import range_boundaries

    cols = headers(ws, table)
    _, top, _, bottom = range_boundaries(table.ref)
    for r in range(top + 1, bottom + 1):
        name = ws.cell(row=r, column=cols["ตัวชี้วัด"]).value
        ws.cell(row=r, column=cols["ไม่ผ่านเกณฑ์"]).value = "ใช่" if name in SECOND_SHORT else "ไม่ใช่"
        ws.cell(row=r, column=cols["ระดับที่ต้องพัฒนา"]).value = SECOND_SHORT.get(name)
    wb.save(path)


def _example_values() -> list[str]:
    import tomllib

    data = tomllib.loads(resources.example_data().read_text(encoding="utf-8"))
    values = [v for v in data["settings"].values() if isinstance(v, str)]
    for table in ("Chain", "Plan", "Results"):
        for row in data[table]:
            values += [v for v in row.values() if isinstance(v, str)]
    distinctive = [v for v in values if len(squash(v)) >= 6 and v not in {"ขอแสดงความนับถือ"}]
    return distinctive + ["เมืองหงส์", "ร้อยเอ็ด", "จตุรพักตรพิมาน", "๒๕๖๕", "2565"]


def test_second_agency_complete_and_nothing_of_the_example(tmp_path):
    copy = tmp_path / "second.xlsx"
    shutil.copy(EXAMPLE, copy)
    _write_second_agency(copy)
    result = generate(copy, tmp_path / "out")
    names = sorted(p.name for p in result.paths)
    assert names == ["ITA2567_12m_memo.docx", "ITA2567_12m_report.docx"]
    memo = next(p for p in result.paths if p.name.endswith("memo.docx"))
    report = next(p for p in result.paths if p.name.endswith("report.docx"))
    memo_text, report_text = docx_text(memo), docx_text(report)
    expected_memo = ["สำนักงานปลัด อบต.", "ชม 71234/999", "20 กันยายน 2567",
                     "จำนวน 2 ตัวชี้วัด จากทั้งหมด 10 ตัวชี้วัด", "พ.ศ.2566", "พ.ศ.2567",
                     SECOND["ita_subject"], SECOND["ita_addressee"], "(นางสาวมะลิ ดอกหอม)"]
    for row in SECOND_CHAIN:
        expected_memo += [row["ข้อความนำ"], f"({row['ชื่อ-สกุล']})", row["ตำแหน่ง"]]
    expected_memo.append("ร.ต.ท.")
    for value in expected_memo:
        assert squash(value) in squash(memo_text), value
    expected_report = ["ประจำปีงบประมาณ พ.ศ. 2567", "อำเภอสันทราย จังหวัดเชียงใหม่",
                       "คำนำของ อบต.บ้านใหม่ ย่อหน้าแรก", "ย่อหน้าที่สองของคำนำ", "กันยายน 2567",
                       "โดยแบ่งเป็น 2 ระดับ", "ตัวชี้วัดการใช้อำนาจ", "ตัวชี้วัดประสิทธิภาพการสื่อสาร",
                       "(นายชัยวัฒน์ ใจดี)", "ตำแหน่ง หัวหน้าสำนักงานปลัด"]
    for value in expected_report:
        assert squash(value) in squash(report_text), value
    plan_doc, results_doc = docx_tables(report)
    assert len(plan_doc) == 1 + 3 and len(results_doc) == 2 + 3
    for i, row in enumerate(results_doc[2:], start=1):
        assert row[0] == f"มาตรการทดสอบที่ {i}" and row[5] == f"หมายเหตุ {i}"
        assert squash(row[2]) == squash(f"เดือน {['มกราคม','กุมภาพันธ์','มีนาคม','เมษายน'][i]} 2567")
    # No Thai digit anywhere: the workbook asked for Arabic digits.
    assert not any(ch in "๐๑๒๓๔๕๖๗๘๙" for ch in memo_text + report_text)
    leaked = [v for v in _example_values() if squash(v) in squash(memo_text + report_text)]
    assert not leaked


def test_inserted_row_reordered_columns_and_notes_column(tmp_path):
    """Same documents apart from the inserted row, whatever the clerk did to the layout."""
    from openpyxl.utils import get_column_letter, range_boundaries
    from wbedit import find_table

    base = generate(EXAMPLE, tmp_path / "base")
    copy = tmp_path / "moved.xlsx"
    shutil.copy(EXAMPLE, copy)
    wb = open_copy(copy)
    ws, table = find_table(wb, "Plan")
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    # Reorder: swap the first and last columns' contents, including headers.
    rows = [[ws.cell(row=r, column=c).value for c in range(min_col, max_col + 1)]
            for r in range(min_row, max_row + 1)]
    rows = [[row[-1]] + row[1:-1] + [row[0]] for row in rows]
    # Insert a new measure after the second one and add a notes column.
    values = {"มาตรการ": "มาตรการที่แทรกเพิ่ม", "แนวทางการปฏิบัติ": "แนวทางใหม่",
              "ขั้นตอน/วิธีการปฏิบัติ": "ขั้นตอนใหม่", "ผู้รับผิดชอบ": "กองช่าง",
              "การกำกับติดตาม": "ติดตามทุกเดือน"}
    rows.insert(3, [values.get(h) for h in rows[0]])
    rows = [row + [("บันทึกของเจ้าหน้าที่" if i == 0 else f"โน้ต {i}")] for i, row in enumerate(rows)]
    for r, row in enumerate(rows, start=min_row):
        for c, value in enumerate(row, start=min_col):
            ws.cell(row=r, column=c).value = value
    table.ref = f"{get_column_letter(min_col)}{min_row}:{get_column_letter(min_col + len(rows[0]) - 1)}" \
                f"{min_row + len(rows) - 1}"
    from openpyxl.worksheet.table import TableColumn

    table.tableColumns.append(TableColumn(id=len(rows[0]), name="บันทึกของเจ้าหน้าที่"))
    table.autoFilter.ref = table.ref
    # Headers are matched by text after removing spaces: a clerk's stray space is fine.
    ws.cell(row=min_row, column=min_col + 1).value = "แนวทาง การปฏิบัติ "
    ws.title = "แผนมาตรการ (แก้ไข)"
    wb.save(copy)

    moved = generate(copy, tmp_path / "moved")
    for a, b in zip(sorted(base.paths), sorted(moved.paths)):
        if a.name.endswith("memo.docx"):
            assert docx_text(a) == docx_text(b)
        else:
            plan_a, results_a = docx_tables(a)
            plan_b, results_b = docx_tables(b)
            assert results_a == results_b
            assert plan_b[:3] + plan_b[4:] == plan_a
            assert plan_b[3][0] == "มาตรการที่แทรกเพิ่ม" and plan_b[3][3] == "กองช่าง"
            assert docx_paragraphs(a) == docx_paragraphs(b)


def test_template_styles_set_th_sarabun_16pt_in_every_slot():
    import zipfile

    from lxml import etree

    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    w = "{%s}" % ns["w"]
    for name in ("memo.docx", "report.docx"):
        path = Path(__file__).parents[1] / "templates" / name
        styles = etree.fromstring(zipfile.ZipFile(path).read("word/styles.xml"))
        for scope in (styles.find("w:docDefaults/w:rPrDefault/w:rPr", ns),
                      styles.find("w:style[@w:styleId='Normal']/w:rPr", ns)):
            fonts = scope.find("w:rFonts", ns)
            for slot in ("ascii", "hAnsi", "cs"):
                assert fonts.get(w + slot) == "TH SarabunPSK", (name, slot)
            assert not any(attr.endswith("Theme") for attr in fonts.attrib)
            assert scope.find("w:sz", ns).get(w + "val") == "32"
            assert scope.find("w:szCs", ns).get(w + "val") == "32"
            assert scope.find("w:lang", ns).get(w + "bidi") == "th-TH"
        section = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(
            ".//w:sectPr", ns)
        size, margins = section.find("w:pgSz", ns), section.find("w:pgMar", ns)
        assert (size.get(w + "w"), size.get(w + "h")) == ("11906", "16838")  # A4 in twips
        assert (margins.get(w + "left"), margins.get(w + "right")) == ("1701", "1134")  # 3 / 2 cm


def test_memo_heading_is_29pt_bold():
    import docx

    doc = docx.Document(str(Path(__file__).parents[1] / "templates" / "memo.docx"))
    heading = next(p for p in doc.paragraphs if p.text == "บันทึกข้อความ")
    run = heading.runs[0]
    rpr = run._r.rPr
    from docx.oxml.ns import qn

    assert rpr.find(qn("w:szCs")).get(qn("w:val")) == "58"
    assert rpr.find(qn("w:bCs")) is not None and run.bold


def test_committed_templates_and_workbook_match_their_sources():
    from ita_xl.build.templates import template_bytes
    from ita_xl.build.tracker import example_tracker_bytes

    root = Path(__file__).parents[1]
    for name in ("memo.docx", "report.docx"):
        assert (root / "templates" / name).read_bytes() == template_bytes(name), name
    assert EXAMPLE.read_bytes() == example_tracker_bytes()


def _png(width: int, height: int) -> bytes:
    """A small valid PNG (solid grey), made here so no image file is committed."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_emblem_is_optional_and_placed_1_5_cm_tall(tmp_path):
    import zipfile

    from lxml import etree

    emblem = tmp_path / "garuda.png"
    emblem.write_bytes(_png(40, 48))
    with_emblem = generate(EXAMPLE, tmp_path / "with", emblem=emblem)
    without = generate(EXAMPLE, tmp_path / "without")
    memo_with = next(p for p in with_emblem.paths if p.name.endswith("memo.docx"))
    memo_without = next(p for p in without.paths if p.name.endswith("memo.docx"))
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
          "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
    body = etree.fromstring(zipfile.ZipFile(memo_with).read("word/document.xml"))
    extents = body.findall(".//wp:inline/wp:extent", ns)
    assert len(extents) == 1
    assert int(extents[0].get("cy")) == 15 * 36000  # 1.5 cm in EMU
    assert any(n.startswith("word/media/") for n in zipfile.ZipFile(memo_with).namelist())
    # Without an emblem the memo starts with its heading: no picture, no empty paragraph.
    assert docx_paragraphs(memo_without)[0] == "บันทึกข้อความ"
    assert not any(n.startswith("word/media/") for n in zipfile.ZipFile(memo_without).namelist())
    # The picture has a paragraph of its own above the heading; the text is the same.
    assert docx_paragraphs(memo_with)[0] == ""
    assert docx_paragraphs(memo_with)[1:] == docx_paragraphs(memo_without)


def test_missing_emblem_file_is_a_clear_error(tmp_path):
    from click.testing import CliRunner

    from ita_xl.cli import main

    result = CliRunner().invoke(main, ["generate", "--example", "-o", str(tmp_path / "out"),
                                       "--emblem", str(tmp_path / "nope.png")])
    assert result.exit_code == 2
    assert "ไม่พบไฟล์ภาพตราครุฑ" in result.output and "Emblem picture" in result.output
    assert not (tmp_path / "out").exists()
