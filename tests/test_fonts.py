"""The derived TH SarabunPSK stand-in has TH SarabunPSK's metrics.

Reference metrics (per 1000 em) of TH SarabunPSK: the width table of signintech/gopdf,
``fonts/THSarabun.font.go`` (https://github.com/signintech/gopdf, commit 6b8008ad, read
2025-11; widths in Windows-874 order, Ascent 850, Descent -250).  The table below is typed from
that file independently of the one in ``ita_xl/fonts.py``, grouped by class.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
from pathlib import Path

import pytest

fontTools = pytest.importorskip("fontTools")
from fontTools.ttLib import TTFont  # noqa: E402

from ita_xl import fonts  # noqa: E402

# --- reference: TH SarabunPSK (gopdf fonts/THSarabun.font.go) --------------------------------------
REF_SPACE = {" ": 216, "\u00a0": 216}
REF_DIGITS = dict.fromkeys("0123456789", 362)
REF_THAI_DIGITS = dict.fromkeys("๐๑๒๓๔๕๖๗๘๙", 449)
REF_LATIN = dict(zip(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    [400, 378, 406, 431, 351, 351, 425, 441, 147, 264, 376, 353, 548, 441, 486, 378, 487, 379,
     352, 379, 466, 390, 588, 418, 366, 424])) | dict(zip(
    "abcdefghijklmnopqrstuvwxyz",
    [344, 401, 331, 401, 374, 206, 311, 390, 143, 155, 316, 200, 601, 390, 398, 401, 401, 217,
     282, 238, 390, 341, 507, 318, 337, 321]))
REF_THAI_CONSONANTS = dict(zip(
    "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรฤลฦวศษสหฬอฮ",
    [386, 378, 382, 393, 393, 408, 294, 367, 377, 380, 384, 519, 519, 425, 425, 343, 461, 532,
     543, 391, 391, 378, 430, 335, 420, 428, 428, 381, 381, 447, 447, 425, 400, 375, 322, 378,
     381, 425, 335, 393, 438, 381, 427, 454, 387, 372]))
REF_THAI_VOWELS = {"ะ": 357, "า": 316, "ำ": 316, "เ": 203, "แ": 377, "โ": 237, "ใ": 242,
                   "ไ": 244, "ๅ": 205, "ๆ": 399, "ฯ": 391, "฿": 411, "๏": 450, "๚": 522,
                   "๛": 697}  # vowels and signs
REF_THAI_MARKS = dict.fromkeys("ัิีึืฺุู็่้๊๋์ํ๎", 0)  # zero-width combining marks
REF_PUNCT = {"!": 147, '"': 208, "#": 403, "$": 361, "%": 585, "&": 423, "'": 120, "(": 190,
             ")": 190, "*": 285, "+": 411, ",": 162, "-": 216, ".": 162, "/": 270, ":": 162,
             ";": 162, "<": 411, "=": 411, ">": 411, "?": 283, "@": 536, "[": 196, "\\": 262,
             "]": 196, "^": 412, "_": 352, "`": 204, "{": 208, "|": 153, "}": 208, "~": 416,
             "€": 406, "…": 479, "‘": 247, "’": 247, "“": 370, "”": 370, "•": 216, "–": 360,
             "—": 720}
CLASSES = {
    "space": REF_SPACE, "digits": REF_DIGITS, "thai digits": REF_THAI_DIGITS,
    "latin": REF_LATIN, "thai consonants": REF_THAI_CONSONANTS, "thai vowels": REF_THAI_VOWELS,
    "punctuation": REF_PUNCT,
}
ASCENT, DESCENT = 850, 250
TOLERANCE = 0.03


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """A freshly derived font set in a private cache (the system font is ignored on purpose)."""
    cache = tmp_path_factory.mktemp("font-cache")
    return fonts.ensure_fonts(prefer_system=False, cache_dir=cache)


def _font(setup, style="Regular") -> TTFont:
    path = setup.font_dir / f"ITASarabun-{style}.ttf"
    assert path.is_file(), path
    return TTFont(str(path))


def _advances(font: TTFont, chars) -> dict[str, float]:
    """Advance widths per 1000 em."""
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    upm = font["head"].unitsPerEm
    return {c: hmtx[cmap[ord(c)]][0] * 1000 / upm for c in chars}


def _sarabun(style="Regular") -> TTFont:
    return TTFont(str(fonts._sarabun_dir() / f"Sarabun-{style}.ttf"))


def test_reference_table_in_code_matches_the_source():
    mine = {}
    for table in CLASSES.values():
        mine.update(table)
    mine.update(REF_THAI_MARKS)
    code = fonts.reference_widths("regular")
    assert {c: code[c] for c in mine} == mine
    assert set(code) - set(mine) == set(), "the test's table should cover the whole repertoire"


@pytest.mark.parametrize("cls", list(CLASSES))
def test_advance_widths_match_th_sarabunpsk(setup, cls):
    font = _font(setup)
    got = _advances(font, CLASSES[cls])
    errors = {c: got[c] / ref - 1 for c, ref in CLASSES[cls].items()}
    worst = max(errors, key=lambda c: abs(errors[c]))
    assert abs(errors[worst]) <= TOLERANCE, (cls, worst, got[worst], CLASSES[cls][worst])


def test_digits_and_space_exact(setup):
    got = _advances(_font(setup), "0 ๐")
    assert got["0"] == pytest.approx(362, abs=1)
    assert got[" "] == pytest.approx(216, abs=1)
    assert got["๐"] == pytest.approx(449, abs=1)


def test_combining_marks_stay_zero_width(setup):
    got = _advances(_font(setup), REF_THAI_MARKS)
    assert all(v == 0 for v in got.values()), got


def test_uniform_scale_fit_is_reported(setup, capsys):
    """What one uniform scale of Sarabun gives before per-glyph respacing (the fit to report)."""
    assert 0.64 <= setup.scale <= 0.68, setup.scale
    sarabun = _sarabun()
    upm = sarabun["head"].unitsPerEm
    cmap, hmtx = sarabun.getBestCmap(), sarabun["hmtx"]
    summary = {}
    for cls, table in CLASSES.items():
        errs = {c: hmtx[cmap[ord(c)]][0] * 1000 / upm * setup.scale / w - 1
                for c, w in table.items()}
        worst = sorted(errs, key=lambda c: -abs(errs[c]))[:3]
        summary[cls] = (statistics.median(errs.values()), [(c, round(errs[c], 3)) for c in worst])
    with capsys.disabled():
        print(f"\nuniform scale {setup.scale:.4f} (unitsPerEm {round(1000 / setup.scale)}), "
              "error before respacing:")
        for cls, (median, worst) in summary.items():
            print(f"  {cls:16s} median {median:+.1%}  worst {worst}")
    # The scale fits the Thai classes and digits; the rest is the per-glyph respacing's job.
    for cls in ("digits", "thai digits", "thai consonants", "thai vowels"):
        assert abs(summary[cls][0]) <= TOLERANCE, (cls, summary[cls])


@pytest.mark.parametrize("table", ["hhea", "typo", "win"])
def test_line_height_is_th_sarabunpsk(setup, table):
    for style in ("Regular", "Bold", "Italic", "BoldItalic"):
        font = _font(setup, style)
        upm = font["head"].unitsPerEm
        os2, hhea = font["OS/2"], font["hhea"]
        ascent, descent, gap = {
            "hhea": (hhea.ascent, -hhea.descent, hhea.lineGap),
            "typo": (os2.sTypoAscender, -os2.sTypoDescender, os2.sTypoLineGap),
            "win": (os2.usWinAscent, os2.usWinDescent, 0),
        }[table]
        assert (ascent + descent + gap) * 1000 / upm == pytest.approx(ASCENT + DESCENT,
                                                                        rel=TOLERANCE)
        assert ascent * 1000 / upm == pytest.approx(ASCENT, rel=TOLERANCE)


def test_bold_matches_the_bold_reference(setup):
    font = _font(setup, "Bold")
    ref = fonts.reference_widths("bold")
    got = _advances(font, [c for c, w in ref.items() if w])
    bad = {c: (got[c], ref[c]) for c in got if abs(got[c] / ref[c] - 1) > TOLERANCE}
    assert not bad


def test_names_and_styles(setup):
    expected = {"Regular": ("Regular", 400, False), "Bold": ("Bold", 700, False),
                "Italic": ("Italic", 400, True), "BoldItalic": ("Bold Italic", 700, True)}
    for style, (sub, weight, italic) in expected.items():
        font = _font(setup, style)
        name = font["name"]
        assert name.getDebugName(1) == fonts.FAMILY == setup.family
        assert name.getDebugName(2) == sub
        assert name.getDebugName(6) == f"ITASarabun-{style}"
        assert "TH SarabunPSK" not in (name.getDebugName(4) or "")
        assert font["OS/2"].usWeightClass == weight
        assert bool(font["OS/2"].fsSelection & 1) == italic
        # hinting and pair kerning are gone
        assert "fpgm" not in font and "prep" not in font
        for record in font["GPOS"].table.FeatureList.FeatureRecord:
            if record.FeatureTag == "kern":
                assert not record.Feature.LookupListIndex


def test_marks_still_sit_on_their_base(setup):
    """Outlines moved inside their new advance; the mark anchors must have moved with them."""
    def anchors(font: TTFont, glyph: str) -> list[int]:
        out = []
        for lookup in font["GPOS"].table.LookupList.Lookup:
            if lookup.LookupType != 4:
                continue
            for sub in lookup.SubTable:
                if glyph in sub.BaseCoverage.glyphs:
                    rec = sub.BaseArray.BaseRecord[sub.BaseCoverage.glyphs.index(glyph)]
                    out += [a.XCoordinate for a in rec.BaseAnchor if a is not None]
        return out

    original, derived = _sarabun(), _font(setup)
    for ch in "กปฟญ":
        glyph = original.getBestCmap()[ord(ch)]
        before = [x - original["glyf"][glyph].xMin for x in anchors(original, glyph)]
        after = [x - derived["glyf"][glyph].xMin for x in anchors(derived, glyph)]
        assert before and before == after, ch


def test_licence_ships_with_the_fonts(setup):
    bundled = Path(fonts.__file__).parent / "data" / "fonts" / "OFL.txt"
    for path in (bundled, setup.font_dir / "OFL.txt"):
        text = path.read_text(encoding="utf-8")
        assert "SIL OPEN FONT LICENSE Version 1.1" in text
        assert "The Sarabun Project Authors" in text


def test_private_fontconfig_resolves_th_sarabunpsk_to_the_stand_in(setup):
    if not shutil.which("fc-match"):
        pytest.skip("fontconfig (fc-match) not installed")
    env = {**os.environ, **setup.env()}
    for request, style in (("TH SarabunPSK", "Regular"), ("TH SarabunPSK:bold", "Bold"),
                           ("TH SarabunPSK:italic", "Italic"),
                           ("TH SarabunPSK:bold:italic", "BoldItalic")):
        out = subprocess.run(["fc-match", "--format", "%{family[0]}|%{file}|%{matrix}", request],
                             capture_output=True, text=True, env=env, check=True).stdout
        family, file, matrix = out.split("|")
        assert family == setup.family, out
        assert Path(file) == setup.font_dir / f"ITASarabun-{style}.ttf"
        assert not matrix, "no scaling matrix (LibreOffice would ignore it)"
    # the system configuration is untouched
    system = {k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}
    plain = subprocess.run(["fc-match", "--format", "%{family[0]}", "TH SarabunPSK"],
                           capture_output=True, text=True, env=system).stdout
    assert plain != setup.family


def test_cache_is_reused_and_keyed(setup):
    regular = setup.font_dir / "ITASarabun-Regular.ttf"
    stamp = regular.stat().st_mtime_ns
    fonts._memo.clear()
    again = fonts.ensure_fonts(prefer_system=False, cache_dir=setup.font_dir.parent)
    assert again.font_dir == setup.font_dir
    assert regular.stat().st_mtime_ns == stamp
    assert "derived-" in setup.font_dir.name
    assert not [p for p in setup.font_dir.parent.iterdir() if p.name.startswith(".tmp")]


def test_installed_th_sarabunpsk_wins(tmp_path, monkeypatch):
    fake = tmp_path / "fonts" / "THSarabun.ttf"
    fake.parent.mkdir()
    fake.write_bytes(b"")
    monkeypatch.setattr(fonts, "find_system_font", lambda: fake)
    fonts._memo.clear()
    try:
        setup = fonts.ensure_fonts(cache_dir=tmp_path / "cache")
    finally:
        fonts._memo.clear()
    assert setup.source == "system TH SarabunPSK"
    assert setup.family == "TH SarabunPSK"
    assert setup.font_dir == fake.parent
    conf = setup.fontconfig_file.read_text(encoding="utf-8")
    assert "ITA Sarabun" not in conf
    assert setup.env()["FONTCONFIG_FILE"] == str(setup.fontconfig_file)
