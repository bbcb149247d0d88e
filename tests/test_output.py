"""``ita_xl.output``: output safety — temp file and rename, numbered alternatives when the target cannot
be replaced, never a half file, names that cannot escape the output folder, and input workbooks
that stay byte-for-byte and timestamp-for-timestamp the same.

Tests run as root in CI, where permission bits do not stop a write.  The conditions used here
hold for root too: a folder where the document should go, a file marked read-only (Windows
refuses to replace those, and ita-xl treats them the same everywhere), an immutable file
(``chattr +i``, where the file system supports it) and a file-size limit (``RLIMIT_FSIZE``) that
makes the write fail halfway, as a full disk would.
"""
from __future__ import annotations

import os
import resource
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from support.cli import cli, cli_process, files_in
from support.wbedit import open_copy, set_name

from ita_xl import resources
from ita_xl.errors import OutputError
from ita_xl.output import MAX_NAME_BYTES, safe_name, write_atomic, write_new

MEMO = "ITA2565_6m_memo.docx"
REPORT = "ITA2565_6m_report.docx"


@pytest.fixture
def workbook(tmp_path) -> Path:
    path = tmp_path / "in" / "ITA_tracker.xlsm"
    path.parent.mkdir()
    shutil.copy(resources.example_workbook(), path)
    return path


def _members(docx: Path | bytes) -> dict[str, bytes]:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx) if isinstance(docx, bytes) else docx) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _temp_files(folder: Path) -> list[Path]:
    return [p for p in files_in(folder) if p.name.startswith(".~ita-")]


# --- the target cannot be replaced: numbered alternative, said so -------------------------------
def test_folder_in_the_way_gets_a_numbered_alternative(workbook, tmp_path):
    out = tmp_path / "out"
    blocker = out / MEMO
    blocker.mkdir(parents=True)
    (blocker / "keep.txt").write_text("ของเดิม")
    result = cli("generate", workbook, "-o", out)
    assert result.exit_code == 0, result.output
    assert (out / "ITA2565_6m_memo (2).docx").is_file()
    assert (out / REPORT).is_file()
    assert (blocker / "keep.txt").read_text() == "ของเดิม"
    assert "ITA2565_6m_memo (2).docx" in result.output and MEMO in result.output
    assert _temp_files(out) == []


def test_read_only_target_is_kept_and_an_alternative_written(workbook, tmp_path):
    out = tmp_path / "out"
    assert cli("generate", workbook, "-o", out).exit_code == 0
    old = (out / MEMO).read_bytes()
    (out / MEMO).write_bytes(old + b"published copy")  # e.g. the copy already on the website
    kept = (out / MEMO).read_bytes()
    os.chmod(out / MEMO, 0o444)
    try:
        result = cli("generate", workbook, "-o", out)
        assert result.exit_code == 0, result.output
        assert (out / MEMO).read_bytes() == kept
        # the same document (zip timestamps aside: two runs may straddle a 2-second tick)
        assert _members(out / "ITA2565_6m_memo (2).docx") == _members(old)
        assert "was locked" in result.output
        # A second run does not overwrite the alternative either: it takes the next number.
        result = cli("generate", workbook, "-o", out)
        assert (out / "ITA2565_6m_memo (3).docx").is_file()
    finally:
        os.chmod(out / MEMO, 0o644)
    assert _temp_files(out) == []


