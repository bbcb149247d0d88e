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
    # A tool some agencies' results list in parts ("EIT ส่วนที่ 1", "EIT ส่วนที่ 2"), where a
    # source says so: each part is a row of its own in the indicator table.
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Band:
    """One grade (AA–F) or rating (ผ่านดีเยี่ยม …) of a year's scale, best first.

    Its conditions: the overall score is at least ``min``, and every tool's score at least
    ``tools_min``.  A result is the first band of the scale whose conditions are all met.
    ``passes``: whether the band is a pass (None: unknown; the checks then take a band whose
    ``min`` reaches the pass mark as one).  The ``unofficial_*`` conditions come from a source
    the data marks unofficial (one agency's scoring tool, a non-local agency): the checks warn
    on them, never stop the documents, and the clerk may acknowledge that warning.
    """

    label: str
    min: float | None  # None when the minimum score is unknown
    tools_min: float | None = None
    passes: bool | None = None
    unofficial_min: float | None = None
    unofficial_tools_min: float | None = None
    source: str = ""
    unofficial_source: str = ""

    def condition(self, name: str, unofficial: bool) -> float | None:
        """``min`` or ``tools_min``; with ``unofficial`` the unofficial value where the data
        has one (it only adds to what the official sources say)."""
        value = getattr(self, name)
        if unofficial:
            extra = getattr(self, f"unofficial_{name}")
            if extra is not None:
                return extra if value is None else max(value, extra)
        return value


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
    # Facts whose only source is unofficial ("published.measures" …): shown, never filled in.
    unofficial: dict[str, Any] = field(default_factory=dict)
    # Where the data came from: the shipped file, or a framework file a provincial office gave.
    origin: str = ""

    @property
    def units(self) -> list[Unit]:
        """The list the result counts (and the tracker's indicator table holds), if known."""
        if self.unit == "เครื่องมือ":
            return self.tools
        if self.unit == "ตัวชี้วัด":
            return self.indicators
        return []

    def band_for(self, score: float) -> Band | None:
        """The band a score falls in, when every minimum is known and no band asks more than
        the overall score (a rating that also depends on the tools is not the score's alone)."""
        if not self.scale or any(b.min is None or b.tools_min is not None for b in self.scale):
            return None
        for band in sorted(self.scale, key=lambda b: -b.min):
            if score >= band.min:
                return band
        return None

    def band(self, label: Any) -> Band | None:
        """The band typed as ``label`` (spaces and digits ignored), else None."""
        from .thai import normalise_compact

        wanted = normalise_compact(str(label)) if label is not None else ""
        return next((b for b in self.scale if normalise_compact(b.label) == wanted), None)

    def passes(self, band: Band) -> bool | None:
        """Whether ``band`` is a pass: the data's word, else its minimum against the pass mark."""
        if band.passes is not None:
            return band.passes
        if band.min is not None and self.pass_mark is not None:
            return band.min >= self.pass_mark
        return None

    @property
    def tool_counts(self) -> tuple[int, ...]:
        """How many rows a tracker counting tools may list: the tools, or with a tool in the
        parts a source names (EIT ส่วนที่ 1 and 2) those parts instead."""
        plain = len(self.tools)
        split = plain + sum(len(t.parts) - 1 for t in self.tools if t.parts)
        return (plain,) if split == plain else (plain, split)


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
    return parse(data, year, origin=f"ita_xl/data/frameworks/{year}.toml")


