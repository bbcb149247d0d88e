"""Deterministic zip writing for the Office files we build.

Office files are zip archives; ``zipfile`` stamps every member with the current time, so two
builds of the same sources differ.  Building twice must give byte-identical files (a test
rebuilds and compares with the committed ones), so every member is rewritten here with a fixed
timestamp, fixed permissions and a fixed compression level.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def write_members(target: Path | io.BytesIO, members: Iterable[tuple[str, bytes]]) -> None:
    """Write ``(name, data)`` members in the given order, deterministically."""
    with zipfile.ZipFile(target, "w") as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            zf.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)


def read_members(source: Path | bytes) -> list[tuple[str, bytes]]:
    """All members of an archive, in archive order."""
    buf = io.BytesIO(source) if isinstance(source, bytes) else source
    with zipfile.ZipFile(buf) as zf:
        return [(info.filename, zf.read(info)) for info in zf.infolist()]


_CORE_DATES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")
FIXED_W3CDTF = b"2022-01-01T00:00:00Z"


def normalise_package(package: bytes) -> bytes:
    """Rewrite an Office package deterministically: fixed zip stamps and document dates.

    openpyxl and python-docx stamp ``docProps/core.xml`` with the current time whatever the
    caller set, so the dates are replaced here too.
    """
    members = []
    for name, blob in read_members(package):
        if name == "docProps/core.xml":
            blob = _CORE_DATES.sub(rb"\g<1>" + FIXED_W3CDTF + rb"\g<3>", blob)
        members.append((name, blob))
    out = io.BytesIO()
    write_members(out, members)
    return out.getvalue()
