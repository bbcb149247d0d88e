"""The import graph of ``ita_xl``: data flows one way, so no module imports one above it, and no
modules import each other in a circle.

Every ``import`` counts, also one inside a function (a lazy import is still an arrow).  The
layers, lowest first, are stated here once; a new module must be placed in one of them.
"""
from __future__ import annotations

import ast
from fnmatch import fnmatchcase
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "ita_xl"

#: Lowest first.  A module may import modules of its own layer or of layers below it.
LAYERS: list[tuple[str, list[str]]] = [
    ("leaves: no ita_xl module below them", [
        "ita_xl", "agencies", "cache", "exitcodes", "resources", "layout", "procs", "thai",
        "console", "wordstyle", "xmlscan", "xlsm", "xlsm.zipdet", "importer.found",
        "builder.authenticode", "metrics"]),
    ("words and data", [
        "present", "meaning", "winsetup", "thaiwords"]),
    ("values", [
        "errors", "filecheck", "output", "fonts", "derived", "address", "model", "framework"]),
    ("reading", ["cleaning", "reader"]),
    ("checks", ["checks", "checks.*"]),
    ("documents", ["context", "render", "convert", "linebreaks", "typeset", "pdfcopy"]),
    ("tracker files", ["xlsm.workbook", "xlsm.excel_parts", "xlsm.tracker", "carryover",
                       "importer", "importer.*", "newtracker"]),
    ("the core", ["pipeline"]),
    ("front ends", ["batch", "batch.*", "excel", "udfs", "cli", "__main__", "doctor"]),
    ("build time", ["builder", "builder.*"]),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def imports(name: str) -> set[str]:
    """The ita_xl modules ``name`` imports (module level or inside functions)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:  # `from . import x` imports the module x
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in MODULES else target)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: imports(name) for name in MODULES}


def layer_of(name: str) -> int:
    short = name.removeprefix("ita_xl.") if name != "ita_xl" else name
    hits = [i for i, (_, patterns) in enumerate(LAYERS)
            if any(fnmatchcase(short, p) for p in patterns)]
    assert hits, f"{name} is in no layer: add it to LAYERS in {__file__}"
    return hits[0]


def test_every_module_has_a_layer():
    for name in MODULES:
        layer_of(name)


def test_no_module_imports_one_above_it():
    upward = [f"{a} ({LAYERS[layer_of(a)][0]}) imports {b} ({LAYERS[layer_of(b)][0]})"
              for a, targets in sorted(GRAPH.items()) for b in sorted(targets)
              if layer_of(b) > layer_of(a)]
    assert upward == []


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


#: Circles known and not yet undone (each must be named here with why).
KNOWN_CIRCLES: list[list[str]] = []


def test_no_circle_of_imports():
    assert [c for c in cycles(GRAPH) if c not in KNOWN_CIRCLES] == []


@pytest.mark.parametrize("low, high", [("checks.engine", "pipeline"), ("reader", "checks"),
                                       ("checks.rules.text", "context"),
                                       ("xlsm.excel_parts", "builder.vba")])
def test_the_arrows_the_structure_forbids_are_absent(low, high):
    """The arrows issue 21 found: each is an arrow up and caught by the tests above."""
    assert layer_of(f"ita_xl.{high}") > layer_of(f"ita_xl.{low}")
    assert f"ita_xl.{high}" not in GRAPH[f"ita_xl.{low}"]


def test_the_graph_sees_imports_inside_functions():
    """A lazy import is an arrow too: pipeline imports render only inside a function."""
    assert "ita_xl.render" in GRAPH["ita_xl.pipeline"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
