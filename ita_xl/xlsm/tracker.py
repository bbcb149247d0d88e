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


def tracker_bytes(data: dict | None = None, finish=None, *,
                  interpreter_win: str | None = None, excel_side=None) -> bytes:
    """A complete ``.xlsm`` tracker: ``data`` filled in, or empty for a new agency.

    ``finish(wb)`` may add to the openpyxl workbook before it is saved (see ``build_tracker``).
    The Excel side (VBA project, ribbon) is added last, by zip post-processing (excel_parts):
    copied from the shipped tracker unless ``excel_side`` (the builder's) makes it.
    ``interpreter_win``: xlwings.conf's Interpreter_Win; None: ``winsetup.tracker_interpreter()``
    (never blank: every tracker must find its Python on a clerk's PC).
    """
    if interpreter_win is None:
        from ..winsetup import tracker_interpreter

        interpreter_win = tracker_interpreter()
    return add_excel_parts(macro_enabled(build_tracker(data, finish,
                                                       interpreter_win=interpreter_win)),
                           excel_side)


def starter_data(*, agency: str | None = None, year: int | None = None,
                 round_label: str | None = None, kind: str | None = None,
                 framework=None) -> dict:
    """What every agency's new tracker starts with.

    Without ``year``: the NACC's ten indicators (number, name, group) and the pass mark of the
    bundled example's year, and Thai digits.  With ``year``: that year's framework
    (``ita_xl/data/frameworks``): its counted units in order, pass mark, unit and OIT items;
    facts the data does not know stay blank for the clerk.  ``framework``: a framework file's
    ``Framework`` (``init --framework``) instead of the shipped data.  ``agency``, ``round_label`` and
    ``kind`` (an agency type of ``ita_xl.address``) are filled as given.
    """
    settings: dict = {"digits": "เลขไทย"}
    if year is None:
        example = load_data(resources.example_data())
        keep = ("number", "name", "group")
        settings["pass_mark"] = example["settings"]["pass_mark"]
        rows = [{k: row[k] for k in keep if k in row} for row in example["Indicators"]]
    else:
        from ..framework import starter

        fw_settings, rows, _ = starter(year, framework)
        settings.update(fw_settings)
    if agency:
        settings["agency"] = agency
    if round_label:
        settings["round"] = round_label
    if kind:
        settings["agency_type"] = kind
    return {"settings": settings, "Indicators": rows}


def example_tracker_bytes(excel_side=None) -> bytes:
    return tracker_bytes(load_data(resources.example_data()), excel_side=excel_side)
