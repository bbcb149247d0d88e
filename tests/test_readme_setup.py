"""The README's first command works as written in a fresh copy, on the machine's system Python.

Debian 12's system Python refuses ``pip install`` outside a virtual environment (PEP 668), so the
README's first line makes one.  This runs that line verbatim in a fresh export of the committed
tree, with ``/usr/bin/python3`` first on PATH (the system Python, not the developer's), and
reads back what it wrote.  It needs PyPI (pip installs the dependencies into the new venv).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support.documents import docx_text

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = Path("/usr/bin/python3")


def first_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"```sh\n(.+?)\n```", readme, re.S).group(1).strip()


def test_the_first_command_makes_a_venv_in_the_same_line():
    command = first_command()
    assert "\n" not in command and command.startswith("python3 -m venv .venv && ")
    assert ".venv/bin/pip install -e ." in command and ".venv/bin/ita-xl generate" in command


@pytest.mark.skipif(not SYSTEM_PYTHON.exists() or shutil.which("git") is None,
                    reason="no system Python at /usr/bin/python3")
def test_readme_first_command_passes_in_a_fresh_copy_on_the_system_python(tmp_path):
    fresh = tmp_path / "ita-xl"
    fresh.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD"], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(fresh)], input=archive, check=True)
    env = {"PATH": f"{SYSTEM_PYTHON.parent}:/bin", "HOME": os.environ.get("HOME", str(tmp_path)),
           "LANG": "C.UTF-8"}
    for key in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_CONFIG_FILE"):
        if key in os.environ:
            env[key] = os.environ[key]
    proc = subprocess.run(["bash", "-c", first_command()], cwd=fresh, env=env,
                          capture_output=True, text=True, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    python = (fresh / ".venv" / "bin" / "python").resolve()
    assert str(python).startswith("/usr/bin/") or (fresh / ".venv" / "pyvenv.cfg").read_text(
    ).count("/usr/bin") >= 1  # the venv is the system Python's
    memo = fresh / "output" / "ITA2565_6m_memo.docx"
    assert "เทศบาลตำบลเมืองหงส์" in docx_text(memo)
