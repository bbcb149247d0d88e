"""``ita-xl doctor``: the report of what this machine has."""
from __future__ import annotations

from support.cli import cli_process



def test_doctor_command_prints_the_report(tmp_path):
    proc = cli_process("doctor", "--no-probe", timeout=600)
    assert proc.stdout.startswith("ita-xl doctor:")
    for name in ("Python", "openpyxl", "docxtpl", "LibreOffice", "xlwings"):
        assert name in proc.stdout
    failed = "[FAIL]" in proc.stdout
    assert (proc.returncode != 0) == failed
