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
                  "warnings", "acknowledged", "error_codes", "warning_codes", "findings",
                  "documents", "removed", "status", "message")


def _rows(batch: BatchResult) -> list[dict[str, Any]]:
    rows = []
    for r in batch.agencies:
        d = r.as_dict(batch.outdir)
        d["documents"] = len(r.documents)
        d["removed"] = len(r.removed)
        rows.append({k: d[k] for k in SUMMARY_FIELDS})
    return rows


def write_summary(batch: BatchResult) -> tuple[Path, Path]:
    """``summary.csv`` (UTF-8 with BOM for Excel) and ``summary.json`` in the output folder.

    summary.csv is for people: headings "ไทย / English" and status words Thai first
    (``present``); summary.json is for scripts: English keys and status values."""
    from ..present import heading, status_word

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([heading(k) for k in SUMMARY_FIELDS])
    for row in _rows(batch):
        row["status"] = status_word(row["status"])
        writer.writerow(["" if row[k] is None else row[k] for k in SUMMARY_FIELDS])
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
        "documents": batch.document_count,
        "stage_seconds": {k: round(v, 3) for k, v in batch.stage_seconds.items()},
        "peak_rss_kb": {"worker": batch.peak_rss_worker_kb, "soffice": batch.peak_rss_soffice_kb},
        "agencies": [r.as_dict(batch.outdir) for r in batch.agencies],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    json_path = write_atomic(batch.outdir / SUMMARY_JSON, text.encode("utf-8")).path
    return csv_path, json_path


def summary_table(batch: BatchResult, *, max_width: int = 160) -> str:
    """The summary as a text table for the terminal (display widths; long cells shortened);
    the words are ``present``'s."""
    from ..console import table
    from ..present import BATCH_TABLE_HEAD, batch_closing_line, status_word

    def num(value: int | None) -> str:
        return "-" if value is None else str(value)

    rows = []
    for r in batch.agencies:
        codes = " ".join(r.error_codes + r.warning_codes)
        rows.append((r.agency or "-", r.workbook.name or str(r.workbook),
                     "" if r.fiscal_year is None else str(r.fiscal_year),
                     "" if r.round is None else str(r.round), num(r.errors), num(r.warnings),
                     codes, str(len(r.documents)), status_word(r.status),
                     r.message.splitlines()[0] if r.message else ""))
    caps = (30, 24, 5, 12, 4, 5, 20, 6, 28, 50)
    lines = table(BATCH_TABLE_HEAD, rows, caps, max_width)
    lines.append("")
    lines.append(batch_closing_line(batch))
    return "\n".join(lines)
