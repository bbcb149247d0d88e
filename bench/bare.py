"""Baseline (a) of the benchmark: the least a script can do to make the two documents.

Loads the workbook with openpyxl and renders ita-xl's two templates with plain docxtpl and a
minimal context (settings by defined name, table rows by column position): no checks, no
formatting of dates or digits, no sandbox, no error messages.  Imports nothing from ita_xl.

    python bench/bare.py WORKBOOK TEMPLATES_DIR OUTDIR
"""
import sys
from pathlib import Path

from docxtpl import DocxTemplate
from openpyxl import load_workbook

FIELDS = {
    "Chain": ["label", "rank", "name", "position"],
    "Plan": ["measure", "guideline", "steps", "owner", "monitoring"],
    "Results": ["measure", "details", "start", "end", "output", "outcome", "remarks"],
    "Levels": ["number", "description"],
}


def main(workbook: Path, templates: Path, outdir: Path) -> None:
    wb = load_workbook(workbook, data_only=True)
    ctx = {}
    for name, defn in wb.defined_names.items():
        if name.startswith("ita_"):
            for sheet, coord in defn.destinations:
                ctx[name[4:]] = wb[sheet][coord.replace("$", "")].value
    for ws in wb.worksheets:
        for table, ref in ws.tables.items():
            if table in FIELDS:
                rows = [[c.value for c in row] for row in ws[ref]][1:]
                ctx[table.lower()] = [dict(zip(FIELDS[table], r)) for r in rows]
    ctx["writer"] = {"name": ctx.get("writer_name"), "position": ctx.get("writer_position")}
    ctx["preparer"] = {"name": ctx.get("preparer_name"), "position": ctx.get("preparer_position")}
    ctx["date"], ctx["ref"], ctx["to"] = ctx.get("memo_date"), ctx.get("memo_ref"), ctx.get("addressee")
    ctx["result_groups"] = [{"measure": r["measure"], "rows": [r]} for r in ctx.get("results", [])]
    outdir.mkdir(parents=True, exist_ok=True)
    for name in ("memo.docx", "report.docx"):
        doc = DocxTemplate(templates / name)
        doc.render(ctx, autoescape=True)
        doc.save(outdir / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
