"""The ``ita-xl`` command: a thin click layer over the library.

Each command parses options, calls one library function and prints its result.  Everything a
person reads comes Thai first, English after: help, usage errors, Ctrl-C, errors with the file,
sheet and cell.  Errors are handled once, by the group (``_Main``): an ``ItaError`` is printed as
it shows itself (:mod:`ita_xl.present`) and the command exits with its ``exit_code``; anything
else is a bug.  Exit codes are those of ``ita_xl.exitcodes`` (one table, in the README); a
traceback appears only with ``--debug`` (accepted before or after the command).
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__, console, resources
from .console import ERROR_STYLE, WARNING_STYLE, echo, paint
from .errors import ItaError, UsageError
from .exitcodes import Exit

WORKBOOK_ARG = click.argument("workbook", required=False,
                              type=click.Path(dir_okay=False, path_type=Path))


class Context:
    def __init__(self, debug: bool):
        self.debug = debug


def _error_label() -> str:
    return paint("ผิดพลาด / Error:", ERROR_STYLE)


def _fail(ctx: click.Context, exc: ItaError) -> None:
    if _debug(ctx):
        raise exc
    echo(_error_label(), err=True)
    echo(str(exc), err=True)
    ctx.exit(exc.exit_code)


def _debug(ctx: click.Context) -> bool:
    obj = ctx.find_object(Context)
    return bool(obj and obj.debug)


def _set_debug(ctx: click.Context, _param, value: bool) -> None:
    if value:
        obj = ctx.find_object(Context)
        if obj is not None:
            obj.debug = True


DEBUG_HELP = "แสดงรายละเอียดข้อผิดพลาด (traceback) / Show tracebacks."
USAGE_PREFIX = "วิธีใช้ / Usage: "


class _ThaiFirst:
    """Help pages that start with Thai: the usage line, the section titles, click's own options."""

    def get_help_option(self, ctx: click.Context):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "แสดงวิธีใช้นี้ / Show this message and exit."
        return option

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE_PREFIX)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        opts = [rv for p in self.get_params(ctx) if (rv := p.get_help_record(ctx))]
        if opts:
            with formatter.section("ตัวเลือก / Options"):
                formatter.write_dl(opts)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("คำสั่ง / Commands"):
                formatter.write_dl(rows)


class _Command(_ThaiFirst, click.Command):
    """A sub-command: Thai-first help, and ``--debug`` accepted after the command too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.params.append(click.Option(["--debug"], is_flag=True, expose_value=False,
                                        is_eager=True, callback=_set_debug, help=DEBUG_HELP))


def _usage_error_th(exc: click.UsageError) -> str:
    """click's usage errors in Thai (click itself speaks English only)."""
    from click.exceptions import (BadOptionUsage, BadParameter, MissingParameter,
                                  NoSuchOption)

    def hint(param) -> str:
        if param is None:
            return ""
        return " / ".join(getattr(param, "opts", None) or [param.human_readable_name])

    if isinstance(exc, NoSuchOption):
        text = f"ไม่มีตัวเลือก {exc.option_name}"
        if exc.possibilities:
            text += f" (หมายถึง {', '.join(sorted(exc.possibilities))} หรือไม่)"
        return text
    if isinstance(exc, MissingParameter):
        name = exc.param_hint or hint(exc.param)
        return f"ขาด {name}" if name else "ขาดค่าที่ต้องระบุ"
    if isinstance(exc, BadParameter):
        name = exc.param_hint or hint(exc.param)
        return f"ค่าของ {name} ไม่ถูกต้อง" if name else "ค่าไม่ถูกต้อง"
    if isinstance(exc, BadOptionUsage):
        return f"ใช้ตัวเลือก {exc.option_name} ไม่ถูกต้อง (อาจขาดค่าหลังตัวเลือก)"
    message = exc.format_message()
    if message.startswith("No such command"):
        return f"ไม่มีคำสั่งนี้: {message.split(' ', 3)[-1].rstrip('.')}"
    if "unexpected extra argument" in message:
        return "มีค่าเกินมา: " + message.split("(", 1)[-1].rstrip(")")
    if message.startswith("Missing command"):
        return "ไม่ได้ระบุคำสั่ง"
    return "พิมพ์คำสั่งไม่ถูกต้อง"


def _show_usage_error(exc: click.UsageError) -> None:
    ctx = exc.ctx
    if ctx is not None:
        echo(ctx.get_usage(), err=True)
        help_opt = ctx.command.get_help_option(ctx)
        if help_opt is not None:
            command = f"{ctx.command_path} {help_opt.opts[-1]}"
            echo(f"ดูวิธีใช้: {command} / Try '{command}' for help.", err=True)
        echo(err=True)
    echo(paint("ผิดพลาด: ", ERROR_STYLE) + _usage_error_th(exc), err=True)
    echo(paint("Error: ", ERROR_STYLE) + exc.format_message(), err=True)


