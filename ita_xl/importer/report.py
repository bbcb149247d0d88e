"""Read a report (รายงานผล…) made in Word: cover, preface, analysis, the two tables, preparer.

The parts are found by what they say, not where they are, so a preface placed before the cover
or a cover drawn in text boxes is read the same:

* the preface follows a paragraph "คำนำ" and ends with the signer and a month line
  (``เมษายน ๒๕๖๕``);
* the analysis is the paragraph naming levels (``๑.ระดับ… คือ ตัวชี้วัด…``);
* the cover is what else comes before the first table: the title with ประจำปีงบประมาณ, the
  continuation note in parentheses, the office, the agency, อำเภอ… จังหวัด…;
* the preparer is the name in parentheses after "ลงชื่อ … ผู้จัดทำ", then ตำแหน่ง.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable

from .. import layout
from ..thai import normalise_compact, to_arabic_digits
from . import thaidates
from .found import Imported, Source
from .tables import PERIOD, TableRow, find_tables
from .wordfile import Table, WordDocument

AGENCY = re.compile(r"^(เทศบาล|องค์การบริหารส่วน|อบต\.|อบจ\.|เมืองพัทยา|กรุงเทพมหานคร)")
OFFICE = re.compile(r"^(สำนัก|กอง|ส่วน|ฝ่าย|งาน)")
# "จังหวัด" inside "องค์การบริหารส่วนจังหวัดนครสวรรค์" is the agency's name, not its address.
PLACE = re.compile(r"(?:อำเภอ|อ\.)\s*(?P<district>[^\s]+)|(?<!ส่วน)(?:จังหวัด|จ\.)\s*(?P<province>[^\s]+)")
ROUND = re.compile(r"รอบ\s*([0-9๐-๙]+)\s*เดือน")
LEVEL = re.compile(r"([0-9๐-๙]+)\s*[.)]\s*(ระดับ.*?)\s*คือ\s*(.*?)"
                   r"(?=\s*[0-9๐-๙]+\s*[.)]\s*ระดับ|\s*จึง|$)", re.S)
NAME_IN_PARENS = re.compile(r"^\((.+)\)$", re.S)
LEFTOVER_TH = "ไม่มีช่องในสมุดงาน (ข้อความคงที่ของแบบฟอร์ม หรือข้อความที่ไม่รู้จัก)"
LEFTOVER_EN = "no place in the tracker (fixed wording of the template, or not recognised)"

# Names seen for indicators besides the framework's own (DOMAIN.md: "some sources").
INDICATOR_ALIASES = {"การปรับปรุงระบบการทำงาน": "การปรับปรุงการทำงาน"}


def round_choice(months: int) -> str:
    return "รอบ ๖ เดือน" if months == 6 else "รอบ ๑๒ เดือน"


def parse_report(doc: WordDocument, imp: Imported,
                 indicators_of: Callable[[int | None], list[dict[str, Any]]]) -> None:
    """Add what ``doc`` holds to ``imp``; ``indicators_of(fiscal year)`` gives the indicator
    rows (number, name, group) of that year's framework, to recognise the analysis' names."""
    name = doc.name
    tables = find_tables(doc)
    if not tables.rows["Plan"] and not tables.rows["Results"]:
        from .wordfile import DocumentError

        raise DocumentError(
            f"ไม่พบตารางมาตรการหรือตารางผลการดำเนินงานในไฟล์ {name} "
            "(หาจากหัวตาราง เช่น มาตรการ | แนวทางการปฏิบัติ | ขั้นตอน/วิธีการปฏิบัติ | ผู้รับผิดชอบ)",
            f"No measures-plan or results table found in {name} (looked for header text such as "
            "มาตรการ | แนวทางการปฏิบัติ | ขั้นตอน/วิธีการปฏิบัติ | ผู้รับผิดชอบ).",
            where=str(doc.path),
            hint_th="ตรวจว่าเป็นไฟล์รายงานผล และหัวตารางพิมพ์เป็นข้อความในตาราง Word (ไม่ใช่รูปภาพ)",
            hint_en="Check that this is the report, and that its tables are Word tables with "
                    "typed headers (not pictures).")
    used: set[int] = set()  # keys of the lines placed
    # Line by line: a cover or a preface signature is often one paragraph with line breaks.
    paras = [Line(0, p.number, part) for p in doc.paragraphs() for part in p.text.split("\n")
             if part.strip()]
    for key, line in enumerate(paras):
        line.key = key
    first_table = min((t for kind in tables.tables.values() for t in kind), default=None)
    before = [p for p in paras if first_table is None or p.number <= _table(doc, first_table).after_para]
    after = [p for p in paras if p not in before]

    _preface(name, before, imp, used)
    candidates = [p for p in before if p.key not in used and _is_analysis(p.text)]
    analysis = candidates[-1] if candidates else None  # the one nearest the plan table
    if analysis is not None:
        used.add(analysis.key)
    _cover(name, [p for p in before if p.key not in used], imp, used, analysis)
    year = imp.setting("fiscal_year")
    indicators = indicators_of(year.value if year else None)
    if analysis is not None:
        _analysis(name, analysis, imp, indicators)
    _plan(tables.rows["Plan"], imp)
    headings: set[int] = set()  # paragraphs placed whole (a round heading above a table)
    _results(tables.rows["Results"], imp, headings)
    for kind in tables.rows:
        if kind not in ("Plan", "Results"):
            _plain_rows(kind, tables.rows[kind], imp)
    _preparer(name, after, imp, used)
    _headings(name, paras, analysis, imp, used)
    for source, th, en in tables.leftovers:
        imp.leftover(source, th, en)
    for table in [t for t in tables.unknown if _scores(name, t, imp, indicators)]:
        tables.unknown.remove(table)
    for table in tables.unknown:
        text = " | ".join(c.text for row in table.rows[:1] for c in row if not c.spanned)
        imp.leftover(Source(name, f"ตารางที่ {table.number}", f"table {table.number}", text),
                     "ตารางนี้ไม่ใช่ตารางมาตรการหรือผลการดำเนินงาน (หัวตารางไม่ตรง)",
                     "not recognised as the plan or results table (its header does not match)")
    for p in paras:
        if p.key not in used and p.number not in headings:
            imp.leftover(Source.paragraph(name, p.number, p.text), LEFTOVER_TH, LEFTOVER_EN)


@dataclass(eq=False)
class Line:
    """One line of a body paragraph (``number``); ``key`` tells lines apart."""

    key: int
    number: int
    text: str


CAPTION = re.compile(r"^ตารางที่\s*[0-9๐-๙]+\s")


def _joined(first: str, line: str) -> str:
    """Lines of one paragraph as one text: the space a break kept, Thai run on without one."""
    if not first:
        return line.lstrip()  # its trailing space, if any, tells the next join
    thai = "\u0e00" <= first.rstrip()[-1:] <= "\u0e7f" and "\u0e00" <= line.strip()[:1] <= "\u0e7f"
    spaced = first[-1:].isspace() or not thai
    return f"{first.rstrip()} {line.strip()}" if spaced else first.rstrip() + line.strip()


def _headings(doc: str, paras: list[Line], analysis: Line | None, imp: Imported,
              used: set[int]) -> None:
    """The report's title and section headings (settings; blank = the template's wording):
    the line before the score table's caption, before the analysis, before the results part
    (its opening sentence and caption), and the title line before the fiscal year on the
    cover.  A heading as the template words it is placed without a value (blank means it);
    the captions "ตารางที่ …" are the template's own.  Anything else stays a leftover."""
    def free(i: int) -> bool:
        return 0 <= i < len(paras) and paras[i].key not in used

    def take(field: str, i: int) -> None:
        spec = layout.SETTINGS_BY_FIELD.get(field)
        if spec is None or not free(i) or CAPTION.match(paras[i].text.strip()):
            return
        # a long heading broken over lines of its paragraph (balanced by ita-xl) is one heading
        same = [p for p in paras if p.number == paras[i].number and p.key not in used]
        text = ""
        for line in same:
            text = _joined(text, line.text)
        text = text.strip()
        if normalise_compact(text) != normalise_compact(spec.default or ""):
            imp.add(f"settings.{field}", text, _src(doc, paras[i]))
        used.update(line.key for line in same)

    captions = [i for i, p in enumerate(paras) if CAPTION.match(p.text.strip())]
    scores = next((i for i in captions if "คะแนน" in paras[i].text), None)
    if scores is not None:
        take("heading_scores", scores - 1)
    if analysis is not None:
        take("heading_analysis", paras.index(analysis) - 1)
    results = next((i for i in captions if "ผลการดำเนินการ" in paras[i].text), None)
    if results is not None:
        i = results - 1
        while i >= 0 and paras[i].text.strip().startswith("ตามที่"):
            i -= 1  # the part's opening sentence (the template's)
        take("heading_results", i)
    for i in captions:
        used.add(paras[i].key)
    year_line = next((i for i, p in enumerate(paras) if thaidates.fiscal_year_in(p.text)), None)
    if year_line and layout.SETTINGS_BY_FIELD.get("report_title") is not None:
        title = paras[year_line - 1].text.strip()
        if normalise_compact(title) != normalise_compact(
                layout.SETTINGS_BY_FIELD["report_title"].default or "") and \
                imp.setting("report_title") is None and year_line == 1:
            imp.add("settings.report_title", title, _src(doc, paras[year_line - 1]))


