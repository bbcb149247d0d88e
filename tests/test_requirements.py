"""Issue 11: the Python version ita-xl claims is one its pinned dependencies accept.

Before: pyproject.toml and the docs said Python 3.10+, but xlwings 0.37.8 (pinned) requires 3.11,
so ``pip install`` failed on 3.10.  The claim is compared with the installed packages' own
metadata (``Requires-Python``), not with a number typed into this test.
"""
from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
CANDIDATES = [f"3.{minor}" for minor in range(6, 30)]  # every Python 3 a claim could mean


def _accepted(spec: str) -> list[str]:
    return [v for v in CANDIDATES if v + ".0" in SpecifierSet(spec) or v in SpecifierSet(spec)]


def _runtime_requirements() -> list[Requirement]:
    return [Requirement(r) for r in PROJECT["dependencies"]]


def test_requires_python_is_what_the_pinned_xlwings_requires():
    xlwings = next(r for r in _runtime_requirements() if r.name == "xlwings")
    pinned = next(iter(xlwings.specifier)).version
    meta = metadata.metadata("xlwings")
    assert meta["Version"] == pinned  # the installed xlwings is the pinned one
    ours = _accepted(PROJECT["requires-python"])
    assert ours and ours[0] == _accepted(meta["Requires-Python"])[0]


def test_every_dependency_accepts_every_python_we_claim():
    ours = _accepted(PROJECT["requires-python"])
    for req in _runtime_requirements():
        if req.marker and not req.marker.evaluate({"python_version": ours[0]}):
            continue
        needs = metadata.metadata(req.name).get("Requires-Python")
        if needs:
            refused = [v for v in ours if v not in _accepted(needs)]
            assert not refused, f"{req.name} requires Python {needs}, we claim {refused}"


def test_docs_state_the_same_minimum_python():
    minimum = _accepted(PROJECT["requires-python"])[0]
    stated = []
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        stated += [(doc.name, m) for m in re.findall(
            r"Python (3\.\d+)(?:\+| or newer| ขึ้นไป)", text)]
    assert stated, "the docs no longer say which Python is needed"
    assert {m for _, m in stated} == {minimum}, stated
