"""Issue 22: a run imports only what it needs.

``python -X importtime -m ita_xl …`` lists every module a process imports; each command here
must not import the heavy modules it has no use for.  Each listed module was imported by some
command at some point (wcwidth by every command through the console, pythainlp by the checks'
word list, the PDF and font code by ``generate`` …) or would be by an innocent-looking top-level
import.  The cost of a module is measured by ``bench/speed.py``, not here.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ita_xl import resources

# Modules no `generate` without --pdf needs, with what each is for.  (xlfmt is needed: score
# cells print with the decimals their number format shows.)
NOT_FOR_GENERATE = {
    "wcwidth": "terminal widths of tables (check's and batch's listings)",
    # openpyxl imports numpy when installed (CI machines have it through scipy) for its number
    # types; ita_xl/__init__.py hides it from that import.  The refused import is still listed
    # as "numpy" (a few µs), so a module every real numpy import loads is named instead.
    "numpy.version": "nothing: openpyxl's numpy number types are for writing numpy values",
    "pythainlp": "Thai text dates (only when a date cell holds text)",
    "fontTools": "the font stand-in for LibreOffice (PDF only)",
    "msoffcrypto": "password-protected workbooks (only for an encrypted file)",
    "olefile": "old binary Office files (only for such a file)",
    "xlwings": "the Excel add-in",
    "multiprocessing": "batch workers",
    "concurrent.futures": "batch workers",
    "subprocess": "LibreOffice (PDF only)",
    "socket": "nothing: the computer's name comes from os.uname()",
    "csv": "batch summaries",
    "ita_xl.convert": "PDF conversion",
    "ita_xl.fonts": "PDF fonts",
    "ita_xl.batch": "batch",
    "ita_xl.builder": "building the tracker and templates",
    "ita_xl.importer": "importing a Word file",
    "ita_xl.doctor": "doctor",
    "ita_xl.excel": "the ribbon",
    "ita_xl.udfs": "cell functions",
}
# Modules the checks (`ita-xl check`) do not need: rendering is not theirs.
NOT_FOR_CHECK = {**NOT_FOR_GENERATE,
                 "docxtpl": "rendering", "docx": "rendering", "jinja2": "rendering",
                 "ita_xl.render": "rendering"}
NOT_FOR_CHECK.pop("wcwidth")  # check prints its findings as a table


def imported(*args: str, cwd: Path) -> set[str]:
    """The modules ``python -X importtime -m ita_xl ARGS`` imports."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "ita_xl", *args],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr[-3000:]
    names = set()
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "package":  # the header line
                names.add(name)
    assert "ita_xl.cli" in names  # the listing really is of this command
    return names


def _eager(names: set[str], banned: dict[str, str]) -> list[str]:
    return sorted(f"{m} ({why})" for m, why in banned.items()
                  if any(n == m or n.startswith(m + ".") for n in names))


def test_generate_imports_only_what_it_needs(tmp_path):
    names = imported("generate", "--example", "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert {"openpyxl", "docxtpl", "jinja2", "ita_xl.render", "ita_xl.cache"} <= names
    assert _eager(names, NOT_FOR_GENERATE) == []


def test_check_imports_no_renderer(tmp_path):
    names = imported("check", str(resources.example_workbook()), cwd=tmp_path)
    assert "ita_xl.checks" in names
    assert _eager(names, NOT_FOR_CHECK) == []


def test_version_imports_no_workbook_code(tmp_path):
    names = imported("--version", cwd=tmp_path)
    heavy = {m: "" for m in ("openpyxl", "docxtpl", "jinja2", "lxml", "ita_xl.checks",
                             "ita_xl.reader", "wcwidth")}
    assert _eager(names, heavy) == []