def _table(doc: WordDocument, number: int) -> Table:
    return next(t for t in doc.tables() if t.number == number)


def _src(doc: str, p: Line) -> Source:
    return Source.paragraph(doc, p.number, p.text)


def _preface(doc: str, paras: list[Line], imp: Imported, used: set[int]) -> bool:
    start = next((i for i, p in enumerate(paras) if normalise_compact(p.text) == "คำนำ"), None)
    if start is None:
        return False
    used.add(paras[start].key)
    end = next((j for j in range(start + 1, len(paras))
                if thaidates.parse_month_line(paras[j].text)), None)
    if end is None:
        # No month line: the preface runs to the analysis paragraph or the end of the part.
        end = next((j for j in range(start + 1, len(paras)) if _is_analysis(paras[j].text)),
                   len(paras))
        body = paras[start + 1:end]
        signer = None
    else:
        month = paras[end]
        imp.add("settings.preface_date", thaidates.parse_month_line(month.text), _src(doc, month))
        used.add(month.key)
        body = paras[start + 1:end - 1] if end - 1 > start + 1 else paras[start + 1:end]
        signer = paras[end - 1] if end - 1 > start + 1 else None
    if signer is not None:
        imp.add("settings.preface_signer", signer.text.strip(), _src(doc, signer))
        used.add(signer.key)
    if body:
        text = "\n".join(p.text.strip() for p in body)
        first = body[0]
        span = f"{first.number}" if first.number == body[-1].number else \
            f"{first.number}–{body[-1].number}"
        where = Source(doc, f"ย่อหน้าที่ {span}", f"paragraph{'s' if '–' in span else ''} {span}", text)
        imp.add("settings.preface", text, where)
        used.update(p.key for p in body)
    return True


