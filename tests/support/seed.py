"""The seed document (shared/seeds/000_…txt) as test expectations.

Expected values are read out of the seed text itself, so a test compares the documents with the
real municipality's memo and report, not with what our own code would print.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent


def seed_path() -> Path:
    """The seed: $ITA_XL_SEED, ../shared/seeds beside the repository, or the vendored copy."""
    env = os.environ.get("ITA_XL_SEED")
    candidates = [Path(env)] if env else []
    candidates += [HERE.parents[2] / "shared" / "seeds" / "000_26fb0620c0c8af81.txt",
                   HERE.parent / "data" / "seed_000_26fb0620c0c8af81.txt"]
    for path in candidates:
        if path.exists():
            return path
    raise FileNotFoundError("seed document not found")


def seed_text() -> str:
    return seed_path().read_text(encoding="utf-8")


def _cells(line: str) -> list[str]:
    cells = line.strip().strip("|").split("|")
    return [re.sub(r"</?p>", " ", c).strip() for c in cells]


def seed_tables() -> tuple[list[list[str]], list[list[str]]]:
    """(plan rows, results rows) from the seed's markdown tables, header rows dropped."""
    plan, results = [], []
    for line in seed_text().splitlines():
        if not line.startswith("|") or re.match(r"^\|[-| ]+\|$", line):
            continue
        cells = _cells(line)
        if cells[0] == "มาตรการ" or cells[0] == "":
            continue  # header rows
        (plan if len(cells) == 5 else results).append(cells)
    return plan, results


def memo_part() -> str:
    text = seed_text()
    return text[: text.index("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความ\n")]


def report_part() -> str:
    text = seed_text()
    return text[text.index("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความ\n"):]


# Values of the seed's memo, as its text spells them (checked against the seed below).
MEMO_VALUES = [
    "สำนักปลัดเทศบาล", "๕๖๖๐๑/-", "๑ มีนาคม ๒๕๖๕",
    "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงาน"
    "ภาครัฐ (ITA) เทศบาลตำบลเมืองหงส์ ประจำปีงบประมาณ พ.ศ.๒๕๖๕",
    "เรียน นายกเทศมนตรีตำบลเมืองหงส์",
    "จำนวน ๔ ตัวชี้วัด จากทั้งหมด ๑๐ ตัวชี้วัด", "พ.ศ.๒๕๖๔",
    "(นายอรชุน ชินหงส์)", "นักวิชาการคอมพิวเตอร์ ชำนาญการ",
    "ทราบ/ความเห็นของหัวหน้าฝ่ายอำนวยการ", "(นายสุระสิทธิ์ หงส์จุมพล)", "หัวหน้าฝ่ายอำนวยการ",
    "ทราบ/ความเห็นของหัวหน้าสำนักปลัดเทศบาล", "(นางกาญจนา คุณพิภาค)", "หัวหน้าสำนักปลัดเทศบาล",
    "ทราบ/ความเห็นของรองปลัดเทศบาลตำบลเมืองหงส์", "จ.อ.", "(อภิชาติ ไชยสีดา)",
    "รองปลัดเทศบาลตำบลเมืองหงส์",
    "ทราบ/ความเห็นของปลัดเทศบาลตำบลเมืองหงส์", "ว่าที่ร้อยตรี", "(สันติวัฒน์ ศรีสมุทร)",
    "ปลัดเทศบาลตำบลเมืองหงส์",
    "ทราบ/ความเห็นของนายกเทศมนตรีตำบลเมืองหงส์", "(นางศรณี บุญเหลี่ยม)",
    "นายกเทศมนตรีตำบลเมืองหงส์", "ขอแสดงความนับถือ",
]
# Ordered blocks of the endorsement chain: rank (if any) must come right before the name.
CHAIN_ORDER = ["(นายสุระสิทธิ์ หงส์จุมพล)", "(นางกาญจนา คุณพิภาค)", "จ.อ.", "(อภิชาติ ไชยสีดา)",
               "ว่าที่ร้อยตรี", "(สันติวัฒน์ ศรีสมุทร)", "(นางศรณี บุญเหลี่ยม)"]

REPORT_VALUES = [
    "ประจำปีงบประมาณ พ.ศ. ๒๕๖๕", "(ดำเนินการต่อเนื่องจากปีงบประมาณ พ.ศ.๒๕๖๔)",
    "สำนักปลัดเทศบาล", "เทศบาลตำบลเมืองหงส์", "อำเภอจตุรพักตรพิมาน จังหวัดร้อยเอ็ด", "คำนำ",
    "สำนักงานเทศบาลเทศบาลตำบลเมืองหงส์", "เมษายน ๒๕๖๕",
    "โดยแบ่งเป็น ๒ ระดับ ได้แก่ ๑.ระดับที่ต้องแก้ไขและพัฒนาทำความเข้าใจแก่ผู้ปฏิบัติงาน",
    "ตัวชี้วัด การใช้งบประมาณ", "ตัวชี้วัดคุณภาพการดำเนินงาน",
    "๒.ระดับที่ต้องรับดำเนินการและเร่งสร้างความเข้าใจในการดำเนินงานของหน่วยงานของรัฐ",
    "ตัวชี้วัดการเปิดเผยข้อมูล", "ตัวชี้วัดการป้องกันการทุจริต",
    "ระยะที่ 4 (พ.ศ.2565 – 2569)",
    "(นายสุระสิทธิ์ หงส์จุมพล)", "ตำแหน่ง หัวหน้าฝ่ายอำนวยการ", "ผู้จัดทำ",
]
