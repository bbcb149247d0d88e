"""``ita_xl.thaiwords``: the word list answers every lookup as one set of the whole list would,
whether it was made from the list file or read back from the cache, and ``from_here`` gives the
same answers for every piece of a text as the whole list."""
from __future__ import annotations

import random

import pytest

from ita_xl import cache
from ita_xl.thaiwords import HEAD, WordList, _words_file, thai_words


@pytest.fixture(scope="module")
def all_words() -> frozenset[str]:
    """The list file read plainly, as a set: what every lookup must agree with."""
    text = _words_file().read_text(encoding="utf-8-sig")
    return frozenset(w for w in (line.strip() for line in text.splitlines()) if w)


def _probes(words: frozenset[str]) -> list[str]:
    """Words, and strings that are not: their beginnings, endings and joins, a letter off."""
    rng = random.Random(22)
    sample = rng.sample(sorted(words), 3000)
    out = list(sample)
    for a, b in zip(sample, sample[1:]):
        out += [a[:-1], a[1:], a + b[:1], a[:2], a[:1], a + "ก", (a + b)[:HEAD + 2], ""]
    return out


def test_every_lookup_agrees_with_the_whole_list(all_words):
    words = thai_words()
    assert len(words) == len(all_words)
    assert set(words) == all_words
    for probe in _probes(all_words):
        assert (probe in words) == (probe in all_words), probe
    assert 5 not in words and None not in words


def test_the_cached_form_reads_back_the_same(all_words):
    made = WordList.of(all_words)
    back = WordList.from_bytes(made.to_bytes())
    assert back is not None and set(back) == all_words
    for probe in _probes(all_words)[:4000]:
        assert (probe in back) == (probe in all_words), probe


@pytest.mark.parametrize("blob", [b"", b"\x00garbage", WordList.of({"กขค"}).to_bytes()[:-3],
                                  __import__("marshal").dumps(("thai-words 1", (), {}, b""))])
def test_anything_else_in_the_cache_is_not_a_word_list(blob):
    assert WordList.from_bytes(blob) is None


def test_from_here_answers_every_piece_of_a_text_as_the_whole_list(all_words):
    words = thai_words()
    texts = ["ประชาสัมพันธ์การเผยแพร่ข้อมูลต่อสาธารณะ", "การประเมินคุณธรรมและความโปร่งใส",
             "ก", "กา", "ๆ", "องค์การบริหารส่วนตำบลบ้านใหม่", "นายกเทศมนตรีตำบล"]
    for text in texts:
        for i in range(len(text)):
            here, longest = words.from_here(text[i:])
            for j in range(i + 1, len(text) + 1):
                piece = text[i:j]
                assert (piece in here) == (piece in all_words), piece
                if piece in all_words:
                    assert len(piece) <= longest


def test_the_list_is_cached_per_user_and_a_damaged_entry_is_rebuilt(tmp_path, monkeypatch,
                                                                      all_words):
    monkeypatch.setenv("ITA_XL_CACHE_DIR", str(tmp_path))
    cache.reset()
    thai_words.cache_clear()
    try:
        first = thai_words()
        (entry,) = tmp_path.glob("words-*.bin")
        assert set(first) == all_words
        blob = entry.read_bytes()
        entry.write_bytes(blob[:-100])  # truncated: a miss, made again and stored again
        thai_words.cache_clear()
        again = thai_words()
        assert set(again) == all_words
        assert entry.read_bytes() == blob
    finally:
        cache.reset()
        thai_words.cache_clear()


def _reference_word_ends(text: str, words: frozenset[str]) -> set[int]:
    """Maximal matching over a plain set of the whole list: what ``thai_word_ends`` must give."""
    from ita_xl.linebreaks import _LONGEST_WORD, _NO_WORD_END, _NO_WORD_START, _THAI_RUN

    ends: set[int] = set()
    for m in _THAI_RUN.finditer(text):
        run, base, n = m.group(), m.start(), len(m.group())
        ok = [i == 0 or i == n or (run[i] not in _NO_WORD_START and run[i - 1] not in _NO_WORD_END)
              for i in range(n + 1)]
        inf = (n + 1, n + 1)
        best, back = [inf] * (n + 1), [0] * (n + 1)
        best[0] = (0, 0)
        for i in range(n):
            if best[i] == inf or not ok[i]:
                continue
            unknown, count = best[i]
            for j in range(i + 1, min(n, i + _LONGEST_WORD) + 1):
                if ok[j] and run[i:j] in words and (unknown, count + 1) < best[j]:
                    best[j], back[j] = (unknown, count + 1), i
            j = i + 1
            while j < n and not ok[j]:
                j += 1
            if (unknown + j - i, count + 1) < best[j]:
                best[j], back[j] = (unknown + j - i, count + 1), i
        j = n
        while j > 0:
            ends.add(base + j)
            j = back[j]
    return ends


def test_word_ends_are_those_of_the_whole_list(all_words):
    from ita_xl.linebreaks import thai_word_ends

    rng = random.Random(7)
    pool = sorted(all_words)
    for _ in range(400):
        text = "".join(rng.choice(pool) + rng.choice(["", "", " ", "ก", "ๆ "])
                       for _ in range(rng.randint(1, 6)))
        assert thai_word_ends(text) == _reference_word_ends(text, all_words), text
