"""Thai text helpers for the checks: words broken by stray spaces, fixed-phrase typos.

Thai is written without spaces between words; a space separates phrases.  Text copied from a PDF
gets spaces wherever the PDF broke a line ("มาตรการ เผยแพร่ข้อมูล ต่อสาธารณะ").  Two signals,
both tuned to say little rather than too much:

1. **A known phrase with a space in it.**  Phrases the workbook itself defines (each measure of
   the plan, the lines of the monitoring column, indicator names, the agency, office, district,
   province and the positions of the chain) plus a short list of fixed ITA wording.  When one of
   them occurs in a cell with a space (between two Thai letters) that its own spelling does not
   have, the space broke it.
2. **A space inside one dictionary word.**  For a space between two Thai letters, the text around
   it is segmented without the space (fewest unknown letters, then fewest dictionary words, from
   pythainlp's word list); if one word then spans the space, both pieces have two letters or
   more and one of them is not a word by itself ("สาธาร ณะ", "ประ กาศ"), the space split a word.  Two whole words around a space ("กฎ ระเบียบ") are never
   reported: that is how Thai lists are written.

The word list is pythainlp's, read through :mod:`ita_xl.thaiwords` (cached per user, looked up
group by group), so ``check`` does not import pythainlp (its import and tokenizer set-up cost more
than the whole check).
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass

from ..thai import normalise_compact, to_arabic_digits
from ..thaiwords import WordList, thai_words

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_GAP = re.compile("[ \t\u00a0\u3000]+")  # spaces only: line breaks in a cell are deliberate
MAX_PIECE = 10  # longest piece of a broken word looked at on each side of a space
WINDOW = 12  # letters on each side segmented to confirm a candidate
MIN_PIECE = 2  # a lone letter next to a space is a label ("มาตรการ ก"), not half a word

# Fixed ITA wording in which a space is never right (compared without spaces).
FIXED_PHRASES = (
    "รายงานผลการดำเนินงานตามมาตรการ", "รายงานผลการดำเนินการตามมาตรการ",
    "เว็บไซต์หลักของหน่วยงาน", "ประจำปีงบประมาณ", "การประเมินคุณธรรม",
    "มาตรการ", "ตัวชี้วัด", "ดำเนินงาน", "ดำเนินการ", "หน่วยงาน", "สาธารณะ", "สาธารณชน",
    "เว็บไซต์", "เจตจำนง", "ผู้บังคับบัญชา", "ผู้บริหาร", "ผู้รับผิดชอบ", "ผู้ปฏิบัติงาน",
    "ดุลพินิจ", "งบประมาณ", "คุณธรรม", "โปร่งใส", "ธรรมาภิบาล", "ประสิทธิภาพ",
    "ข้อมูล", "ประชาชน", "ตรวจสอบ",
)

# A space before an agency's name is usual, not a broken phrase: "สำนักปลัด องค์การบริหารส่วน
# ตำบลบ้านใหม่" is an office and its agency, two names.
NAME_STARTS = ("องค์การบริหารส่วน", "เทศบาล", "เมืองพัทยา", "กรุงเทพมหานคร", "จังหวัด", "อำเภอ")

# Typos seen in real ITA documents: (as typed, as it should be).  Matched on the text as typed
# (not without spaces: "ผ่านหรือไม่ เกณฑ์…" must not look like "ไม่เกณฑ์").
TYPOS = (
    ("ผู้ชี้วัด", "ตัวชี้วัด"),
    ("ตัวชีวัด", "ตัวชี้วัด"),
    ("ไม่เกณฑ์", "ไม่ผ่านเกณฑ์"),
    ("เว็ปไซต์", "เว็บไซต์"),
    ("เว็ปไซด์", "เว็บไซต์"),
    ("เว็บไซด์", "เว็บไซต์"),
    ("เวปไซต์", "เว็บไซต์"),
    ("เวปไซด์", "เว็บไซต์"),
    ("โปร่งไส", "โปร่งใส"),
    ("โปรงใส", "โปร่งใส"),
    ("ธรรมาธิบาล", "ธรรมาภิบาล"),
    ("ประสิทธิ์ภาพ", "ประสิทธิภาพ"),
    ("งบประมาน", "งบประมาณ"),
    ("อนุญาติ", "อนุญาต"),
    ("สังเกตุ", "สังเกต"),
    ("กำกับติตาม", "กำกับติดตาม"),
    ("ผลสัมฤทธ์", "ผลสัมฤทธิ์"),
)


def is_thai_letter(ch: str) -> bool:
    """A Thai consonant, vowel or tone mark (not a digit, ฯ, ๆ or ฿)."""
    return "\u0e01" <= ch <= "\u0e4e" and ch not in "\u0e2f\u0e46\u0e3f"


@dataclass(frozen=True)
class Compact:
    """``text`` without whitespace, remembering where the spaces were.

    ``gaps`` holds the compact indices ``i`` where spaces (not a line break) stood between
    ``compact[i-1]`` and ``compact[i]`` and both are Thai letters.  ``position(i)`` is
    ``compact[i]``'s index in ``original``.
    """

    original: str
    compact: str
    gaps: frozenset[int]
    runs: tuple[tuple[int, int], ...]  # (compact index, whitespace removed before it so far)

    def position(self, i: int) -> int:
        shift = 0
        for at, removed in self.runs:
            if at > i:
                break
            shift = removed
        return i + shift


_WS = re.compile(r"\s+")
_NEWLINES = re.compile("[\n\r\x0b\x0c\u2028\u2029]")


@functools.lru_cache(maxsize=4096)
def compact(text: str) -> Compact:
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    gaps: set[int] = set()
    runs: list[tuple[int, int]] = []
    removed = 0
    for m in _WS.finditer(text):
        start, end = m.span()
        at = start - removed  # compact index of the character after the run
        if (0 < start and end < len(text) and not _NEWLINES.search(m.group())
                and is_thai_letter(text[start - 1]) and is_thai_letter(text[end])):
            gaps.add(at)
        removed += end - start
        runs.append((at, removed))
    return Compact(text, to_arabic_digits(_WS.sub("", text)), frozenset(gaps), tuple(runs))


@dataclass(frozen=True)
class Phrase:
    """A known phrase: its spaceless form and the spaces its own spelling has."""

    key: str
    gaps: frozenset[int]
    source: str  # where it comes from, for the message (e.g. "มาตรการ!A4")


def phrase(text: str, source: str = "") -> Phrase | None:
    c = compact(text)
    if len(c.compact) < 6:
        return None
    return Phrase(c.compact, c.gaps, source)


def merge_phrases(phrases) -> dict[str, Phrase]:
    """One phrase per spelling: the way it is written with the fewest spaces wins."""
    out: dict[str, Phrase] = {}
    for p in phrases:
        if p is None:
            continue
        old = out.get(p.key)
        if old is None or len(p.gaps) < len(old.gaps):
            out[p.key] = p
    return out


@dataclass(frozen=True)
class Broken:
    """A space that breaks a phrase or a word: the text as typed and as it should be."""

    typed: str
    joined: str
    start: int  # position in the original text


def broken_phrases(c: Compact, phrases: dict[str, Phrase]) -> list[Broken]:
    """Known phrases that occur in ``c`` with a space their own spelling does not have."""
    return broken_phrases_many([c], phrases)[0]


def broken_phrases_many(texts: list[Compact], phrases: dict[str, Phrase]) -> list[list[Broken]]:
    """``broken_phrases`` for many texts at once: each phrase is searched once in all of them
    (joined with a separator), so the cost grows with texts + phrases, not their product."""
    out: list[list[Broken]] = [[] for _ in texts]
    with_gaps = [i for i, c in enumerate(texts) if c.gaps]
    if not with_gaps or not phrases:
        return out
    offsets: list[int] = []
    parts: list[str] = []
    pos = 0
    for i in with_gaps:
        offsets.append(pos)
        parts.append(texts[i].compact)
        pos += len(texts[i].compact) + 1
    corpus = "\x00".join(parts)
    for key, p in phrases.items():
        at = corpus.find(key)
        while at >= 0:
            k = bisect.bisect_right(offsets, at) - 1
            c = texts[with_gaps[k]]
            start = at - offsets[k]
            end = start + len(key)
            if any(start < g < end and (g - start) not in p.gaps
                   and not c.compact.startswith(NAME_STARTS, g) for g in c.gaps):
                out[with_gaps[k]].append(_broken(c, start, end))
            at = corpus.find(key, at + 1)
    return [_outermost(items) for items in out]


_THAI_RUN = re.compile("[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e]+")


def broken_words(c: Compact) -> list[Broken]:
    """Spaces that split one dictionary word into pieces that are not both words."""
    if not c.gaps or not thai_words():
        return []
    out = []
    text = c.compact
    runs = [m.span() for m in _THAI_RUN.finditer(text)]
    starts = [r[0] for r in runs]
    for g in sorted(c.gaps):
        run_start, run_end = runs[bisect.bisect_right(starts, g - 1) - 1]  # holds g-1 and g
        left_start, right_end = max(run_start, g - WINDOW), min(run_end, g + WINDOW)
        left, right = text[left_start:g], text[g:right_end]
        # An abbreviation next to the space (พ.ศ., ป.ป.ช.) is not a word to join.
        if (right_end == run_end and text[right_end:right_end + 1] == "." and len(right) <= 3) or \
                (left_start == run_start and text[left_start - 1:left_start] == "."
                 and len(left) <= 3):
            continue
        span = _split_word(left, right)
        if span is None:
            continue
        a, b = span
        out.append(_broken(c, g - a, g + b))
    return _outermost(out)


@functools.lru_cache(maxsize=8192)
def _split_word(left: str, right: str) -> tuple[int, int] | None:
    words = thai_words()
    if not _word_across(left[-MAX_PIECE:], right[:MAX_PIECE], words):
        return None
    return _spanning_token(left, right, words)


def _word_across(left: str, right: str, words: WordList) -> bool:
    """Is there a word = (end of left) + (start of right) whose pieces are not both words?"""
    here, _ = words.from_here(right)
    heads = [(right[:m], right[:m] in here) for m in range(MIN_PIECE, len(right) + 1)]
    for k in range(MIN_PIECE, len(left) + 1):
        a = left[-k:]
        # every a + b is a beginning of a + right: one set answers them all
        here, longest = words.from_here(a + right)
        a_word = a in here
        for b, b_word in heads:
            if len(a) + len(b) > longest:
                break
            if (a + b) in here and not (a_word and b_word):
                return True
    return False


def _spanning_token(left: str, right: str, words: WordList) -> tuple[int, int] | None:
    """Segment left+right (fewest unknown letters, then fewest words); if a token spans the
    join and its pieces are not both words, return (letters before, letters after) the join."""
    text = left + right
    join = len(left)
    n = len(text)
    inf = (10**6, 10**6)
    best: list[tuple[int, int]] = [inf] * (n + 1)
    back = [0] * (n + 1)
    best[0] = (0, 0)
    longest = 2 * WINDOW
    starts = [words.from_here(text[j:])[0] for j in range(n)]  # the words that start at j
    for i in range(1, n + 1):
        # an unknown letter on its own
        u, w = best[i - 1]
        best[i], back[i] = (u + 1, w + 1), i - 1
        for j in range(max(0, i - longest), i - 1 + 1):
            if best[j] == inf or text[j:i] not in starts[j]:
                continue
            cand = (best[j][0], best[j][1] + 1)
            if cand < best[i]:
                best[i], back[i] = cand, j
    i = n
    while i > 0:
        j = back[i]
        if j < join < i:
            token = text[j:i]
            a, b = token[:join - j], token[join - j:]
            if token in words and min(len(a), len(b)) >= MIN_PIECE and \
                    not (a in words and b in words):
                return join - j, i - join
            return None
        i = j
    return None


def _broken(c: Compact, start: int, end: int) -> Broken:
    first = c.position(start)
    last = c.position(end - 1) + 1
    return Broken(c.original[first:last], c.compact[start:end], first)


def _outermost(items: list[Broken]) -> list[Broken]:
    """Drop findings contained in a longer one; keep text order."""
    items.sort(key=lambda b: (b.start, -len(b.typed)))
    out: list[Broken] = []
    for b in items:
        if out and b.start < out[-1].start + len(out[-1].typed):
            continue
        out.append(b)
    return out


def typos(text: str) -> list[tuple[str, str]]:
    """Fixed-phrase typos in ``text``: (as typed, should be), each once."""
    # The typos hold no spaces, so only invisible characters and the normal form matter.
    if _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return [(wrong, right) for wrong, right in TYPOS if wrong in text]


def same_compact(a: str, b: str) -> bool:
    return normalise_compact(a) == normalise_compact(b)
