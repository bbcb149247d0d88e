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


def _debug(ctx: click.Context) -> bool:
    obj = ctx.find_object(Context)
    return bool(obj and obj.debug)


class _Main(click.Group):
    """The ``ita-xl`` group: no command ends in a bare traceback unless ``--debug`` is given.

    An ``ItaError`` a command did not handle is printed like any other; any other exception is a
    bug in ita-xl: a short Thai+English message, the hint to run with ``--debug``, exit code 1.
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except ItaError as exc:
            _fail(ctx, exc)
        except Exception as exc:
            if _debug(ctx):
                raise
            detail = f"{type(exc).__name__}: {exc}"
            if len(detail) > 300:
                detail = detail[:297] + "…"
            click.echo(click.style("ผิดพลาด / Error:", fg="red", bold=True), err=True)
            click.echo(f"ita-xl ทำงานผิดพลาดโดยไม่คาดคิด (ข้อบกพร่องของโปรแกรม): {detail}", err=True)
            click.echo(f"ita-xl failed unexpectedly (a bug in ita-xl): {detail}", err=True)
            command = " ".join(["ita-xl", "--debug", *sys.argv[1:]]) if sys.argv[1:] else \
                "ita-xl --debug …"
            click.echo(f"เรียกใหม่ด้วย --debug เพื่อดูรายละเอียด แล้วแจ้งผู้ดูแล: {command}", err=True)
            click.echo(f"Run again with --debug to see the details, and report it: {command}",
                       err=True)
            ctx.exit(1)


DEFAULT_WORKBOOK = "ITA_tracker.xlsm"

EXAMPLE_OPTION = click.option(
    "--example", is_flag=True,
    help="Use the bundled example tracker (เทศบาลตำบลเมืองหงส์, 2565) "
         "(ใช้สมุดงานตัวอย่างที่มากับโปรแกรม).")


def _workbook(path: Path | None, example: bool = False) -> Path:
    """The workbook a command reads: WORKBOOK, or --example, or ./ITA_tracker.xlsm (said on
    stderr), else a stop that says how to name one: never another agency's data unasked."""
    if path is not None and example:
        raise click.UsageError("ระบุ WORKBOOK หรือ --example อย่างใดอย่างหนึ่ง / "
                               "give WORKBOOK or --example, not both.")
    if path is not None:
        return path
    if example:
        found = resources.example_workbook()
        click.echo(f"ใช้สมุดงานตัวอย่าง / using the bundled example: {found}", err=True)
        return found
    here = Path(DEFAULT_WORKBOOK)
    if here.is_file():
        click.echo(f"ใช้สมุดงาน / using: {here.resolve()}", err=True)
        return here
    raise ItaError(
        f"ไม่ได้ระบุสมุดงาน และไม่พบ {DEFAULT_WORKBOOK} ในโฟลเดอร์นี้ ({Path.cwd()})",
        f"No WORKBOOK given and no {DEFAULT_WORKBOOK} in this folder ({Path.cwd()}).",
        hint_th=f"ระบุชื่อสมุดงาน เช่น ita-xl generate สมุดงาน.xlsm หรือเปลี่ยนชื่อไฟล์เป็น "
                f"{DEFAULT_WORKBOOK} ในโฟลเดอร์นี้ หรือใช้ --example เพื่อลองกับสมุดงานตัวอย่าง",
        hint_en=f"Name the workbook (ita-xl generate my_tracker.xlsm), or name it "
                f"{DEFAULT_WORKBOOK} in this folder, or add --example to try the bundled one.")


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ita-xl")
@click.option("--debug", is_flag=True, help="Show tracebacks (แสดงรายละเอียดข้อผิดพลาด).")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """ita-xl: บันทึกข้อความและรายงานผล ITA จากสมุดงาน Excel เดียว.

    The ITA memo and report, as Word and PDF, from one Excel tracker.
    Without WORKBOOK, commands use ./ITA_tracker.xlsm; --example uses the bundled example
    (เทศบาลตำบลเมืองหงส์, 2565).
    """
    ctx.obj = Context(debug)


@main.command()
@WORKBOOK_ARG
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output"), show_default=True, help="Output folder (โฟลเดอร์ผลลัพธ์).")
@click.option("--pdf", is_flag=True,
              help="Also convert both documents to PDF with LibreOffice (แปลงเป็น PDF ด้วย).")
@click.option("--force", is_flag=True,
              help="Write the documents even when the checks find errors "
                   "(สร้างเอกสารแม้ตรวจพบข้อผิดพลาด).")
@click.option("--emblem", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Garuda emblem picture for the memo (ภาพตราครุฑ .png/.jpg); default: "
                   "emblem.png in the templates folder, if there is one.")
