#!/usr/bin/env python
"""How long `check` takes next to `generate`, on the bundled workbook (and a large synthetic one).

    python bench/check_vs_generate.py [--repeat 20]

In one process, after one warm-up run, the median of REPEAT runs of each stage:

* read       ``read_tracker`` (openpyxl, data only)
* rules      ``run_checks`` on the tracker read (incl. the sheet-XML formula scan)
* check      read + rules: what ``ita-xl check`` does
* render     ``render_documents``: context and both docxtpl templates, in memory
* generate   ``generate``: read + rules + render + write both .docx files

Then whole processes, cold (median of 3): ``ita-xl check`` against ``ita-xl generate``.
The synthetic workbook repeats the example's plan and results to 200 rows each.
"""
from __future__ import annotations

import argparse
import copy
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ita_xl import resources
from ita_xl.build.tracker import tracker_bytes
from ita_xl.build.workbook import load_data
from ita_xl.checks import check_workbook, run_checks
from ita_xl.generate import generate, render_documents
from ita_xl.reader import read_tracker


def median_ms(func, repeat: int) -> float:
    func()  # warm-up
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        func()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def synthetic(path: Path, rows: int) -> Path:
    data = copy.deepcopy(load_data(resources.example_data()))
    plan, results = data["Plan"], data["Results"]
    data["Plan"] = []
    data["Results"] = []
    for i in range(rows):
        p = dict(plan[i % len(plan)])
        p["measure"] = f"{p['measure']} ชุดที่ {i + 1}"
        data["Plan"].append(p)
        r = dict(results[i % len(results)])
        r["measure"] = p["measure"]
        data["Results"].append(r)
    path.write_bytes(tracker_bytes(data))
    return path


def stages(workbook: Path, repeat: int, out: Path) -> dict[str, float]:
    tracker = read_tracker(workbook)
    return {
        "read": median_ms(lambda: read_tracker(workbook), repeat),
        "rules": median_ms(lambda: run_checks(tracker), repeat),
        "check": median_ms(lambda: check_workbook(workbook), repeat),
        "render": median_ms(lambda: render_documents(tracker), repeat),
        "generate": median_ms(lambda: generate(workbook, out, force=True), repeat),
    }


def cold(args: list[str], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ita_xl.cli", *args], capture_output=True,
                       check=False)
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        books = {"bundled example (4+4 rows)": resources.example_workbook(),
                 "synthetic (200+200 rows)": synthetic(tmp / "big.xlsm", 200)}
        print(f"{'workbook':<28} {'read':>7} {'rules':>7} {'check':>7} {'render':>7} "
              f"{'generate':>9} {'check/generate':>15}")
        for name, wb in books.items():
            s = stages(wb, args.repeat, tmp / "out")
            print(f"{name:<28} {s['read']:7.1f} {s['rules']:7.1f} {s['check']:7.1f} "
                  f"{s['render']:7.1f} {s['generate']:9.1f} {s['check'] / s['generate']:15.2f}")
        print("(milliseconds, median of", args.repeat, "warm runs in one process)")
        wb = str(resources.example_workbook())
        c = cold(["check", wb])
        g = cold(["generate", wb, "-o", str(tmp / "cold")])
        print(f"\nwhole process, cold, bundled example: ita-xl check {c:.0f} ms, "
              f"ita-xl generate {g:.0f} ms, ratio {c / g:.2f}")


if __name__ == "__main__":
    main()