def _interrupted() -> None:
    echo(err=True)
    echo("ยกเลิกแล้ว (Ctrl-C) / Interrupted (Ctrl-C).", err=True)
    sys.exit(Exit.INTERRUPTED)


def _pipe_closed() -> None:
    """The reader of stdout stopped (``ita-xl check | head``): end quietly, as ``cat`` does —
    no traceback, no "bug" message, and no second error when Python flushes stdout at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real stdout (click's test runner)
        pass
    sys.exit(Exit.PIPE_CLOSED)


class _Main(_ThaiFirst, click.Group):
    """The ``ita-xl`` group: no command ends in a bare traceback unless ``--debug`` is given.

    An ``ItaError`` a command did not handle is printed like any other; any other exception is a
    bug in ita-xl: a short Thai+English message, the hint to run with ``--debug``, exit 70.
    Usage errors (exit 64) and Ctrl-C (exit 130) are said Thai first, instead of click's English.
    """

    command_class = _Command

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True,
             windows_expand_args=True, **extra):
        # Before anything prints (--help and --version too): a Windows code page never crashes it.
        console.configure()
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args,
                                **extra)
        try:
            rv = super().main(args, prog_name, complete_var, False, windows_expand_args,
                              **extra)
        except click.UsageError as exc:
            _show_usage_error(exc)
            sys.exit(Exit.USAGE)
        except click.ClickException as exc:  # e.g. a file click itself could not open
            echo(_error_label(), err=True)
            echo(exc.format_message(), err=True)
            sys.exit(exc.exit_code)
        except (click.Abort, KeyboardInterrupt):
            _interrupted()
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort,
                KeyboardInterrupt):
            raise
        except ItaError as exc:
            _fail(ctx, exc)
        except BrokenPipeError:
            _pipe_closed()
        except Exception as exc:
            if _debug(ctx):
                raise
            from .present import unexpected_lines

            echo(_error_label(), err=True)
            command = " ".join(["ita-xl", "--debug", *sys.argv[1:]]) if sys.argv[1:] else \
                "ita-xl --debug …"
            for line in unexpected_lines(exc, command):
                echo(line, err=True)
            ctx.exit(Exit.BUG)


DEFAULT_WORKBOOK = "ITA_tracker.xlsm"

EXAMPLE_OPTION = click.option(
    "--example", is_flag=True,
    help="ใช้สมุดงานตัวอย่างที่มากับโปรแกรม (เทศบาลตำบลเมืองหงส์ 2565) / Use the bundled "
         "example tracker.")


def _workbook(path: Path | None, example: bool = False, *, quiet: bool = False) -> Path:
    """The workbook a command reads: WORKBOOK, or --example, or ./ITA_tracker.xlsm (said on
    stderr), else a stop that says how to name one: never another agency's data unasked."""
    if path is not None and example:
        raise click.UsageError("ระบุ WORKBOOK หรือ --example อย่างใดอย่างหนึ่ง / "
                               "give WORKBOOK or --example, not both.")
    if path is not None:
        return path
    if example:
        found = resources.example_workbook()
        if not quiet:
            echo(f"ใช้สมุดงานตัวอย่าง / using the bundled example: {found}", err=True)
        return found
    here = Path(DEFAULT_WORKBOOK)
    if here.is_file():
        if not quiet:
            echo(f"ใช้สมุดงาน / using: {here.resolve()}", err=True)
        return here
    raise UsageError(  # the command line lacks the workbook
        f"ไม่ได้ระบุสมุดงาน และไม่พบ {DEFAULT_WORKBOOK} ในโฟลเดอร์นี้ ({Path.cwd()})",
        f"No WORKBOOK given and no {DEFAULT_WORKBOOK} in this folder ({Path.cwd()}).",
        hint_th=f"ระบุชื่อสมุดงาน เช่น ita-xl generate สมุดงาน.xlsm หรือเปลี่ยนชื่อไฟล์เป็น "
                f"{DEFAULT_WORKBOOK} ในโฟลเดอร์นี้ หรือใช้ --example เพื่อลองกับสมุดงานตัวอย่าง",
        hint_en=f"Name the workbook (ita-xl generate my_tracker.xlsm), or name it "
                f"{DEFAULT_WORKBOOK} in this folder, or add --example to try the bundled one.")


VERSION_HELP = "แสดงรุ่นของโปรแกรม / Show the version and exit."
TEMPLATES_OPTION = click.option(
    "--templates", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
    help="โฟลเดอร์แม่แบบ (memo.docx, report.docx, emblem.png) / Templates folder "
         "[default: $ITA_XL_TEMPLATES, else the bundled templates].")
EMBLEM_OPTION = click.option(
    "--emblem", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="ภาพตราครุฑสำหรับบันทึกข้อความ (.png/.jpg) / Garuda emblem picture for the memo "
         "[default: emblem.png in the templates folder, if there is one].")


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
# The Python too: the Windows bundle's is a fixed CPython (3.13.2), which IT may need to know.
@click.version_option(__version__, prog_name="ita-xl", help=VERSION_HELP,
                      message="%(prog)s รุ่น / version %(version)s (Python "
                              f"{sys.version.split()[0]})")
