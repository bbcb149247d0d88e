"""Word (.docx) to PDF: through Word itself on Windows when it is installed, else LibreOffice.

On Windows with Word (a clerk's PC), :func:`to_pdf` has Word export each document (COM, pywin32:
a private Word instance opens the file read-only, ``ExportAsFixedFormat`` writes the PDF, the
document closes unsaved), so the PDF is exactly what Word shows.  ``ITA_XL_PDF=libreoffice``
chooses LibreOffice anyway.  Everywhere else, and on Windows without Word, LibreOffice headless:

:func:`to_pdf` converts many files with one ``soffice --convert-to pdf`` run (LibreOffice's start
costs about a second; each further document about 0.1-0.2 s), using

* a private LibreOffice profile (``-env:UserInstallation``), one per Python process and kept in
  the user's cache folder for the next run (:class:`_Profile`), so a LibreOffice the user has
  open does not swallow the job and a broken user profile does not matter;
* the fonts from :func:`ita_xl.fonts.ensure_fonts` (``FONTCONFIG_FILE``), so "TH SarabunPSK"
  comes out with TH SarabunPSK's metrics instead of tlwg's oversized Laksaman;
* numbered copies of the inputs in a private temporary folder (made by ``pdfcopy``: Thai
  paragraphs flush, no line ends inside listed words, Thai page digits), passed as file URLs, so no name
  (``%``, ``;``, ``#``, ``?``) can confuse LibreOffice; each finished PDF is written into place
  like a document (``output.write_atomic``: complete or not at all, ``… (2).pdf`` when the old
  one cannot be replaced), and a document that got no PDF loses its old one;
* a guard process (``procs.start_guarded``) that kills LibreOffice's process group when the run
  stops it or dies;
* a timeout that grows with the number of files, and one retry for the files that did not come
  out (after a timeout, with a fresh profile).

LibreOffice is looked up in ``ITA_XL_SOFFICE`` (a path or a command name), then ``soffice`` /
``libreoffice`` on PATH, then the usual install folders of Linux, Windows and macOS.
"""
from __future__ import annotations

import atexit
import locale
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Sequence
from pathlib import Path

from . import pdfcopy, procs
from .errors import ItaError

__all__ = ["ConversionError", "to_pdf", "find_soffice", "soffice_version", "SOFFICE_ENV",
           "CHUNK_SIZE", "CONVERTER_ENV", "ensure_converter", "word_installed"]

#: Environment variable that names the LibreOffice executable to use.
SOFFICE_ENV = "ITA_XL_SOFFICE"
#: At most this many documents go to one soffice run.
CHUNK_SIZE = 200
#: Default timeout of one soffice run: a fixed allowance plus so much per document.
BASE_TIMEOUT = 60.0
PER_FILE_TIMEOUT = 10.0

#: Environment variable choosing the converter on Windows: "word" (default when Word is there)
#: or "libreoffice".
CONVERTER_ENV = "ITA_XL_PDF"

if sys.platform == "win32":  # a clerk's PC: Word first; no package manager to name
    _INSTALL_HINT_TH = ("ติดตั้ง Microsoft Word (PDF จะตรงกับที่เห็นใน Word) หรือ LibreOffice "
                        "จาก https://www.libreoffice.org (ขอให้ผู้ดูแลระบบติดตั้งถ้าไม่มีสิทธิ์) "
                        "แล้วกดปุ่ม สร้าง PDF อีกครั้ง ระหว่างนี้ปุ่ม สร้างเอกสาร Word ใช้ได้ "
                        "แล้วสั่ง บันทึกเป็น PDF ใน Word เองได้")
    _INSTALL_HINT_EN = ("Install Microsoft Word (the PDF is then what Word shows) or LibreOffice "
                        "from https://www.libreoffice.org (ask IT if you lack the rights), then "
                        "press the PDF button again; meanwhile make the Word files and use "
                        "Word's Save as PDF")
else:
    _INSTALL_HINT_TH = ("ติดตั้ง LibreOffice: บน Debian/Ubuntu ใช้คำสั่ง "
                        "apt-get install libreoffice-writer-nogui บน Linux/macOS อื่นดาวน์โหลดจาก "
                        "https://www.libreoffice.org หรือกำหนดตัวแปร ITA_XL_SOFFICE "
                        "เป็นที่อยู่ของโปรแกรม soffice")
    _INSTALL_HINT_EN = ("Install LibreOffice: on Debian/Ubuntu apt-get install "
                        "libreoffice-writer-nogui; on other Linux/macOS download it from "
                        "https://www.libreoffice.org, or set ITA_XL_SOFFICE to the soffice "
                        "program")