def test_immutable_target_even_for_root(workbook, tmp_path):
    out = tmp_path / "out"
    assert cli("generate", workbook, "-o", out).exit_code == 0
    target = out / MEMO
    if shutil.which("chattr") is None or subprocess.run(
            ["chattr", "+i", str(target)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i not supported here")
    try:
        kept = target.read_bytes()
        with pytest.raises(OSError):
            target.write_bytes(b"x")  # really locked, root or not
        result = cli("generate", workbook, "-o", out)
        assert result.exit_code == 0, result.output
        assert target.read_bytes() == kept
        assert (out / "ITA2565_6m_memo (2).docx").is_file()
    finally:
        subprocess.run(["chattr", "-i", str(target)], check=True)


def test_write_atomic_gives_up_with_a_message_when_every_name_is_taken(tmp_path):
    target = tmp_path / "a.docx"
    target.mkdir()
    for n in range(2, 5):
        (tmp_path / f"a ({n}).docx").mkdir()
    with pytest.raises(OutputError) as info:
        write_atomic(target, b"data", max_alternatives=3)
    assert "a.docx" in str(info.value) and "Word" in str(info.value)
    assert _temp_files(tmp_path) == []


# --- never a half file ---------------------------------------------------------------------------
def _limit_file_size(limit: int):
    def apply():
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    return apply


def test_write_failing_halfway_leaves_no_half_file(workbook, tmp_path):
    """RLIMIT_FSIZE stops every write at 16 KB (a full disk, for root too): the run fails with a
    message, the previous documents are untouched and no partial or temporary file remains."""
    out = tmp_path / "out"
    assert cli("generate", workbook, "-o", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in files_in(out)}
    assert all(len(data) > 16_384 for data in before.values())
    proc = cli_process("generate", workbook, "-o", out, "--force",
                       preexec_fn=_limit_file_size(16_384))
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "เขียนไฟล์" in proc.stderr and "Cannot write" in proc.stderr
    assert {p.name: p.read_bytes() for p in files_in(out)} == before
    fresh = tmp_path / "fresh"
    proc = cli_process("generate", workbook, "-o", fresh, "--force",
                       preexec_fn=_limit_file_size(16_384))
    assert proc.returncode == 2
    assert files_in(fresh) == []


def test_output_folder_under_a_file(workbook, tmp_path):
    (tmp_path / "report.txt").write_text("x")
    result = cli("generate", workbook, "-o", tmp_path / "report.txt" / "out")
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "โฟลเดอร์ผลลัพธ์" in result.output and "output folder" in result.output


def test_documents_get_ordinary_permissions(workbook, tmp_path):
    out = tmp_path / "out"
    assert cli("generate", workbook, "-o", out).exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    for p in files_in(out):
        assert stat.S_IMODE(p.stat().st_mode) == 0o666 & ~mask  # not mkstemp's 0600


def test_write_new_never_overwrites(tmp_path):
    target = tmp_path / "t.xlsm"
    write_new(target, b"one")
    with pytest.raises(OutputError):
        write_new(target, b"two")
    assert target.read_bytes() == b"one"
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsm"]


# --- names ---------------------------------------------------------------------------------------
HOSTILE_NAMES = ["../../x", "..", ".", "/etc/passwd", "a/b\\c", "C:\\Windows\\x", "CON", "con.docx",
                 "NUL.tar.gz", "COM1", "LPT9.pdf", "COM¹", "CON .txt", "AUX\x00", "x\ny",
                 "เทศบาล:ตำบล?*<>|\"", " . ", "ก" * 300, "x" * 1000, "", "\u202eevil.exe",
                 "name.", "name "]
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
            *(f"LPT{i}" for i in range(1, 10))}


@pytest.mark.parametrize("text", HOSTILE_NAMES)
def test_safe_name_is_one_harmless_component(text, tmp_path):
    name = safe_name(text)
    assert name and name not in {".", ".."}
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert not any(ch in name for ch in '<>:"|?*') and not any(ord(ch) < 32 for ch in name)
    assert name.split(".")[0].strip().upper() not in RESERVED
    assert not name.endswith((".", " "))
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    target = (tmp_path / name).resolve()
    assert target.parent == tmp_path.resolve()
    target.write_bytes(b"ok")  # the file system accepts it


def test_batch_keeps_hostile_agency_names_inside_the_output_folder(tmp_path):
    from ita_xl.cli import main

    if "batch" not in main.commands:
        pytest.skip("no batch command yet")
    inputs = tmp_path / "in"
    inputs.mkdir()
    names = ["../../หนีออกไป", "CON", "a/b\\c", "ก" * 200]
    for i, agency in enumerate(names):
        path = inputs / f"w{i}.xlsm"
        shutil.copy(resources.example_workbook(), path)
        wb = open_copy(path)
        set_name(wb, "ita_agency", agency)
        wb.save(path)
    out = tmp_path / "work" / "out"
    result = cli("batch", inputs, "-o", out, "-j", "1", "--force")
    assert result.exit_code == 0, result.output
    everything = [p for p in tmp_path.rglob("*") if p.is_file()]
    outside = [p for p in everything if inputs not in p.parents and out not in p.parents]
    assert outside == []
    folders = [p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")
               and p.name != "findings"]
    assert len(folders) == len(names)
    # each agency's findings file is named like its folder, inside OUTDIR/findings
    assert sorted(p.stem for p in (out / "findings").iterdir()) == sorted(f.name for f in folders)
    for folder in folders:
        assert folder.name.split(".")[0].strip().upper() not in RESERVED
        assert len(list(folder.glob("*.docx"))) == 2


# --- inputs are only read ------------------------------------------------------------------------
def test_input_workbook_unchanged_by_every_command(workbook, tmp_path):
    from ita_xl.cli import main

    os.utime(workbook, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    before = (workbook.read_bytes(), workbook.stat().st_mtime_ns, workbook.stat().st_size)
    runs = [("generate", workbook, "-o", tmp_path / "out1")]
    if "check" in main.commands:
        runs.append(("check", workbook))
    if "batch" in main.commands:
        runs.append(("batch", workbook, "-o", tmp_path / "out2", "-j", "1"))
    for args in runs:
        result = cli(*args)
        assert isinstance(result.exception, (SystemExit, type(None))), result.exception
        after = (workbook.read_bytes(), workbook.stat().st_mtime_ns, workbook.stat().st_size)
        assert after == before, args[0]
    assert sorted(p.name for p in workbook.parent.iterdir()) == [workbook.name]  # no lock/temp


def test_numbered_variants_of_one_name_are_all_different():
    from ita_xl.output import variant_name

    names = [variant_name("เทศบาลตำบลเมืองหงส์", "ITA_tracker.xlsm", n) for n in range(1, 6)]
    assert len(set(names)) == 5
    assert names[0] == "เทศบาลตำบลเมืองหงส์ (ITA_tracker.xlsm)"
    assert names[1] == "เทศบาลตำบลเมืองหงส์ (ITA_tracker.xlsm 2)"
