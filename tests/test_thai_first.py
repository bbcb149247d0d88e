"""Every line a person reads is Thai first, English after: help, success, each kind of error,
batch's table and summary files.

Each command is run as a clerk runs it and each line of what it prints is read.  A line passes
when it has no English prose, or Thai comes before its first English word, or it continues an
English block that directly follows a Thai one (a help page's English paragraph after its Thai
paragraph; ``Error: …`` after ``ผิดพลาด: …``).  English "prose" is a word of letters that is not
a name (LibreOffice, Excel …), an all-capitals token (PDF, WORKBOOK, OK), a file name, a path,
an option or a code; lines that are machine syntax (GitHub's ``::warning``) are left out.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from support.cli import cli
from support.wbedit import set_cell
from support.workbooks import save_copy

from ita_xl import resources
from ita_xl.cli import main
from ita_xl.exitcodes import Exit

THAI = re.compile(r"[\u0e00-\u0e7f]")
#: Names, not words: the same in a Thai and an English sentence.
NAMES = {"ita-xl", "Python", "LibreOffice", "Excel", "Word", "Windows", "GitHub", "Actions",
         "GitLab", "Jenkins", "JUnit", "xlwings", "openpyxl", "docxtpl", "python-docx",
         "SarabunPSK", "Sarabun", "Ctrl-C", "fontconfig", "Laksaman", "Garuda", "github",
         "text", "json", "soffice", "fc-match", "Build", "traceback"}
#: ``ita-xl check``, ``python -m ita_xl batch`` (``main …`` in click's test runner), ``apt-get
#: install PACKAGE``: a command to type, the same in both languages.
COMMAND = re.compile(r"(?:ita-xl|main|python3? -m ita_xl)(?: --debug)?(?: [a-z]+)?"
                     r"|apt-get install \S+")
STRIP = "()[]{}\"'“”‘’,.;:!?…—–=<>/"


def _prose_words(line: str) -> list[tuple[int, str]]:
    """(position, word) of each English prose word in ``line``."""
    out = []
    line = COMMAND.sub(lambda m: " " * len(m.group(0)), line)
    for m in re.finditer(r"\S+", line):
        token = m.group(0)
        word = token.strip(STRIP)
        if not word or THAI.search(word):
            continue
        if any(c in word for c in "/\\_@") or re.search(r"\.\w", word):  # a path, a file name
            continue
        if word.startswith("-") or not re.fullmatch(r"[A-Za-z][A-Za-z'-]*", word):
            continue  # an option, or a token with digits (a cell, a code, a version)
        if word.isupper() or word in NAMES or len(word) < 2:
            continue
        out.append((m.start(), word))
    return out


def thai_first_problems(text: str) -> list[str]:
    """The lines of ``text`` that put English before Thai."""
    problems = []
    previous = "none"  # kind of the last non-blank line: thai | english | none
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("::") or set(line.strip()) <= set("-= "):
            continue
        words = _prose_words(line)
        thai = THAI.search(line)
        if not words:
            kind = "thai" if thai else previous
        elif thai and thai.start() < words[0][0]:
            kind = "thai"
            half = line.split(" / ", 1)[0] if " / " in line else ""
            if _prose_words(half):  # "ไทย (english words): … / English": not Thai
                problems.append(line)
        elif previous in ("thai", "english"):
            kind = "english"  # the English half of a block that began in Thai
        else:
            problems.append(line)
            kind = "english"
        previous = kind
    return problems


def test_the_rule_itself_catches_english_first():
    assert thai_first_problems("Checked x.xlsm: 0 error(s)\nตรวจสอบ x.xlsm") == \
        ["Checked x.xlsm: 0 error(s)"]
    assert thai_first_problems("wrote: out/ITA.docx / เขียนแล้ว") == ["wrote: out/ITA.docx / เขียนแล้ว"]
    assert thai_first_problems("เขียนแล้ว / wrote: out/ITA.docx\nmore English here") == []
    assert thai_first_problems("ita-xl, version 0.1.0") == ["ita-xl, version 0.1.0"]
    assert thai_first_problems("[OK]   xlwings   0.37.8") == []
    assert thai_first_problems("ยังไม่ทราบ (measures item): กรอกเอง / unknown: type it") != []


# --- what the commands print -------------------------------------------------------------------
COMMANDS = sorted(main.commands)


def _help_pages() -> dict[str, str]:
    pages = {"ita-xl --help": cli("--help").output}
    for name in COMMANDS:
        pages[f"ita-xl {name} --help"] = cli(name, "--help").output
    return pages


def test_every_help_page_is_thai_first():
    for name, text in _help_pages().items():
        assert THAI.match(text), name
        assert thai_first_problems(text) == [], name


def test_version_is_thai_first():
    result = cli("--version")
    assert result.exit_code == 0
    assert thai_first_problems(result.output) == [] and THAI.search(result.output), result.output


def _say(results: dict[str, object]) -> dict[str, list[str]]:
    return {name: thai_first_problems(r.output if hasattr(r, "output") else str(r))
            for name, r in results.items()}


def test_success_output_of_every_command_is_thai_first(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    runs = {
        "generate": cli("generate", "--example", "-o", out),
        "generate -v": cli("generate", "--example", "-o", out, "-v"),
        "check": cli("check", "--example"),
        "check --strict": cli("check", "--example", "--strict"),
        "check --format github": cli("check", "--example", "--format", "github"),
        "init": cli("init", tmp_path / "new.xlsm"),
        "init --year 2570": cli("init", tmp_path / "y2570.xlsm", "--year", "2570"),
        "import": cli("import", out / "ITA2565_6m_report.docx", out / "ITA2565_6m_memo.docx",
                      "-o", tmp_path / "imported.xlsm"),
        "doctor --no-probe": cli("doctor", "--no-probe"),
    }
    for name, result in runs.items():
        assert result.exit_code in (Exit.OK, Exit.NOT_CLEAN), (name, result.output)
    copies = [shutil.copy(resources.example_workbook(), tmp_path / f"{n}.xlsm") for n in "ab"]
    runs["batch --check-only"] = cli("batch", *copies, "-o", tmp_path / "b", "--check-only",
                                     "--jobs", "1")
    runs["check many"] = cli("check", *copies, "--jobs", "1")
    assert {k: v for k, v in _say(runs).items() if v} == {}
    # one digit rule on screen: Arabic digits; Thai digits only inside a value quoted from the
    # tracker (“…”) or a round label as the tracker's dropdown spells it (รอบ ๖ เดือน)
    for name, result in runs.items():
        text = re.sub(r"“[^”]*”|รอบ [๐-๙]+ เดือน", "", result.output)
        assert not re.search("[๐-๙]", text), (name, re.findall(r".*[๐-๙].*", text)[:3])


def test_batch_summary_files_are_thai_first(tmp_path):
    good = shutil.copy(resources.example_workbook(), tmp_path / "good.xlsm")
    bad = save_copy(resources.example_workbook(), tmp_path / "bad.xlsm", lambda wb: set_cell(
        wb, "Results", "มาตรการ", 0, "มาตรการที่ไม่มีในแผน"))
    broken = tmp_path / "broken.xlsm"
    broken.write_bytes(b"not a workbook")
    out = tmp_path / "out"
    result = cli("batch", good, bad, broken, "-o", out, "--jobs", "1")
    assert result.exit_code == Exit.NOT_CLEAN
    assert thai_first_problems(result.output) == []
    # the terminal table: a Thai heading row, then an English one; every status word Thai first
    table = result.output.splitlines()
    cells = [re.split(r"\s{2,}", line.strip()) for line in table[:3 + 3]]
    thai_head, english_head = cells[0], cells[1]
    assert len(thai_head) == len(english_head) == 10, table[:2]
    assert all(THAI.match(h) for h in thai_head), thai_head
    assert all(re.fullmatch(r"[a-zA-Z]+", h) for h in english_head), english_head
    english = {"ok", "failed", "checks failed", "pdf failed", "unfinished"}
    for row in cells[3:]:
        assert not english & set(row), row
        assert [c for c in row if " / " in c and THAI.match(c) and c.split(" / ")[1] in english], row
    raw = (out / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    import csv

    head, *rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    for heading in head:  # a heading per column, "ไทย / English"
        assert re.fullmatch(r"[\u0e00-\u0e7f][^/]* / [a-z][a-z ]*", heading), heading
    status = head.index("สถานะ / status")
    message = head.index("หมายเหตุ / message")
    for row in rows:
        assert re.fullmatch(r"[\u0e00-\u0e7f][^/]* / [a-z ]+", row[status]), row[status]
        if row[message]:
            assert thai_first_problems(row[message]) == [], row[message]
    for findings in (out / "findings").iterdir():
        assert thai_first_problems(findings.read_text(encoding="utf-8-sig")) == [], findings


def test_every_kind_of_error_is_thai_first(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = save_copy(resources.example_workbook(), tmp_path / "bad.xlsm", lambda wb: set_cell(
        wb, "Results", "มาตรการ", 0, "มาตรการที่ไม่มีในแผน"))
    broken = tmp_path / "broken.xlsm"
    broken.write_bytes(b"not a workbook")
    (tmp_path / "notes.txt").write_text("not a Word file", encoding="utf-8")
    runs = {
        "no such option": (cli("generate", "--bogus"), Exit.USAGE),
        "no such command": (cli("generat"), Exit.USAGE),
        "missing argument": (cli("batch"), Exit.USAGE),
        "bad value": (cli("check", "--format", "xml"), Exit.USAGE),
        "no workbook here": (cli("generate"), Exit.USAGE),
        "wrong extension": (cli("init", tmp_path / "x.xlsx"), Exit.USAGE),
        "unreadable": (cli("check", broken), Exit.UNREADABLE),
        "checks failed": (cli("generate", bad, "-o", tmp_path / "out"), Exit.ERRORS),
        "checks failed (check)": (cli("check", bad), Exit.ERRORS),
        "checks failed, quiet": (cli("generate", bad, "-o", tmp_path / "out", "-q"), Exit.ERRORS),
        "forced": (cli("generate", bad, "-o", tmp_path / "forced", "--force"), Exit.OK),
        "not a Word file": (cli("import", broken, "-o", tmp_path / "i.xlsm"), Exit.UNREADABLE),
        "pdf of a text file": (cli("pdf", tmp_path / "notes.txt"), Exit.USAGE),
        "doctor without LibreOffice": (cli("doctor", "--no-probe",
                                          env={"ITA_XL_SOFFICE": str(tmp_path / "no-soffice")}),
                                      Exit.NOT_CLEAN),
        "unknown agency type": (cli("init", tmp_path / "t.xlsm", "--type", "ร้านค้า"), Exit.USAGE),
    }
    import ita_xl.pipeline

    def boom(*_a, **_k):
        raise RuntimeError("kaput")

    def interrupted(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr(ita_xl.pipeline, "check", boom)
    runs["a bug"] = (cli("check", "--example"), Exit.BUG)
    monkeypatch.setattr(ita_xl.pipeline, "check", interrupted)
    runs["Ctrl-C"] = (cli("check", "--example"), Exit.INTERRUPTED)
    for name, (result, code) in runs.items():
        assert result.exit_code == code, (name, result.output)
        assert THAI.search(result.output), name
        assert thai_first_problems(result.output) == [], (name, result.output)


@pytest.mark.soffice
def test_pdf_output_is_thai_first(tmp_path):
    out = tmp_path / "out"
    assert cli("generate", "--example", "-o", out).exit_code == 0
    result = cli("pdf", *sorted(out.glob("*.docx")))
    assert result.exit_code == 0, result.output
    assert thai_first_problems(result.output) == []
    missing = cli("pdf", tmp_path / "gone.docx")
    assert missing.exit_code != 0 and thai_first_problems(missing.output) == []
