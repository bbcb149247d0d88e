"""Where a line may end in Thai text, and where it must not: one home for both typesetting
(``typeset``, which measures lines in the .docx) and the PDF copy (``pdfcopy``, which keeps words
together for LibreOffice), so the two agree.

* :func:`thai_word_ends`: where Thai words end — maximal matching over pythainlp's word list (as
  pythainlp's newmm does), read through :mod:`ita_xl.thaiwords` (cached per user), so a
  run does not import pythainlp itself;
* :func:`joins`: the places the rules of ``data/linebreaks.toml`` keep together — a WORD JOINER
  at the seams of listed words, a no-break space after "พ.ศ." before its year and after a
  person's title before the name.
"""
from __future__ import annotations

import functools
import re
import tomllib

__all__ = ["WORD_JOINER", "NO_BREAK_SPACE", "line_break_rules", "joins", "apply_joins",
           "thai_word_ends"]

WORD_JOINER = "\u2060"
NO_BREAK_SPACE = "\u00a0"
_THAI_LETTER = "\u0e01-\u0e2e"


# --- the rules ---------------------------------------------------------------------------------
class _Rules:
    """The line-break rules of ``linebreaks.toml``, compiled."""

    def __init__(self, data: dict):
        self.words = {w.replace("|", ""): w for w in data["words"]}
        self.titles = sorted(data["titles"], key=len, reverse=True)
        self.eras = data["eras"]
        self.keep_together = sorted(data.get("keep_together", []), key=len, reverse=True)
        alternatives = sorted(self.words, key=len, reverse=True)
        self.word_re = re.compile("|".join(map(re.escape, alternatives)))
        # A title at a word start ("(นาย", start of text, after a space) before a Thai letter,
        # with at most one space between.
        self.title_re = re.compile(
            r"(?:(?<=^)|(?<=[\s(]))(" + "|".join(map(re.escape, self.titles)) + r")( ?)(?=["
            + _THAI_LETTER + "])")
        self.era_re = re.compile(r"(" + "|".join(map(re.escape, self.eras)) + r")(\s?)(?=[0-9๐-๙])")


@functools.lru_cache(maxsize=1)
def line_break_rules() -> _Rules:
    from . import resources

    with open(resources.package_data("linebreaks.toml"), "rb") as handle:
        return _Rules(tomllib.load(handle))


def _title_is_a_word(text: str, start: int, title: str) -> bool:
    """False where the "title" is the start of a longer word: นาย in นายกเทศมนตรี, นาง in นางรอง
    (the title must end where a word of pythainlp's word list ends)."""
    if title.endswith("."):
        return True  # an abbreviation ("จ.อ.", "ดร.") ends at its dot
    return len(title) in thai_word_ends(text[start:start + len(title) + 12])


def joins(text: str) -> dict[int, str]:
    """Edits that keep the words of ``text`` together: {offset: joiner inserted before it, or
    NO_BREAK_SPACE replacing the space at offset (a key of the form -offset-1)}."""
    rules = line_break_rules()
    edits: dict[int, str] = {}
    for m in rules.word_re.finditer(text):
        at = m.start()
        for part in rules.words[m.group()].split("|")[:-1]:
            at += len(part)
            edits[at] = WORD_JOINER
    for m in rules.era_re.finditer(text):
        _join_after(edits, m)
    for m in rules.title_re.finditer(text):
        if _title_is_a_word(text, m.start(1), m.group(1).replace(" ", "")):
            _join_after(edits, m)
    return edits


def _join_after(edits: dict[int, str], m: re.Match) -> None:
    if m.group(2):  # one space: make it a no-break space
        edits[-m.start(2) - 1] = NO_BREAK_SPACE
    else:
        edits[m.end(1)] = WORD_JOINER


def apply_joins(text: str) -> str:
    """``text`` with the edits of :func:`joins` made (for tests and single strings)."""
    return _apply(text, joins(text), 0, len(text))


def _apply(text: str, edits: dict[int, str], start: int, end: int) -> str:
    """The slice ``start:end`` of ``text`` with ``edits`` (offsets into the whole text)."""
    out = []
    for i in range(start, end):
        if i in edits and i != start:
            out.append(edits[i])
        out.append(edits.get(-i - 1, text[i]))
    return "".join(out)



# --- word ends -----------------------------------------------------------------------------------
#: Longest word looked up in the word list, letters.
_LONGEST_WORD = 24
# A Thai word never starts with a mark or a following vowel, nor ends with a leading vowel.
_NO_WORD_START = set("\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
                     "\u0e45\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
_NO_WORD_END = set("\u0e40\u0e41\u0e42\u0e43\u0e44")
_THAI_RUN = re.compile(r"[\u0e01-\u0e4e]+")


def thai_word_ends(text: str) -> set[int]:
    """Offsets in ``text`` where a Thai word ends: the fewest unknown letters, then the fewest
    words, over pythainlp's word list (maximal matching, as pythainlp's newmm does).  The list
    is read through :mod:`ita_xl.thaiwords` (cached per user), so typesetting does not import
    pythainlp itself."""
    from .thaiwords import HEAD, thai_words

    from_here = thai_words().from_here
    ends: set[int] = set()
    for m in _THAI_RUN.finditer(text):
        run, base = m.group(), m.start()
        n = len(run)
        ok = [i == 0 or i == n or (run[i] not in _NO_WORD_START and run[i - 1] not in _NO_WORD_END)
              for i in range(n + 1)]
        # (unknown letters, words) compared as one number: unknown * scale + words
        scale = n + 2
        inf = scale * scale * 2
        best = [inf] * (n + 1)
        back = [0] * (n + 1)
        best[0] = 0
        for i in range(n):
            here_cost = best[i]
            if here_cost == inf or not ok[i]:
                continue
            word_cost = here_cost + 1
            # the words that can start here, and how far the longest of them can reach
            here, longest = from_here(run[i:i + HEAD])
            for j in range(i + 1, min(n, i + _LONGEST_WORD, i + longest) + 1):
                if word_cost < best[j] and ok[j] and run[i:j] in here:
                    best[j], back[j] = word_cost, i
            j = i + 1  # an unknown letter (and its marks)
            while j < n and not ok[j]:
                j += 1
            unknown_cost = here_cost + (j - i) * scale + 1
            if unknown_cost < best[j]:
                best[j], back[j] = unknown_cost, i
        j = n
        while j > 0:
            ends.add(base + j)
            j = back[j]
    return ends
