"""Just enough VBA to evaluate the string expressions that build RunPython's command line.

The Windows lane runs each ribbon button's command exactly as ``workbook/src/vba/ITA.bas`` and
xlwings' ``xlwings.bas`` build it, so the expressions are read from those sources, never retyped
here.  Supported: string literals (``""`` escapes), ``&`` concatenation, variables (dotted names
such as ``ThisWorkbook.FullName`` included), parentheses and calls of functions given in Python
(``Chr``, ``Replace``, ``Left$``, ``HexUtf16`` …).  Assignments are found by their left-hand side
inside one ``Sub``/``Function``; continuation lines (`` _``) are joined.
"""
from __future__ import annotations

import re
from collections.abc import Callable

TOKEN = re.compile(r'\s*(?:(?P<str>"(?:[^"]|"")*")|(?P<num>\d+)|(?P<name>[A-Za-z_][\w.]*\$?)'
                   r'|(?P<op>[&(),]))')


def procedure(source: str, name: str) -> str:
    """The body of Sub/Function ``name``, continuation lines joined."""
    source = re.sub(r" _\r?\n\s*", " ", source)
    m = re.search(rf"^(?:Public |Private )?(?:Sub|Function) {name}\b.*?$(.*?)^End (?:Sub|Function)",
                  source, re.MULTILINE | re.DOTALL)
    if m is None:
        raise KeyError(name)
    return m.group(1)


def assignments(body: str, target: str) -> list[str]:
    """Right-hand sides of every ``target = …`` in body (also after ``Then`` on one line)."""
    out = []
    for line in body.splitlines():
        line = line.split(" '")[0] if not line.strip().startswith("'") else ""
        m = re.search(rf"(?:^|\bThen\s+)\s*{re.escape(target)}\s*=\s*(.+)$", line.strip())
        if m:
            out.append(m.group(1).strip())
    return out


def call_args(body: str, callee: str) -> list[list[str]]:
    """The argument expressions of each statement ``callee a, b, …`` in body."""
    out = []
    for line in body.splitlines():
        m = re.match(rf"\s*{callee}\s+(.+)$", line)
        if m:
            out.append(split_args(m.group(1)))
    return out


def split_args(text: str) -> list[str]:
    args, depth, current, in_str = [], 0, "", False
    for ch in text:
        if ch == '"':
            in_str = not in_str
        elif not in_str and ch == "(":
            depth += 1
        elif not in_str and ch == ")":
            depth -= 1
        elif not in_str and ch == "," and depth == 0:
            args.append(current.strip())
            current = ""
            continue
        current += ch
    args.append(current.strip())
    return args


def evaluate(expr: str, env: dict[str, str], funcs: dict[str, Callable[..., str]]) -> str:
    tokens = [(m.lastgroup, m.group(m.lastgroup)) for m in TOKEN.finditer(expr)]
    if "".join(t[1] for t in tokens).replace(" ", "") != expr.replace(" ", ""):
        raise ValueError(f"cannot parse {expr!r}")
    pos = 0

    def peek():
        return tokens[pos] if pos < len(tokens) else (None, None)

    def take():
        nonlocal pos
        pos += 1
        return tokens[pos - 1]

    def concat():
        value = term()
        while peek() == ("op", "&"):
            take()
            value += term()
        return value

    def term():
        kind, text = take()
        if kind == "str":
            return text[1:-1].replace('""', '"')
        if kind == "num":
            return text
        if (kind, text) == ("op", "("):
            value = concat()
            take()
            return value
        if kind == "name":
            if peek() == ("op", "("):
                take()
                args = []
                while peek() != ("op", ")"):
                    args.append(concat())
                    if peek() == ("op", ","):
                        take()
                take()
                return str(funcs[text](*args))
            return env[text]
        raise ValueError(f"unexpected {text!r} in {expr!r}")

    value = concat()
    if pos != len(tokens):
        raise ValueError(f"trailing tokens in {expr!r}")
    return value
