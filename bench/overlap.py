#!/usr/bin/env python
"""``ita-xl batch --pdf``: the PDF phase overlapping the document phase vs the phases one after
the other (issue 22 point 4), as ratios from alternating rounds on the same machine.

    python bench/overlap.py                       # 30 agencies, 4 rounds, --jobs = cores
    python bench/overlap.py --agencies 40 --rounds 6 --jobs 2

Both sides run the same command, ``python -m ita_xl batch BOOKS -o DEST --jobs J --pdf``, on
synthetic agencies (``bench.make_workbooks``); the other side sets ``ITA_XL_BATCH_OVERLAP=0``
(``ita_xl.batch.schedule.OVERLAP_ENV``, there only for this comparison), which runs the phases
in order as before the overlap.  Each round rotates which side goes first; one unmeasured
warm-up run of each writes the bytecode, the template cache and LibreOffice's kept profiles.
Printed: wall and CPU (user + system of the command and every process it waited for, workers
and LibreOffice included) per side, the median ratio overlap / in order with its min–max, the
phases of each side's last run (``stage_seconds``: with the overlap, ``documents`` and
``pdf`` overlap), and the load average before and after.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
from pathlib import Path

import speed
from speed import HERE, Side, environment, fresh, interpreter, ratio, rounds, say

OFF = "ITA_XL_BATCH_OVERLAP"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--agencies", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()

    from bench import make_workbooks

    py = interpreter()
    work = Path(tempfile.mkdtemp(prefix="ita-xl-overlap-"))
    speed.NEUTRAL = work
    load0 = os.getloadavg()
    try:
        books = work / "books"
        say(f"making {args.agencies} synthetic agencies …")
        make_workbooks(books, args.agencies, 5)
        env = environment(HERE.parent, work, "ours")
        sides = []
        for label, extra in (("overlap", {}), ("in order", {OFF: "0"})):
            dest = work / label.replace(" ", "-")
            side = Side(label, [py, "-m", "ita_xl", "batch", str(books), "-o", str(dest),
                                "--jobs", str(args.jobs), "--pdf"], {**env, **extra},
                        before=fresh(dest))
            side.dest = dest
            sides.append(side)
        say(f"{args.rounds} rounds of {len(sides)} …")
        rounds(sides, args.rounds)
        phases = {s.label: _phases(s.dest) for s in sides}
        documents = {s.label: _pdfs(s.dest) for s in sides}
    finally:
        load1 = os.getloadavg()
        shutil.rmtree(work, ignore_errors=True)
    overlap, in_order = sides
    wall, cpu = ratio(overlap.walls, in_order.walls), ratio(overlap.cpus, in_order.cpus)
    lines = [f"`batch --pdf --jobs {args.jobs}` of {args.agencies} synthetic agencies "
             f"({documents['overlap']} PDFs), {args.rounds} alternating rounds; load average "
             f"{load0[0]:.2f} before, {load1[0]:.2f} after ({os.cpu_count()} cores)", "",
             "| side | wall median (s) | CPU median (s) | phases of the last run (summary) |",
             "|---|---|---|---|"]
    for s in sides:
        lines.append(f"| {s.label} | {statistics.median(s.walls):.2f} | "
                     f"{statistics.median(s.cpus):.2f} | {phases[s.label]} |")
    lines += ["", f"overlap / in order: wall {_r(wall)}, CPU {_r(cpu)}"]
    print("\n".join(lines))


def _r(r: dict) -> str:
    return f"{r['median']:.3f}× (min {r['min']:.3f}, max {r['max']:.3f}, n={r['n']})"


def _pdfs(dest: Path) -> int:
    data = json.loads((dest / "summary.json").read_text(encoding="utf-8"))
    return sum(1 for a in data["agencies"] for d in a["documents"] if d.endswith(".pdf"))


def _phases(dest: Path) -> str:
    data = json.loads((dest / "summary.json").read_text(encoding="utf-8"))
    return ", ".join(f"{k} {v:.2f}s" for k, v in data["stage_seconds"].items())


if __name__ == "__main__":
    main()
