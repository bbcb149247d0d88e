"""What issue 18's typesetting costs: render and the LibreOffice copy, with and without it.

    python3 bench/typeset_speed.py [ROUNDS]

Rows, each the median of ROUNDS (default 15) in this process, warm (caches filled by a first
round that is not counted):

* render of the bundled example's report and memo with ``typeset`` (column widths, even
  titles) against the same render with ``typeset`` replaced by nothing;
* ``pdfcopy.write_copy`` of the rendered report against a plain file copy (what LibreOffice got
  before).

Ratios are against the baseline of the same run.
"""
from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ita_xl import pdfcopy, resources, typeset  # noqa: E402


def _median(fn, rounds: int) -> float:
    fn()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(rounds: int) -> None:
    from ita_xl.pipeline import generate

    work = Path(tempfile.mkdtemp(prefix="ita-bench-"))
    try:
        paths = generate(resources.example_workbook(), work / "out").paths
        report = next(p for p in paths if p.name.endswith("report.docx"))
        def render_both():
            generate(resources.example_workbook(), work / "again", force=True)

        with_ts = _median(render_both, rounds)
        original = typeset.typeset
        typeset.typeset = lambda document: None
        try:
            without_ts = _median(render_both, rounds)
        finally:
            typeset.typeset = original
        copy = work / "copy.docx"
        prepared = _median(lambda: pdfcopy.write_copy(report, copy, digits_family="X"), rounds)
        plain = _median(lambda: shutil.copyfile(report, copy), rounds)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("| what | baseline ms | with issue 18 ms | ratio |")
    print("|---|---|---|---|")
    print(f"| generate --example (render, no PDF) | {without_ts * 1000:.1f} | "
          f"{with_ts * 1000:.1f} | {with_ts / without_ts:.2f} |")
    print(f"| LibreOffice's input copy of the report | {plain * 1000:.2f} | "
          f"{prepared * 1000:.2f} | {prepared / plain:.1f} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
