"""exitcodes: each code of the table is what a real command returns in the case the table names.

70 (a bug) is produced in tests/test_cli.py (a broken pipeline stage), 130 (Ctrl-C) in
tests/test_kill.py and tests/test_batch_province.py; the rest are produced here, each by the
command the table's meaning describes (141 by a real process whose reader has gone).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from support.cli import cli, files_in
from support.wbedit import open_copy, set_cell

from ita_xl import resources
from ita_xl.exitcodes import TABLE, Exit

ELSEWHERE = {Exit.BUG: "tests/test_cli.py", Exit.INTERRUPTED: "tests/test_kill.py"}


def _with_an_error(tmp_path):
    path = tmp_path / "err.xlsm"
    shutil.copy(resources.example_workbook(), path)
    wb = open_copy(path)
    set_cell(wb, "Indicators", "คะแนน", 0, 150)  # ITA104, an error
    wb.save(path)
    return path


def _not_a_workbook(tmp_path):
    path = tmp_path / "notes.xlsm"
    path.write_text("not a workbook", encoding="utf-8")
    return path


CASES = {
    Exit.OK: lambda tmp: ("check", "--example"),  # the example has warnings: still 0
    Exit.NOT_CLEAN: lambda tmp: ("check", "--example", "--strict"),
    Exit.ERRORS: lambda tmp: ("generate", _with_an_error(tmp), "-o", tmp / "out"),
    Exit.UNREADABLE: lambda tmp: ("check", _not_a_workbook(tmp)),
    Exit.USAGE: lambda tmp: ("check", "--example", "--no-such-option"),
}


def test_every_code_of_the_table_is_produced_by_a_test():
    assert {code for code, _, _ in TABLE} == set(CASES) | set(ELSEWHERE) | {Exit.PIPE_CLOSED} \
        == set(Exit)


def test_a_reader_that_stops_reading_gives_141_and_no_traceback():
    """``ita-xl check … | head``: the pipe is closed before the report is written."""
    proc = subprocess.Popen([sys.executable, "-m", "ita_xl", "check", "--example"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    proc.stdout.close()  # the reader is gone before the first line
    stderr = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=120) == Exit.PIPE_CLOSED == 141, stderr
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr


@pytest.mark.parametrize("code", list(CASES), ids=[c.name for c in CASES])
def test_the_command_the_table_describes_returns_its_code(tmp_path, code):
    result = cli(*CASES[code](tmp_path))
    assert result.exit_code == code, result.output
    if code == Exit.ERRORS:
        assert files_in(tmp_path / "out") == []  # the checks stopped it: nothing written
        assert "ITA104" in result.output