@click.option("--debug", is_flag=True, help=DEBUG_HELP)
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """บันทึกข้อความและรายงานผล ITA เป็น Word และ PDF จากสมุดงาน Excel เดียว (ita-xl)
    ถ้าไม่ระบุ WORKBOOK จะใช้ ITA_tracker.xlsm ในโฟลเดอร์นี้ (--example ใช้ตัวอย่างที่มากับโปรแกรม)

    The ITA memo and report, as Word and PDF, from one Excel tracker.
    Without WORKBOOK, commands use ./ITA_tracker.xlsm; --example uses the bundled example
    (เทศบาลตำบลเมืองหงส์, 2565).
    Exit codes: 0 done, 1 not clean, 2 errors, 3 unreadable, 64 usage, 70 bug, 130 Ctrl-C.
    """
    ctx.obj = Context(debug)
    # SIGTERM or a closed terminal (SIGHUP) ends the run as an error would: temporary folders
    # are removed, workers and LibreOffice stopped (see ita_xl.procs).
    from .procs import handle_termination

    handle_termination()


def _check_command(workbook: Path | None, example: bool = False) -> str:
    if example:
        return "ita-xl check --example"
    return "ita-xl check" + (f' "{workbook}"' if workbook is not None else "")


def _findings_summary(findings, workbook: Path | None, example: bool = False) -> str:
    """One line: how many errors and warnings (``present``'s count), and where to see them."""
    from .present import ERROR, WARNING, findings_line, tally

    text = findings_line(findings, _check_command(workbook, example))
    style = {ERROR: ERROR_STYLE, WARNING: WARNING_STYLE}.get(tally(findings).status)
    return paint(text, style) if style else text


def _style_severity(severity: str, text: str) -> str:
    return paint(text, ERROR_STYLE if severity == "error" else WARNING_STYLE)


def _echo_findings(findings, name: str, *, only_errors: bool = False) -> None:
    """Findings of the checks on stderr: Thai then English, cell by cell (fixes: ita-xl check)."""
    from .present import format_text

    items = [f for f in findings if f.is_error] if only_errors else list(findings)
    if not items:
        return
    echo(format_text(items, name, fixes=False, style=_style_severity, counted=findings), err=True)
    echo("วิธีแก้แต่ละรายการ: ita-xl check / How to fix each: ita-xl check", err=True)


def _emblem_hint(templates: Path | None) -> str:
    from .resources import templates_dir

    folder = templates or templates_dir()
    return (f"ไม่มีตราครุฑบนบันทึกข้อความ: วางภาพไว้ที่ {folder / 'emblem.png'} หรือใช้ "
            "--emblem ภาพ.png / No Garuda emblem on the memo: put the picture at "
            f"{folder / 'emblem.png'} or pass --emblem picture.png")


@main.command(short_help="สร้างบันทึกข้อความและรายงาน / Write the memo and the report.")
@WORKBOOK_ARG
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output"), show_default=True,
              help="โฟลเดอร์ผลลัพธ์ / Output folder.")
@click.option("--pdf", is_flag=True,
              help="แปลงเป็น PDF ด้วย (Word บน Windows ถ้ามี ไม่เช่นนั้น LibreOffice) / Also convert both "
                   "documents to PDF (through Word on Windows when installed, else LibreOffice).")
@click.option("--force", is_flag=True,
              help="สร้างเอกสารแม้ตรวจพบข้อผิดพลาด / Write the documents even when the checks "
                   "find errors.")
@EMBLEM_OPTION
@TEMPLATES_OPTION
@click.option("-v", "--verbose", is_flag=True,
              help="แสดงทุกรายการที่ตรวจพบ / List every finding of the checks.")
@click.option("-q", "--quiet", is_flag=True,
              help="แสดงเฉพาะข้อผิดพลาด / Print errors only.")
