"""Turn a ``Tracker`` into the values the Word templates print.

This is the only place that formats: Thai or Arabic digits (the workbook's setting) for dates,
counts, the fiscal year and the reference number; Buddhist-era dates as in the seed
(``๑ มีนาคม ๒๕๖๕``, ``เดือน ธันวาคม ๒๕๖๔``, ``เมษายน ๒๕๖๕``).  The clerk's own text is passed
through exactly as typed, after the documented clean-up of characters Word cannot hold
(``clean_text``).  The tag names are listed in ``templates/README.md``.
"""
from __future__ import annotations

import re
from typing import Any

from . import layout, meaning
from .address import address_line, agency_type
from .cleaning import Cleaned, Source, clean_text
from .framework import counted
from .meaning import blank, yes_no
from .model import Shown, Tracker, as_date, round_months
from .present import PLACEHOLDER
from .thai import digits, fixed, format_date, format_month, normalise, normalise_compact

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


def round_text(value: str, thai: bool) -> str:
    """The round as the documents print it: a label from the list ("รอบ ๑๒ เดือน") with its
    digits in the document's setting ("รอบ 12 เดือน" under เลขอารบิก), a bare number as the
    label it means; other words as typed."""
    months = round_months(value)
    if months and value.strip() and not any(c.isalpha() for c in value):
        return round_label(months, thai)
    return digits(value, thai) if isinstance(value, str) else value


# The result of each counted unit in the score table.
PASSED, NOT_PASSED = "ผ่าน", "ไม่ผ่าน"
# A number cell as Excel shows it; a percent cell's sign is dropped (a score under 0.00% is
# read as the number the clerk sees, 0.8247 → 82.47, and prints "82.47").
_PLAIN_NUMBER = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)\s*%?")


def score_text(value: Any, shown: str | None, thai: bool) -> str:
    """A score or the pass mark as printed: with the decimals its cell shows (``shown``,
    "72.40" under the number format 0.00), else with two, as the NACC publishes scores
    (72.4 → ๗๒.๔๐); '' when it is no number (the caller prints text as typed)."""
    number = meaning.score(value)
    if number is None:
        return ""
    plain = _PLAIN_NUMBER.fullmatch(shown.strip()) if shown is not None else None
    if plain:
        return digits(plain.group(1), thai)
    return digits(fixed(number, 2), thai)


def passed_word(short: Any, score: Any, mark: Any) -> str:
    """ผ่าน / ไม่ผ่าน: what the ไม่ผ่านเกณฑ์ cell says (the memo counts by it too); when it is
    blank, the score against the pass mark; '' when neither is known."""
    fell_short = meaning.yes_no(short)
    number, limit = meaning.score(score), meaning.score(mark)
    if fell_short is None and number is not None and limit is not None:
        fell_short = number < limit
    if fell_short is None:
        return ""
    return NOT_PASSED if fell_short else PASSED


def setting_or_default(value: str, field: str) -> str:
    """A wording setting (report title, headings): as typed, or its default when blank."""
    return value if value.strip() else (layout.SETTINGS_BY_FIELD[field].default or "")


def table_numbers(*present: tuple[str, int], thai: bool) -> dict[str, list[str]]:
    """Captions' table numbers in document order: each (name, how many tables) present gets
    the next numbers ("๑", "๒" …), so a table left out leaves no gap."""
    out: dict[str, list[str]] = {}
    n = 0
    for name, count in present:
        out[name] = [digits(n + i + 1, thai) for i in range(count)]
        n += count
    return out


def _join_names(names: list[str]) -> str:
    """``ก และข`` / ``ก ข และค`` as the seed joins indicator names."""
    return " และ".join(names) if len(names) <= 2 else " ".join(names[:-1]) + " และ" + names[-1]


def result_parts(tracker: Tracker) -> list[tuple[int | None, list]]:
    """The results table(s): ``[(None, rows)]`` when no row names its round; otherwise a
    12-month report carries one table per round (6, then 12 with rows of no round) and another
    report its own rows, then any 12-month rows under their own heading: never left out (ITA310
    stops such a report unless --force)."""
    rows = tracker.results
    if not any(r.round_months for r in rows):
        return [(None, rows)]
    if tracker.settings.round_months == 12:
        six = [r for r in rows if r.round_months == 6]
        twelve = [r for r in rows if r.round_months != 6]
        return [(m, part) for m, part in ((6, six), (12, twelve)) if part]
    own = [r for r in rows if r.round_months != 12]
    twelve = [r for r in rows if r.round_months == 12]
    if not twelve:
        return [(None, own)]
    return [(m, part) for m, part in ((tracker.settings.round_months, own), (12, twelve))
            if part]


def _item(count, which: str) -> str:
    """The year's OIT item code of one document (O42 …) when the framework data knows it."""
    fw = count.framework
    item = getattr(fw, f"{which}_item", None) if fw is not None else None
    return str(item.get("code", "")) if isinstance(item, dict) else ""


