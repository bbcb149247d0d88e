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
# Where the memo's วันที่ starts: the middle of the line, as งานสารบรรณ memos set it; the longest
# real references ("ที่ สข ๗๓๖๐๑.๐๐๑.๒/ว ๑๒๓๔๕", about 6 cm) still leave dots before it.
DATE_LABEL_CM = TEXT_WIDTH_CM / 2
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


def _drop_styles_with_effects(doc) -> None:
    """Remove python-docx's Word 2010 ``stylesWithEffects.xml``.

    Word 2013 and later neither write nor need it; kept, it still holds the default template's
    docDefaults and styles, which no longer match ``styles.xml`` once ours are set (Word's
    "unreadable content" repair, as validators flag it), and it is 0.4 MB of dead weight.
    """
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)


def _new_document(title: str):
    """An empty A4 document with our styles; ``title`` (with tags) becomes the file's Title
    property, which the PDF export carries as its metadata title."""
    doc = Document()
    _setup_styles(doc)
    _drop_styles_with_effects(doc)
    _page_setup(doc)
    body = doc.element.body
    for p in list(body.findall(qn("w:p"))):
        body.remove(p)
    props = doc.core_properties
    props.author = "ita-xl"
    props.last_modified_by = "ita-xl"
    props.revision = 1
    props.title = title
    props.comments = ""
    return doc


def _page_numbers(doc) -> None:
    """"- ๒ -" at the top centre of every page but the first (ระเบียบงานสารบรรณ).

    A plain PAGE field between the dashes; its digits follow the section's page-number format,
    which ``ita_xl.render`` sets from the workbook's digit setting (Word prints ๒; LibreOffice
    7.4 does not import Thai page-number formats and prints 2).
    """
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an explicit, empty first header
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    shown = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    shown.append(text)
    field.append(shown)
    p._p.append(field)
    _run(p, " -")


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


def _tab_stops(paragraph, stops: list[tuple[float, str, str]]) -> None:
    """Tab stops at ``cm`` positions, each ``left``/``right``-aligned, with a leader
    (``dot``/``none``)."""
    ppr = paragraph._p.get_or_add_pPr()
    tabs = OxmlElement("w:tabs")
    for pos_cm, align, leader in stops:
        tab = OxmlElement("w:tab")
        tab.set(qn("w:val"), align)
        tab.set(qn("w:leader"), leader)
        tab.set(qn("w:pos"), str(int(round(pos_cm / 2.54 * 1440))))
        tabs.append(tab)
    ppr.insert(0, tabs)


def _labelled_line(doc, parts: list[tuple[str, str]], stops: list[tuple[float, str]]):
    """``ส่วนราชการ value ……`` with the rest of the line dotted up to each (cm, alignment)
    stop: a ``left`` stop is where the next label starts, the last stop (``right``) the
    margin."""
    p = doc.add_paragraph()
    _tab_stops(p, [(pos, align, "dot") for pos, align in stops])
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


def _row_props(row, *, header: bool = False) -> None:
    """Header rows repeat on every page and stay whole; a data row may run over a page break
    (a tall row that may not split leaves the page before it half empty)."""
    if header:
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        trpr.append(OxmlElement("w:tblHeader"))