@EXAMPLE_OPTION
@click.pass_context
def generate(ctx: click.Context, workbook: Path | None, outdir: Path, pdf: bool,
             force: bool, emblem: Path | None, templates: Path | None, verbose: bool,
             quiet: bool, example: bool) -> None:
    """สร้างบันทึกข้อความและรายงานผล (.docx) จากสมุดงาน

    การตรวจของ ita-xl check ทำก่อนเสมอ: ถ้าพบข้อผิดพลาดจะไม่เขียนไฟล์ใด (เว้นแต่ใช้ --force)
    คำเตือนแสดงเป็นสรุปบรรทัดเดียว (-v แสดงทุกรายการ, -q แสดงเฉพาะข้อผิดพลาด)

    Write the memo and the report (.docx) from WORKBOOK.  The checks of `ita-xl check` run
    first: an error stops generation (nothing is written) unless --force; warnings are
    summed up in one line (-v lists them, -q prints errors only).
    """
    from .errors import ChecksFailed
    from .pipeline import Run, generate as run_all

    if verbose and quiet:
        raise click.UsageError("-v and -q cannot be used together (ใช้ -v กับ -q พร้อมกันไม่ได้)")
    path = _workbook(workbook, example, quiet=quiet)
    def written(stage: str, _seconds: float) -> None:  # reported before the PDFs are made
        if stage == "write":
            _report_written(run, path, workbook, templates, verbose=verbose, quiet=quiet,
                            example=example)

    run = Run(on_stage=written)
    try:
        run_all(path, outdir, force=force, emblem=emblem, templates=templates, pdf=pdf, run=run)
    except ChecksFailed as exc:
        findings = exc.findings
        _echo_findings(findings, path.name, only_errors=not verbose)
        if not quiet:
            echo(_findings_summary(findings, workbook, example), err=True)
        raise
    finally:  # the PDFs made, also those made before a conversion failed
        if not quiet:
            _echo_pdfs(run.pdfs, run.paths)


def _report_written(result, path: Path, workbook: Path | None, templates: Path | None, *,
                    verbose: bool, quiet: bool, example: bool) -> None:
    """``generate``'s report once the documents are written: findings, --force, files."""
    # The findings include an ITA601 warning for each cell whose control characters the
    # text clean-up removed, so nothing is dropped silently.
    if verbose:
        _echo_findings([f for f in result.findings if not f.acknowledged], path.name)
    elif result.forced:
        _echo_findings(result.findings, path.name, only_errors=True)
    if result.forced:
        from .present import FORCED_HEAD, forced_lines

        echo(paint(FORCED_HEAD, ERROR_STYLE), err=True)
        for line in forced_lines(result.findings, result.cleaned.typed_cells(),
                                 result.cleaned.placeholder_cells()):
            echo(line, err=True)
    if not quiet:
        from .present import written_line

        for written in result.written:
            echo(written_line(written.path, written.intended if written.renamed else None))
        echo(_findings_summary(result.findings, workbook, example), err=True)
        if result.emblem is None:
            echo(_emblem_hint(templates), err=True)


def _echo_pdfs(pdfs: list[Path], sources: list[Path]) -> None:
    stems = {f.stem for f in sources}
    for p in pdfs:
        note = ""
        if p.stem not in stems:  # "<name> (2).pdf": the old PDF could not be replaced
            note = ("  (ไฟล์ PDF เดิมเปิดอยู่หรือห้ามเขียน จึงบันทึกเป็นชื่อใหม่ / "
                    "the old PDF was locked)")
        echo(f"เขียนแล้ว / wrote: {p}{note}")


JUNIT_OPTION = click.option(
    "--junit", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
    help="เขียนรายงาน JUnit XML สำหรับระบบ CI (หนึ่งกรณีทดสอบต่อหน่วยงานและหมวดกฎ) / Also write "
         "a JUnit XML report for CI (one test case per agency and rule family).")


@main.command(short_help="ตรวจสอบข้อมูลในสมุดงาน / Check workbooks.")
@click.argument("workbooks", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True,
              help="รูปแบบรายงาน (github: คำอธิบายประกอบใน GitHub Actions) / Report format "
                   "(github: GitHub Actions annotations).")
@click.option("--strict", is_flag=True,
              help="ถือว่าคำเตือนไม่ผ่าน (รหัสออก 1) / Exit code 1 when there are only warnings.")
@JUNIT_OPTION
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="จำนวนโปรเซสเมื่อตรวจหลายไฟล์ / Worker processes for many workbooks "
                   "[default: number of CPUs].")
