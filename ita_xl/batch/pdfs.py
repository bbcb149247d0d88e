"""The PDFs of a batch: every document converted with a few large LibreOffice runs (up to
``convert.CHUNK_SIZE`` documents each, one run per worker at a time) instead of one LibreOffice
process per document; each PDF beside its .docx, progress counted per PDF as LibreOffice writes
it, a document without PDF marking its agency ``pdf failed`` while the others go on."""
from __future__ import annotations

import math
import time
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from pathlib import Path

from ..present import error_line
from .records import PDF_FAILED, BatchResult, Progress
from .workers import Workers, in_task, peak_rss, stopping


def convert_all(batch: BatchResult, workdir: Path, workers: Workers, pdf_chunk: int | None,
                report: Progress) -> None:
    """Convert the .docx files of every agency that is ok; LibreOffice works under ``workdir``."""
    if workers.pool is None:  # a worker of its own, so the main process can count PDFs
        workers.start(1)
    todo = [(r.index, str(doc)) for r in batch.agencies if r.ok
            for doc in r.documents if doc.suffix.lower() == ".docx"]
    conversions = Conversions(batch, workdir, workers, report)
    conversions.count(len(todo))
    if not todo:
        return
    size = chunk_size(len(todo), batch.jobs, pdf_chunk)
    for s in range(0, len(todo), size):
        conversions.submit(todo[s:s + size])
    while conversions.running:
        conversions.wait(0.5)
    conversions.list_documents()


def chunk_size(documents: int, jobs: int, pdf_chunk: int | None, share: float = 1.0) -> int:
    """Documents per LibreOffice run: ``pdf_chunk``, else the documents split evenly over the
    workers (one run per worker: each LibreOffice start costs a second or two), times
    ``share``; at most ``convert.CHUNK_SIZE``."""
    from ..convert import CHUNK_SIZE

    size = pdf_chunk or math.ceil(documents / max(1, jobs) * share)
    return max(1, min(size, CHUNK_SIZE))


class Conversions:
    """The PDF chunks of a batch on the workers' pool: their results into the agencies' rows
    (a PDF beside its .docx, or the agency ``pdf failed``), the progress counted per PDF."""

    def __init__(self, batch: BatchResult, workdir: Path, workers: Workers,
                 report: Progress) -> None:
        self.by_index = {r.index: r for r in batch.agencies}
        self.batch, self.workdir, self.workers, self.report = batch, workdir, workers, report
        self.running: dict[Future, Sequence[tuple[int, str]]] = {}
        self.total: int | None = None  # None: not yet known (no progress shown)
        self.finished = self.shown = 0

    def add(self, results) -> None:
        """Agencies whose documents came back after the conversions started (``schedule``)."""
        self.by_index.update((r.index, r) for r in results)

    def count(self, total: int) -> None:
        """The number of documents to convert is now known: the progress starts."""
        self.total = total
        self.report("pdf", 0, total)
        self.show()

    def submit(self, chunk: Sequence[tuple[int, str]]) -> None:
        """One LibreOffice run over ``chunk`` ([(agency index, .docx path)])."""
        self.running.update(
            (future, args[0]) for future, args in
            self.workers.submit(convert_chunk, [(chunk, str(self.workdir), None)]).items())

    def wait(self, timeout: float | None) -> set[Future]:
        """Take in the chunks that finish within ``timeout`` seconds; show the progress."""
        done, _pending = wait(self.running, timeout=timeout, return_when=FIRST_COMPLETED)
        self.take(done)
        return done

    def take(self, done) -> None:
        for future in done:
            if future not in self.running:
                continue
            chunk = self.running.pop(future)
            try:
                out, seconds, rss = future.result()
            except Exception as exc:  # the worker itself failed (killed, out of memory)
                out, seconds, rss = [(key, None, f"{Path(docx).name}: {error_line(exc)}")
                                     for key, docx in chunk], 0.0, (0, 0)
            self.finished += len(out)
            share = seconds / max(1, len(out))
            self.batch.peak_rss_soffice_kb = max(self.batch.peak_rss_soffice_kb, rss[1])
            for key, pdf, problem in out:
                r = self.by_index[key]
                r.timings["pdf"] = r.timings.get("pdf", 0) + share
                if pdf:
                    r.documents.append(Path(pdf))
                else:
                    r.status = PDF_FAILED
                    r.message = "; ".join(x for x in (r.message, problem) if x)
        self.show()

    def show(self) -> None:
        """Per document: the PDFs of finished chunks plus those LibreOffice has written so far."""
        if self.total is None:
            return
        now = min(self.total, self.finished + (_pdfs_in_progress(self.workdir)
                                               if self.running else 0))
        if now > self.shown:
            self.report("pdf", now - self.shown, self.total)
            self.shown = now

    def list_documents(self) -> None:
        """Each agency's files as they are: .docx first, then the PDFs made."""
        for r in self.batch.agencies:
            # a folder removed meanwhile took its documents along: list only what is there
            r.documents = sorted((p for p in r.documents if p.exists()),
                                 key=lambda p: (p.suffix.lower() != ".docx", p.name))


def _pdfs_in_progress(workdir: Path) -> int:
    """PDFs LibreOffice has written so far in the chunks still converting."""
    try:
        return sum(1 for _ in workdir.glob("ita-xl-pdf-*/*.pdf"))
    except OSError:
        return 0


def convert_chunk(items: Sequence[tuple[int, str]], workdir: str,
                  timeout: float | None) -> tuple[list[tuple[int, str | None, str]], float, tuple[int, int]]:
    """Convert documents with one ``to_pdf`` call; each PDF goes beside its .docx.

    LibreOffice works in a folder of its own under ``workdir`` (where the main process counts
    the PDFs made so far).  A folder removed meanwhile is not made again: its documents fail,
    the others go on.  Returns [(key, pdf path or None, problem)], the seconds spent and the
    peak RSS.
    """
    from ..convert import ConversionError
    from ..pipeline import to_pdfs

    start = time.perf_counter()
    if stopping():
        return [], 0.0, peak_rss()
    sources = [Path(docx) for _key, docx in items]
    produced: dict[Path, Path] = {}
    problems: dict[Path, str] = {}
    try:
        with in_task():
            pdfs = to_pdfs(sources, targets=[src.with_suffix(".pdf") for src in sources],
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
    return out, time.perf_counter() - start, peak_rss()
