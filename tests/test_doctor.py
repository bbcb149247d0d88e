"""``ita-xl doctor`` reports LibreOffice, the Thai font setup and a real PDF probe."""
from __future__ import annotations

import pytest

from ita_xl import doctor


def by_name(checks):
    return {c.name: c for c in checks}


@pytest.mark.soffice
def test_collect_reports_libreoffice_and_fonts_on_this_machine():
    checks = doctor.collect()
    names = by_name(checks)
    assert {"Python", "ita-xl", "openpyxl", "docxtpl", "LibreOffice"} <= set(names)
    lo = names["LibreOffice"]
    assert lo.ok is True and "LibreOffice" in lo.detail and "soffice" in lo.detail
    font = next(c for c in checks if "PDF font" in c.name)
    assert font.ok is True, font.detail
    assert "TH SarabunPSK" in font.detail
    assert ("ITA Sarabun" in font.detail) or ("system TH SarabunPSK" in font.detail)
    system = next(c for c in checks if "system font" in c.name)
    assert system.ok in (True, None) and system.detail
    probe = next(c for c in checks if "PDF probe" in c.name)
    assert probe.ok in (True, None), probe.detail  # None only without poppler-utils
    if probe.ok:
        assert "%" in probe.detail and "fonts:" in probe.detail
    text = doctor.render(checks)
    assert "[OK]" in text and "LibreOffice" in text
    assert text.splitlines()[0].startswith("ita-xl doctor: ตรวจ")


def test_collect_without_libreoffice_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("ITA_XL_SOFFICE", str(tmp_path / "missing-soffice"))
    checks = by_name(doctor.collect())
    lo = checks["LibreOffice"]
    assert lo.ok is False
    assert lo.detail.startswith("ไม่พบโปรแกรม LibreOffice")
    assert "LibreOffice not found" in lo.detail
    probe = next(c for n, c in checks.items() if "PDF probe" in n)
    assert probe.ok is False
    text = doctor.render(list(checks.values()))
    assert "[FAIL]" in text and "problem(s) found" in text


def test_render_marks_information_and_failures():
    text = doctor.render([doctor.Check("ก", True, "a"), doctor.Check("ข", None, "b"),
                          doctor.Check("ค", False, "c")])
    assert "[OK]" in text and "[INFO]" in text and "[FAIL]" in text
    assert "1 problem(s) found" in text


@pytest.mark.soffice
def test_probe_catches_wrong_metrics(monkeypatch):
    """Without the private fontconfig this machine's PDFs are wrong; the probe must say so."""
    import shutil
    import subprocess

    from ita_xl import convert
    if not shutil.which("pdftotext") or not shutil.which("fc-match"):
        pytest.skip("needs poppler-utils and fontconfig")
    system = subprocess.run(["fc-match", "--format", "%{family[0]}", "TH SarabunPSK"],
                            capture_output=True, text=True,
                            env={"PATH": __import__("os").environ.get("PATH", "")}).stdout
    if system == "TH SarabunPSK":
        pytest.skip("a real TH SarabunPSK is installed")
    real = convert.to_pdf
    monkeypatch.setattr(convert, "to_pdf",
                        lambda files, outdir, **kw: real(files, outdir, use_fonts=False))
    probe = doctor.probe_pdf()
    assert probe.ok is False, probe.detail
