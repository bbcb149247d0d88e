"""The summary of a batch: ``summary.csv`` (UTF-8 with BOM, so Excel shows Thai) and
``summary.json`` with each agency's fiscal year, round, rating, the codes of its errors and
warnings, its findings file and status; and the same as a table for the terminal."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from ..output import write_atomic
from .records import SUMMARY_CSV, SUMMARY_JSON, UNFINISHED, BatchResult

SUMMARY_FIELDS = ("agency", "workbook", "folder", "fiscal_year", "round", "rating", "errors",
                  "warnings", "error_codes", "warning_codes", "findings", "documents", "removed",
                  "status", "message")


def _rows(batch: BatchResult) -> list[dict[str, Any]]:
    rows = []
    for r in batch.agencies:
        d = r.as_dict(batch.outdir)
        d["documents"] = len(r.documents)
        d["removed"] = len(r.removed)
        rows.append({k: d[k] for k in SUMMARY_FIELDS})
    return rows


def write_summary(batch: BatchResult) -> tuple[Path, Path]:
    """``summary.csv`` (UTF-8 with BOM for Excel) and ``summary.json`` in the output folder."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=SUMMARY_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in _rows(batch):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    csv_path = write_atomic(batch.outdir / SUMMARY_CSV, buf.getvalue().encode("utf-8-sig")).path
    data = {
        "outdir": str(batch.outdir),
        "pdf": batch.pdf,
        "check_only": batch.check_only,
        "interrupted": batch.interrupted,
        "jobs": batch.jobs,
        "seconds": round(batch.seconds, 3),
        "workbooks": len(batch.agencies),
        "ok": len(batch.agencies) - len(batch.failed),
        "failed": len(batch.failed),
        "unfinished": sum(1 for r in batch.agencies if r.status == UNFINISHED),
        "documents": batch.documents,
        "stage_seconds": {k: round(v, 3) for k, v in batch.stage_seconds.items()},
        "peak_rss_kb": {"worker": batch.peak_rss_worker_kb, "soffice": batch.peak_rss_soffice_kb},
        "agencies": [r.as_dict(batch.outdir) for r in batch.agencies],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    json_path = write_atomic(batch.outdir / SUMMARY_JSON, text.encode("utf-8")).path
    return csv_path, json_path


def summary_table(batch: BatchResult, *, max_width: int = 160) -> str:
    """The summary as a text table for the terminal (display widths; long cells shortened)."""
    from ..console import table

    def num(value: int | None) -> str:
        return "-" if value is None else str(value)

    head = ("หน่วยงาน/agency", "workbook", "ปี/FY", "รอบ/round", "err", "warn", "codes",
            "docs", "status", "message")
    rows = []
    for r in batch.agencies:
        codes = " ".join(r.error_codes + r.warning_codes)
        rows.append((r.agency or "-", r.workbook.name or str(r.workbook),
                     "" if r.fiscal_year is None else str(r.fiscal_year),
                     "" if r.round is None else str(r.round), num(r.errors), num(r.warnings),
                     codes, str(len(r.documents)), r.status,
                     r.message.splitlines()[0] if r.message else ""))
    caps = (36, 24, 5, 12, 4, 4, 30, 4, 12, 50)
    lines = table(head, rows, caps, max_width)
    ok = len(batch.agencies) - len(batch.failed)
    n = len(batch.agencies)
    lines.append("")
    if batch.check_only:
        lines.append(f"ตรวจแล้ว {n} สมุดงาน ผ่าน (ไม่มีข้อผิดพลาด) {ok} / {n} workbooks checked, "
                     f"{ok} without errors")
    else:
        lines.append(f"สำเร็จ {ok} จาก {n} สมุดงาน, เอกสาร {batch.documents} ไฟล์, "
                     f"{batch.seconds:.1f} วินาที / {ok} of {n} workbooks ok, "
                     f"{batch.documents} documents, {batch.seconds:.1f} s")
    return "\n".join(lines)
