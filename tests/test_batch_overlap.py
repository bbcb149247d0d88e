"""``ita_xl.batch.schedule``: with ``--pdf`` and two workers, LibreOffice converts the documents
already written while the other worker still renders — the same files, summary and progress as
the phases in order, Ctrl-C leaving nothing behind, a failed PDF marking only its agency."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from support.compare_docs import differences
from support.documents import pdf_text
from support.waiting import wait_until

from ita_xl import resources
from ita_xl.batch import run_batch
from ita_xl.batch.schedule import OVERLAP_ENV, wanted

EXAMPLE = resources.example_workbook()
MANY = 30  # enough that one worker still renders for seconds after LibreOffice starts


def copies(folder: Path, count: int) -> Path:
    """``count`` copies of the example (one agency name: the folders are told apart by the
    workbook's name, as a batch names a second agency of the same name)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        shutil.copy(EXAMPLE, folder / f"a{n:02d}.xlsm")
    return folder


def files(out: Path) -> dict[str, Path]:
    """The agencies' files by their path under OUTDIR (summary and findings left out)."""
    return {str(p.relative_to(out)): p for p in sorted(out.glob("*/ITA*"))}


def recorded(calls: list) -> dict[str, tuple[int, int]]:
    """Per progress stage: (sum of the advances, the total last said)."""
    out: dict[str, tuple[int, int]] = {}
    for stage, advance, total in calls:
        done, _ = out.get(stage, (0, 0))
        out[stage] = (done + advance, total)
    return out


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The same 30 workbooks with the overlap and with the phases in order; a wrapper in front
    of the real soffice (``ITA_XL_SOFFICE``) logs when each LibreOffice run began: the time its
    first input was written (the run's copies of the .docx files, prepared for LibreOffice
    before it starts, about 30 ms each)."""
    from ita_xl.convert import find_soffice

    books = copies(tmp_path_factory.mktemp("books"), MANY)
    here = tmp_path_factory.mktemp("soffice")
    log, wrapper = here / "starts.log", here / "soffice-logged"
    wrapper.write_text(
        "#!/bin/sh\n"
        'for a in "$@"; do case "$a" in file://*.docx) '
        f'date -r "${{a#file://}}" +%s%N >> "{log}"; break;; esac; done\n'
        f'exec "{find_soffice()}" "$@"\n')
    wrapper.chmod(0o755)
    runs = {}
    for label, overlap in (("overlap", True), ("in order", False)):
        out = tmp_path_factory.mktemp(label.replace(" ", "-"))
        calls: list = []
        before = log.read_text().split() if log.exists() else []
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("ITA_XL_SOFFICE", str(wrapper))
            if not overlap:
                mp.setenv(OVERLAP_ENV, "0")
            result = run_batch([books], out, pdf=True, jobs=2,
                               progress=lambda *call, calls=calls: calls.append(call))
        starts = [int(t) for t in log.read_text().split()[len(before):]]
        runs[label] = (result, out, calls, starts)
    return runs


@pytest.mark.soffice
def test_libreoffice_runs_begin_before_the_last_docx_is_written(both):
    for label, (result, out, _calls, starts) in both.items():
        assert result.ok and result.document_count == 4 * MANY, label
        assert len(starts) == 2, label  # one LibreOffice run per worker, overlap or not
        last_docx = max(p.stat().st_mtime_ns for p in files(out).values()  # kept by the move
                        if p.suffix == ".docx")
        assert (min(starts) < last_docx) == (label == "overlap"), (label, result.stage_seconds)


@pytest.mark.soffice
def test_the_overlap_gives_the_same_files_summary_and_progress(both):
    (_, out, calls, _), (_, out_slow, calls_slow, _) = both["overlap"], both["in order"]
    ours, theirs = files(out), files(out_slow)
    assert list(ours) == list(theirs) and len(ours) == 4 * MANY
    for name, path in ours.items():
        if path.suffix == ".docx":
            assert differences(path, theirs[name]) == [], name
    pdfs = [n for n in ours if n.endswith(".pdf")]
    for name in (pdfs[0], pdfs[-1]):  # pdftotext costs: the first and the last agency
        assert pdf_text(ours[name]) == pdf_text(theirs[name]), name
    rows = [json.loads((o / "summary.json").read_text(encoding="utf-8"))["agencies"]
            for o in (out, out_slow)]
    keep = ("agency", "workbook", "folder", "status", "message", "documents", "findings",
            "errors", "warnings")
    assert [{k: r[k] for k in keep} for r in rows[0]] == [{k: r[k] for k in keep} for r in rows[1]]
    assert sorted(p.name for p in (out / "findings").iterdir()) == \
        sorted(p.name for p in (out_slow / "findings").iterdir())
    # progress: every workbook, then every PDF counted once, the stages one after the other
    assert recorded(calls) == recorded(calls_slow) == {"documents": (MANY, MANY),
                                                       "pdf": (2 * MANY, 2 * MANY)}
    stages = [stage for stage, _a, _t in calls]
    assert stages == sorted(stages, key=("documents", "pdf").index)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging left


@pytest.mark.soffice
def test_a_failed_pdf_in_an_overlapped_run_marks_only_its_agency(tmp_path):
    books = copies(tmp_path / "books", 12)
    out = tmp_path / "out"
    first = run_batch([books], out, pdf=True, jobs=2)  # an earlier run: every PDF there
    assert first.ok
    damaged: list[Path] = []

    def damage_one(stage, advance, total):
        # as soon as the first agency is back (its documents not yet given to LibreOffice):
        # its memo, complete on disk, becomes a damaged file
        if stage != "documents" or not advance or damaged:
            return
        for folder in sorted(out.glob(".ita-xl-batch-*/0*")):
            docs = sorted(folder.glob("*.docx"))
            if len(docs) == 2 and all(zipfile.is_zipfile(d) for d in docs):
                docs[0].write_bytes(b"not a Word file")
                damaged.append(docs[0])
                return

    result = run_batch([books], out, pdf=True, jobs=2, progress=damage_one)
    assert damaged and list(result.stage_seconds)[:2] == ["documents", "pdf"]  # overlapped
    index = int(damaged[0].parent.name)
    bad = [r for r in result.agencies if not r.ok]
    assert [r.index for r in bad] == [index] and bad[0].status == "pdf failed"
    assert "ITA2565_6m_memo.docx" in bad[0].message
    # its report got its PDF; the memo's PDF of the earlier run is gone, and it says so
    assert sorted(p.name for p in bad[0].folder.iterdir()) == [
        "ITA2565_6m_memo.docx", "ITA2565_6m_report.docx", "ITA2565_6m_report.pdf"]
    assert "ITA2565_6m_memo.pdf" in bad[0].message and "Removed the old PDF" in bad[0].message
    for r in result.agencies:
        if r.ok:
            assert len(list(r.folder.iterdir())) == 4
    rows = json.loads((out / "summary.json").read_text(encoding="utf-8"))["agencies"]
    assert [row["status"] for row in rows].count("pdf failed") == 1
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


@pytest.mark.soffice
def test_ctrl_c_while_documents_and_pdfs_are_made_leaves_nothing_half_done(tmp_path):
    books = copies(tmp_path / "books", MANY)
    out, tmp = tmp_path / "out", tmp_path / "tmp"
    tmp.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "ita_xl", "batch", str(books), "-o", str(out),
                             "--pdf", "--jobs", "2"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "TMPDIR": str(tmp)},
                            start_new_session=True)

    def overlapping() -> bool:  # LibreOffice converting while agencies are still missing
        return bool(list(tmp.glob("**/ita-xl-pdf-*/*.docx"))) and \
            sum(p.is_dir() for p in out.glob(".ita-xl-batch-*/0*")) < MANY

    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None and not overlapping():
        time.sleep(0.01)
    assert proc.poll() is None and overlapping(), "no moment with both phases at once"
    os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl-C: the whole group
    _, stderr = proc.communicate(timeout=120)
    stderr = stderr.decode("utf-8", "replace")
    assert proc.returncode == 130 and "Traceback" not in stderr, stderr
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert data["interrupted"] is True and data["workbooks"] == MANY
    # nothing was placed: every row unfinished, without documents; OUTDIR holds the summary only
    assert {a["status"] for a in data["agencies"]} == {"unfinished"}
    assert all(a["documents"] == [] for a in data["agencies"])
    assert sorted(p.name for p in out.iterdir()) == ["summary.csv", "summary.json"]
    assert wait_until(lambda: not any(tmp.iterdir()), timeout=5), [p.name for p in tmp.iterdir()]
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert str(tmp) not in ps  # no LibreOffice of ours still running


def test_one_job_or_one_workbook_keeps_the_phases_in_order(monkeypatch):
    monkeypatch.delenv(OVERLAP_ENV, raising=False)
    assert wanted(2, 2) and wanted(8, 3)
    assert not wanted(1, 100) and not wanted(4, 1)
    monkeypatch.setenv(OVERLAP_ENV, "0")
    assert not wanted(2, 100)
