"""``ita-xl import``: last year's report and memo, typed by hand in Word, into a new tracker.

    report, memo (.docx) → wordfile (paragraphs, table grids) → report / memo (values, each
    with its source) → Imported → the fresh tracker of ``ita-xl init`` filled with them, plus
    the review sheet and a comment on every imported cell (review)

Nothing is guessed silently: every value carries the paragraph or table cell it came from,
values that were inferred say so, settings no document gave are listed as not found, and text
that has no place in the tracker is listed too.  Text is copied as typed: words broken by
spaces stay broken, for ``ita-xl check`` to report.  The Word files are only read.
"""
from __future__ import annotations

from pathlib import Path

from .. import layout
from ..thai import round_end
from .found import Imported, Leftover, Source, Value
from .memo import parse_memo
from .report import parse_report, round_choice
from .thaidates import has_arabic_digits, has_thai_digits
from .wordfile import DocumentError, read_document

__all__ = ["DocumentError", "Imported", "Leftover", "Source", "Value", "import_documents",
           "imported_tracker_bytes", "missing_settings"]


def import_documents(report: Path, memo: Path | None = None) -> Imported:
    """Read ``report`` (and ``memo``) into an ``Imported``; raise DocumentError if unreadable."""
    from ..build.tracker import starter_data

    report_doc = read_document(Path(report))
    memo_doc = read_document(Path(memo)) if memo is not None else None
    start = starter_data()
    imp = Imported()
    indicators = start.get("Indicators", [])
    parse_report(report_doc, imp, indicators)
    if memo_doc is not None:
        parse_memo(memo_doc, imp)
    _infer(imp)
    # What the fresh tracker brings that no document states: the framework's indicators and
    # the pass mark.  Listed on the review sheet as defaults.
    fresh = Source.none()
    for name, value in start.get("settings", {}).items():
        if imp.setting(name) is None:
            imp.defaults.append(Value(f"settings.{name}", value, fresh))
    for i, row in enumerate(indicators):
        for name, value in row.items():
            imp.defaults.append(Value(f"Indicators[{i}].{name}", value, fresh))
    return imp


def _infer(imp: Imported) -> None:
    """Settings the documents imply without stating: each marked as inferred."""
    date = imp.setting("memo_date")
    year = imp.setting("fiscal_year")
    if imp.setting("digits") is None:
        for source_value in (date, year):
            if source_value is None:
                continue
            text = source_value.source.text
            if has_thai_digits(text) or has_arabic_digits(text):
                thai = has_thai_digits(text)
                imp.add("settings.digits", "เลขไทย" if thai else "เลขอารบิก", source_value.source,
                        "อนุมานจากตัวเลขที่ใช้ในเอกสาร", "inferred from the digits the document uses")
                break
    if imp.setting("round") is None and date is not None and year is not None and \
            hasattr(date.value, "year") and isinstance(year.value, int):
        months = 6 if date.value <= round_end(year.value, 6) else 12
        imp.add("settings.round", round_choice(months), date.source,
                "อนุมานจากวันที่ของบันทึกข้อความ (ไม่เกิน 31 มีนาคม = รอบ ๖ เดือน) โปรดตรวจ",
                "inferred from the memo date (up to 31 March = the 6-month round); check it")


def missing_settings(imp: Imported) -> list[str]:
    """Targets of required settings that neither the documents nor the defaults give."""
    have = {v.target for v in imp.values + imp.defaults}
    return [f"settings.{s.field}" for s in layout.SETTINGS
            if s.required and f"settings.{s.field}" not in have]


def imported_tracker_bytes(imp: Imported) -> bytes:
    """The new tracker: ``ita-xl init``'s fresh tracker filled with ``imp``, with its review."""
    from ..build.tracker import tracker_bytes
    from .review import add_review

    missing = missing_settings(imp)
    return tracker_bytes(imp.data(), finish=lambda wb: add_review(wb, imp, missing))
