"""Errors a clerk can read.

Every failure that reaches a person carries a Thai sentence first and an English one after, and
names the file, sheet and cell where it can.  The CLI prints ``str(error)`` and exits with
``error.exit_code``; a traceback is shown only with ``--debug``.
"""
from __future__ import annotations

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
        where = f" [{self.where}]" if self.where else ""
        lines = [f"{self.message_th}{where}", f"{self.message_en}{where}"]
        if self.hint_th:
            lines.append(self.hint_th)
        if self.hint_en:
            lines.append(self.hint_en)
        return "\n".join(lines)


class WorkbookError(ItaError):
    """The workbook cannot be read at all (not a workbook, password, missing sheet or table)."""

    exit_code = Exit.UNREADABLE


class TemplateError(ItaError):
    """A Word template is broken or asks for a field the data does not have."""


class OutputError(ItaError):
    """The output cannot be written (folder not writable, disk full)."""


class ChecksFailed(ItaError):
    """Generation refused because the checks found errors (use --force to override)."""