@EXAMPLE_OPTION
@click.pass_context
def check(ctx: click.Context, workbooks: tuple[Path, ...], fmt: str, strict: bool,
          junit: Path | None, jobs: int | None, example: bool) -> None:
    """ตรวจสอบข้อมูลในสมุดงาน: รายงานแยกตามแผ่นงานพร้อมตำแหน่งเซลล์และวิธีแก้

    ระบุหลายสมุดงาน โฟลเดอร์ หรือรูปแบบ ("**/*.xlsm") ได้: ได้ตารางสรุปตารางเดียว
    คำเตือนที่รับทราบแล้วในแผ่นงาน ตรวจสอบ แสดงแยกไว้ท้ายรายงาน และไม่นับ
    --junit และ --format github ใช้ในระบบ CI (GitHub Actions, GitLab, Jenkins)
    รหัสออก: 0 ไม่พบข้อผิดพลาด (คำเตือนไม่นับ เว้นแต่ใช้ --strict), 1 มีแต่คำเตือนเมื่อใช้ --strict,
    2 พบข้อผิดพลาด, 3 อ่านไฟล์ไม่ได้, 64 พิมพ์คำสั่งไม่ถูกต้อง; Ctrl-C หยุดการตรวจ (รหัสออก 130)

    Check WORKBOOK for the mistakes that spoil the documents.  Several workbooks, folders or
    globs give one summary table.  Warnings acknowledged on the check sheet are listed apart
    at the end and not counted.  --junit and --format github are for CI.
    Exit code: 0 clean (or only warnings without --strict), 1 only warnings with --strict,
    2 any error, 3 a file cannot be read, 64 a wrong command line; Ctrl-C stops it (130).
    """
    from .errors import WorkbookError
    from .pipeline import check as read_and_check
    from .present import Checked, format_json, format_text, github_annotations, summary, tally

    if len(workbooks) > 1 or any(Path(w).is_dir() or "*" in str(w) for w in workbooks):
        _check_many(ctx, workbooks, fmt, strict, jobs, junit)
        return
    path = _workbook(workbooks[0] if workbooks else None, example)
    shown = str(workbooks[0]) if workbooks else str(path)
    try:
        run = read_and_check(path)
    except WorkbookError as exc:
        if junit is not None or fmt == "github":
            from .present import error_line

            _ci_reports([Checked(shown, problem=error_line(exc))], fmt, junit, strict)
        raise
    findings = run.findings
    checked = Checked(shown, str(run.tracker.settings.agency or "").strip(), findings)
    _ci_reports([checked], "", junit, strict)  # the file first: a closed pipe cannot stop it
    if fmt == "json":
        echo(format_json(findings))
    elif fmt == "github":
        for line in github_annotations([checked]):
            echo(line)
        echo(summary(findings, path.name))
    else:
        echo(format_text(findings, path.name, style=_style_severity))
    counted = tally(findings)  # the exit code follows the counts the report printed
    if counted.errors:
        ctx.exit(Exit.ERRORS)
    elif strict and counted.warnings:
        ctx.exit(Exit.NOT_CLEAN)


def _ci_reports(checked, fmt: str, junit: Path | None, strict: bool) -> None:
    """The JUnit file (when asked for) and, for --format github, the annotations."""
    from .present import github_annotations, junit_xml

    if fmt == "github":
        for line in github_annotations(checked):
            echo(line)
    if junit is not None:
        from .output import write_atomic

        write_atomic(junit, junit_xml(checked, strict=strict))


def _check_many(ctx: click.Context, inputs, fmt: str, strict: bool, jobs: int | None,
                junit: Path | None = None) -> None:
    import json

    from .batch import FAILED, run_batch, summary_table

    result = run_batch([str(i) for i in inputs], None, jobs=jobs, check_only=True,
                       write_files=False)
    _ci_reports(_checked(result), "", junit, strict)  # the file first
    if fmt == "json":
        echo(json.dumps([r.as_dict() for r in result.agencies], ensure_ascii=False, indent=1))
    else:
        _ci_reports(_checked(result), fmt, None, strict)
        echo(summary_table(result))
    if any(r.status == FAILED for r in result.agencies):
        ctx.exit(Exit.UNREADABLE)
    if any(r.errors for r in result.agencies):
        ctx.exit(Exit.ERRORS)
    if strict and any(r.warnings for r in result.agencies):
        ctx.exit(Exit.NOT_CLEAN)


def _checked(result) -> list:
    """Each workbook of a batch as CI reports it."""
    from .present import Checked

    return [Checked(str(r.workbook), r.agency, r.findings if r.errors is not None else None,
                    r.message) for r in result.agencies]


def _convert(ctx: click.Context, files: list[Path], outdir: Path | None) -> None:
    """PDFs of ``files`` with one LibreOffice run per output folder (beside each file if None)."""
    from .convert import ConversionError
    from .pipeline import to_pdfs

    groups: dict[Path, list[Path]] = {}
    for f in files:
        groups.setdefault(outdir if outdir is not None else f.parent, []).append(f)
    failed: ConversionError | None = None
    for target, group in groups.items():
        try:
            pdfs = to_pdfs(group, target)
        except ConversionError as exc:
            failed, pdfs = exc, exc.converted
        _echo_pdfs(pdfs, group)
    if failed is not None:
        raise failed


WORD_SUFFIXES = (".docx", ".docm", ".doc")


@main.command(short_help="แปลงไฟล์ Word เป็น PDF / Convert Word files to PDF.")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="โฟลเดอร์ผลลัพธ์ (เริ่มต้น: ข้างไฟล์เดิม) / Output folder [default: beside "
                   "each file].")
@click.pass_context
def pdf(ctx: click.Context, files: tuple[Path, ...], outdir: Path | None) -> None:
    """แปลงไฟล์ Word เป็น PDF (LibreOffice ด้วยฟอนต์ที่ขนาดตรงกับ TH SarabunPSK)

    Convert Word files (.docx) to PDF with one LibreOffice run.
    """
    for f in files:
        if f.suffix.lower() not in WORD_SUFFIXES:  # a wrong name on the command line
            raise UsageError(
                f"แปลงเป็น PDF ได้เฉพาะไฟล์ Word ({', '.join(WORD_SUFFIXES)}) ไม่ใช่ {f.suffix or f.name}",
                f"Only Word files ({', '.join(WORD_SUFFIXES)}) are converted to PDF, not "
                f"{f.suffix or f.name}.", where=str(f))
    _convert(ctx, list(files), outdir)


