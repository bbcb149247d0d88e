"""Typesetting figures of issue 18 (points 1-4), measured on PDFs: one table row per document.

    python3 bench/typeset_figures.py FOLDER [FOLDER …]

Each FOLDER holds documents as ``tests/test_pdf_lines.py`` makes them (a sub-folder per
agency with ``*_memo.docx/pdf`` and ``*_report.docx/pdf``); give the folder of an older
checkout's run first to compare.  Columns: full body lines and how many end more than one
space short of the margin (and the largest gap, pt); listed words, "พ.ศ." and titles split at a
line end; pages; the emptiest page that is not a section's last (share of the text area);
the most lines a measure of the plan takes.  The measures are the tests' own (tests/support).
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE.parent))

from support.documents import pdf_text  # noqa: E402
from support.typesetting import (SPACE_16PT, full_body_lines, page_emptiness,  # noqa: E402
                                 split_words)
from test_pdf_lines import (WORDS, _body_text, _era_and_title_breaks,  # noqa: E402
                            _exempt_pages, _measure_lines)

from support.documents import squash  # noqa: E402


def row(docx: Path, pdf: Path) -> list[str]:
    gaps = [gap for _, _, gap in full_body_lines(pdf)]
    lines = pdf_text(pdf).splitlines()
    splits = split_words(lines, WORDS)
    others = _era_and_title_breaks(lines, squash(_body_text(docx)))
    empty = page_emptiness(pdf)
    exempt = _exempt_pages(pdf)
    worst = max((s for n, s in enumerate(empty, start=1) if n not in exempt), default=0.0)
    measures = ""
    if docx.name.endswith("report.docx"):
        try:
            measures = str(max(_measure_lines(docx, pdf).values()))
        except (AssertionError, StopIteration, ValueError) as exc:
            measures = f"? ({str(exc)[:30]})"
    return [f"{len(gaps)}", f"{sum(g > SPACE_16PT for g in gaps)}",
            f"{max(gaps, default=0):.1f}", f"{len(splits)}", f"{len(others)}", f"{len(empty)}",
            f"{worst:.2f}", measures]


def main(folders: list[str]) -> None:
    head = ["run", "document", "full lines", "short", "max gap pt", "split words",
            "พ.ศ./title", "pages", "emptiest page", "measure lines"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for folder in folders:
        for pdf in sorted(Path(folder).glob("*/*.pdf")):
            docx = pdf.with_suffix(".docx")
            name = f"{pdf.parent.name}/{pdf.stem.rsplit('_', 1)[1]}"
            print("| " + " | ".join([Path(folder).name, name, *row(docx, pdf)]) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
