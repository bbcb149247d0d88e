"""Pictures of every page, for a reviewer: the bundled example and three other agencies.

    python3 tests/support/page_pictures.py OUTDIR [--dpi 70]

builds each agency's tracker through the workbook builder, generates its memo and report with
PDFs (LibreOffice, as ``ita-xl generate --pdf``) and writes ``OUTDIR/<agency>/<document>-<page>.png``
with ``pdftoppm``, then prints one line per PDF (pages, pictures).  The agencies differ in type,
round, fiscal year, digits and what they typed:

* ``example``: the bundled example (เทศบาลตำบล, FY 2565, รอบ ๖ เดือน, Thai digits, no scores);
* ``pao-2568``: an องค์การบริหารส่วนจังหวัด, FY 2568, รอบ ๑๒ เดือน, Arabic digits, the three
  tools' scores, an overall rating, improvement points, both rounds' results and a budget;
* ``sao-2566``: an องค์การบริหารส่วนตำบล, FY 2566, รอบ ๖ เดือน, Thai digits, the ten indicators'
  scores with two short ones at two levels, a long reference number;
* ``bkk-2567``: a Bangkok district office, FY 2567, รอบ ๑๒ เดือน, Thai digits, no scores, the
  agency's own report title and headings.

``tests/test_report_content.py`` runs it on every agency and checks a picture per PDF page.
"""
from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script: this checkout's ita_xl
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from ita_xl import framework  # noqa: E402
from ita_xl.pipeline import generate  # noqa: E402
from ita_xl.resources import example_data  # noqa: E402
from ita_xl.xlsm.tracker import tracker_bytes  # noqa: E402
from ita_xl.xlsm.workbook import load_data  # noqa: E402


def _units(year: int, scores: list[float] | None, short: set[int],
           levels: dict[int, int] | None = None) -> list[dict]:
    rows = []
    for i, u in enumerate(framework.load(year).units):
        row = {"number": u.number, "name": u.name, "group": u.group,
               "short": "ใช่" if i in short else "ไม่ใช่"}
        if scores:
            row["score"] = scores[i]
        if levels and i in levels:
            row["level"] = levels[i]
        rows.append(row)
    return rows


def _common(year: int, agency: str, kind: str, office: str, head: str, *, thai: bool,
            round_label: str, memo: dt.date, ref: str, district: str | None,
            province: str | None) -> dict:
    return {
        "agency": agency, "agency_type": kind, "office": office, "district": district,
        "province": province, "fiscal_year": year, "round": round_label,
        "digits": "เลขไทย" if thai else "เลขอารบิก", "memo_ref": ref, "memo_date": memo,
        "subject": f"รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสในการดำเนินงาน"
                   f"ของหน่วยงานภาครัฐ (ITA) {agency}",
        "addressee": head,
        "preface": f"{agency} ได้จัดทำรายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
                   f"ภายในหน่วยงาน เพื่อเผยแพร่ต่อสาธารณะและใช้ปรับปรุงการดำเนินงานในปีถัดไป",
        "preface_signer": office, "preface_date": memo.replace(day=1), "pass_mark": 85,
        "writer_name": "นางสาวมะลิ ดอกหอม", "writer_position": "นักจัดการงานทั่วไปชำนาญการ",
        "preparer_name": "นายสมชาย ใจดี", "preparer_position": "หัวหน้าฝ่ายบริหารงานทั่วไป",
    }


PLAN = [
    {"measure": "มาตรการส่งเสริมการเปิดเผยข้อมูลต่อสาธารณะ",
     "guideline": "เผยแพร่ข้อมูลพื้นฐานและข้อมูลการจัดซื้อจัดจ้างบนเว็บไซต์หลักของหน่วยงาน",
     "steps": "๑. รวบรวมข้อมูลจากทุกกอง\n๒. ตรวจสอบความถูกต้อง\n๓. เผยแพร่บนเว็บไซต์",
     "owner": "สำนักปลัด", "monitoring": "รายงานผลต่อผู้บริหารทุกไตรมาส"},
    {"measure": "มาตรการป้องกันการรับสินบน",
     "guideline": "ประกาศเจตนารมณ์ไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่",
     "steps": "ผู้บริหารลงนามประกาศและแจ้งเวียนบุคลากรทุกคน", "owner": "กองคลัง",
     "monitoring": "ติดตามผลทุกหกเดือน"},
]


def _results(year: int, both_rounds: bool) -> list[dict]:
    ce = year - 543
    rows = [
        {"measure": PLAN[0]["measure"], "details": "ปรับปรุงหน้าข้อมูลสาธารณะให้เป็นปัจจุบัน",
         "start": dt.date(ce - 1, 11, 1), "end": dt.date(ce, 3, 1),
         "output": "หน้าเว็บไซต์ที่เป็นปัจจุบัน", "outcome": "ประชาชนเข้าถึงข้อมูลได้สะดวก"},
        {"measure": PLAN[1]["measure"], "details": "ประกาศนโยบาย No Gift Policy",
         "start": dt.date(ce, 2, 1), "output": "ประกาศของผู้บริหาร",
         "outcome": "บุคลากรรับทราบแนวทาง"},
    ]
    if both_rounds:
        rows[0]["round"] = rows[1]["round"] = "รอบ ๖ เดือน"
        rows.append({"measure": PLAN[1]["measure"], "details": "อบรมเรื่องผลประโยชน์ทับซ้อน",
                     "start": "ตลอดปีงบประมาณ", "output": "บุคลากรผ่านการอบรม ๔๐ คน",
                     "outcome": "ไม่มีเรื่องร้องเรียน", "round": "รอบ ๑๒ เดือน",
                     "budget": 15000})
    return rows


