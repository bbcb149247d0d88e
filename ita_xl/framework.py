"""The NACC's ITA framework per fiscal year, as data (``ita_xl/data/frameworks/<year>.toml``).

A file for fiscal year N holds what a tracker of year N needs: under ``[analysed]`` the result
of ITA N-1 that the year-N documents analyse (the unit the result counts, indicator or tool, the
tools and indicators in order, the pass mark, the grade or rating scale) and under
``[published]`` the ITA N checklist items the two documents are published under.  Every fact
is a table with ``value`` and ``source``; ``value = "unknown"`` where no source was found, and
the tracker's own values then stand (the clerk types them).  Facts change between years, so
they live here and never in code.
"""
from __future__ import annotations

import functools
import sys
from dataclasses import dataclass, field
from typing import Any

from . import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

FRAMEWORKS_DIR = resources.package_data("frameworks")
UNKNOWN = "unknown"

# The facts every file has, by section.  ``tests`` check each file holds all of them.
FACTS = {
    "analysed": ("unit", "pass_mark", "tools", "indicators", "scale"),
    "published": ("measures", "results"),
}

# The counted unit as the documents spell it.  The word before each short unit's name: an
# indicator is named "ตัวชี้วัดการใช้งบประมาณ"; a tool's full name already says what it is.
UNITS = ("ตัวชี้วัด", "เครื่องมือ")
NAME_PREFIX = {"ตัวชี้วัด": "ตัวชี้วัด", "เครื่องมือ": ""}


@dataclass(frozen=True)
class Unit:
    """One counted unit: an indicator (number, name, tool) or a tool (number, name, code)."""

    number: int
    name: str
    group: str  # the tool's code (IIT/EIT/OIT)


@dataclass(frozen=True)
class Band:
    label: str
    min: float | None  # None when the minimum score is unknown


@dataclass
class Framework:
    """The known facts of one fiscal year; ``None`` (or empty) where the data says unknown."""

    fiscal_year: int
    unit: str | None = None
    pass_mark: float | None = None
    tools: list[Unit] = field(default_factory=list)
    indicators: list[Unit] = field(default_factory=list)
    scale: list[Band] = field(default_factory=list)
    measures_item: dict[str, str] | None = None
    results_item: dict[str, str] | None = None
    sources: dict[str, str] = field(default_factory=dict)  # "analysed.unit" -> source

    @property
    def units(self) -> list[Unit]:
        """The list the result counts (and the tracker's indicator table holds), if known."""
        if self.unit == "เครื่องมือ":
            return self.tools
        if self.unit == "ตัวชี้วัด":
            return self.indicators
        return []

    def band_for(self, score: float) -> Band | None:
        """The band a score falls in, when every minimum is known."""
        if not self.scale or any(b.min is None for b in self.scale):
            return None
        for band in sorted(self.scale, key=lambda b: -b.min):
            if score >= band.min:
                return band
        return None


def known(value: Any) -> bool:
    return value is not None and value != UNKNOWN


def years() -> list[int]:
    """The fiscal years the data has a file for, in order."""
    return sorted(int(p.stem) for p in FRAMEWORKS_DIR.glob("*.toml") if p.stem.isdigit())


def raw(year: int) -> dict[str, Any] | None:
    """The parsed file of ``year``, or None when there is none."""
    path = FRAMEWORKS_DIR / f"{year}.toml"
    if not path.exists():
        return None
    with open(path, "rb") as fh:
        return tomllib.load(fh)


@functools.lru_cache(maxsize=32)
def load(year: Any) -> Framework | None:
    """The framework of fiscal ``year`` (None for a year the data does not know)."""
    if not isinstance(year, int) or isinstance(year, bool):
        return None
    data = raw(year)
    if data is None:
        return None
    fw = Framework(fiscal_year=year)
    analysed, published = data.get("analysed", {}), data.get("published", {})
    for section, facts in (("analysed", analysed), ("published", published)):
        for name, fact in facts.items():
            fw.sources[f"{section}.{name}"] = fact.get("source", "")

    def value(facts: dict, name: str) -> Any:
        v = facts.get(name, {}).get("value", UNKNOWN)
        return v if known(v) else None

    unit = value(analysed, "unit")
    fw.unit = unit if unit in UNITS else None
    pm = value(analysed, "pass_mark")
    fw.pass_mark = float(pm) if isinstance(pm, (int, float)) else None
    fw.tools = [Unit(i, t["name"], t["code"])
                for i, t in enumerate(value(analysed, "tools") or [], start=1)]
    fw.indicators = [Unit(int(t["number"]), t["name"], t["tool"])
                     for t in value(analysed, "indicators") or []]
    fw.scale = [Band(b["label"], float(b["min"]) if known(b.get("min")) else None)
                for b in value(analysed, "scale") or []]
    fw.measures_item = value(published, "measures")
    fw.results_item = value(published, "results")
    return fw


@dataclass(frozen=True)
class Counted:
    """What the documents count: the unit word, the total, and the framework behind them."""

    unit: str
    total: int
    framework: Framework | None
    unit_from_framework: bool
    total_from_framework: bool

    @property
    def name_prefix(self) -> str:
        return NAME_PREFIX.get(self.unit, "")


def counted(settings: Any, rows: int) -> Counted:
    """The counted unit and total for a tracker whose indicator table has ``rows`` rows.

    The clerk's unit setting wins.  Otherwise the year's framework decides, as long as the
    tracker's list can be that unit's list (a tracker that lists ten indicators in a year the
    NACC rated three tools keeps counting indicators, and ITA407 says the lists differ); else
    ตัวชี้วัด.  The total is the framework's when it knows that unit's list, else ``rows``.
    """
    fw = load(getattr(settings, "fiscal_year", None))
    typed = getattr(settings, "unit", None)
    typed = typed.strip() if isinstance(typed, str) else None

    def fw_list(unit: str) -> list[Unit]:
        if fw is None or fw.unit != unit:
            return []
        return fw.units

    if typed in UNITS:
        unit, from_fw = typed, False
    elif fw is not None and fw.unit and (not fw.units or len(fw.units) == rows or not rows
                                         or fw.unit == UNITS[0]):
        unit, from_fw = fw.unit, True
    else:
        unit, from_fw = UNITS[0], False
    known_list = fw_list(unit)
    if known_list:
        return Counted(unit, len(known_list), fw, from_fw, True)
    return Counted(unit, rows, fw, from_fw, False)


def starter(year: int) -> tuple[dict[str, Any], list[dict[str, Any]], list[str]]:
    """What ``init --year`` fills from the year's framework: settings, the indicator table's
    rows (the counted units in order) and the facts the data does not know (for the message).
    Unknown facts are left blank for the clerk; nothing is borrowed from another year."""
    fw = load(year)
    settings: dict[str, Any] = {"fiscal_year": year}
    unknown: list[str] = []
    if fw is None:
        return settings, [], ["all"]
    if fw.pass_mark is not None:
        settings["pass_mark"] = int(fw.pass_mark) if fw.pass_mark.is_integer() else fw.pass_mark
    else:
        unknown.append("pass_mark")
    if fw.unit:
        settings["unit"] = fw.unit
    else:
        unknown.append("unit")
    for which in ("measures", "results"):
        item = getattr(fw, f"{which}_item")
        if item:
            settings[f"item_{which}"] = item.get("code")
        else:
            unknown.append(f"{which} item")
    rows = [{"number": u.number, "name": u.name, "group": u.group} for u in fw.units]
    if not rows:
        unknown.append("indicators")
    return settings, rows, unknown