NONE_SHORT = re.compile(r"ผ่านเกณฑ์(?:การประเมิน)?\s*ครบ")
SHORT_LIST = re.compile(r"ต้องพัฒนา\S*\s*ได้แก่\s*(.*?)(?:\s*จึง|$)", re.S)
OVERALL = re.compile(r"\((?:คะแนนรวม\s*(?P<score>[0-9๐-๙.,]+))?\s*(?:ระดับ\s*(?P<grade>[^()]+?))?\s*\)")


def _is_analysis(text: str) -> bool:
    """The analysis paragraph: levels (๑.ระดับ… คือ …), or every unit passed, or the short
    units listed without levels."""
    if "วิเคราะห์" not in text and "ตัวชี้วัด" not in text:
        return False
    return ("ระดับ" in text and bool(LEVEL.search(text))) or bool(NONE_SHORT.search(text)) or \
        bool(SHORT_LIST.search(text))


def _analysis(doc: str, para: Line, imp: Imported, indicators: list[dict[str, Any]]) -> None:
    src = _src(doc, para)
    names = {normalise_compact(row["name"]): i for i, row in enumerate(indicators) if row.get("name")}
    for alias, canonical in INDICATOR_ALIASES.items():
        if normalise_compact(canonical) in names:
            names[normalise_compact(alias)] = names[normalise_compact(canonical)]
    _overall(para, imp, src)
    level_of: dict[int, int | None] = {}
    none_short = not LEVEL.search(para.text) and bool(NONE_SHORT.search(para.text))
    listed = SHORT_LIST.search(para.text) if not LEVEL.search(para.text) else None
    if listed and not none_short:
        # Short units named without levels ("ได้แก่ ตัวชี้วัดการเปิดเผยข้อมูล และ…").
        rest = normalise_compact(listed.group(1))
        for key in sorted(names, key=len, reverse=True):
            if key and key in rest:
                level_of.setdefault(names[key], None)
                rest = rest.replace(key, " ")
        _unknown_names(doc, src, listed.group(1), rest, "", imp)
    for n, m in enumerate(LEVEL.finditer(para.text)):
        number = int(to_arabic_digits(m.group(1)))
        imp.add(f"Levels[{n}].level", number, src)
        imp.add(f"Levels[{n}].description", m.group(2).strip(), src)
        segment = normalise_compact(m.group(3))
        rest = segment
        for key in sorted(names, key=len, reverse=True):
            if key and key in rest:
                level_of.setdefault(names[key], number)
                rest = rest.replace(key, " ")
        _unknown_names(doc, src, m.group(3), rest, str(number), imp)
    for i, row in enumerate(indicators):
        if i in level_of:
            imp.add(f"Indicators[{i}].short", "ใช่", src,
                    "บทวิเคราะห์ระบุว่าต้องพัฒนา", "named in the analysis as needing work")
            if level_of[i] is not None:
                imp.add(f"Indicators[{i}].level", level_of[i], src)
        elif none_short:
            imp.add(f"Indicators[{i}].short", "ไม่ใช่", src,
                    "บทวิเคราะห์ระบุว่าผ่านเกณฑ์ครบทุกตัว", "the analysis says every unit passed")
        else:
            imp.add(f"Indicators[{i}].short", "ไม่ใช่", src,
                    "อนุมาน: บทวิเคราะห์ไม่ได้ระบุตัวชี้วัดนี้ จึงถือว่าผ่านเกณฑ์ โปรดตรวจกับผลคะแนน",
                    "inferred: the analysis does not name it, so it is taken as passed; "
                    "check against the scores")


