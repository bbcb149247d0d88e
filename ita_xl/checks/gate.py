"""The checks as the gate in front of ``generate``: refuse on errors, report the clean-up."""
from __future__ import annotations

from ..errors import ChecksFailed
from ..model import Tracker
from .codes import CONTROL
from .engine import Finding, errors, sort_findings


def checks_failed(findings: list[Finding], name: str = "") -> ChecksFailed:
    """The ``ChecksFailed`` error for ``findings`` (with them attached as ``.findings``)."""
    bad = errors(findings)
    first = ", ".join(f.where for f in bad[:5] if f.where)
    more = " …" if len(bad) > 5 else ""
    exc = ChecksFailed(
        f"พบข้อผิดพลาด {len(bad)} รายการในสมุดงาน จึงยังไม่สร้างเอกสาร ({first}{more})",
        f"The checks found {len(bad)} error(s) in the workbook, so no document was written "
        f"({first}{more}).",
        where=name or None,
        hint_th="แก้ไขตามรายการข้างต้นแล้วสร้างใหม่ หรือใช้ --force เพื่อสร้างเอกสารทั้งที่มีข้อผิดพลาด",
        hint_en="Fix the cells listed above and run again, or use --force to generate anyway.")
    exc.findings = list(findings)
    return exc


def cleaned_findings(findings: list[Finding], cleaned, tracker: Tracker) -> list[Finding]:
    """``findings`` plus an ITA601 warning for every cell the text clean-up changed.

    The ITA601 rule already reports control characters in every cell it reads; this adds the
    ones only rendering saw (e.g. in a value formatted from a date cell), each cell once.
    """
    seen = {(f.code, f.sheet, f.cell) for f in findings}
    extra: list[Finding] = []
    for loc, path, chars in cleaned.located(tracker):
        key = (CONTROL.code, loc.sheet if loc else None, loc.cell if loc else path)
        if key in seen:
            continue
        seen.add(key)
        label = loc.column if loc is not None and loc.column else path
        extra.append(Finding(
            code=CONTROL.code, name=CONTROL.name, severity=CONTROL.severity,
            sheet=loc.sheet if loc else None, cell=loc.cell if loc else None,
            table=loc.table if loc else None, column=loc.column if loc else None,
            message_th=f"ช่อง “{label}” มีอักขระควบคุมที่มองไม่เห็น ({chars}) "
                       "ซึ่งถูกลบออกจากเอกสาร",
            message_en=f"“{label}” holds invisible control characters ({chars}); "
                       "they were removed from the documents.",
            fix_th="พิมพ์ข้อความใหม่หรือวางแบบข้อความล้วน (วางแบบพิเศษ › ข้อความ)",
            fix_en="Retype the text, or paste it as plain text (Paste Special › Text)."))
    if not extra:
        return findings
    return sort_findings(findings + extra, tracker)
