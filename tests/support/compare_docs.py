"""Do two checkouts write the same documents?  ``python3 tests/support/compare_docs.py OLD [NEW]``

Runs ``python -m ita_xl generate --force`` with the code of each checkout (``NEW`` defaults to
this one) on the bundled example and on the agency fixtures of ``tests/test_agencies_years.py``
(every agency type × fiscal year × round, built once with this checkout's workbook builder),
and compares the text of each .docx both ways the tests read it (``support.documents.docx_text``
and ``document_text``).  Prints one line per document and exits 1 when any differs — for a
refactoring that must leave the documents unchanged.  ``--example`` compares the example only.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from support.documents import docx_text, document_text  # noqa: E402


def generate(tree: Path, workbook: Path, outdir: Path) -> list[Path]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    outdir.mkdir(parents=True)
    subprocess.run([sys.executable, "-m", "ita_xl", "generate", str(workbook), "-o", str(outdir),
                    "--force"], check=True, capture_output=True, env=env, cwd=outdir.parent)
    return sorted(outdir.glob("*.docx"))


def agency_fixtures(folder: Path) -> list[Path]:
    """The trackers of tests/test_agencies_years.py's cases, written into ``folder``."""
    sys.path.insert(0, str(HERE.parents[1]))  # this checkout's builder and test data
    from test_agencies_years import CASES, tracker_data

    from ita_xl.xlsm.tracker import tracker_bytes

    paths = []
    for case in CASES:
        path = folder / f"{case.id}.xlsm"
        path.write_bytes(tracker_bytes(tracker_data(case)))
        paths.append(path)
    return paths


def main(argv: list[str]) -> int:
    example_only = "--example" in argv
    args = [a for a in argv[1:] if a != "--example"]
    old = Path(args[0]).resolve()
    new = Path(args[1]).resolve() if len(args) > 1 else HERE.parents[1]
    same = True
    with tempfile.TemporaryDirectory(prefix="ita-xl-compare-") as tmp:
        root = Path(tmp)
        workbooks = [new / "workbook" / "ITA_tracker.xlsm"]
        if not example_only:
            (root / "fixtures").mkdir()
            workbooks += agency_fixtures(root / "fixtures")
        for n, workbook in enumerate(workbooks):
            a = generate(old, workbook, root / "old" / str(n))
            b = generate(new, workbook, root / "new" / str(n))
            if [p.name for p in a] != [p.name for p in b]:
                print(f"{workbook.stem}: different documents: {[p.name for p in a]} vs "
                      f"{[p.name for p in b]}")
                same = False
                continue
            for x, y in zip(a, b):
                ok = docx_text(x) == docx_text(y) and document_text(x) == document_text(y)
                same &= ok
                print(f"{workbook.stem}/{x.name}: {'same text' if ok else 'TEXT DIFFERS'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
