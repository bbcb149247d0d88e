"""Read a memo (บันทึกข้อความ) made in Word: its labelled lines, the writer and the chain.

Labels are found at the start of a line (ส่วนราชการ, ที่, วันที่, เรื่อง, เรียน), with or without
the dotted leaders clerks type; a memo whose head is laid out in a table is read the same, line
by line.  After "จึงเรียนมาเพื่อโปรดพิจารณา" come the closing (if any), the writer (a name in
parentheses, then the position) and one block per endorsement level: "ทราบ/ความเห็นของ…",
an optional rank or title line (จ.อ., ว่าที่ร้อยตรี) or a rank inside the parentheses, the
name, the position.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import thaidates
from .found import Imported, Source
from .wordfile import Para, Table, WordDocument

LEADERS = re.compile(r"[.\u2026]{2,}|_{2,}")
LABEL_LINE = re.compile(r"^(ส่วนราชการ|ที่|วันที่|เรื่อง|เรียน)(?=[\s.:]|$)\s*[:.]?\s*(.*)$", re.S)
REQUEST = re.compile(r"^จึงเรียนมา")
CLOSINGS = ("ขอแสดงความนับถือ", "ด้วยความเคารพ", "ขอแสดงความนับถืออย่างสูง")
CHAIN_LABEL = re.compile(r"^(ทราบ|ความเห็น|เรียน\s|เห็นควร|เสนอ)")
NAME_LINE = re.compile(r"^(?P<rank>[^()]*?)\s*\((?P<name>[^()]+)\)\s*$")
# A rank or title written inside the parentheses: "ว่าที่ร้อยตรี…", "จ.อ.…", "ว่าที่ ร.ต.…".
RANK_PREFIX = re.compile(r"^(?P<rank>ว่าที่\s*ร้อย(?:ตรี|โท|เอก)|ว่าที่\s*(?:[ก-ฮ]{1,3}\.){1,4}|"
                         r"(?:[ก-ฮ]{1,3}\.){2,4})\s*(?P<name>\S.*)$")
LEFTOVER_TH = "ไม่มีช่องในสมุดงาน (ข้อความคงที่ของแบบฟอร์ม หรือข้อความที่ไม่รู้จัก)"
LEFTOVER_EN = "no place in the tracker (fixed wording of the template, or not recognised)"


@dataclass
class Line:
    text: str
    source: Source
    key: str  # paragraph number or table cell: lines with one key are used together


def _lines(doc: WordDocument) -> list[Line]:
    """Non-empty lines in order; a table (memo heads laid out in one) gives its cells' lines."""
    out: list[Line] = []
    for block in doc.blocks:
        if isinstance(block, Para):
            for part in block.text.split("\n"):
                if part.strip():
                    out.append(Line(part, Source.paragraph(doc.name, block.number, block.text),
                                    f"p{block.number}"))
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    if cell.spanned or cell.merged:
                        continue
                    for part in cell.text.split("\n"):
                        if part.strip():
                            out.append(Line(part, Source.cell(doc.name, block.number, cell.row,
                                                              cell.col, cell.text),
                                            f"t{block.number}.{cell.row}.{cell.col}"))
    return out


def _clean(text: str) -> str:
    """Dotted leaders and tabs out, single spaces at the ends."""
    return LEADERS.sub(" ", text.replace("\t", " ")).strip()


def parse_memo(doc: WordDocument, imp: Imported) -> None:
    lines = _lines(doc)
    used: set[int] = set()
    request = None
    for i, line in enumerate(lines):
        text = _clean(line.text)
        if text == "บันทึกข้อความ":
            used.add(i)
            continue
        if REQUEST.match(text):
            used.add(i)
            request = i
            break
        _labels(text, line, i, imp, used)
    if not any(v.target in ("settings.memo_ref", "settings.subject") for v in imp.values):
        from .wordfile import DocumentError

        raise DocumentError(
            f"ไฟล์ {doc.name} ไม่ใช่บันทึกข้อความ: ไม่พบบรรทัด ที่ … หรือ เรื่อง …",
            f"{doc.name} is not a memo: no line starting with ที่ (reference) or เรื่อง (subject).",
            where=str(doc.path),
            hint_th="ลำดับของไฟล์: รายงานก่อน แล้วจึงบันทึกข้อความ (ita-xl import รายงาน.docx บันทึก.docx)",
            hint_en="Give the report first, then the memo (ita-xl import REPORT.docx MEMO.docx).")
    if request is not None:
        _signatures(lines, request + 1, imp, used)
    for i, line in enumerate(lines):
        if i not in used:
            imp.leftover(line.source if line.source.text.strip() == line.text.strip() else
                         Source(line.source.doc, line.source.where_th, line.source.where_en,
                                line.text), LEFTOVER_TH, LEFTOVER_EN)


def _labels(text: str, line: Line, i: int, imp: Imported, used: set[int]) -> None:
    m = LABEL_LINE.match(text)
    if not m:
        return
    label, rest = m.group(1), _clean(m.group(2))
    if label == "ส่วนราชการ" and rest:
        _set(imp, "office", rest, line)
    elif label == "ที่":
        # "ที่ ๕๖๖๐๑/-   วันที่ ๑ มีนาคม ๒๕๖๕" on one line, or ที่ alone.
        ref, _, date = rest.partition("วันที่")
        if ref.strip():
            _set(imp, "memo_ref", ref.strip(), line)
        if date.strip():
            _date(imp, date.strip(), line)
    elif label == "วันที่" and rest:
        _date(imp, rest, line)
    elif label == "เรื่อง" and rest:
        _set(imp, "subject", rest, line)
    elif label == "เรียน" and rest:
        _set(imp, "addressee", rest, line)
    else:
        return
    used.add(i)


