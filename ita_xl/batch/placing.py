"""Placing a batch's files: the staging folder the workers write into, each agency's folder
``OUTDIR/<agency name>`` (``output.safe_name``; a second agency of the same name gets
``<agency name> (<workbook name>)``, decided in input order so the names are the same on every
run), its documents moved there with ``os.replace`` (a reader never sees half a document), its
findings in ``OUTDIR/findings/<agency folder name>.txt``, and an earlier run's documents of an
agency that now fails removed."""
from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from .. import procs
from ..output import safe_name, variant_name, write_atomic
from ..present import error_line
from .records import FAILED, FINDINGS_DIR, SUMMARY_CSV, SUMMARY_JSON, AgencyResult


@contextlib.contextmanager
def staging_folder(outdir: Path) -> Iterator[Path]:
    """A private folder inside ``outdir`` for the workers' files; removed on leaving, whatever
    happened (named before it exists, so a Ctrl-C at any point leaves nothing behind)."""
    staging = outdir / (procs.temp_prefix(".ita-xl-batch-") + secrets.token_hex(4))
    try:
        try:
            outdir.mkdir(parents=True, exist_ok=True)
            procs.sweep(outdir)  # the staging folder of a killed run
            staging.mkdir(mode=0o700)
        except OSError as exc:
            from ..errors import OutputError

            raise OutputError(f"สร้างโฟลเดอร์ผลลัพธ์ {outdir} ไม่ได้: {exc.strerror}",
                              f"Cannot create the output folder {outdir}: {exc}",
                              where=str(outdir)) from exc
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def place(results: list[AgencyResult], outdir: Path | None, *, clean_up: bool,
          findings: bool, pdfs: bool = False) -> None:
    """Sort ``results`` into input order, name each agency's folder and move its staged
    documents there; with ``clean_up`` a failing agency's documents of an earlier run go; with
    ``findings`` the findings files are placed too.  ``pdfs``: the PDFs were made in the
    staging folder and come along; a .docx without a new PDF loses the one an earlier run made
    of it (as ``convert.to_pdf`` does when it converts in place)."""
    results.sort(key=lambda r: r.index)
    assign_folders(results, outdir)
    previous = _previous_folders(outdir) if clean_up else {}
    for r in results:
        if clean_up and r.staged is None and not r.ok:
            _remove_stale(r, outdir, previous)
            r.folder = None  # nothing of this run is there
        if r.staged is not None:
            t_move = time.perf_counter()
            try:
                _move_into_place(r, pdfs)
            except OSError as exc:
                r.status, r.message = FAILED, error_line(exc)
                r.documents = []
            r.timings["write"] = r.timings.get("write", 0) + time.perf_counter() - t_move
    if findings:
        _place_findings(results, outdir)


def assign_folders(results: list[AgencyResult], outdir: Path | None) -> None:
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


def _move_into_place(r: AgencyResult, pdfs: bool = False) -> None:
    """Move the staged documents into the agency's folder (replacing an earlier run's); with
    ``pdfs``, the old PDF of a .docx that got no new one goes."""
    assert r.folder is not None and r.staged is not None
    r.folder.mkdir(parents=True, exist_ok=True)
    procs.sweep(r.folder)  # temporary files of a killed run
    made = {p.stem for p in r.documents if p.suffix.lower() == ".pdf"}
    without_pdf = [r.folder / f"{p.stem}.pdf" for p in r.documents
                   if p.suffix.lower() == ".docx" and p.stem not in made]
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
    if pdfs and without_pdf:
        _remove_old_pdfs(r, without_pdf)


def _remove_old_pdfs(r: AgencyResult, old: list[Path]) -> None:
    """No PDF of earlier data beside a new .docx: the PDFs an earlier run made of documents
    that got none now are removed (as ``convert.to_pdf`` removes them), and the agency's
    message says so."""
    from ..convert import remove_stale_pdfs, stale_pdf_words

    th, en = stale_pdf_words(*remove_stale_pdfs(old))
    if th:
        note = f"{th.strip()} / {en.lstrip('. ')}"
        r.message = f"{r.message}; {note}" if r.message else note


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
