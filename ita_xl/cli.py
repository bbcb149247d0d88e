"""The ``ita-xl`` command: a thin click layer over the library.

Each command parses options, calls one library function and prints its result.  Errors that
ita-xl raises on purpose (``ItaError``) are printed as Thai, then English, with the file, sheet
and cell, and the command exits non-zero; a traceback appears only with ``--debug``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__, resources
from .errors import ItaError

WORKBOOK_ARG = click.argument("workbook", required=False,
                              type=click.Path(dir_okay=False, path_type=Path))


class Context:
    def __init__(self, debug: bool):
        self.debug = debug


def _fail(ctx: click.Context, exc: ItaError) -> None:
    if ctx.find_object(Context) and ctx.find_object(Context).debug:
        raise exc
    click.echo(click.style("ผิดพลาด / Error:", fg="red", bold=True), err=True)
    click.echo(str(exc), err=True)
    ctx.exit(exc.exit_code)


def _workbook(path: Path | None) -> Path:
    return path if path is not None else resources.example_workbook()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ita-xl")
@click.option("--debug", is_flag=True, help="Show tracebacks (แสดงรายละเอียดข้อผิดพลาด).")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """ita-xl: บันทึกข้อความและรายงานผล ITA จากสมุดงาน Excel เดียว.

    The ITA memo and report, as Word and PDF, from one Excel tracker.
    Without WORKBOOK, commands use the bundled example (เทศบาลตำบลเมืองหงส์, 2565).
    """
    ctx.obj = Context(debug)


@main.command()
@WORKBOOK_ARG
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output"), show_default=True, help="Output folder (โฟลเดอร์ผลลัพธ์).")
@click.pass_context
def generate(ctx: click.Context, workbook: Path | None, outdir: Path) -> None:
    """Write the memo and the report (.docx) from WORKBOOK.

    สร้างบันทึกข้อความและรายงานผล (.docx) จากสมุดงาน
    """
    from .generate import generate as run

    try:
        result = run(_workbook(workbook), outdir)
    except ItaError as exc:
        _fail(ctx, exc)
        return
    for written in result.documents:
        note = ""
        if written.renamed:
            note = f"  (ไฟล์เดิมเปิดอยู่หรือห้ามเขียน จึงบันทึกเป็นชื่อใหม่ / {written.intended.name} was locked)"
        click.echo(f"เขียนแล้ว / wrote: {written.path}{note}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
