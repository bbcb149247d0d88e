"""Output names and safe writing.

Names are stable and readable (``ITA2565_6m_memo.docx``): the same workbook always gives the same
names, so a website's links keep working from one round to the next.  Files are written to a
temporary name in the target folder and renamed into place, so a reader never sees half a file.
When the target is locked (open in Word on Windows) or read-only, a numbered alternative
(``… (2).docx``) is written and reported instead of failing the run.
"""
from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import OutputError
from .procs import temp_prefix

# Names Windows refuses whatever the extension.
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"{port}{i}" for port in ("COM", "LPT") for i in (*range(1, 10), "¹", "²", "³"))}
_UNSAFE = re.compile(r'[\x00-\x1f<>:"/\\|?*\x7f]')
MAX_NAME_BYTES = 150  # leaves room under the 255-byte limit for suffixes like " (12).pdf"


def safe_name(text: str, fallback: str = "agency") -> str:
    """A single path component made from ``text``: no separators, no '..', not reserved."""
    text = unicodedata.normalize("NFC", text or "")
    text = _UNSAFE.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip().strip(".")
    text = re.sub(r"_+", "_", text)
    if not text or set(text) <= {"_", " ", "."}:
        text = fallback
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = "_" + text
    return _cut(text, MAX_NAME_BYTES)


def _cut(text: str, limit: int) -> str:
    """``text`` shortened to at most ``limit`` bytes of UTF-8, at a character boundary."""
    encoded = text.encode("utf-8")
    if len(encoded) > limit:
        text = encoded[:limit].decode("utf-8", "ignore").rstrip(" .")
    return text


