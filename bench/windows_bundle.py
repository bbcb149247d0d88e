"""Size and build time of the Windows bundle (python -m ita_xl.builder windows).

    python bench/windows_bundle.py [--cold]

Builds the bundle from the download cache (``--cold``: an empty cache first, so PyPI downloads
count) and, as the baseline of the same run, the tracker and templates (``python -m
ita_xl.builder``'s work).  Prints a table: wall time, ratio to the baseline, zip size, unpacked
size, file count.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ita_xl.builder import windows  # noqa: E402
from ita_xl.builder.templates import write_templates  # noqa: E402
from ita_xl.xlsm.tracker import example_tracker_bytes  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cold", action="store_true", help="start from an empty download cache")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-winbundle-") as tmp:
        start = time.perf_counter()
        example_tracker_bytes()
        with tempfile.TemporaryDirectory(prefix="bench-templates-") as tdir:
            write_templates(Path(tdir))
        baseline = time.perf_counter() - start
        cache = Path(tmp) / "cache" if args.cold else windows.default_cache()
        start = time.perf_counter()
        target = windows.build(Path(tmp) / "dist", cache)
        took = time.perf_counter() - start
        with zipfile.ZipFile(target) as z:
            infos = z.infolist()
        unpacked = sum(i.file_size for i in infos)
        print("| what | wall s | × baseline | zip MB | unpacked MB | files |")
        print("|---|---:|---:|---:|---:|---:|")
        print(f"| tracker + templates (baseline) | {baseline:.1f} | 1.0 | | | |")
        print(f"| Windows bundle ({'cold' if args.cold else 'warm'} cache) | {took:.1f} | "
              f"{took / baseline:.0f} | {target.stat().st_size / 1e6:.1f} | {unpacked / 1e6:.1f} | "
              f"{len(infos)} |")


if __name__ == "__main__":
    main()
