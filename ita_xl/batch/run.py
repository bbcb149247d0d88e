"""``run_batch``: the phases of a batch in order — documents (in the workers, staged), placing
(each agency's folder), PDFs; or, with PDFs and two workers or more, documents and PDFs at once
(``schedule``), then placing — with the summary written whatever stops the run."""
from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from .. import procs
from . import schedule
from .inputs import find_workbooks
from .pdfs import convert_all
from .placing import place, staging_folder
from .records import (FAILED, OK, PDF_FAILED, UNFINISHED, UNFINISHED_MESSAGE, AgencyResult,
                      BatchResult, Progress)
from .summary import write_summary
from .workers import Workers, default_jobs, peak_rss, task_size, warm_up, work_chunk


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
    summary = write_files and outdir is not None
    workbooks, problems = find_workbooks(inputs)
    batch = BatchResult(outdir, _problem_rows(problems), pdf=pdf,
                        jobs=max(1, jobs or default_jobs()), check_only=check_only)
    if pdf:
        _pdf_tools_first()
    report = progress or (lambda stage, advance, total: None)
    items = list(enumerate(workbooks))
    with contextlib.ExitStack() as temporary, \
            _summary_whatever_stops(batch, items, started, summary), Workers() as workers:
        staging = None
        if outdir is not None and (write_files or not check_only):
            staging = temporary.enter_context(staging_folder(outdir))
        tasks = _tasks(items, staging, templates=templates, force=force, emblem=emblem,
                       check_only=check_only, jobs=batch.jobs)
        if pdf and staging is not None and schedule.wanted(batch.jobs, len(items)):
            # both at once: the PDFs made in the staging folder, placed with their documents
            schedule.documents_and_pdfs(batch, tasks, len(items), workers,
                                        _pdf_workdir(temporary), report, pdf_chunk)
            with _timed(batch, "place"):
                place(batch.agencies, outdir, clean_up=summary, findings=summary, pdfs=True)
        else:
            with _timed(batch, "documents"):
                _documents(batch, items, tasks, workers, report)
            with _timed(batch, "place"):
                # A failing agency's documents of an earlier run go (not when only checking).
                place(batch.agencies, outdir, clean_up=summary and not check_only,
                      findings=summary)
            if pdf:
                with _timed(batch, "pdf"):
                    convert_all(batch, _pdf_workdir(temporary), workers, pdf_chunk, report)
    if workers.pool is None:  # all the work was done in this process
        own, kids = peak_rss()
        batch.peak_rss_worker_kb = max(batch.peak_rss_worker_kb, own)
        batch.peak_rss_soffice_kb = max(batch.peak_rss_soffice_kb, kids)
    batch.seconds = time.perf_counter() - started
    if summary:
        write_summary(batch)
    return batch


def _tasks(items: list[tuple[int, Path]], staging: Path | None, *, templates: Path | None,
           force: bool, emblem: Path | None, check_only: bool, jobs: int) -> list[tuple]:
    """The arguments of each ``work_chunk``: a few workbooks per task, so the per-task overhead
    stays small."""
    size = task_size(len(items), jobs)
    return [([(i, str(wb)) for i, wb in items[s:s + size]],
             str(staging) if staging is not None else None,
             str(templates) if templates else None, force,
             str(emblem) if emblem else None, check_only)
            for s in range(0, len(items), size)]


def _documents(batch: BatchResult, items: list[tuple[int, Path]], tasks: list[tuple],
               workers: Workers, report: Progress) -> None:
    """Read, check, render and write each workbook into the staging folder (the ``tasks``);
    only a small record per agency comes back."""
    report("documents", 0, len(items))
    if batch.jobs > 1 and len(items) > 1:
        workers.start(min(batch.jobs, len(items)))
    elif items:
        warm_up()  # imports before the clock of the first workbook starts
    for done, rss in workers.map(work_chunk, tasks):
        batch.agencies.extend(done)
        batch.peak_rss_worker_kb = max(batch.peak_rss_worker_kb, rss[0])
        report("documents", len(done), len(items))


def _pdf_workdir(temporary: contextlib.ExitStack) -> Path:
    """LibreOffice's work folders go in a private temporary folder (never in OUTDIR, whose name
    may hold characters LibreOffice misreads); the PDFs made so far are counted there.  Removed
    once the workers are done."""
    workdir = procs.temp_dir("ita-xl-pdfs-")
    temporary.callback(shutil.rmtree, workdir, ignore_errors=True)
    return workdir


def _problem_rows(problems: list[tuple[str, str]]) -> list[AgencyResult]:
    """An input that gives no workbook is a ``failed`` row before the workbooks' rows."""
    return [AgencyResult(-len(problems) + n, Path(text), status=FAILED, message=problem)
            for n, (text, problem) in enumerate(problems)]


def _pdf_tools_first() -> None:
    from ..convert import ensure_converter
    from ..fonts import ensure_fonts

    # No Word (Windows) and no LibreOffice: say so now, not after rendering 1,000 agencies
    if ensure_converter() != "word":
        ensure_fonts()  # build the font once, before the workers start


@contextlib.contextmanager
def _timed(batch: BatchResult, phase: str) -> Iterator[None]:
    """The wall time of a phase that finished, in ``batch.stage_seconds``."""
    t = time.perf_counter()
    yield
    batch.stage_seconds[phase] = time.perf_counter() - t


@contextlib.contextmanager
def _summary_whatever_stops(batch: BatchResult, items: list[tuple[int, Path]], started: float,
                            summary: bool) -> Iterator[None]:
    """Whatever stops the run (Ctrl-C, SIGTERM, a problem of the whole run): the rows not done
    become ``unfinished`` and the summary says what was done, then the exception goes on."""
    try:
        yield
    except BaseException as exc:
        batch.interrupted = isinstance(exc, KeyboardInterrupt)
        _mark_unfinished(batch, items)
        batch.seconds = time.perf_counter() - started
        if summary:
            try:
                batch.outdir.mkdir(parents=True, exist_ok=True)
                write_summary(batch)
            except Exception:
                if isinstance(exc, KeyboardInterrupt):
                    raise
        raise


def _mark_unfinished(batch: BatchResult, items: list[tuple[int, Path]]) -> None:
    """After Ctrl-C: every workbook without a final result becomes an ``unfinished`` row."""
    done = {r.index: r for r in batch.agencies}
    for index, workbook in items:
        r = done.get(index)
        if r is None:
            batch.agencies.append(AgencyResult(index, workbook, status=UNFINISHED,
                                               message=UNFINISHED_MESSAGE))
        elif r.staged is not None and r.status in (OK, PDF_FAILED) or r.status == OK and \
                batch.pdf and not any(p.suffix.lower() == ".pdf" for p in r.documents):
            # documents still staged (to be removed: none placed) or their PDFs never made
            if r.staged is not None:
                r.documents = []
            r.status, r.message = UNFINISHED, UNFINISHED_MESSAGE
    batch.agencies.sort(key=lambda r: r.index)