def agencies() -> dict[str, dict]:
    """name -> tracker data of each agency pictured."""
    pao = {"settings": _common(
        2568, "องค์การบริหารส่วนจังหวัดนครสวรรค์", "องค์การบริหารส่วนจังหวัด",
        "สำนักปลัดองค์การบริหารส่วนจังหวัด", "นายกองค์การบริหารส่วนจังหวัดนครสวรรค์",
        thai=False, round_label="รอบ ๑๒ เดือน", memo=dt.date(2025, 10, 6),
        ref="นว ๕๑๐๐๑/ว ๒๓๔๕", district=None, province="นครสวรรค์")}
    pao["settings"].update(overall_score=94.64, overall_grade="ผ่าน")
    pao["Indicators"] = _units(2568, [91.2, 80.75, 99.1], {1})
    pao["Improvements"] = [{"tool": "EIT", "point": "เพิ่มช่องทางรับฟังความคิดเห็นออนไลน์"}]
    # An agency writing Arabic digits types its steps with them too.
    pao["Plan"] = [dict(PLAN[0], budget="ไม่ใช้งบประมาณ",
                        steps="1. รวบรวมข้อมูลจากทุกกอง\n2. ตรวจสอบความถูกต้อง\n3. เผยแพร่บนเว็บไซต์"),
                   dict(PLAN[1], budget=25000.5)]
    pao["Results"] = _results(2568, True)

    sao = {"settings": _common(
        2566, "องค์การบริหารส่วนตำบลหนองบัว", "องค์การบริหารส่วนตำบล",
        "สำนักปลัด องค์การบริหารส่วนตำบลหนองบัว", "นายกองค์การบริหารส่วนตำบลหนองบัว",
        thai=True, round_label="รอบ ๖ เดือน", memo=dt.date(2023, 3, 31),
        ref="รอ ๗๓๖๐๑.๐๐๑.๒/ว ๑๒๓๔๕", district="เมืองร้อยเอ็ด", province="ร้อยเอ็ด")}
    scores = [92.5, 78.4, 90.0, 88.25, 91.0, 84.0, 89.5, 86.0, 93.0, 95.5]
    sao["Indicators"] = _units(2566, scores, {1, 5}, {1: 1, 5: 2})
    sao["Levels"] = [{"level": 1, "description": "ระดับที่ต้องแก้ไขโดยเร่งด่วน"},
                     {"level": 2, "description": "ระดับที่ต้องพัฒนาให้ดีขึ้น"}]
    sao["Plan"] = PLAN
    sao["Results"] = _results(2566, False)

    bkk = {"settings": _common(
        2567, "สำนักงานเขตบางรัก", "กรุงเทพมหานคร", "ฝ่ายปกครอง สำนักงานเขตบางรัก",
        "ผู้อำนวยการเขตบางรัก", thai=True, round_label="รอบ ๑๒ เดือน",
        memo=dt.date(2024, 10, 7), ref="กท ๕๖๐๑/๑๒๓๔", district="บางรัก", province=None)}
    bkk["settings"].update(report_title="รายงานการขับเคลื่อนมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
                           heading_analysis="ส่วนที่ ๑ การวิเคราะห์และมาตรการ",
                           heading_results="ส่วนที่ ๒ ผลการดำเนินการ")
    bkk["Indicators"] = _units(2567, None, set())
    bkk["Plan"] = PLAN
    bkk["Results"] = _results(2567, True)
    for data in (pao, sao, bkk):
        head = data["settings"]["addressee"]
        data["Chain"] = [{"label": f"ทราบ/ความเห็นของ{head}", "name": "นายบุญมี มีสุข",
                          "position": head}]
    return {"example": load_data(example_data()), "pao-2568": pao, "sao-2566": sao,
            "bkk-2567": bkk}


def pictures(outdir: Path, names: list[str] | None = None, dpi: int = 70
             ) -> dict[str, dict[Path, list[Path]]]:
    """Write every page of every agency's PDFs as PNG; {agency: {pdf: [png, …]}}."""
    done: dict[str, dict[Path, list[Path]]] = {}
    for name, data in agencies().items():
        if names and name not in names:
            continue
        folder = outdir / name
        folder.mkdir(parents=True, exist_ok=True)
        tracker = folder / "tracker.xlsm"
        tracker.write_bytes(tracker_bytes(data))
        # --force: the bundled example keeps the seed's own mistakes on purpose.
        result = generate(tracker, folder, pdf=True, force=True)
        done[name] = {}
        for docx in result.paths:
            pdf = docx.with_suffix(".pdf")
            prefix = folder / docx.stem.rsplit("_", 1)[1]
            for old in folder.glob(f"{prefix.name}-*.png"):
                old.unlink()
            subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)],
                           check=True)
            done[name][pdf] = sorted(folder.glob(f"{prefix.name}-*.png"))
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--dpi", type=int, default=70)
    parser.add_argument("--only", action="append", help="an agency's name (repeatable)")
    args = parser.parse_args(argv)
    done = pictures(args.outdir, args.only, args.dpi)
    print(f"{'agency':<10} {'document':<28} pictures")
    for name, pdfs in done.items():
        for pdf, pngs in pdfs.items():
            print(f"{name:<10} {pdf.name:<28} {len(pngs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
