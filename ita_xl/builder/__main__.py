"""``python -m ita_xl.builder``: rebuild workbook/ITA_tracker.xlsm and templates/*.docx."""
from __future__ import annotations

from .. import resources
from ..xlsm.tracker import example_tracker_bytes
from .templates import write_templates


def main() -> None:
    target = resources.example_workbook()
    target.write_bytes(example_tracker_bytes())
    print(f"wrote {target}")
    for path in write_templates():
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
