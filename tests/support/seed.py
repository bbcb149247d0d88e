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
