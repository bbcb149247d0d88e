"""What the buttons of the ITA ribbon tab run (``workbook/src/vba/ITA.bas`` → xlwings' RunPython).

The VBA side saves the workbook as the clerk sees it (unsaved edits included) to a temp copy
with ``ThisWorkbook.SaveCopyAs`` — the clerk's own file is never saved over — and calls, e.g.::

    import ita_xl.excel as ita; ita.generate_from_excel(ita.unhex('0043003A…'),
        ita.unhex('…'), result=ita.unhex('…'))

Paths arrive as hex of their UTF-16 code units (:func:`unhex`), so the Python command line holds
only ASCII whatever the folder and file names are (Thai names are normal here; xlwings issue
#2004).  Each entry point

* works on the copy and writes documents to ``ITA_output`` beside the clerk's workbook
  (:func:`output_dir`), never beside the temp copy;
* returns an :class:`Answer` (status, Thai message, the cell to select, files to open) and, when
  ``result`` is given, writes it there for VBA to act on (UTF-16 ``key=value`` lines);
* never raises: errors become an answer with status ``error``, so the clerk gets a Thai message
  box instead of a Python traceback;
* touches the live workbook only through xlwings and only when run from Excel
  (``--from_xl=1`` on the command line, as RunPython passes it): the check sheet gets the list
  of findings.  Everything else runs the same on Linux, which is how the tests call it.
"""
from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__, layout
from .errors import ChecksFailed, ItaError
from .present import (check_box, check_sheet_rows, error_box, generated_box, refused_box,
                      unexpected_box)

OUTPUT_FOLDER = "ITA_output"


def unhex(text: str) -> str:
    """The text whose UTF-16 code units VBA wrote as hex (``HexUtf16`` in ITA.bas)."""
    return bytes.fromhex(text).decode("utf-16-be")


def to_hex(text: str) -> str:
    """The inverse of :func:`unhex` (what VBA's ``HexUtf16`` produces)."""
    return text.encode("utf-16-be").hex().upper()


# ---------------------------------------------------------------------------------------------
# The answer VBA reads

@dataclass
class Answer:
    """What an entry point tells VBA: show ``messages``, select ``select``, open ``open``."""

    status: str = "ok"  # ok | warning | error
    messages: list[str] = field(default_factory=list)
    select: tuple[str, str] | None = None  # (sheet title, A1 cell)
    open: list[Path] = field(default_factory=list)
    findings: list[Any] = field(default_factory=list)
    documents: list[Path] = field(default_factory=list)
    outdir: Path | None = None

    def lines(self) -> list[str]:
        out = [f"status={self.status}"]
        for message in self.messages:
            out += [f"message={line}" for line in str(message).splitlines() or [""]]
        if self.select is not None:
            out.append(f"select={self.select[0]}\t{self.select[1]}")
        out += [f"open={path}" for path in self.open]
        return out

    def write(self, path: str | os.PathLike) -> None:
        """UTF-16 LE with a BOM, CRLF lines: what FileSystemObject reads as Unicode text."""
        text = "\r\n".join(self.lines()) + "\r\n"
        Path(path).write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))

    @property
    def message(self) -> str:
        return "\n".join(self.messages)


def read_answer(path: str | os.PathLike) -> dict[str, list[str]]:
    """Parse a result file as ITA.bas does (for tests and debugging)."""
    text = Path(path).read_bytes().decode("utf-16")
    out: dict[str, list[str]] = {}
    for line in text.replace("\r", "").split("\n"):
        if "=" in line:
            key, value = line.split("=", 1)
            out.setdefault(key, []).append(value)
    return out


def _entry(func: Callable[..., Answer]) -> Callable[..., Answer]:
    """Run an entry point: errors become an error answer; the answer goes to ``result``."""
    def run(*args: Any, result: str | os.PathLike | None = None, **kwargs: Any) -> Answer:
        try:
            answer = func(*args, **kwargs)
        except ItaError as exc:
            answer = Answer("error", [error_box(exc)])
            if isinstance(exc, ChecksFailed):
                answer.findings = list(exc.findings)
        except Exception as exc:  # a bug: still a message box, and the traceback on stderr
            traceback.print_exc()
            answer = Answer("error", unexpected_box(exc))
        if result:
            try:
                answer.write(result)
            except OSError:
                traceback.print_exc()
        return answer

    run.__name__ = func.__name__
    run.__doc__ = func.__doc__
    run.__wrapped__ = func  # type: ignore[attr-defined]
    return run