def _cell_text(cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    p = cell.paragraphs[0]
    if text:
        _run(p, text, bold=bold)
    if center:
        p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _v_merge(cell, restart: bool) -> None:
    # python-docx puts vMerge where the schema wants it in tcPr (before vAlign); appending
    # it after vAlign made the file invalid, which Word "repairs".
    vm = cell._tc.get_or_add_tcPr().get_or_add_vMerge()
    if restart:
        vm.set(qn("w:val"), "restart")


def _table(doc, widths: list[float]):
    table = doc.add_table(rows=0, cols=len(widths))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # Fixed layout (python-docx writes the one <w:tblLayout w:type="fixed"/>): LibreOffice and
    # Word then keep our column widths instead of guessing.
    table.autofit = False
    for col, width in zip(table.columns, widths):
        col.width = Cm(width)
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


MEMO_TITLE = ("บันทึกข้อความ รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส "
              "{{ agency }} ปีงบประมาณ พ.ศ. {{ fiscal_year }} {{ round }}")
REPORT_TITLE = "{{ report_title }} {{ agency }} ปีงบประมาณ พ.ศ. {{ fiscal_year }} {{ round }}"


def build_memo():
    doc = _new_document(MEMO_TITLE)
    _page_numbers(doc)
    _para(doc, "{%p if emblem %}")
    _para(doc, "{{ emblem }}")
    _para(doc, "{%p endif %}")
    _para(doc, "บันทึกข้อความ", bold=True, size=HEADING_PT, align=WD_ALIGN_PARAGRAPH.CENTER)
    _labelled_line(doc, [("ส่วนราชการ", "{{ office }}")], [(TEXT_WIDTH_CM, "right")])
    # วันที่ starts at a fixed place (a left stop), so the reference's dots reach it whatever
    # the reference's and the date's lengths (a right stop there let a long reference and a
    # long date meet with no dots between them).
    _labelled_line(doc, [("ที่", "{{ ref }}"), ("วันที่", "{{ date }}")],
                   [(DATE_LABEL_CM, "left"), (TEXT_WIDTH_CM, "right")])
    _labelled_line(doc, [("เรื่อง", "{{ subject }}")], [(TEXT_WIDTH_CM, "right")])
    _para(doc)
    p = _para(doc)
    _run(p, "เรียน", bold=True)
    _run(p, "  {{ to }}")
    _para(doc)
    _para(doc, "ตามที่ได้จัดทำรายงานการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
               "ประจำปีงบประมาณ พ.ศ. {{ previous_fiscal_year }} พร้อมทั้งได้สรุป วิเคราะห์ "
               "ผลการประเมิน{% if overall %} {{ overall }}{% endif %} "
               "{% if none_short %}ซึ่งผ่านเกณฑ์การประเมินครบทั้ง {{ unit_total }} {{ unit }} "
               "โดยได้กำหนดมาตรการและแนวทางในการรักษามาตรฐานและพัฒนาการดำเนินงานให้ดียิ่งขึ้น"
               "{% else %}โดยได้กำหนดมาตรการและแนวทางในการแก้ไขปรับปรุงการดำเนินการ"
               "ในส่วนของ{{ unit }}ที่ไม่ผ่านเกณฑ์การประเมิน จำนวน {{ short_count }} {{ unit }} "
               "จากทั้งหมด {{ unit_total }} {{ unit }}{% endif %}",
          first_line_cm=FIRST_LINE_CM, distribute=True)
    _para(doc, "บัดนี้{{ agency }}ได้ดำเนินการตามแผนการดำเนินงานเสร็จเรียบร้อยแล้ว "
               "จึงขอรายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
               "ในการดำเนินงานของหน่วยงานภาครัฐ (ITA) {{ agency }} ประจำปีงบประมาณ "
               "พ.ศ. {{ fiscal_year }} ให้ผู้บริหารได้ทราบและขออนุมัติเผยแพร่ข้อมูลที่เกี่ยวข้อง"
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


# Column widths (cm, 16 cm in all) chosen so that every header word fits whole at 16 pt bold with
# TH SarabunPSK's widths (ผู้รับผิดชอบ 1.84 cm, การกำกับติดตาม 2.59 cm, การดำเนินงาน 2.23 cm)
# inside the cell margins of 2 × 0.19 cm; the two longest headers break at a word, explicitly.
PLAN_WIDTHS = [3.0, 3.5, 4.0, 2.4, 3.1]
RESULTS_WIDTHS = [2.6, 3.1, 2.8, 2.5, 2.9, 2.1]
# With a budget column the other columns give way; the budget headers break at a word.
PLAN_BUDGET_WIDTHS = [2.2, 2.8, 3.0, 2.4, 3.0, 2.6]
RESULTS_BUDGET_WIDTHS = [1.9, 2.7, 2.7, 2.2, 2.2, 2.2, 2.1]
IMPROVEMENT_WIDTHS = [4.5, 11.5]


def _plan_table(doc, widths: list[float], *, budget: bool):
    heads = (["มาตรการ", "แนวทาง\nการปฏิบัติ", "ขั้นตอน/\nวิธีการปฏิบัติ", "ผู้รับผิดชอบ",
              "การกำกับติดตาม", "งบประมาณ\n(บาท)"] if budget else
             ["มาตรการ", "แนวทางการปฏิบัติ", "ขั้นตอน/วิธีการปฏิบัติ", "ผู้รับผิดชอบ",
              "การกำกับติดตาม"])
    cells = ["{{ m.measure }}", "{{ m.guideline }}", "{{ m.steps }}", "{{ m.owner }}",
             "{{ m.monitoring }}"] + (["{{ m.budget }}"] if budget else [])
    table = _table(doc, widths)
    _add_row(table, widths, heads, header=True, bold=True, center=True)
    _loop_row(table, widths, "{%tr for m in plan %}")
    _add_row(table, widths, cells)
    _loop_row(table, widths, "{%tr endfor %}")
    return table


def _results_table(doc, widths: list[float], *, budget: bool):
    """A two-row header, ผลการดำเนินการ spanning ผลผลิต and ผลลัพธ์."""
    extra = ["งบประมาณ\nที่ใช้ (บาท)"] if budget else []
    table = _table(doc, widths)
    first = _add_row(table, widths, ["มาตรการ", "รายละเอียด\nการดำเนินงาน",
                                     "ระยะเวลา\nการดำเนินงาน", "ผลการดำเนินการ", "", *extra,
                                     "หมายเหตุ"],
                     header=True, bold=True, center=True)
    second = _add_row(table, widths, ["", "", "", "ผลผลิต", "ผลลัพธ์", *["" for _ in extra], ""],
                      header=True, bold=True, center=True)
    for i in (0, 1, 2, *range(5, len(widths))):
        _v_merge(first.cells[i], restart=True)
        _v_merge(second.cells[i], restart=False)
    first.cells[3].merge(first.cells[4])
    _loop_row(table, widths, "{%tr for g in part.groups %}")
    _loop_row(table, widths, "{%tr for r in g.rows %}")
    _add_row(table, widths, ["{% vm %}{{ g.measure }}", "{{ r.details }}", "{{ r.period }}",
                             "{{ r.output }}", "{{ r.outcome }}",
                             *(["{{ r.budget }}"] if budget else []), "{{ r.remarks }}"])
    _loop_row(table, widths, "{%tr endfor %}")
    _loop_row(table, widths, "{%tr endfor %}")
    return table


# The score table: ลำดับ | the counted unit (ตัวชี้วัด or เครื่องมือ) | คะแนน | เกณฑ์ผ่าน | ผลการประเมิน.
# The name column takes the rest; "ผลการประเมิน" (bold) needs more than 2.6 cm to stay whole.
SCORE_WIDTHS = [1.4, 7.0, 2.2, 2.2, 3.2]


def _heading(doc, text: str):
    """A section heading: bold, kept with what follows (its text is a tracker setting)."""
    return _para(doc, text, bold=True, keep_next=True)


def _caption(doc, text: str):
    """A table's caption ("ตารางที่ ๑ …"), above the table and kept with it; the wording is
    the template's, so an agency may reword it in Word."""
    return _para(doc, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True)


def _score_table(doc):
    widths = SCORE_WIDTHS
    table = _table(doc, widths)
    _add_row(table, widths, ["ลำดับ", "{{ unit }}", "คะแนน", "เกณฑ์ผ่าน", "ผลการประเมิน"],
             header=True, bold=True, center=True)
    _loop_row(table, widths, "{%tr for r in scores %}")
    row = _add_row(table, widths, ["{{ r.number }}", "{{ r.name }}", "{{ r.score }}",
                                   "{{ r.pass_mark }}", "{{ r.result }}"])
    for i in (0, 2, 3, 4):
        row.cells[i].paragraphs[0].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _loop_row(table, widths, "{%tr endfor %}")
    # The overall result, when typed: its grade or rating, else passed or not by the score.
    _loop_row(table, widths, "{%tr if score_total %}")
    row = _add_row(table, widths, ["", "คะแนนรวม", "{{ score_total.score }}",
                                   "{{ score_total.pass_mark }}", "{{ score_total.result }}"],
                   bold=True)
    for i in (2, 3, 4):
        row.cells[i].paragraphs[0].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _loop_row(table, widths, "{%tr endif %}")
    return table


def build_report():
    doc = _new_document(REPORT_TITLE)
    _page_numbers(doc)
    center = WD_ALIGN_PARAGRAPH.CENTER
    # Cover
    for _ in range(6):
        _para(doc)
    # The title is a tracker setting (ita_report_title; blank = today's wording).
    _para(doc, "{{ report_title }}", bold=True, size=TITLE_PT, align=center)
    _para(doc, "ประจำปีงบประมาณ พ.ศ. {{ fiscal_year }}", bold=True, size=TITLE_PT, align=center)
    _para(doc, "{%p if round_shown %}")
    _para(doc, "{{ round }}", bold=True, size=TITLE_PT, align=center)
    _para(doc, "{%p endif %}")
    _para(doc, "{%p if continuation %}")
    _para(doc, "({{ continuation }})", bold=True, size=TITLE_PT, align=center)
    _para(doc, "{%p endif %}")
    for _ in range(12):
        _para(doc)
    _para(doc, "{{ office }}", bold=True, size=TITLE_PT, align=center)
    _para(doc, "{{ agency }}", bold=True, size=TITLE_PT, align=center)
    # The address line holds only the parts the agency type has (address.py); when there are
    # none the paragraph stays, empty, to carry the page break.
    p = _para(doc, "{{ address }}", bold=True, size=TITLE_PT, align=center)
    p.add_run().add_break(WD_BREAK.PAGE)
    # Preface
    _para(doc, "คำนำ", bold=True, size=TITLE_PT, align=center)
    _para(doc)
    _para(doc, "{{ preface }}", first_line_cm=FIRST_LINE_CM, distribute=True)
    _para(doc)
    _para(doc, "{{ preface_signer }}", align=center, indent_cm=SIGNATURE_INDENT_CM, keep_next=True)
    p = _para(doc, "{{ preface_month }}", align=center, indent_cm=SIGNATURE_INDENT_CM)
    p.add_run().add_break(WD_BREAK.PAGE)
    # Last year's scores: heading, caption and table only when the tracker holds scores.
    _para(doc, "{%p if scores %}")
    _heading(doc, "{{ headings.scores }}")
    _caption(doc, "ตารางที่ {{ table_no.scores }} คะแนนการประเมิน ITA ปีงบประมาณ พ.ศ. "
                  "{{ previous_fiscal_year }} แยกตาม{{ unit }}")
    _score_table(doc)
    _para(doc)
    _para(doc, "{%p endif %}")
    # Analysis and the plan
    _heading(doc, "{{ headings.analysis }}")
    _para(doc, "{{ agency }}{% if address %} {{ address }}{% endif %} "
               "ได้ดำเนินการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน"
               "ของหน่วยงานภาครัฐ "
               "(Integrity and Transparency Assessment: ITA) ในปี พ.ศ. {{ previous_fiscal_year }} "
               "ที่ผ่านมา{% if overall %} {{ overall }}{% endif %} "
               "ประกอบด้วย ประเด็นข้อบกพร่องหรือจุดอ่อนที่จะต้องแก้ไขโดยเร่งด่วน "
               "ประเด็นที่จะต้องพัฒนาให้ดีขึ้น แนวทางการนำผลการวิเคราะห์ไปสู่แนวทางการปฏิบัติ"
               "ของหน่วยงาน ตลอดจนข้อเสนอแนะในการจัดทำมาตรการเพื่อขับเคลื่อนการส่งเสริมคุณธรรม"
               "และความโปร่งใสภายในหน่วยงานให้ดีขึ้น ซึ่งจากการวิเคราะห์สามารถสรุปได้ว่า "
               "{% if none_short %}ผลการประเมินผ่านเกณฑ์ครบทั้ง {{ unit_total }} {{ unit }} "
               "ไม่มีประเด็นที่ต้องแก้ไขโดยเร่งด่วน "
               "จึงมีแนวทางการรักษามาตรฐานและพัฒนาให้ดียิ่งขึ้นดังนี้"
               "{% elif levels %}มีประเด็นที่ต้องพัฒนาให้ดีขึ้น โดยแบ่งเป็น {{ level_count }} ระดับ ได้แก่ "
               "{% for lv in levels %}{{ lv.number }}.{{ lv.description }} คือ "
               "{{ lv.indicators }} {% endfor %}จึงมีแนวทางการพัฒนาดังนี้"
               "{% else %}มีประเด็นที่ต้องพัฒนาให้ดีขึ้น ได้แก่ {{ short_names }} "
               "จึงมีแนวทางการพัฒนาดังนี้{% endif %}",
          first_line_cm=FIRST_LINE_CM, distribute=True)
    _para(doc)
    # Improvement points per tool, only when the tracker has some.
    _para(doc, "{%p if improvements %}")
    _caption(doc, "ตารางที่ {{ table_no.improvements }} "
                  "ประเด็นที่ต้องพัฒนาแยกตามเครื่องมือการประเมิน")
    table = _table(doc, IMPROVEMENT_WIDTHS)
    _add_row(table, IMPROVEMENT_WIDTHS, ["เครื่องมือ/ตัวชี้วัด", "ประเด็นที่ต้องพัฒนา"],
             header=True, bold=True, center=True)
    _loop_row(table, IMPROVEMENT_WIDTHS, "{%tr for i in improvements %}")
    _add_row(table, IMPROVEMENT_WIDTHS, ["{{ i.tool }}", "{{ i.point }}"])
    _loop_row(table, IMPROVEMENT_WIDTHS, "{%tr endfor %}")
    _para(doc)
    _para(doc, "{%p endif %}")
    # The plan: with a budget column only when a budget is filled in.
    _caption(doc, "ตารางที่ {{ table_no.plan }} มาตรการส่งเสริมคุณธรรมและความโปร่งใส"
                  "ภายในหน่วยงาน")
    _para(doc, "{%p if plan_budget %}")
    _plan_table(doc, PLAN_BUDGET_WIDTHS, budget=True)
    _para(doc, "{%p else %}")
    _plan_table(doc, PLAN_WIDTHS, budget=False)
    _para(doc, "{%p endif %}")
    _para(doc)
    _heading(doc, "{{ headings.results }}")
    _para(doc, "ตามที่ได้ดำเนินการวิเคราะห์ผลการประเมิน ITA ของ{{ agency }} ปีงบประมาณ "
               "พ.ศ. {{ previous_fiscal_year }} โดยได้กำหนดมาตรการและแนวทางในการส่งเสริม"
               "คุณธรรมและความโปร่งใส{% if local_government %}ขององค์กรปกครองส่วนท้องถิ่น"
               "{% else %}ของหน่วยงาน{% endif %} ประจำปีงบประมาณ "
               "พ.ศ. {{ fiscal_year }} เสร็จเรียบร้อยแล้ว รายละเอียดมีดังนี้",
          first_line_cm=FIRST_LINE_CM, distribute=True)
    _para(doc)
    # Results: one table, or one per round when a 12-month report carries both rounds.
    _para(doc, "{%p for part in result_parts %}")
    _caption(doc, "ตารางที่ {{ part.table }} ผลการดำเนินการ{% if part.title %} {{ part.title }}"
                  "{% else %}ตามมาตรการ{% endif %}")
    _para(doc, "{%p if results_budget %}")
    _results_table(doc, RESULTS_BUDGET_WIDTHS, budget=True)
    _para(doc, "{%p else %}")
    _results_table(doc, RESULTS_WIDTHS, budget=False)
    _para(doc, "{%p endif %}")
    _para(doc)
    _para(doc, "{%p endfor %}")
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

