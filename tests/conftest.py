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

sys.path.insert(0, str(Path(__file__).parent))  # the helpers beside the tests


def soffice_available() -> bool:
    return bool(os.environ.get("ITA_XL_SOFFICE") or shutil.which("soffice")
                or shutil.which("libreoffice"))


def pytest_collection_modifyitems(config, items):
    if soffice_available():
        return
    if os.environ.get("ITA_XL_REQUIRE_SOFFICE") == "1":
        raise pytest.UsageError("ITA_XL_REQUIRE_SOFFICE=1 but LibreOffice (soffice) is not installed")
    skip = pytest.mark.skip(reason="LibreOffice (soffice) not installed")
    for item in items:
        if "soffice" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def tracker_copy(tmp_path) -> Path:
    """A copy of the bundled example tracker that a test may edit."""
    from ita_xl import resources

    target = tmp_path / "ITA_tracker.xlsm"
    shutil.copy(resources.example_workbook(), target)
    return target