def _set(imp: Imported, name: str, value, line: Line, note_th: str = "", note_en: str = "") -> None:
    existing = imp.setting(name)
    if existing is None:
        imp.add(f"settings.{name}", value, line.source, note_th, note_en)
    elif existing.value != value:
        # The report said otherwise (the office on its cover): the memo's label is the one
        # the setting means; the report's text is kept in the note.
        existing.note_th = f"บันทึกข้อความใช้ค่านี้; เอกสารอื่นเขียนว่า “{existing.value}”"
        existing.note_en = f"taken from the memo; the other document says “{existing.value}”"
        existing.value, existing.source = value, line.source


def _date(imp: Imported, text: str, line: Line) -> None:
    date = thaidates.parse_date(text)
    if date is None:
        imp.add("settings.memo_date", text, line.source,
                "อ่านเป็นวันที่ไม่ได้ คงข้อความไว้ โปรดพิมพ์เป็นวันที่",
                "not read as a date: kept as text; type it as a date")
    else:
        imp.add("settings.memo_date", date, line.source)


def _join_lines(first: str, rest: str, spaced: bool = False) -> str:
    """Two lines of one paragraph as one: with the space the break kept (``spaced``); Thai
    runs on without one (a break between Thai words needs none), anything else takes one."""
    thai = "\u0e00" <= first[-1:] <= "\u0e7f" and "\u0e00" <= rest[:1] <= "\u0e7f"
    return first + rest if thai and not spaced else f"{first} {rest}"


def _signatures(lines: list[Line], start: int, imp: Imported, used: set[int]) -> None:
    """The closing, the writer, then each endorsement level."""
    i = start
    blocks: list[tuple[int | None, list[int]]] = []  # (label line, lines up to the position)
    label: int | None = None
    pending: list[int] = []
    joined: dict[int, str] = {}  # label line -> the label with its continuation lines
    while i < len(lines):
        text = _clean(lines[i].text)
        if label is None and not blocks and not pending and text in CLOSINGS:
            imp.add("settings.closing", lines[i].text.strip(), lines[i].source)
            used.add(i)
        elif CHAIN_LABEL.match(text) and not NAME_LINE.match(text):
            label, pending = i, []
            # A long label broken over lines of its one paragraph (by hand, or by ita-xl's
            # balanced centred lines): one label again.
            while i + 1 < len(lines) and lines[i + 1].key == lines[label].key and \
                    not NAME_LINE.match(_clean(lines[i + 1].text)):
                spaced = lines[i].text[-1:].isspace()  # a break that kept its space
                i += 1
                joined[label] = _join_lines(joined.get(label, text), _clean(lines[i].text),
                                            spaced)
                used.add(i)
        else:
            pending.append(i)
            if NAME_LINE.match(text) and i + 1 < len(lines):
                pending.append(i + 1)
                blocks.append((label, pending))
                label, pending = None, []
                i += 1
        i += 1
    writer = True
    chain = 0
    for label_i, members in blocks:
        name_i = next(k for k in members if NAME_LINE.match(_clean(lines[k].text)))
        m = NAME_LINE.match(_clean(lines[name_i].text))
        rank, name = re.sub(r"^ลงชื่อ\s*", "", m.group("rank").strip()), m.group("name").strip()
        # A line between the label and the name is the rank (จ.อ., ว่าที่ร้อยตรี).
        before = [k for k in members if k < name_i and _clean(lines[k].text)]
        inner = RANK_PREFIX.match(name)
        if not rank and inner:
            rank, name = inner.group("rank").strip(), inner.group("name").strip()
        position_i = members[-1]
        position = _clean(lines[position_i].text)
        position = re.sub(r"^ตำแหน่ง\s*", "", position)
        if writer and label_i is None:
            writer = False
            imp.add("settings.writer_name", name, lines[name_i].source)
            imp.add("settings.writer_position", position, lines[position_i].source)
            used.update((name_i, position_i))
            if rank:
                imp.leftover(lines[name_i].source,
                             f"ยศหรือคำนำหน้าของผู้เขียนบันทึก “{rank}” ไม่มีช่องในสมุดงาน "
                             "พิมพ์รวมกับชื่อถ้าต้องการ",
                             f"the writer's rank “{rank}” has no place in the tracker; type it "
                             "with the name if wanted")
            continue
        writer = False
        if label_i is None:
            imp.leftover(lines[name_i].source, "ชื่อที่ไม่มีข้อความ ทราบ/ความเห็นของ… นำหน้า",
                         "a name without a ทราบ/ความเห็นของ… line before it")
            continue
        label_text = joined.get(label_i, _clean(lines[label_i].text))
        src = lines[label_i].source
        imp.add(f"Chain[{chain}].label", label_text, src)
        if not rank and before:
            rank = " ".join(_clean(lines[k].text) for k in before)
            used.update(before)
            src_rank = lines[before[0]].source
        else:
            src_rank = lines[name_i].source
        if rank:
            imp.add(f"Chain[{chain}].rank", rank, src_rank)
        imp.add(f"Chain[{chain}].name", name, lines[name_i].source)
        imp.add(f"Chain[{chain}].position", position, lines[position_i].source)
        used.update((label_i, name_i, position_i))
        chain += 1
