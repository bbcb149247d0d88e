"""6xx: text that prints badly: control characters, double spaces, broken words, typos."""
from __future__ import annotations

import re
import unicodedata

from ...cleaning import Cleaned
from ...cleaning import control_characters as removed_characters
from ...model import Tracker
from ...thaiwords import thai_words
from ..codes import BROKEN, CONTROL, DOUBLE_SPACE, REPEATED, TOO_LONG, TYPO
from ..engine import Cell, CheckContext, Finding, rule, sort_findings
from ..thaitext import (FIXED_PHRASES, Phrase, broken_phrases_many, broken_words, compact,
                        is_thai_letter, merge_phrases, phrase, typos)
from ._util import at, key

MAX_TABLE_CELL = 2000  # characters; Excel's own limit is 32,767
_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \u00a0\u3000]{2,}(?=\S)")

# Cells never checked for broken words: a space inside a personal name is normal.
NO_WORD_CHECK = {("settings", "writer_name"), ("settings", "preparer_name"),
                 ("Chain", "name"), ("Chain", "rank"), ("settings", "memo_ref")}


@rule(needs=(), codes=(CONTROL.code,))
def control_characters(ctx: CheckContext) -> None:
    for c in ctx.cells():
        if not isinstance(c.value, str):
            continue
        chars = removed_characters(c.value)
        if chars:
            ctx.add(CONTROL.code, c.loc, *_control_message(c.label, chars, done=False))


def _control_message(label: str, chars: str, *, done: bool) -> tuple[str, str, str, str]:
    """ITA601's words: before rendering ("will be removed") or after it ("were removed")."""
    return (f"ช่อง “{label}” มีอักขระควบคุมที่มองไม่เห็น ({chars}) "
            + ("ซึ่งถูกลบออกจากเอกสาร" if done else "ซึ่งจะถูกลบออกเมื่อสร้างเอกสาร"),
            f"“{label}” holds invisible control characters ({chars}); "
            + ("they were removed from the documents." if done else
               "they are removed from the documents."),
            "พิมพ์ข้อความใหม่หรือวางแบบข้อความล้วน (วางแบบพิเศษ › ข้อความ)",
            "Retype the text, or paste it as plain text (Paste Special › Text).")


def cleaned_findings(findings: list[Finding], cleaned: Cleaned, tracker: Tracker) -> list[Finding]:
    """``findings`` plus an ITA601 warning for every cell the text clean-up changed.

    The ITA601 rule already reports control characters in every cell it reads; this adds the
    ones only rendering saw (e.g. in a value formatted from a date cell), each cell once.
    """
    seen = {(f.code, f.sheet, f.cell) for f in findings}
    extra: list[Finding] = []
    for source, chars in cleaned.removed:
        loc = source.loc
        key = (CONTROL.code, loc.sheet if loc else None, loc.cell if loc else source.label)
        if key in seen:
            continue
        seen.add(key)
        label = loc.column if loc is not None and loc.column else source.label
        th, en, fix_th, fix_en = _control_message(label, chars, done=True)
        extra.append(Finding(
            code=CONTROL.code, name=CONTROL.name, severity=CONTROL.severity,
            sheet=loc.sheet if loc else None, cell=loc.cell if loc else None,
            table=loc.table if loc else None, column=loc.column if loc else None,
            message_th=th, message_en=en, fix_th=fix_th, fix_en=fix_en))
    if not extra:
        return findings
    return sort_findings(findings + extra, tracker)


@rule(needs=(), codes=(DOUBLE_SPACE.code, REPEATED.code, TYPO.code, TOO_LONG.code))
def spacing_and_typos(ctx: CheckContext) -> None:
    for c in ctx.text_cells():
        text = c.value
        if _DOUBLE_SPACE.search(text):
            ctx.add(DOUBLE_SPACE.code, c.loc,
                    f"ช่อง “{c.label}” มีการเว้นวรรคซ้อนกันหลายช่อง",
                    f"“{c.label}” has two or more spaces in a row.",
                    "เว้นวรรคเพียงหนึ่งช่อง", "Use a single space.")
        word = repeated_word(text)
        if word:
            ctx.add(REPEATED.code, c.loc,
                    f"ช่อง “{c.label}” มีคำ “{word}” ซ้ำติดกันสองครั้ง",
                    f"“{c.label}” repeats the word “{word}”.",
                    f"ลบ “{word}” ที่ซ้ำออกหนึ่งคำ", f"Delete one “{word}”.")
        found = typos(text)
        if found:
            pairs_th = ", ".join(f"“{w}” → “{r}”" for w, r in found)
            ctx.add(TYPO.code, c.loc,
                    f"ช่อง “{c.label}” สะกดผิด: {pairs_th}",
                    f"“{c.label}” has a misspelt fixed phrase: {pairs_th}",
                    f"แก้เป็น {', '.join(f'“{r}”' for _, r in found)}",
                    f"Write {', '.join(f'“{r}”' for _, r in found)}.")
        if c.table is not None and len(text) > MAX_TABLE_CELL:
            ctx.add(TOO_LONG.code, c.loc,
                    f"ช่อง “{c.label}” ยาว {len(text):,} ตัวอักษร (เกิน {MAX_TABLE_CELL:,}) "
                    "ตารางในเอกสาร Word จะอ่านยาก",
                    f"“{c.label}” is {len(text):,} characters long (over {MAX_TABLE_CELL:,}); "
                    "the Word table becomes hard to read.",
                    "แบ่งเป็นหลายแถวของมาตรการเดียวกัน หรือย่อให้สั้นลง",
                    "Split it over several rows of the same measure, or shorten it.")


