"""The ``ita-xl`` group: errors handled once; a traceback only with ``--debug``."""
from __future__ import annotations

from support import bad_files as bad
from support.cli import cli, cli_process, files_in



def test_real_process_shows_no_traceback_unless_debug(tmp_path):
    path = bad.encrypted(tmp_path / "ITA_tracker.xlsm")
    out = tmp_path / "out"
    proc = cli_process("generate", path, "-o", out)
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "รหัสผ่าน" in proc.stderr and "password" in proc.stderr
    proc = cli_process("--debug", "generate", path, "-o", out)
    assert proc.returncode != 0
    assert "Traceback" in proc.stderr and "WorkbookError" in proc.stderr
    assert files_in(out) == []


def test_a_bug_gives_a_short_message_and_exit_70(tmp_path, monkeypatch):
    """An exception ita-xl did not expect: short Thai+English message, hint to use --debug."""
    import ita_xl.pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(ita_xl.pipeline, "render_documents", broken)
    out = tmp_path / "out"
    result = cli("generate", "--example", "-o", out)
    assert result.exit_code == 70, result.output
    assert isinstance(result.exception, SystemExit)
    assert "simulated bug" in result.output
    assert "ข้อบกพร่อง" in result.output and "a bug in ita-xl" in result.output
    assert "--debug" in result.output
    assert files_in(out) == []
    result = cli("--debug", "generate", "--example", "-o", out)
    assert isinstance(result.exception, RuntimeError)  # --debug lets the traceback through
