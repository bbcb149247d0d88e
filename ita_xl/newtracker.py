"""A new tracker file: ``ita-xl init`` (empty, or next year's from last year's with ``--from``)
and ``ita-xl import`` (from last year's Word files).  The CLI only parses the options and
prints what these return; the file is written once, never over an existing one.

The Excel side of every new tracker (VBA project, ribbon) is the shipped tracker's, copied
(``ita_xl.xlsm.excel_parts``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .carryover import CarryOver
from .errors import UsageError
from .output import write_new

DEFAULT_NAME = "ITA_tracker.xlsm"


@dataclass
class NewTracker:
    """What :func:`init_tracker` wrote."""

    path: Path
    carried: CarryOver | None = None  # with ``last_year``: what was carried over and changed
    unknown: list[str] = field(default_factory=list)  # facts of ``year`` the framework lacks
    framework: Any = None  # the framework ``year`` was filled from (None: no data for it)


def tracker_target(path: Path | None) -> Path:
    """Where a new tracker goes: PATH, PATH/ITA_tracker.xlsm for a folder, .xlsm added."""
    target = path if path is not None else Path(DEFAULT_NAME)
    if target.is_dir():
        target = target / DEFAULT_NAME
    elif target.suffix == "":
        target = target.with_name(target.name + ".xlsm")
    if target.suffix.lower() != ".xlsm":  # a wrong name on the command line: a usage error
        raise UsageError(
            f"สมุดงานติดตามผลต้องเป็นไฟล์ .xlsm (มีแมโคร) ไม่ใช่ {target.suffix}",
            f"The tracker must be an .xlsm file (it has macros), not {target.suffix}.",
            where=str(target), hint_th=f"ใช้ชื่อ {target.stem}.xlsm",
            hint_en=f"Use the name {target.stem}.xlsm.")
    return target


def init_tracker(path: Path | None = None, *, agency: str | None = None,
                 year: int | None = None, round_label: str | None = None,
                 kind: str | None = None, last_year: Path | None = None,
                 framework: Any = None, framework_file: Path | None = None) -> NewTracker:
    """Write a new agency's tracker (``init``) and return where.

    Without ``last_year``: empty but for the indicators and the pass mark (``year``'s framework
    when given; the facts it does not know are in ``unknown``).  With ``last_year``: next fiscal
    year's tracker from last year's (``ita_xl.carryover``; default name
    ``ITA_tracker_<year>.xlsm``).  ``agency``, ``year``, ``round_label`` (``รอบ ๖ เดือน``) and
    ``kind`` (an agency type's name) apply on top.  ``framework``: a framework read from
    ``framework_file`` (``init --framework``, with ``year``) instead of the shipped data; the
    tracker then carries the file, so check and generate follow its rules.
    """
    from .xlsm.tracker import starter_data, tracker_bytes

    if last_year is not None:
        from .carryover import default_target, next_year
        from .reader import read_tracker

        carried = next_year(read_tracker(last_year), year=year, agency=agency,
                            round_label=round_label, kind=kind)
        target = tracker_target(path if path is not None else default_target(carried))
        return NewTracker(write_new(target, tracker_bytes(carried.data)), carried)
    target = tracker_target(path)
    data = starter_data(agency=agency, year=year, kind=kind, round_label=round_label,
                        framework=framework)
    finish = None
    if framework is not None and framework_file is not None:
        from .framework import embed

        text = framework_file.read_text(encoding="utf-8")
        finish = lambda wb: embed(wb, text, framework_file.name)  # noqa: E731
    written = write_new(target, tracker_bytes(data, finish))
    new = NewTracker(written)
    if year is not None:
        from .framework import load, starter

        new.unknown = list(starter(year, framework)[2])
        new.framework = framework if framework is not None else load(year)
    return new


def import_tracker(report: Path, memo: Path | None = None, path: Path | None = None):
    """Write a tracker from last year's report (and memo) typed in Word (``import``); returns
    (the path written, the import: its values and the text that found no place)."""
    from .importer import import_documents, imported_tracker_bytes

    target = tracker_target(path)
    imported = import_documents(report, memo)
    return write_new(target, imported_tracker_bytes(imported)), imported
