"""The documents and the PDFs of a batch at the same time (``--pdf`` with two or more workers):
LibreOffice starts on the documents already written while the other workers still render.

Both kinds of task share the workers' pool, which hands out tasks first come, first served; so
only a few document tasks are queued ahead (one per worker and one more), and a PDF chunk
submitted as soon as its documents exist waits behind those few, not behind the whole batch.
Each PDF is made in the staging folder beside its staged .docx, and ``placing`` moves it with
the .docx once everything is done: names, the removal of a failing agency's old documents and
"nothing half-written in OUTDIR" stay as in the phases one after the other.

The chunks: a LibreOffice start costs a second or two, so there are as many runs as workers
(as without the overlap; more only past ``convert.CHUNK_SIZE`` documents a run).  While
documents remain, at most one run fewer than the workers goes at a time (one worker keeps
rendering); those runs are a little larger than an even share (:data:`EARLY_SHARE`), because
the last run starts only when the last document is written and should end when the others do.
What is left then is split over the workers that are free.

The gain is the time a worker would wait between the phases (the last document tasks, the
placing); where each phase alone keeps every core busy there is little more to win, and
``bench/overlap.py`` measures it (bench/RESULTS.md).
"""
from __future__ import annotations

import math
import os
import time
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from pathlib import Path

from .pdfs import Conversions, chunk_size
from .records import BatchResult, Progress
from .workers import Workers, work_chunk

#: ``ITA_XL_BATCH_OVERLAP=0``: the phases one after the other (for ``bench/overlap.py``, which
#: compares the two on the same machine).
OVERLAP_ENV = "ITA_XL_BATCH_OVERLAP"
#: A run started while documents are still rendered takes this share of an even split of the
#: documents (all documents over the workers), so the last run, which starts when the last
#: document is written, is smaller and ends with the others.  For two workers: the first run
#: ends with the second when it takes (d + p) / (d + 2p) of the agencies, d and p a workbook's
#: rendering and PDF time (about 0.08 s and 0.2 s here, see bench/RESULTS.md): 0.58, 1.15 × ½.
EARLY_SHARE = 1.15


def wanted(jobs: int, workbooks: int) -> bool:
    """Overlap the phases?  Only with two workers or more and two workbooks or more (one job
    or one workbook runs the phases in order, as before) unless switched off."""
    return jobs > 1 and workbooks > 1 and os.environ.get(OVERLAP_ENV, "").strip() != "0"


def documents_and_pdfs(batch: BatchResult, tasks: Sequence[tuple], workbooks: int,
                       workers: Workers, workdir: Path, report: Progress,
                       pdf_chunk: int | None) -> None:
    """Run the document ``tasks`` (arguments of ``work_chunk``) and convert each staged .docx
    of an agency that is ok, LibreOffice working under ``workdir``.

    Progress is reported as without the overlap: ``"documents"`` as tasks finish, then
    ``"pdf"`` from 0 once the number of documents is known (with the PDFs made so far at once).
    Sets ``batch.stage_seconds`` ``documents`` (until the last document) and ``pdf`` (from the
    first LibreOffice run to the last PDF).
    """
    started = time.perf_counter()
    report("documents", 0, workbooks)
    count = min(batch.jobs, workbooks)
    workers.start(count)
    conversions = Conversions(batch, workdir, workers, report)
    ahead = count + 1
    queue = list(reversed(tasks))
    documents: dict[Future, tuple] = {}
    ready: list[tuple[int, str]] = []  # staged .docx not yet given to LibreOffice
    given = done_workbooks = 0
    first_pdf: float | None = None
    while queue or documents:
        while queue and len(documents) < ahead:
            documents.update(workers.submit(work_chunk, [queue.pop()]))
        finished, _ = wait({*documents, *conversions.running}, timeout=0.5,
                           return_when=FIRST_COMPLETED)
        for future in finished & documents.keys():
            del documents[future]
            results, rss = future.result()
            batch.agencies.extend(results)
            conversions.add(results)
            batch.peak_rss_worker_kb = max(batch.peak_rss_worker_kb, rss[0])
            ready += [(r.index, str(doc)) for r in results if r.ok
                      for doc in r.documents if doc.suffix.lower() == ".docx"]
            done_workbooks += len(results)
            report("documents", len(results), workbooks)
        conversions.take(finished)
        while ready and (queue or documents) and \
                len(conversions.running) < count - 1:  # one worker keeps rendering
            # the documents to expect: those written, and as many per workbook still to come
            written = given + len(ready)
            expected = written + math.ceil(
                written / done_workbooks * (workbooks - done_workbooks))
            size = chunk_size(expected, count, pdf_chunk, EARLY_SHARE)
            if len(ready) < size:
                break
            first_pdf = first_pdf or time.perf_counter()
            conversions.submit(ready[:size])
            given += size
            ready = ready[size:]
    batch.stage_seconds["documents"] = time.perf_counter() - started
    # the rest: in runs of an even share over the workers that are free
    if ready:
        first_pdf = first_pdf or time.perf_counter()
        free = max(1, count - len(conversions.running))
        size = chunk_size(len(ready), free, pdf_chunk)
        for s in range(0, len(ready), size):
            conversions.submit(ready[s:s + size])
        given += len(ready)
    conversions.count(given)
    while conversions.running:
        conversions.wait(0.5)
    conversions.list_documents()
    if first_pdf is not None:
        batch.stage_seconds["pdf"] = time.perf_counter() - first_pdf
