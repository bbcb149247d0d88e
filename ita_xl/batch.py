"""Many agencies at once: ``ita-xl batch INPUTS… -o OUTDIR [--pdf] [--jobs N]``.

:func:`find_workbooks` turns folders (every ``.xlsx``/``.xlsm`` directly inside, Excel's lock
files ``~$…`` skipped), globs and files into a list of workbooks.  :func:`run_batch` then

1. reads, checks, renders and writes each workbook in a pool of worker processes (one per core by
   default), a few workbooks per task so the per-task overhead stays small.  The checks gate is
   the one of ``generate``: errors mean no documents for that agency (status ``checks failed``)
   unless ``force``.  Each agency is written to a private staging folder inside OUTDIR; nothing
   is kept in memory but a small result record per agency;
2. gives every agency its own folder ``OUTDIR/<agency name>`` (``output.safe_name``; a second
   agency of the same name gets ``<agency name> (<workbook name>)``, decided in input order so
   the names are the same on every run) and moves the documents there;
3. with ``pdf=True``, converts every document of the batch with a few large LibreOffice runs
   (``convert.to_pdf``, up to ``convert.CHUNK_SIZE`` documents per run, one run per worker at a
   time) instead of one LibreOffice process per document;
4. writes ``summary.csv`` (UTF-8 with BOM, so Excel shows Thai) and ``summary.json``, with each
   agency's fiscal year, round, rating, the codes of its errors and warnings, and its findings in
   ``OUTDIR/findings/<agency folder name>.txt`` (the report of ``ita-xl check``).

``check_only=True`` stops after the checks (``batch --check-only``, ``check`` over many
workbooks): one summary, no documents.  Ctrl-C stops the workers (they ignore it between tasks,
so none prints a traceback), marks every agency not yet finished ``unfinished``, writes the
summary, removes the staging and LibreOffice profile folders and re-raises ``KeyboardInterrupt``.

A workbook that cannot be read, rendered or written is reported (status ``failed``) and the others
go on; the input workbooks are only ever read.  Staged files are not fsync'ed one by one (that
would cost more than rendering); each is moved into place with ``os.replace``, so a reader never
sees half a document.
"""
from __future__ import annotations

import contextlib
import csv
import glob
import io
import json
import math
import os
import re
import secrets
import shutil
import sys
import signal
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import procs
from .output import safe_name, variant_name, write_atomic
from .present import error_line

__all__ = ["AgencyResult", "BatchResult", "find_workbooks", "run_batch", "write_summary",
           "summary_table", "SUMMARY_CSV", "SUMMARY_JSON", "STAGES"]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
LOCK_PREFIX = "~$"  # Excel's owner file beside an open workbook
SUMMARY_CSV = "summary.csv"
SUMMARY_JSON = "summary.json"
FINDINGS_DIR = "findings"  # OUTDIR/findings/<agency folder name>.txt
STAGES = ("read", "check", "render", "write", "pdf")
#: At most this many workbooks go to one worker task.
MAX_TASK_SIZE = 25

#: Status of a row: documents written (or, with check_only, checked); nothing written
#: (unreadable, or the checks found errors); documents written but not all PDFs; Ctrl-C came first.
OK, FAILED, CHECKS_FAILED, PDF_FAILED = "ok", "failed", "checks failed", "pdf failed"
UNFINISHED = "unfinished"
UNFINISHED_MESSAGE = "ยกเลิก (Ctrl-C) ก่อนทำเสร็จ / interrupted (Ctrl-C) before it was done"

Progress = Callable[[str, int, int], None]  # (stage, advance, total)


@dataclass
class AgencyResult:
    """One workbook of the batch: what came out of it, or why nothing did."""

    index: int
    workbook: Path
    agency: str = ""
    folder: Path | None = None
    status: str = OK
    message: str = ""
    errors: int | None = None  # findings of the checks (None: the workbook was not read)
    warnings: int | None = None  # not counting warnings acknowledged in the workbook
    fiscal_year: Any = None
    round: Any = None
    rating: str = ""  # last year's grade/rating as typed, or the band of the typed score
    error_codes: list[str] = field(default_factory=list)
    warning_codes: list[str] = field(default_factory=list)
    findings_file: Path | None = None  # OUTDIR/findings/<name>.txt once placed
    slug: str = ""  # the agency's folder name (also names its findings file)
    forced: bool = False  # written despite errors (force=True)
    documents: list[Path] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # an earlier run's documents, now stale
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    staged: Path | None = field(default=None, repr=False)
    staged_findings: Path | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.status == OK

    def as_dict(self, outdir: Path | None = None) -> dict[str, Any]:
        def rel(path: Path | None) -> str:
            if path is None:
                return ""
            try:
                return str(path.relative_to(outdir)) if outdir else str(path)
            except ValueError:
                return str(path)

        return {
            "agency": self.agency,
            "workbook": str(self.workbook),
            "folder": rel(self.folder),
            "fiscal_year": self.fiscal_year,
            "round": self.round,
            "rating": self.rating,
            "errors": self.errors,
            "warnings": self.warnings,
            "error_codes": " ".join(self.error_codes),
            "warning_codes": " ".join(self.warning_codes),
            "findings": rel(self.findings_file),
            "documents": [p.name for p in self.documents],
            "removed": list(self.removed),
            "status": self.status,
            "message": self.message,
            "timings_ms": {k: round(v * 1000, 1) for k, v in self.timings.items()},
        }


