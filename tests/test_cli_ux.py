"""The command line speaks Thai first, is quiet by default and exits with codes a script trusts.

Run as the clerk does: ``python -m ita_xl`` in a subprocess where the terminal matters (colour,
line counts), click's runner elsewhere.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from support.cli import cli, cli_process
from support.workbooks import save_copy
from support.wbedit import find_table, set_rows

from ita_xl import layout, resources
from ita_xl.cli import main
from ita_xl.exitcodes import Exit

THAI = re.compile(r"[\u0e00-\u0e7f]")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# --- quiet by default ------------------------------------------------------------------------------
def test_generate_on_the_example_prints_at_most_five_lines(tmp_path):
    proc = cli_process("generate", "--example", "-o", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    out = lines(proc.stdout) + lines(proc.stderr)
    assert len(out) <= 5, out
    assert sum("wrote" in line for line in out) == 2
    summary = [line for line in out if "ita-xl check" in line]
    from ita_xl.pipeline import check

    n = len(check(resources.example_workbook()).findings)
    # digits on screen are Arabic, as in check's report (present's one rule)
    assert len(summary) == 1 and f"คำเตือน {n} รายการ" in summary[0]
    assert f"{n} warning(s)" in summary[0]
    # no emblem in the bundled templates: said once, with how to add one
    hint = [line for line in out if "emblem" in line]
    assert len(hint) == 1 and "ตราครุฑ" in hint[0] and "--emblem" in hint[0]


def test_verbose_lists_every_finding_and_quiet_prints_nothing_on_success(tmp_path):
    check = cli_process("check", "--example", "--format", "json")
    import json

    findings = json.loads(check.stdout)
    verbose = cli_process("generate", "--example", "-o", tmp_path / "v", "-v")
    assert verbose.returncode == 0
    for f in findings:  # every finding, at its cell
        assert f"{f['sheet']}!{f['cell']}  คำเตือน / warning  {f['code']}" in verbose.stderr
    quiet = cli_process("generate", "--example", "-o", tmp_path / "q", "-q")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    assert len(list((tmp_path / "q").glob("*.docx"))) == 2


def test_quiet_still_prints_the_errors(tmp_path):
    path = save_copy(resources.example_workbook(), tmp_path / "bad.xlsm",
                     lambda wb: _set_first(wb, "Results", "มาตรการ", "มาตรการที่ไม่มีในแผน"))
    proc = cli_process("generate", path, "-o", tmp_path / "out", "-q")
    assert proc.returncode == Exit.ERRORS
    assert "ITA202" in proc.stderr and "ITA203" not in proc.stderr  # errors only
    assert not (tmp_path / "out").exists()


def test_listing_only_the_errors_still_counts_every_warning(tmp_path):
    """generate lists the errors alone; its first line must not say "0 warnings" when its last
    line says 16 (a clerk reads both)."""
    path = save_copy(resources.example_workbook(), tmp_path / "bad.xlsm",
                     lambda wb: _set_first(wb, "Results", "มาตรการ", "มาตรการที่ไม่มีในแผน"))
    proc = cli_process("generate", path, "-o", tmp_path / "out")
    assert proc.returncode == Exit.ERRORS
    [head] = re.findall(r"Checked bad\.xlsm: (\d+) error\(s\), (\d+) warning\(s\)", proc.stderr)
    [tail] = re.findall(r"(\d+) error\(s\), (\d+) warning\(s\) — see", proc.stderr)
    assert head == tail and int(head[1]) > 0, proc.stderr
    assert "ITA203" not in proc.stderr  # the warnings themselves are not listed


def _set_first(wb, table, header, value):
    from support.wbedit import set_cell

    set_cell(wb, table, header, 0, value)


def test_acknowledged_warnings_stop_repeating_and_check_lists_them_apart(tmp_path):
    from ita_xl.pipeline import check

    before = check(resources.example_workbook()).findings
    [preface] = [f for f in before if f.code == "ITA305"]
    broken = sum(f.code == "ITA603" for f in before)
    acked, open_ = 1 + broken, len(before) - 1 - broken
    assert broken and open_

    def acknowledge(wb):
        set_rows(wb, "Acknowledged", [
            {"รหัส": "ITA305", "ตำแหน่ง": preface.where, "หมายเหตุ": "ลงวันที่ตามวันเผยแพร่"},
            {"รหัส": "ita603"},  # no cell: that code everywhere; case does not matter
            {"รหัส": "ITA202", "ตำแหน่ง": "ผลการดำเนินงาน!A3"},  # an error: never acknowledged
        ])

    path = save_copy(resources.example_workbook(), tmp_path / "acked.xlsm", acknowledge)
    proc = cli_process("check", path)
    code, text = proc.returncode, proc.stdout
    assert code == 0
    assert f"(รับทราบแล้ว {acked} รายการ)" in text and f"คำเตือน {open_} รายการ" in text
    head, _, tail = text.partition("รับทราบแล้ว (ไม่นับ")
    assert "ITA305" not in head and "ITA603" not in head and "ITA203" in head
    assert f"{preface.where}  ITA305" in tail and tail.count("ITA603") == broken
    gen = cli_process("generate", path, "-o", tmp_path / "out")
    assert f"คำเตือน {open_} รายการ (รับทราบแล้ว {acked} รายการ)" in gen.stderr
    assert f"{acked} acknowledged" in gen.stderr
    strict = cli_process("check", path, "--strict")
    assert strict.returncode == Exit.NOT_CLEAN  # other warnings are still open
    import json

    data = json.loads(cli_process("check", path, "--format", "json").stdout)
    assert sum(f["acknowledged"] for f in data) == acked
    # the table sits on the check sheet of a fresh tracker, under its Thai title
    from openpyxl import load_workbook

    ws, table = find_table(load_workbook(resources.example_workbook()), "Acknowledged")
    assert ws.title == layout.SHEET_CHECK and table.ref.startswith("Q5")


# --- Thai first -------------------------------------------------------------------------------------
def _commands(group: click.Group, prefix=()):
    yield prefix, group
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))
        else:
            yield prefix + (name,), cmd


@pytest.mark.parametrize("path", [p for p, _ in _commands(main)], ids=" ".join)
def test_every_help_starts_with_thai(path):
    result = cli(*path, "--help")
    assert result.exit_code == 0
    first = lines(result.output)[0]
    assert THAI.match(first), first  # "วิธีใช้ / Usage: …"
    cmd = main
    for name in path:
        cmd = cmd.commands[name]
    body = lines(cmd.help or "")
    assert body and THAI.search(body[0][:3]), body  # the description opens in Thai
    for param in cmd.params:
        if isinstance(param, click.Option) and param.help:
            assert THAI.match(param.help), (param.opts, param.help)
    assert "ตัวเลือก / Options" in result.output
    assert "Show this message" not in result.output.split("แสดงวิธีใช้นี้")[0]


def test_usage_errors_are_thai_then_english_and_exit_64(tmp_path):
    proc = cli_process("generate", "--bogus")
    assert proc.returncode == Exit.USAGE == 64
    err = proc.stderr
    assert err.index("ผิดพลาด: ไม่มีตัวเลือก --bogus") < err.index("Error: No such option")
    assert err.startswith("วิธีใช้ / Usage:")
    missing = cli_process("batch")
    assert missing.returncode == 64 and "ขาด" in missing.stderr and "Missing argument" in missing.stderr
    nocmd = cli_process("generat")
    assert nocmd.returncode == 64 and "ไม่มีคำสั่งนี้" in nocmd.stderr
    # distinct from "the checks found errors"
    assert Exit.USAGE != Exit.ERRORS


def test_debug_is_accepted_after_the_command(tmp_path):
    before = cli_process("--debug", "check", tmp_path / "missing.xlsm")
    after = cli_process("check", tmp_path / "missing.xlsm", "--debug")
    for proc in (before, after):
        assert proc.returncode != 0 and "Traceback" in proc.stderr, proc.stderr
    plain = cli_process("check", tmp_path / "missing.xlsm")
    assert plain.returncode == Exit.UNREADABLE and "Traceback" not in plain.stderr


def test_colour_only_on_a_terminal_and_never_with_no_color(tmp_path):
    import pty

    def on_tty(env):
        master, slave = pty.openpty()
        proc = subprocess.run([sys.executable, "-m", "ita_xl", "generate", "--bogus"],
                              stdin=slave, stdout=slave, stderr=slave, timeout=120,
                              env={**os.environ, **env})
        os.close(slave)
        out = b""
        try:
            while chunk := os.read(master, 65536):
                out += chunk
        except OSError:
            pass
        os.close(master)
        return proc.returncode, out.decode("utf-8", "replace")

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    code, out = on_tty({"NO_COLOR": ""} if "NO_COLOR" in os.environ else {})
    assert code == 64 and ANSI.search(out), out  # red "ผิดพลาด:" on a terminal
    code, out = on_tty({"NO_COLOR": "1"})
    assert code == 64 and not ANSI.search(out)
    piped = subprocess.run([sys.executable, "-m", "ita_xl", "generate", "--bogus"],
                           capture_output=True, text=True, env=env, timeout=120)
    assert not ANSI.search(piped.stderr)


# --- --emblem and --templates on generate and batch -------------------------------------------------
def _has_picture(docx: Path) -> bool:
    import zipfile

    return any(n.startswith("word/media/") for n in zipfile.ZipFile(docx).namelist())


def test_templates_folder_with_an_emblem_on_generate_and_batch(tmp_path):
    from support.documents import png_bytes as _png

    from ita_xl.resources import templates_dir

    own = tmp_path / "templates"
    shutil.copytree(templates_dir(), own)
    (own / "emblem.png").write_bytes(_png(40, 48))
    gen = cli_process("generate", "--example", "-o", tmp_path / "g", "--templates", own)
    assert gen.returncode == 0, gen.stderr
    assert "ตราครุฑ" not in gen.stderr  # no hint: the emblem was found
    assert _has_picture(tmp_path / "g" / "ITA2565_6m_memo.docx")
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(resources.example_workbook(), inputs / "a.xlsm")
    picture = tmp_path / "ครุฑ.png"
    picture.write_bytes(_png(40, 48))
    batch = cli_process("batch", inputs, "-o", tmp_path / "b", "--emblem", picture)
    assert batch.returncode == 0, batch.stderr
    [memo] = (tmp_path / "b").glob("*/ITA2565_6m_memo.docx")
    assert _has_picture(memo)
    plain = cli_process("batch", inputs, "-o", tmp_path / "c", "--templates", own)
    assert plain.returncode == 0, plain.stderr
    [memo] = (tmp_path / "c").glob("*/ITA2565_6m_memo.docx")
    assert _has_picture(memo)  # emblem.png of the templates folder
    # a picture that is not there, named on the command line: a usage error (64)
    missing = cli_process("batch", inputs, "-o", tmp_path / "d", "--emblem", tmp_path / "nope.png")
    assert missing.returncode == Exit.USAGE and "ตราครุฑ" in missing.stderr
    assert not (tmp_path / "d").exists()


@pytest.mark.parametrize("args", [
    ("init", "{tmp}/x.xlsx"),  # a tracker has macros: .xlsm
    ("import", "{tmp}/r.docx", "-o", "{tmp}/x.xlsx"),
    ("pdf", "{tmp}/notes.txt"),  # only Word files become PDFs
    ("generate", "--example", "-o", "{tmp}/out", "--emblem", "{tmp}/crest.gif"),
])
def test_a_wrong_file_name_on_the_command_line_is_a_usage_error(tmp_path, args):
    (tmp_path / "notes.txt").write_text("not a Word file", encoding="utf-8")
    (tmp_path / "crest.gif").write_bytes(b"GIF89a")
    proc = cli(*[a.format(tmp=tmp_path) for a in args])
    assert proc.exit_code == Exit.USAGE, proc.output
    assert THAI.search(proc.stderr.splitlines()[1]), proc.stderr  # Thai first, after the label
    assert not [p for p in tmp_path.iterdir() if p.name not in {"notes.txt", "crest.gif"}]
