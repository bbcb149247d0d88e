"""``ita-xl batch`` on the command line (the batch itself: test_batch.py)."""
from __future__ import annotations

import csv

from support.cli import cli_process



def test_cli_batch_reports_no_inputs_found(tmp_path):
    proc = cli_process("batch", tmp_path / "*.xlsm", "-o", tmp_path / "out", timeout=120)
    assert proc.returncode == 1
    rows = list(csv.DictReader((tmp_path / "out" / "summary.csv").read_text(
        encoding="utf-8-sig").splitlines()))
    assert len(rows) == 1 and rows[0]["status"] == "failed"
