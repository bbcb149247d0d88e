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
from .excel_side import extra_projects, source_side
from .templates import write_templates


def main() -> None:
    if sys.argv[1:2] == ["windows"]:
        from .windows import main as windows

        windows(sys.argv[2:])
        return
    target = resources.example_workbook()
    # From source: the VBA project and the ribbon are built, not copied from the old file.
    target.write_bytes(example_tracker_bytes(source_side))
    print(f"wrote {target}")
    folder = resources.vba_projects_dir()
    folder.mkdir(exist_ok=True)
    for name, project in extra_projects().items():
        (folder / name).write_bytes(project)
        print(f"wrote {folder / name}")
    for path in write_templates():
        print(f"wrote {path}")
    for path in write_code_tables():
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
