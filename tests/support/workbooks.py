"""The example data (as shipped and with the seed's mistakes corrected), writing a data dict into
a tracker through table and header names, and a second agency's tracker.

Cell edits themselves live in ``wbedit`` (table name + header text, never fixed coordinates).
"""
from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from .wbedit import open_copy, set_name, set_rows

from ita_xl import layout, resources
from ita_xl.xlsm.workbook import load_data


def example_data() -> dict[str, Any]:
    """A fresh copy of workbook/src/example.toml (the seed's data, mistakes included)."""
    return copy.deepcopy(load_data(resources.example_data()))


def corrected_example_data() -> dict[str, Any]:
    """The example with the seed's mistakes corrected: what a careful clerk would have typed.

    Corrected: measures spelled as in the plan, stray spaces from the PDF copy, the row whose
    output held the office and whose outcome held the monitoring text, outcomes that repeated
    the monitoring text, "เช่น เช่น", and the preface dated after the memo.
    """
    data = example_data()
    s = data["settings"]
    s["preface_date"] = dt.date(2022, 3, 1)
    s["preface"] = s["preface"].replace("สำนักงานเทศบาล ตำบลเมืองหงส์", "สำนักงานเทศบาลตำบลเมืองหงส์")
    plan = data["Plan"]
    plan[1]["steps"] = (
        "๑. ผู้รับผิดชอบ ดำเนินการจัดทำมาตรการตรวจสอบการใช้ดุลพินิจ\n"
        "๒. ผู้บริหาร ประกาศหลักเกณฑ์ หรือมาตรการ เพื่อให้ เจ้าหน้าที่ และ บุคคลภายนอก รับทราบ\n"
        "๓. ผู้รับผิดชอบ ดำเนินการเผยแพร่มาตรการตรวจสอบการใช้ดุลพินิจ บนเว็บไซต์หลักของหน่วยงาน")
    plan[1]["monitoring"] = "รายงานผลการดำเนินงานตามมาตรการ\n- รอบ ๖ เดือน\n- รอบ ๑๒ เดือน"
    plan[2]["steps"] = plan[2]["steps"].replace("หลากหลายเช่น เช่น", "หลากหลาย เช่น")
    results = data["Results"]
    results[0]["output"] = "คู่มือการดำเนินงานของหน่วยงานและคำสั่งมอบหมายหน้าที่"
    results[0]["outcome"] = "เจ้าหน้าที่เข้าใจและปฏิบัติงานตามคู่มือได้ถูกต้อง"
    results[2]["measure"] = plan[2]["measure"]
    results[2]["details"] = (
        "- จัดทำมาตรการเผยแพร่ข้อมูลต่อสาธารณะ (เผยแพร่ข้อมูลสู่สาธารณชนบนเว็บไซต์หลักของหน่วยงาน "
        "เมื่อวันที่ ๑ กุมภาพันธ์ ๒๕๖๕)\n- เผยแพร่ข้อมูลที่ถูกต้อง รวดเร็ว ทันต่อสถานการณ์ต่อสาธารณะ")
    results[2]["output"] = plan[2]["measure"]
    results[2]["outcome"] = "ประชาชนเข้าถึงข้อมูลข่าวสารของหน่วยงานได้สะดวกและรวดเร็ว"
    results[3]["measure"] = plan[3]["measure"]
    results[3]["details"] = ("มีประกาศเจตจำนงการบริหารงานด้วยความซื่อสัตย์สุจริตอย่างมีคุณธรรมและ"
                             "โปร่งใส ของผู้บริหารเทศบาลตำบลเมืองหงส์")
    results[3]["output"] = plan[3]["measure"]
    results[3]["outcome"] = "ผู้บริหารแสดงเจตจำนงต่อสาธารณะ และบุคลากรรับทราบแนวทางการบริหารงาน"
    return data


def headers_of(table: str) -> dict[str, str]:
    """field -> header text of a table in a fresh tracker."""
    return {c.field: c.header for c in layout.TABLES_BY_NAME[table].columns}


