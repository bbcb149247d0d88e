"""Issue 9 part 4: one meaning per cell.

Every accepted (and a few refused) spelling of each value that decides something — yes/no, the
round, the digits setting, the fiscal year, a level, a score — is planted into a copy of the
corrected example and run through ``ita-xl check`` and ``ita-xl generate``.  The expected
meaning is written in the table here, not taken from the code: check must accept exactly the
spellings generate then prints with that meaning, and refuse (an error at the cell) exactly
those generate refuses too.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from support.cli import check_json
from support.cli import cli as run_cli
from support.documents import docx_text, squash
from support.wbedit import set_cell, set_name, table_cell
from support.workbooks import corrected_example_data, save_copy, write_data

from ita_xl import meaning, resources


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("clean") / "clean.xlsm"
    return save_copy(resources.example_workbook(), target,
                     lambda wb: write_data(wb, corrected_example_data()))


@dataclass
class Docs:
    names: list[str]
    memo: str
    report: str


@dataclass
class Spelling:
    what: str
    value: Any
    plant: Callable[[Any, Any], Any]  # (wb, value) -> the planted cell
    error: str | None  # the code check reports at the cell, or None when accepted
    documents: Callable[[Docs], bool] | None = None  # what generate must then print
    error_at: Callable[[Any], Any] | None = None  # (wb) -> the error's cell, if not the planted


def short_flag(wb, value):
    # Indicator 1 (การปฏิบัติหน้าที่) passed in the example; give it a level so "yes" is whole.
    set_cell(wb, "Indicators", "ระดับที่ต้องพัฒนา", 0, 1)
    return set_cell(wb, "Indicators", "ไม่ผ่านเกณฑ์", 0, value)


def counted(n: str, first_named: bool) -> Callable[[Docs], bool]:
    def ok(d: Docs) -> bool:
        named = "ตัวชี้วัดการปฏิบัติหน้าที่" in squash(d.report)
        return f"จำนวน{n}ตัวชี้วัดจากทั้งหมด๑๐" in squash(d.memo) and named == first_named
    return ok


YES, NO = counted("๕", True), counted("๔", False)


def round_label(wb, value):
    return set_name(wb, "ita_round", value)


def named(slug: str) -> Callable[[Docs], bool]:
    return lambda d: d.names == [f"ITA2565_{slug}_memo.docx", f"ITA2565_{slug}_report.docx"]


def digits_setting(wb, value):
    return set_name(wb, "ita_digits", value)


def thai(d: Docs) -> bool:
    return "วันที่ ๑ มีนาคม ๒๕๖๕" in d.memo


def arabic(d: Docs) -> bool:
    return "วันที่ 1 มีนาคม 2565" in d.memo


def fiscal_year(wb, value):
    return set_name(wb, "ita_fiscal_year", value)


def fy2565(d: Docs) -> bool:
    return named("6m")(d) and "ประจำปีงบประมาณพ.ศ.๒๕๖๔" in squash(d.memo)


def level(wb, value):
    # Indicator 2 (การใช้งบประมาณ) is short at level 1 in the example.
    return set_cell(wb, "Indicators", "ระดับที่ต้องพัฒนา", 1, value)


def in_level_1(d: Docs) -> bool:
    text = squash(d.report)
    start = text.index("๑.ระดับ")
    end = text.index("๒.ระดับ")
    return "ตัวชี้วัดการใช้งบประมาณ" in text[start:end]


def score(wb, value):
    # Indicator 1 is marked ไม่ใช่ (passed): a score below the pass mark 85 contradicts it.
    return set_cell(wb, "Indicators", "คะแนน", 0, value)


SPELLINGS = [
    *(Spelling("yes", v, short_flag, None, YES)
      for v in ["ใช่", " ใช่ ", "yes", "YES", "Yes", "y", "Y", "true", "TRUE", "True", True]),
    *(Spelling("no", v, short_flag, None, NO)
      for v in ["ไม่ใช่", "no", "NO", "n", "N", "false", "FALSE", False]),
    *(Spelling("yes/no refused", v, short_flag, "ITA105")
      for v in ["ผ่าน", "ไม่ผ่าน", "x", "1", "ใช", "yes!"]),
    *(Spelling("6-month round", v, round_label, None, named("6m"))
      for v in ["รอบ ๖ เดือน", "รอบ 6 เดือน", "6 เดือน", "6", 6]),
    *(Spelling("12-month round", v, round_label, None, named("12m"))
      for v in ["รอบ ๑๒ เดือน", "รอบ 12 เดือน", "๑๒", 12]),
    *(Spelling("round refused", v, round_label, "ITA105")
      for v in ["รอบ 16 เดือน", "รอบ 6/12 เดือน", "รอบปี", "3"]),
    *(Spelling("Thai digits", v, digits_setting, None, thai)
      for v in ["เลขไทย", " เลขไทย", "ไทย", "Thai"]),
    *(Spelling("Arabic digits", v, digits_setting, None, arabic)
      for v in ["เลขอารบิก", "เลขอารบิก ", "อารบิก", "arabic", "Arabic"]),
    *(Spelling("digits refused", v, digits_setting, "ITA105")
      for v in ["เลขโรมัน", "เลขไทยและอารบิก"]),
    *(Spelling("fiscal year", v, fiscal_year, None, fy2565)
      for v in [2565, 2565.0, "2565", "๒๕๖๕", " 2565 "]),
    Spelling("fiscal year refused", 2022, fiscal_year, "ITA106"),
    Spelling("fiscal year refused", "พ.ศ. 2565", fiscal_year, "ITA103"),
    *(Spelling("level 1", v, level, None, in_level_1) for v in [1, 1.0, "1", "๑", " 1 "]),
    Spelling("level refused", "ระดับ 1", level, "ITA103"),
    Spelling("level refused", 3, level, "ITA403"),
    *(Spelling("score", v, score, None, NO) for v in [90, 90.5, "90", "๙๐", "90.5", 85]),
    Spelling("score refused", 80, score, "ITA401",  # reported at the flag it contradicts
             error_at=lambda wb: table_cell(wb, "Indicators", "ไม่ผ่านเกณฑ์", 0)),
    Spelling("score refused", "เก้าสิบ", score, "ITA103"),
    Spelling("score refused", 101, score, "ITA104"),
]


def _id(s: Spelling) -> str:
    return f"{s.what}={s.value!r}"


@pytest.mark.parametrize("spelling", SPELLINGS, ids=_id)
def test_check_and_generate_agree_on_every_spelling(spelling, clean, tmp_path):
    cells = []

    def edit(wb):
        cells.append(spelling.plant(wb, spelling.value))
        if spelling.error_at is not None:
            cells[0] = spelling.error_at(wb)

    path = save_copy(clean, tmp_path / "planted.xlsm", edit)
    cell = cells[0]
    code, findings = check_json(path)
    errors = [(f["code"], f["sheet"], f["cell"]) for f in findings if f["severity"] == "error"]
    out = tmp_path / "out"
    result = run_cli("generate", str(path), "-o", str(out))
    if spelling.error is None:
        assert errors == [] and code == 0
        assert result.exit_code == 0, result.output
        names = sorted(p.name for p in out.iterdir())
        docs = Docs(names, docx_text(out / names[0]), docx_text(out / names[1]))
        assert spelling.documents(docs)
    else:
        assert errors == [(spelling.error, cell.parent.title, cell.coordinate)]
        assert result.exit_code == 2 and not out.exists()


@pytest.mark.parametrize("value, expected", [
    ("ใช่", True), ("TRUE", True), (True, True), ("ไม่ใช่", False), (False, False),
    ("false", False), ("ผ่าน", None), (None, None), (1, None),
])
def test_the_model_and_the_checks_read_yes_no_through_the_same_function(value, expected):
    from ita_xl.checks.rules import _util
    from ita_xl.model import Indicator

    assert meaning.yes_no(value) is expected
    assert _util.yes_no(value) is expected
    assert Indicator(short=value).fell_short is (expected is True)


def test_a_date_reading_is_the_same_in_check_and_generate(clean, tmp_path):
    # Dates have one reading too: a text date check accepts (ITA110) is the date generate prints.
    path = save_copy(clean, tmp_path / "planted.xlsm",
                     lambda wb: set_name(wb, "ita_memo_date", "2/3/65"))
    code, findings = check_json(path)
    assert code == 0 and [f["code"] for f in findings] == ["ITA110"]
    assert "2 มีนาคม 2565" in findings[0]["message_th"]
    out = tmp_path / "out"
    assert run_cli("generate", str(path), "-o", str(out)).exit_code == 0
    assert "วันที่ ๒ มีนาคม ๒๕๖๕" in docx_text(out / "ITA2565_6m_memo.docx")


def test_a_true_or_false_is_no_score_anywhere():
    """Excel's TRUE in a score cell is no score: not 1 in the analysis, not a pass."""
    from ita_xl.context import passed_word, score_text

    assert meaning.score(True) is None and meaning.score(False) is None
    assert meaning.score(72) == 72.0 and meaning.score("72") is None
    assert score_text(True, None, True) == ""
    assert passed_word(None, True, 80) == "" and passed_word(None, 79.5, 80) != ""


@pytest.mark.parametrize("value, months", [(6, 6), (12.0, 12), (7, None), (0, None), (True, None),
                                           ("รอบ ๖ เดือน", 6), ("6/12", None)])
def test_a_round_is_six_or_twelve_months_or_nothing(value, months):
    assert meaning.round_months(value) == months
