"""Shared test set-up.

Tests marked ``soffice`` need LibreOffice.  On a developer machine without it they are skipped;
CI sets ``ITA_XL_REQUIRE_SOFFICE=1`` so that a missing LibreOffice fails the run instead of
silently skipping the PDF checks.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the `support` package of test helpers
from support.winelane import wine_available  # noqa: E402

# The tests exercise this checkout's code, in subprocesses too, whichever copy pip installed
# (a second clone or git worktree must not silently test the first one's editable install).
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["PYTHONPATH"] = os.pathsep.join(
    p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
for _name in [m for m in sys.modules if m == "ita_xl" or m.startswith("ita_xl.")]:
    del sys.modules[_name]


def soffice_available() -> bool:
    """Whether ita-xl itself finds LibreOffice (``convert.find_soffice``: $ITA_XL_SOFFICE, PATH,
    the usual install folders), so no test is skipped that the product would pass."""
    from ita_xl.convert import ConversionError, find_soffice

    try:
        find_soffice()
    except ConversionError:
        return False
    return True


def pytest_collection_modifyitems(config, items):
    _skip_without(items, "windows", wine_available(), "ITA_XL_REQUIRE_WINE",
                  "Wine and osslsigncode")
    if soffice_available():
        return
    if os.environ.get("ITA_XL_REQUIRE_SOFFICE") == "1":
        raise pytest.UsageError("ITA_XL_REQUIRE_SOFFICE=1 but LibreOffice (soffice) is not installed")
    skip = pytest.mark.skip(reason="LibreOffice (soffice) not installed")
    for item in items:
        if "soffice" in item.keywords:
            item.add_marker(skip)


def _skip_without(items, marker: str, available: bool, require_env: str, what: str) -> None:
    """Tests marked ``marker`` are skipped when ``what`` is missing, unless CI requires it."""
    if available or not any(marker in item.keywords for item in items):
        return
    if os.environ.get(require_env) == "1":
        raise pytest.UsageError(f"{require_env}=1 but {what} are not installed")
    skip = pytest.mark.skip(reason=f"{what} not installed")
    for item in items:
        if marker in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def tracker_copy(tmp_path) -> Path:
    """A copy of the bundled example tracker that a test may edit."""
    from ita_xl import resources

    target = tmp_path / "ITA_tracker.xlsm"
    shutil.copy(resources.example_workbook(), target)
    return target