# The score table the report prints (ลำดับ | ตัวชี้วัด or เครื่องมือ | คะแนน | เกณฑ์ผ่าน |
# ผลการประเมิน, then a คะแนนรวม row): header keys → what each column holds.
SCORE_HEADERS = {"ลำดับ": "number", "ที่": "number", "ตัวชี้วัด": "name", "เครื่องมือ": "name",
                 "คะแนน": "score", "เกณฑ์ผ่าน": "pass_mark", "ผลการประเมิน": "result"}
PASSED_WORDS = {"ผ่าน": "ไม่ใช่", "ไม่ผ่าน": "ใช่"}


def _number_text(text: str) -> float | None:
    try:
        return float(to_arabic_digits(text).replace(",", "").strip())
    except ValueError:
        return None


def _scores(doc: str, table: Table, imp: Imported, indicators: list[dict[str, Any]]) -> bool:
    """The score table: each row's unit, score and result (ผ่าน → ไม่ผ่านเกณฑ์ ไม่ใช่), the
    pass mark, and the คะแนนรวม row's overall score and grade.  False when ``table`` is not it."""
    if not table.rows:
        return False
    head = [normalise_compact(c.text) for c in table.rows[0] if not c.spanned]
    fields = [SCORE_HEADERS.get(h) for h in head]
    if not {"name", "score"} <= set(fields) or fields.count(None) > 1:
        return False
    known = {normalise_compact(r["name"]): i for i, r in enumerate(indicators) if r.get("name")}
    index = 0
    for r, row in enumerate(table.rows[1:], start=2):
        cells = [c for c in row if not c.spanned]
        got = {f: c for f, c in zip(fields, cells) if f}
        name = got.get("name")
        if name is None or not name.text.strip():
            continue
        src = Source(doc, f"ตารางที่ {table.number} แถว {r}", f"table {table.number} row {r}",
                     " | ".join(c.text for c in cells))
        score = _number_text(got["score"].text) if "score" in got else None
        result = got["result"].text.strip() if "result" in got else ""
        if normalise_compact(name.text) == "คะแนนรวม":
            if score is not None and imp.setting("overall_score") is None:
                imp.add("settings.overall_score", score, src)
            if result and result not in PASSED_WORDS and imp.setting("overall_grade") is None:
                imp.add("settings.overall_grade", result, src)
            continue
        # The table prints the tracker's rows in order; a name of the year's list keeps its
        # tool (group) from the framework.
        i = index
        index += 1
        key = normalise_compact(name.text)
        if known.get(key) != i:
            imp.add(f"Indicators[{i}].name", name.text.strip(), src)
            imp.add(f"Indicators[{i}].group", None, src)
        if "number" in got and _number_text(got["number"].text) is not None:
            imp.add(f"Indicators[{i}].number", int(_number_text(got["number"].text)), src)
        if score is not None:
            imp.add(f"Indicators[{i}].score", score, src)
        if result in PASSED_WORDS:
            imp.add(f"Indicators[{i}].short", PASSED_WORDS[result], src,
                    "จากตารางคะแนน (ผลการประเมิน)", "from the score table (its result column)")
        if "pass_mark" in got and imp.setting("pass_mark") is None:
            mark = _number_text(got["pass_mark"].text)
            if mark is not None:
                imp.add("settings.pass_mark", mark, src)
    imp.score_rows = index
    return index > 0


