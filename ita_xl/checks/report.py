"""Findings as a clerk reads them (Thai first, English after, grouped by sheet) or as JSON."""
from __future__ import annotations

import json
from collections.abc import Iterable

from .engine import ERROR, SEVERITY_TH, Finding


def counts(findings: Iterable[Finding]) -> tuple[int, int]:
    items = list(findings)
    n_err = sum(1 for f in items if f.severity == ERROR)
    return n_err, len(items) - n_err


def summary(findings: Iterable[Finding], name: str = "") -> str:
    n_err, n_warn = counts(findings)
    label = f" {name}" if name else ""
    if not n_err and not n_warn:
        return f"ตรวจสอบ{label}: ไม่พบปัญหา\nChecked{label}: no problems found"
    return (f"ตรวจสอบ{label}: ข้อผิดพลาด {n_err} รายการ คำเตือน {n_warn} รายการ\n"
            f"Checked{label}: {n_err} error(s), {n_warn} warning(s)")


def format_text(findings: Iterable[Finding], name: str = "", *, fixes: bool = True) -> str:
    """The Thai report: a summary, then one block per sheet, one entry per finding."""
    items = list(findings)
    lines = [summary(items, name)]
    sheet = object()
    for f in items:
        if f.sheet != sheet:
            sheet = f.sheet
            lines.append("")
            lines.append(f"แผ่นงาน {f.sheet} / sheet {f.sheet}" if f.sheet else
                         "ไม่ระบุตำแหน่ง / no cell")
        where = f.where or "-"
        lines.append(f"  {where}  {SEVERITY_TH[f.severity]} / {f.severity}  {f.code} {f.name}")
        lines.append(f"      {f.message_th}")
        lines.append(f"      {f.message_en}")
        if fixes and (f.fix_th or f.fix_en):
            lines.append(f"      วิธีแก้: {f.fix_th}")
            lines.append(f"      Fix: {f.fix_en}")
    return "\n".join(lines)


def format_json(findings: Iterable[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2)
