"""Files that ship with ita-xl, found one way: through ``importlib.resources``.

The repository keeps the shipped files where people edit them: ``templates/`` (the Word
templates), ``workbook/`` (the bundled tracker and its sources) and ``docs/`` at the top, and
``ita_xl/data/`` (the font licence, the frameworks per fiscal year) inside the package.  ``pyproject.toml`` maps the top-level
folders into the wheel as the resource packages ``ita_xl._templates``, ``ita_xl._workbook`` and
``ita_xl._docs``; there is no second copy in the source tree.

Every caller asks this module; nothing else computes a path to a shipped file.  In a source
checkout (this package directory sits beside ``pyproject.toml``) the top-level folders of *that*
checkout are used, so a git worktree never picks up another checkout's files through an editable
install's import hooks; everywhere else the resource packages of the installed wheel are used.
"""
from __future__ import annotations

import os
from importlib import resources as _importlib_resources
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent

#: resource package (in the wheel) → top-level folder (in the repository)
SHIPPED = {"_templates": "templates", "_workbook": "workbook", "_docs": "docs"}

TEMPLATE_NAMES = ("memo.docx", "report.docx")
EXAMPLE_WORKBOOK = "ITA_tracker.xlsm"
SETUP_GUIDE = "excel-setup.md"  # the guide the About box of the ribbon names


def source_checkout() -> Path | None:
    """The repository this package was imported from, or None for an installed wheel."""
    root = PACKAGE_DIR.parent
    return root if (root / "pyproject.toml").is_file() and (root / "templates").is_dir() else None


def _shipped(package: str) -> Path:
    """The folder of one group of shipped files (a real directory: wheels are not zipped)."""
    checkout = source_checkout()
    if checkout is not None:
        return checkout / SHIPPED[package]
    return _package_dir() / package


def _package_dir() -> Path:
    # ``files("ita_xl")`` and not ``files("ita_xl._templates")``: the shipped folders have no
    # ``__init__.py``, and as namespace packages they could merge another installation's folder.
    return Path(str(_importlib_resources.files("ita_xl")))


def package_data(*parts: str) -> Path:
    """A file under ``ita_xl/data/`` (e.g. ``package_data("fonts", "OFL.txt")``)."""
    return _package_dir().joinpath("data", *parts)


def templates_dir() -> Path:
    """The Word templates: ``$ITA_XL_TEMPLATES`` (an agency's own), else the shipped ones."""
    env = os.environ.get("ITA_XL_TEMPLATES")
    return Path(env) if env else _shipped("_templates")


def shipped_templates_dir() -> Path:
    """The templates that ship with ita-xl (what the builder writes), ignoring the override."""
    return _shipped("_templates")


def workbook_dir() -> Path:
    """``workbook/``: the bundled tracker and its sources (``src/``)."""
    return _shipped("_workbook")


def example_workbook() -> Path:
    return workbook_dir() / EXAMPLE_WORKBOOK


def vba_projects_dir() -> Path:
    """``workbook/vba/``: the VBA projects of trackers with sheets the shipped tracker lacks (the
    import's review sheet, an ``init --framework`` tracker's framework sheet), one per set of
    extra sheets (``<codeName>.bin``); built from source by the builder like the tracker."""
    return workbook_dir() / "vba"


def example_data() -> Path:
    return workbook_dir() / "src" / "example.toml"


def workbook_sources() -> Path:
    """``workbook/src/``: VBA, ribbon XML and the example data the tracker is built from."""
    return workbook_dir() / "src"


def docs_dir() -> Path:
    return _shipped("_docs")


def setup_guide() -> Path:
    """``docs/excel-setup.md``, the set-up guide the ribbon's About box points to."""
    return docs_dir() / SETUP_GUIDE


def shipped_files() -> list[Path]:
    """Every file a working installation needs (the wheel test looks for each of them)."""
    files = [shipped_templates_dir() / name for name in TEMPLATE_NAMES]
    files += [shipped_templates_dir() / "README.md", example_workbook(), example_data(),
              setup_guide(), package_data("fonts", "OFL.txt")]
    files += sorted(p for p in workbook_sources().rglob("*") if p.is_file())
    files += sorted(vba_projects_dir().glob("*.bin"))
    files += sorted(package_data("frameworks").glob("*.toml"))
    return files
