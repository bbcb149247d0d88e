"""``ita_xl.typeset`` and ``ita_xl.pdfcopy`` on their own (no LibreOffice): word ends, column
widths, even titles, the PDF copy's parts, the Thai-digit companion font.  The PDFs themselves
are read back in tests/test_pdf_lines.py."""
from __future__ import annotations

import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from ita_xl import linebreaks, pdfcopy, typeset

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
def test_no_word_ends_inside_a_listed_word_or_before_a_mark():
    text = "ปีงบประมาณของหน่วยงานภาครัฐ"
    parts = typeset._segments(text)
    assert "".join(parts) == text
    assert "ปีงบประมาณ" in parts and "หน่วยงาน" in parts and "ภาครัฐ" in parts
    for seg in parts[1:]:
        assert seg[0] not in linebreaks._NO_WORD_START


def _table_doc(rows: list[list[str]], widths_cm: list[float]) -> docx.Document:
    doc = docx.Document()
    table = doc.add_table(rows=0, cols=len(widths_cm))
    table.autofit = False
    for col, w in zip(table.columns, widths_cm):
        col.width = Cm(w)
    for n, texts in enumerate(rows):
        row = table.add_row()
        for cell, w, text in zip(row.cells, widths_cm, texts):
            cell.width = Cm(w)
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(16)
        if n == 0:
            row._tr.get_or_add_trPr().append(row._tr.makeelement(W + "tblHeader", {}))
    return doc


def _grid_cm(doc) -> list[float]:
    return [int(g.get(W + "w")) / 20 / 72 * 2.54 for g in doc.element.body.iter(W + "gridCol")]


def test_a_long_label_column_gets_room_and_the_table_keeps_its_width():
    measure = "มาตรการสร้างความเข้าใจและตระหนักในการสร้างความโปร่งใสของหน่วยงานภาครัฐ"
    steps = "- จัดทำคู่มือการปฏิบัติงานหรือหลักเกณฑ์มาตรฐานการปฏิบัติงาน " * 8
    doc = _table_doc([["มาตรการ", "ขั้นตอน", "หมายเหตุ"],
                      [measure, steps, ""]], [3.0, 9.0, 4.0])
    assert typeset.fit_tables(doc.element.body) == 1
    grid = _grid_cm(doc)
    assert sum(grid) == pytest.approx(16.0, abs=0.01)
    width = grid[0] * 72 / 2.54 - typeset.CELL_MARGINS - typeset.SLACK
    assert typeset.line_count(typeset.pieces(measure), width) <= 4  # the issue: "about four"
    # the empty remarks column keeps only what its header needs
    assert grid[2] < 2.5


def test_a_latin_run_and_a_listed_word_always_fit_their_column():
    doc = _table_doc([["ก", "ข", "ค", "ง"],
                      ["ทดสอบ", "Website ,Instagram ,Facebook", "มาตรการ", "ข้อความยาวมาก" * 8]],
                     [4.0, 4.0, 4.0, 4.0])
    typeset.fit_tables(doc.element.body)
    grid = [g * 72 / 2.54 for g in _grid_cm(doc)]
    assert grid[1] >= typeset.text_width("Website ,Instagram ,Facebook") + typeset.CELL_MARGINS
    assert grid[2] >= typeset.text_width("มาตรการ") + typeset.CELL_MARGINS


def test_a_table_without_a_repeated_header_is_left_alone():
    doc = _table_doc([["ก", "ข"], ["ค", "ง"]], [8.0, 8.0])
    for tr in doc.element.body.iter(W + "tr"):
        for el in tr.iter(W + "tblHeader"):
            el.getparent().remove(el)
    assert typeset.fit_tables(doc.element.body) == 0
    assert [round(g, 2) for g in _grid_cm(doc)] == [8.0, 8.0]


def test_a_centred_title_breaks_evenly_not_before_its_last_word():
    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.left_margin, section.right_margin = Cm(21), Cm(3), Cm(2)
    title = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(title)
    run.font.size, run.font.bold = Pt(20), True
    run._r.get_or_add_rPr().append(run._r.makeelement(W + "bCs", {}))
    run._r.rPr.append(run._r.makeelement(W + "szCs", {W + "val": "40"}))
    assert typeset.balance_titles(doc.element.body) == 1
    lines = "".join(t.text if t.tag == W + "t" else "\n" for t in p._p.iter(W + "t", W + "br"))
    first, second = lines.split("\n")
    assert first + second == title
    widths = [typeset.text_width(x, 20, True) for x in (first, second)]
    assert min(widths) > 0.6 * max(widths), lines  # not "… ภายใน / หน่วยงาน"


def test_the_pdf_copy_changes_only_what_libreoffice_needs(tmp_path):
    doc = docx.Document()
    p = doc.add_paragraph("ตัวชี้วัดของหน่วยงาน ปีงบประมาณ พ.ศ. ๒๕๖๕")
    jc = p._p.get_or_add_pPr().makeelement(W + "jc", {W + "val": "thaiDistribute"})
    p._p.pPr.append(jc)
    src, dst = tmp_path / "a.docx", tmp_path / "b.docx"
    doc.save(str(src))
    pdfcopy.write_copy(src, dst, digits_family=None)
    before = zipfile.ZipFile(src).read("word/document.xml").decode()
    after = zipfile.ZipFile(dst).read("word/document.xml").decode()
    assert 'w:val="thaiDistribute"' in before and 'w:val="both"' in after
    text = "".join(t.text or "" for t in docx.Document(str(dst)).element.body.iter(W + "t"))
    assert text == "ตัว\u2060ชี้\u2060วัดของหน่วย\u2060งาน ปี\u2060งบ\u2060ประมาณ พ.ศ.\u00a0๒๕๖๕"
    assert zipfile.ZipFile(src).namelist() == zipfile.ZipFile(dst).namelist()


def test_a_damaged_file_is_passed_on_as_it_is(tmp_path):
    src, dst = tmp_path / "bad.docx", tmp_path / "copy.docx"
    src.write_bytes(b"not a zip")
    pdfcopy.write_copy(src, dst)
    assert dst.read_bytes() == b"not a zip"


def test_the_digit_companion_draws_0_to_9_as_the_thai_digits():
    from fontTools.ttLib import TTFont

    from ita_xl.fonts import DIGITS_FAMILY, ensure_fonts

    setup = ensure_fonts()
    assert setup.digits_file is not None and setup.digits_file.is_file()
    font = TTFont(str(setup.digits_file))
    cmap = font.getBestCmap()
    assert {cmap[ord(str(n))] for n in range(10)} == {cmap[0x0E50 + n] for n in range(10)}
    assert all(cmap[ord(str(n))] == cmap[0x0E50 + n] for n in range(10))
    assert not any(0x0E01 <= c <= 0x0E4F or ord("A") <= c <= ord("z") for c in cmap)
    assert font["name"].getDebugName(1) == DIGITS_FAMILY
    # the same outline and advance as the main font's ๒
    main = TTFont(str(setup.files[0]))  # the regular style (derived) or the system font
    two = main.getBestCmap()[0x0E52]
    assert font["hmtx"][cmap[ord("2")]][0] == main["hmtx"][two][0]
    ours, theirs = font["glyf"][cmap[ord("2")]], main["glyf"][two]
    assert list(ours.getCoordinates(font["glyf"])[0]) == list(theirs.getCoordinates(main["glyf"])[0])
