"""``ita_xl.linebreaks``: where Thai words end, and what the PDF copy keeps together."""
from __future__ import annotations

import tomllib

import pytest
from pythainlp.tokenize import word_tokenize

from ita_xl import linebreaks, resources

RULES = tomllib.loads(resources.package_data("linebreaks.toml").read_text(encoding="utf-8"))
SENTENCES = [
    "ตามที่ได้จัดทำรายงานการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
    "มาตรการสร้างความเข้าใจและตระหนักในการสร้างความโปร่งใสของหน่วยงานภาครัฐ",
    "ประกาศเจตจำนงการบริหารงานด้วยความซื่อสัตย์สุจริตอย่างมีคุณธรรมและโปร่งใส",
    "นายกเทศมนตรีตำบลเมืองหงส์ได้ดำเนินการตามแผนการดำเนินงานเสร็จเรียบร้อยแล้ว",
]


def _ends(words: list[str]) -> set[int]:
    at, ends = 0, set()
    for word in words:
        at += len(word)
        ends.add(at)
    return ends


@pytest.mark.parametrize("text", SENTENCES)
def test_word_ends_agree_with_pythainlp(text):
    """Maximal matching over pythainlp's own word list (without importing pythainlp at run
    time) ends words where pythainlp's newmm does, nearly everywhere."""
    ours = linebreaks.thai_word_ends(text)
    theirs = _ends(word_tokenize(text, keep_whitespace=True))
    assert len(ours & theirs) >= 0.85 * len(theirs), (sorted(ours), sorted(theirs))
    assert len(text) in ours


def test_joins_in_the_copy_only_between_word_parts():
    joined = linebreaks.apply_joins("ตามที่ได้จัดทำรายงานของหน่วยงานภาครัฐ ปีงบประมาณ พ.ศ. ๒๕๖๕ "
                                    "(นายสมชาย ใจดี) นายกเทศมนตรี ว่าที่ร้อยตรี สันติ")
    assert "หน่วย\u2060งาน" in joined and "ภาค\u2060รัฐ" in joined
    assert "ปี\u2060งบ\u2060ประมาณ" in joined and "พ.ศ.\u00a0๒๕๖๕" in joined
    assert "(นาย\u2060สมชาย" in joined and "ว่าที่ร้อยตรี\u00a0สันติ" in joined
    assert "นาย\u2060กเทศมนตรี" not in joined  # นายก is not the title นาย
    assert joined.replace("\u2060", "").replace("\u00a0", " ") == (
        "ตามที่ได้จัดทำรายงานของหน่วยงานภาครัฐ ปีงบประมาณ พ.ศ. ๒๕๖๕ "
        "(นายสมชาย ใจดี) นายกเทศมนตรี ว่าที่ร้อยตรี สันติ")


def test_every_listed_word_is_its_parts():
    for entry in RULES["words"]:
        parts = entry.split("|")
        assert len(parts) >= 2 and all(parts), entry
