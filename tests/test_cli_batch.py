"""``ita-xl batch`` on the command line (the batch itself: test_batch.py)."""
from __future__ import annotations


from support.cli import cli_process
from support.summary import summary_rows



def test_cli_batch_reports_no_inputs_found(tmp_path):
    proc = cli_process("batch", tmp_path / "*.xlsm", "-o", tmp_path / "out", timeout=120)
    assert proc.returncode == 1
    rows = summary_rows(tmp_path / "out" / "summary.csv")
    assert len(rows) == 1 and rows[0]["status"] == "failed"