def score_table(tracker: Tracker, p: "_Printer") -> dict[str, Any]:
    """The score table's values: a row per counted unit (number, name, score, pass mark,
    ผ่าน/ไม่ผ่าน) and the overall row, or no rows at all when no score was typed, so the
    report then prints neither the table nor its heading and caption."""
    s, thai = tracker.settings, p.thai
    mark = score_text(s.pass_mark, s.shown.get("pass_mark"), thai) or p.typed("pass_mark")
    rows = []
    for ind in tracker.indicators:
        score = score_text(ind.score, ind.shown.get("score"), thai)
        if not score and ind.score is not None:  # text in a score cell: printed as typed
            score = p.text(ind.score, p.cell(ind, "score"))
        rows.append({"number": p.text(ind.number, p.cell(ind, "number")),
                     "name": p.text(ind.name, p.cell(ind, "name")),
                     "score": score, "pass_mark": mark,
                     "result": passed_word(ind.short, ind.score, s.pass_mark)})
    if not any(row["score"].strip() for row in rows):
        return {"scores": [], "score_total": {}, "pass_mark": mark}
    total: dict[str, str] = {}
    overall = score_text(s.overall_score, s.shown.get("overall_score"), thai)
    if overall:
        grade = p.typed("overall_grade").strip()
        total = {"score": overall, "pass_mark": mark,
                 "result": grade or passed_word(None, s.overall_score, s.pass_mark)}
    return {"scores": rows, "score_total": total, "pass_mark": mark}


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
    context = {
        "emblem": "",
        **_memo_head(tracker, p),
        **_signers(tracker, p, count),
        **_analysis(tracker, p, count),
        **_plan(tracker, p),
        **_results(tracker, p),
        **_wording(tracker, p),
        # The digit setting itself: page numbers (a Word field, not text) follow it in render.
        "thai_digits": bool(p.thai),
    }
    context.update(_captions(context, p.thai))
    return context


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
    round_printed = round_text(p.typed("round"), thai)
    months = round_months(s.round)
    round_shown = s.prints_round and bool(round_printed.strip())
    subject = p.typed("subject")
    if round_shown and months and normalise(round_label(months, False)) not in \
            normalise(subject):
        subject = f"{subject} {round_label(months, thai)}" if subject else subject
    return {
        "agency": p.typed("agency"),
        "agency_type": kind.name,
        "local_government": kind.local,
        "address": address_line(kind, p.typed("district"), p.typed("province"),
                                p.typed("agency")),
        "office": p.typed("office"),
        "district": p.typed("district"),
        "province": p.typed("province"),
        "fiscal_year": p.clean(digits(s.fiscal_year, thai), p.setting("fiscal_year")),
        "previous_fiscal_year": digits(tracker.previous_fiscal_year, thai)
        if tracker.previous_fiscal_year is not None else "",
        "round": round_printed,
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
    overall_score = score_text(s.overall_score, s.shown.get("overall_score"), thai)
    grade = p.typed("overall_grade").strip()
    overall_bits = [f"คะแนนรวม {overall_score}"] if overall_score else []
    if grade:
        overall_bits.append(f"ระดับ {grade}")
    short = tracker.short_indicators
    # A mark that is blank or unreadable is not "passed": the count, the names and the levels
    # that need it print a visible placeholder, and the run names the cells.
    unmarked = [ind for ind in tracker.indicators if yes_no(ind.short) is None]
    for ind in unmarked:
        p.log.placeholders.append(p.cell(ind, "short"))
    if unmarked:
        levels = []
    return {
        "short_count": PLACEHOLDER if unmarked else digits(len(short), thai),
        "indicator_count": digits(count.total, thai),
        "unit": count.unit,
        "unit_total": digits(count.total, thai),
        "none_short": not short and not unmarked,
        "short_names": PLACEHOLDER if unmarked else
        _join_names([unit_name(ind) for ind in short]),
        "overall": f"({' '.join(overall_bits)})" if overall_bits else "",
        "overall_score": overall_score,
        "overall_grade": grade,
        "improvements": [{name: p.text(getattr(r, name), p.cell(r, name))
                          for name in ("tool", "point")} for r in tracker.improvements],
        "level_count": digits(len(levels), thai),
        "levels": levels,
        **score_table(tracker, p),
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


def _wording(tracker: Tracker, p: _Printer) -> dict[str, Any]:
    """The report's title and section headings: tracker settings, today's wording when blank
    (or missing in an older tracker)."""
    return {
        "report_title": setting_or_default(p.typed("report_title"), "report_title"),
        "headings": {name: setting_or_default(p.typed(f"heading_{name}"), f"heading_{name}")
                     for name in ("scores", "analysis", "results")},
    }


def _captions(context: dict[str, Any], thai: bool) -> dict[str, Any]:
    """Each caption's table number, counting only the tables the report prints; every result
    part gets its own (``part.table``)."""
    numbers = table_numbers(("scores", 1 if context["scores"] else 0),
                            ("improvements", 1 if context["improvements"] else 0),
                            ("plan", 1), ("results", len(context["result_parts"])), thai=thai)
    for part, number in zip(context["result_parts"], numbers["results"]):
        part["table"] = number
    return {"table_no": {name: (numbers[name] or [""])[0]
                         for name in ("scores", "improvements", "plan")}}


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
