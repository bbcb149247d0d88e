"""Write ``templates/memo.docx`` and ``templates/report.docx`` (docxtpl templates).

The templates are built here so their layout is reviewable source, but they stay ordinary Word
files: a clerk may open them in Word and edit the wording around the ``{{ tags }}``
(``templates/README.md`` lists every tag).  A test rebuilds them and compares with the committed
files, so the two never drift apart.

Format (DOMAIN.md, ระเบียบงานสารบรรณ): A4; margins left 3 cm, right 2 cm, top 2.5 cm, bottom 2 cm;
TH SarabunPSK 16 pt for Latin *and* Thai text.  Word keeps Thai in the complex-script slot
(``w:cs`` font, ``w:szCs`` size, ``w:bCs`` bold), so every style sets both slots; theme fonts are
removed because a theme attribute beats an explicit font name.
"""
from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..wordstyle import set_document_fonts, set_fonts
from ..fonts import REQUESTED_FAMILY
from ..xlsm.zipdet import normalise_package

FONT = REQUESTED_FAMILY
SIZE_PT = 16
HEADING_PT = 29
TITLE_PT = 20
TEXT_WIDTH_CM = 21.0 - 3.0 - 2.0
SIGNATURE_INDENT_CM = 7.5
FIRST_LINE_CM = 2.5

# ---------------------------------------------------------------------------------------------
# Styles and page set-up


def _set_fonts(rpr, size_pt: float, bold: bool | None = None) -> None:
    set_fonts(rpr, FONT, size_pt, bold)


def _setup_styles(doc) -> None:
    set_document_fonts(doc, FONT, SIZE_PT, styles=("Table Grid",))
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is not None:
        defaults.remove(ppr_default)
    ppr_default = OxmlElement("w:pPrDefault")
    ppr = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    ppr.append(spacing)
    ppr_default.append(ppr)
    defaults.append(ppr_default)
    normal = doc.styles["Normal"]
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)


