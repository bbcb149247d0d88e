"""The finished tracker: layout and data (``workbook.py``), then the Excel side added last.

The Excel side (VBA project and ribbon) is added by zip post-processing; nothing may re-save the
result with openpyxl or LibreOffice, which would drop the ribbon.
"""
from __future__ import annotations

import io

from .. import resources
from .excel_parts import add_excel_parts
from .workbook import build_tracker, load_data
from .zipdet import read_members, write_members

XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"


def macro_enabled(xlsx: bytes) -> bytes:
    """Mark the package as an .xlsm: Excel refuses an .xlsm whose workbook part says .xlsx."""
    members = [(name, blob.replace(XLSX_MAIN, XLSM_MAIN) if name == "[Content_Types].xml" else blob)
               for name, blob in read_members(xlsx)]
    out = io.BytesIO()
    write_members(out, members)
    return out.getvalue()


def tracker_bytes(data: dict | None = None, *, interpreter_win: str | None = None) -> bytes:
    """A complete ``.xlsm`` tracker: ``data`` filled in, or empty for a new agency
    (``interpreter_win``: see ``build_tracker``).

    The Excel side (VBA project, ribbon) is added last, by zip post-processing (excel_parts).
    """
    return add_excel_parts(macro_enabled(build_tracker(data, interpreter_win=interpreter_win)))


def starter_data() -> dict:
    """What every agency's new tracker starts with: the NACC's ten indicators (number, name,
    group) and the pass mark of the bundled example's year, and Thai digits.  Nothing about
    the example agency itself; the clerk checks the indicator list against the year's manual."""
    example = load_data(resources.example_data())
    keep = ("number", "name", "group")
    return {
        "settings": {"pass_mark": example["settings"]["pass_mark"], "digits": "เลขไทย"},
        "Indicators": [{k: row[k] for k in keep if k in row} for row in example["Indicators"]],
    }


def example_tracker_bytes() -> bytes:
    return tracker_bytes(load_data(resources.example_data()))
