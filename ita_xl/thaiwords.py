"""pythainlp's Thai word list, for the checks (a space that breaks a word) and the typesetting
(where Thai words end), read without importing pythainlp.

Made into one 62,000-word set, the list cost every process about 15 ms — more than the whole
check of a tracker.  A run looks up only the words its text could hold (the bundled example about
a quarter of them), so the list is kept in the user's cache (:mod:`ita_xl.cache`, keyed by the
list file's bytes) sorted and grouped by each word's first :data:`HEAD` letters, and a process
makes a set of a group only when a lookup needs it.  Lookups give exactly what a set of the whole
list gives.

For loops that look up many pieces ``text[i:j]`` of one start ``i`` (segmenting Thai), use
:meth:`WordList.from_here`: one set for all of them, and the longest word that could match.
"""
from __future__ import annotations

import array
import functools
import importlib.util
import marshal
from pathlib import Path

__all__ = ["HEAD", "WordList", "thai_words"]

#: Letters of a word's beginning that decide its group.
HEAD = 3
_FORMAT = "thai-words 2"
_EMPTY: frozenset[str] = frozenset()


class WordList:
    """A word list that answers ``word in words`` like a set, built group by group.

    ``short`` holds the words of fewer than HEAD letters.  The longer ones are in ``text``,
    sorted, one per line, in ``encoding`` (Thai's one-byte code page when every word fits it:
    a third of UTF-8's bytes to read, check and decode); ``heads[k]`` is the HEAD letters
    that begin the words of group ``k``, and ``spans[3k:3k+3]`` its byte span in ``text``
    and the length of its longest word.
    """

    def __init__(self, short: frozenset[str], heads: list[str], spans: array.array,
                 text: bytes, encoding: str):
        self._short = short
        self._heads = dict(zip(heads, range(len(heads))))
        self._spans = spans
        self._text = text
        self._encoding = encoding
        self._groups: dict[str, frozenset[str]] = {}
        self._here: dict[str, tuple[frozenset[str], int]] = {}

    @classmethod
    def of(cls, words) -> WordList:
        """The list of ``words`` (any iterable of stripped, non-blank words)."""
        words = set(words)
        short = frozenset(w for w in words if len(w) < HEAD)
        long = sorted(w for w in words if len(w) >= HEAD)
        try:
            encoding = "cp874"
            "\n".join(long).encode(encoding)
        except UnicodeEncodeError:
            encoding = "utf-8"
        heads: list[str] = []
        spans = array.array("I")
        parts: list[bytes] = []
        at = start = 0
        while start < len(long):
            head = long[start][:HEAD]
            end = start
            while end < len(long) and long[end].startswith(head):
                end += 1
            data = "\n".join(long[start:end]).encode(encoding)
            heads.append(head)
            spans.extend((at, at + len(data), max(len(w) for w in long[start:end])))
            parts.append(data)
            at += len(data) + 1
            start = end
        return cls(short, heads, spans, b"\n".join(parts), encoding)

    # --- the cached form -----------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        return marshal.dumps((_FORMAT, tuple(sorted(self._short)), list(self._heads),
                              self._spans.tobytes(), self._text, self._encoding))

    @classmethod
    def from_bytes(cls, data: bytes) -> WordList | None:
        """The list stored by :meth:`to_bytes`, or None for anything else."""
        try:
            fmt, short, heads, spans, text, encoding = marshal.loads(data)
            table = array.array("I")
            table.frombytes(spans)
        except (ValueError, EOFError, TypeError):
            return None
        if fmt != _FORMAT or len(table) != 3 * len(heads) or encoding not in ("cp874", "utf-8"):
            return None
        return cls(frozenset(short), heads, table, text, encoding)

    # --- lookups ------------------------------------------------------------------------------
    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if len(word) < HEAD:
            return word in self._short
        return word in self._group(word[:HEAD])

    def __bool__(self) -> bool:
        return bool(self._heads or self._short)

    def __len__(self) -> int:
        return len(self._short) + sum(len(self._group(head)) for head in self._heads)

    def __iter__(self):
        yield from self._short
        for head in self._heads:
            yield from self._group(head)

    def _group(self, head: str) -> frozenset[str]:
        group = self._groups.get(head)
        if group is None:
            k = self._heads.get(head)
            if k is None:
                group = _EMPTY
            else:
                start, end = self._spans[3 * k], self._spans[3 * k + 1]
                group = frozenset(self._text[start:end].decode(self._encoding).split("\n"))
            self._groups[head] = group
        return group

    def from_here(self, text: str) -> tuple[frozenset[str], int]:
        """For the pieces ``text[:j]``: a set in which each is found exactly when it is a word,
        and the length of the longest word that can be such a piece (0: none).  Only
        ``text[:HEAD]`` matters, so ``text`` may be longer."""
        head = text[:HEAD]
        found = self._here.get(head)
        if found is None:
            shorter = {head[:k] for k in range(1, min(len(head), HEAD - 1) + 1)} & self._short
            group, longest = _EMPTY, 0
            k = self._heads.get(head) if len(head) == HEAD else None
            if k is not None:
                group, longest = self._group(head), self._spans[3 * k + 2]
            if shorter:
                group = group | shorter
                longest = max(longest, max(map(len, shorter)))
            found = self._here[head] = (group, longest)
        return found


@functools.lru_cache(maxsize=1)
def thai_words() -> WordList:
    """pythainlp's Thai word list (stripped, blank lines dropped), from the user's cache when
    it holds this list file's entry, else made from the file and stored there."""
    from . import cache

    path = _words_file()
    if path is None:  # pragma: no cover - a pythainlp that moved its corpus file
        try:
            from pythainlp.corpus import thai_words as _tw

            return WordList.of({w.strip() for w in _tw() if w.strip()})
        except Exception:
            return WordList.of(())
    data = path.read_bytes()
    entry = cache.key(_FORMAT, data)
    blob = cache.get("words", entry)
    if blob is not None:
        words = WordList.from_bytes(blob)
        if words is not None:
            return words
    # Lines as a text-mode file reads them (\n, \r\n or \r), each stripped; blank ones dropped.
    text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    words = WordList.of({w for w in (line.strip() for line in text.split("\n")) if w})
    cache.put("words", entry, words.to_bytes())
    return words


def _words_file() -> Path | None:
    spec = importlib.util.find_spec("pythainlp")
    if spec is not None and spec.submodule_search_locations:
        for base in spec.submodule_search_locations:
            path = Path(base) / "corpus" / "words_th.txt"
            if path.is_file():
                return path
    return None
