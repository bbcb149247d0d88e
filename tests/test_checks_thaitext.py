"""``ita_xl.checks.thaitext``: broken words, positions of compacted text, typos in fixed phrases."""
from __future__ import annotations

import pytest

from ita_xl.checks.thaitext import broken_words, compact, typos



@pytest.mark.parametrize("text, expected", [
    ("สาธาร ณะ", ["สาธาร ณะ"]),
    ("ผู้บริหารประ กาศเจตจำนง", ["ประ กาศ"]),
    ("รับ ผิดชอบงาน", ["รับ ผิดชอบ"]),
    ("กฎหมาย กฎ ระเบียบ ข้อบังคับ", []),  # a Thai list: whole words around each space
    ("นายอรชุน ชินหงส์", []),
    ("พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. ๒๕๔๐", []),
    ("ตามแนวทางที่สำนักงาน ป.ป.ช. กำหนด", []),
    ("ความซื่อสัตย์สุจริต โปร่งใส และเป็นไปตามหลักธรรมาภิบาล", []),
])
def test_broken_words(text, expected):
    assert [b.typed for b in broken_words(compact(text))] == expected


def test_compact_keeps_positions_and_ignores_line_breaks():
    c = compact("มาตรการ เผยแพร่\nข้อมูล")
    assert c.compact == "มาตรการเผยแพร่ข้อมูล"
    assert c.gaps == {7}  # the line break is deliberate, not a gap
    assert c.original[c.position(7)] == "เ"


def test_typos_in_fixed_phrases():
    assert typos("ในส่วนของผู้ชี้วัดที่ไม่เกณฑ์การประเมิน") == [
        ("ผู้ชี้วัด", "ตัวชี้วัด"), ("ไม่เกณฑ์", "ไม่ผ่านเกณฑ์")]
    assert typos("ผ่านหรือไม่ผ่านเกณฑ์") == []
