"""Issue 14: what a killed run left on disk goes with the next run — only when its owner is gone.

The kill tests (``test_kill.py``) show the whole story with real processes; this is the rule of
:func:`ita_xl.procs.sweep` on its own, with a real finished process as the dead owner.
"""
from __future__ import annotations

import os
import subprocess
import sys

from ita_xl import procs


def test_sweep_removes_only_leftovers_of_finished_processes_of_this_computer(tmp_path):
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead = int(done.stdout)  # finished and reaped: no such process any more
    host = procs.temp_prefix("").split(".")[1].rstrip("-")
    other_host = "0" * 6 if host != "0" * 6 else "1" * 6
    made = {
        f".ita-xl-batch-{dead}.{host}-abc": True,  # removed: its run is over
        f"ita-xl-lo-{dead}.{host}-x1": True,
        f".~ita-{dead}.{host}-q.docx": True,
        f".ita-xl-batch-{os.getppid()}.{host}-abc": False,  # owner still running
        f".ita-xl-batch-{dead}.{other_host}-abc": False,  # another computer's (shared folder)
        f".ita-xl-batch-{dead}-old": False,  # not a name ita-xl gives
        "ITA2565_6m_memo.docx": False,
        f"ita-xl-{dead}": False,
    }
    for name in made:
        if name.endswith(".docx"):
            (tmp_path / name).write_bytes(b"x")
        else:
            (tmp_path / name).mkdir()
            (tmp_path / name / "inside.txt").write_text("x")
    removed = procs.sweep(tmp_path)
    assert sorted(p.name for p in removed) == sorted(n for n, gone in made.items() if gone)
    assert sorted(p.name for p in tmp_path.iterdir()) == \
        sorted(n for n, gone in made.items() if not gone)


def test_temp_dir_is_named_for_its_process(tmp_path):
    folder = procs.temp_dir("ita-xl-pdf-", tmp_path)
    assert folder.name.startswith(f"ita-xl-pdf-{os.getpid()}.")
    assert procs.sweep(tmp_path) == [] and folder.is_dir()  # its owner (this process) runs
