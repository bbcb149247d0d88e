"""Errors a clerk can read.

Every failure that reaches a person carries a Thai sentence first and an English one after, and
names the file, sheet and cell where it can.  The CLI prints ``str(error)`` and exits with
``error.exit_code``; a traceback is shown only with ``--debug``.  Every other form (a message
box, a summary line, a cell) is in :mod:`ita_xl.present`.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .exitcodes import Exit


class ItaError(Exception):
    """Base of every error ita-xl raises on purpose.

    ``message_th`` and ``message_en`` say the same thing; ``where`` is a short location such as
    ``ITA_tracker.xlsm › มาตรการ!B4`` and is printed with both.
    """

    exit_code = Exit.ERRORS

    def __init__(self, message_th: str, message_en: str, *, where: str | None = None,
                 hint_th: str | None = None, hint_en: str | None = None):
        self.message_th = message_th
        self.message_en = message_en
        self.where = where
        self.hint_th = hint_th
        self.hint_en = hint_en
        super().__init__(self.__str__())

    def __str__(self) -> str:
        from .present import error_text

        return error_text(self)


class UsageError(ItaError):
    """The command line is wrong: a file of the wrong kind named (``init x.xlsx``), no workbook
    to read, an emblem that is not a picture.  Exit code 64, as click's own usage errors."""

    exit_code = Exit.USAGE


class WorkbookError(ItaError):
    """The workbook cannot be read at all (not a workbook, password, missing sheet or table)."""

    exit_code = Exit.UNREADABLE


class TemplateError(ItaError):
    """A Word template is broken or asks for a field the data does not have."""


class OutputError(ItaError):
    """The output cannot be written (folder not writable, disk full)."""


class ChecksFailed(ItaError):
    """Generation refused because the checks found errors (use --force to override).

    ``findings`` are all the checks found (errors and warnings, sorted); ``name`` is the
    workbook's file name.
    """

    def __init__(self, findings: Sequence[Any], name: str = ""):
        self.findings = list(findings)
        bad = [f for f in self.findings if f.is_error]
        first = ", ".join(f.where for f in bad[:5] if f.where)
        more = " …" if len(bad) > 5 else ""
        super().__init__(
            f"พบข้อผิดพลาด {len(bad)} รายการในสมุดงาน จึงยังไม่สร้างเอกสาร ({first}{more})",
            f"The checks found {len(bad)} error(s) in the workbook, so no document was written "
            f"({first}{more}).",
            where=name or None,
            hint_th="แก้ไขตามรายการข้างต้นแล้วสร้างใหม่ หรือใช้ --force เพื่อสร้างเอกสารทั้งที่มีข้อผิดพลาด",
            hint_en="Fix the cells listed above and run again, or use --force to generate anyway.")
