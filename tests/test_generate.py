"""``ita_xl.pipeline.generate``: the memo and the report come out of the tracker with every fact of the seed."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.cli import cli, cli_process
from support.documents import docx_paragraphs, docx_tables, docx_text, png_bytes, squash
from support.seed import (CHAIN_ORDER, MEMO_VALUES, REPORT_VALUES, memo_part, report_part,
                          seed_tables)
from support.wbedit import open_copy
from support.workbooks import SECOND, SECOND_CHAIN, write_second_agency

from ita_xl import resources
from ita_xl.pipeline import generate

EXAMPLE = resources.example_workbook()

@pytest.fixture(scope="module")
def example_docs(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("example")
    result = generate(EXAMPLE, out)
    return {w.path.name.rsplit("_", 1)[1].split(".")[0]: w.path for w in result.written}


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


def test_header_rows_repeat_and_stay_whole_and_data_rows_may_split(example_docs):
    """Issue 18: a tall row that may not split left a page half empty; data rows may now run
    over a page break, and the header rows repeat on the next page."""
    import docx
    from docx.oxml.ns import qn

    doc = docx.Document(str(example_docs["report"]))
    plan, results = doc.tables[-2:]
    for table, header_rows in ((plan, 1), (results, 2)):
        for i, row in enumerate(table.rows):
            trpr = row._tr.trPr
            header = i < header_rows
            assert (trpr is not None and trpr.find(qn("w:tblHeader")) is not None) == header
            assert (trpr is not None and trpr.find(qn("w:cantSplit")) is not None) == header


def test_multiline_cells_keep_their_lines(example_docs):
    _, results_doc = docx_tables(example_docs["report"])
    details = results_doc[2][1].split("\n")
    assert details == ["-จัดทำคู่มือในการดำเนินงานของหน่วยงาน",
                       "-จัดทำคำสั่งมอบหมายหน้าที่ในการดำเนินงานให้ชัดเจน",
                       "-จัดอบรมซักซ้อมการดำเนินงานของแต่ละส่วน"]


def test_readme_command_writes_both_documents(tmp_path):
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "ita-xl generate --example -o output" in readme
    proc = cli_process("generate", "--example", "-o", tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["ITA2565_6m_memo.docx", "ITA2565_6m_report.docx"]


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
    write_second_agency(copy)
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
    from support.wbedit import find_table

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


def test_emblem_is_optional_and_placed_1_5_cm_tall(tmp_path):
    import zipfile

    from lxml import etree

    emblem = tmp_path / "garuda.png"
    emblem.write_bytes(png_bytes(40, 48))
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
    result = cli("generate", "--example", "-o", tmp_path / "out", "--emblem",
                 tmp_path / "nope.png")
    assert result.exit_code == 64  # a wrong name on the command line: a usage error
    assert "ไม่พบไฟล์ภาพตราครุฑ" in result.output and "Emblem picture" in result.output
    assert not (tmp_path / "out").exists()
