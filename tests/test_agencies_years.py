"""Issue 10: right documents for every agency type, fiscal year, round and result.

A table of cases (agency type × fiscal year 2565/2567/2570 × round × some/none short) each
builds a correct tracker through the workbook builder, reads it back, checks it (no finding at
all) and generates both documents; the .docx files are read back and must hold every typed
value, the round, the year's counted unit and total, and none of the known wrong outputs.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

import pytest
from support.documents import docx_text, pdf_text, squash

from ita_xl import framework
from ita_xl.xlsm.tracker import tracker_bytes
from ita_xl.pipeline import check
from ita_xl.context import amount_text
from ita_xl.pipeline import generate
from ita_xl.thai import to_thai_digits


@dataclass(frozen=True)
class Agency:
    type: str
    name: str
    office: str
    district: str | None
    province: str | None
    head: str  # the addressee and last signer
    generic: str  # a generic position or law title that names the type, not an agency


AGENCIES = [
    Agency("เทศบาลตำบล", "เทศบาลตำบลบ้านใหม่", "สำนักปลัดเทศบาล", "สันทราย", "เชียงใหม่",
           "นายกเทศมนตรีตำบลบ้านใหม่", "ตามพระราชบัญญัติเทศบาล พ.ศ. ๒๔๙๖"),
    Agency("เทศบาลนคร", "เทศบาลนครนครสวรรค์", "สำนักปลัดเทศบาล", "เมืองนครสวรรค์", "นครสวรรค์",
           "นายกเทศมนตรีนครนครสวรรค์", "ปลัดเทศบาลนคร"),
    Agency("องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนตำบลหนองบัว",
           "สำนักปลัด องค์การบริหารส่วนตำบลหนองบัว", "เมืองร้อยเอ็ด", "ร้อยเอ็ด",
           "นายกองค์การบริหารส่วนตำบลหนองบัว",
           "ตามพระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. ๒๕๓๗"),
    Agency("องค์การบริหารส่วนจังหวัด", "องค์การบริหารส่วนจังหวัดนครสวรรค์",
           "สำนักปลัดองค์การบริหารส่วนจังหวัด", None, "นครสวรรค์",
           "นายกองค์การบริหารส่วนจังหวัดนครสวรรค์", "ปลัดองค์การบริหารส่วนจังหวัด"),
    Agency("เมืองพัทยา", "เมืองพัทยา", "สำนักปลัดเมืองพัทยา", "บางละมุง", "ชลบุรี",
           "นายกเมืองพัทยา", "ตามพระราชบัญญัติระเบียบบริหารราชการเมืองพัทยา"),
    Agency("กรุงเทพมหานคร", "สำนักงานเขตบางรัก", "ฝ่ายปกครอง สำนักงานเขตบางรัก", "บางรัก", None,
           "ผู้อำนวยการเขตบางรัก", "ตามพระราชบัญญัติระเบียบบริหารราชการกรุงเทพมหานคร"),
    Agency("ส่วนราชการส่วนกลาง", "กรมส่งเสริมการปกครองท้องถิ่น", "กองกลาง", None, None,
           "อธิบดีกรมส่งเสริมการปกครองท้องถิ่น", "ตามระเบียบกระทรวงมหาดไทย"),
    Agency("ส่วนราชการส่วนภูมิภาค", "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัดเชียงใหม่",
           "ฝ่ายบริหารงานทั่วไป", None, "เชียงใหม่", "ท้องถิ่นจังหวัดเชียงใหม่",
           "ตามระเบียบกระทรวงมหาดไทย"),
]
YEARS = (2565, 2567, 2570)
# (round months, some short?) — every year gets every pair, over the agency types.
ROUND_SHORT = list(itertools.product((6, 12), (True, False)))
TOOLS = [("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน (IIT)", "IIT"),
         ("แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก (EIT)", "EIT"),
         ("แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)", "OIT")]


@dataclass(frozen=True)
class Case:
    agency: Agency
    year: int
    months: int
    short: bool

    @property
    def id(self) -> str:
        return f"{self.year}-{self.agency.type}-{self.months}m-{'short' if self.short else 'none'}"


CASES = [Case(a, y, *ROUND_SHORT[(i + j) % len(ROUND_SHORT)])
         for j, y in enumerate(YEARS) for i, a in enumerate(AGENCIES)]


def _units(case: Case) -> tuple[str, list[dict]]:
    """The counted unit and the tracker's unit rows, as a clerk types them for the year."""
    fw = framework.load(case.year)
    if fw is not None and fw.units:
        rows = [{"number": u.number, "name": u.name, "group": u.group} for u in fw.units]
        return fw.unit, rows
    # A year the data does not know (2570): the clerk types the tools and the unit.
    return "เครื่องมือ", [{"number": i, "name": n, "group": g}
                          for i, (n, g) in enumerate(TOOLS, start=1)]