def _unknown_names(doc: str, src: Source, text: str, rest: str, level: str,
                   imp: Imported) -> None:
    """What is left of a list of names once the known ones are taken out: listed, not dropped."""
    rest = re.sub(r"(?:ตัวชี้วัด|เครื่องมือ)(?:ที่[0-9๐-๙]+)?|และ|[,、.]|\s", "", rest)
    if len(rest) < 3:
        return
    at_th = f"ในระดับที่ {level}" if level else ""
    at_en = f" at level {level}" if level else ""
    imp.leftover(Source(doc, src.where_th, src.where_en, text),
                 f"ชื่อตัวชี้วัดที่ไม่รู้จัก{at_th}: “{rest}” "
                 "(เพิ่มในตาราง Indicators เองหากเป็นตัวชี้วัดของปีนั้น)",
                 f"an indicator name not in the indicator list{at_en}: “{rest}” "
                 "(add it to the Indicators table if it belongs to that year)")


def _overall(para: Line, imp: Imported, src: Source) -> None:
    """"(คะแนนรวม ๙๖.๘๗ ระดับ AA)" after the year in the analysis: the overall result."""
    fields = {c.field for c in layout.SETTINGS}
    for m in OVERALL.finditer(para.text):
        score, grade = m.group("score"), m.group("grade")
        if not score and not grade:
            continue
        if score and "overall_score" in fields:
            try:
                imp.add("settings.overall_score",
                        float(to_arabic_digits(score).replace(",", "")), src)
            except ValueError:
                imp.add("settings.overall_score", score, src)
        if grade and "overall_grade" in fields:
            imp.add("settings.overall_grade", grade.strip(), src)
        return