@EXAMPLE_OPTION
@click.pass_context
def generate(ctx: click.Context, workbook: Path | None, outdir: Path, pdf: bool,
             force: bool, emblem: Path | None, example: bool) -> None:
    """Write the memo and the report (.docx) from WORKBOOK.

    สร้างบันทึกข้อความและรายงานผล (.docx) จากสมุดงาน

    The checks of `ita-xl check` run first: an error stops generation (nothing is written)
    unless --force; warnings are printed.
    """
    from .errors import ChecksFailed
    from .generate import generate as run

    path = _workbook(workbook, example)
    try:
        result = run(path, outdir, force=force, emblem=emblem)
    except ChecksFailed as exc:
        _echo_findings(getattr(exc, "findings", []), path.name)
        _fail(ctx, exc)
        return
    except ItaError as exc:
        _fail(ctx, exc)
        return
    # The findings include an ITA601 warning for each cell whose control characters the
    # text clean-up removed, so nothing is dropped silently.
    _echo_findings(result.findings, path.name)
    if result.forced:
        n = len(result.errors)
        click.echo(click.style("สร้างเอกสารทั้งที่ตรวจพบข้อผิดพลาด / Generated despite errors:",
                               fg="red", bold=True), err=True)
        click.echo(f"ข้อผิดพลาด {n} รายการถูกข้ามด้วย --force เอกสารอาจไม่ถูกต้อง\n"
                   f"{n} error(s) overridden with --force; the documents may be wrong.", err=True)
    typed = result.cleaned.typed_cells(result.tracker)
    if typed:
        cells = ", ".join(typed)
        click.echo(f"จัดรูปแบบไม่ได้ จึงพิมพ์ตามที่พิมพ์ไว้ในช่อง: {cells}\n"
                   f"Printed exactly as typed (could not be formatted): {cells}", err=True)
    for written in result.documents:
        note = ""
        if written.renamed:
            note = f"  (ไฟล์เดิมเปิดอยู่หรือห้ามเขียน จึงบันทึกเป็นชื่อใหม่ / {written.intended.name} was locked)"
        click.echo(f"เขียนแล้ว / wrote: {written.path}{note}")
    if pdf:
        _convert(ctx, result.paths, outdir)


def _echo_findings(findings, name: str) -> None:
    """Findings of the checks on stderr: Thai then English, cell by cell (fixes: ita-xl check)."""
    if not findings:
        return
    from .checks.report import format_text

    click.echo(format_text(findings, name, fixes=False), err=True)
    click.echo("วิธีแก้แต่ละรายการ: ita-xl check / How to fix each: ita-xl check", err=True)


@main.command()
@WORKBOOK_ARG
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Report format (รูปแบบรายงาน).")
@click.option("--strict", is_flag=True,
              help="Exit code 1 when there are only warnings (ถือว่าคำเตือนไม่ผ่าน).")
@EXAMPLE_OPTION
@click.pass_context
def check(ctx: click.Context, workbook: Path | None, fmt: str, strict: bool,
          example: bool) -> None:
    """Check WORKBOOK for the mistakes that spoil the documents.

    ตรวจสอบข้อมูลในสมุดงาน: รายงานภาษาไทยแยกตามแผ่นงานพร้อมตำแหน่งเซลล์และวิธีแก้

    Exit code: 0 clean (or only warnings without --strict), 1 only warnings with --strict,
    2 any error, 3 the file cannot be read.
    """
    from .checks import check_workbook, has_errors
    from .checks.report import format_json, format_text

    path = _workbook(workbook, example)
    try:
        _tracker, findings = check_workbook(path)
    except ItaError as exc:
        _fail(ctx, exc)
        return
    click.echo(format_json(findings) if fmt == "json" else format_text(findings, path.name))
    if has_errors(findings):
        ctx.exit(2)
    elif findings and strict:
        ctx.exit(1)


def _convert(ctx: click.Context, files: list[Path], outdir: Path | None) -> None:
    """PDFs of ``files`` with one LibreOffice run per output folder (beside each file if None)."""
    from .convert import ConversionError, to_pdf

    groups: dict[Path, list[Path]] = {}
    for f in files:
        groups.setdefault(outdir if outdir is not None else f.parent, []).append(f)
    failed: ConversionError | None = None
    for target, group in groups.items():
        try:
            pdfs = to_pdf(group, target)
        except ConversionError as exc:
            failed, pdfs = exc, exc.converted
        for p in pdfs:
            click.echo(f"เขียนแล้ว / wrote: {p}")
    if failed is not None:
        _fail(ctx, failed)


@main.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder; default: beside each file (โฟลเดอร์ผลลัพธ์).")
@click.pass_context
def pdf(ctx: click.Context, files: tuple[Path, ...], outdir: Path | None) -> None:
    """Convert Word files (.docx) to PDF with one LibreOffice run.

    แปลงไฟล์ Word เป็น PDF (ใช้ LibreOffice ด้วยฟอนต์ที่ขนาดตรงกับ TH SarabunPSK)
    """
    _convert(ctx, list(files), outdir)