def _page_setup(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Cm(21.0)
    section.page_height = Cm(29.7)
    section.left_margin = Cm(3.0)
    section.right_margin = Cm(2.0)
    section.top_margin = Cm(2.5)
    section.bottom_margin = Cm(2.0)
    section.header_distance = Cm(1.25)
    section.footer_distance = Cm(1.0)


def _new_document():
    doc = Document()
    _setup_styles(doc)
    _page_setup(doc)
    body = doc.element.body
    for p in list(body.findall(qn("w:p"))):
        body.remove(p)
    props = doc.core_properties
    props.author = "ita-xl"
    props.last_modified_by = "ita-xl"
    props.revision = 1
    props.title = ""
    props.comments = ""
    return doc


# ---------------------------------------------------------------------------------------------
# Paragraph helpers


def _run(paragraph, text: str, *, bold: bool = False, size: float | None = None):
    run = paragraph.add_run(text)
    if bold or size:
        rpr = run._r.get_or_add_rPr()
        _set_fonts(rpr, size or SIZE_PT, bold=True if bold else None)
    return run


def _para(container, text: str = "", *, bold: bool = False, size: float | None = None,
          align=None, indent_cm: float | None = None, first_line_cm: float | None = None,
          keep_next: bool = False, distribute: bool = False):
    p = container.add_paragraph()
    if text:
        _run(p, text, bold=bold, size=size)
    fmt = p.paragraph_format
    if align is not None:
        fmt.alignment = align
    if indent_cm is not None:
        fmt.left_indent = Cm(indent_cm)
    if first_line_cm is not None:
        fmt.first_line_indent = Cm(first_line_cm)
    if keep_next:
        fmt.keep_with_next = True
    if distribute:
        # Thai justification spreads space between characters, not only at spaces.
        jc = OxmlElement("w:jc")
        jc.set(qn("w:val"), "thaiDistribute")
        p._p.get_or_add_pPr().append(jc)
    return p


def _tab_stops(paragraph, stops: list[tuple[float, str]]) -> None:
    """Right-aligned tab stops at ``cm`` positions with a leader (``dot``/``none``)."""
    ppr = paragraph._p.get_or_add_pPr()
    tabs = OxmlElement("w:tabs")
    for pos_cm, leader in stops:
        tab = OxmlElement("w:tab")
        tab.set(qn("w:val"), "right")
        tab.set(qn("w:leader"), leader)
        tab.set(qn("w:pos"), str(int(round(pos_cm / 2.54 * 1440))))
        tabs.append(tab)
    ppr.insert(0, tabs)


def _labelled_line(doc, parts: list[tuple[str, str]], stops: list[float]):
    """``ส่วนราชการ value ……`` with the rest of the line dotted up to each stop."""
    p = doc.add_paragraph()
    _tab_stops(p, [(pos, "dot") for pos in stops])
    for label, value in parts:
        _run(p, label, bold=True, size=SIZE_PT + 4)
        _run(p, f" {value}")
        p.add_run().add_tab()
    return p


def _signature(doc, name_tag: str, position_tag: str, *, lead: str | None = None,
               blank_lines: int = 2):
    """A signature block centred in the right part of the page."""
    opts = dict(align=WD_ALIGN_PARAGRAPH.CENTER, indent_cm=SIGNATURE_INDENT_CM, keep_next=True)
    if lead:
        _para(doc, lead, **opts)
    for _ in range(blank_lines):
        _para(doc, "", **opts)
    _para(doc, f"({name_tag})", **opts)
    _para(doc, position_tag, align=WD_ALIGN_PARAGRAPH.CENTER, indent_cm=SIGNATURE_INDENT_CM)


# ---------------------------------------------------------------------------------------------
# Table helpers


def _set_cell_width(cell, cm: float) -> None:
    cell.width = Cm(cm)


def _row_props(row, *, header: bool = False, cant_split: bool = True) -> None:
    trpr = row._tr.get_or_add_trPr()
    if cant_split:
        trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def _cell_text(cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    p = cell.paragraphs[0]
    if text:
        _run(p, text, bold=bold)
    if center:
        p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _v_merge(cell, restart: bool) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    vm = OxmlElement("w:vMerge")
    if restart:
        vm.set(qn("w:val"), "restart")
    tcpr.append(vm)


def _table(doc, widths: list[float]):
    table = doc.add_table(rows=0, cols=len(widths))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for col, width in zip(table.columns, widths):
        col.width = Cm(width)
    # Fixed layout: LibreOffice and Word then keep our column widths instead of guessing.
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    return table


def _add_row(table, widths, texts, *, header=False, bold=False, center=False):
    row = table.add_row()
    for cell, width, text in zip(row.cells, widths, texts):
        _set_cell_width(cell, width)
        _cell_text(cell, text, bold=bold, center=center)
    _row_props(row, header=header)
    return row


def _loop_row(table, widths, tag: str):
    """A row whose only content is a docxtpl ``{%tr … %}`` tag; docxtpl removes the row."""
    row = table.add_row()
    for cell, width in zip(row.cells, widths):
        _set_cell_width(cell, width)
    _run(row.cells[0].paragraphs[0], tag)
    return row


# ---------------------------------------------------------------------------------------------
# The two templates


def build_memo():
    doc = _new_document()
    _para(doc, "{%p if emblem %}")
    _para(doc, "{{ emblem }}")
    _para(doc, "{%p endif %}")
    _para(doc, "บันทึกข้อความ", bold=True, size=HEADING_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    _labelled_line(doc, [("ส่วนราชการ", "{{ office }}")], [TEXT_WIDTH_CM])
    _labelled_line(doc, [("ที่", "{{ ref }}"), ("วันที่", "{{ date }}")],
                   [TEXT_WIDTH_CM / 2, TEXT_WIDTH_CM])
    _labelled_line(doc, [("เรื่อง", "{{ subject }}")], [TEXT_WIDTH_CM])
    _para(doc)
    p = _para(doc)
    _run(p, "เรียน", bold=True)
    _run(p, "  {{ to }}")
    _para(doc)
    _para(doc, "ตามที่ได้จัดทำรายงานการประเมินคุณธรรมและความโปร่งใสในการดำเนินการของหน่วยงานภาครัฐ "
               "ประจำปีงบประมาณ พ.ศ.{{ previous_fiscal_year }} พร้อมทั้งได้สรุป วิเคราะห์ "
               "ผลการประเมิน โดยได้กำหนดมาตรการและแนวทางในการแก้ไขปรับปรุงการดำเนินการ"
               "ในส่วนของตัวชี้วัดที่ไม่ผ่านเกณฑ์การประเมิน จำนวน {{ short_count }} ตัวชี้วัด "
               "จากทั้งหมด {{ indicator_count }} ตัวชี้วัด",
          first_line_cm=FIRST_LINE_CM, distribute=True)
    _para(doc, "บัดนี้{{ agency }}ได้ดำเนินการตามแผนการดำเนินงานเสร็จเรียบร้อยแล้ว "
               "จึงขอรายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
               "ในการดำเนินงานของหน่วยงานภาครัฐ (ITA) {{ agency }} ประจำปีงบประมาณ "
               "พ.ศ.{{ fiscal_year }} ให้ผู้บริหารได้ทราบและขออนุมัติเผยแพร่ข้อมูลที่เกี่ยวข้อง"
               "ให้ประชาชนได้รับทราบโดยทั่วกัน รายละเอียดปรากฏตามเอกสารแนบท้าย",
          first_line_cm=FIRST_LINE_CM, distribute=True)
    _para(doc, "จึงเรียนมาเพื่อโปรดพิจารณา", first_line_cm=FIRST_LINE_CM, keep_next=True)
    _para(doc, "{%p if closing %}")
    _para(doc, "{{ closing }}", align=WD_ALIGN_PARAGRAPH.CENTER, indent_cm=SIGNATURE_INDENT_CM,
          keep_next=True)
    _para(doc, "{%p endif %}")
    _signature(doc, "{{ writer.name }}", "{{ writer.position }}")
    _para(doc, "{%p for e in chain %}")
    opts = dict(align=WD_ALIGN_PARAGRAPH.CENTER, indent_cm=SIGNATURE_INDENT_CM, keep_next=True)
    _para(doc, "", **opts)
    _para(doc, "{{ e.label }}", **opts)
    _para(doc, "", **opts)
    _para(doc, "{{ e.rank }}", **opts)
    _para(doc, "({{ e.name }})", **opts)
    _para(doc, "{{ e.position }}", align=WD_ALIGN_PARAGRAPH.CENTER, indent_cm=SIGNATURE_INDENT_CM)
    _para(doc, "{%p endfor %}")
    return doc


PLAN_WIDTHS = [3.2, 3.6, 4.0, 2.2, 3.0]
RESULTS_WIDTHS = [2.7, 3.5, 2.2, 2.5, 3.0, 2.1]


def build_report():
    doc = _new_document()
    center = WD_ALIGN_PARAGRAPH.CENTER
    # Cover
    for _ in range(6):
        _para(doc)
    _para(doc, "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
          bold=True, size=TITLE_PT, align=center)
    _para(doc, "ประจำปีงบประมาณ พ.ศ. {{ fiscal_year }}", bold=True, size=TITLE_PT, align=center)
    _para(doc, "{%p if continuation %}")
    _para(doc, "({{ continuation }})", bold=True, size=TITLE_PT, align=center)
    _para(doc, "{%p endif %}")
    for _ in range(12):
        _para(doc)
    _para(doc, "{{ office }}", bold=True, size=TITLE_PT, align=center)
    _para(doc, "{{ agency }}", bold=True, size=TITLE_PT, align=center)
    p = _para(doc, "อำเภอ{{ district }} จังหวัด{{ province }}", bold=True, size=TITLE_PT,
              align=center)
    p.add_run().add_break(WD_BREAK.PAGE)
    # Preface
    _para(doc, "คำนำ", bold=True, size=TITLE_PT, align=center)
    _para(doc)
    _para(doc, "{{ preface }}", first_line_cm=FIRST_LINE_CM, distribute=True)
    _para(doc)
    _para(doc, "{{ preface_signer }}", align=center, indent_cm=SIGNATURE_INDENT_CM, keep_next=True)
    p = _para(doc, "{{ preface_month }}", align=center, indent_cm=SIGNATURE_INDENT_CM)
    p.add_run().add_break(WD_BREAK.PAGE)
    # Analysis and the plan
    _para(doc, "{{ agency }} อำเภอ{{ district }} จังหวัด{{ province }} "
               "ได้ดำเนินการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสของหน่วยงานภาครัฐ "
               "(Integrity and Transparency Assessment: ITA) ในปี พ.ศ. {{ previous_fiscal_year }} "
               "ที่ผ่านมา ประกอบด้วย ประเด็นข้อบกพร่องหรือจุดอ่อนที่จะต้องแก้ไขโดยเร่งด่วน "
               "ประเด็นที่จะต้องพัฒนาให้ดีขึ้น แนวทางการนำผลการวิเคราะห์ไปสู่แนวทางการปฏิบัติ"
               "ของหน่วยงาน ตลอดจนข้อเสนอแนะในการจัดทำมาตรการเพื่อขับเคลื่อนการส่งเสริมคุณธรรม"
               "และความโปร่งใสภายในหน่วยงานให้ดีขึ้น ซึ่งจากการวิเคราะห์สามารถสรุปได้ว่า "
               "มีประเด็นที่ต้องพัฒนาให้ดีขึ้น โดยแบ่งเป็น {{ level_count }} ระดับ ได้แก่ "
               "{% for lv in levels %}{{ lv.number }}.{{ lv.description }} คือ "
               "{{ lv.indicators }} {% endfor %}จึงมีแนวทางการพัฒนาดังนี้",
          first_line_cm=FIRST_LINE_CM, distribute=True)
    _para(doc)
    table = _table(doc, PLAN_WIDTHS)
    _add_row(table, PLAN_WIDTHS, ["มาตรการ", "แนวทางการปฏิบัติ", "ขั้นตอน/วิธีการปฏิบัติ",
                                  "ผู้รับผิดชอบ", "การกำกับติดตาม"],
             header=True, bold=True, center=True)
    _loop_row(table, PLAN_WIDTHS, "{%tr for m in plan %}")
    _add_row(table, PLAN_WIDTHS, ["{{ m.measure }}", "{{ m.guideline }}", "{{ m.steps }}",
                                  "{{ m.owner }}", "{{ m.monitoring }}"])
    _loop_row(table, PLAN_WIDTHS, "{%tr endfor %}")
    _para(doc)
    _para(doc, "ตามที่ได้ดำเนินการวิเคราะห์ผลการประเมิน ITA ของ{{ agency }} ปีงบประมาณ "
               "พ.ศ. {{ previous_fiscal_year }} โดยได้กำหนดมาตรการและแนวทางในการส่งเสริม"
               "คุณธรรมและความโปร่งใสขององค์กรปกครองส่วนท้องถิ่น ประจำปีงบประมาณ "
               "พ.ศ.{{ fiscal_year }} เสร็จเรียบร้อยแล้ว รายละเอียดมีดังนี้",
          first_line_cm=FIRST_LINE_CM, distribute=True)
    _para(doc)
    # Results: a two-row header, ผลการดำเนินการ spanning ผลผลิต and ผลลัพธ์.
    table = _table(doc, RESULTS_WIDTHS)
    first = _add_row(table, RESULTS_WIDTHS, ["มาตรการ", "รายละเอียดการดำเนินงาน",
                                             "ระยะเวลาการดำเนินงาน", "ผลการดำเนินการ", "",
                                             "หมายเหตุ"], header=True, bold=True, center=True)
    second = _add_row(table, RESULTS_WIDTHS, ["", "", "", "ผลผลิต", "ผลลัพธ์", ""],
                      header=True, bold=True, center=True)
    for i in (0, 1, 2, 5):
        _v_merge(first.cells[i], restart=True)
        _v_merge(second.cells[i], restart=False)
    first.cells[3].merge(first.cells[4])
    _loop_row(table, RESULTS_WIDTHS, "{%tr for g in result_groups %}")
    _loop_row(table, RESULTS_WIDTHS, "{%tr for r in g.rows %}")
    _add_row(table, RESULTS_WIDTHS, ["{% vm %}{{ g.measure }}", "{{ r.details }}",
                                     "{{ r.period }}", "{{ r.output }}", "{{ r.outcome }}",
                                     "{{ r.remarks }}"])
    _loop_row(table, RESULTS_WIDTHS, "{%tr endfor %}")
    _loop_row(table, RESULTS_WIDTHS, "{%tr endfor %}")
    _para(doc)
    _para(doc, "ลงชื่อ ........................................ ผู้จัดทำ", align=center,
          indent_cm=SIGNATURE_INDENT_CM - 1.5, keep_next=True)
    _para(doc, "({{ preparer.name }})", align=center, indent_cm=SIGNATURE_INDENT_CM - 1.5,
          keep_next=True)
    _para(doc, "ตำแหน่ง {{ preparer.position }}", align=center,
          indent_cm=SIGNATURE_INDENT_CM - 1.5)
    return doc


BUILDERS = {"memo.docx": build_memo, "report.docx": build_report}


def template_bytes(name: str) -> bytes:
    """The deterministic bytes of template ``name`` (memo.docx or report.docx)."""
    doc = BUILDERS[name]()
    buf = io.BytesIO()
    doc.save(buf)
    return normalise_package(buf.getvalue())


def write_templates(directory: Path | None = None) -> list[Path]:
    """Write every template into ``directory`` (default: the shipped ``templates/``)."""
    from .. import resources

    directory = directory or resources.shipped_templates_dir()
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in BUILDERS:
        path = directory / name
        path.write_bytes(template_bytes(name))
        written.append(path)
    return written

