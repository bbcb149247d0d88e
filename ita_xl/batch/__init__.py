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
   time) instead of one LibreOffice process per document.  With two workers or more this
   overlaps step 1 (``schedule``): LibreOffice starts on the documents already written while
   the other workers still render, each PDF is made in the staging folder beside its .docx,
   and step 2 comes last and places the PDFs with their documents;
4. writes ``summary.csv`` (UTF-8 with BOM, so Excel shows Thai) and ``summary.json``, with each
   agency's fiscal year, round, rating, the codes of its errors and warnings, and its findings in
   ``OUTDIR/findings/<agency folder name>.txt`` (the report of ``ita-xl check``).

``check_only=True`` stops after the checks (``batch --check-only``, ``check`` over many
workbooks): one summary, no documents.  Ctrl-C stops the workers (they ignore it between tasks,
so none prints a traceback), marks every agency not yet finished ``unfinished``, writes the
summary, removes the staging folder and LibreOffice's work folders (its profile is kept, see
``convert._Profile``) and re-raises ``KeyboardInterrupt``.

A workbook that cannot be read, rendered or written is reported (status ``failed``) and the others
go on; the input workbooks are only ever read.  Staged files are not fsync'ed one by one (that
would cost more than rendering); each is moved into place with ``os.replace``, so a reader never
sees half a document.

The modules, in the order a batch uses them: ``inputs`` (the workbooks), ``workers`` (the pool,
its tasks, Ctrl-C), ``agency`` (one workbook in a worker), ``placing`` (staging and agency
folders), ``pdfs`` (the conversion runs), ``summary`` (the summary files and table), ``records``
(the result records and statuses), ``schedule`` (documents and PDFs at once) and ``run``
(``run_batch``, the phases in order).
"""

from __future__ import annotations

from .inputs import find_workbooks
from .placing import assign_folders
from .records import (CHECKS_FAILED, FAILED, FINDINGS_DIR, OK, PDF_FAILED, STAGES, SUMMARY_CSV,
                      SUMMARY_JSON, UNFINISHED, AgencyResult, BatchResult)
from .run import run_batch
from .summary import summary_table, write_summary
from .workers import default_jobs

__all__ = ["AgencyResult", "BatchResult", "find_workbooks", "run_batch", "write_summary",
           "summary_table", "default_jobs", "assign_folders", "SUMMARY_CSV", "SUMMARY_JSON",
           "FINDINGS_DIR", "STAGES", "OK", "FAILED", "CHECKS_FAILED", "PDF_FAILED", "UNFINISHED"]