# ---------------------------------------------------------------------------------------------
# Where things go

def _is_url(path: str) -> bool:
    return "://" in path


def output_dir(original_path: str | os.PathLike) -> Path:
    """``ITA_output`` beside the clerk's workbook.

    A workbook that was never saved has no folder, and one opened from OneDrive/SharePoint has a
    URL for a name; their documents go to ``ITA_output`` in the user's Documents folder.
    """
    original = os.fspath(original_path)
    if _is_url(original):
        local = _local_path_of_url(original)
        if local is not None:
            return local.parent / OUTPUT_FOLDER
        return _documents() / OUTPUT_FOLDER
    parent = Path(original).parent
    if str(parent) in ("", "."):  # "Book1": never saved
        return _documents() / OUTPUT_FOLDER
    return parent / OUTPUT_FOLDER


def _local_path_of_url(url: str) -> Path | None:
    """The synced local file of a OneDrive/SharePoint workbook, as xlwings finds it (Windows)."""
    try:
        from xlwings.utils import fullname_url_to_local_path

        local = Path(fullname_url_to_local_path(url))
        return local if local.exists() else None
    except Exception:
        return None


def _documents() -> Path:
    home = Path.home()
    docs = home / "Documents"
    return docs if docs.is_dir() else home


# ---------------------------------------------------------------------------------------------
# Findings for the check sheet and the message box

def first_problem(findings: Sequence[Any]) -> Any | None:
    """The cell to select: the first error with a cell, else the first open warning with one
    (an acknowledged warning is not a problem to go to)."""
    located = [f for f in findings if f.loc is not None and not f.acknowledged]
    for f in located:
        if f.severity == "error":
            return f
    return located[0] if located else None


def _with_findings(answer: Answer, findings: Sequence[Any], original_path: str) -> Answer:
    """Put ``findings`` on the live check sheet, select the first problem, say how many."""
    answer.findings = list(findings)
    first = first_problem(findings)
    if first is not None:
        answer.select = (first.sheet, first.cell)
    note = write_check_sheet_live(original_path, check_sheet_rows(findings))
    if note:
        answer.messages.append(note)
    return answer


# ---------------------------------------------------------------------------------------------
# The live workbook (only inside Excel)

def from_excel() -> bool:
    """True when RunPython started this process (it passes ``--from_xl=1``)."""
    return any(arg.startswith("--from_xl=1") for arg in sys.argv)


def live_book(original_path: str):
    """The clerk's open workbook through xlwings, or None."""
    import xlwings as xw

    try:
        return xw.Book.caller()
    except Exception:
        pass
    wanted = os.path.normcase(original_path)
    for app in xw.apps:
        for book in app.books:
            if os.path.normcase(book.fullname) == wanted:
                return book
    return None


def write_check_sheet_live(original_path: str, rows: list[list[Any]]) -> str | None:
    """Write ``rows`` under the check sheet's header in the open workbook (inside Excel only).

    Returns a note for the clerk when it could not be done, else None.
    """
    if not from_excel():
        return None
    try:
        book = live_book(original_path)
        if book is None:
            return "ไม่พบสมุดงานที่เปิดอยู่ จึงไม่ได้เขียนผลลงแผ่นงาน ตรวจสอบ"
        write_check_sheet(book, rows)
        return None
    except Exception as exc:
        traceback.print_exc()
        return f"เขียนผลลงแผ่นงาน {layout.SHEET_CHECK} ไม่สำเร็จ ({type(exc).__name__}: {exc})"


def write_check_sheet(book, rows: list[list[Any]]) -> None:
    """Clear the findings below the header named ``ita_check_results`` and write ``rows``."""
    try:
        header = book.names[layout.CHECK_RESULTS_NAME].refers_to_range
    except Exception:
        sheet = _check_sheet(book)
        header = sheet.range("A5")
    sheet = header.sheet
    top, left = header.row + 1, header.column
    width = len(layout.CHECK_RESULTS_HEADERS)
    last = max(sheet.used_range.last_cell.row, top)
    sheet.range((top, left), (last, left + width - 1)).clear_contents()
    sheet.range((top, left)).value = rows