def tracker_data(case: Case) -> dict:
    a, y = case.agency, case.year
    ce = y - 543
    unit, units = _units(case)
    memo = dt.date(ce, 4, 5) if case.months == 6 else dt.date(ce, 10, 5)
    for i, row in enumerate(units):
        row["score"] = 95 + i * 0.5  # ผ่านดีเยี่ยม asks every tool to reach 95 (unofficial rule)
        row["short"] = "ไม่ใช่"
    if case.short:  # the second unit fell short
        units[1].update(score=80.25, short="ใช่")
    settings = {
        "agency": a.name, "agency_type": a.type, "office": a.office, "district": a.district,
        "province": a.province, "fiscal_year": y, "digits": "เลขไทย",
        "round": "รอบ ๖ เดือน" if case.months == 6 else "รอบ ๑๒ เดือน",
        "memo_ref": "๑๒๓๔/๕๖๗", "memo_date": memo,
        "subject": f"รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส {a.name} "
                   f"ประจำปีงบประมาณ พ.ศ. {to_thai_digits(str(y))}",
        "addressee": a.head,
        "preface": f"{a.name} ได้จัดทำรายงานฉบับนี้ {a.generic} เพื่อเผยแพร่ต่อสาธารณะ",
        "preface_signer": a.office.replace(" ", ""), "preface_date": memo.replace(day=1),
        "pass_mark": 85, "writer_name": "นางสาวมะลิ ดอกหอม", "writer_position": "นักจัดการงานทั่วไป",
        "preparer_name": "นายสมชาย ใจดี", "preparer_position": "หัวหน้าฝ่ายบริหารงานทั่วไป",
    }
    if unit != (framework.load(y).unit if framework.load(y) else None):
        settings["unit"] = unit
    if not case.short:
        settings["overall_score"] = 96.87
        settings["overall_grade"] = "AA" if y == 2565 else "ผ่านดีเยี่ยม"
    if y == 2570:  # nothing known for 2570: the clerk types the OIT item
        settings["item_measures"] = "O36"
    data = {
        "settings": settings,
        "Chain": [{"label": f"ทราบ/ความเห็นของ{a.head}", "name": "นายบุญมี มีสุข",
                   "position": a.head}],
        "Indicators": units,
        "Plan": [
            {"measure": "มาตรการส่งเสริมการเปิดเผยข้อมูลต่อสาธารณะ",
             "guideline": "เผยแพร่ข้อมูลบนเว็บไซต์หลักของหน่วยงาน",
             "steps": "๑. รวบรวมข้อมูล\n๒. เผยแพร่ข้อมูล", "owner": "งานประชาสัมพันธ์",
             "monitoring": "รายงานผลทุกไตรมาส"},
            {"measure": "มาตรการป้องกันการรับสินบน", "guideline": "ประกาศแนวทางไม่รับของขวัญ",
             "steps": "ผู้บริหารลงนามประกาศ", "owner": "งานการเจ้าหน้าที่",
             "monitoring": "ติดตามทุกหกเดือน"},
        ],
        "Results": [
            {"measure": "มาตรการส่งเสริมการเปิดเผยข้อมูลต่อสาธารณะ",
             "details": "ปรับปรุงหน้าข้อมูลสาธารณะ", "start": dt.date(ce - 1, 11, 1),
             "output": "หน้าเว็บไซต์ที่เป็นปัจจุบัน", "outcome": "ประชาชนเข้าถึงข้อมูลได้สะดวก"},
            {"measure": "มาตรการป้องกันการรับสินบน", "details": "ประกาศนโยบาย No Gift Policy",
             "start": dt.date(ce, 2, 1), "output": "ประกาศของผู้บริหาร",
             "outcome": "บุคลากรรับทราบแนวทาง"},
        ],
    }
    if case.short and y == 2565:  # the agency's own levels, used in 2565 style
        data["Levels"] = [{"level": 1, "description": "ระดับที่ต้องเร่งพัฒนา"}]
        units[1]["level"] = 1
    if not case.short:
        data["Improvements"] = [{"tool": "EIT", "point": "เพิ่มช่องทางรับฟังความคิดเห็นออนไลน์"}]
    if case.months == 12:
        # The 12-month report carries both rounds, a period in words, and a budget.
        data["Results"][0]["round"] = "รอบ ๖ เดือน"
        data["Results"].append(
            {"measure": "มาตรการป้องกันการรับสินบน", "details": "อบรมบุคลากรเรื่องผลประโยชน์ทับซ้อน",
             "start": "ตลอดปีงบประมาณ", "output": "บุคลากรผ่านการอบรม",
             "outcome": "ไม่มีเรื่องร้องเรียน", "round": "รอบ ๑๒ เดือน", "budget": 15000})
        data["Plan"][0]["budget"] = "ไม่ใช้งบประมาณ"
        data["Plan"][1]["budget"] = 25000.5
    return data


