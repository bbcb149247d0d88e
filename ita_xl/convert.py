"""Word (.docx) to PDF with LibreOffice headless.

:func:`to_pdf` converts many files with one ``soffice --convert-to pdf`` run (LibreOffice's start
costs about a second; each further document about 0.1-0.2 s), using

* a private LibreOffice profile (``-env:UserInstallation``) made once per Python process, so a
  LibreOffice the user has open does not swallow the job and a broken user profile does not
  matter;
* the fonts from :func:`ita_xl.fonts.ensure_fonts` (``FONTCONFIG_FILE``), so "TH SarabunPSK"
  comes out with TH SarabunPSK's metrics instead of tlwg's oversized Laksaman;
* a temporary folder inside ``outdir``: each PDF is moved into place with ``os.replace`` only when
  it is complete, so a crash or timeout never leaves a half-written PDF;
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
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

from .errors import ItaError

__all__ = ["ConversionError", "to_pdf", "find_soffice", "soffice_version", "SOFFICE_ENV",
           "CHUNK_SIZE"]

#: Environment variable that names the LibreOffice executable to use.
SOFFICE_ENV = "ITA_XL_SOFFICE"
#: At most this many documents go to one soffice run.
CHUNK_SIZE = 200
#: Default timeout of one soffice run: a fixed allowance plus so much per document.
BASE_TIMEOUT = 60.0
PER_FILE_TIMEOUT = 10.0

_INSTALL_HINT_TH = ("ติดตั้ง LibreOffice: บน Debian/Ubuntu ใช้คำสั่ง "
                    "apt-get install libreoffice-writer-nogui บน Windows/macOS ดาวน์โหลดจาก "
                    "https://www.libreoffice.org หรือกำหนดตัวแปร ITA_XL_SOFFICE "
                    "เป็นที่อยู่ของโปรแกรม soffice")
_INSTALL_HINT_EN = ("Install LibreOffice: on Debian/Ubuntu apt-get install "
                    "libreoffice-writer-nogui; on Windows/macOS download it from "
                    "https://www.libreoffice.org, or set ITA_XL_SOFFICE to the soffice program")


class ConversionError(ItaError):
    """A document could not be converted to PDF (LibreOffice missing, failed or timed out).

    ``failed`` lists the input files without a PDF; ``converted`` the PDFs that were written
    (the other files of the same call are still converted).
    """

    def __init__(self, message_th: str, message_en: str, *, failed: Sequence[Path] = (),
                 converted: Sequence[Path] = (), **kwargs):
        self.failed = list(failed)
        self.converted = list(converted)
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
        profile = _Profile.get()
        result = subprocess.run(
            [str(exe), f"-env:UserInstallation={profile.as_uri()}", "--version"],
            capture_output=True, text=True, timeout=timeout, env=_child_env(None),
            stdin=subprocess.DEVNULL)
    lines = [x for x in (result.stdout or "").splitlines() if x.strip()]
    return lines[0].strip() if lines else ""


# --- the private profile ---------------------------------------------------------------------------
class _Profile:
    """One LibreOffice user profile per Python process; one soffice run at a time uses it.

    The profile belongs to the process that made it (``_pid``): a forked batch worker inherits
    the parent's path, and two soffice processes on one profile hand their work to each other,
    so a worker makes its own.  Workers end without running ``atexit`` handlers, so there the
    profile is removed through a multiprocessing finaliser instead.
    """

    lock = threading.RLock()
    _path: Path | None = None
    _pid: int | None = None

    @classmethod
    def get(cls) -> Path:
        if cls._pid != os.getpid():
            cls._path, cls._pid = None, os.getpid()
        if cls._path is None or not cls._path.parent.exists():
            cls._path = Path(tempfile.mkdtemp(prefix="ita-xl-lo-")) / "profile"
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
            cls._path = None


# --- conversion ----------------------------------------------------------------------------------
def to_pdf(docx_files: Sequence[Path], outdir: Path, *, timeout: float | None = None,
           use_fonts: bool = True) -> list[Path]:
    """Convert Word files to PDF in ``outdir``; return the PDFs in the order of ``docx_files``.

    ``outdir/<name>.pdf`` is replaced if it exists.  ``timeout`` limits one soffice run (default
    60 s plus 10 s per document; at most :data:`CHUNK_SIZE` documents per run).
    ``use_fonts=False`` skips the TH SarabunPSK font setup (for comparisons only).

    Raises :class:`ConversionError` (Thai first, then English) if LibreOffice is missing, an input
    does not exist, or a file still has no PDF after one retry; the other files are converted.
    """
    files = [Path(f).resolve() for f in docx_files]
    if not files:
        return []
    for f in files:
        if not f.is_file():
            raise ConversionError(f"ไม่พบไฟล์ที่จะแปลงเป็น PDF: {f}",
                                  f"File to convert to PDF not found: {f}", where=f.name,
                                  failed=[f])
    targets: dict[str, Path] = {}
    for f in files:
        stem = f.stem
        if stem in targets and targets[stem] != f:
            raise ConversionError(
                f"ไฟล์ {targets[stem]} และ {f} จะได้ PDF ชื่อเดียวกัน ({stem}.pdf)",
                f"{targets[stem]} and {f} would both become {stem}.pdf",
                where=f"{stem}.pdf", failed=[f])
        targets[stem] = f
    unique = list(dict.fromkeys(files))
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    soffice = find_soffice()
    fonts = None
    if use_fonts:
        from .fonts import ensure_fonts
        fonts = ensure_fonts()

    done: dict[Path, Path] = {}
    failures: dict[Path, str] = {}
    for f in unique:
        problem = _check_input(f)
        if problem:
            failures[f] = problem
    todo = [f for f in unique if f not in failures]
    for start in range(0, len(todo), CHUNK_SIZE):
        chunk = todo[start:start + CHUNK_SIZE]
        ok, errors = _convert_chunk(soffice, chunk, outdir, timeout, fonts)
        done.update(ok)
        failures.update(errors)
    if failures:
        failed = [f for f in unique if f in failures]
        names = ", ".join(f.name for f in failed)
        detail = "; ".join(f"{f.name}: {failures[f]}" for f in failed)
        raise ConversionError(
            f"แปลงไฟล์เป็น PDF ไม่สำเร็จ {len(failures)} ไฟล์: {names} "
            "(ไฟล์อาจเสียหายหรือไม่ใช่ไฟล์ Word)",
            f"Could not convert {len(failures)} file(s) to PDF: {names} ({detail})",
            where=names, failed=failed, converted=[done[f] for f in unique if f in done],
            hint_th="เปิดไฟล์ด้วย Word หรือ LibreOffice เพื่อตรวจสอบ แล้วลองใหม่",
            hint_en="Open the file in Word or LibreOffice to check it, then try again",
        )
    return [done[f] for f in files]


def _convert_chunk(soffice: Path, chunk: list[Path], outdir: Path, timeout: float | None,
                   fonts) -> tuple[dict[Path, Path], dict[Path, str]]:
    limit = timeout if timeout is not None else BASE_TIMEOUT + PER_FILE_TIMEOUT * len(chunk)
    done: dict[Path, Path] = {}
    reasons: dict[Path, str] = {}
    pending = list(chunk)
    for _attempt in (1, 2):  # one retry
        work = Path(tempfile.mkdtemp(prefix=".ita-xl-pdf-", dir=outdir))
        try:
            status, log = _run_soffice(soffice, pending, work, limit, fonts)
            still = []
            said = _messages(log, pending)
            for f in pending:
                produced = work / f"{f.stem}.pdf"
                if _is_pdf(produced):
                    final = outdir / produced.name
                    os.replace(produced, final)
                    done[f] = final
                else:
                    still.append(f)
                    reasons[f] = (status if status != "ok" else
                                  said.get(f) or "LibreOffice wrote no PDF")
        finally:
            shutil.rmtree(work, ignore_errors=True)
        for f in done:
            reasons.pop(f, None)
        # retry what may succeed the second time: not files LibreOffice said it cannot load
        pending = [f for f in still if status != "ok" or _LOAD_ERROR not in reasons[f]]
        if not pending:
            break
        if status != "ok":  # a killed soffice may leave the profile locked or half-written
            _Profile.discard()
    return done, {f: reasons[f] for f in chunk if f not in done}


def _run_soffice(soffice: Path, files: list[Path], workdir: Path, limit: float,
                 fonts) -> tuple[str, str]:
    """Run one soffice conversion; return ("ok" | "timeout" | "exit N", combined output)."""
    with _Profile.lock:
        profile = _Profile.get()
        cmd = [str(soffice), f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
               "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(workdir),
               *[str(f) for f in files]]
        popen_kwargs: dict = {}
        if os.name == "posix":
            popen_kwargs["start_new_session"] = True
        else:
            popen_kwargs["creationflags"] = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
        try:
            env = _child_env(fonts)
            # LibreOffice's own temporary files (lu*.tmp) go beside the profile, so they are
            # removed with it even when soffice is killed (timeout, Ctrl-C) before cleaning up.
            for var in ("TMPDIR", "TMP", "TEMP"):
                env[var] = str(profile.parent)
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, env=env, **popen_kwargs)
        except OSError as exc:
            raise ConversionError(
                f"เรียกโปรแกรม LibreOffice ไม่ได้: {soffice}",
                f"Cannot run LibreOffice: {soffice} ({exc})",
                hint_th=_INSTALL_HINT_TH, hint_en=_INSTALL_HINT_EN, failed=files) from exc
        try:
            out, _ = proc.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            _kill(proc)
            out, _ = proc.communicate()
            return "timeout", _decode(out)
        except BaseException:  # Ctrl-C: soffice is in its own session, so it must be stopped here
            _kill(proc)
            raise
        text = _decode(out)
        return ("ok" if proc.returncode == 0 else f"exit {proc.returncode}"), text


def _kill(proc: subprocess.Popen) -> None:
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(proc.pid)],
                           capture_output=True, check=False)
    except (OSError, ProcessLookupError):
        pass
    try:
        proc.kill()
    except OSError:
        pass
    # give the killed tree a moment so the profile is not in use by a dying soffice.bin
    time.sleep(0.2)


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
