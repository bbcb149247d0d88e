"""Read a batch's summary.csv as a script would: headings are "ไทย / English", status words
"สำเร็จ / ok"; rows come back keyed by the English half of each heading (spaces as ``_``) with
the English half of each status, so tests can say ``row["status"] == "ok"``."""
from __future__ import annotations

import csv
from pathlib import Path


def english(text: str) -> str:
    """The part after " / " (the whole text if there is none)."""
    return text.rsplit(" / ", 1)[-1]


def summary_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_text(encoding="utf-8-sig")
    head, *rows = list(csv.reader(raw.splitlines()))
    keys = [english(h).replace(" ", "_") for h in head]
    out = []
    for row in rows:
        d = dict(zip(keys, row))
        d["status"] = english(d["status"])
        out.append(d)
    return out
