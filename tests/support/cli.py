"""Helpers of the robustness tests (``test_robust_*.py``): run the CLI, and look inside documents.

* :func:`cli` runs ``ita-xl`` in-process (click's runner); :func:`cli_process` runs the real
  command in a subprocess, for what only a real process shows (tracebacks, memory, file limits).
* :func:`xml_problems` checks a .docx the strict way: every XML part parses with lxml without
  recover mode, and every table cell holds a paragraph (Word refuses a ``w:tc`` without ``w:p``).
* :func:`document_text` is all the text of a .docx (body, tables, headers, footers), in order.
"""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from . import bad_files as bad

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REPO = Path(__file__).resolve().parents[2]

__all__ = ["bad", "cli", "cli_process", "xml_problems", "document_text", "files_in", "W"]


def cli(*args: str, env: dict[str, str] | None = None):
    """``ita-xl ARGS`` in-process; ``result.exception`` is a SystemExit unless it crashed."""
    from ita_xl.cli import main

    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=True)


def cli_process(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
                preexec_fn=None, timeout: float = 300) -> subprocess.CompletedProcess:
    """``python -m ita_xl ARGS`` in a real process (text output)."""
    full_env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", **(env or {}))
    return subprocess.run([sys.executable, "-m", "ita_xl", *map(str, args)], cwd=cwd,
                          env=full_env, capture_output=True, text=True, timeout=timeout,
                          preexec_fn=preexec_fn)


def files_in(folder: Path) -> list[Path]:
    """Every file below ``folder`` (hidden temp files included); [] if it does not exist."""
    if not folder.exists():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _parts(docx: Path | bytes) -> dict[str, bytes]:
    source = docx if isinstance(docx, Path) else __import__("io").BytesIO(docx)
    with zipfile.ZipFile(source) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def xml_problems(docx: Path | bytes) -> list[str]:
    """What is wrong with the package's XML; [] when every part is well-formed and valid enough."""
    problems = []
    strict = etree.XMLParser(recover=False, resolve_entities=False, huge_tree=True)
    for name, data in _parts(docx).items():
        if not (name.endswith(".xml") or name.endswith(".rels")):
            continue
        try:
            root = etree.fromstring(data, strict)
        except etree.XMLSyntaxError as exc:
            problems.append(f"{name}: {exc}")
            continue
        for tc in root.iter(f"{W}tc"):
            if tc.find(f"{W}p") is None:
                problems.append(f"{name}: a table cell without a paragraph")
    return problems


def document_text(docx: Path | bytes) -> str:
    """All text runs of body, headers and footers, in document order (tabs and breaks as \\t/\\n)."""
    parts = _parts(docx)
    names = ["word/document.xml"] + sorted(
        n for n in parts if n.startswith("word/header") or n.startswith("word/footer"))
    out = []
    for name in names:
        root = etree.fromstring(parts[name])
        for el in root.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}p"):
            if el.tag == f"{W}t":
                out.append(el.text or "")
            elif el.tag == f"{W}tab":
                out.append("\t")
            else:
                out.append("\n")
    return "".join(out)