@main.command(short_help="ตรวจความพร้อมของเครื่อง / What this machine has.")
@click.argument("trackers", nargs=-1,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--no-probe", is_flag=True,
              help="ไม่ทดลองแปลง PDF / Skip the test conversion.")
@click.pass_context
def doctor(ctx: click.Context, trackers: tuple[Path, ...], no_probe: bool) -> None:
    """ตรวจความพร้อมของเครื่อง: Python, xlwings, LibreOffice, ฟอนต์ไทย และขนาดตัวอักษรใน PDF
    และ Python ที่สมุดงานแต่ละเล่ม (TRACKERS) ใช้ (Interpreter_Win ในแผ่นงาน xlwings.conf)

    Report what this machine has for ita-xl: Python, LibreOffice, Thai fonts; and whether the
    Python each of TRACKERS names (xlwings.conf's Interpreter_Win) exists.
    """
    from . import doctor as doc

    checks = doc.collect(probe=not no_probe, trackers=trackers)
    echo(doc.render(checks))
    if any(c.ok is False for c in checks):
        ctx.exit(Exit.NOT_CLEAN)


@main.command(short_help="เอกสารของหลายหน่วยงาน / Documents for many agencies.")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="โฟลเดอร์ผลลัพธ์ หนึ่งโฟลเดอร์ย่อยต่อหน่วยงาน / Output folder: one sub-folder "
                   "per agency.")
@click.option("--pdf", is_flag=True, help="แปลงเป็น PDF ด้วย / Also make PDFs.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="จำนวนโปรเซส / Worker processes [default: number of CPUs].")
@click.option("--force", is_flag=True,
              help="สร้างเอกสารแม้ตรวจพบข้อผิดพลาด / Write documents even where the checks "
                   "find errors.")
@click.option("--check-only", is_flag=True,
              help="ตรวจอย่างเดียว ไม่สร้างเอกสาร / Check only: summary and findings, no "
                   "documents.")
@click.option("--format", "fmt", type=click.Choice(["text", "github"]), default="text",
              show_default=True,
              help="รูปแบบรายงาน (github: คำอธิบายประกอบใน GitHub Actions ก่อนตารางสรุป) / "
                   "Report format (github: GitHub Actions annotations before the table).")
@JUNIT_OPTION
@EMBLEM_OPTION
@TEMPLATES_OPTION
@click.pass_context
def batch(ctx: click.Context, inputs: tuple[str, ...], outdir: Path, pdf: bool,
          jobs: int | None, force: bool, check_only: bool, fmt: str, junit: Path | None,
          emblem: Path | None, templates: Path | None) -> None:
    """สร้างเอกสารของหลายหน่วยงานพร้อมกัน: ระบุสมุดงาน โฟลเดอร์ หรือรูปแบบ เช่น "อำเภอ*/*.xlsm"

    แต่ละหน่วยงานอยู่ใน OUTDIR/<ชื่อหน่วยงาน>; summary.csv และ summary.json สรุปทุกสมุดงาน
    (ปีงบประมาณ รอบ รหัสข้อผิดพลาดและคำเตือน) และ OUTDIR/findings/ เก็บผลตรวจของแต่ละหน่วยงาน
    สมุดงานที่ตรวจพบข้อผิดพลาดจะไม่ได้เอกสาร (เว้นแต่ใช้ --force) เช่นเดียวกับ generate
    รหัสออก: 0 สำเร็จทุกสมุดงาน, 1 มีสมุดงานที่ล้มเหลวหรือพบข้อผิดพลาด, 64 พิมพ์คำสั่งไม่ถูกต้อง;
    กด Ctrl-C จะหยุดงาน เขียนสรุปผล (แถวที่ยังไม่เสร็จมีเครื่องหมาย) แล้วออกด้วยรหัส 130

    Documents for many agencies: INPUTS are workbooks, folders or globs ("**/*.xlsm" for
    sub-folders).  Each agency goes to OUTDIR/<agency>; summary.csv and summary.json list every
    workbook, OUTDIR/findings/ holds each agency's findings.  As with generate, a workbook
    whose checks find errors gets no documents unless --force.  Exit code 0 when every
    workbook went through, 1 when any failed or its checks found errors, 64 a wrong command
    line; Ctrl-C writes the summary (unfinished rows marked) and exits 130.
    """
    from .batch import SUMMARY_CSV, SUMMARY_JSON, run_batch, summary_table
    from .pipeline import find_emblem
    from .resources import templates_dir

    if emblem is not None:
        find_emblem(templates or templates_dir(), emblem)  # a missing picture: say so first
    bars: dict[str, object] = {}

    def progress(stage: str, advance: int, total: int) -> None:
        if stage not in bars:
            for bar in bars.values():
                bar.render_finish()
            label = {"documents": "เอกสาร / documents", "pdf": "PDF / PDFs"}.get(stage, stage)
            if check_only and stage == "documents":
                label = "ตรวจ / checks"
            bars[stage] = click.progressbar(length=max(total, 1), label=label, file=sys.stderr,
                                            show_pos=True, show_eta=True)
            bars[stage].render_progress()
        if advance:
            bars[stage].update(advance)

    # Progress bars only for a person at a terminal: on a pipe or in a CI log they would be
    # stray lines (click prints a bar's label once when it cannot redraw it).
    shown = progress if console.is_terminal(sys.stderr) else None
    try:
        result = run_batch(inputs, outdir, pdf=pdf, jobs=jobs, progress=shown, force=force,
                           templates=templates, emblem=emblem, check_only=check_only)
    except KeyboardInterrupt:
        for bar in bars.values():
            bar.render_finish()
        echo(err=True)
        echo(f"สรุปผลถึงตอนที่ยกเลิก / summary until interrupted: {outdir / SUMMARY_CSV}",
             err=True)
        raise
    finally:
        for bar in bars.values():
            bar.render_finish()
    _ci_reports(_checked(result), "", junit, False)  # the file first
    _ci_reports(_checked(result), fmt, None, False)
    echo(summary_table(result))
    echo(f"สรุปผล / summary: {outdir / SUMMARY_CSV}, {outdir / SUMMARY_JSON}")
    if result.failed:
        ctx.exit(Exit.NOT_CLEAN)


ROUND_CHOICES = {"6": "รอบ ๖ เดือน", "12": "รอบ ๑๒ เดือน"}


@main.command(short_help="สร้างสมุดงานใหม่ / A new agency's tracker.")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--agency", default=None,
              help="ชื่อหน่วยงาน เช่น \"เทศบาลตำบลเมืองหงส์\" / The agency's name.")
