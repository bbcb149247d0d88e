"""``python -m ita_xl.builder``: rebuild workbook/ITA_tracker.xlsm and templates/*.docx, and
write the code tables of README.md and ``ita_xl/checks/__init__.py`` from ``checks/codes.py``.

``python -m ita_xl.builder windows``: the Windows bundle, dist/ita-xl-windows-<version>.zip
(``windows.py``).
"""
from __future__ import annotations

import sys

from .. import resources
from ..xlsm.tracker import example_tracker_bytes
from .codetables import write_code_tables
from .templates import write_templates


def main() -> None:
    if sys.argv[1:2] == ["windows"]:
        from .windows import main as windows

        windows(sys.argv[2:])
        return
    target = resources.example_workbook()
    target.write_bytes(example_tracker_bytes())
    print(f"wrote {target}")
    for path in write_templates():
        print(f"wrote {path}")
    for path in write_code_tables():
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
