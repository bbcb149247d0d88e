"""What reading a date typed as text, or a number in a text cell, costs a process.

ita-xl imports pythainlp (Thai month names for ``thai.parse_thai_date``) and xlfmt (Excel number
formats for ``reader.shown_number``) only when a cell needs them, so a tracker without such cells
pays nothing.  This prints, for fresh processes, the time to import the reader and generate
modules (the baseline), and the same plus one text date parsed, plus one number formatted:
medians of alternating runs, with the ratio to the baseline of the same run.

    python bench/text_dates.py [runs]
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BASE = "import ita_xl.pipeline, ita_xl.reader, ita_xl.checks"
CASES = {
    "baseline: import reader, checks, generate": BASE,
    "+ parse one text date (imports pythainlp)":
        BASE + "; from ita_xl.thai import parse_thai_date; parse_thai_date('1 มี.ค. 65')",
    "+ format one number in a text cell (imports xlfmt)":
        BASE + "; from ita_xl.reader import shown_number; shown_number(0.85, '0%')",
}


def once(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT,
                   env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    return time.perf_counter() - start


def in_process(repeat: int = 2000) -> float:
    sys.path.insert(0, str(ROOT))
    from ita_xl.thai import parse_thai_date

    parse_thai_date("1 มี.ค. 65")  # import once
    start = time.perf_counter()
    for _ in range(repeat):
        parse_thai_date("1 มี.ค. 65")
    return (time.perf_counter() - start) / repeat


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for _ in range(runs):  # alternate, so load on the machine hits every case alike
        for name, code in CASES.items():
            times[name].append(once(code))
    base = statistics.median(times[next(iter(CASES))])
    print(f"| process ({runs} alternating runs) | median ms | min ms | × baseline |")
    print("|---|---|---|---|")
    for name, values in times.items():
        med = statistics.median(values)
        print(f"| {name} | {med * 1000:.0f} | {min(values) * 1000:.0f} | {med / base:.2f} |")
    print()
    print(f"parse_thai_date('1 มี.ค. 65') in a warm process: {in_process() * 1e6:.1f} µs per call")


if __name__ == "__main__":
    main()
