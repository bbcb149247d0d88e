#!/usr/bin/env python
"""How long `check` takes next to `generate`, on the bundled workbook (and a large synthetic one).

    python bench/check_vs_generate.py [--repeat 20]

In one process, after one warm-up run, the median CPU time (``time.process_time``: steadier than
wall time on a shared machine) of REPEAT runs of each stage:

* read       ``read_tracker`` (openpyxl, data only)
* rules      ``run_checks`` on the tracker read (incl. the sheet-XML formula scan), with the
             text caches of the checks cleared before each run
* check      read + rules: what ``ita-xl check`` does
* render     ``render_documents``: context and both docxtpl templates, in memory
* generate   ``generate``: read + rules + render + write both .docx files

Then whole processes, cold (median of 3, wall and CPU time of the child):
``ita-xl check`` against ``ita-xl generate``.
The synthetic workbook repeats the example's plan and results to 200 rows each.
"""
from __future__ import annotations

import argparse
import copy
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ita_xl import resources
from ita_xl.xlsm.tracker import tracker_bytes
from ita_xl.xlsm.workbook import load_data
from ita_xl.checks import run_checks
from ita_xl.pipeline import check
from ita_xl.pipeline import generate
from ita_xl.pipeline import render_documents
from ita_xl.reader import read_tracker


def median_ms(func, repeat: int) -> float:
    func()  # warm-up
    times = []
    for _ in range(repeat):
        t = time.process_time()
        func()
        times.append((time.process_time() - t) * 1000)
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


def clear_caches() -> None:
    """Forget the text caches of the checks, so each run pays for its own text work."""
    from ita_xl.checks.rules._util import _key
    from ita_xl.checks.thaitext import _split_word, compact

    for cached in (_key, _split_word, compact):
        cached.cache_clear()


def stages(workbook: Path, repeat: int, out: Path) -> dict[str, float]:
    tracker = read_tracker(workbook)
    return {
        "read": median_ms(lambda: read_tracker(workbook), repeat),
        "rules": median_ms(lambda: (clear_caches(), run_checks(tracker)), repeat),
        "check": median_ms(lambda: (clear_caches(), check(workbook)), repeat),
        "render": median_ms(lambda: render_documents(tracker), repeat),
        "generate": median_ms(lambda: (clear_caches(), generate(workbook, out, force=True)),
                              repeat),
    }


def cold(args: list[str], runs: int = 3) -> tuple[float, float]:
    """Median (wall ms, CPU ms) of ``python -m ita_xl.cli ARGS`` as a fresh process."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ita_xl.cli", *args], capture_output=True,
                       check=False)
        walls.append((time.perf_counter() - t) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
    return statistics.median(walls), statistics.median(cpus)


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
        print(f"(CPU milliseconds, median of {args.repeat} warm runs in one process)")
        wb = str(resources.example_workbook())
        c_wall, c_cpu = cold(["check", wb])
        g_wall, g_cpu = cold(["generate", wb, "-o", str(tmp / "cold")])
        print("\nwhole process, cold, bundled example (median of 3):")
        print(f"  ita-xl check     wall {c_wall:6.0f} ms   CPU {c_cpu:6.0f} ms")
        print(f"  ita-xl generate  wall {g_wall:6.0f} ms   CPU {g_cpu:6.0f} ms")
        print(f"  ratio            wall {c_wall / g_wall:6.2f}      CPU {c_cpu / g_cpu:6.2f}")


if __name__ == "__main__":
    main()