def typed_values(data: dict) -> list[str]:
    """Every text the clerk typed that the documents print, as it must appear."""
    s = data["settings"]
    values = [s[k] for k in ("agency", "office", "subject", "addressee", "writer_name",
                             "writer_position", "preparer_name", "preparer_position",
                             "preface_signer", "memo_ref")]
    values += [p for p in (s["district"], s["province"]) if p]
    for table, fields in (("Chain", ("label", "name", "position")),
                          ("Plan", ("measure", "guideline", "steps", "owner", "monitoring")),
                          ("Results", ("details", "output", "outcome")),
                          ("Improvements", ("tool", "point"))):
        for row in data.get(table, []):
            values += [row[f] for f in fields if row.get(f)]
    for table in ("Plan", "Results"):
        for row in data[table]:
            if isinstance(row.get("start"), str):
                values.append(row["start"])
            if row.get("budget") is not None:
                values.append(amount_text(row["budget"], True))
    if "overall_score" in s:
        values += [to_thai_digits(str(s["overall_score"])), s["overall_grade"]]
    return values


@pytest.fixture(scope="module")
def produced(tmp_path_factory):
    """case id -> (data, findings, memo text, report text): built once per module."""
    out = {}
    root = tmp_path_factory.mktemp("cases")
    for case in CASES:
        data = tracker_data(case)
        folder = root / case.id
        folder.mkdir()
        path = folder / "tracker.xlsm"
        path.write_bytes(tracker_bytes(data))
        findings = check(path).findings
        result = generate(path, folder / "out", force=True)  # findings are asserted apart
        texts = {p.name.rsplit("_", 1)[1].split(".")[0]: docx_text(p) for p in result.paths}
        out[case.id] = (data, findings, texts["memo"], texts["report"])
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_right_tracker_gives_no_finding(case, produced):
    _, findings, _, _ = produced[case.id]
    assert [(f.code, f.where, f.message_en) for f in findings] == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_documents_hold_every_typed_value(case, produced):
    data, _, memo, report = produced[case.id]
    both = squash(memo + report)
    missing = [v for v in typed_values(data) if squash(str(v)) not in both]
    assert missing == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_no_empty_levels_and_no_address_word_without_a_name(case, produced):
    _, _, memo, report = produced[case.id]
    for text in (memo, report):
        assert not re.search(r"[0๐]\s*ระดับ", text)
        # อำเภอ / เขต must be followed by a name (a Thai letter), never by a space or the end.
        assert not re.search(r"(อำเภอ|เขต)(?![\u0e01-\u0e4e])", text), text


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_round_printed_on_the_cover_and_in_the_subject(case, produced):
    data, _, memo, report = produced[case.id]
    label = data["settings"]["round"]
    subject_line = next(line for line in memo.splitlines() if line.startswith("เรื่อง"))
    assert subject_line.rstrip().endswith(label)
    cover = report[:report.index("คำนำ")]
    assert label in cover
    if case.months == 12:  # both rounds' results, each under its own heading
        assert "ผลการดำเนินการ รอบ ๖ เดือน" in report
        assert "ผลการดำเนินการ รอบ ๑๒ เดือน" in report


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_counted_unit_and_total_of_the_year(case, produced):
    _, _, memo, report = produced[case.id]
    unit, units = _units(case)
    total = to_thai_digits(str(len(units)))
    if case.short:
        assert squash(f"{unit}ที่ไม่ผ่านเกณฑ์การประเมิน จำนวน ๑ {unit} จากทั้งหมด {total} {unit}") \
            in squash(memo)
        prefix = "ตัวชี้วัด" if unit == "ตัวชี้วัด" else ""
        assert squash(prefix + units[1]["name"]) in squash(report)
    else:
        sentence = f"ผ่านเกณฑ์การประเมินครบทั้ง {total} {unit}"
        assert squash(sentence) in squash(memo)
        assert squash(f"ผ่านเกณฑ์ครบทั้ง {total} {unit}") in squash(report)
        assert "ที่ไม่ผ่านเกณฑ์" not in memo and "มีประเด็นที่ต้องพัฒนาให้ดีขึ้น" not in report
    other = "เครื่องมือ" if unit == "ตัวชี้วัด" else "ตัวชี้วัด"
    assert f"{total} {other}" not in memo
    # Only a local government is called one.
    local = case.agency.type not in ("ส่วนราชการส่วนกลาง", "ส่วนราชการส่วนภูมิภาค")
    assert ("องค์กรปกครองส่วนท้องถิ่น" in report) == local


