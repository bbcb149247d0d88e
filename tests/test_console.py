"""console: Thai columns line up by display width, colour only on a terminal, and output that
never fails on a code page that lacks Thai."""
from __future__ import annotations

import io
import os
import sys

import pytest

from ita_xl import console


def test_thai_marks_above_and_below_the_line_take_no_column():
    assert console.width("ผู้รับผิดชอบ") == 8  # 12 characters, 4 of them marks
    assert console.width("ที่") == 1
    assert console.width("abc") == 3
    assert console.width("漢字") == 4  # wide characters take two
    assert console.width("a\x07b") == 2  # a control character counts as nothing


def test_fit_pads_to_the_width_and_cuts_with_an_ellipsis_between_clusters():
    assert console.fit("ที่", 4) == "ที่   "  # padded to 4 columns, not 4 characters
    cut = console.fit("ที่ดินของรัฐ", 3)
    assert cut == "ที่ดิ…" and console.width(cut) == 3  # marks stay with their letter
    assert console.fit("ผู้", 1) == "ผู้" and console.fit("ผู้ร", 1) == "…"
    assert console.width(console.fit("มาตรการส่งเสริมคุณธรรม", 10)) == 10


def _starts(line: str) -> list[int]:
    """Display columns at which the cells of a table line start (after each two-space gap)."""
    out, col, i = [0], 0, 0
    while i < len(line):
        if line[i:i + 2] == "  " and i + 2 < len(line) and line[i + 2] != " ":
            out.append(col + 2)
            col, i = col + 2, i + 2
            continue
        col += console.width(line[i])
        i += 1
    return out


def test_table_columns_line_up_on_screen_with_thai_text():
    rows = [("ผู้รับผิดชอบ", "สำนักปลัด", "x"), ("ab", "กองคลัง", "ข้อความยาวมากที่ถูกตัด" * 3)]
    lines = console.table(("ผู้", "หน่วย", "หมายเหตุ"), rows, caps=(20, 20, 20), max_width=40)
    # columns as wide as their widest cell on screen (8 and 7 columns, not 12 and 9 characters)
    assert lines[1] == "--------  -------  --------------------"
    for line in (lines[0], *lines[2:]):
        assert _starts(line) == [0, 10, 19], line
    assert lines[-1].endswith("…") and console.width(lines[-1]) == 39  # the long cell cut


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    master, slave = os.openpty()
    try:
        with open(slave, "w", closefd=False) as tty:
            assert console.colour_enabled(tty) is True
            monkeypatch.setenv("NO_COLOR", "1")
            assert console.colour_enabled(tty) is False
    finally:
        os.close(master)
        os.close(slave)
    monkeypatch.delenv("NO_COLOR")
    assert console.colour_enabled(io.StringIO()) is False  # a file or a pipe: plain text


def test_redirected_output_in_a_code_page_without_thai_becomes_utf8(monkeypatch):
    """A .bat writing to a file on a cp1252 Windows: Thai must not raise UnicodeEncodeError."""
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252")
    monkeypatch.setattr(sys, "stdout", stream)
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)
    console.configure()
    print("ผู้รับผิดชอบ → ⏎")
    stream.flush()
    assert raw.getvalue().decode("utf-8") == "ผู้รับผิดชอบ → ⏎\n"


def test_an_encoding_chosen_by_the_user_is_kept_with_question_marks(monkeypatch):
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp874")
    monkeypatch.setattr(sys, "stdout", stream)
    monkeypatch.setenv("PYTHONIOENCODING", "cp874")
    console.configure()
    print("ผู้รับผิดชอบ →")  # Thai is in cp874, the arrow is not
    stream.flush()
    assert raw.getvalue().decode("cp874") == "ผู้รับผิดชอบ ?\n"


@pytest.mark.skipif(sys.platform == "win32", reason="the Windows wording is tested in the lane")
def test_describe_says_how_stdout_is_encoded(monkeypatch):
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stream)
    assert console.describe() == "stdout: redirected, utf-8"
    monkeypatch.setattr(sys, "stdout", None)
    assert console.describe() == "stdout: none"
