"""Findings as a clerk reads them (Thai first, English after, grouped by sheet) or as JSON."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from .engine import ERROR, SEVERITY_TH, Finding


def counts(findings: Iterable[Finding]) -> tuple[int, int]:
    """(errors, warnings) not counting acknowledged warnings."""
    items = [f for f in findings if not f.acknowledged]
    n_err = sum(1 for f in items if f.severity == ERROR)
    return n_err, len(items) - n_err


def summary(findings: Iterable[Finding], name: str = "") -> str:
    items = list(findings)
    n_err, n_warn = counts(items)
    acked = sum(1 for f in items if f.acknowledged)
    label = f" {name}" if name else ""
    tail_th = f" (รับทราบแล้ว {acked} รายการ)" if acked else ""
    tail_en = f" ({acked} acknowledged)" if acked else ""
    if not n_err and not n_warn:
        return (f"ตรวจสอบ{label}: ไม่พบปัญหา{tail_th}\n"
                f"Checked{label}: no problems found{tail_en}")
    return (f"ตรวจสอบ{label}: ข้อผิดพลาด {n_err} รายการ คำเตือน {n_warn} รายการ{tail_th}\n"
            f"Checked{label}: {n_err} error(s), {n_warn} warning(s){tail_en}")


def _plain(severity: str, text: str) -> str:
    return text


def format_text(findings: Iterable[Finding], name: str = "", *, fixes: bool = True,
                style: Callable[[str, str], str] = _plain) -> str:
    """The Thai report: a summary, then one block per sheet, one entry per finding.

    Acknowledged warnings come last, one line each.  ``style(severity, text)`` may colour the
    severity words (the CLI does on a terminal).
    """
    items = list(findings)
    lines = [summary(items, name)]
    sheet = object()
    for f in items:
        if f.acknowledged:
            continue
        if f.sheet != sheet:
            sheet = f.sheet
            lines.append("")
            lines.append(f"แผ่นงาน {f.sheet} / sheet {f.sheet}" if f.sheet else
                         "ไม่ระบุตำแหน่ง / no cell")
        where = f.where or "-"
        level = style(f.severity, f"{SEVERITY_TH[f.severity]} / {f.severity}")
        lines.append(f"  {where}  {level}  {f.code} {f.name}")
        lines.append(f"      {f.message_th}")
        lines.append(f"      {f.message_en}")
        if fixes and (f.fix_th or f.fix_en):
            lines.append(f"      วิธีแก้: {f.fix_th}")
            lines.append(f"      Fix: {f.fix_en}")
    acked = [f for f in items if f.acknowledged]
    if acked:
        lines.append("")
        lines.append("รับทราบแล้ว (ไม่นับ ไม่แสดงเมื่อสร้างเอกสาร) / acknowledged (not counted, "
                     "not repeated by generate)")
        for f in acked:
            lines.append(f"  {f.where or '-'}  {f.code} {f.name}")
    return "\n".join(lines)


def format_json(findings: Iterable[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2)
