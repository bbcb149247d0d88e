"""The clean-up of the clerk's text before it is printed, with the cell of each change.

Word cannot hold some characters (XML 1.0 forbids most C0/C1 controls; docxtpl turns others
into structure), so :func:`clean_text` turns line-break-like controls into line breaks and drops
the rest; :class:`Cleaned` records where it removed something (the checks then report ITA601)
and which date or number cells were printed exactly as typed.  The checks (``ITA601`` before
rendering) and :mod:`ita_xl.context` (while rendering) share this one definition.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .model import Loc

# Characters that are not allowed in XML 1.0 or that docxtpl turns into structure.
# \x0b (vertical tab) is how some tools export Excel's in-cell line break: it becomes "\n".
# \a, \f and other C0/C1 controls would become paragraphs, page breaks or invalid XML.
_CONTROL = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Source:
    """Where a printed value came from: its cell (None when it has none) and its field's name
    (``Plan[3].steps``, ``writer.name``), which labels the warning when there is no header."""

    loc: Loc | None
    label: str


@dataclass
class Cleaned:
    """Where ``clean_text`` removed characters, for the warning the checks print."""

    removed: list[tuple[Source, str]] = field(default_factory=list)  # (source, removed chars)
    # Date and number cells whose value could not be formatted and was printed exactly as
    # typed (with --force: the checks report each as an error).
    as_typed: list[Source] = field(default_factory=list)

    # Cells whose blank or unreadable value a sentence needs (the ไม่ผ่านเกณฑ์ marks): the
    # sentence prints ``present.PLACEHOLDER`` instead of a claim (only reachable with --force).
    placeholders: list[Source] = field(default_factory=list)

    def typed_cells(self) -> list[str]:
        """The cells (``sheet!A1``, else the field's name) printed as typed, once each, in order."""
        return _cells(self.as_typed)

    def placeholder_cells(self) -> list[str]:
        """The cells whose missing value the documents show as ``present.PLACEHOLDER``."""
        return _cells(self.placeholders)


def _cells(sources: list[Source]) -> list[str]:
    return list(dict.fromkeys(str(src.loc) if src.loc is not None else src.label
                              for src in sources))


def control_characters(text: str) -> str:
    """The control characters ``clean_text`` would remove from ``text``, escaped and sorted."""
    return "".join(sorted({repr(c)[1:-1] for c in _CONTROL.findall(text)}))


def clean_text(value: Any, *, where: Source | None = None, log: Cleaned | None = None) -> str:
    """Text as the documents print it: ``\\r\\n``/``\\r``/``\\x0b`` → line break, controls dropped."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    found = control_characters(text)
    if found:
        if log is not None:
            log.removed.append((where or Source(None, ""), found))
        text = _CONTROL.sub("", text)
    return text