def table_rows(data: dict[str, Any], table: str) -> list[dict[str, Any]]:
    """The rows of ``table`` in ``data`` keyed by header text (for ``wbedit.set_rows``)."""
    heads = headers_of(table)
    return [{heads[k]: _cell(v) for k, v in row.items()} for row in data.get(table, [])]


def write_data(wb, data: dict[str, Any]) -> None:
    """Write every setting and table of ``data`` into an open tracker ``wb``."""
    for spec in layout.SETTINGS:
        set_name(wb, spec.name, _cell(data.get("settings", {}).get(spec.field)))
    for spec in layout.TABLES:
        set_rows(wb, spec.name, table_rows(data, spec.name))


def save_copy(src: Path, dst: Path, edit=None) -> Path:
    """Open ``src``, apply ``edit(wb)`` and save as ``dst`` (keeping VBA for .xlsm)."""
    wb = open_copy(src)
    if edit is not None:
        edit(wb)
    wb.save(dst)
    return dst


def _cell(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


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


def write_second_agency(path: Path) -> None:
    wb = open_copy(path)
    for name, value in SECOND.items():
        set_name(wb, name, value)
    set_rows(wb, "Chain", SECOND_CHAIN)
    set_rows(wb, "Plan", SECOND_PLAN)
    set_rows(wb, "Results", SECOND_RESULTS)
    ws, table = next((ws, ws.tables["Indicators"]) for ws in wb.worksheets if "Indicators" in ws.tables)
    from openpyxl.utils import range_boundaries

    from .wbedit import headers

    cols = headers(ws, table)
    _, top, _, bottom = range_boundaries(table.ref)
    for r in range(top + 1, bottom + 1):
        name = ws.cell(row=r, column=cols["ตัวชี้วัด"]).value
        ws.cell(row=r, column=cols["ไม่ผ่านเกณฑ์"]).value = "ใช่" if name in SECOND_SHORT else "ไม่ใช่"
        ws.cell(row=r, column=cols["ระดับที่ต้องพัฒนา"]).value = SECOND_SHORT.get(name)
    wb.save(path)


def example_data_in_year(year: int, tool_scores: tuple[float, ...] = (96.0, 95.5, 97.0),
                         overall: float | None = 96.2, rating: str | None = "ผ่านดีเยี่ยม",
                         fw=None) -> dict[str, Any]:
    """The corrected example moved to fiscal ``year`` as a clerk of that year would type it:
    its dates and the year in the subject moved on, and for a year whose result rates tools
    the indicator table holds the tools (``tool_scores``, each marked as its score says
    against 85), no levels, and the overall score and rating typed.  ``fw``: the framework of
    that year (default: the shipped data's)."""
    from ita_xl import framework
    from ita_xl.carryover import shift_fiscal_year

    data = corrected_example_data()
    shift = year - data["settings"]["fiscal_year"]
    s = data["settings"]

    def moved(value):
        if isinstance(value, dt.date):
            return value.replace(year=value.year + shift)
        return value

    for name in ("memo_date", "preface_date"):
        s[name] = moved(s[name])
    s["subject"] = shift_fiscal_year(s["subject"], s["fiscal_year"], year)
    s["continuation"] = shift_fiscal_year(s["continuation"], s["fiscal_year"] - 1, year - 1)
    s["fiscal_year"] = year
    for row in data["Results"]:
        row["start"], row["end"] = moved(row.get("start")), moved(row.get("end"))
    fw = fw if fw is not None else framework.load(year)  # or a framework file's
    if fw is not None and fw.unit == "เครื่องมือ":
        data["Indicators"] = [
            {"number": i, "name": t.name, "group": t.group, "score": score,
             "short": "ใช่" if score < 85 else "ไม่ใช่"}
            for i, (t, score) in enumerate(zip(fw.tools, tool_scores), start=1)]
        data["Levels"] = []
        s["overall_score"], s["overall_grade"] = overall, rating
    return data
