"""Issue 19 point 8: importing ita-xl's own memo and report gives back every value the two
documents print, the analysis included (overall score, grade, levels, marks, scores), for four
agency types × both rounds, compared cell by cell with the tracker they were made from; and the
documents made again from the imported tracker are the same."""
from __future__ import annotations

import pytest
from support.documents import docx_text
from test_agencies_years import AGENCIES, Case, tracker_data

from ita_xl import layout
from ita_xl.carryover import tracker_data as data_of
from ita_xl.pipeline import generate
from ita_xl.importer import import_documents, imported_tracker_bytes
from ita_xl.meaning import round_months, yes_no
from ita_xl.reader import read_tracker
from ita_xl.xlsm.tracker import tracker_bytes

TYPES = ("เทศบาลตำบล", "องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "เมืองพัทยา")
CASES = [Case(a, 2568, months, short) for a in AGENCIES if a.type in TYPES
         for months, short in ((6, True), (12, False), (12, True))]


def _data(case: Case) -> dict:
    data = tracker_data(case)
    s = data["settings"]
    if case.short:  # the analysis with levels, the overall score and the rating
        data["Levels"] = [{"level": 1, "description": "ระดับที่ต้องเร่งพัฒนา"}]
        data["Indicators"][1]["level"] = 1
        s["overall_score"], s["overall_grade"] = 90.5, "ผ่าน"
    if case.months == 12 and case.short:  # the agency's own title and headings
        s["report_title"] = "รายงานผลตามมาตรการ ITA ของหน่วยงาน"
        s["heading_scores"] = "ผลคะแนน ITA ปีที่แล้ว"
        s["heading_analysis"] = "บทวิเคราะห์"
        s["heading_results"] = ("ผลการดำเนินงานตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายใน"
                                "หน่วยงาน ของหน่วยงานในรอบปีงบประมาณที่ผ่านมา ทั้งรอบหกเดือนและรอบสิบสองเดือน")
    return data


def _same(name: str, want, got, printed: dict) -> bool:
    """Equal, or printed the same: a blank round setting prints the round (ใช่); the subject
    prints the round after it; a results row without a round prints in the 12-month part."""
    if want == got:
        return True
    if name == "round_print":
        return yes_no(want) is not False and yes_no(got) is not False
    if name == "subject":
        return got == f"{want} {printed['round']}"
    if name == "Results.round":
        return want is None and round_months(got) == 12 and printed["months"] == 12
    if isinstance(want, (int, float)) and isinstance(got, (int, float)):
        return float(want) == float(got)
    return False


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_import_of_our_own_documents_gives_back_every_printed_value(case, tmp_path):
    source = tmp_path / "source.xlsm"
    source.write_bytes(tracker_bytes(_data(case)))
    first = generate(source, tmp_path / "first")
    report = next(p for p in first.paths if p.name.endswith("_report.docx"))
    memo = next(p for p in first.paths if p.name.endswith("_memo.docx"))
    imp = import_documents(report, memo)
    imported = tmp_path / "imported.xlsm"
    imported.write_bytes(imported_tracker_bytes(imp))

    want, got = data_of(read_tracker(source)), data_of(read_tracker(imported))
    printed = {"round": want["settings"]["round"], "months": case.months}
    diffs = [(name, value, got["settings"].get(name)) for name, value in want["settings"].items()
             if not _same(name, value, got["settings"].get(name), printed)]
    for spec in layout.TABLES:
        rows_want, rows_got = want[spec.name], got[spec.name]
        if len(rows_want) != len(rows_got):
            diffs.append((spec.name, len(rows_want), len(rows_got)))
            continue
        for i, (w, g) in enumerate(zip(rows_want, rows_got)):
            diffs += [(f"{spec.name}[{i}].{k}", w[k], g.get(k)) for k in w
                      if not _same(f"{spec.name}.{k}", w[k], g.get(k), printed)]
    assert diffs == []
    # Nothing the documents print is dropped unsaid: what found no place is listed, and the
    # documents made from the imported tracker are the very same.
    second = generate(imported, tmp_path / "second")
    for doc in first.paths:
        again = tmp_path / "second" / doc.name
        assert docx_text(again) == docx_text(doc), doc.name
    assert all(left.reason_th for left in imp.leftovers)
    assert second.paths
