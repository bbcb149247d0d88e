"""Find the plan and results tables of a report by their header text and read their rows.

Clerks word the headers differently ("ขั้นตอนการปฏิบัติ", "หน่วยงานที่รับผิดชอบ",
"ผลการดำเนินงาน"), use one header row or two (ผลการดำเนินการ over ผลผลิต | ผลลัพธ์), repeat
the header on each page, leave blank rows, merge the measure cell over several rows and split a
table in two at a page break.  This module copes with each:

* a column is known by its header text (whitespace ignored, Thai or Arabic digits): the
  tracker's own headers and aliases from ``ita_xl/layout.py`` plus the variants below, so a
  column added to the layout is recognised by its header without a change here;
* header rows are the leading rows whose every cell is a known header; a later row that is
  all headers again (repeated after a page break) is skipped, as are wholly blank rows;
* a table without a header right after a recognised one (nothing but blank paragraphs between)
  with as many columns is its continuation;
* a cell merged down several rows gives its text to each row.

Every cell read is returned with its place in the document; cells of a column with no place in
the tracker are returned as leftovers.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import layout
from ..thai import normalise_compact
from .found import Source
from .wordfile import Cell, Para, Table, WordDocument

PERIOD = "period"  # the document's one period column; the tracker has start and end months
GROUP = "result_group"  # "ผลการดำเนินการ" over ผลผลิต | ผลลัพธ์
NUMBER = "number"  # a row-number column (ที่ / ลำดับ): no place in the tracker
OUTPUT_FROM_GROUP = "output*"  # one ผลการดำเนินการ column without ผลผลิต | ผลลัพธ์ under it

# Header variants seen in hand-made reports, on top of the layout's headers and aliases.
VARIANTS: dict[str, dict[str, tuple[str, ...]]] = {
    "Plan": {
        "measure": ("มาตรการ", "มาตรการ/โครงการ", "ชื่อมาตรการ"),
        "guideline": ("แนวทางการปฏิบัติ", "แนวทางปฏิบัติ", "แนวทางการดำเนินการ",
                      "แนวทางการดำเนินงาน"),
        "steps": ("ขั้นตอน/วิธีการปฏิบัติ", "ขั้นตอนการปฏิบัติ", "วิธีการปฏิบัติ",
                  "ขั้นตอนการดำเนินการ", "ขั้นตอนการดำเนินงาน", "ขั้นตอน/วิธีการ",
                  "ขั้นตอนและวิธีการปฏิบัติ", "ขั้นตอน"),
        "owner": ("ผู้รับผิดชอบ", "หน่วยงานที่รับผิดชอบ", "หน่วยงานรับผิดชอบ",
                  "ผู้รับผิดชอบ/หน่วยงาน", "ส่วนราชการที่รับผิดชอบ"),
        "monitoring": ("การกำกับติดตาม", "การติดตามผล", "การกำกับติดตามผล",
                       "การติดตามประเมินผล", "การกำกับและติดตาม", "การติดตาม"),
    },
    "Results": {
        "measure": ("มาตรการ", "มาตรการ/โครงการ", "ชื่อมาตรการ"),
        "details": ("รายละเอียดการดำเนินงาน", "รายละเอียดการดำเนินการ", "การดำเนินงาน",
                    "การดำเนินการ", "กิจกรรมที่ดำเนินการ", "รายละเอียด"),
        PERIOD: ("ระยะเวลาการดำเนินงาน", "ระยะเวลาการดำเนินการ", "ระยะเวลาดำเนินการ",
                 "ระยะเวลาดำเนินงาน", "ระยะเวลา", "ช่วงเวลา", "ช่วงเวลาดำเนินการ"),
        "output": ("ผลผลิต", "ผลผลิต(output)", "output"),
        "outcome": ("ผลลัพธ์", "ผลลัพธ์(outcome)", "outcome"),
        "remarks": ("หมายเหตุ",),
        GROUP: ("ผลการดำเนินการ", "ผลการดำเนินงาน", "ผลการปฏิบัติงาน"),
    },
}
NUMBER_HEADERS = ("ที่", "ลำดับ", "ลำดับที่", "ข้อ")
MAX_HEADER_LEN = 60  # longer cell text is data, not a header


# Other tables of the tracker that the report prints as a table, read by their headers alone.
PRINTED_TABLES = ("Improvements",)
KINDS = tuple(VARIANTS) + tuple(t for t in PRINTED_TABLES if t in layout.TABLES_BY_NAME)


def _vocabulary(kind: str) -> dict[str, str]:
    """Header key → field for ``kind`` (Plan / Results / Improvements)."""
    vocab: dict[str, str] = {}
    spec = layout.TABLES_BY_NAME[kind]
    for col in spec.columns:
        if kind == "Results" and col.field in ("start", "end"):
            continue  # the document has one period column (PERIOD)
        for text in (col.header, *col.aliases):
            vocab[normalise_compact(text)] = col.field
    for name, texts in VARIANTS.get(kind, {}).items():
        for text in texts:
            vocab.setdefault(normalise_compact(text), name)
    return vocab


VOCAB = {kind: _vocabulary(kind) for kind in KINDS}
NUMBER_KEYS = {normalise_compact(t) for t in NUMBER_HEADERS}


def header_field(kind: str, text: str) -> str | None:
    """The field a header cell names in a table of ``kind``, else None."""
    key = normalise_compact(text).strip(":*").lower()
    if not key or len(key) > MAX_HEADER_LEN:
        return None
    vocab = VOCAB[kind]
    if key in vocab:
        return vocab[key]
    key = key.rstrip("0123456789().") or key  # "มาตรการ (1)"
    if key in vocab:
        return vocab[key]
    if key in NUMBER_KEYS:
        return NUMBER
    # "แนวทางการปฏิบัติงาน", "ผู้รับผิดชอบหลัก": the longest known header the text starts with.
    best = max((k for k in vocab if key.startswith(k) and len(k) >= 4 and len(key) - len(k) <= 10),
               key=len, default=None)
    return vocab[best] if best else None


def _is_header_row(kind: str, row: list[Cell]) -> bool:
    """At least two known headers, known ones the majority, and the others short (a column
    the tracker does not have, such as งบประมาณ, may sit among them)."""
    texts = [c.text for c in row if c.text.strip() and not c.spanned]
    known = [header_field(kind, t) for t in texts]
    fields = set(known) - {None, NUMBER}
    return len(fields) >= 2 and 2 * sum(f is not None for f in known) > len(texts) and \
        all(len(t) <= MAX_HEADER_LEN for t, f in zip(texts, known) if f is None)


def _kind_of(table: Table) -> tuple[str, int] | None:
    """(kind, number of header rows) when the table starts with a plan or results header."""
    best = None
    for kind in KINDS:
        n = 0
        while n < min(3, len(table.rows)) and _is_header_row(kind, table.rows[n]):
            n += 1
        if not n:
            continue
        fields = {header_field(kind, c.text) for r in table.rows[:n] for c in r if c.text.strip()}
        fields -= {None, NUMBER, GROUP, "measure"}
        if len(fields) >= 2 and (best is None or len(fields) > best[2]):
            best = (kind, n, len(fields))
    return (best[0], best[1]) if best else None


def _column_fields(kind: str, header_rows: list[list[Cell]], width: int) -> list[str | None]:
    """The field of each grid column: the lowest header row that names one wins
    (ผลผลิต under ผลการดำเนินการ)."""
    out: list[str | None] = []
    for c in range(width):
        found = None
        for row in header_rows:
            if c < len(row) and row[c].text.strip():
                name = header_field(kind, row[c].text)
                if name is not None:
                    found = name
        out.append(found)
    # A results table with one ผลการดำเนินการ column (no ผลผลิต | ผลลัพธ์ split): it is the output
    # (each of its cells says so on the review sheet).
    if kind == "Results" and GROUP in out and "output" not in out and "outcome" not in out:
        cols = [i for i, f in enumerate(out) if f == GROUP]
        out[cols[0]] = OUTPUT_FROM_GROUP
    # Two columns for one field: only the first is read, the other is listed as not placed.
    seen: set[str] = set()
    for i, name in enumerate(out):
        if name in seen and name is not None:
            out[i] = None
        elif name is not None:
            seen.add(name)
    return out


@dataclass
class RowCell:
    text: str
    source: Source
    merged: bool = False  # carried down from the row above (one merged cell)
    note: tuple[str, str] = ("", "")  # (Thai, English) when the column was interpreted


@dataclass
class TableRow:
    kind: str
    cells: dict[str, RowCell]
    table: int
    row: int
    title: Para | None = None  # the paragraph just before the table ("ผลการดำเนินการ รอบ ๖ เดือน")


@dataclass
class FoundTables:
    rows: dict[str, list[TableRow]] = field(default_factory=lambda: {k: [] for k in KINDS})
    leftovers: list[tuple[Source, str, str]] = field(default_factory=list)
    tables: dict[str, list[int]] = field(default_factory=lambda: {k: [] for k in KINDS})
    unknown: list[Table] = field(default_factory=list)


def find_tables(doc: WordDocument) -> FoundTables:
    found = FoundTables()
    previous: tuple[str, list[str | None], int] | None = None  # kind, fields, width
    title: Para | None = None
    for block in doc.blocks:
        if isinstance(block, Para):
            if block.text.strip():
                previous = None  # text between: the next table is not a continuation
                title = block
            continue
        table = block
        recognised = _kind_of(table)
        if recognised is not None:
            kind, n = recognised
            fields = _column_fields(kind, table.rows[:n], table.width)
            previous = (kind, fields, table.width)
            body = range(n, len(table.rows))
        elif previous is not None and table.width == previous[2]:
            kind, fields, _ = previous  # the same table continued after a page break
            body = range(len(table.rows))
        else:
            found.unknown.append(table)
            previous = None
            continue
        found.tables[kind].append(table.number)
        first = len(found.rows[kind])
        for r in body:
            _read_row(doc.name, kind, fields, table, r, found)
        for row in found.rows[kind][first:]:
            row.title = title
    return found


def _read_row(doc: str, kind: str, fields: list[str | None], table: Table, r: int,
              found: FoundTables) -> None:
    row = table.rows[r]
    own = [c for c in row if not c.spanned and not c.merged]
    if not any(c.text.strip() for c in own):
        return  # a blank spacer row (or one whose only text comes from cells merged above)
    if _is_header_row(kind, row):
        return  # the header again, repeated after a page break
    texts = [c for c in own if c.text.strip()]
    if len(row) >= 3 and len(texts) == 1 and \
            sum(c.spanned and (c.row, c.col) == (texts[0].row, texts[0].col) for c in row) >= len(row) - 2:
        # One cell across the whole table: a group heading ("ด้านที่ ๑ …"), not a measure.
        found.leftovers.append((
            Source.cell(doc, table.number, texts[0].row, texts[0].col, texts[0].text),
            "หัวข้อกลุ่มในตาราง (เซลล์เดียวเต็มความกว้าง) ไม่มีช่องในสมุดงาน",
            "a group heading across the table (one cell over all columns) has no place in the tracker"))
        return
    cells: dict[str, RowCell] = {}
    for c, cell in enumerate(row):
        if cell.spanned or not cell.text.strip():
            continue
        name = fields[c] if c < len(fields) else None
        source = Source.cell(doc, table.number, cell.row, cell.col, cell.text)
        if name is None or name == NUMBER or name == GROUP:
            if not cell.merged:
                found.leftovers.append((
                    source, "คอลัมน์นี้ไม่มีช่องในสมุดงาน" if name != NUMBER else "เลขลำดับแถว",
                    "this column has no place in the tracker" if name != NUMBER else "a row number"))
            continue
        cell_note = ("", "")
        if name == OUTPUT_FROM_GROUP:
            name = "output"
            cell_note = ("คอลัมน์ผลการดำเนินการไม่ได้แยกผลผลิต/ผลลัพธ์ จึงใส่ในผลผลิต โปรดแยกเอง",
                         "the results column is not split into output/outcome: put in output; "
                         "split it by hand")
        cells[name] = RowCell(cell.text, source, merged=cell.merged, note=cell_note)
    found.rows[kind].append(TableRow(kind, cells, table.number, r + 1))
