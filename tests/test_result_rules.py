"""Issue 19: the analysis never contradicts the scores, the grade or the marks.

Every result rule of every fiscal year in the framework data (``ita_xl/data/frameworks``: the
grades AA–F of the ITA 2564–2565 results, the ratings of ITA 2566 on) is run through ``check``
and ``generate`` on a real tracker, typed as a clerk types it (defined names and tables): for
each band a result that agrees gives no finding and documents that print it; a result that
breaks one of its conditions is an error at the grade cell (or a warning when only an
unofficial source gives the condition) and ``generate`` writes nothing.  The cases are made from
the data, so a year added to the data is covered; ``test_the_why_cases`` pins the issue's
examples by hand.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from support.cli import check_json, cli
from support.documents import docx_text, squash
from support.workbooks import example_data_in_year

from ita_xl import framework
from ita_xl.thai import to_thai_digits
from ita_xl.xlsm.tracker import tracker_bytes

RESULT_CODES = {"ITA409", "ITA410", "ITA411", "ITA412"}
YEARS = [y for y in framework.years() if framework.load(y).scale]


@dataclass
class Case:
    year: int
    label: str
    what: str
    overall: float | None
    tools: tuple[float | None, ...] | None  # None: an indicator year (the example's marks)
    expect: set[str] = field(default_factory=set)  # result codes check must report
    all_passed: bool = False  # every unit marked ไม่ใช่ (indicator years)

    @property
    def id(self) -> str:
        return f"{self.year}-{self.label}-{self.what}"


def _tools_for(band: framework.Band, fw: framework.Framework) -> tuple[float, ...]:
    """Tool scores that meet ``band``'s tool conditions (official and unofficial) and no more."""
    need = band.condition("tools_min", True)
    if need is not None:
        return (need + 1.0, need + 0.5, need + 2.0)
    low = band.condition("min", True) or 0
    # a band without a tool condition: one tool under the pass mark keeps it from the better ones
    return (max(low, 86.0), min(low + 5, fw.pass_mark - 5), max(low, 86.0))


def _overall_for(band: framework.Band, tools: tuple[float, ...]) -> float:
    low = band.condition("min", True) or 0
    return max(low + 1.0, min(tools)) if band.condition("tools_min", True) else low + 1.0


def cases() -> list[Case]:
    out: list[Case] = []
    for year in YEARS:
        fw = framework.load(year)
        tools_year = fw.unit == "เครื่องมือ"
        bands = fw.scale
        for i, band in enumerate(bands):
            passes = fw.passes(band)
            if tools_year:
                tools = _tools_for(band, fw)
                overall = _overall_for(band, tools)
            else:
                tools, overall = None, (band.min or 0) + 1.0
            out.append(Case(year, band.label, "agrees", overall, tools,
                            all_passed=not tools_year and bool(passes)))
            low = band.min
            if low:  # an overall score under the band's official minimum
                marked_passed = all(t >= fw.pass_mark for t in tools) if tools_year \
                    else bool(passes)
                out.append(Case(year, band.label, "score-below-band", low - 0.5, tools,
                                {"ITA409"} | ({"ITA410"} if marked_passed
                                              and low - 0.5 < fw.pass_mark else set()),
                                all_passed=not tools_year and bool(passes)))
            if tools_year and band.tools_min is not None:  # one tool under the band's mark
                weak = (tools[0], band.tools_min - 5, tools[2])
                out.append(Case(year, band.label, "tool-below", overall, weak, {"ITA411"}))
            if band.unofficial_min and band.unofficial_min > (band.min or 0):
                # only the unofficial minimum missed: a warning the clerk may acknowledge
                out.append(Case(year, band.label, "unofficial-minimum",
                                band.unofficial_min - 1, tools, {"ITA412"}))
            if tools_year and band.unofficial_tools_min and \
                    band.unofficial_tools_min > (band.tools_min or 0):
                weak = (tools[0], band.unofficial_tools_min - 2, tools[2])
                out.append(Case(year, band.label, "unofficial-tool", overall, weak, {"ITA412"}))
            above = next((b for b in bands[:i] if b.unofficial_min is not None
                          and b.min is None and b.unofficial_tools_min is None), None)
            if tools_year and above is not None:  # a better band only the unofficial rule gives
                out.append(Case(year, band.label, f"unofficially-{above.label}",
                                above.unofficial_min + 1, tools, {"ITA412"}))
            better = next((b for b in bands[:i] if b.min is not None
                           and b.unofficial_min is None and b.unofficial_tools_min is None), None)
            if better is not None:  # the score (and tools) make it a better band
                btools = _tools_for(better, fw) if tools_year else None
                bscore = better.min + 0.5
                marks_pass = tools_year and all(t >= fw.pass_mark for t in btools)
                out.append(Case(year, band.label, f"is-{better.label}", bscore, btools,
                                {"ITA409"} | ({"ITA410"} if passes is False and marks_pass
                                              else set())))
            if passes is False:  # every unit marked passed beside a grade below the pass
                out.append(Case(year, band.label, "all-marked-passed",
                                None if tools_year else (band.min or 0) + 1.0,
                                (None, None, None) if tools_year else None, {"ITA410"},
                                all_passed=True))
    return out


