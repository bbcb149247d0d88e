"""Standard output that never fails on a code page (Windows consoles, pipes and files).

A real Windows console gets Unicode from Python whatever the code page, so Thai is readable
there.  Redirected output — a ``.bat`` writing to a file, a pipe, a scheduled task — is encoded
in the ANSI code page: cp874 on Thai Windows, cp1252 elsewhere.  Most Thai is not in cp1252 and
"→", "⏎" are in neither, so an unconfigured Python raises ``UnicodeEncodeError`` after the
documents were written.  :func:`configure` fixes both streams once, before any command prints:

* redirected (not a terminal) and no ``PYTHONIOENCODING``: **UTF-8** (what the README documents;
  Notepad and Excel read it);
* a terminal, or an encoding the user chose with ``PYTHONIOENCODING``: that encoding, with
  characters it lacks written as ``?`` instead of an exception;
* no stream at all (``pythonw.exe``, the Excel buttons): nothing to do; click writes nothing.
"""
from __future__ import annotations

import codecs
import os
import sys

UNICODE = {"utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"}


def configure() -> None:
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or not hasattr(stream, "reconfigure"):
            continue
        encoding = codecs.lookup(stream.encoding or "ascii").name
        if encoding in UNICODE:
            continue
        try:
            tty = stream.isatty()
        except (OSError, ValueError):
            tty = False
        try:
            stream.flush()
            if tty or os.environ.get("PYTHONIOENCODING"):
                stream.reconfigure(errors="replace")
            else:
                stream.reconfigure(encoding="utf-8", errors="replace")
        except (OSError, ValueError):  # a closed or detached stream: leave it as it is
            continue


def describe() -> str:
    """How this process's output is encoded, for ``ita-xl doctor``: the console's code page on
    Windows (input/output), the ANSI code page, and the encoding stdout ended up with."""
    parts = []
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        if kernel32.GetConsoleWindow():
            parts.append(f"console cp{kernel32.GetConsoleOutputCP()}")
        else:
            parts.append("no console")
        parts.append(f"ANSI cp{kernel32.GetACP()}")
    stdout = sys.stdout
    if stdout is None:
        parts.append("stdout: none")
    else:
        kind = "terminal" if _isatty(stdout) else "redirected"
        parts.append(f"stdout: {kind}, {getattr(stdout, 'encoding', '?')}")
    return "; ".join(parts)


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (OSError, ValueError):
        return False