def _cover(doc: str, paras: list[Line], imp: Imported, used: set[int],
           analysis: Line | None) -> None:
    def take(target: str, value: Any, p: Line, note_th: str = "", note_en: str = "") -> None:
        if imp.setting(target.split(".", 1)[1]) is None and value not in (None, ""):
            imp.add(target, value, _src(doc, p), note_th, note_en)
            used.add(p.key)

    for p in paras:
        text = p.text.strip()
        if "ต่อเนื่อง" in text and "ปีงบประมาณ" in text:
            take("settings.continuation", text.strip("() \t"), p)
            continue
        year = thaidates.fiscal_year_in(text)
        if year is not None and imp.setting("fiscal_year") is None:
            take("settings.fiscal_year", year, p)
            m = ROUND.search(text)
            if m:
                take("settings.round", round_choice(int(to_arabic_digits(m.group(1)))), p)
            continue
        if text.startswith("รายงาน"):
            used.add(p.key)  # the rest of a title split over two paragraphs
            continue
        m = ROUND.fullmatch(text)
        if m:  # the round printed under the title
            take("settings.round", round_choice(int(to_arabic_digits(m.group(1)))), p)
            take("settings.round_print", "ใช่", p, "หน้าปกพิมพ์รอบการรายงาน",
                 "the cover prints the round")
            used.add(p.key)
            continue
        places = list(PLACE.finditer(text))
        if places:
            for m in places:
                if m.group("district"):
                    take("settings.district", m.group("district"), p)
                if m.group("province"):
                    take("settings.province", m.group("province"), p)
            head = text[:places[0].start()].strip()
            if AGENCY.match(head):
                take("settings.agency", head, p)
            used.add(p.key)
            continue
        if AGENCY.match(text):
            take("settings.agency", text, p)
        elif OFFICE.match(text):
            take("settings.office", text, p)
    if analysis is not None:
        # The analysis opens with "<agency> อำเภอ… จังหวัด…": a second source when the cover lacks it.
        text = analysis.text.strip()
        places = list(PLACE.finditer(text[:200]))
        note = ("จากย่อหน้าบทวิเคราะห์ (ไม่พบในหน้าปก)", "from the analysis paragraph (not on the cover)")
        if places:
            head = text[:places[0].start()].strip()
            if AGENCY.match(head):
                take("settings.agency", head, analysis, *note)
            for m in places:
                if m.group("district"):
                    take("settings.district", m.group("district"), analysis, *note)
                if m.group("province"):
                    take("settings.province", m.group("province"), analysis, *note)


def _cells_text(row: TableRow, name: str) -> str | None:
    cell = row.cells.get(name)
    return cell.text if cell else None


NUMERIC_KINDS = {"int", "number", "amount"}


def _typed(table: str, name: str, text: str) -> tuple[object, tuple[str, str]]:
    """A table cell as its tracker column's kind wants it: numbers (Thai or Arabic digits,
    thousands separators) become numbers; anything else stays text (the checks report it)."""
    try:
        kind = layout.TABLES_BY_NAME[table].column(name).kind
    except KeyError:
        return text, ("", "")
    if kind in NUMERIC_KINDS:
        plain = to_arabic_digits(text).replace(",", "").strip()
        try:
            number = float(plain)
        except ValueError:
            return text, ("อ่านเป็นตัวเลขไม่ได้ คงข้อความไว้", "not read as a number: kept as text")
        return (int(number) if number.is_integer() else number), ("", "")
    return text, ("", "")


def _plan(rows: list[TableRow], imp: Imported) -> None:
    """Plan rows; rows under one merged (or blank) measure cell become one plan row, their
    other cells joined line by line (a tracker plan row is one measure)."""
    index = -1
    current: dict[str, list[str]] = {}
    for row in rows:
        measure = row.cells.get("measure")
        joins = index >= 0 and (measure is None or measure.merged)
        if not joins:
            index += 1
            current = {}
        for name, cell in row.cells.items():
            if joins and name == "measure":
                continue
            lines = current.setdefault(name, [])
            if joins and cell.text in lines:
                continue  # the same owner or monitoring text on each row of one measure
            lines.append(cell.text)
            value, note = _typed("Plan", name, "\n".join(lines))
            if joins:
                note = ("รวมจากหลายแถวใต้เซลล์มาตรการเดียวกัน", "joined from several rows under one measure cell")
            _replace(imp, f"Plan[{index}].{name}", value, cell.source, *note)