CASES = cases()


def tracker_data(case: Case) -> dict:
    fw = framework.load(case.year)
    if case.tools is not None:
        data = example_data_in_year(case.year, tool_scores=tuple(t or 0 for t in case.tools),
                                    overall=case.overall, rating=case.label)
        for row, score in zip(data["Indicators"], case.tools):
            if score is None:  # marked passed, no score typed
                row["score"], row["short"] = None, "ไม่ใช่"
        return data
    data = example_data_in_year(case.year)
    s = data["settings"]
    s["overall_score"], s["overall_grade"] = case.overall, case.label
    if case.all_passed:
        for row in data["Indicators"]:
            row["short"], row["level"] = "ไม่ใช่", None
        data["Levels"] = []
    assert fw.unit == "ตัวชี้วัด"
    return data


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_every_result_rule_of_every_year_through_check_and_generate(case, tmp_path):
    path = tmp_path / "tracker.xlsm"
    path.write_bytes(tracker_bytes(tracker_data(case)))
    code, findings = check_json(path)
    got = {f["code"] for f in findings}
    assert got & RESULT_CODES == case.expect, [(f["code"], f["message_en"]) for f in findings]
    if not case.expect:
        assert findings == [] and code == 0
    for f in findings:
        if f["code"] in RESULT_CODES:
            assert f["severity"] == ("warning" if f["code"] == "ITA412" else "error")
            assert f["fix_th"] and f["message_th"] and f["cell"]
    out = tmp_path / "out"
    result = cli("generate", str(path), "-o", str(out))
    errors = any(f["severity"] == "error" for f in findings)
    if errors:  # never a contradicting document with exit 0
        assert result.exit_code == 2 and not out.exists() or not list(out.iterdir())
        return
    assert result.exit_code == 0, result.output
    memo = docx_text(next(out.glob("*_memo.docx")))
    assert squash(f"ระดับ {case.label}") in squash(memo)
    if case.overall is not None:
        shown = f"{case.overall:g}"
        assert squash(f"คะแนนรวม {to_thai_digits(shown)}") in squash(memo)


def test_every_year_and_band_of_the_data_has_cases():
    covered = {(c.year, c.label) for c in CASES}
    assert covered == {(y, b.label) for y in YEARS for b in framework.load(y).scale}
    assert set(YEARS) >= {2565, 2566, 2567, 2568, 2569}
    # 2570 (ITA 2569): the data knows no rule; the clerk's grade is not judged by a guess
    assert not framework.load(2570).scale
    assert {c.what for c in CASES} >= {"agrees", "score-below-band", "tool-below",
                                       "unofficial-minimum", "unofficial-tool",
                                       "all-marked-passed"}
