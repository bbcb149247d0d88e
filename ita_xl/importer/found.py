"""What an import found: each value with the place in the Word file it came from.

Nothing reaches the tracker without its source, so the review sheet can list every value
(source paragraph or table cell → tracker cell) and the clerk can check each one; text that
could not be placed is kept as a ``Leftover`` and listed too.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Source:
    """A place in a Word file: ``where_th``/``where_en`` name it, ``text`` is what it said."""

    doc: str
    where_th: str
    where_en: str
    text: str = ""

    @staticmethod
    def paragraph(doc: str, number: int, text: str) -> "Source":
        return Source(doc, f"ย่อหน้าที่ {number}", f"paragraph {number}", text)

    @staticmethod
    def cell(doc: str, table: int, row: int, col: int, text: str) -> "Source":
        return Source(doc, f"ตารางที่ {table} แถว {row} คอลัมน์ {col}",
                      f"table {table}, row {row}, column {col}", text)

    @staticmethod
    def none(doc: str = "") -> "Source":
        return Source(doc, "ไม่มีในเอกสาร", "not in the documents")

    def label_th(self) -> str:
        return f"{self.doc} {self.where_th}".strip()

    def label_en(self) -> str:
        return f"{self.doc} {self.where_en}".strip()


@dataclass
class Value:
    """One value for the tracker.

    ``target`` is ``settings.<field>`` or ``<Table>[<index>].<field>`` (index from 0, field as in
    ``ita_xl/layout.py``).  ``note_th``/``note_en`` say when the value was inferred or adjusted
    rather than copied (e.g. the round read from the memo date).
    """

    target: str
    value: Any
    source: Source
    note_th: str = ""
    note_en: str = ""


@dataclass
class Leftover:
    """Text of the documents that has no place in the tracker (or was not recognised)."""

    source: Source
    reason_th: str
    reason_en: str


@dataclass
class Imported:
    values: list[Value] = field(default_factory=list)
    leftovers: list[Leftover] = field(default_factory=list)
    # Tracker data that no document gave (the fresh tracker's defaults), shown in the review too.
    defaults: list[Value] = field(default_factory=list)
    # Rows of the report's score table: the document's indicator list (0: it has none)
    score_rows: int = 0

    def add(self, target: str, value: Any, source: Source, note_th: str = "",
            note_en: str = "") -> None:
        self.values.append(Value(target, value, source, note_th, note_en))

    def leftover(self, source: Source, reason_th: str, reason_en: str) -> None:
        self.leftovers.append(Leftover(source, reason_th, reason_en))

    def setting(self, name: str) -> Value | None:
        for value in self.values:
            if value.target == f"settings.{name}":
                return value
        return None

    def data(self) -> dict[str, Any]:
        """The tracker data (as ``workbook/src/example.toml`` holds it) of all values."""
        out: dict[str, Any] = {"settings": {}}
        for value in self.defaults + self.values:
            if value.target.startswith("settings."):
                out["settings"][value.target.split(".", 1)[1]] = value.value
                continue
            table, rest = value.target.split("[", 1)
            index, name = rest.split("].", 1)
            rows = out.setdefault(table, [])
            while len(rows) <= int(index):
                rows.append({})
            rows[int(index)][name] = value.value
        return out
