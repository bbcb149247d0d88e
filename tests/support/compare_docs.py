"""Do two checkouts write the same documents?  ``python3 tests/support/compare_docs.py OLD [NEW]``

Runs ``python -m ita_xl generate --force`` with the code of each checkout (``NEW`` defaults to
this one) on the bundled example and on the agency fixtures of ``tests/test_agencies_years.py``
(every agency type × fiscal year × round, built once with this checkout's workbook builder; both
checkouts read the same files), and compares the documents: the text both ways the tests read
it (``support.documents.docx_text`` and ``document_text``) and every part of the .docx byte for
byte.  Prints one line per document and exits 1 when any differs — for a change that must leave
the documents unchanged.  ``--example`` compares the example only.  ``--cold`` gives each
``generate`` an empty cache folder of its own (``ITA_XL_CACHE_DIR``, see ``ita_xl.cache``);
by default both use the user's cache as it is.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from support.documents import docx_text, document_text  # noqa: E402


def generate(tree: Path, workbook: Path, outdir: Path, cache: Path | None = None) -> list[Path]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    if cache is not None:
        env["ITA_XL_CACHE_DIR"] = str(cache)
    outdir.mkdir(parents=True)
    subprocess.run([sys.executable, "-m", "ita_xl", "generate", str(workbook), "-o", str(outdir),
                    "--force"], check=True, capture_output=True, env=env, cwd=outdir.parent)
    return sorted(outdir.glob("*.docx"))


def differences(x: Path, y: Path) -> list[str]:
    """What differs between two .docx files: 'text', and the parts whose bytes differ."""
    out = []
    if docx_text(x) != docx_text(y) or document_text(x) != document_text(y):
        out.append("text")
    with zipfile.ZipFile(x) as a, zipfile.ZipFile(y) as b:
        if a.namelist() != b.namelist():
            out.append(f"parts {sorted(set(a.namelist()) ^ set(b.namelist()))}")
        out += [n for n in a.namelist() if n in b.namelist() and a.read(n) != b.read(n)]
    return out


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
    example_only, cold = "--example" in argv, "--cold" in argv
    args = [a for a in argv[1:] if a not in ("--example", "--cold")]
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
            a = generate(old, workbook, root / "old" / str(n), root / "cache-old" if cold else None)
            b = generate(new, workbook, root / "new" / str(n), root / "cache-new" if cold else None)
            if [p.name for p in a] != [p.name for p in b]:
                print(f"{workbook.stem}: different documents: {[p.name for p in a]} vs "
                      f"{[p.name for p in b]}")
                same = False
                continue
            for x, y in zip(a, b):
                diff = differences(x, y)
                same &= not diff
                print(f"{workbook.stem}/{x.name}: "
                      f"{'identical' if not diff else 'DIFFERS: ' + ', '.join(diff)}")
    print("all identical" if same else "SOME DIFFER")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
