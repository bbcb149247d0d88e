"""The bare baseline of the benchmark: the least a script can do to make the two documents.

Loads the workbook with openpyxl (``load_workbook(data_only=True)``, every value of every Excel
Table and every setting's defined name (``ita_…``) read, as a data read must) and renders
ita-xl's two templates with plain docxtpl from **ita-xl's own context** for that workbook
(``CONTEXT`` is a JSON file the benchmark writes with ``ita_xl.context.build_context``
beforehand), so both sides fill the same tables with the same rows.  Not done: checks, formatting, the sandbox, error messages, the
cache.  Imports nothing from ita_xl.

    python bench/bare.py WORKBOOK TEMPLATES_DIR CONTEXT OUTDIR
    python bench/bare.py --batch JOBS WORKBOOKS_DIR TEMPLATES_DIR CONTEXT OUTDIR

``--batch``: every ``*.xlsm`` of WORKBOOKS_DIR with a fork pool of JOBS workers (openpyxl and
docxtpl imported once, before the fork), as a bare script would batch a province.
"""
import json
import sys
from pathlib import Path

from docxtpl import DocxTemplate
from openpyxl import load_workbook


def read(workbook: Path) -> dict:
    wb = load_workbook(workbook, data_only=True)
    values = {}
    for name, defn in wb.defined_names.items():
        if not name.startswith("ita_"):  # the settings' cells (others are formulas)
            continue
        for sheet, coord in defn.destinations:
            cells = wb[sheet][coord.replace("$", "")]
            values[name] = ([[c.value for c in row] for row in cells]
                            if isinstance(cells, tuple) else cells.value)
    for ws in wb.worksheets:
        for table, ref in ws.tables.items():
            values[table] = [[c.value for c in row] for row in ws[ref]]
    wb.close()
    return values


def make(workbook: Path, templates: Path, context: dict, outdir: Path) -> None:
    read(workbook)
    outdir.mkdir(parents=True, exist_ok=True)
    for name in ("memo.docx", "report.docx"):
        doc = DocxTemplate(templates / name)
        doc.render(context, autoescape=True)
        doc.save(outdir / f"{workbook.stem}_{name}")


def _one(job) -> None:
    make(*job)


def main(argv: list[str]) -> None:
    if argv[0] == "--batch":
        import multiprocessing

        jobs, books, templates, context, outdir = int(argv[1]), *map(Path, argv[2:6])
        ctx = json.loads(context.read_text(encoding="utf-8"))
        work = [(book, templates, ctx, outdir) for book in sorted(books.glob("*.xlsm"))]
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            pool.map(_one, work, chunksize=max(1, len(work) // (8 * jobs)))
        return
    workbook, templates, context, outdir = map(Path, argv[:4])
    make(workbook, templates, json.loads(context.read_text(encoding="utf-8")), outdir)


if __name__ == "__main__":
    main(sys.argv[1:])