@main.command()
@click.option("--no-probe", is_flag=True, help="Skip the test conversion (ไม่ทดลองแปลง PDF).")
@click.pass_context
def doctor(ctx: click.Context, no_probe: bool) -> None:
    """Report what this machine has for ita-xl: Python, LibreOffice, Thai fonts.

    ตรวจความพร้อมของเครื่อง: Python, xlwings, LibreOffice, ฟอนต์ไทย และขนาดตัวอักษรใน PDF
    """
    from . import doctor as doc

    checks = doc.collect(probe=not no_probe)
    click.echo(doc.render(checks))
    if any(c.ok is False for c in checks):
        ctx.exit(1)


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Output folder: one sub-folder per agency (โฟลเดอร์ผลลัพธ์).")
@click.option("--pdf", is_flag=True, help="Also make PDFs (แปลงเป็น PDF ด้วย).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: number of CPUs] (จำนวนโปรเซส).")
@click.option("--force", is_flag=True,
              help="Write documents even where the checks find errors "
                   "(สร้างเอกสารแม้ตรวจพบข้อผิดพลาด).")
@click.pass_context
def batch(ctx: click.Context, inputs: tuple[str, ...], outdir: Path, pdf: bool,
          jobs: int | None, force: bool) -> None:
    """Documents for many agencies: INPUTS are workbooks, folders or globs.

    สร้างเอกสารของหลายหน่วยงานพร้อมกัน: ระบุสมุดงาน โฟลเดอร์ หรือรูปแบบ เช่น "อำเภอ/*.xlsm"
    Each agency goes to OUTDIR/<agency>; summary.csv and summary.json list every workbook.
    As with generate, a workbook whose checks find errors gets no documents unless --force.
    Exit code 1 when any workbook failed.
    """
    from .batch import SUMMARY_CSV, SUMMARY_JSON, run_batch, summary_table

    bars: dict[str, object] = {}

    def progress(stage: str, advance: int, total: int) -> None:
        if stage not in bars:
            for bar in bars.values():
                bar.render_finish()
            label = {"documents": "เอกสาร / documents", "pdf": "PDF"}.get(stage, stage)
            bars[stage] = click.progressbar(length=max(total, 1), label=label, file=sys.stderr,
                                            show_pos=True, show_eta=True)
            bars[stage].render_progress()
        if advance:
            bars[stage].update(advance)

    try:
        result = run_batch(inputs, outdir, pdf=pdf, jobs=jobs, progress=progress, force=force)
    except ItaError as exc:
        _fail(ctx, exc)
        return
    finally:
        for bar in bars.values():
            bar.render_finish()
    click.echo(summary_table(result))
    click.echo(f"สรุปผล / summary: {outdir / SUMMARY_CSV}, {outdir / SUMMARY_JSON}")
    if result.failed:
        ctx.exit(1)


@main.command()
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.pass_context
def init(ctx: click.Context, path: Path | None) -> None:
    """Write an empty tracker for a new agency (never overwrites a file).

    The ten ITA indicators and the pass mark are filled in; everything else is blank.

    สร้างสมุดงานติดตามผลเปล่าสำหรับหน่วยงานใหม่ (PATH เริ่มต้น ITA_tracker.xlsm; ไม่เขียนทับไฟล์เดิม)
    """
    from .build.tracker import starter_data, tracker_bytes
    from .output import write_new

    target = path if path is not None else Path("ITA_tracker.xlsm")
    if target.is_dir():
        target = target / "ITA_tracker.xlsm"
    elif target.suffix == "":
        target = target.with_name(target.name + ".xlsm")
    if target.suffix.lower() != ".xlsm":
        _fail(ctx, ItaError(
            f"สมุดงานติดตามผลต้องเป็นไฟล์ .xlsm (มีแมโคร) ไม่ใช่ {target.suffix}",
            f"The tracker must be an .xlsm file (it has macros), not {target.suffix}.",
            where=str(target), hint_th=f"ใช้ชื่อ {target.stem}.xlsm",
            hint_en=f"Use the name {target.stem}.xlsm."))
        return
    try:
        written = write_new(target, tracker_bytes(starter_data()))
    except ItaError as exc:
        _fail(ctx, exc)
        return
    click.echo(f"สร้างสมุดงานเปล่าแล้ว / wrote an empty tracker: {written}")
    click.echo("เปิดใน Excel กรอกแผ่นงาน ตั้งค่า ก่อน แล้วจึงกรอกตาราง / "
               "Open it in Excel, fill in the settings sheet first, then the tables.")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