def _check_sheet(book):
    for sheet in book.sheets:
        try:
            if sheet.api.CodeName == layout.CHECK_CODE_NAME:
                return sheet
        except Exception:
            pass
    if layout.SHEET_CHECK in [s.name for s in book.sheets]:
        return book.sheets[layout.SHEET_CHECK]
    sheet = book.sheets.add(layout.SHEET_CHECK, after=book.sheets[-1])
    sheet.range("A5").value = [list(layout.CHECK_RESULTS_HEADERS)]
    return sheet


# ---------------------------------------------------------------------------------------------
# Entry points

@_entry
def check_from_excel(copy_path: str, original_path: str) -> Answer:
    """ตรวจสอบข้อมูล: run every check on the copy; list the findings on the check sheet."""
    from .pipeline import check

    findings = check(Path(copy_path)).findings
    status, messages = check_box(findings)
    return _with_findings(Answer(status, messages), findings, original_path)


def _generate(copy_path: str, original_path: str, *, pdf: bool) -> Answer:
    from .pipeline import generate

    outdir = output_dir(original_path)
    answer = Answer(outdir=outdir)
    try:
        result = generate(Path(copy_path), outdir, pdf=pdf)
    except ChecksFailed as exc:
        answer.status, answer.messages = "error", refused_box(exc.findings)
        return _with_findings(answer, exc.findings, original_path)
    answer.documents = result.paths + list(result.pdfs)
    files = result.pdfs if pdf else result.paths
    renamed = [w.path for w in result.written if w.renamed]
    answer.status, answer.messages = generated_box(files, outdir, result.findings, pdf=pdf,
                                                   renamed=renamed)
    answer.open = [outdir] if pdf else list(result.paths)
    if result.findings:
        _with_findings(answer, result.findings, original_path)
        answer.select = None  # the documents are what the clerk asked for
    return answer


@_entry
def generate_from_excel(copy_path: str, original_path: str) -> Answer:
    """สร้างเอกสาร Word: memo and report (.docx) in ITA_output beside the workbook, then open them."""
    return _generate(copy_path, original_path, pdf=False)


@_entry
def pdf_from_excel(copy_path: str, original_path: str) -> Answer:
    """สร้าง PDF: the documents as .docx and PDF (LibreOffice) in ITA_output; open the folder."""
    return _generate(copy_path, original_path, pdf=True)


@_entry
def open_output_folder(original_path: str) -> Answer:
    """เปิดโฟลเดอร์ผลลัพธ์: ITA_output beside the workbook (made if missing), opened by VBA."""
    outdir = output_dir(original_path)
    outdir.mkdir(parents=True, exist_ok=True)
    return Answer(open=[outdir], outdir=outdir)


def _help_location() -> str:
    from . import resources, winsetup

    if winsetup.is_bundle_python():  # the page that opens with a double-click
        page = winsetup.bundle_root() / winsetup.GUIDE_NAME
        if page.exists():
            return str(page)
    guide = resources.setup_guide()
    return str(guide) if guide.exists() else "docs/excel-setup.md (ในที่เก็บซอร์สโค้ดของ ita-xl)"


@_entry
def about() -> Answer:
    """วิธีใช้/เกี่ยวกับ: versions, the Python in use and where the help is."""
    import xlwings

    return Answer(messages=[
        f"ita-xl {__version__}: บันทึกข้อความและรายงานผล ITA จากสมุดงาน Excel",
        "ตรวจสอบข้อมูล: ตรวจทุกแผ่นงาน รายการปัญหาอยู่ในแผ่นงาน ตรวจสอบ",
        f"สร้างเอกสาร Word / สร้าง PDF: บันทึกในโฟลเดอร์ {OUTPUT_FOLDER} ข้างสมุดงาน",
        f"คู่มือการติดตั้งและใช้งาน: {_help_location()}",
        f"xlwings {xlwings.__version__}, Python {sys.version.split()[0]} ({sys.executable})",
    ])
