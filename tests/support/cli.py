"""Run ``ita-xl``: the one way tests call the command line.

* :func:`cli` runs it in-process (click's runner): a click ``Result`` with ``exit_code``,
  ``stdout``, ``stderr`` and ``output``;
* :func:`cli_process` runs the real command (``python -m ita_xl``) in a subprocess, for what only
  a real process shows (tracebacks, memory, file limits, the console);
* :func:`check_json` / :func:`check_text` are ``ita-xl check`` with its output parsed.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner

__all__ = ["cli", "cli_process", "check_json", "check_text", "files_in"]


def cli(*args: Any, env: dict[str, str] | None = None):
    """``ita-xl ARGS`` in-process; ``result.exception`` is a SystemExit unless it crashed."""
    from ita_xl.cli import main

    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=True)


def cli_process(*args: Any, env: dict[str, str] | None = None, cwd: Path | None = None,
                preexec_fn=None, timeout: float = 300) -> subprocess.CompletedProcess:
    """``python -m ita_xl ARGS`` in a real process (text output); ``env`` adds to ours."""
    full_env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "ita_xl", *map(str, args)], cwd=cwd,
                          env=full_env, capture_output=True, text=True, timeout=timeout,
                          preexec_fn=preexec_fn)


def check_json(path: Path, *extra: str) -> tuple[int, list[dict[str, Any]]]:
    """(exit code, findings) of ``ita-xl check PATH --format json``."""
    result = cli("check", path, "--format", "json", *extra)
    return result.exit_code, (json.loads(result.stdout) if result.stdout.strip() else [])


def check_text(path: Path, *extra: str) -> tuple[int, str]:
    """(exit code, report) of ``ita-xl check PATH``."""
    result = cli("check", path, *extra)
    return result.exit_code, result.stdout


def files_in(folder: Path) -> list[Path]:
    """Every file below ``folder`` (hidden temp files included); [] if it does not exist."""
    if not folder.exists():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file())
