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

import re

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
    from ..xlsm.tracker import starter_data

    report_doc = read_document(Path(report))
    memo_doc = read_document(Path(memo)) if memo is not None else None
    imp = Imported()
    start: dict = {}

    def indicators_of(year: int | None) -> list[dict]:
        # The year's framework when the data knows its list, else the fresh tracker's.
        start.update(starter_data(year=year) if year else {})
        if not start.get("Indicators"):
            start.update(starter_data())
        return start["Indicators"]

    parse_report(report_doc, imp, indicators_of)
    if memo_doc is not None:
        parse_memo(memo_doc, imp)
    _infer(imp)
    # What the fresh tracker brings that no document states: the framework's indicators and
    # pass mark (its other year facts stay blank: blank means "the year's framework").
    # Listed on the review sheet as defaults.
    fresh = Source.none()
    defaults = {k: v for k, v in start.get("settings", {}).items() if k in DEFAULT_SETTINGS}
    for name, value in defaults.items():
        if imp.setting(name) is None:
            imp.defaults.append(Value(f"settings.{name}", value, fresh))
    for i, row in enumerate(start.get("Indicators", [])):
        if imp.score_rows and i >= imp.score_rows:
            break  # the report's score table lists the units: no framework row beyond it
        for name, value in row.items():
            imp.defaults.append(Value(f"Indicators[{i}].{name}", value, fresh))
    return imp


DEFAULT_SETTINGS = ("pass_mark", "digits")


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
    agency = imp.setting("agency")
    if imp.setting("agency_type") is None and agency is not None and \
            "agency_type" in layout.SETTINGS_BY_FIELD:
        from ..address import TYPES, agency_type

        kind = agency_type(None, agency.value)
        if kind is not TYPES.get("เทศบาลตำบล") or str(agency.value).startswith("เทศบาลตำบล"):
            imp.add("settings.agency_type", kind.name, agency.source,
                    "อนุมานจากชื่อหน่วยงาน", "inferred from the agency's name")
    if agency is not None and imp.setting("province") is None:
        # An อบจ. prints its province once, in its name (องค์การบริหารส่วนจังหวัดนครสวรรค์)
        m = re.match(r"องค์การบริหารส่วนจังหวัด\s*(\S+)", str(agency.value))
        if m:
            imp.add("settings.province", m.group(1), agency.source,
                    "อนุมานจากชื่อหน่วยงาน (องค์การบริหารส่วนจังหวัด)",
                    "inferred from the agency's name (a provincial administration)")
    if imp.setting("round_print") is None and "round_print" in layout.SETTINGS_BY_FIELD and \
            imp.setting("fiscal_year") is not None:
        year_value = imp.setting("fiscal_year")
        imp.add("settings.round_print", "ไม่ใช่", year_value.source,
                "หน้าปกรายงานไม่ได้พิมพ์รอบการรายงาน", "the report's cover prints no round")
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
    from ..xlsm.tracker import tracker_bytes
    from .review import add_review

    missing = missing_settings(imp)
    return tracker_bytes(imp.data(), finish=lambda wb: add_review(wb, imp, missing))
