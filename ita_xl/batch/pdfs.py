"""The PDFs of a batch: every document converted with a few large LibreOffice runs (up to
``convert.CHUNK_SIZE`` documents each, one run per worker at a time) instead of one LibreOffice
process per document; each PDF beside its .docx, progress counted per PDF as LibreOffice writes
it, a document without PDF marking its agency ``pdf failed`` while the others go on."""
from __future__ import annotations

import math
import time
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, wait
from pathlib import Path

from ..present import error_line
from .records import PDF_FAILED, BatchResult, Progress
from .workers import Workers, in_task, peak_rss, stopping


def convert_all(batch: BatchResult, workdir: Path, workers: Workers, pdf_chunk: int | None,
                report: Progress) -> None:
    """Convert the .docx files of every agency that is ok; LibreOffice works under ``workdir``."""
    from ..convert import CHUNK_SIZE

    if workers.pool is None:  # a worker of its own, so the main process can count PDFs
        workers.start(1)
    by_index = {r.index: r for r in batch.agencies}
    todo = [(r.index, str(doc)) for r in batch.agencies if r.ok
            for doc in r.documents if doc.suffix.lower() == ".docx"]
    report("pdf", 0, len(todo))
    if not todo:
        return
    size = pdf_chunk or math.ceil(len(todo) / batch.jobs)
    size = max(1, min(size, CHUNK_SIZE))
    chunks = [todo[s:s + size] for s in range(0, len(todo), size)]
    _convert_chunks(batch, by_index, chunks, workdir, workers, len(todo), report)
    for r in batch.agencies:
        # a folder removed meanwhile took its documents along: list only what is there
        r.documents = sorted((p for p in r.documents if p.exists()),
                             key=lambda p: (p.suffix.lower() != ".docx", p.name))


def _convert_chunks(batch: BatchResult, by_index, chunks, workdir: Path, workers: Workers,
                    total: int, report: Progress) -> None:
    futures = {future: args[0] for future, args in
               workers.submit(convert_chunk, [(c, str(workdir), None) for c in chunks]).items()}
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
