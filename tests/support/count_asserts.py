"""Count the assertions of the test suite: ``python3 tests/support/count_asserts.py [tests/]``.

Counts ``assert`` statements and ``pytest.raises`` calls (each ``with pytest.raises`` checks that
an error happens) in every ``test_*.py`` and helper module below the folder, so a change that
moves tests can show it did not drop any.  Prints a table per file and the total.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path


def count(path: Path) -> tuple[int, int]:
    """(assert statements, pytest.raises calls) in one Python file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    asserts = raises = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            asserts += 1
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "raises" and \
                    isinstance(func.value, ast.Name) and func.value.id == "pytest":
                raises += 1
    return asserts, raises


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1]
    total_a = total_r = 0
    rows = []
    for path in sorted(root.rglob("*.py")):
        a, r = count(path)
        if a or r:
            rows.append((str(path.relative_to(root)), a, r))
        total_a, total_r = total_a + a, total_r + r
    width = max((len(name) for name, _, _ in rows), default=10)
    print(f"{'file':<{width}}  assert  raises")
    for name, a, r in rows:
        print(f"{name:<{width}}  {a:>6}  {r:>6}")
    print(f"{'total':<{width}}  {total_a:>6}  {total_r:>6}  (= {total_a + total_r})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
