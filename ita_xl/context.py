"""Turn a ``Tracker`` into the values the Word templates print.

This is the only place that formats: Thai or Arabic digits (the workbook's setting) for dates,
counts, the fiscal year and the reference number; Buddhist-era dates as in the seed
(``๑ มีนาคม ๒๕๖๕``, ``เดือน ธันวาคม ๒๕๖๔``, ``เมษายน ๒๕๖๕``).  The clerk's own text is passed
through exactly as typed, after the documented clean-up of characters Word cannot hold
(``clean_text``).  The tag names are listed in ``templates/README.md``.
"""
from __future__ import annotations

from typing import Any

from .address import address_line, agency_type
from .cleaning import Cleaned, Source, clean_text
from .framework import counted
from .meaning import blank
from .model import Shown, Tracker, as_date, round_months
from .thai import digits, format_date, format_month, normalise, normalise_compact

def _fmt_value(value: Any, thai: bool) -> str:
    """A non-text value in a text position: numbers follow the digit setting, dates too; a
    number in a text cell is printed as Excel shows it (``Shown``), its digits per the setting."""
    date = as_date(value)
    if date is not None:
        return format_date(date, thai)
    if isinstance(value, Shown):
        return digits(str(value), thai)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return digits(value, thai)
    return value


def period_text(start: Any, end: Any, thai: bool) -> str:
    """``เดือน ธันวาคม ๒๕๖๔`` or ``เดือน ธันวาคม ๒๕๖๔ – มีนาคม ๒๕๖๕``.

    A month that is not a date is printed exactly as typed, the other month still formatted,
    so nothing typed is dropped (``ตลอดปีงบประมาณ``, ``ธ.ค. ๖๔ – มีนาคม ๒๕๖๕``)."""
    first, last = as_date(start), as_date(end)
    if first is not None:
        text = f"เดือน {format_month(first, thai)}"
        if last is not None and (last.year, last.month) == (first.year, first.month):
            return text
    else:
        text = "" if start is None else str(start)  # cleaned (and reported) by the caller
    if last is not None:
        return f"{text} – {format_month(last, thai)}" if text else f"เดือน {format_month(last, thai)}"
    if end is not None and str(end).strip():
        return f"{text} – {end}" if text else str(end)
    return text


def amount_text(value: Any, thai: bool) -> str:
    """A budget: numbers with thousands separators (``๑๐,๐๐๐``), text exactly as typed."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, (int, float)):
        # Baht: whole amounts without decimals, others with satang (๒๕,๐๐๐.๕๐).
        text = f"{value:,.2f}" if isinstance(value, float) and not value.is_integer() \
            else f"{int(value):,}"
        return digits(text, thai)
    return value


def round_label(months: int, thai: bool) -> str:
    return f"รอบ {digits(months, thai)} เดือน"


def _join_names(names: list[str]) -> str:
    """``ก และข`` / ``ก ข และค`` as the seed joins indicator names."""
    return " และ".join(names) if len(names) <= 2 else " ".join(names[:-1]) + " และ" + names[-1]


def result_parts(tracker: Tracker) -> list[tuple[int | None, list]]:
    """The results table(s): ``[(None, rows)]`` when no row names its round; otherwise a
    12-month report carries one table per round (6, then 12 with rows of no round) and a
    6-month report only the rows of that round (a 12-month row is left out: ITA308 says so)."""
    rows = tracker.results
    if not any(r.round_months for r in rows):
        return [(None, rows)]
    if tracker.settings.round_months == 12:
        six = [r for r in rows if r.round_months == 6]
        twelve = [r for r in rows if r.round_months != 6]
        return [(m, part) for m, part in ((6, six), (12, twelve)) if part]
    return [(None, [r for r in rows if r.round_months != 12])]


def _item(count, which: str) -> str:
    """The year's OIT item code of one document (O42 …) when the framework data knows it."""
    fw = count.framework
    item = getattr(fw, f"{which}_item", None) if fw is not None else None
    return str(item.get("code", "")) if isinstance(item, dict) else ""


def round_slug(tracker: Tracker) -> str:
    months = tracker.settings.round_months
    return f"{months}m" if months else "round"