@click.option("--year", type=click.IntRange(2500, 2700), default=None,
              help="ปีงบประมาณ พ.ศ. เช่น 2570: ตัวชี้วัด เกณฑ์ และข้อ OIT ตามกรอบของปีนั้น / "
                   "Fiscal year (B.E.): that year's framework fills the lists.")
@click.option("--round", "round_", type=click.Choice(list(ROUND_CHOICES)), default=None,
              help="รอบการรายงาน 6 หรือ 12 เดือน / Reporting round, 6 or 12 months.")
@click.option("--type", "kind", default=None,
              help="ประเภทหน่วยงาน (เทศบาลตำบล, อบต., อบจ., เมืองพัทยา, กรุงเทพมหานคร, "
                   "ส่วนราชการส่วนกลาง …) / Agency type.")
@click.option("--from", "from_", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="LAST_YEAR.xlsm",
              help="เริ่มจากสมุดงานปีที่แล้ว: คงการตั้งค่า ผู้ลงนาม แผน และตัวชี้วัด ล้างผลและวันที่ "
                   "เลื่อนปีงบประมาณ / Start from last year's tracker: settings, people, plan and "
                   "indicators kept, results and dates emptied, the year moved on.")
@click.option("--framework", "framework_file", type=click.Path(dir_okay=False, path_type=Path),
              default=None, metavar="FILE.toml",
              help="ไฟล์กรอบการประเมินของปี (แบบเดียวกับ ita_xl/data/frameworks) ใช้กับ --year "
                   "เช่นปีที่โปรแกรมยังไม่มีข้อมูล / A framework file (the shipped files' schema) "
                   "for --year, e.g. a year the data does not know yet.")