def load_file(path: Any, year: int | None = None) -> Framework:
    """A framework file a provincial office hands its agencies (the shipped files' schema),
    checked on load: ``FrameworkFileError`` names the file and every problem, Thai first."""
    from pathlib import Path

    from .errors import ItaError

    path = Path(path)
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ItaError(f"เปิดไฟล์กรอบการประเมิน {path.name} ไม่ได้ ({exc.strerror or exc})",
                       f"Cannot open the framework file {path.name} ({exc}).",
                       where=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ItaError(f"ไฟล์กรอบการประเมิน {path.name} ไม่ใช่ TOML ที่ถูกต้อง: {exc}",
                       f"The framework file {path.name} is not valid TOML: {exc}",
                       where=str(path),
                       hint_th="คัดลอกไฟล์ของปีที่มีมากับโปรแกรม (ita_xl/data/frameworks) แล้วแก้",
                       hint_en="Copy a shipped file (ita_xl/data/frameworks) and edit it.") from exc
    problems = validate(data)
    if year is not None and data.get("fiscal_year") != year:
        problems.insert(0, (f"fiscal_year เป็น {data.get('fiscal_year')!r} ไม่ใช่ {year}",
                            f"fiscal_year is {data.get('fiscal_year')!r}, not {year}"))
    if problems:
        raise ItaError(
            f"ไฟล์กรอบการประเมิน {path.name} ไม่ตรงตามแบบ: " + "; ".join(th for th, _ in problems),
            f"The framework file {path.name} does not follow the schema: "
            + "; ".join(en for _, en in problems),
            where=str(path),
            hint_th="ทุกข้อมูลต้องมี value และ source (ไม่ทราบ: value = \"unknown\") "
                    "ดูตัวอย่างใน ita_xl/data/frameworks",
            hint_en='Every fact needs a value and a source (value = "unknown" when not known); '
                    "see the shipped files in ita_xl/data/frameworks.")
    return parse(data, int(data["fiscal_year"]), origin=str(path))


# Keys a fact may have; a band's keys (the scale's value).  ``unofficial = true`` marks a fact
# whose only source is unofficial (one agency's tool, a non-local agency's page).
FACT_KEYS = {"value", "source", "unofficial"}
BAND_KEYS = {"label", "min", "tools_min", "passes", "source", "unofficial"}
UNOFFICIAL_BAND_KEYS = {"min", "tools_min", "source"}
TOOL_KEYS = {"code", "name", "parts", "parts_source"}


def _number_or_unknown(value: Any) -> bool:
    return value == UNKNOWN or (isinstance(value, (int, float)) and not isinstance(value, bool)
                                and 0 <= value <= 100)


def validate(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Every way ``data`` (a parsed framework file) breaks the schema, as (Thai, English).

    The shipped files and a provincial office's file go through the same check.
    """
    out: list[tuple[str, str]] = []

    def bad(th: str, en: str) -> None:
        out.append((th, en))

    year = data.get("fiscal_year")
    if not isinstance(year, int) or not 2400 <= year <= 2800:
        bad(f"fiscal_year ต้องเป็นปี พ.ศ. (ได้ {year!r})", f"fiscal_year must be a B.E. year ({year!r})")
    elif data.get("analysed_year") != year - 1:
        bad(f"analysed_year ต้องเป็น {year - 1}", f"analysed_year must be {year - 1}")
    for section, names in FACTS.items():
        facts = data.get(section)
        if not isinstance(facts, dict):
            bad(f"ไม่มีส่วน [{section}]", f"section [{section}] is missing")
            continue
        for name in names:
            where = f"{section}.{name}"
            fact = facts.get(name)
            if not isinstance(fact, dict):
                bad(f"ไม่มี [{where}]", f"[{where}] is missing")
                continue
            if set(fact) - FACT_KEYS or "value" not in fact or "source" not in fact:
                bad(f"[{where}] ต้องมี value และ source เท่านั้น", f"[{where}] needs value and source only")
                continue
            if not str(fact["source"]).strip():
                bad(f"[{where}] ไม่มีแหล่งที่มา (source)", f"[{where}] has no source")
            value = fact["value"]
            if value == UNKNOWN:
                continue
            problem = _bad_value(name, section, value)
            if problem:
                bad(f"[{where}] {problem[0]}", f"[{where}] {problem[1]}")
        extra = set(facts) - set(names)
        if extra:
            bad(f"[{section}] มีข้อมูลที่ไม่รู้จัก: {', '.join(sorted(extra))}",
                f"[{section}] has unknown facts: {', '.join(sorted(extra))}")
    return out


def _bad_value(name: str, section: str, value: Any) -> tuple[str, str] | None:
    if section == "published":
        if not (isinstance(value, dict) and set(value) == {"code", "name"}
                and isinstance(value["code"], str) and value["code"][:1] == "O"):
            return ("ต้องเป็น { code = \"O..\", name = \"..\" }", 'must be { code = "O..", name = ".." }')
        return None
    if name == "unit":
        return None if value in UNITS else (f"ต้องเป็น {' หรือ '.join(UNITS)}", f"must be one of {UNITS}")
    if name == "pass_mark":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= 100
        return None if ok else ("ต้องเป็นตัวเลข 0–100", "must be a number 0–100")
    if name == "tools":
        if not isinstance(value, list) or not value or any(
                not isinstance(t, dict) or set(t) - TOOL_KEYS or not {"code", "name"} <= set(t)
                or ("parts" in t and (not isinstance(t["parts"], list) or len(t["parts"]) < 2
                                      or "parts_source" not in t))
                for t in value):
            return ("ต้องเป็นรายการ { code, name } (parts ต้องมี parts_source)",
                    "must be a list of { code, name } (parts need a parts_source)")
        return None
    if name == "indicators":
        if not isinstance(value, list) or not value or any(
                not isinstance(t, dict) or set(t) != {"number", "name", "tool"} for t in value):
            return ("ต้องเป็นรายการ { number, name, tool }", "must be a list of { number, name, tool }")
        if [t["number"] for t in value] != list(range(1, len(value) + 1)):
            return ("number ต้องเรียง 1, 2, 3 …", "numbers must run 1, 2, 3 …")
        return None
    if name == "scale":
        if not isinstance(value, list) or not value:
            return ("ต้องเป็นรายการระดับ", "must be a list of bands")
        for band in value:
            if not isinstance(band, dict) or set(band) - BAND_KEYS or "label" not in band \
                    or "min" not in band or not str(band["label"]).strip():
                return ("แต่ละระดับต้องมี label และ min", "each band needs a label and a min")
            if not _number_or_unknown(band["min"]) or not _number_or_unknown(
                    band.get("tools_min", UNKNOWN)):
                return (f"ระดับ {band['label']}: min/tools_min ต้องเป็นตัวเลข 0–100 หรือ \"unknown\"",
                        f"band {band['label']}: min/tools_min must be 0–100 or \"unknown\"")
            if "passes" in band and not isinstance(band["passes"], bool):
                return (f"ระดับ {band['label']}: passes ต้องเป็น true/false",
                        f"band {band['label']}: passes must be true or false")
            extra = band.get("unofficial")
            if extra is not None and (not isinstance(extra, dict) or set(extra) - UNOFFICIAL_BAND_KEYS
                                      or "source" not in extra
                                      or not all(_number_or_unknown(extra.get(k, UNKNOWN))
                                                 for k in ("min", "tools_min"))):
                return (f"ระดับ {band['label']}: unofficial ต้องมี source และ min/tools_min",
                        f"band {band['label']}: unofficial needs a source and min/tools_min")
        return None
    return None


def parse(data: dict[str, Any], year: int, origin: str = "") -> Framework:
    """A ``Framework`` from a file's parsed data (``validate`` it first)."""
    fw = Framework(fiscal_year=year, origin=origin)
    analysed, published = data.get("analysed", {}), data.get("published", {})
    for section, facts in (("analysed", analysed), ("published", published)):
        for name, fact in facts.items():
            fw.sources[f"{section}.{name}"] = fact.get("source", "")

    def value(facts: dict, name: str) -> Any:
        fact = facts.get(name, {})
        v = fact.get("value", UNKNOWN)
        if fact.get("unofficial") and known(v):
            # Shown to the clerk as a lead to verify; never filled in or decided on.
            fw.unofficial[name] = v
            return None
        return v if known(v) else None

    def num(v: Any) -> float | None:
        return float(v) if known(v) and v is not None else None

    unit = value(analysed, "unit")
    fw.unit = unit if unit in UNITS else None
    pm = value(analysed, "pass_mark")
    fw.pass_mark = float(pm) if isinstance(pm, (int, float)) else None
    fw.tools = [Unit(i, t["name"], t["code"], tuple(t.get("parts") or ()))
                for i, t in enumerate(value(analysed, "tools") or [], start=1)]
    fw.indicators = [Unit(int(t["number"]), t["name"], t["tool"])
                     for t in value(analysed, "indicators") or []]
    fw.scale = [Band(b["label"], num(b.get("min")), num(b.get("tools_min")), b.get("passes"),
                     num((b.get("unofficial") or {}).get("min")),
                     num((b.get("unofficial") or {}).get("tools_min")),
                     b.get("source", ""), (b.get("unofficial") or {}).get("source", ""))
                for b in value(analysed, "scale") or []]
    fw.measures_item = value(published, "measures")
    fw.results_item = value(published, "results")
    return fw


# A tracker made with ``init --framework FILE`` carries that file on this sheet (its text in
# ``FRAMEWORK_CELL``), so ``check``, ``generate`` and ``batch`` judge it by the same rules.
FRAMEWORK_SHEET = "กรอบการประเมิน"
FRAMEWORK_CELL = "A3"


def of(settings: Any) -> Framework | None:
    """The framework a tracker's documents follow: the one it carries (``init --framework``)
    for its fiscal year, else the shipped data's."""
    year = getattr(settings, "fiscal_year", None)
    carried = getattr(settings, "framework", None)
    if carried is not None and carried.fiscal_year == year:
        return carried
    return load(year)


#: The framework sheet's codeName (its VBA document module is built by the builder).
FRAMEWORK_CODE_NAME = "shFramework"


def embed(wb: Any, text: str, name: str) -> None:
    """Put a framework file's text on its own sheet of a new tracker (openpyxl ``wb``)."""
    ws = wb.create_sheet(FRAMEWORK_SHEET)
    ws.sheet_properties.codeName = FRAMEWORK_CODE_NAME  # every sheet of an .xlsm has a VBA module
    ws["A1"] = (f"กรอบการประเมินจากไฟล์ {name}: ita-xl ใช้ข้อมูลนี้แทนข้อมูลของโปรแกรมสำหรับปีนี้ "
                "(แก้ได้ ต้องเป็น TOML ตามแบบใน ita_xl/data/frameworks)")
    ws["A2"] = (f"The framework from {name}: ita-xl uses it instead of its own data for this "
                "year (editable; TOML in the schema of ita_xl/data/frameworks).")
    ws[FRAMEWORK_CELL] = text


def from_text(text: Any, where: str) -> Framework:
    """The framework a tracker carries, checked as a given file is (``load_file``)."""
    from .errors import WorkbookError

    try:
        data = tomllib.loads(str(text or ""))
    except tomllib.TOMLDecodeError as exc:
        problems = [(f"ไม่ใช่ TOML ที่ถูกต้อง: {exc}", f"not valid TOML: {exc}")]
    else:
        problems = validate(data)
    if problems:
        raise WorkbookError(
            f"กรอบการประเมินในแผ่นงาน {FRAMEWORK_SHEET} ({where}) ไม่ตรงตามแบบ: "
            + "; ".join(th for th, _ in problems),
            f"The framework on sheet {FRAMEWORK_SHEET} ({where}) does not follow the schema: "
            + "; ".join(en for _, en in problems),
            where=where,
            hint_th=f"แก้ข้อความในช่อง {FRAMEWORK_CELL} ให้ถูกต้อง หรือลบแผ่นงาน {FRAMEWORK_SHEET} "
                    "เพื่อใช้ข้อมูลของโปรแกรม",
            hint_en=f"Correct the text in {FRAMEWORK_CELL}, or delete the sheet to use ita-xl's "
                    "own data.")
    return parse(data, int(data["fiscal_year"]), origin=where)


@dataclass(frozen=True)
class Counted:
    """What the documents count: the unit word, the total, and the framework behind them."""

    unit: str
    total: int  # the rows the tracker lists (the framework's count when it lists none)
    framework: Framework | None
    unit_from_framework: bool
    total_from_framework: bool  # the framework knows the list of this unit
    expected: tuple[int, ...] = ()  # the counts the framework allows (tools in parts: two)

    @property
    def name_prefix(self) -> str:
        return NAME_PREFIX.get(self.unit, "")


def counted(settings: Any, rows: int) -> Counted:
    """The counted unit and total for a tracker whose indicator table has ``rows`` rows.

    The clerk's unit setting wins.  Otherwise the year's framework decides, as long as the
    tracker's list can be that unit's list (a tracker that lists ten indicators in a year the
    NACC rated three tools keeps counting indicators, and ITA407 says the lists differ); else
    ตัวชี้วัด.  The total is the rows the tracker lists, so the memo's count always matches the
    table beside it (EIT in two parts makes four tools); a total the framework does not allow
    is ITA413, an error naming both.
    """
    fw = of(settings)
    typed = getattr(settings, "unit", None)
    typed = typed.strip() if isinstance(typed, str) else None

    def fw_list(unit: str) -> list[Unit]:
        if fw is None or fw.unit != unit:
            return []
        return fw.units

    if typed in UNITS:
        unit, from_fw = typed, False
    elif fw is not None and fw.unit and (not fw.units or not rows or fw.unit == UNITS[0]
                                         or rows in _allowed(fw, fw.unit)):
        unit, from_fw = fw.unit, True
    else:
        unit, from_fw = UNITS[0], False
    known_list = fw_list(unit)
    if known_list:
        return Counted(unit, rows or len(known_list), fw, from_fw, True, _allowed(fw, unit))
    return Counted(unit, rows, fw, from_fw, False)


def _allowed(fw: Framework, unit: str) -> tuple[int, ...]:
    """How many rows a list of ``unit`` may have in ``fw``'s year."""
    if unit == "เครื่องมือ":
        return fw.tool_counts
    return (len(fw.indicators),) if fw.indicators else ()


def starter(year: int, fw: Framework | None = None
            ) -> tuple[dict[str, Any], list[dict[str, Any]], list[str]]:
    """What ``init --year`` fills from the year's framework (``fw``: a framework file given
    with ``--framework``, else the shipped data): settings, the indicator table's rows (the
    counted units in order) and the facts the data does not know (``present.UNKNOWN_FACTS``).
    Unknown and unofficial facts are left blank for the clerk; nothing is borrowed from
    another year."""
    fw = fw if fw is not None else load(year)
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
    if not fw.scale or any(b.min is None for b in fw.scale):
        unknown.append("scale")
    return settings, rows, unknown