def test_every_year_round_and_result_is_covered():
    seen = {(c.year, c.months, c.short) for c in CASES}
    assert seen == set(itertools.product(YEARS, (6, 12), (True, False)))
    assert {c.agency.type for c in CASES} == {a.type for a in AGENCIES}


def test_round_left_out_when_the_setting_says_so(tmp_path):
    case = CASES[0]
    data = tracker_data(case)
    data["settings"]["round_print"] = "ไม่ใช่"
    path = tmp_path / "t.xlsm"
    path.write_bytes(tracker_bytes(data))
    result = generate(path, tmp_path / "out")
    texts = [docx_text(p) for p in result.paths]
    label = data["settings"]["round"]
    assert all(label not in t for t in texts)


def test_a_budget_column_is_printed_only_when_filled(tmp_path):
    from support.documents import docx_tables

    twelve = next(c for c in CASES if c.months == 12)
    six = next(c for c in CASES if c.months == 6)
    heads = {}
    for case in (twelve, six):
        path = tmp_path / f"{case.id}.xlsm"
        path.write_bytes(tracker_bytes(tracker_data(case)))
        report = next(p for p in generate(path, tmp_path / case.id).paths
                      if p.name.endswith("report.docx"))
        heads[case.months] = [[squash(c) for c in t[0]] for t in docx_tables(report)]
    assert any("งบประมาณ(บาท)" in h for h in heads[12])
    assert any("งบประมาณที่ใช้(บาท)" in h for h in heads[12])
    assert not any("งบประมาณ" in "".join(h) for h in heads[6])


def test_pdf_of_a_province_agency_none_short_both_rounds(tmp_path):
    """One case all the way to PDF (LibreOffice), read back with pdftotext -raw."""
    province = next(a for a in AGENCIES if a.type == "องค์การบริหารส่วนจังหวัด")
    data = tracker_data(Case(province, 2570, 12, False))
    path = tmp_path / "t.xlsm"
    path.write_bytes(tracker_bytes(data))
    result = generate(path, tmp_path / "out", pdf=True)
    pdfs = result.pdfs
    assert len(pdfs) == 2
    text = squash("".join(pdf_text(p) for p in pdfs))
    for value in ("องค์การบริหารส่วนจังหวัดนครสวรรค์", "จังหวัดนครสวรรค์", "รอบ ๑๒ เดือน",
                  "ตลอดปีงบประมาณ", "๑๕,๐๐๐", "๒๕,๐๐๐.๕๐"):
        assert squash(value) in text, value
    assert "อำเภอ" not in text


@pytest.mark.soffice
def test_no_header_word_split_in_the_budget_and_improvement_tables(tmp_path):
    """The tables with a budget column (and the improvements table) keep header words whole,
    as the example's tables do (same check as tests/test_typesetting.py)."""
    from support.typesetting import header_breaks, header_cells, word_ends

    data = tracker_data(Case(AGENCIES[0], 2567, 12, False))
    path = tmp_path / "t.xlsm"
    path.write_bytes(tracker_bytes(data))
    result = generate(path, tmp_path / "out", pdf=True)
    report = next(p for p in result.paths if p.name.endswith("report.docx"))
    pdf = next(p for p in result.pdfs if p.name.endswith("report.pdf"))
    cells = header_cells(report)
    assert {squash(t) for t, _, _ in cells} >= {"งบประมาณ(บาท)", "งบประมาณที่ใช้(บาท)",
                                                "ประเด็นที่ต้องพัฒนา", "หมายเหตุ"}
    for text, seen in header_breaks(report, pdf):
        assert seen, f"header {text!r} not found whole in its column"
        assert all(set(ends) <= word_ends(text) for ends in seen), text


def test_bundled_example_unchanged_by_the_new_settings(tmp_path):
    """The example leaves the round out and has no budget, improvements or overall result."""
    from ita_xl import resources

    result = generate(resources.example_workbook(), tmp_path)
    memo = next(p for p in result.paths if p.name.endswith("memo.docx"))
    assert "รอบ ๖ เดือน" not in docx_text(memo)
    assert squash("จำนวน ๔ ตัวชี้วัด จากทั้งหมด ๑๐ ตัวชี้วัด") in squash(docx_text(memo))

