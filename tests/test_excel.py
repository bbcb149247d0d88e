"""``ita_xl.excel``: what the ribbon buttons run (``ita_xl.excel``), called with paths as the VBA passes them.

ITA.bas saves the workbook with ``SaveCopyAs`` to ``%TEMP%\\ita-xl-<random>\\tracker.xlsm`` and
calls an entry point with that copy, the clerk's real workbook path and a result file; documents
go to ``ITA_output`` beside the real workbook.  Clerks' folders and files have Thai names.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support.vba_command import vba_command
from support.wbedit import open_copy, set_name

from ita_xl import excel, layout, present, resources

EXAMPLE = resources.example_workbook()
DOCS = ["ITA2565_6m_memo.docx", "ITA2565_6m_report.docx"]


@pytest.fixture
def clerk(tmp_path) -> tuple[Path, Path, Path]:
    """(the clerk's workbook in a Thai folder, the VBA temp copy, the result file)."""
    folder = tmp_path / "เอกสาร ITA" / "ปีงบประมาณ ๒๕๖๕ (รอบ ๖ เดือน)"
    folder.mkdir(parents=True)
    original = folder / "สมุดงาน ITA เทศบาลตำบลเมืองหงส์.xlsm"
    shutil.copy(EXAMPLE, original)
    work = tmp_path / "ita-xl-rad1F2E3"
    work.mkdir()
    copy = work / "tracker.xlsm"
    shutil.copy(original, copy)
    return original, copy, work / "result.txt"


def test_generate_writes_the_documents_beside_the_clerks_workbook(clerk):
    original, copy, result = clerk
    answer = excel.generate_from_excel(str(copy), str(original), result=str(result))
    outdir = original.parent / "ITA_output"
    assert sorted(p.name for p in outdir.iterdir()) == DOCS
    assert not (copy.parent / "ITA_output").exists()
    read = excel.read_answer(result)
    assert read["status"] == ["warning"]  # the seed's own mistakes are warnings
    assert read["open"] == [str(outdir / name) for name in DOCS]
    assert any("ITA_output" in line for line in read["message"])
    assert answer.findings and "select" not in read  # the documents are what was asked for
    assert original.read_bytes() == EXAMPLE.read_bytes()  # the clerk's file is never touched


def test_the_exact_vba_command_with_thai_paths_writes_the_documents(clerk):
    original, copy, result = clerk
    command = vba_command("generate_from_excel", str(copy), str(original), result=str(result))
    assert command.isascii()
    proc = subprocess.run([sys.executable, "-c", command, "--wb=" + original.name, "--from_xl=0"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in (original.parent / "ITA_output").iterdir()) == DOCS
    assert excel.read_answer(result)["status"] == ["warning"]


def test_check_selects_the_first_problem_cell(clerk):
    original, copy, result = clerk
    wb = open_copy(copy)
    cell = set_name(wb, "ita_memo_ref", None).coordinate  # a required setting left blank
    wb.save(copy)
    answer = excel.check_from_excel(str(copy), str(original), result=str(result))
    read = excel.read_answer(result)
    assert read["status"] == ["error"]
    assert read["select"] == [f"{layout.SHEET_SETTINGS}\t{cell}"]
    assert answer.select == (layout.SHEET_SETTINGS, cell)
    assert "ITA101" in [f.code for f in answer.findings]
    assert any(f"ตั้งค่า!{cell}" in line for line in read["message"])


def test_generate_refuses_on_errors_and_lists_them(clerk):
    original, copy, result = clerk
    wb = open_copy(copy)
    set_name(wb, "ita_fiscal_year", "สองพันห้าร้อย")
    wb.save(copy)
    answer = excel.generate_from_excel(str(copy), str(original), result=str(result))
    assert answer.status == "error" and answer.select is not None
    assert not (original.parent / "ITA_output").exists()
    assert "ยังไม่ได้สร้างเอกสาร" in excel.read_answer(result)["message"][0]


def test_check_of_a_clean_copy_and_of_a_broken_one(clerk, tmp_path):
    original, copy, result = clerk
    answer = excel.check_from_excel(str(copy), str(original))
    assert answer.status == "warning" and answer.select is not None
    broken = tmp_path / "broken.xlsm"
    broken.write_bytes(b"not a workbook")
    answer = excel.check_from_excel(str(broken), str(original), result=str(result))
    assert answer.status == "error"
    assert "ไม่ใช่สมุดงาน Excel" in answer.message
    assert excel.read_answer(result)["status"] == ["error"]


def test_open_output_folder_and_about(clerk):
    original, _, result = clerk
    answer = excel.open_output_folder(str(original), result=str(result))
    assert answer.open == [original.parent / "ITA_output"] and answer.open[0].is_dir()
    about = excel.about(result=str(result))
    assert about.status == "ok" and "ita-xl" in about.message and "xlwings 0.37.8" in about.message


def test_output_folder_of_unsaved_and_cloud_workbooks(monkeypatch, tmp_path):
    monkeypatch.setattr(Path, "home", lambda: tmp_path)
    (tmp_path / "Documents").mkdir()
    assert excel.output_dir("Book1") == tmp_path / "Documents" / "ITA_output"
    assert excel.output_dir("https://d.docs.live.net/abc/งาน/ITA.xlsm") == \
        tmp_path / "Documents" / "ITA_output"
    assert excel.output_dir(tmp_path / "งาน" / "ITA.xlsm") == tmp_path / "งาน" / "ITA_output"


def test_an_unexpected_error_becomes_a_message_not_a_traceback(clerk, monkeypatch):
    original, copy, result = clerk

    def boom(*args, **kwargs):
        raise RuntimeError("kaput")

    monkeypatch.setattr("ita_xl.pipeline.generate", boom)
    answer = excel.generate_from_excel(str(copy), str(original), result=str(result))
    assert answer.status == "error" and "kaput" in answer.message
    assert excel.read_answer(result)["status"] == ["error"]


def test_result_file_is_utf16_with_bom_and_one_key_per_line(tmp_path):
    answer = excel.Answer("warning", ["บรรทัดแรก\nบรรทัดที่สอง"], ("แผน 'ปี 65'", "C7"),
                          [tmp_path / "งาน" / "ITA2565_6m_memo.docx"])
    answer.write(tmp_path / "r.txt")
    raw = (tmp_path / "r.txt").read_bytes()
    assert raw.startswith(b"\xff\xfe")
    assert raw[2:].decode("utf-16-le").split("\r\n") == [
        "status=warning", "message=บรรทัดแรก", "message=บรรทัดที่สอง",
        "select=แผน 'ปี 65'\tC7", f"open={tmp_path / 'งาน' / 'ITA2565_6m_memo.docx'}", ""]


def test_check_sheet_rows_link_to_the_cells():
    from ita_xl.pipeline import check

    findings = check(EXAMPLE).findings
    rows = present.check_sheet_rows(findings)
    assert len(rows) == len(findings) and all(len(r) == len(layout.CHECK_RESULTS_HEADERS) for r in rows)
    first = findings[0]
    assert rows[0][:3] == [1, "⚠ คำเตือน", first.code]
    assert rows[0][3] == f'=HYPERLINK("#\'{first.sheet}\'!{first.cell}","{first.sheet}!{first.cell}")'
    assert present.hyperlink_formula("แผน 'ปี 65'", "C7") == \
        '=HYPERLINK("#\'แผน \'\'ปี 65\'\'\'!C7","แผน \'ปี 65\'!C7")'
    assert present.check_sheet_rows([])[0][4] == "ไม่พบปัญหา"


# --- The live workbook, through an object shaped like xlwings' ----------------------------------

class FakeRange:
    def __init__(self, sheet, row, column, last=None):
        self.sheet, self.row, self.column, self.last = sheet, row, column, last

    def clear_contents(self):
        (r1, c1), (r2, c2) = (self.row, self.column), self.last
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                self.sheet.cells.pop((r, c), None)

    @property
    def value(self):
        return self.sheet.cells.get((self.row, self.column))

    @value.setter
    def value(self, rows):
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                self.sheet.cells[(self.row + i, self.column + j)] = v

    @property
    def last_cell(self):
        r = max(r for r, _ in self.sheet.cells)
        return FakeRange(self.sheet, r, 1)


class FakeSheet:
    name = layout.SHEET_CHECK

    def __init__(self):
        self.cells = {(5, c): h for c, h in enumerate(layout.CHECK_RESULTS_HEADERS, start=1)}
        for r in range(6, 30):  # an older, longer list of findings
            self.cells[(r, 5)] = f"เก่า {r}"
        self.cells[(5, 8)] = "=ITA_FINDINGS(...)"  # the live formula beside it stays

    @property
    def used_range(self):
        return self

    @property
    def last_cell(self):
        return FakeRange(self, max(r for r, _ in self.cells), 1)

    def range(self, first, last=None):
        return FakeRange(self, first[0], first[1], last)


class FakeName:
    def __init__(self, sheet):
        self.refers_to_range = FakeRange(sheet, 5, 1)


class FakeBook:
    def __init__(self):
        self.sheet = FakeSheet()
        self.names = {layout.CHECK_RESULTS_NAME: FakeName(self.sheet)}


def test_findings_replace_the_old_list_on_the_live_check_sheet(clerk, monkeypatch):
    original, copy, result = clerk
    book = FakeBook()
    monkeypatch.setattr(excel, "live_book", lambda path: book)
    # Outside Excel nothing live is touched ...
    excel.check_from_excel(str(copy), str(original))
    assert book.sheet.cells[(29, 5)] == "เก่า 29"
    # ... run from Excel (RunPython passes --from_xl=1) the list is replaced.
    monkeypatch.setattr(sys, "argv", ["-c", "--wb=x.xlsm", "--from_xl=1"])
    answer = excel.check_from_excel(str(copy), str(original))
    cells = book.sheet.cells
    n = len(answer.findings)
    assert [cells.get((6 + i, 1)) for i in range(n)] == list(range(1, n + 1))
    assert cells[(6, 3)] == answer.findings[0].code
    assert (6 + n, 5) not in cells and (29, 5) not in cells
    assert cells[(5, 8)] == "=ITA_FINDINGS(...)" and cells[(5, 1)] == "ลำดับ"


def test_a_failing_live_write_is_a_note_not_a_failure(clerk, monkeypatch):
    original, copy, _ = clerk
    monkeypatch.setattr(sys, "argv", ["-c", "--from_xl=1"])
    monkeypatch.setattr(excel, "live_book", lambda path: None)
    answer = excel.check_from_excel(str(copy), str(original))
    assert answer.status == "warning" and "ไม่พบสมุดงานที่เปิดอยู่" in answer.message


@pytest.mark.soffice
@pytest.mark.slow
def test_pdf_button_writes_pdfs_beside_the_workbook(clerk):
    original, copy, result = clerk
    answer = excel.pdf_from_excel(str(copy), str(original), result=str(result))
    outdir = original.parent / "ITA_output"
    assert answer.status in ("ok", "warning"), answer.message
    assert sorted(p.name for p in outdir.glob("*.pdf")) == [
        n.replace(".docx", ".pdf") for n in DOCS]
    assert all(p.read_bytes().startswith(b"%PDF") for p in outdir.glob("*.pdf"))
    assert excel.read_answer(result)["open"] == [str(outdir)]
