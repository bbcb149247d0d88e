"""Output names and safe writing.

Names are stable and readable (``ITA2565_6m_memo.docx``): the same workbook always gives the same
names, so a website's links keep working from one round to the next.  Files are written to a
temporary name in the target folder and renamed into place, so a reader never sees half a file.
When the target is locked (open in Word on Windows) or read-only, a numbered alternative
(``… (2).docx``) is written and reported instead of failing the run.
"""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import OutputError

# Names Windows refuses whatever the extension.
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
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
    if text.split(".")[0].upper() in _RESERVED:
        text = "_" + text
    encoded = text.encode("utf-8")
    if len(encoded) > MAX_NAME_BYTES:
        text = encoded[:MAX_NAME_BYTES].decode("utf-8", "ignore").rstrip()
    return text


@dataclass
class Written:
    path: Path
    intended: Path

    @property
    def renamed(self) -> bool:
        return self.path != self.intended


def write_atomic(target: Path, data: bytes, *, max_alternatives: int = 50) -> Written:
    """Write ``data`` to ``target`` via a temp file and rename; fall back to ``target (N)``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    candidates = [target] + [target.with_name(f"{target.stem} ({n}){target.suffix}")
                             for n in range(2, max_alternatives + 2)]
    last_error: OSError | None = None
    for candidate in candidates:
        if candidate != target and candidate.exists():
            continue
        try:
            _replace_with(candidate, data)
            return Written(candidate, target)
        except PermissionError as exc:  # locked by Word, or read-only
            last_error = exc
            continue
        except OSError as exc:
            raise OutputError(
                f"เขียนไฟล์ {candidate.name} ไม่ได้: {exc.strerror}",
                f"Cannot write {candidate}: {exc}", where=str(candidate)) from exc
    raise OutputError(
        f"เขียนไฟล์ {target.name} ไม่ได้ ไฟล์อาจเปิดค้างอยู่ใน Word หรือโฟลเดอร์ห้ามเขียน",
        f"Cannot write {target} (locked or read-only): {last_error}", where=str(target))


def _replace_with(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".~ita-", suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists() and not os.access(path, os.W_OK):
            raise PermissionError(f"{path} is read-only")
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
