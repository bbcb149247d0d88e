"""The tables of finding codes in README.md and ``ita_xl/checks/__init__.py``, written from
``ita_xl/checks/codes.py`` (the one place a code, its severity, name and description live).

Each table sits between two marker lines and is replaced whole; text outside the markers is
the writer's.  ``python -m ita_xl.builder`` rewrites both; ``tests/test_docs.py`` fails when a
table is not what ``codes.py`` gives (edit ``codes.py``, then run the builder).
"""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
CHECKS_INIT = ROOT / "ita_xl" / "checks" / "__init__.py"

BEGIN = "BEGIN codes (generated from ita_xl/checks/codes.py by python -m ita_xl.builder)"
END = "END codes"

# (begin line, end line) as each file writes them: an HTML comment in Markdown, an RST comment
# in the docstring.
MARKERS = {
    "md": (f"<!-- {BEGIN} -->", f"<!-- {END} -->"),
    "rst": (f".. {BEGIN}", f".. {END}"),
}

_RST_WIDTHS = (7, 7, 28, 49)  # code, level, name, finds (the finds column wraps)


def _codes():
    from ..checks import CODES

    return [CODES[code] for code in sorted(CODES)]


def markdown() -> str:
    """The README's table: one row per code, in code order."""
    lines = ["| code | level | name | finds |", "|---|---|---|---|"]
    lines += [f"| {c.code} | {c.severity} | `{c.name}` | {c.finds} |" for c in _codes()]
    return "\n".join(lines)


def rst() -> str:
    """The docstring's simple RST table; the finds column wrapped to its width."""
    widths = _RST_WIDTHS
    rule = "  ".join("=" * w for w in widths)

    def row(cells: tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(w) for cell, w in zip(cells, widths)).rstrip()

    lines = [rule, row(("code", "level", "name", "finds")), rule]
    for c in _codes():
        wrapped = textwrap.wrap(c.finds, widths[-1], break_long_words=False,
                                break_on_hyphens=False) or [""]
        lines.append(row((c.code, c.severity, c.name, wrapped[0])))
        lines += [row(("", "", "", more)) for more in wrapped[1:]]
    lines.append(rule)
    return "\n".join(lines)


def replace_block(text: str, kind: str, body: str) -> str:
    """``text`` with the lines between the markers of ``kind`` replaced by ``body``."""
    begin, end = MARKERS[kind]
    pattern = re.compile(rf"^{re.escape(begin)}\n.*?^{re.escape(end)}$", re.M | re.S)
    if len(pattern.findall(text)) != 1:
        raise ValueError(f"expected one block between {begin!r} and {end!r}")
    return pattern.sub(lambda _m: f"{begin}\n{body}\n{end}", text)


def targets() -> list[tuple[Path, str, str]]:
    """(file, marker kind, table) for each generated table."""
    return [(README, "md", markdown()), (CHECKS_INIT, "rst", rst())]


def write_code_tables() -> list[Path]:
    """Rewrite the tables that differ from ``codes.py``; return the files written.  A checkout
    only: an installed package has no README beside it."""
    written = []
    for path, kind, body in targets():
        if not path.is_file():
            continue
        old = path.read_text(encoding="utf-8")
        new = replace_block(old, kind, body)
        if new != old:
            path.write_text(new, encoding="utf-8")
            written.append(path)
    return written


if __name__ == "__main__":
    for _path in write_code_tables():
        print(f"wrote {_path}")
