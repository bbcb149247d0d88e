"""Files that ship with ita-xl: the bundled example tracker and the workbook sources."""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent


def workbook_dir() -> Path:
    """``workbook/`` of the repository (editable install), else the copy inside the package."""
    for candidate in (REPO_DIR / "workbook", PACKAGE_DIR / "_workbook"):
        if (candidate / "src").is_dir():
            return candidate
    return REPO_DIR / "workbook"


def example_workbook() -> Path:
    return workbook_dir() / "ITA_tracker.xlsm"


def example_data() -> Path:
    return workbook_dir() / "src" / "example.toml"
