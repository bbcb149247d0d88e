"""Find formulas that have no cached value, straight from the sheet XML.

The reader opens workbooks with ``data_only=True`` (values as Excel last calculated them).  A
formula that was never calculated (written by a tool, not by Excel) has no cached value, so the
reader sees a blank and the documents would print nothing.  This pass looks for ``<c><f>`` with
no ``<v>`` (or an empty one that is not a calculated empty string) in the sheets that hold data.

It is cheap: a sheet part without ``<f`` is not parsed at all, and only cells inside the ranges
the reader reads (setting cells and table ranges) are reported.
"""
from __future__ import annotations

import os
import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_TEXT_TYPES = {"str", "s", "inlineStr"}

Ranges = dict[str, list[tuple[int, int, int, int]]]  # sheet -> (min_col, min_row, max_col, max_row)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> zip member name of its worksheet XML."""
    wb = ET.fromstring(zf.read("xl/workbook.xml"))
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        if target.startswith("/"):
            member = target.lstrip("/")
        else:
            member = posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id")] = member
    out = {}
    for el in wb.iter():
        if _local(el.tag) == "sheet":
            rid = el.get(f"{{{_REL_NS}}}id")
            if rid in targets:
                out[el.get("name", "")] = targets[rid]
    return out


# One scan per sheet of a file per process: the reader (derived columns) and the checks (every
# data range) ask about the same sheets of the same file, one after the other.  Keyed by the
# file's path, size, modification time and inode, so a file saved since is scanned again.
_SCANNED: dict[tuple, list[str]] = {}
_SCANNED_MAX = 64


def formulas_without_value(path: str | Path, ranges: Ranges) -> set[tuple[str, str]]:
    """(sheet, A1 cell) of every formula without a cached value inside ``ranges``."""
    found: set[tuple[str, str]] = set()
    zf = None
    try:
        info = os.stat(path)
        file_key = (os.path.abspath(path), info.st_size, info.st_mtime_ns, info.st_ino)
        parts: dict[str, str] = {}
        for sheet, boxes in ranges.items():
            cells = _SCANNED.get((file_key, sheet))
            if cells is None:
                if zf is None:
                    zf = zipfile.ZipFile(path)
                    parts = sheet_parts(zf)
                cells = _sheet_formulas(zf, parts.get(sheet))
                if len(_SCANNED) >= _SCANNED_MAX:
                    _SCANNED.clear()
                _SCANNED[(file_key, sheet)] = cells
            for cell in cells:
                col, row = coordinate_from_string(cell)
                c = column_index_from_string(col)
                if any(c1 <= c <= c2 and r1 <= row <= r2 for c1, r1, c2, r2 in boxes):
                    found.add((sheet, cell))
    except (zipfile.BadZipFile, KeyError, ET.ParseError, OSError):
        return found  # the reader already opened this file; a scan problem is not a finding
    finally:
        if zf is not None:
            zf.close()
    return found


def _sheet_formulas(zf: zipfile.ZipFile, member: str | None) -> list[str]:
    """The cells of sheet part ``member`` holding a formula without a cached value."""
    if member is None or member not in zf.namelist():
        return []
    data = zf.read(member)
    if not _FORMULA_TAG.search(data):
        return []
    return _scan(data)


def _scan(data: bytes) -> list[str]:
    import io

    out = []
    for _event, el in ET.iterparse(io.BytesIO(data), events=("end",)):
        if _local(el.tag) != "c":
            continue
        formula = value = None
        for child in el:
            name = _local(child.tag)
            if name == "f":
                formula = child
            elif name == "v":
                value = child
        if formula is not None:
            empty = value is None or (not (value.text or "") and el.get("t") not in _TEXT_TYPES)
            if empty:
                out.append(el.get("r", ""))
        el.clear()
    return [c for c in out if c]