def repeated_word(text: str) -> str | None:
    """A word written twice around a space: "เช่น เช่น", "ที่ ที่", "the the".

    Thai runs words together, so the word before the space is the end of the previous run
    ("หลากหลายเช่น เช่น"): it counts when that run ends with the whole next run and the next run
    is a dictionary word of three letters or more, not counting vowel and tone marks (or the
    two runs are identical).
    """
    if " " not in text and "\u00a0" not in text:
        return None
    for line in text.replace("\u00a0", " ").splitlines():
        tokens = [t for t in line.split(" ") if t]
        for before, after in zip(tokens, tokens[1:]):
            if len(after) < 2 or not before.endswith(after):
                continue
            if not any(ch.isalpha() for ch in after):
                continue
            if before == after:
                return after
            if _letters(after) >= 3 and is_thai_letter(after[0]) and after in thai_words():
                return after
    return None


def _letters(word: str) -> int:
    """Letters that are not combining marks (Thai upper/lower vowels and tone marks)."""
    return sum(1 for ch in word if unicodedata.category(ch) != "Mn")


def known_phrases(ctx: CheckContext) -> dict[str, Phrase]:
    """Phrases the workbook defines, plus the fixed ITA wording."""
    def make():
        items = [phrase(p, "") for p in FIXED_PHRASES]
        for rec in ctx.records("Plan"):
            items.append(_phrase(rec.measure, rec.locs.get("measure")))
            if isinstance(rec.monitoring, str):
                for line in rec.monitoring.splitlines():
                    items.append(_phrase(line.strip(" -•*"), rec.locs.get("monitoring")))
        for ind in ctx.records("Indicators"):
            items.append(_phrase(ind.name, ind.locs.get("name")))
        for rec in ctx.records("Chain"):
            items.append(_phrase(rec.position, rec.locs.get("position")))
        if ctx.has("settings"):
            s = ctx.settings
            for field in ("agency", "office", "district", "province", "addressee",
                          "writer_position", "preparer_position"):
                items.append(_phrase(getattr(s, field), s.loc(field)))
        return merge_phrases(items)
    return ctx.memo("known_phrases", make)


def _phrase(value, loc) -> Phrase | None:
    return phrase(value, at(loc)) if isinstance(value, str) else None


@rule(needs=(), codes=(BROKEN.code,))
def broken(ctx: CheckContext) -> None:
    plan_measures = {key(rec.measure) for rec in ctx.records("Plan")}
    cells, texts = [], []
    for c in ctx.text_cells():
        if (c.table or "settings", c.field) in NO_WORD_CHECK:
            continue
        if c.table == "Results" and c.field == "measure" and key(c.value) in plan_measures:
            continue  # ITA203 says the measure differs from the plan only in spacing
        text = compact(c.value)
        if text.gaps:
            cells.append(c)
            texts.append(text)
    if not cells:
        return
    by_phrase = broken_phrases_many(texts, known_phrases(ctx))
    for c, text, phrase_hits in zip(cells, texts, by_phrase):
        hits = phrase_hits + broken_words(text)
        hits.sort(key=lambda b: (b.start, -len(b.typed)))
        shown, end, listed = [], -1, set()
        for b in hits:
            if b.start >= end:
                end = b.start + len(b.typed)
                if b.typed not in listed:
                    listed.add(b.typed)
                    shown.append(b)
        if shown:
            _report(ctx, c, shown)


def _report(ctx: CheckContext, c: Cell, shown) -> None:
    listed = "; ".join(f"“{b.typed}” → “{b.joined}”" for b in shown[:3])
    more = f" และอีก {len(shown) - 3} แห่ง" if len(shown) > 3 else ""
    more_en = f" and {len(shown) - 3} more" if len(shown) > 3 else ""
    ctx.add(BROKEN.code, c.loc,
            f"ช่อง “{c.label}” มีคำที่ถูกแยกด้วยช่องว่าง (มักเกิดจากการคัดลอกจาก PDF): {listed}{more}",
            f"“{c.label}” has words broken by stray spaces (typical of text copied from a PDF): "
            f"{listed}{more_en}",
            "ลบช่องว่างที่แยกคำออก", "Delete the spaces inside the words.")