@click.pass_context
def init(ctx: click.Context, path: Path | None, agency: str | None, year: int | None,
         round_: str | None, kind: str | None, from_: Path | None,
         framework_file: Path | None) -> None:
    """สร้างสมุดงานติดตามผลสำหรับหน่วยงานใหม่ (PATH เริ่มต้น ITA_tracker.xlsm; ไม่เขียนทับไฟล์เดิม)

    ตัวชี้วัดและเกณฑ์ผ่านกรอกไว้ให้ (ถ้าระบุ --year ตามกรอบการประเมินของปีนั้น)
    --from: สมุดงานของปีงบประมาณถัดไปจากสมุดงานปีที่แล้ว (คงแผน ผู้ลงนาม ตัวชี้วัด ล้างผลและวันที่)
    แล้วแสดงรายการที่ต้องกรอก

    Write an empty tracker for a new agency (never overwrites a file).  The ITA indicators and
    the pass mark are filled in (with --year, from that fiscal year's framework data; facts the
    data does not know are left for the clerk).  With --from, next fiscal year's tracker from
    last year's (PATH default ITA_tracker_<year>.xlsm; --year, --agency, --round, --type apply
    on top); the checks then list what must be filled in.
    """
    from . import agencies
    from .framework import load_file
    from .newtracker import init_tracker

    given = None
    if framework_file is not None:
        if year is None or from_ is not None:
            raise click.UsageError(
                "--framework ใช้คู่กับ --year (ไม่ใช้กับ --from) / --framework goes with --year "
                "(not with --from).")
        given = load_file(framework_file, year)  # checked on load: names the file and the fact

    if kind is not None:  # --type takes the names of the tracker's list, or the abbreviations
        found = agencies.from_text(kind)
        if found is None:
            raise click.BadParameter(
                f"ไม่รู้จักประเภทหน่วยงาน {kind.strip()} ใช้ได้: {', '.join(agencies.TYPES)} / "
                "unknown agency type", param_hint="--type")
        kind = found.name
    new = init_tracker(path, agency=agency, year=year, kind=kind, last_year=from_,
                       round_label=ROUND_CHOICES.get(round_) if round_ else None,
                       framework=given, framework_file=framework_file)
    carry = new.carried
    if carry is None:
        echo(f"สร้างสมุดงานเปล่าแล้ว / wrote an empty tracker: {new.path}")
        if given is not None:
            echo(f"ใช้กรอบการประเมินจากไฟล์ {framework_file.name} / framework from "
                 f"{framework_file.name}")
        if new.unknown:
            from .present import unknown_facts_line

            fw = new.framework
            echo(unknown_facts_line(year, new.unknown, fw.unofficial if fw else None))
        echo("เปิดใน Excel กรอกแผ่นงาน ตั้งค่า ก่อน แล้วจึงกรอกตาราง (ช่องสีเหลืองคือช่องที่ต้องพิมพ์) / "
             "Open it in Excel, fill in the settings sheet first, then the tables (yellow cells "
             "are yours to type).")
        return
    echo(f"สร้างสมุดงานปีงบประมาณ {carry.fiscal_year} จาก {from_.name} แล้ว / "
         f"wrote the tracker of fiscal year {carry.fiscal_year} from {from_.name}: {new.path}")
    for th, en in carry.changes:
        echo(f"  - {th} / {en}")
    echo("ล้างแล้ว ต้องกรอกใหม่เมื่อมีผลการประเมินและบันทึกฉบับใหม่ / emptied, to type anew:")
    for th, en in carry.to_type:
        echo(f"  - {th} / {en}")
    echo("คงไว้จากปีที่แล้ว (ตรวจว่ายังถูกต้อง) / kept from last year (check they still hold):")
    for th, en in carry.kept:
        echo(f"  = {th} / {en}")
    for th, en in carry.notes:
        echo(f"  ! {th} / {en}")
    _echo_to_fill(new.path)


def _echo_to_fill(path: Path) -> None:
    """What the checks find in a new tracker: the list of what must be filled in."""
    from .pipeline import check as read_and_check
    from .present import format_text

    findings = read_and_check(path).findings
    if findings:
        echo("สิ่งที่ต้องกรอกหรือตรวจ (ita-xl check) / What to fill in or check:")
        echo(format_text(findings, path.name, fixes=False))


@main.command("import", short_help="นำเข้าจาก Word / Last year's Word files into a tracker.")
@click.argument("report", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("memo", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="สมุดงานที่จะสร้าง [เริ่มต้น ITA_tracker.xlsm] / The new tracker "
                   "[default: ITA_tracker.xlsm].")
@click.pass_context
def import_(ctx: click.Context, report: Path, memo: Path | None, output: Path | None) -> None:
    """นำเข้ารายงานผลและบันทึกข้อความ (.docx) ที่พิมพ์ใน Word เป็นสมุดงานใหม่

    ทุกค่าที่นำเข้าแสดงในแผ่นงาน ตรวจทานการนำเข้า (ที่มาในเอกสาร → ช่องในสมุดงาน) พร้อมความเห็นที่ช่อง
    ตรวจทีละค่าแล้วเรียก ita-xl check ข้อความที่ไม่มีช่องให้ใส่แสดงไว้ด้วย ไฟล์ Word อ่านอย่างเดียว

    Make a tracker from last year's report (and memo) typed in Word (.docx).  Every imported value is listed on the sheet ตรวจทานการนำเข้า (source paragraph or table
    cell → tracker cell) and carries a comment: check each one, then run `ita-xl check`.
    Text that found no place is listed there too. The Word files are only read.
    """
    from .newtracker import import_tracker

    written, imported = import_tracker(report, memo, output)
    counts = (len(imported.values), len(imported.leftovers))
    echo(f"นำเข้าแล้ว {counts[0]} ค่า ข้อความที่ไม่ได้นำเข้า {counts[1]} รายการ: {written}\n"
         f"imported {counts[0]} values, {counts[1]} pieces of text not placed: {written}")
    echo("ตรวจทานทุกค่าในแผ่นงาน ตรวจทานการนำเข้า แล้วเรียก ita-xl check / "
         "Review every value on the sheet ตรวจทานการนำเข้า, then run `ita-xl check`.")
    _echo_to_fill(written)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
