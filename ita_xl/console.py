"""What the terminal shows: colour only where it helps, and columns that line up in Thai.

* Colour marks errors and warnings only, only on a terminal, and never when ``NO_COLOR`` is set
  (https://no-color.org): a log file or a pipe gets plain text.
* Thai vowels and tone marks above and below the line take no column of their own, so a table
  padded by counting characters comes out ragged; widths here are display widths (``wcwidth``).
* Output never fails on a code page (:func:`configure`).  A real Windows console gets Unicode
  from Python whatever the code page, so Thai is readable there.  Redirected output — a ``.bat``
  writing to a file, a pipe, a scheduled task — is encoded in the ANSI code page: cp874 on Thai
  Windows, cp1252 elsewhere; most Thai is not in cp1252 and "→", "⏎" are in neither, so an
  unconfigured Python raised ``UnicodeEncodeError`` after the documents were written.
  Redirected and no ``PYTHONIOENCODING``: **UTF-8** (the README says so; Notepad and Excel read
  it).  A terminal, or an encoding chosen with ``PYTHONIOENCODING``: that encoding, characters it
  lacks written as ``?``.  No stream at all (``pythonw.exe``, the Excel buttons): click writes
  nothing.
"""
from __future__ import annotations

import codecs
import os
import sys
from typing import IO

import click

# wcwidth (≈ 10 ms of imports) is imported by the functions that measure columns: most commands
# print no table.

ERROR_STYLE = {"fg": "red", "bold": True}
WARNING_STYLE = {"fg": "yellow"}


def colour_enabled(stream: IO | None = None) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    stream = stream if stream is not None else sys.stderr
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def paint(text: str, style: dict, *, err: bool = True) -> str:
    """``text`` in ``style`` when the stream it goes to is a colour terminal, else as is."""
    stream = sys.stderr if err else sys.stdout
    return click.style(text, **style) if colour_enabled(stream) else text


def echo(text: str = "", *, err: bool = False) -> None:
    """click.echo, but colour codes are kept only for a colour terminal (NO_COLOR honoured)."""
    stream = sys.stderr if err else sys.stdout
    click.echo(text, err=err, color=colour_enabled(stream))


def width(text: str) -> int:
    """Terminal columns ``text`` takes (combining marks 0, wide characters 2)."""
    from wcwidth import wcswidth, wcwidth

    n = wcswidth(text)
    if n >= 0:
        return n
    return sum(max(0, wcwidth(ch)) for ch in text)  # control characters count as nothing


def fit(text: str, cols: int) -> str:
    """``text`` padded to ``cols`` columns, or cut with "…" (never inside a character cluster)."""
    from wcwidth import wcwidth

    if width(text) <= cols:
        return text + " " * (cols - width(text))
    out, used = "", 0
    for ch in text:
        w = max(0, wcwidth(ch))
        if used + w > cols - 1:
            break
        out, used = out + ch, used + w
    return out + "…" + " " * (cols - 1 - used)


def table(head: tuple[str, ...] | list[tuple[str, ...]], rows: list[tuple[str, ...]],
          caps: tuple[int, ...], max_width: int = 160) -> list[str]:
    """Lines of a plain text table; each column at most its cap, the last fills what is left.

    ``head`` is one heading row, or several (a Thai row, then an English one)."""
    heads = head if isinstance(head, list) else [head]
    widths = [min(cap, max([width(h[i]) for h in heads] + [width(row[i]) for row in rows]))
              for i, cap in enumerate(caps)]
    spare = max_width - sum(widths[:-1]) - 2 * (len(widths) - 1)
    widths[-1] = max(10, min(widths[-1], spare))
    lines = ["  ".join(fit(h, w) for h, w in zip(row, widths)).rstrip() for row in heads]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(fit(c, w) for c, w in zip(row, widths)).rstrip())
    return lines


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
    except (OSError, ValueError, AttributeError):
        return False


def is_terminal(stream) -> bool:
    """A person watching (a terminal), not a pipe, a file or a CI log: only then progress bars."""
    return _isatty(stream)
