"""Do two checkouts write the same documents?  ``python3 tests/support/compare_docs.py OLD [NEW]``

Runs ``python -m ita_xl generate`` on the bundled example with the code of each checkout
(``NEW`` defaults to this one) and compares the text of each .docx both ways the tests read it
(``support.documents.docx_text`` and ``document_text``).  Prints one line per document and
exits 1 when any differs — for a refactoring that must leave the documents unchanged.
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


def generate(tree: Path, outdir: Path) -> list[Path]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    subprocess.run([sys.executable, "-m", "ita_xl", "generate",
                    str(tree / "workbook" / "ITA_tracker.xlsm"), "-o", str(outdir)],
                   check=True, capture_output=True, env=env, cwd=outdir.parent)
    return sorted(outdir.glob("*.docx"))


def main(argv: list[str]) -> int:
    old = Path(argv[1]).resolve()
    new = Path(argv[2]).resolve() if len(argv) > 2 else HERE.parents[1]
    with tempfile.TemporaryDirectory(prefix="ita-xl-compare-") as tmp:
        a = generate(old, Path(tmp) / "old")
        b = generate(new, Path(tmp) / "new")
        if [p.name for p in a] != [p.name for p in b]:
            print(f"different documents: {[p.name for p in a]} vs {[p.name for p in b]}")
            return 1
        same = True
        for x, y in zip(a, b):
            ok = docx_text(x) == docx_text(y) and document_text(x) == document_text(y)
            same &= ok
            print(f"{x.name}: {'same text' if ok else 'TEXT DIFFERS'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
