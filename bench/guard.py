"""What the LibreOffice guard costs: ``to_pdf`` of the bundled example's two documents with
soffice under its guard process (``procs.start_guarded``) against soffice started directly (the
path a frozen application takes), alternating, in the same run.

    python bench/guard.py [RUNS]
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ita_xl import resources  # noqa: E402
from ita_xl.convert import to_pdf  # noqa: E402
from ita_xl.pipeline import generate  # noqa: E402


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docs = generate(resources.example_workbook(), Path(tmp) / "docs").paths
        to_pdf(docs, Path(tmp) / "warm")  # profile and fonts made once, before timing
        times: dict[str, list[float]] = {"guarded": [], "direct": []}
        for n in range(runs):
            for mode in ("guarded", "direct"):
                if mode == "direct":
                    sys.frozen = True  # start_guarded then starts soffice itself
                try:
                    t = time.perf_counter()
                    to_pdf(docs, Path(tmp) / f"{mode}{n}")
                    times[mode].append(time.perf_counter() - t)
                finally:
                    sys.__dict__.pop("frozen", None)
    print("| soffice started | median s | min s | max s |")
    print("|---|---|---|---|")
    for mode, values in times.items():
        print(f"| {mode} | {statistics.median(values):.3f} | {min(values):.3f} | "
              f"{max(values):.3f} |")
    ratio = statistics.median(times["guarded"]) / statistics.median(times["direct"])
    print(f"\nguarded / direct (medians of {runs}): {ratio:.2f}×")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 7)