class _Printer:
    """Prints one tracker's values: the digit setting applied, every clean-up and every value
    printed as typed logged in ``log`` with the cell it came from."""

    def __init__(self, tracker: Tracker, log: Cleaned) -> None:
        self.settings = tracker.settings
        self.thai = tracker.settings.thai_digits
        self.log = log

    def setting(self, name: str) -> Source:  # "writer.name" is the setting writer_name
        return Source(self.settings.loc(name.replace(".", "_")), name)

    def cell(self, record: Any, name: str) -> Source:
        return Source(record.loc(name), f"{record.TABLE}[{record.row}].{name}")

    def clean(self, value: Any, where: Source) -> str:
        return clean_text(value, where=where, log=self.log)

    def text(self, value: Any, where: Source) -> str:
        return self.clean(_fmt_value(value, self.thai), where)

    def typed(self, name: str) -> str:
        """The setting ``name`` as text (``writer.name`` is the setting writer_name)."""
        return self.text(getattr(self.settings, name.replace(".", "_")), self.setting(name))

    def as_typed(self, value: Any, where: Source) -> None:
        """A date or number cell the documents print as typed, because it is none."""
        if not blank(value):
            self.log.as_typed.append(where)

    def person(self, who: str) -> dict[str, str]:
        return {"name": self.typed(f"{who}.name"), "position": self.typed(f"{who}.position")}


def build_context(tracker: Tracker, log: Cleaned | None = None) -> dict[str, Any]:
    """The context both templates are rendered with (one dict, so tags mean the same everywhere)."""
    p = _Printer(tracker, log if log is not None else Cleaned())
    count = counted(tracker.settings, len(tracker.indicators))
    _log_settings_as_typed(tracker, p)
    return {
        "emblem": "",
        **_memo_head(tracker, p),
        **_signers(tracker, p, count),
        **_analysis(tracker, p, count),
        **_plan(tracker, p),
        **_results(tracker, p),
        # The digit setting itself: page numbers (a Word field, not text) follow it in render.
        "thai_digits": bool(p.thai),
    }


def _log_settings_as_typed(tracker: Tracker, p: _Printer) -> None:
    """The settings the documents print as typed because they are no date (no year)."""
    s = tracker.settings
    for name, value in (("memo_date", as_date(s.memo_date)),
                        ("preface_date", as_date(s.preface_date))):
        if value is None:
            p.as_typed(getattr(s, name), p.setting(name))
    if not isinstance(s.fiscal_year, int):
        p.as_typed(s.fiscal_year, p.setting("fiscal_year"))


def _memo_head(tracker: Tracker, p: _Printer) -> dict[str, Any]:
    """Settings: who writes to whom, about what, when (the memo's head and the report's cover)."""
    s, thai = tracker.settings, p.thai
    memo_date = as_date(s.memo_date)
    kind = agency_type(s.agency_type, s.agency)
    round_text = p.typed("round")
    months = round_months(s.round)
    round_shown = s.prints_round and bool(round_text.strip())
    subject = p.typed("subject")
    if round_shown and months and normalise(round_label(months, False)) not in \
            normalise(subject):
        subject = f"{subject} {round_label(months, thai)}" if subject else subject
    return {
        "agency": p.typed("agency"),
        "agency_type": kind.name,
        "local_government": kind.local,
        "address": address_line(kind, p.typed("district"), p.typed("province")),
        "office": p.typed("office"),
        "district": p.typed("district"),
        "province": p.typed("province"),
        "fiscal_year": p.clean(digits(s.fiscal_year, thai), p.setting("fiscal_year")),
        "previous_fiscal_year": digits(tracker.previous_fiscal_year, thai)
        if tracker.previous_fiscal_year is not None else "",
        "round": round_text,
        "round_shown": round_shown,
        "continuation": p.typed("continuation"),
        "ref": p.clean(digits(s.memo_ref, thai) if isinstance(s.memo_ref, str)
                       else _fmt_value(s.memo_ref, thai), p.setting("memo_ref")),
        "date": format_date(memo_date, thai) if memo_date else p.typed("memo_date"),
        "subject": subject,
        "to": p.typed("addressee"),
        "closing": p.typed("closing"),
    }