class ConversionError(ItaError):
    """A document could not be converted to PDF (LibreOffice missing, failed or timed out).

    ``failed`` lists the input files without a PDF; ``converted`` the PDFs that were written
    (the other files of the same call are still converted).
    """

    def __init__(self, message_th: str, message_en: str, *, failed: Sequence[Path] = (),
                 converted: Sequence[Path] = (), reasons: dict | None = None,
                 kinds: dict | None = None, **kwargs):
        self.failed = list(failed)
        self.converted = list(converted)
        self.reasons = dict(reasons or {})  # failed file -> why (Thai / English)
        self.kinds = dict(kinds or {})  # failed file -> "word" | "libreoffice" | "disk" | …
        super().__init__(message_th, message_en, **kwargs)


# --- finding LibreOffice -------------------------------------------------------------------------
def _candidate_paths() -> list[Path]:
    paths: list[Path] = []
    if sys.platform == "win32":
        for var in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"):
            base = os.environ.get(var)
            if base:
                paths.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
        paths += [Path(r"C:\Program Files\LibreOffice\program\soffice.exe"),
                  Path(r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")]
    elif sys.platform == "darwin":
        paths += [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
                  Path.home() / "Applications/LibreOffice.app/Contents/MacOS/soffice"]
    else:
        paths += [Path("/usr/bin/soffice"), Path("/usr/lib/libreoffice/program/soffice"),
                  Path("/usr/local/bin/soffice"), Path("/snap/bin/libreoffice")]
        paths += sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True)
    return paths


def find_soffice() -> Path:
    """Path of the LibreOffice ``soffice`` program; raises :class:`ConversionError` if none."""
    override = os.environ.get(SOFFICE_ENV, "").strip()
    if override:
        found = shutil.which(override)
        if found:
            return Path(found)
        raise ConversionError(
            f"ไม่พบโปรแกรม LibreOffice ตามที่ตัวแปร {SOFFICE_ENV} กำหนดไว้: {override}",
            f"LibreOffice not found where {SOFFICE_ENV} points: {override}",
            hint_th=f"แก้ค่า {SOFFICE_ENV} ให้ชี้ไปที่โปรแกรม soffice ที่มีอยู่จริง "
                    f"หรือลบตัวแปรนี้ออก; {_INSTALL_HINT_TH}",
            hint_en=f"Point {SOFFICE_ENV} at an existing soffice program or unset it; "
                    f"{_INSTALL_HINT_EN}",
        )
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    for path in _candidate_paths():
        if path.is_file() and os.access(path, os.X_OK):
            return path
    raise ConversionError(
        "ไม่พบโปรแกรม LibreOffice (soffice) ที่ใช้แปลงไฟล์ Word เป็น PDF",
        "LibreOffice (soffice) not found; it is needed to convert Word files to PDF",
        hint_th=_INSTALL_HINT_TH, hint_en=_INSTALL_HINT_EN,
    )


def soffice_version(soffice: Path | None = None, timeout: float = 60) -> str:
    """``soffice --version`` (first line), e.g. "LibreOffice 7.4.7.2 40(Build:2)"."""
    exe = soffice or find_soffice()
    with _Profile.lock:
        profile = _Profile.get(exe)
        result = subprocess.run(
            [str(exe), f"-env:UserInstallation={profile.as_uri()}", "--version"],
            capture_output=True, text=True, timeout=timeout, env=_child_env(None),
            stdin=subprocess.DEVNULL)
    lines = [x for x in (result.stdout or "").splitlines() if x.strip()]
    return lines[0].strip() if lines else ""


# --- the private profile ---------------------------------------------------------------------------
class _Profile:
    """The LibreOffice user profile of this Python process; one soffice run at a time uses it.

    **Kept**: the profile lives in the user's cache folder (``…/ita-xl/libreoffice/<soffice>/<n>``,
    private to the user, see :mod:`ita_xl.cache`) and stays there for the next run — LibreOffice
    makes a new profile on its first start, about a seventh of a short conversion.  A process
    claims one of the numbered profiles with a lock on ``<n>.lock`` that it holds until it ends
    (the system releases it however the process ends), so two soffice processes never share one
    (they would hand their work to each other): batch workers, each a process, claim one each
    and keep it between their chunks.  A run that did not end well (timeout, kill) discards the
    profile; the guard removes it when it kills soffice; the next run makes it again.

    Where that folder cannot be used, the profile is temporary, as before: one per process in
    the temporary folder, removed at exit (a forked worker, which ends without running
    ``atexit`` handlers, through a multiprocessing finaliser).
    """

    lock = threading.RLock()
    _path: Path | None = None
    _pid: int | None = None
    _kept = False
    _claim = None  # the open, locked <n>.lock file of a kept profile

    @classmethod
    def get(cls, soffice: Path | None = None) -> Path:
        if cls._pid != os.getpid():  # a forked worker: a profile of its own
            cls._path, cls._pid, cls._kept, cls._claim = None, os.getpid(), False, None
        if cls._path is None:
            kept = _claim_kept_profile(soffice)
            if kept is not None:
                cls._path, cls._claim = kept
                cls._kept = True
        if cls._kept:
            cls._path.parent.mkdir(parents=True, exist_ok=True)  # discarded: made again
        elif cls._path is None or not cls._path.parent.exists():
            procs.sweep_temp()  # profiles of killed runs
            cls._path = procs.temp_dir("ita-xl-lo-") / "profile"
            atexit.register(shutil.rmtree, cls._path.parent, True)
            import multiprocessing

            if multiprocessing.parent_process() is not None:
                from multiprocessing import util

                util.Finalize(None, shutil.rmtree, args=(cls._path.parent, True),
                              exitpriority=10)
        return cls._path

    @classmethod
    def discard(cls) -> None:
        if cls._path is not None:
            shutil.rmtree(cls._path.parent, ignore_errors=True)
            if not cls._kept:
                cls._path = None


#: Numbered kept profiles tried before falling back to a temporary one.
KEPT_PROFILES = 32


def _claim_kept_profile(soffice: Path | None):
    """(profile path, locked claim file) of a free kept profile, or None."""
    import hashlib

    from .cache import private_folder, user_folder

    exe = str(soffice or "").encode("utf-8", "replace")
    base = user_folder() / "libreoffice" / hashlib.sha256(exe).hexdigest()[:12]
    if private_folder(base) is not None:
        return None
    for n in range(KEPT_PROFILES):
        try:
            claim = open(base / f"{n}.lock", "a+b")
        except OSError:
            return None
        if _try_lock(claim):
            return base / str(n) / "profile", claim
        claim.close()
    return None


def _try_lock(fh) -> bool:
    """Lock ``fh`` for this process without waiting; False when another process holds it."""
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


# --- conversion ----------------------------------------------------------------------------------
#: What failed, for the message: the Word file, LibreOffice, the disk, or writing the PDF.
MISSING, WORD, LIBREOFFICE, DISK, WRITE = "missing", "word", "libreoffice", "disk", "write"
#: Microsoft Word (the converter on Windows) failed, as opposed to the Word *file* (WORD).
WORD_APP = "word-app"
#: Free space below which a conversion that made no PDF is put down to a full disk.
LOW_SPACE = 32 * 1024 * 1024


class _Failure:
    __slots__ = ("kind", "detail")

    def __init__(self, kind: str, detail: str):
        self.kind, self.detail = kind, detail


def to_pdf(docx_files: Sequence[Path], outdir: Path | None = None, *,
           targets: Sequence[Path] | None = None, timeout: float | None = None,
           use_fonts: bool = True, create_folder: bool = True,
           work_root: Path | None = None) -> list[Path]:
    """Convert Word files to PDF; return the PDFs in the order of ``docx_files``.

    Each PDF goes to ``outdir/<name>.pdf`` (or to the matching path of ``targets``) the way
    ``output.write_atomic`` writes a document: complete or not at all, and as ``<name> (2).pdf``
    when the old PDF cannot be replaced (open in a viewer, read-only, a folder of that name).
    LibreOffice works on numbered copies in a private temporary folder, so no file or folder
    name (``%``, ``;``, ``#``, ``?``, Thai) can confuse it.  ``timeout`` limits one soffice run
    (default 60 s plus 10 s per document; at most :data:`CHUNK_SIZE` documents per run).
    ``use_fonts=False`` skips the TH SarabunPSK font setup (for comparisons only).
    ``create_folder=False`` fails a PDF whose folder is gone instead of making it again.
    ``work_root``: where LibreOffice's work folders go (default: the system's temporary folder).

    Raises :class:`ConversionError` (Thai first, then English) if LibreOffice is missing, or
    when some file got no PDF; the other files are converted.  The message says what failed —
    the Word file, LibreOffice, a full disk — and the old PDF of a failed file is removed, so
    no PDF of earlier data stays beside a new Word file.
    """
    files = [Path(f).absolute() for f in docx_files]
    if not files:
        return []
    if targets is None:
        if outdir is None:
            raise TypeError("to_pdf needs outdir or targets")
        targets = [Path(outdir) / f"{f.stem}.pdf" for f in files]
    target_of: dict[Path, Path] = {}
    claimed: dict[str, Path] = {}
    for f, target in zip(files, targets):
        target = Path(target).absolute()
        key = os.path.normcase(str(target))
        if key in claimed and claimed[key] != f:
            raise ConversionError(
                f"ไฟล์ {claimed[key]} และ {f} จะได้ PDF ชื่อเดียวกัน ({target.name})",
                f"{claimed[key]} and {f} would both become {target.name}",
                where=target.name, failed=[f])
        claimed[key] = f
        target_of[f] = target
    unique = list(dict.fromkeys(files))
    word = _word_application()
    if word is not None:
        return _finish(files, unique, target_of,
                       *_word_convert(word, unique, target_of, create_folder, work_root))
    soffice = find_soffice()
    fonts = None
    if use_fonts:
        from .fonts import ensure_fonts
        fonts = ensure_fonts()
    procs.sweep_temp()
    for folder in {t.parent for t in target_of.values()}:
        procs.sweep(folder)  # temporary files of a killed run

    done: dict[Path, Path] = {}
    failures: dict[Path, _Failure] = {}
    for f in unique:
        if not f.is_file():
            failures[f] = _Failure(MISSING, "")
        else:
            problem = _check_input(f)
            if problem:
                failures[f] = _Failure(WORD, problem)
    todo = [f for f in unique if f not in failures]
    for start in range(0, len(todo), CHUNK_SIZE):
        chunk = todo[start:start + CHUNK_SIZE]
        ok, errors = _convert_chunk(soffice, chunk, timeout, fonts, target_of, create_folder,
                                    work_root)
        done.update(ok)
        failures.update(errors)
    return _finish(files, unique, target_of, done, failures)


def _finish(files: list[Path], unique: list[Path], target_of: dict[Path, Path],
            done: dict[Path, Path], failures: dict[Path, "_Failure"]) -> list[Path]:
    """The PDFs in the order of ``files``, or the error naming every file without one (whose
    old PDF is removed), whichever converter made them."""
    if failures:
        failed = [f for f in unique if f in failures]
        removed, stuck = remove_stale_pdfs([target_of[f] for f in failed])
        raise _conversion_error(failed, failures, removed, stuck,
                                [done[f] for f in unique if f in done])
    return [done[f] for f in files]


# --- Word (Windows) ------------------------------------------------------------------------------
#: Word's constants (Word VBA reference): WdExportFormat.wdExportFormatPDF,
#: WdExportOptimizeFor.wdExportOptimizeForPrint, WdExportRange.wdExportAllDocument,
#: WdExportItem.wdExportDocumentContent, WdExportCreateBookmarks.wdExportCreateHeadingBookmarks,
#: WdSaveOptions.wdDoNotSaveChanges, WdAlertLevel.wdAlertsNone.
WD_EXPORT_PDF, WD_OPTIMIZE_PRINT, WD_EXPORT_ALL, WD_CONTENT = 17, 0, 0, 0
WD_HEADING_BOOKMARKS, WD_DO_NOT_SAVE, WD_ALERTS_NONE = 1, 0, 0


def word_installed() -> bool:
    """Is Word registered for automation here (Windows), and chosen?  Asks the registry only:
    starting Word takes seconds."""
    if sys.platform != "win32" or os.environ.get(CONVERTER_ENV, "").strip().lower() == \
            "libreoffice":
        return False
    import winreg

    try:
        winreg.CloseKey(winreg.OpenKey(winreg.HKEY_CLASSES_ROOT, r"Word.Application\CLSID"))
        return True
    except OSError:
        return False


def ensure_converter() -> str:
    """"word" or the LibreOffice program that :func:`to_pdf` will use; ConversionError (with
    this platform's way to fix it) when there is neither — before any work is done."""
    return "word" if word_installed() else str(find_soffice())


def _word_application():
    """A private, invisible Word (``DispatchEx``: never the clerk's open Word), or None when
    this is not Windows, ``ITA_XL_PDF=libreoffice`` says so, or Word is not installed."""
    if sys.platform != "win32" or os.environ.get(CONVERTER_ENV, "").strip().lower() == \
            "libreoffice":
        return None
    try:
        import pythoncom
        import pywintypes
        import win32com.client
    except ImportError:  # a Windows Python without pywin32 (pip-installed ita-xl)
        return None
    pythoncom.CoInitialize()
    try:
        word = win32com.client.DispatchEx("Word.Application")
    except pywintypes.com_error:  # not registered: no Word on this PC
        pythoncom.CoUninitialize()
        return None
    try:
        word.Visible = False
        word.DisplayAlerts = WD_ALERTS_NONE
    except pywintypes.com_error:
        pass  # an old Word: the defaults do
    return word


def _com_reason(exc: BaseException) -> str:
    """Word's own words from a COM error (its excepinfo description), else the error."""
    info = getattr(exc, "excepinfo", None)
    if info and len(info) > 2 and info[2]:
        return str(info[2]).strip()
    return str(exc)


def _word_convert(word, files: list[Path], target_of: dict[Path, Path], create_folder: bool,
                  work_root: Path | None) -> tuple[dict[Path, Path], dict[Path, "_Failure"]]:
    """Each file opened read-only in ``word``, exported as PDF into a private folder, closed
    without saving, the PDF put in place like a document (``… (2).pdf`` when the old one is
    locked); Word is quit at the end, whatever happened."""
    import pythoncom
    import pywintypes

    from .errors import OutputError
    from .output import disk_full, write_atomic

    done: dict[Path, Path] = {}
    failures: dict[Path, _Failure] = {}
    work = procs.temp_dir("ita-xl-word-", work_root)
    try:
        for n, f in enumerate(files):
            if not f.is_file():
                failures[f] = _Failure(MISSING, "")
                continue
            problem = _check_input(f)
            if problem:
                failures[f] = _Failure(WORD, problem)
                continue
            produced = work / f"{n:05d}.pdf"
            try:
                # Open(FileName, ConfirmConversions, ReadOnly, AddToRecentFiles): positional,
                # as Word's dispatch interface takes them without a type library
                doc = word.Documents.Open(str(f), False, True, False)
                try:
                    doc.ExportAsFixedFormat(str(produced), WD_EXPORT_PDF, False,
                                            WD_OPTIMIZE_PRINT, WD_EXPORT_ALL, 1, 1, WD_CONTENT,
                                            True, True, WD_HEADING_BOOKMARKS, True, True, False)
                finally:
                    doc.Close(WD_DO_NOT_SAVE)
            except pywintypes.com_error as exc:
                failures[f] = _Failure(WORD_APP, _com_reason(exc))
                continue
            if not _is_pdf(produced):
                failures[f] = _Failure(WORD_APP, "Word wrote no PDF")
                continue
            try:
                done[f] = write_atomic(target_of[f], produced.read_bytes(),
                                       create_folder=create_folder).path
            except FileNotFoundError:
                failures[f] = _Failure(WRITE, f"{target_of[f].parent}: folder not found")
            except OutputError as exc:
                full = disk_full(exc.__cause__) if exc.__cause__ else False
                failures[f] = _Failure(DISK if full else WRITE, exc.message_en)
    finally:
        try:
            word.Quit(WD_DO_NOT_SAVE)
        except pywintypes.com_error:
            pass  # Word already gone (it crashed): nothing to quit
        del word
        pythoncom.CoUninitialize()
        shutil.rmtree(work, ignore_errors=True)
    return done, failures


def _convert_chunk(soffice: Path, chunk: list[Path], timeout: float | None, fonts,
                   target_of: dict[Path, Path], create_folder: bool,
                   work_root: Path | None = None) -> tuple[dict[Path, Path], dict[Path, _Failure]]:
    """Convert ``chunk`` (one retry for files without a PDF) and put each PDF in place."""
    from .errors import OutputError
    from .output import disk_full, write_atomic

    limit = timeout if timeout is not None else BASE_TIMEOUT + PER_FILE_TIMEOUT * len(chunk)
    done: dict[Path, Path] = {}
    reasons: dict[Path, _Failure] = {}
    pending = list(chunk)
    for _attempt in (1, 2):  # one retry
        work = procs.temp_dir("ita-xl-pdf-", work_root)
        try:
            copies: dict[Path, Path] = {}
            for n, f in enumerate(pending):
                copy = work / f"{n:05d}{f.suffix.lower()}"
                try:
                    # LibreOffice gets its own copy (pdfcopy): flush Thai paragraphs, no
                    # breaks inside listed words, Thai page digits.
                    pdfcopy.write_copy(f, copy, digits_family=_digits_family(fonts))
                except FileNotFoundError:
                    reasons[f] = _Failure(MISSING, "")
                    continue
                except OSError as exc:
                    reasons[f] = _Failure(DISK if disk_full(exc) else WRITE, str(exc))
                    continue
                copies[copy] = f
            if not copies:
                break
            status, log = _run_soffice(soffice, list(copies), work, limit, fonts)
            said = _messages(log, list(copies))
            low = _free_space(work) < LOW_SPACE
            for copy, f in copies.items():
                produced = work / f"{copy.stem}.pdf"
                if not _is_pdf(produced):
                    reasons[f] = _no_pdf(status, said.get(copy), log, low, limit)
                    continue
                try:
                    data = produced.read_bytes()
                    done[f] = write_atomic(target_of[f], data, create_folder=create_folder).path
                    reasons.pop(f, None)
                except FileNotFoundError:
                    reasons[f] = _Failure(MISSING if not f.exists() else WRITE,
                                          f"{target_of[f].parent}: folder not found")
                except OutputError as exc:
                    full = disk_full(exc.__cause__) if exc.__cause__ else False
                    reasons[f] = _Failure(DISK if full else WRITE, exc.message_en)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        # retry what may succeed the second time: not what LibreOffice said it cannot load,
        # nor what failed for want of space or of its folder
        pending = [f for f in pending if f not in done and reasons.get(f) is not None
                   and reasons[f].kind == LIBREOFFICE]
        if not pending:
            break
        if status != "ok":  # a killed soffice may leave the profile locked or half-written
            _Profile.discard()
    return done, {f: reasons[f] for f in chunk if f not in done}


def _digits_family(fonts) -> str | None:
    """The Thai-digit companion font, when the font setup has one."""
    if fonts is None or getattr(fonts, "digits_file", None) is None:
        return None
    from .fonts import DIGITS_FAMILY
    return DIGITS_FAMILY


def _free_space(folder: Path) -> int:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return LOW_SPACE


def _no_pdf(status: str, said: str | None, log: str, low_space: bool, limit: float) -> _Failure:
    """Why LibreOffice made no PDF of a file: its own words decide between the file and itself."""
    if said and _LOAD_ERROR in said:
        return _Failure(WORD, said)
    if low_space:
        return _Failure(DISK, said or status)
    if status == "timeout":
        return _Failure(LIBREOFFICE, f"timeout after {limit:.0f} s")
    if status != "ok":
        tail = " | ".join(line.strip() for line in log.splitlines()[-3:] if line.strip())
        return _Failure(LIBREOFFICE, f"{status}" + (f": {tail}" if tail else ""))
    return _Failure(LIBREOFFICE, said or "LibreOffice wrote no PDF")


def stale_pdf_words(removed: Sequence[Path], stuck: Sequence[Path]) -> tuple[str, str]:
    """What became of the old PDFs of documents that got no new one (Thai, English; each
    empty or starting with a separator, to follow a message)."""
    th = en = ""
    if removed:
        names = ", ".join(p.name for p in removed)
        th += f" ลบ PDF เดิมที่ทำจากข้อมูลชุดก่อนแล้ว: {names}"
        en += f". Removed the old PDF made from earlier data: {names}"
    if stuck:
        names = ", ".join(str(p) for p in stuck)
        th += f" ลบ PDF เดิมไม่ได้ (อาจเปิดค้างอยู่) ไฟล์นี้ไม่ตรงกับเอกสารใหม่: {names}"
        en += f". Could not remove the old PDF (open somewhere?); it is out of date: {names}"
    return th, en


def remove_stale_pdfs(targets: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """Remove the old PDFs of documents that got no new one: (removed, could not remove)."""
    removed, stuck = [], []
    for target in targets:
        if not target.is_file():
            continue
        try:
            target.unlink()
            removed.append(target)
        except OSError:
            stuck.append(target)
    return removed, stuck


_KIND_TEXT = {
    MISSING: ("ไม่พบไฟล์ Word (ถูกย้ายหรือลบระหว่างทำงาน)",
              "the Word file is not there (moved or deleted while ita-xl ran)"),
    WORD: ("ไฟล์ Word เสียหายหรือไม่ใช่ไฟล์ Word",
           "the Word file is damaged or not a Word document"),
    LIBREOFFICE: ("LibreOffice ทำงานไม่สำเร็จ", "LibreOffice failed"),
    WORD_APP: ("Microsoft Word ส่งออกเป็น PDF ไม่สำเร็จ", "Microsoft Word could not export the PDF"),
    DISK: ("พื้นที่ดิสก์เต็ม บันทึก PDF ไม่ได้", "the disk is full, so the PDF could not be saved"),
    WRITE: ("บันทึก PDF ไม่ได้", "the PDF could not be saved"),
}
_KIND_HINT = {
    MISSING: ("ตรวจว่าไฟล์ยังอยู่ แล้วลองใหม่", "Check that the file is still there, then try again"),
    WORD: ("เปิดไฟล์ด้วย Word หรือ LibreOffice เพื่อตรวจสอบ แล้วลองใหม่",
           "Open the file in Word or LibreOffice to check it, then try again"),
    LIBREOFFICE: ("ตรวจ LibreOffice ด้วยคำสั่ง ita-xl doctor แล้วลองใหม่",
                  "Check LibreOffice with `ita-xl doctor`, then try again"),
    WORD_APP: ("เปิดไฟล์ใน Word ดูว่ามีหน้าต่างถามอะไรค้างอยู่หรือไม่ ปิด Word ทุกหน้าต่าง แล้วลองใหม่ "
               "(หรือใช้ LibreOffice: ตั้งตัวแปร ITA_XL_PDF=libreoffice)",
               "Open the file in Word to see whether it asks something, close every Word "
               "window, then try again (or use LibreOffice: set ITA_XL_PDF=libreoffice)"),
    DISK: ("ลบไฟล์ที่ไม่ใช้ให้มีที่ว่าง หรือเลือกโฟลเดอร์ผลลัพธ์ในดิสก์อื่น แล้วลองใหม่",
           "Free some disk space or choose an output folder on another disk, then try again"),
    WRITE: ("ตรวจว่าโฟลเดอร์ผลลัพธ์ยังอยู่และเขียนได้ แล้วลองใหม่",
            "Check that the output folder is still there and writable, then try again"),
}


def _conversion_error(failed: list[Path], failures: dict[Path, _Failure], removed: list[Path],
                      stuck: list[Path], converted: list[Path]) -> ConversionError:
    th_parts, en_parts, hints_th, hints_en = [], [], [], []
    for kind in (MISSING, WORD, DISK, WRITE, WORD_APP, LIBREOFFICE):
        group = [f for f in failed if failures[f].kind == kind]
        if not group:
            continue
        th, en = _KIND_TEXT[kind]
        details = sorted({failures[f].detail for f in group if failures[f].detail})
        th_parts.append(f"{th}: {', '.join(f.name for f in group)}")
        en_parts.append(f"{en}: {', '.join(f.name for f in group)}"
                        + (f" ({'; '.join(details)})" if details else ""))
        hints_th.append(_KIND_HINT[kind][0])
        hints_en.append(_KIND_HINT[kind][1])
    message_th = f"แปลงไฟล์เป็น PDF ไม่สำเร็จ {len(failed)} ไฟล์: " + "; ".join(th_parts)
    message_en = f"Could not convert {len(failed)} file(s) to PDF: " + "; ".join(en_parts)
    th, en = stale_pdf_words(removed, stuck)
    message_th += th
    message_en += en
    reasons = {f: f"{_KIND_TEXT[failures[f].kind][0]} / {_KIND_TEXT[failures[f].kind][1]}"
               + (f" ({failures[f].detail})" if failures[f].detail else "") for f in failed}
    return ConversionError(message_th, message_en, where=", ".join(f.name for f in failed),
                           failed=failed, converted=converted, reasons=reasons,
                           kinds={f: failures[f].kind for f in failed},
                           hint_th=" / ".join(hints_th), hint_en=" / ".join(hints_en))


def _run_soffice(soffice: Path, files: list[Path], workdir: Path, limit: float,
                 fonts) -> tuple[str, str]:
    """Run one soffice conversion; return ("ok" | "timeout" | "exit N", combined output).

    soffice runs under a guard (``procs.start_guarded``): stopped early (timeout, Ctrl-C,
    SIGTERM) or orphaned by a killed parent, its whole process group is killed and its work
    folder and profile removed.  Files and folders are passed as file URLs, which LibreOffice
    reads without guessing.
    """
    with _Profile.lock:
        profile = _Profile.get(soffice)
        cmd = [str(soffice), f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
               "--convert-to", "pdf:writer_pdf_Export", "--outdir", workdir.as_uri(),
               *[f.as_uri() for f in files]]
        env = _child_env(fonts)
        # LibreOffice's own temporary files (lu*.tmp) go inside the work folder, which is
        # removed even when soffice is killed.
        scratch = workdir / "tmp"
        scratch.mkdir(exist_ok=True)
        env.update({"TMPDIR": str(scratch), "TMP": str(scratch), "TEMP": str(scratch)})
        try:
            proc = procs.start_guarded(cmd, cleanup=[workdir, profile.parent], env=env,
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        except OSError as exc:
            raise ConversionError(
                f"เรียกโปรแกรม LibreOffice ไม่ได้: {soffice}",
                f"Cannot run LibreOffice: {soffice} ({exc})",
                hint_th=_INSTALL_HINT_TH, hint_en=_INSTALL_HINT_EN, failed=files) from exc
        output: list[bytes] = []
        reader = threading.Thread(target=lambda: output.append(proc.stdout.read()), daemon=True)
        reader.start()
        try:
            code = proc.wait(timeout=limit)
            status = "ok" if code == 0 else f"exit {code}"
        except subprocess.TimeoutExpired:
            procs.stop_guarded(proc)
            status = "timeout"
        except BaseException:  # Ctrl-C, SIGTERM: LibreOffice goes with us
            procs.stop_guarded(proc)
            raise
        finally:
            reader.join(timeout=10)
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    try:
                        stream.close()
                    except OSError:
                        pass
        return status, _decode(output[0] if output else b"")


def _child_env(fonts) -> dict[str, str]:
    env = dict(os.environ)
    if fonts is not None:
        env.update(fonts.env())
    else:
        env.pop("FONTCONFIG_FILE", None)
    if sys.platform.startswith("linux"):
        # LibreOffice mangles non-ASCII (Thai) file names under the C/POSIX locale.
        current = env.get("LC_ALL") or env.get("LC_CTYPE") or env.get("LANG") or ""
        if "utf-8" not in current.lower() and "utf8" not in current.lower():
            env["LC_ALL"] = "C.UTF-8"
    return env


def _decode(data: bytes | None) -> str:
    if not data:
        return ""
    for encoding in ("utf-8", locale.getpreferredencoding(False)):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", "replace")


def _messages(log: str, files: list[Path]) -> dict[Path, str]:
    """LibreOffice's error line per file.

    soffice prints, in input order, one line per document: "convert A -> B using filter ..." or
    "Error: ...".  If the count does not add up, every file gets the last error line.
    """
    lines = [line.strip() for line in log.splitlines()
             if line.strip().startswith(("convert ", "Error"))]
    if len(lines) == len(files):
        return {f: line for f, line in zip(files, lines) if line.startswith("Error")}
    errors = [line for line in lines if line.startswith("Error")]
    return {f: errors[-1] for f in files} if errors else {}


_LOAD_ERROR = "source file could not be loaded"
_OOXML = {".docx", ".docm", ".dotx", ".dotm"}


def _check_input(path: Path) -> str | None:
    """Why ``path`` cannot be a Word document, or None.

    LibreOffice happily "converts" any file it cannot recognise as plain text, so a damaged
    .docx would become a PDF of garbage; check the container first.
    """
    if path.suffix.lower() not in _OOXML:
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or not any(
                    n.startswith("word/") and n.endswith(".xml") for n in names):
                return "not a Word document (no word/*.xml inside)"
            broken = archive.testzip()
            if broken:
                return f"damaged archive member {broken}"
    except zipfile.BadZipFile:
        return "not a Word document (not a valid .docx/zip file)"
    except OSError as exc:
        return f"cannot read the file ({exc})"
    return None


def _is_pdf(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(5) == b"%PDF-" and path.stat().st_size > 100
    except OSError:
        return False