def _replace(imp: Imported, target: str, value: Any, source: Source, note_th: str = "",
             note_en: str = "") -> None:
    for v in imp.values:
        if v.target == target:
            v.value = value
            if note_th:
                v.note_th, v.note_en = note_th, note_en
            v.source = Source(v.source.doc, f"{v.source.where_th}; {source.where_th}",
                              f"{v.source.where_en}; {source.where_en}", value)
            return
    imp.add(target, value, source, note_th, note_en)


def _plain_rows(kind: str, rows: list[TableRow], imp: Imported) -> None:
    """Rows of another printed table (Improvements): each cell to its column."""
    for index, row in enumerate(rows):
        for name, cell in row.cells.items():
            value, note = _typed(kind, name, cell.text)
            imp.add(f"{kind}[{index}].{name}", value, cell.source, *note)


def _results(rows: list[TableRow], imp: Imported, headings: set[int]) -> None:
    previous: TableRow | None = None
    index = -1
    has_round = "round" in {c.field for c in layout.RESULTS.columns}
    for row in rows:
        index += 1
        # A 12-month report prints one results table per round under "ผลการดำเนินการ รอบ …".
        title = row.title
        m = ROUND.search(title.text) if title is not None and len(title.text) < 60 else None
        if m and has_round and "round" not in row.cells:
            imp.add(f"Results[{index}].round", round_choice(int(to_arabic_digits(m.group(1)))),
                    Source.paragraph(row.cells[next(iter(row.cells))].source.doc, title.number,
                                     title.text) if row.cells else Source.none(),
                    "จากหัวข้อเหนือตาราง", "from the heading above the table")
            headings.add(title.number)
        measure = row.cells.get("measure")
        if measure is None and previous is not None and previous.cells.get("measure"):
            carried = previous.cells["measure"]
            imp.add(f"Results[{index}].measure", carried.text, carried.source,
                    "เซลล์มาตรการว่าง ใช้มาตรการของแถวก่อนหน้า", "measure cell blank: the row above's measure")
        for name, cell in row.cells.items():
            if name == PERIOD:
                _period(imp, index, cell)
                continue
            value, note = _typed("Results", name, cell.text)
            note = cell.note if cell.note[0] else note
            if cell.merged:
                note = ("เซลล์ผสานหลายแถว", "one merged cell over several rows")
            imp.add(f"Results[{index}].{name}", value, cell.source, *note)
        if measure is not None or previous is None:
            previous = row


def _period(imp: Imported, index: int, cell) -> None:
    period = thaidates.parse_period(cell.text)
    if period is None:
        imp.add(f"Results[{index}].start", cell.text, cell.source,
                "อ่านเป็นเดือนไม่ได้ คงข้อความไว้ โปรดพิมพ์เดือนที่เริ่ม (และเดือนที่สิ้นสุด) เป็นวันที่",
                "not read as months: kept as text; type the first (and last) month as dates")
        return
    start, end = period
    imp.add(f"Results[{index}].start", start, cell.source)
    if end is not None:
        imp.add(f"Results[{index}].end", end, cell.source)


def _preparer(doc: str, paras: list[Line], imp: Imported, used: set[int]) -> None:
    start = next((i for i, p in enumerate(paras) if p.text.strip().startswith("ลงชื่อ")), None)
    search = paras[start:] if start is not None else paras
    if start is not None:
        used.add(paras[start].key)
    for i, p in enumerate(search):
        m = NAME_IN_PARENS.match(p.text.strip())
        if not m:
            if p.text.strip() in ("ผู้จัดทำ", "ผู้รายงาน") or set(p.text.strip()) <= set(". "):
                used.add(p.key)
            continue
        imp.add("settings.preparer_name", m.group(1).strip(), _src(doc, p))
        used.add(p.key)
        if i + 1 < len(search):
            q = search[i + 1]
            imp.add("settings.preparer_position", re.sub(r"^ตำแหน่ง\s*", "", q.text.strip()),
                    _src(doc, q))
            used.add(q.key)
        return