def _signers(tracker: Tracker, p: _Printer, count) -> dict[str, Any]:
    """Settings: the report's preface and its signer, the memo's writer, preparer and chain, the
    OIT items the two documents answer."""
    s = tracker.settings
    preface_date = as_date(s.preface_date)
    preface = p.clean(s.preface, p.setting("preface"))
    # One workbook line per paragraph: docxtpl turns "\a" into a new paragraph with the same
    # indent and justification.
    preface = "\a".join(line for line in preface.split("\n") if line.strip())
    return {
        "item_measures": p.typed("item_measures") or _item(count, "measures"),
        "item_results": p.typed("item_results") or _item(count, "results"),
        "writer": p.person("writer"),
        "preparer": p.person("preparer"),
        "chain": [{name: p.text(getattr(e, name), p.cell(e, name))
                   for name in ("label", "rank", "name", "position")} for e in tracker.chain],
        "preface": preface,
        "preface_signer": p.typed("preface_signer"),
        "preface_month": format_month(preface_date, p.thai) if preface_date
        else p.typed("preface_date"),
    }


def _analysis(tracker: Tracker, p: _Printer, count) -> dict[str, Any]:
    """Last year's scores: the counted units, those that fell short, the levels, the overall
    result, the points to improve."""
    s, thai = tracker.settings, p.thai

    def unit_name(ind) -> str:
        return f"{count.name_prefix}{p.text(ind.name, p.cell(ind, 'name'))}"

    levels = [{"number": p.clean(digits(level.level, thai), p.cell(level, "level")),
               "description": p.text(level.description, p.cell(level, "description")),
               "indicators": _join_names([unit_name(ind) for ind in members])}
              for level, members in tracker.levels_with_indicators()]
    score = s.overall_score
    scored = isinstance(score, (int, float)) and not isinstance(score, bool)
    grade = p.typed("overall_grade").strip()
    overall_bits = [f"คะแนนรวม {digits(score, thai)}"] if scored else []
    if grade:
        overall_bits.append(f"ระดับ {grade}")
    short = tracker.short_indicators
    return {
        "short_count": digits(len(short), thai),
        "indicator_count": digits(count.total, thai),
        "unit": count.unit,
        "unit_total": digits(count.total, thai),
        "none_short": not short,
        "short_names": _join_names([unit_name(ind) for ind in short]),
        "overall": f"({' '.join(overall_bits)})" if overall_bits else "",
        "overall_score": digits(score, thai) if scored else "",
        "overall_grade": grade,
        "improvements": [{name: p.text(getattr(r, name), p.cell(r, name))
                          for name in ("tool", "point")} for r in tracker.improvements],
        "level_count": digits(len(levels), thai),
        "levels": levels,
    }


def _plan(tracker: Tracker, p: _Printer) -> dict[str, Any]:
    """This year's plan: one row per measure, budgets as amounts."""
    plan = []
    for row in tracker.plan:
        item = {name: p.text(getattr(row, name), p.cell(row, name))
                for name in ("measure", "guideline", "steps", "owner", "monitoring")}
        item["budget"] = p.clean(amount_text(row.budget, p.thai), p.cell(row, "budget"))
        plan.append(item)
    return {"plan": plan, "plan_budget": any(item["budget"].strip() for item in plan)}


def _results(tracker: Tracker, p: _Printer) -> dict[str, Any]:
    """What was done: every row, rows of one measure grouped, one table per round (see
    :func:`result_parts`)."""
    def result_item(row) -> dict[str, Any]:
        item = {name: p.text(getattr(row, name), p.cell(row, name))
                for name in ("measure", "details", "output", "outcome", "remarks")}
        item["period"] = p.clean(period_text(row.start, row.end, p.thai), p.cell(row, "start"))
        for name in ("start", "end"):
            if as_date(getattr(row, name)) is None:
                p.as_typed(getattr(row, name), p.cell(row, name))
        item["budget"] = p.clean(amount_text(row.budget, p.thai), p.cell(row, "budget"))
        return item

    items_by_row = {id(row): result_item(row) for row in tracker.results}
    result_rows = list(items_by_row.values())
    parts = [{"title": round_label(m, p.thai) if m else "",
              "groups": _grouped([items_by_row[id(r)] for r in rows])}
             for m, rows in result_parts(tracker)]
    return {
        "results": result_rows,
        "result_groups": parts[0]["groups"] if len(parts) == 1 else _grouped(result_rows),
        "result_parts": parts,
        "results_budget": any(item["budget"].strip() for item in result_rows),
    }


def _grouped(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive rows of the same measure share one merged measure cell."""
    groups: list[dict[str, Any]] = []
    for item in items:
        key = normalise_compact(item["measure"])
        if groups and groups[-1]["key"] == key and key:
            groups[-1]["rows"].append(item)
        else:
            groups.append({"key": key, "measure": item["measure"], "rows": [item]})
    return groups
