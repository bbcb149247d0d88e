"""``ita_xl.cleaning``: the clean-up of the clerk's text before it is printed, with the cell of
each change (the checks' ITA601 and the documents share it)."""
from __future__ import annotations

from ita_xl.cleaning import Cleaned, Source, clean_text, control_characters
from ita_xl.model import Loc


def test_line_breaks_are_kept_and_controls_dropped_with_their_cell():
    log = Cleaned()
    where = Source(Loc("มาตรการ", "C4"), "Plan[1].steps")
    text = clean_text("๑. รวบรวม\r\n๒. เผยแพร่\x0b๓. รายงาน\x07\x1f", where=where, log=log)
    assert text == "๑. รวบรวม\n๒. เผยแพร่\n๓. รายงาน"
    assert log.removed == [(where, "\\x07\\x1f")]
    assert clean_text("ข้อความปกติ", where=where, log=log) == "ข้อความปกติ"
    assert len(log.removed) == 1  # nothing removed: nothing logged
    assert clean_text(None) == "" and clean_text(2565) == "2565"


def test_control_characters_names_what_would_go():
    assert control_characters("ก\x00ข\x7f\x9fค") == "\\x00\\x7f\\x9f"
    assert control_characters("ก\tข\nค") == ""  # tab and line break are text


def test_cells_printed_as_typed_are_listed_once_in_order():
    log = Cleaned()
    a, b = Source(Loc("ตั้งค่า", "B9"), "memo_date"), Source(None, "Results[2].start")
    log.as_typed += [a, b, a]
    assert log.typed_cells() == ["ตั้งค่า!B9", "Results[2].start"]
    log.placeholders.append(b)
    assert log.placeholder_cells() == ["Results[2].start"]