def variant_name(base: str, label: str, n: int = 1) -> str:
    """``<base> (<label>)``, or ``<base> (<label> <n>)`` for n > 1, as one safe name within the
    byte limit.

    The label is kept to a third of the limit and the base shortened to make room, so the
    number always survives: different ``n`` always give different names, however long the
    base and the label (a loop over ``n`` always finds a free name).
    """
    label = _cut(safe_name(label, fallback="_"), MAX_NAME_BYTES // 3)
    suffix = f"({label})" if n == 1 else f"({label} {n})"
    room = MAX_NAME_BYTES - len(suffix.encode("utf-8")) - 1
    base = _cut(safe_name(base), room).rstrip(" .") or "_"
    return safe_name(f"{base} {suffix}")


@dataclass
class Written:
    path: Path
    intended: Path

    @property
    def renamed(self) -> bool:
        return self.path != self.intended


def write_atomic(target: Path, data: bytes, *, max_alternatives: int = 50,
                 create_folder: bool = True) -> Written:
    """Write ``data`` to ``target`` via a temp file and rename; fall back to ``target (N)``.

    ``create_folder=False``: a missing folder is an error (it was removed meanwhile; making it
    again would bring back a folder the user deleted).
    """
    if create_folder:
        _make_folder(target.parent)
    candidates = [target] + [target.with_name(f"{target.stem} ({n}){target.suffix}")
                             for n in range(2, max_alternatives + 2)]
    last_error: OSError | None = None
    for candidate in candidates:
        if candidate != target and candidate.exists():
            continue
        if candidate.is_dir():  # a folder has the document's name: never touch it
            last_error = IsADirectoryError(f"{candidate} is a folder")
            continue
        try:
            _replace_with(candidate, data)
            return Written(candidate, target)
        except (PermissionError, IsADirectoryError) as exc:  # locked by Word, or read-only
            last_error = exc
            continue
        except OSError as exc:
            why_th, why_en = os_reason(exc)
            raise OutputError(
                f"เขียนไฟล์ {candidate.name} ไม่ได้: {why_th}",
                f"Cannot write {candidate}: {why_en}", where=str(candidate)) from exc
    raise OutputError(
        f"เขียนไฟล์ {target.name} ไม่ได้ ไฟล์อาจเปิดค้างอยู่ใน Word หรือโฟลเดอร์ห้ามเขียน",
        f"Cannot write {target} (locked or read-only): {last_error}", where=str(target))


def write_new(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` only if nothing is there yet (never overwrite), atomically.

    The data goes to a temporary file first, which is then hard-linked to ``target``: the link
    fails if ``target`` exists, even if it appeared a moment ago.  Where hard links are not
    supported (FAT32 USB sticks), the file is renamed into place after a last existence check.
    """
    exists = OutputError(
        f"มีไฟล์ {target.name} อยู่แล้ว ita-xl จะไม่เขียนทับ",
        f"{target} already exists; ita-xl does not overwrite it.", where=str(target),
        hint_th="ระบุชื่อไฟล์ใหม่ หรือย้าย/ลบไฟล์เดิมก่อน",
        hint_en="Give another file name, or move the existing file away first.")
    if target.exists() or target.is_symlink():
        raise exists
    _make_folder(target.parent)
    try:
        tmp = _temp_file(target.parent, target.suffix, data)
    except OSError as exc:
        raise OutputError(f"เขียนไฟล์ในโฟลเดอร์ {target.parent} ไม่ได้: {exc.strerror}",
                          f"Cannot write in {target.parent}: {exc}", where=str(target)) from exc
    try:
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise exists from None
        except OSError:  # no hard links on this file system
            if target.exists():
                raise exists from None
            os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(f"เขียนไฟล์ {target.name} ไม่ได้: {exc.strerror}",
                          f"Cannot write {target}: {exc}", where=str(target)) from exc
    finally:
        _unlink_quietly(tmp)
    return target


_NO_SPACE = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


def disk_full(exc: BaseException) -> bool:
    """True when ``exc`` says the disk (or the user's quota, or the file-size limit) is full."""
    return isinstance(exc, OSError) and exc.errno in _NO_SPACE


def os_reason(exc: OSError) -> tuple[str, str]:
    """Why a file operation failed, in Thai and English (a full disk said as such)."""
    if disk_full(exc):
        return ("พื้นที่ดิสก์เต็ม (หรือเกินโควตา) ลบไฟล์ที่ไม่ใช้หรือเลือกโฟลเดอร์ผลลัพธ์ในดิสก์อื่น",
                f"the disk is full (or the quota is used up; {exc.strerror}); free some space or "
                "choose an output folder on another disk")
    return str(exc.strerror or exc), str(exc)


def _read_only(path: Path) -> bool:
    """Read-only for us, or marked read-only (no write bit): Windows refuses to replace such a
    file, so it is treated the same everywhere, even where root could overwrite it."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not os.access(path, os.W_OK) or not (stat.S_IMODE(mode) & 0o222)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file is where the folder should be
        raise OutputError(
            f"สร้างโฟลเดอร์ผลลัพธ์ {folder} ไม่ได้ เพราะมีไฟล์ชื่อเดียวกันอยู่แล้ว",
            f"Cannot create the output folder {folder}: a file of that name is in the way.",
            where=str(folder), hint_th="เลือกโฟลเดอร์ผลลัพธ์อื่นด้วย -o",
            hint_en="Choose another output folder with -o.") from exc
    except OSError as exc:
        raise OutputError(
            f"สร้างโฟลเดอร์ผลลัพธ์ {folder} ไม่ได้: {exc.strerror}",
            f"Cannot create the output folder {folder}: {exc}", where=str(folder),
            hint_th="เลือกโฟลเดอร์ผลลัพธ์อื่นด้วย -o",
            hint_en="Choose another output folder with -o.") from exc


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# mkstemp makes owner-only (0600) files; documents get the mode any new file would get.
_NEW_FILE_MODE = 0o666 & ~_umask()


def _temp_file(folder: Path, suffix: str, data: bytes) -> str:
    """``data`` in a new temporary file in ``folder``, flushed to disk, with a normal mode.

    The file is in the target's own folder so the final rename never crosses file systems.
    """
    # The process id in the name lets a later run remove it if this one is killed (procs.sweep).
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(".~ita-"), suffix=suffix, dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _NEW_FILE_MODE)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    return tmp


def _unlink_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _replace_with(path: Path, data: bytes) -> None:
    tmp = _temp_file(path.parent, path.suffix, data)
    try:
        if path.exists() and _read_only(path):
            raise PermissionError(f"{path} is read-only")
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise
