"""Typesetting of a rendered document: table columns fitted to their content, titles balanced.

Both run on the .docx after rendering (``render.render``), so Word and the PDF show the same:

* :func:`fit_tables`: a table with a repeated header row (``w:tblHeader``, the data tables of
  the report) gets column widths that follow its content.  Every column is at least as wide as
  its longest unbreakable word (header words in bold included); the rest of the table's width
  goes, 1 mm at a time, to the column where it saves the most lines over the whole table.  A
  column of long measures no longer takes nine lines while the remarks column stays empty.
* :func:`balance_titles`: a centred paragraph (title, caption, signature line) or a heading that
  needs two or more lines gets a line break at the word boundary that makes its lines most even, so the
  cover title never ends with one word ("… ภายใน / หน่วยงาน") and a long position in a signature
  column breaks before the agency's name, not inside it.

Widths are TH SarabunPSK's (``fonts.reference_widths``: the same metrics Word uses with the
real font and LibreOffice with ita-xl's stand-in); Thai words are those of pythainlp's word list
(maximal matching, :func:`thai_word_ends`), with the words of ``data/linebreaks.toml`` kept whole
as the PDF copy keeps them (``pdfcopy``).
"""
from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["fit_tables", "balance_titles", "typeset", "text_width", "pieces", "line_count"]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % _W
TWIP = 1 / 20  # points per twip
DEFAULT_SIZE = 16.0
#: Left + right cell margin of a table cell, points (Word's default 0.19 cm each side).
CELL_MARGINS = 2 * 108 * TWIP
#: Room left on every line, points: LibreOffice's line ends differ from the sum of the
#: advances by a little (bold most), and a line that just fits by the sum may not.
SLACK = 2.0
#: Width steps handed out to the columns, points (1 mm).
STEP = 72 / 25.4
#: Weight of the lines of all cells against the table's height (see ``_fit``).
LINES_WEIGHT = 0.5
#: Lines the first column's longest label may take, and the share of the table it may take
#: for that.
LABEL_LINES = 4
LABEL_SHARE = 1 / 3
#: Rows looked at when fitting (a long table's first rows are typical of it).
SAMPLE_ROWS = 60
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_NO_BREAK_BEFORE = set(",.;:!?)]}/")


# --- measuring ----------------------------------------------------------------------------------
class _Advances(dict):
    """Advance widths by character; a character the font lacks is looked up once: a mark or
    format character takes no room, anything else a default width."""

    def __missing__(self, ch: str) -> int:
        w = self[ch] = 0 if unicodedata.category(ch) in ("Mn", "Cf") else 500
        return w


@functools.lru_cache(maxsize=2)
def _widths(bold: bool) -> _Advances:
    from .metrics import reference_widths

    table = _Advances(reference_widths("bold" if bold else "regular"))
    table["\u00a0"] = table[" "]
    return table


def text_width(text: str, size: float = DEFAULT_SIZE, bold: bool = False) -> float:
    """Width of ``text`` in points (no kerning, as Word and the PDF copy set it)."""
    return sum(map(_widths(bold).__getitem__, text)) * size / 1000


@functools.lru_cache(maxsize=4096)
def _segments(text: str) -> tuple[str, ...]:
    """``text`` cut where a line may end: after a space, or between two Thai words
    (pythainlp), but never inside a word or at a space that the PDF copy joins."""
    from .linebreaks import WORD_JOINER, joins, thai_word_ends

    edits = joins(text) if _THAI.search(text) else {}
    joined = {at for at, what in edits.items() if at > 0 and what == WORD_JOINER}
    fixed_spaces = {-key - 1 for key in edits if key < 0}
    ends = thai_word_ends(text) if _THAI.search(text) else set()
    ends |= {m.end() for m in re.finditer(r"\s+", text)}
    cuts = []
    for at in sorted(ends):
        if not 0 < at < len(text) or at in joined or text[at].isspace():
            continue
        before, after = text[at - 1], text[at]
        if after in _NO_BREAK_BEFORE:
            continue  # "Website ,Instagram": no line starts with a comma (UAX #14, LB13)
        if before.isspace():
            if at - 1 not in fixed_spaces:
                cuts.append(at)
        elif _THAI.match(before) and _THAI.match(after):
            cuts.append(at)
    out, start = [], 0
    for at in cuts:
        out.append(text[start:at])
        start = at
    out.append(text[start:])
    return tuple(seg for seg in out if seg)


def pieces(text: str, size: float = DEFAULT_SIZE, bold: bool = False) -> list[tuple[float, float]]:
    """(width without trailing spaces, width with them) of every unbreakable piece of ``text``."""
    return [(text_width(seg.rstrip(), size, bold), text_width(seg, size, bold))
            for seg in _segments(text)]


def line_count(parts: list[tuple[float, float]], width: float) -> float:
    """Lines a paragraph of ``parts`` takes at ``width`` points (greedy, as Word and
    LibreOffice fill lines); a piece wider than the line is broken by letters."""
    if width <= 0:
        return 99.0
    lines, current = 1, 0.0
    for bare, full, *_ in parts:
        if current and current + bare > width:
            lines += 1
            current = 0.0
        if bare > width:
            extra = int(bare // width)
            lines += extra
            current = bare - extra * width
            current += full - bare
            continue
        current += full
    return float(lines)


# --- reading the XML ----------------------------------------------------------------------------
def _run_style(r) -> tuple[float, bool]:
    rpr = r.find(W + "rPr")
    size, bold = DEFAULT_SIZE, False
    if rpr is not None:
        sz = rpr.find(W + "szCs")
        if sz is None:
            sz = rpr.find(W + "sz")
        if sz is not None and sz.get(W + "val", "").isdigit():
            size = int(sz.get(W + "val")) / 2
        b = rpr.find(W + "bCs")
        if b is None:
            b = rpr.find(W + "b")
        bold = b is not None and b.get(W + "val", "1") not in ("0", "false", "off")
    return size, bold


def _paragraph_lines(p) -> list[tuple[str, float, bool]]:
    """The text of ``p`` cut at its manual line breaks: (text, size, bold) per line."""
    lines: list[list] = [["", DEFAULT_SIZE, False, False]]
    for r in p.iter(W + "r"):
        size, bold = _run_style(r)
        for child in r:
            if child.tag == W + "t" and child.text:
                line = lines[-1]
                if not line[3]:
                    line[1], line[2], line[3] = size, bold, True
                line[0] += child.text
            elif child.tag in (W + "br", W + "cr"):
                lines.append(["", DEFAULT_SIZE, False, False])
            elif child.tag == W + "tab":
                lines[-1][0] += "    "
    return [(t, s, b) for t, s, b, _ in lines]


def _cell_paragraphs(tc, header: bool = False) -> list[list[tuple[float, float, bool]]]:
    """The measured lines of a cell: (bare width, width with spaces, width that must fit) per
    piece.

    A hard piece must fit its column whole: a header's words, its lines where the template's
    author broke it by hand ("ระยะเวลา" / "การดำเนินงาน"), and Latin runs (LibreOffice would
    break a Latin word that does not fit by letters).  A Thai piece of the data is soft:
    where it does not fit, LibreOffice and Word break it between its smaller words.
    """
    out = []
    for p in tc.iter(W + "p"):
        lines = _paragraph_lines(p)
        for text, size, bold in lines:
            if not text.strip():
                out.append([])
            elif header and len(lines) > 1:
                whole = text.strip()
                out.append([(text_width(whole, size, bold),) * 3])
            else:
                segments = _header_segments(text) if header else _segments(text)
                out.append([(text_width(seg.rstrip(), size, bold), text_width(seg, size, bold),
                             text_width(seg.rstrip(), size, bold) if header
                             else _hard_width(seg.rstrip(), size, bold)) for seg in segments])
    return out


def _hard_width(segment: str, size: float, bold: bool) -> float:
    """The widest part of ``segment`` that no line may break: a listed word (the PDF copy
    joins it), a Latin run, or the whole segment if it has no Thai."""
    from .linebreaks import line_break_rules

    if not _THAI.search(segment):
        return text_width(segment, size, bold)
    parts = [m.group() for m in line_break_rules().word_re.finditer(segment)]
    parts += re.findall(r"[^\u0e00-\u0e7f\s]{2,}", segment)
    return max((text_width(part, size, bold) for part in parts), default=0.0)


def _header_segments(text: str) -> tuple[str, ...]:
    """A header's words, also cut after a slash ("ขั้นตอน/" "วิธี" …)."""
    out = []
    for seg in _segments(text):
        parts = re.findall(r"[^/]*/|[^/]+", seg)
        out.extend(parts)
    return tuple(out)


def _span(tc) -> int:
    span = tc.find(f"{W}tcPr/{W}gridSpan")
    return int(span.get(W + "val")) if span is not None else 1


# --- tables -------------------------------------------------------------------------------------
def fit_tables(body) -> int:
    """Fit the columns of every fixed-layout table with a repeated header row in ``body`` to
    its content; return how many tables were fitted."""
    fitted = 0
    for tbl in body.iter(W + "tbl"):
        rows = tbl.findall(W + "tr")
        if not any(tr.find(f"{W}trPr/{W}tblHeader") is not None for tr in rows):
            continue
        layout = tbl.find(f"{W}tblPr/{W}tblLayout")
        if layout is None or layout.get(W + "type") != "fixed":
            continue
        grid = tbl.find(W + "tblGrid")
        cols = grid.findall(W + "gridCol") if grid is not None else []
        if not cols or any(not c.get(W + "w", "").isdigit() for c in cols):
            continue
        widths = _fit([int(c.get(W + "w")) * TWIP for c in cols], rows)
        if widths is None:
            continue
        twips = _to_twips(widths, sum(int(c.get(W + "w")) for c in cols))
        for col, w in zip(cols, twips):
            col.set(W + "w", str(w))
        _break_headers(tbl, twips)
        for tr in rows:
            at = 0
            for tc in tr.findall(W + "tc"):
                span = _span(tc)
                tcw = tc.find(f"{W}tcPr/{W}tcW")
                if tcw is not None and tcw.get(W + "type", "dxa") == "dxa":
                    tcw.set(W + "w", str(sum(twips[at:at + span])))
                at += span
        fitted += 1
    return fitted


def _to_twips(widths: list[float], total: int) -> list[int]:
    twips = [int(round(w / TWIP)) for w in widths]
    twips[-1] += total - sum(twips)  # the table keeps its width exactly
    return twips


def _fit(current: list[float], rows) -> list[float] | None:
    """New column widths (points) for a table of ``rows`` whose columns are ``current``."""
    n = len(current)
    total = sum(current)
    cells: list[list[tuple[int, int, list]]] = []  # per row: (first column, span, paragraphs)
    for tr in rows[:SAMPLE_ROWS]:
        row, at = [], 0
        header = tr.find(f"{W}trPr/{W}tblHeader") is not None
        for tc in tr.findall(W + "tc"):
            span = _span(tc)
            paragraphs = _cell_paragraphs(tc, header)
            if any(paragraphs):
                row.append((at, span, paragraphs))
            at += span
        if row:
            cells.append(row)
    if not cells:
        return None
    # the narrowest each column may be: its longest hard piece (must fit), and its longest
    # piece of any kind (should fit)
    hard = [STEP * 4] * n
    least = [STEP * 4] * n
    for row in cells:
        for at, span, paragraphs in row:
            for floor, only_hard in ((hard, True), (least, False)):
                longest = max((h if only_hard else bare for para in paragraphs
                               for bare, _, h in para), default=0.0)
                need = longest + CELL_MARGINS + SLACK
                have = sum(floor[at:at + span])
                if need > have:
                    for k in range(at, at + span):
                        floor[k] += (need - have) / span
    least = [max(a, b) for a, b in zip(hard, least)]
    if sum(least) > total:  # cannot fit whole words everywhere: share out in proportion
        return [w * total / sum(least) for w in least]

    @functools.lru_cache(maxsize=None)
    def cell_lines(r: int, c: int, width_key: int) -> tuple[int, float]:
        at, span, paragraphs = cells[r][c]
        width = width_key / 100 - CELL_MARGINS - SLACK
        whole = sum(int(line_count(p, width)) if p else 1 for p in paragraphs)
        fill = sum(sum(piece[1] for piece in p) / width for p in paragraphs if p)
        return whole, fill

    # The first column names the row (มาตรการ, เครื่องมือ): wide enough for its longest label
    # in LABEL_LINES lines, if that takes at most LABEL_SHARE of the table.
    labels = [(r, c) for r, row in enumerate(cells) for c, (at, span, _) in enumerate(row)
              if at == 0 and span == 1]
    label = least[0]
    while label <= total * LABEL_SHARE and any(
            cell_lines(r, c, int(label * 100))[0] > LABEL_LINES for r, c in labels):
        label += STEP
    if label <= total * LABEL_SHARE and label > least[0]:
        # room from the other columns' soft pieces if need be (a long Thai compound there
        # breaks between its words instead)
        short = label - (total - sum(least))
        room = [least[k] - hard[k] if k else 0.0 for k in range(n)]
        if short > 0 and sum(room) > 0:
            take = min(1.0, short / sum(room))
            least = [w - r * take for w, r in zip(least, room)]
        least[0] = max(least[0], min(label, total - (sum(least) - least[0])))
    widths = list(least)
    spare = total - sum(widths)

    def measured(ws: list[float], r: int, c: int) -> tuple[int, float]:
        at, span, _ = cells[r][c]
        return cell_lines(r, c, int(sum(ws[at:at + span]) * 100))

    def cost(rows: list[tuple[int, int, float, list[tuple[int, float]], list[tuple[int, float]]]],
             k: int, trial: list[float]) -> tuple[float, float]:
        # The table's height first; then the lines of all cells, so that a column that is not
        # the tallest in any row is not starved (a measure on nine narrow lines beside an empty
        # remarks column); then how full the tallest cells are (to break ties smoothly).
        # Only the cell of column k in each row differs from the step's ``rows``.
        height = lines = fine = 0.0
        for r, (row_lines, tallest, fullest, row_state, others) in enumerate(rows):
            c = cover[k][r]
            if c is not None:
                whole, fill = measured(trial, r, c)
                row_lines += whole - row_state[c][0]
                tallest, fullest = max(others[c][0], whole), max(others[c][1], fill)
            lines += row_lines
            height += tallest
            fine += fullest
        return height + LINES_WEIGHT * lines, fine

    def row_summary(r: int) -> tuple[int, int, float, list[tuple[int, float]],
                                      list[tuple[int, float]]]:
        """A row at the step's widths: its lines, tallest and fullest cell, each cell's
        (lines, fill), and for each cell the tallest and fullest of the other cells."""
        row_state = [measured(widths, r, c) for c in range(len(cells[r]))]
        wholes = [w for w, _ in row_state]
        fills = [f for _, f in row_state]
        others = [(max([0] + wholes[:c] + wholes[c + 1:]), max([0.0] + fills[:c] + fills[c + 1:]))
                  for c in range(len(row_state))]
        return sum(wholes), max([0] + wholes), max([0.0] + fills), row_state, others

    # the cell of each row that column k is part of (None: no cell there)
    cover = [[next((c for c, (at, span, _) in enumerate(row) if at <= k < at + span), None)
              for row in cells] for k in range(n)]
    while spare >= STEP:
        rows = [row_summary(r) for r in range(len(cells))]
        choice, choice_cost = None, None
        for k in range(n):
            trial = list(widths)
            trial[k] += STEP
            c = cost(rows, k, trial)
            if choice_cost is None or c < choice_cost:
                choice, choice_cost = k, c
        widths[choice] += STEP
        spare -= STEP
    widths[-1] += spare
    return widths


# --- titles -------------------------------------------------------------------------------------
def _text_width_pt(body) -> float:
    sect = body.find(W + "sectPr")
    if sect is None:
        return 16 / 2.54 * 72
    size, margins = sect.find(W + "pgSz"), sect.find(W + "pgMar")
    return (int(size.get(W + "w")) - int(margins.get(W + "left")) - int(margins.get(W + "right"))
            ) * TWIP


def _indents(p) -> float:
    ind = p.find(f"{W}pPr/{W}ind")
    if ind is None:
        return 0.0
    total = 0
    for attr in ("left", "start", "right", "end"):
        value = ind.get(W + attr)
        if value and value.lstrip("-").isdigit():
            total += int(value)
    return total * TWIP


def balance_titles(body) -> int:
    """Break every title, heading and signature line of ``body`` (outside tables) that needs
    more than one line into lines as even as can be; return how many were broken.  Those are
    the centred paragraphs, and the headings: bold paragraphs kept with the next."""
    width = _text_width_pt(body)
    done = 0
    for p in list(body.iter(W + "p")):
        jc = p.find(f"{W}pPr/{W}jc")
        centred = jc is not None and jc.get(W + "val") == "center"
        if not (centred or _is_heading(p)):
            continue
        if any(a.tag == W + "tc" for a in p.iterancestors()):
            continue
        done += _balance(p, width - _indents(p), keep_names=True)
    return done


def _is_heading(p) -> bool:
    if p.find(f"{W}pPr/{W}keepNext") is None:
        return False
    runs = [r for r in p.findall(W + "r") if (r.findtext(W + "t") or "").strip()]
    return bool(runs) and all(_run_style(r)[1] for r in runs)


def _balance(p, available: float, *, keep_names: bool, segments=None) -> int:
    """Even line breaks in paragraph ``p`` if it needs more than one line of ``available``
    points: 1 if broken, else 0."""
    runs = p.findall(W + "r")
    if any(r.find(W + "br") is not None or r.find(W + "cr") is not None for r in runs):
        return 0  # already broken by hand
    texts = [t for r in runs for t in r.findall(W + "t")]
    text = "".join(t.text or "" for t in texts)
    if not text.strip() or "{" in text:
        return 0  # empty, or a template's tag
    size, bold = _run_style(next(r for r in runs if r.find(W + "t") is not None))
    available -= SLACK
    if text_width(text.rstrip(), size, bold) <= available:
        return 0  # one line whatever its pieces (the common case: no need to cut it up)
    parts = list((segments or _segments)(text))
    if keep_names:
        parts = _keep_names(text, parts, size, bold, available)
    measured = [(text_width(seg.rstrip(), size, bold), text_width(seg, size, bold))
                for seg in parts]
    if line_count(measured, available) < 2:
        return 0
    cuts = _balanced_cuts(parts, measured, available)
    if not cuts:
        return 0
    for cut in sorted(cuts, reverse=True):
        _break_at([t for r in p.findall(W + "r") for t in r.findall(W + "t")], cut)
    return 1


def _keep_names(text: str, parts: list[str], size: float, bold: bool,
                available: float) -> list[str]:
    """``parts`` joined inside a name of ``keep_together`` and the place name after it, where
    that name fits a line."""
    from .linebreaks import line_break_rules

    names = line_break_rules().keep_together
    if not names:
        return parts
    found = [m.span() for m in re.finditer("|".join(map(re.escape, names)), text)]
    spans = []
    for n, (a, b) in enumerate(found):
        # the place name after it: up to a space ("สำนักงาน…ท้องถิ่นจังหวัดเชียงใหม่") or, if that
        # is too long for a line, up to the next listed name ("ปฏิบัติราชการแทนนายก" | "องค์การ…")
        end = re.compile(r"\s").search(text, b)
        space = end.start() if end else len(text)
        stop = min([space] + [c for c, _ in found[n + 1:]])
        for span in ((a, max(b, space)), (a, max(b, stop)), (a, b)):
            if text_width(text[span[0]:span[1]], size, bold) <= available:
                spans.append(span)
                break
    # a name starts a word: cut pythainlp's pieces there ("นายก|องค์การบริหารส่วนตำบล")
    cuts = {a for a, _ in found}
    split: list[str] = []
    at = 0
    for seg in parts:
        inner = sorted(c - at for c in cuts if at < c < at + len(seg))
        for piece in (seg[i:j] for i, j in zip([0, *inner], [*inner, len(seg)])):
            split.append(piece)
        at += len(seg)
    out: list[str] = []
    starts: list[int] = []
    at = 0
    for seg in split:
        if out and any(a < at < b and starts[-1] >= a for a, b in spans):
            out[-1] += seg  # inside the same name as the piece before
        else:
            out.append(seg)
            starts.append(at)
        at += len(seg)
    return out


def _balanced_cuts(parts: list[str], measured, available: float) -> list[int] | None:
    """Offsets (into the joined ``parts``) of the line ends that give as many lines as filling
    greedily, the longest line as short as possible (then the lines as even as possible)."""
    n = len(parts)
    lines = int(line_count(measured, available))
    if lines < 2 or lines > n:
        return None
    full = [0.0]
    for _, f in measured:
        full.append(full[-1] + f)

    def width(i: int, j: int) -> float:  # parts i..j-1 on one line
        return full[j - 1] - full[i] + measured[j - 1][0]

    inf = (float("inf"), float("inf"))
    best = [[inf] * (lines + 1) for _ in range(n + 1)]
    back = [[0] * (lines + 1) for _ in range(n + 1)]
    best[0][0] = (0.0, 0.0)
    for j in range(1, n + 1):
        for k in range(1, lines + 1):
            for i in range(k - 1, j):
                if best[i][k - 1] == inf:
                    continue
                w = width(i, j)
                if w > available:
                    continue
                prev = best[i][k - 1]
                cand = (max(prev[0], w), prev[1] + (available - w) ** 2)
                if cand < best[j][k]:
                    best[j][k], back[j][k] = cand, i
    if best[n][lines] == inf:
        return None
    cuts, j = [], n
    for k in range(lines, 1, -1):
        j = back[j][k]
        cuts.append(sum(len(s) for s in parts[:j]))
    return sorted(cuts)


def _break_at(texts, cut: int) -> None:
    """Put a line break at offset ``cut`` of the text of ``texts`` (the w:t of a paragraph).
    A space before the cut stays where it was (invisible at a line end), so the text reads back
    as typed (``import`` joins the lines of a label)."""
    at = 0
    for t in texts:
        piece = t.text or ""
        if at <= cut <= at + len(piece) and (cut < at + len(piece) or t is texts[-1]):
            local = cut - at
            before, after = piece[:local], piece[local:]
            r = t.getparent()
            t.text = before
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            br = r.makeelement(W + "br", {})
            t.addnext(br)
            rest = r.makeelement(W + "t", {})
            rest.text = after
            rest.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            br.addnext(rest)
            return
        at += len(piece)


def _break_headers(tbl, twips: list[int]) -> None:
    """A header cell that needs more than one line at its column's width breaks between whole
    words, evenly (LibreOffice's own dictionary would break "แนวทางการ|ปฏิบัติ")."""
    for tr in tbl.findall(W + "tr"):
        if tr.find(f"{W}trPr/{W}tblHeader") is None:
            continue
        at = 0
        for tc in tr.findall(W + "tc"):
            span = _span(tc)
            width = sum(twips[at:at + span]) * TWIP - CELL_MARGINS
            at += span
            for p in tc.findall(W + "p"):
                _balance(p, width, keep_names=False, segments=_header_segments)


def typeset(document) -> None:
    """Both steps on a python-docx ``Document`` (after rendering)."""
    body = document.element.body
    fit_tables(body)
    balance_titles(body)
