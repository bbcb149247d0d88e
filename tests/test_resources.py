"""``ita_xl.resources``: every shipped file is found, in this checkout and in an installed wheel."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ita_xl import resources

ROOT = Path(__file__).resolve().parents[1]


def test_in_a_checkout_the_shipped_files_are_this_checkouts():
    assert resources.source_checkout() == ROOT
    files = resources.shipped_files()
    assert all(p.is_file() for p in files), [p for p in files if not p.is_file()]
    assert resources.example_workbook() == ROOT / "workbook" / "ITA_tracker.xlsm"
    assert resources.shipped_templates_dir() == ROOT / "templates"
    assert resources.setup_guide() == ROOT / "docs" / "excel-setup.md"
    # The About box names the guide by its real path.
    from ita_xl import excel

    assert str(resources.setup_guide()) in excel.about().message


def test_templates_can_be_overridden(monkeypatch, tmp_path):
    monkeypatch.setenv("ITA_XL_TEMPLATES", str(tmp_path))
    assert resources.templates_dir() == tmp_path
    assert resources.shipped_templates_dir() == ROOT / "templates"


def test_no_second_copy_of_the_shipped_folders_in_the_package():
    for package in resources.SHIPPED:
        assert not (ROOT / "ita_xl" / package).exists(), package


_PROBE = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    import ita_xl
    from ita_xl import excel, resources
    files = resources.shipped_files()
    print(json.dumps({
        "package": ita_xl.__file__,
        "checkout": str(resources.source_checkout()),
        "missing": [str(p) for p in files if not p.is_file()],
        "count": len(files),
        "guide": str(resources.setup_guide()),
        "about": excel.about().message,
        "vba": sorted(p.name for p in (resources.workbook_sources() / "vba").iterdir()),
    }))
""")


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


@pytest.mark.slow
def test_an_installed_wheel_finds_every_shipped_file(tmp_path):
    """Build the wheel (not editable) from a copy of this checkout, install it into a fresh
    virtual environment and look for every shipped file from there, the guide the About box
    names included; then make a new tracker and check the bundled example with it."""
    import json

    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", "output"))
    wheels = tmp_path / "wheels"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # conftest sets it
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels),
                    str(src)], check=True, env=env, cwd=tmp_path, capture_output=True)
    (wheel,) = wheels.glob("ita_xl-*.whl")
    venv = tmp_path / "venv"
    # The dependencies come from this Python's site-packages; pip runs from there too, so the
    # environment needs no ensurepip (Debian's python3-venv).
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip",
                    str(venv)], check=True, env=env, capture_output=True)
    python = _venv_python(venv)
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                    str(wheel)], check=True, env=env, cwd=tmp_path, capture_output=True)

    probe = subprocess.run([str(python), "-c", _PROBE], env=env, cwd=tmp_path,
                           capture_output=True, text=True, check=True)
    found = json.loads(probe.stdout)
    assert Path(found["package"]).resolve().is_relative_to(venv.resolve())
    assert found["checkout"] == "None"
    assert found["missing"] == []
    assert found["count"] == len(resources.shipped_files())
    assert Path(found["guide"]).is_file()
    assert found["guide"] in found["about"]
    assert found["vba"] == sorted(p.name for p in (ROOT / "workbook" / "src" / "vba").iterdir())

    # The installed copy works on its own files: a new tracker, and the example checked.
    new = tmp_path / "new.xlsm"
    made = subprocess.run([str(python), "-m", "ita_xl", "init", str(new)], env=env,
                          cwd=tmp_path, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    assert new.is_file()
    checked = subprocess.run([str(python), "-m", "ita_xl", "check", "--example", "--format",
                              "json"], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout)  # the example's own warnings
