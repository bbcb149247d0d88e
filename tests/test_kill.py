"""Issue 14: a run killed from outside (SIGKILL, SIGTERM: Task Manager, a shutdown; Ctrl-C)
leaves nothing running, and the next run removes what it left on disk.

Each run carries a marker in its environment, inherited by every process it starts (workers,
LibreOffice and its helpers, whatever their parent becomes after the kill), so the process table
(/proc) shows exactly the processes of this run.  The run's temporary folder (TMPDIR) is private
to the test, so "nothing left" is checked without knowing any of ita-xl's folder names.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from support.waiting import wait_until
from support.wbedit import open_copy, set_name

from ita_xl import resources

pytestmark = [pytest.mark.soffice,
              pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")]

MARK = "ITA_XL_TEST_RUN"


def processes(token: str) -> dict[int, str]:
    """pid → command name of every live process whose environment carries ``token``."""
    found = {}
    needle = f"{MARK}={token}".encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as fh:
                if needle not in fh.read().split(b"\0"):
                    continue
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:  # gone meanwhile, or not ours to read
            continue
        state = stat[stat.rindex(b")") + 2:][:1]
        if state not in (b"Z", b"X"):  # a zombie is dead, only not yet reaped
            found[int(entry)] = stat[stat.index(b"(") + 1:stat.rindex(b")")].decode()
    return found


def kill_all(token: str) -> None:
    for pid in processes(token):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def leftovers(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.name.startswith((".ita-xl", ".~ita", "ita-xl")))


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("kill-inputs")
    paths = []
    for i in range(4):
        path = folder / f"w{i}.xlsm"
        shutil.copy(resources.example_workbook(), path)
        wb = open_copy(path)
        set_name(wb, "ita_agency", f"เทศบาลตำบลทดสอบ{i}")
        wb.save(path)
        paths.append(path)
    return paths


def command(kind: str, workbooks: list[Path], out: Path) -> list[str]:
    if kind == "batch":
        return ["batch", *map(str, workbooks), "-o", str(out), "--pdf", "-j", "2"]
    return ["generate", str(workbooks[0]), "-o", str(out), "--pdf"]


@pytest.mark.parametrize("kind", ["batch", "generate"])
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT],
                         ids=["SIGKILL", "SIGTERM", "Ctrl-C"])
def test_killed_run_leaves_no_process_and_the_next_run_no_folder(tmp_path, workbooks, kind, sig):
    token = uuid.uuid4().hex
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "out"
    env = dict(os.environ, TMPDIR=str(tmp), **{MARK: token})
    cmd = [sys.executable, "-m", "ita_xl", *command(kind, workbooks, out)]
    log = open(tmp_path / "log.txt", "wb")
    try:
        # a session of its own, as a terminal gives a command: Ctrl-C goes to its whole group
        main = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
        # LibreOffice itself (soffice.bin, not only its launcher) is running: the moment a
        # kill leaves the most behind
        assert wait_until(lambda: main.poll() is not None or "soffice.bin" in
                          processes(token).values(), timeout=180), "LibreOffice never started"
        assert main.poll() is None, (tmp_path / "log.txt").read_text()
        before = processes(token)
        if sig == signal.SIGINT:
            os.killpg(main.pid, sig)  # what the terminal does on Ctrl-C
        else:
            main.send_signal(sig)
        killed = time.monotonic()
        main.wait(timeout=60)
        # every process of the run gone within 5 s of the signal (orphans included), checked
        # as soon as it is true instead of after a fixed 5 s
        gone = wait_until(lambda: not processes(token),
                          timeout=max(0.0, killed + 5 - time.monotonic()))
        assert gone, f"still running 5 s after {sig.name}: {processes(token)} (of {before})"

        again = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
        assert again.returncode == 0, again.stdout + again.stderr
        assert processes(token) == {}
        assert sorted(p.name for p in tmp.iterdir()) == []  # nothing left in TMPDIR
        assert leftovers(out) == []  # no staging or work folder, no temporary file
        pdfs = sorted(p.name for p in out.rglob("*.pdf"))
        assert len(pdfs) == (8 if kind == "batch" else 2)
    finally:
        kill_all(token)
        log.close()
