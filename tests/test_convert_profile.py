"""Issue 22: LibreOffice's private profile is kept — between a batch worker's chunks and for the
next run — in the user's cache folder, one per concurrent soffice, never shared.

A small wrapper stands in front of the real soffice (``ITA_XL_SOFFICE``) and logs the profile
each run is given, then runs LibreOffice itself; the PDFs are real.
"""
from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

import pytest
from support.documents import pdf_text

from ita_xl import resources

pytestmark = pytest.mark.soffice


@pytest.fixture
def logged_soffice(tmp_path, monkeypatch):
    """ITA_XL_SOFFICE → a script that logs its -env:UserInstallation and execs soffice."""
    from ita_xl.convert import find_soffice

    real = find_soffice()
    log = tmp_path / "soffice.log"
    wrapper = tmp_path / "soffice-logged"
    wrapper.write_text(
        "#!/bin/sh\n"
        f'for a in "$@"; do case "$a" in -env:UserInstallation=*) echo "$a" >> "{log}";; '
        "esac; done\n"
        f'exec "{real}" "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setenv("ITA_XL_SOFFICE", str(wrapper))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return log


def _profiles(log: Path) -> list[str]:
    return log.read_text().split() if log.exists() else []


@pytest.mark.skipif(os.name != "posix", reason="the logging wrapper is a shell script")
def test_batch_workers_keep_their_profile_between_chunks_and_runs(tmp_path, logged_soffice):
    from ita_xl.batch import run_batch

    books = tmp_path / "in"
    books.mkdir()
    for n in range(3):
        shutil.copy(resources.example_workbook(), books / f"a{n}.xlsm")
    first = run_batch([books], tmp_path / "out1", pdf=True, jobs=2, pdf_chunk=1, force=True)
    runs = _profiles(logged_soffice)
    pdfs = sorted((tmp_path / "out1").rglob("*.pdf"))
    assert len(pdfs) == 6 and all(r.ok for r in first.agencies)
    assert len(runs) == 6  # one soffice run per chunk of one document
    assert 1 <= len(set(runs)) <= 2  # … on one profile per worker, kept between its chunks
    kept = tmp_path / "cache" / "ita-xl" / "libreoffice"
    assert all(r.startswith("-env:UserInstallation=" + kept.as_uri()) for r in runs)
    assert [stat.S_IMODE(f.stat().st_mode) for f in kept.iterdir()] == [0o700]  # the user's own
    # the next run starts LibreOffice on the profiles the last one left
    run_batch([books], tmp_path / "out2", pdf=True, jobs=2, pdf_chunk=3, force=True)
    again = _profiles(logged_soffice)[6:]
    assert len(again) == 2 and set(again) <= set(runs)
    assert pdf_text(pdfs[0]) == pdf_text(tmp_path / "out2" / pdfs[0].relative_to(
        tmp_path / "out1"))


@pytest.mark.skipif(os.name != "posix", reason="the logging wrapper is a shell script")
def test_profile_in_use_is_not_shared_and_unusable_folder_falls_back(tmp_path, logged_soffice,
                                                                     monkeypatch):
    """Two processes at once get two profiles (a held profile is skipped); where the cache
    folder cannot be used, the profile is a temporary one, removed at exit."""
    import subprocess

    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from ita_xl.convert import _Profile, find_soffice; "
         "print(_Profile.get(find_soffice()), flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        held = holder.stdout.readline().strip()
        assert held.startswith(str(tmp_path / "cache"))
        out = tmp_path / "out"
        proc = subprocess.run([sys.executable, "-m", "ita_xl", "generate", "--example", "-o",
                               str(out), "--pdf"], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        used = _profiles(logged_soffice)
        assert used and Path(held).as_uri() not in " ".join(used)
    finally:
        holder.kill()
        holder.wait()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = subprocess.run([sys.executable, "-m", "ita_xl", "generate", "--example", "-o",
                           str(tmp_path / "out2"), "--pdf"], capture_output=True, text=True,
                          env={**os.environ, "TMPDIR": str(tmp)})
    assert proc.returncode == 0, proc.stderr
    assert len(list((tmp_path / "out2").glob("*.pdf"))) == 2
    assert tmp.as_uri() in _profiles(logged_soffice)[-1]  # a temporary profile …
    # … removed at exit (the font cache falls back to the temporary folder too: not a profile)
    assert [p.name for p in tmp.iterdir() if p.name.startswith("ita-xl-lo-")] == []