@dataclass
class BatchResult:
    outdir: Path
    agencies: list[AgencyResult]
    pdf: bool = False
    jobs: int = 1
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)  # wall time per phase
    peak_rss_worker_kb: int = 0  # largest worker process (the main process when jobs=1)
    peak_rss_soffice_kb: int = 0  # largest LibreOffice process
    check_only: bool = False
    interrupted: bool = False  # Ctrl-C: rows not done are UNFINISHED

    @property
    def failed(self) -> list[AgencyResult]:
        return [a for a in self.agencies if not a.ok]

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def documents(self) -> int:
        return sum(len(a.documents) for a in self.agencies)


# --- inputs ----------------------------------------------------------------------------------------
def _is_workbook_name(path: Path) -> bool:
    return path.suffix.lower() in WORKBOOK_SUFFIXES and not path.name.startswith(LOCK_PREFIX)


def _has_magic(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def find_workbooks(inputs: Iterable[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand ``inputs``; return (workbooks in a stable order, [(input, problem)]).

    A folder gives the workbooks directly inside it (sorted by name); a glob (``*``, ``?``,
    ``[…]``, ``**`` for sub-folders; expanded here too, as Windows shells do not) gives its
    matches; a file is taken as it is.  Duplicates are dropped; an input that matches nothing
    is returned as a problem.
    """
    found: list[Path] = []
    seen: set[str] = set()
    problems: list[tuple[str, str]] = []

    def add(path: Path) -> None:
        key = os.path.normcase(os.path.abspath(path))
        if key not in seen:
            seen.add(key)
            found.append(path)

    for raw in inputs:
        text = str(raw)
        path = Path(text)
        if path.is_dir():
            items = sorted((p for p in path.iterdir() if p.is_file() and _is_workbook_name(p)),
                           key=lambda p: p.name)
            if not items:
                problems.append((text, _empty_folder_problem(path)))
            for p in items:
                add(p)
        elif path.exists():
            add(path)
        elif _has_magic(text):
            items = sorted(Path(p) for p in glob.glob(text, recursive=True))
            items = [p for p in items if p.is_file() and _is_workbook_name(p)]
            if not items:
                problems.append((text, "ไม่มีสมุดงานที่ตรงกับรูปแบบนี้ / no workbook matches "
                                       "this pattern"))
            for p in items:
                add(p)
        else:
            problems.append((text, "ไม่พบไฟล์หรือโฟลเดอร์ / file or folder not found"))
    return found, problems


def _empty_folder_problem(path: Path) -> str:
    """Why a folder gave no workbook; for a folder of district folders, the glob that would."""
    subdirs = [p for p in path.iterdir() if p.is_dir()]
    nested = any(_is_workbook_name(p) for d in subdirs for p in d.rglob("*")
                 if p.is_file()) if subdirs else False
    if nested:
        pattern = str(path / "**" / "*.xlsm")
        return ("ไม่มีสมุดงานในโฟลเดอร์นี้โดยตรง แต่มีในโฟลเดอร์ย่อย ใช้รูปแบบ "
                f"\"{pattern}\" (ใส่เครื่องหมายคำพูด) เพื่อรวมทุกโฟลเดอร์ย่อย / "
                "no workbook directly in this folder, but its sub-folders have some: "
                f"use the pattern \"{pattern}\" (in quotes) to take every sub-folder")
    return "ไม่มีสมุดงาน .xlsx/.xlsm ในโฟลเดอร์นี้ / no .xlsx/.xlsm workbook in this folder"


# --- the work of one worker ------------------------------------------------------------------------
def _count(result: AgencyResult, findings) -> None:
    shown = [f for f in findings if not getattr(f, "acknowledged", False)]
    result.errors = sum(1 for f in shown if f.is_error)
    result.warnings = len(shown) - result.errors
    result.error_codes = sorted({f.code for f in shown if f.is_error})
    result.warning_codes = sorted({f.code for f in shown if not f.is_error})


def _stage_findings(result: AgencyResult, findings, staging: Path | None) -> None:
    """The agency's findings as ``ita-xl check`` prints them, staged until its name is known."""
    if staging is None or not findings:
        return
    from .present import format_text

    path = staging / f"{result.index:06d}.findings.txt"
    path.write_text(format_text(findings, result.workbook.name) + "\n", encoding="utf-8-sig")
    result.staged_findings = path


def _rating(settings) -> str:
    """Last year's result as the tracker states it: the grade typed, else the band of the typed
    overall score in the year's framework (when its scale is known), else blank."""
    grade = settings.overall_grade
    if grade is not None and str(grade).strip():
        return str(grade).strip()
    score = settings.overall_score
    if isinstance(score, (int, float)) and not isinstance(score, bool):
        from .framework import load

        fw = load(settings.fiscal_year)
        band = fw.band_for(float(score)) if fw is not None else None
        if band is not None:
            return band.label
    return ""


def _process_one(index: int, workbook: Path, staging: Path | None, templates: Path | None,
                 force: bool, emblem: Path | None = None,
                 check_only: bool = False) -> AgencyResult:
    """The pipeline (the gate of ``generate``), staged, with the time of each step; with
    ``check_only`` it stops after the checks."""
    from .checks import has_errors
    from .errors import ChecksFailed
    from .pipeline import Run, check, prepare

    result = AgencyResult(index, workbook)
    run = Run(on_stage=lambda stage, seconds: result.timings.__setitem__(stage, seconds))
    try:
        try:
            if check_only:
                check(workbook, run)
            else:
                prepare(workbook, templates=templates, force=force, emblem=emblem, run=run)
        finally:  # what the stages found before one of them stopped
            if run.tracker is not None:
                s = run.tracker.settings
                result.agency = str(s.agency or "").strip()
                result.fiscal_year, result.round = s.fiscal_year, s.round
                result.rating = _rating(s)
            if "check" in run.timings:
                _count(result, run.findings)
        if check_only:
            if has_errors(run.findings):
                result.status = CHECKS_FAILED
            _stage_findings(result, run.findings, staging)
            return result
        _stage_findings(result, run.findings, staging)
        result.forced = run.forced
        if result.forced:
            result.message = (f"สร้างแม้มีข้อผิดพลาด {result.errors} รายการ (--force) / "
                              f"written despite {result.errors} error(s) (--force)")
            typed = run.cleaned.typed_cells()
            if typed:  # --force never changes data: say which cells were printed as typed
                result.message += (f"; พิมพ์ตามที่พิมพ์ไว้ / printed as typed: "
                                   f"{', '.join(typed)}")
        run.tracker = None
        clock = time.perf_counter
        t = clock()
        folder = staging / f"{index:06d}"
        folder.mkdir(parents=True, exist_ok=True)
        rendered = run.documents
        while rendered:  # write and drop each document: nothing big stays in memory
            name, data = rendered.popitem()
            (folder / name).write_bytes(data)
            result.documents.append(folder / name)
        result.documents.sort(key=lambda p: p.name)
        result.staged = folder
        result.timings["write"] = clock() - t
    except ChecksFailed as exc:
        result.status, result.message = CHECKS_FAILED, error_line(exc)
        _stage_findings(result, exc.findings, staging)
    except Exception as exc:  # one bad workbook must not stop the batch
        result.status = FAILED
        result.message = error_line(exc)
        result.documents = []
    return result


def _rss() -> tuple[int, int]:
    """Peak RSS in KiB of this process and of its largest finished child (soffice)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0, 0
    scale = 1024 if sys.platform == "darwin" else 1  # bytes on macOS, KiB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // scale
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // scale
    return own, kids


def _work_chunk(items: Sequence[tuple[int, str]], staging: str | None, templates: str | None,
                force: bool, emblem: str | None = None,
                check_only: bool = False) -> tuple[list[AgencyResult], tuple[int, int]]:
    """A worker task: several workbooks in a row (results are small records, no bytes)."""
    tpl = Path(templates) if templates else None
    results = []
    with _task():
        for i, wb in items:
            if _stopping():
                break
            results.append(_process_one(i, Path(wb), Path(staging) if staging else None, tpl,
                                        force, Path(emblem) if emblem else None, check_only))
    return results, _rss()


def _pdf_chunk(items: Sequence[tuple[int, str]], workdir: str,
               timeout: float | None) -> tuple[list[tuple[int, str | None, str]], float, tuple[int, int]]:
    """Convert documents with one ``to_pdf`` call; each PDF goes beside its .docx.

    LibreOffice works in a folder of its own under ``workdir`` (where the main process counts
    the PDFs made so far).  A folder removed meanwhile is not made again: its documents fail,
    the others go on.  Returns [(key, pdf path or None, problem)], the seconds spent and the
    peak RSS.
    """
    from .convert import ConversionError, to_pdf

    start = time.perf_counter()
    if _stopping():
        return [], 0.0, _rss()
    sources = [Path(docx) for _key, docx in items]
    produced: dict[Path, Path] = {}
    problems: dict[Path, str] = {}
    try:
        with _task():
            pdfs = to_pdf(sources, targets=[src.with_suffix(".pdf") for src in sources],
                          timeout=timeout, create_folder=False, work_root=Path(workdir))
        produced = dict(zip(sources, pdfs))
    except ConversionError as exc:
        failed = {Path(p).absolute() for p in exc.failed}
        converted = iter(exc.converted)
        for src in sources:
            if src.absolute() in failed:
                problems[src] = exc.reasons.get(src.absolute()) or error_line(exc, where=False)
            else:
                produced[src] = next(converted)
    except Exception as exc:  # anything else: this chunk has no PDFs, the batch goes on
        problems = {src: error_line(exc) for src in sources}
    out = [(key, str(produced[src]) if src in produced else None,
            "" if src in produced else f"{src.name}: {problems.get(src, 'no PDF')}")
           for (key, _docx), src in zip(items, sources)]
    return out, time.perf_counter() - start, _rss()


# --- Ctrl-C ---------------------------------------------------------------------------------------
# A terminal's Ctrl-C reaches every process of the group.  A worker waiting for its next task
# would die with a traceback; so a worker ignores it between tasks and stops the task it is in
# (LibreOffice killed, temp folders removed by the code's own clean-up).  The main process sets
# _STOP so a worker that already holds its next task does not start it.
# A shared byte read without a lock: a worker interrupted while holding the lock of an Event
# would leave it held, and the main process would hang setting it.
_STOP = None  # multiprocessing RawValue in a worker; None in the main process
_IN_TASK = False


def _on_sigint(signum, frame) -> None:
    if _IN_TASK:
        raise KeyboardInterrupt


class _task:
    """Marks the worker as busy: Ctrl-C now interrupts the work (else it is ignored)."""

    def __enter__(self):
        global _IN_TASK
        _IN_TASK = True

    def __exit__(self, *exc):
        global _IN_TASK
        _IN_TASK = False
        return False


@contextlib.contextmanager
def _sigint_held():
    """Hold Ctrl-C while worker processes are forked, and act on it afterwards.

    Raised in the middle of a fork, KeyboardInterrupt is swallowed by the fork hooks
    ("Exception ignored …") or leaves a forked worker that the pool does not know, waiting
    for work forever.  Blocking the signal is not enough (a library's thread, e.g. numpy's
    BLAS, may take it for the process), so the Python handler only notes it here; the forked
    children start with that handler until ``_warm_up`` installs theirs.
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: noted.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if noted:
            raise KeyboardInterrupt


def _stopping() -> bool:
    return _STOP is not None and bool(_STOP.value)


def _warm_up(stop=None) -> None:
    """Worker initializer: Ctrl-C handling, and the heavy imports once per process, not per task."""
    global _STOP
    if stop is not None:  # in a worker
        _STOP = stop
        signal.signal(signal.SIGINT, _on_sigint)
        # The parent's SIGTERM/SIGHUP handlers (procs.handle_termination) are not for workers:
        # a terminated worker ends at once (its LibreOffice guard then stops LibreOffice).
        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_DFL)
        procs.die_with_parent()
    import docxtpl  # noqa: F401
    import openpyxl  # noqa: F401

    from . import checks, pipeline, reader, render  # noqa: F401


# --- folders ---------------------------------------------------------------------------------------
def _assign_folders(results: list[AgencyResult], outdir: Path | None) -> None:
    """Decide each agency's folder name in input order: the first keeps the plain name.

    Every agency that was read gets a name (it also names its findings file); the folder is
    made only for agencies with documents.  A later agency of the same name gets
    ``<name> (<workbook>)``, then ``<name> (<workbook> 2)``, … (``output.variant_name`` keeps
    the number whatever the lengths, so this always ends).  Names are compared as Windows
    compares them (case-insensitive), and the summary files' names are never given to a folder.
    """
    used: set[str] = {SUMMARY_CSV.casefold(), SUMMARY_JSON.casefold(), FINDINGS_DIR.casefold()}
    for r in sorted(results, key=lambda r: r.index):
        if r.staged is None and r.staged_findings is None:
            continue
        stem = safe_name(r.workbook.stem, fallback="workbook")
        base = safe_name(r.agency, fallback=safe_name(r.workbook.stem))
        name, n = base, 1
        while name.casefold() in used:
            name = variant_name(base, stem, n)
            n += 1
        used.add(name.casefold())
        r.slug = name
        if r.staged is not None and outdir is not None:
            r.folder = outdir / name


def _move_into_place(r: AgencyResult) -> None:
    """Move the staged documents into the agency's folder (replacing an earlier run's)."""
    assert r.folder is not None and r.staged is not None
    r.folder.mkdir(parents=True, exist_ok=True)
    procs.sweep(r.folder)  # temporary files of a killed run
    placed = []
    for doc in r.documents:
        target = r.folder / doc.name
        try:
            os.replace(doc, target)
        except PermissionError:  # the old file is open in Word (Windows): numbered name
            target = write_atomic(target, doc.read_bytes()).path
        placed.append(target)
    r.documents = placed
    shutil.rmtree(r.staged, ignore_errors=True)
    r.staged = None


#: The documents ita-xl writes into an agency folder (``ITA2565_6m_memo.docx``, a numbered
#: ``… (2).pdf`` when the first name was locked): what an earlier run may have left there.
_DOCUMENT_NAME = re.compile(r"^ITA.+_(memo|report)( \(\d+\))?\.(docx|pdf)$", re.IGNORECASE)


def _previous_folders(outdir: Path) -> dict[str, Path]:
    """workbook → agency folder, from the summary.json an earlier run left in ``outdir``."""
    try:
        data = json.loads((outdir / SUMMARY_JSON).read_text(encoding="utf-8"))
        rows = data["agencies"]
        return {str(row["workbook"]): outdir / row["folder"] for row in rows
                if isinstance(row, dict) and row.get("folder")}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _remove_stale(r: AgencyResult, outdir: Path, previous: dict[str, Path]) -> None:
    """A workbook that now fails must not leave last run's documents to be published: remove
    them from its folder (and from the folder the previous summary names for it) and say so."""
    own = outdir / r.slug if r.slug else None  # the folder it has when its documents are made
    folders = [f for f in (own, previous.get(str(r.workbook))) if f is not None]
    root = outdir.resolve()
    for folder in dict.fromkeys(folders):
        try:
            if root not in folder.resolve().parents or not folder.is_dir():
                continue  # never outside OUTDIR, whatever an old summary says
            stale = sorted(p for p in folder.iterdir()
                           if p.is_file() and _DOCUMENT_NAME.match(p.name))
        except OSError:
            continue
        for doc in stale:
            try:
                doc.unlink()
            except OSError:
                continue
            r.removed.append(str(doc.relative_to(outdir)) if doc.is_relative_to(outdir)
                             else str(doc))
    if r.removed:
        n = len(r.removed)
        note = (f"ลบเอกสารเก่าของรอบก่อน {n} ไฟล์ (ไม่ตรงกับสมุดงานแล้ว) / removed {n} stale "
                f"document(s) of an earlier run: {', '.join(r.removed)}")
        r.message = f"{r.message}; {note}" if r.message else note
def _place_findings(results: list[AgencyResult], outdir: Path) -> None:
    """OUTDIR/findings/<name>.txt for each agency with findings; an earlier run's files go."""
    folder = outdir / FINDINGS_DIR
    keep = set()
    for r in results:
        if r.staged_findings is None:
            continue
        folder.mkdir(exist_ok=True)
        target = folder / f"{r.slug}.txt"
        try:
            os.replace(r.staged_findings, target)
        except PermissionError:  # open in an editor on Windows
            target = write_atomic(target, r.staged_findings.read_bytes()).path
        r.staged_findings, r.findings_file = None, target
        keep.add(target.name)
    if folder.is_dir():  # a stale findings file would blame an agency for last run's mistakes
        for old in folder.glob("*.txt"):
            if old.name not in keep:
                old.unlink(missing_ok=True)


# --- the batch -------------------------------------------------------------------------------------
def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


def _task_size(count: int, jobs: int) -> int:
    """Workbooks per task: about eight tasks per worker, at most MAX_TASK_SIZE."""
    return max(1, min(MAX_TASK_SIZE, math.ceil(count / (jobs * 8))))


def _new_pool(workers: int, stop):
    import multiprocessing

    method = "fork" if sys.platform.startswith("linux") else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                               initializer=_warm_up, initargs=(stop,))


def run_batch(inputs: Iterable[str | Path], outdir: Path | None, *, pdf: bool = False,
              jobs: int | None = None, templates: Path | None = None,
              progress: Progress | None = None, pdf_chunk: int | None = None,
              force: bool = False, write_files: bool = True, emblem: Path | None = None,
              check_only: bool = False) -> BatchResult:
    """Generate the documents of every workbook in ``inputs`` into ``outdir/<agency>/``.

    ``progress(stage, advance, total)`` is called as work completes (stage ``"documents"``
    counts workbooks, ``"pdf"`` documents, each as LibreOffice writes it).  ``pdf_chunk`` caps
    the documents per LibreOffice run (default: the documents split evenly over the workers, at
    most ``convert.CHUNK_SIZE``).  As in ``generate``, a workbook whose checks find errors gets
    no documents (status ``checks failed``) unless ``force``; the findings are counted per
    agency either way.  ``check_only`` reads and checks only.  The summary files and the
    findings files are written unless ``write_files`` is False (then ``outdir`` may be None).
    Raises only for problems of the whole run (LibreOffice missing with ``pdf=True``, OUTDIR not
    writable) and ``KeyboardInterrupt`` (after writing the summary); a bad workbook becomes a
    ``failed`` row.
    """
    started = time.perf_counter()
    outdir = Path(outdir) if outdir is not None else None
    pdf = pdf and not check_only
    jobs = max(1, jobs or default_jobs())
    workbooks, problems = find_workbooks(inputs)
    results: list[AgencyResult] = []
    for n, (text, problem) in enumerate(problems):
        results.append(AgencyResult(-len(problems) + n, Path(text), status=FAILED, message=problem))
    if pdf:
        from .convert import ensure_converter
        from .fonts import ensure_fonts

        # No Word (Windows) and no LibreOffice: say so now, not after rendering 1,000 agencies
        if ensure_converter() != "word":
            ensure_fonts()  # build the font once, before the workers start
    report = progress or (lambda stage, advance, total: None)
    batch = BatchResult(outdir, results, pdf=pdf, jobs=jobs, check_only=check_only)
    import multiprocessing

    stop = multiprocessing.get_context(
        "fork" if sys.platform.startswith("linux") else None).RawValue("b", 0)
    pool = None
    items = list(enumerate(workbooks))
    staging = pdf_work = None
    try:
        try:
            if outdir is not None and (write_files or not check_only):
                # named before it exists, so a Ctrl-C at any point leaves nothing behind
                staging = outdir / (procs.temp_prefix(".ita-xl-batch-") + secrets.token_hex(4))
                _make_staging(outdir, staging)
            report("documents", 0, len(items))
            t = time.perf_counter()
            if jobs > 1 and len(items) > 1:
                pool = _new_pool(min(jobs, len(items)), stop)
            elif items:
                _warm_up()  # imports before the clock of the first workbook starts
            size = _task_size(len(items), jobs)
            chunks = [[(i, str(wb)) for i, wb in items[s:s + size]]
                      for s in range(0, len(items), size)]
            tpl = str(templates) if templates else None
            emb = str(emblem) if emblem else None
            stage_dir = str(staging) if staging is not None and (write_files or not check_only) \
                else None
            tasks = [(c, stage_dir, tpl, force, emb, check_only) for c in chunks]
            for done, rss in _map(pool, _work_chunk, tasks):
                results.extend(done)
                batch.peak_rss_worker_kb = max(batch.peak_rss_worker_kb, rss[0])
                report("documents", len(done), len(items))
            batch.stage_seconds["documents"] = time.perf_counter() - t

            t = time.perf_counter()
            results.sort(key=lambda r: r.index)
            _assign_folders(results, outdir)
            # A failing agency's documents of an earlier run go (not when only checking).
            clean_up = outdir is not None and write_files and not check_only
            previous = _previous_folders(outdir) if clean_up else {}
            for r in results:
                if clean_up and r.staged is None and not r.ok:
                    _remove_stale(r, outdir, previous)
                    r.folder = None  # nothing of this run is there
                if r.staged is not None:
                    t_move = time.perf_counter()
                    try:
                        _move_into_place(r)
                    except OSError as exc:
                        r.status, r.message = FAILED, error_line(exc)
                        r.documents = []
                    r.timings["write"] = r.timings.get("write", 0) + time.perf_counter() - t_move
            if write_files and outdir is not None:
                _place_findings(results, outdir)
            batch.stage_seconds["place"] = time.perf_counter() - t

            if pdf:
                t = time.perf_counter()
                if pool is None:  # a worker of its own, so the main process can count PDFs
                    pool = _new_pool(1, stop)
                # LibreOffice's work folders go in a private temporary folder (never in
                # OUTDIR, whose name may hold characters LibreOffice misreads); the PDFs made
                # so far are counted there.  Removed once the workers are done.
                pdf_work = procs.temp_dir("ita-xl-pdfs-")
                _convert_all(batch, pdf_work, pool, jobs, pdf_chunk, report)
                batch.stage_seconds["pdf"] = time.perf_counter() - t
        except KeyboardInterrupt:
            stop.value = 1
            batch.interrupted = True
            raise
        except BaseException:  # SIGTERM, a closed terminal, a bug: the workers must not run on
            stop.value = 1
            if pool is not None:
                _abort(pool)
            raise
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
                if batch.interrupted:
                    _end_workers()
    except BaseException as exc:
        _mark_unfinished(batch, items)
        batch.seconds = time.perf_counter() - started
        if write_files and outdir is not None:
            try:  # the summary says what was done, whatever stopped the run
                outdir.mkdir(parents=True, exist_ok=True)
                write_summary(batch)
            except Exception:
                if isinstance(exc, KeyboardInterrupt):
                    raise
        raise
    finally:
        for folder in (staging, pdf_work):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
    own, kids = _rss()
    if pool is None:
        batch.peak_rss_worker_kb = max(batch.peak_rss_worker_kb, own)
        batch.peak_rss_soffice_kb = max(batch.peak_rss_soffice_kb, kids)
    batch.seconds = time.perf_counter() - started
    if write_files and outdir is not None:
        write_summary(batch)
    return batch


def _end_workers() -> None:
    """After Ctrl-C: no worker may outlive the batch (an idle one left waiting for work would
    keep the terminal's pipes open).  They were asked to stop; end any that did not."""
    import multiprocessing

    for child in multiprocessing.active_children():
        child.join(timeout=2)
        if child.is_alive():
            child.terminate()
            child.join(timeout=2)


def _make_staging(outdir: Path, staging: Path) -> None:
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        procs.sweep(outdir)  # the staging folder of a killed run
        staging.mkdir(mode=0o700)
    except OSError as exc:
        from .errors import OutputError

        raise OutputError(f"สร้างโฟลเดอร์ผลลัพธ์ {outdir} ไม่ได้: {exc.strerror}",
                          f"Cannot create the output folder {outdir}: {exc}",
                          where=str(outdir)) from exc


def _abort(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now (not after their current task): terminate, then kill."""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(5)
        if worker.is_alive():
            worker.kill()
            worker.join(5)


def _mark_unfinished(batch: BatchResult, items: list[tuple[int, Path]]) -> None:
    """After Ctrl-C: every workbook without a final result becomes an ``unfinished`` row."""
    done = {r.index: r for r in batch.agencies}
    for index, workbook in items:
        r = done.get(index)
        if r is None:
            batch.agencies.append(AgencyResult(index, workbook, status=UNFINISHED,
                                               message=UNFINISHED_MESSAGE))
        elif r.status == OK and (r.staged is not None or batch.pdf and not any(
                p.suffix.lower() == ".pdf" for p in r.documents)):
            # documents still staged (to be removed) or their PDFs never made
            if r.staged is not None:
                r.documents = []
            r.status, r.message = UNFINISHED, UNFINISHED_MESSAGE
    batch.agencies.sort(key=lambda r: r.index)


def _map(pool, func, argument_tuples):
    """Results of ``func(*args)`` as they complete (in this process when there is no pool)."""
    if pool is None:
        for args in argument_tuples:
            yield func(*args)
        return
    with _sigint_held():
        futures = {pool.submit(func, *args) for args in argument_tuples}
    while futures:
        done, futures = wait(futures, return_when=FIRST_COMPLETED)
        for future in done:
            yield future.result()


def _pdfs_in_progress(workdir: Path) -> int:
    """PDFs LibreOffice has written so far in the chunks still converting."""
    try:
        return sum(1 for _ in workdir.glob("ita-xl-pdf-*/*.pdf"))
    except OSError:
        return 0


def _convert_all(batch: BatchResult, workdir: Path, pool, jobs: int, pdf_chunk: int | None,
                 report: Progress) -> None:
    from .convert import CHUNK_SIZE

    by_index = {r.index: r for r in batch.agencies}
    todo = [(r.index, str(doc)) for r in batch.agencies if r.ok
            for doc in r.documents if doc.suffix.lower() == ".docx"]
    report("pdf", 0, len(todo))
    if not todo:
        return
    size = pdf_chunk or math.ceil(len(todo) / jobs)
    size = max(1, min(size, CHUNK_SIZE))
    chunks = [todo[s:s + size] for s in range(0, len(todo), size)]
    _convert_chunks(batch, by_index, chunks, workdir, pool, len(todo), report)
    for r in batch.agencies:
        # a folder removed meanwhile took its documents along: list only what is there
        r.documents = sorted((p for p in r.documents if p.exists()),
                             key=lambda p: (p.suffix.lower() != ".docx", p.name))


def _convert_chunks(batch: BatchResult, by_index, chunks, workdir: Path, pool, total: int,
                    report: Progress) -> None:
    with _sigint_held():
        futures = {pool.submit(_pdf_chunk, c, str(workdir), None): c for c in chunks}
    finished = shown = 0
    while futures:
        done, _pending = wait(futures, timeout=0.5, return_when=FIRST_COMPLETED)
        for future in done:
            chunk = futures.pop(future)
            try:
                out, seconds, rss = future.result()
            except Exception as exc:  # the worker itself failed (killed, out of memory)
                out, seconds, rss = [(key, None, f"{Path(docx).name}: {error_line(exc)}")
                                     for key, docx in chunk], 0.0, (0, 0)
            finished += len(out)
            share = seconds / max(1, len(out))
            batch.peak_rss_soffice_kb = max(batch.peak_rss_soffice_kb, rss[1])
            for key, pdf, problem in out:
                r = by_index[key]
                r.timings["pdf"] = r.timings.get("pdf", 0) + share
                if pdf:
                    r.documents.append(Path(pdf))
                else:
                    r.status = PDF_FAILED
                    r.message = "; ".join(x for x in (r.message, problem) if x)
        # per document: the PDFs of finished chunks plus those LibreOffice has written so far
        now = min(total, finished + (_pdfs_in_progress(workdir) if futures else 0))
        if now > shown:
            report("pdf", now - shown, total)
            shown = now


# --- the summary -----------------------------------------------------------------------------------
SUMMARY_FIELDS = ("agency", "workbook", "folder", "fiscal_year", "round", "rating", "errors",
                  "warnings", "error_codes", "warning_codes", "findings", "documents", "removed",
                  "status", "message")


def _rows(batch: BatchResult) -> list[dict[str, Any]]:
    rows = []
    for r in batch.agencies:
        d = r.as_dict(batch.outdir)
        d["documents"] = len(r.documents)
        d["removed"] = len(r.removed)
        rows.append({k: d[k] for k in SUMMARY_FIELDS})
    return rows


def write_summary(batch: BatchResult) -> tuple[Path, Path]:
    """``summary.csv`` (UTF-8 with BOM for Excel) and ``summary.json`` in the output folder."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=SUMMARY_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in _rows(batch):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    csv_path = write_atomic(batch.outdir / SUMMARY_CSV, buf.getvalue().encode("utf-8-sig")).path
    data = {
        "outdir": str(batch.outdir),
        "pdf": batch.pdf,
        "check_only": batch.check_only,
        "interrupted": batch.interrupted,
        "jobs": batch.jobs,
        "seconds": round(batch.seconds, 3),
        "workbooks": len(batch.agencies),
        "ok": len(batch.agencies) - len(batch.failed),
        "failed": len(batch.failed),
        "unfinished": sum(1 for r in batch.agencies if r.status == UNFINISHED),
        "documents": batch.documents,
        "stage_seconds": {k: round(v, 3) for k, v in batch.stage_seconds.items()},
        "peak_rss_kb": {"worker": batch.peak_rss_worker_kb, "soffice": batch.peak_rss_soffice_kb},
        "agencies": [r.as_dict(batch.outdir) for r in batch.agencies],
    }
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    json_path = write_atomic(batch.outdir / SUMMARY_JSON, text.encode("utf-8")).path
    return csv_path, json_path


def summary_table(batch: BatchResult, *, max_width: int = 160) -> str:
    """The summary as a text table for the terminal (display widths; long cells shortened)."""
    from .console import table

    def num(value: int | None) -> str:
        return "-" if value is None else str(value)

    head = ("หน่วยงาน/agency", "workbook", "ปี/FY", "รอบ/round", "err", "warn", "codes",
            "docs", "status", "message")
    rows = []
    for r in batch.agencies:
        codes = " ".join(r.error_codes + r.warning_codes)
        rows.append((r.agency or "-", r.workbook.name or str(r.workbook),
                     "" if r.fiscal_year is None else str(r.fiscal_year),
                     "" if r.round is None else str(r.round), num(r.errors), num(r.warnings),
                     codes, str(len(r.documents)), r.status,
                     r.message.splitlines()[0] if r.message else ""))
    caps = (36, 24, 5, 12, 4, 4, 30, 4, 12, 50)
    lines = table(head, rows, caps, max_width)
    ok = len(batch.agencies) - len(batch.failed)
    n = len(batch.agencies)
    lines.append("")
    if batch.check_only:
        lines.append(f"ตรวจแล้ว {n} สมุดงาน ผ่าน (ไม่มีข้อผิดพลาด) {ok} / {n} workbooks checked, "
                     f"{ok} without errors")
    else:
        lines.append(f"สำเร็จ {ok} จาก {n} สมุดงาน, เอกสาร {batch.documents} ไฟล์, "
                     f"{batch.seconds:.1f} วินาที / {ok} of {n} workbooks ok, "
                     f"{batch.documents} documents, {batch.seconds:.1f} s")
    return "\n".join(lines)
