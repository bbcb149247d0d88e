"""A TH SarabunPSK that LibreOffice can find on any Linux machine.

Thai official documents ask for "TH SarabunPSK" 16 pt.  That font is rarely installed on Linux;
Debian's fonts-thai-tlwg then hands LibreOffice *Laksaman* with a 0.66 scaling matrix that
LibreOffice ignores, so every Thai line comes out about 1.5 times too large.

:func:`ensure_fonts` fixes that without touching the system configuration:

* if a real TH SarabunPSK is installed, it is used as is;
* otherwise a metric-compatible stand-in, family ``ITA Sarabun``, is derived once from Google's
  Sarabun (OFL 1.1, PyPI ``fontpkg-sarabun``) with fontTools and cached under
  ``$XDG_CACHE_HOME/ita-xl/fonts/`` (``~/.cache/ita-xl/fonts/``), keyed by the hash of the source
  fonts and :data:`DERIVATION_VERSION`;
* a private ``fonts.conf`` includes the system configuration, adds the cached fonts and rewrites
  requests for "TH SarabunPSK" (and "TH Sarabun New", "TH SarabunIT๙") to ``ITA Sarabun`` *before*
  the tlwg rules run, so Laksaman is never considered.  Point LibreOffice at it with
  ``FontSetup.env()`` (``FONTCONFIG_FILE``).

How the stand-in is derived (per style Regular, Bold, Italic, Bold Italic):

1. one uniform scale for the whole family, ``s`` = median over the reference glyphs of
   (TH SarabunPSK advance / Sarabun advance), applied by raising ``unitsPerEm`` to ``1000 / s``:
   outlines, anchors and every other value in font units keep their exact design, and the em gets
   smaller by ``s`` (≈ 0.658: Sarabun's digits are 550/1000 em, TH SarabunPSK's 362/1000);
2. the advance width of every glyph in TH SarabunPSK's Windows-874 repertoire (ASCII, Thai, the
   typographic quotes and dashes) is then set to TH SarabunPSK's width, the outline centred in
   the new advance (mark anchors moved with it), so line breaks fall where Word puts them with the
   real font.  Glyphs outside that repertoire keep the uniform scale; variants reached through
   GSUB (e.g. ญ without its tail) and composites built on an adjusted glyph follow their base;
3. ascent 850 and descent 250 per 1000 em in hhea, OS/2 typo and OS/2 win metrics (line height
   1.1 em, as TH SarabunPSK); line gap 0;
4. pair kerning (the GPOS ``kern`` feature) is switched off so that a line's width is the sum of
   the advances, as in Word (which does not kern by default) with the real font; TrueType hinting
   is dropped (it does not survive the changes and does not matter for PDF).

Reference widths: TH SarabunPSK's advance widths per 1000 em in Windows-874 order as published in
signintech/gopdf ``fonts/THSarabun.font.go`` (Ascent 850, Descent -250); the bold widths from
``fonts/THSarabunNew_Bold.font.go`` (TH Sarabun New's regular table there is identical to
TH SarabunPSK's, so its bold table is used as the best public stand-in for TH SarabunPSK Bold).
Italic styles use the upright tables (an assumption: no public table was found).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from .errors import ItaError

__all__ = [
    "DERIVATION_VERSION", "FAMILY", "DIGITS_FAMILY", "REQUESTED_FAMILY", "ALIASES", "FontSetup", "FontError",
    "ensure_fonts", "reference_widths", "find_system_font", "cache_root", "fc_match",
]

#: Bump whenever the derived fonts would come out different; part of the cache key.
DERIVATION_VERSION = 2
#: Family of the digits-only companion font: the digits 0-9 drawn as the Thai digits ๐-๙ of the
#: font in use.  LibreOffice cannot print a page number in Thai digits (it imports no
#: ``thaiNumbers`` page format and maps ``\* ThaiArabic`` to Thai letters), so the PDF copy
#: (``pdfcopy``) sets the PAGE field in this font: the page shows "๒", its text layer reads "2".
DIGITS_FAMILY = "ITA Thai Digits"
DIGITS_FILE = "ITAThaiDigits-Regular.ttf"
#: Family name of the derived stand-in (its PostScript names are ``ITASarabun-*``).
FAMILY = "ITA Sarabun"
#: The family Thai official templates ask for.
REQUESTED_FAMILY = "TH SarabunPSK"
#: Requests that are rewritten to the stand-in (same metrics as TH SarabunPSK for Thai and Latin).
ALIASES = ("TH SarabunPSK", "TH Sarabun New", "TH SarabunIT๙")

#: Line metrics of TH SarabunPSK per 1000 em.
ASCENT = 850
DESCENT = 250

STYLES = {  # our style -> (Sarabun file stem, subfamily name, reference table)
    "Regular": ("Sarabun-Regular", "Regular", "regular"),
    "Bold": ("Sarabun-Bold", "Bold", "bold"),
    "Italic": ("Sarabun-Italic", "Italic", "regular"),
    "BoldItalic": ("Sarabun-BoldItalic", "Bold Italic", "bold"),
}

# --- reference advance widths: ita_xl/metrics.py (typesetting measures text with them too,
# without importing this module) --------------------------------------------------------------
from .metrics import reference_widths  # noqa: E402  (re-exported)


# --- public API -------------------------------------------------------------------------------
class FontError(ItaError):
    """The Thai font for PDF output cannot be set up."""


@dataclass(frozen=True)
class FontSetup:
    """Where the font for "TH SarabunPSK" comes from and how to make LibreOffice use it."""

    fontconfig_file: Path
    font_dir: Path
    family: str
    source: str  # "system TH SarabunPSK" | "derived from Sarabun"
    files: tuple[Path, ...] = field(default=())
    scale: float | None = None  # uniform scale applied to Sarabun (derived only)
    digits_file: Path | None = None  # the companion font of DIGITS_FAMILY

    def env(self) -> dict[str, str]:
        """Environment additions for a process that should see this font setup."""
        return {"FONTCONFIG_FILE": str(self.fontconfig_file)}


_lock = threading.Lock()
_memo: dict[tuple, FontSetup] = {}


def ensure_fonts(*, prefer_system: bool = True, cache_dir: Path | None = None) -> FontSetup:
    """Return the font setup for PDF conversion, deriving and caching the stand-in on first use.

    ``prefer_system=False`` ignores an installed TH SarabunPSK (for tests and comparisons).
    Raises :class:`FontError` when neither a system TH SarabunPSK nor ``fontpkg-sarabun`` is
    available.
    """
    roots = [Path(cache_dir)] if cache_dir else [cache_root(), _fallback_root()]
    key = (prefer_system, str(roots[0]))
    with _lock:
        if key in _memo and _memo[key].fontconfig_file.exists():
            return _memo[key]
        system = find_system_font() if prefer_system else None
        for number, root in enumerate(roots, start=1):
            try:
                setup = _system_setup(system, root) if system else _derived_setup(root)
                break
            except OSError as exc:  # cache folder not writable: try the next one
                if number == len(roots):
                    raise FontError(
                        f"เขียนแคชฟอนต์ไม่ได้: {root}", f"Cannot write the font cache: {root}",
                        hint_th="กำหนดตัวแปร XDG_CACHE_HOME ให้ชี้ไปยังโฟลเดอร์ที่เขียนได้",
                        hint_en=f"Set XDG_CACHE_HOME to a writable folder ({exc})") from exc
        _memo[key] = setup
        return setup


def cache_root() -> Path:
    from .cache import user_folder

    return user_folder() / "fonts"


def _fallback_root() -> Path:
    user = os.environ.get("USER") or os.environ.get("USERNAME") or str(os.getuid()
                                                                        if hasattr(os, "getuid")
                                                                        else "user")
    return Path(tempfile.gettempdir()) / f"ita-xl-{user}" / "fonts"


def find_system_font() -> Path | None:
    """The file of an installed TH SarabunPSK (regular), or None.

    Uses ``fc-list`` with the *system* configuration (a fontconfig alias such as tlwg's Laksaman
    does not count: fc-list lists real fonts only); without fontconfig, scans the usual font
    folders of Windows and macOS.
    """
    env = dict(os.environ)
    env.pop("FONTCONFIG_FILE", None)
    fc_list = shutil.which("fc-list")
    if fc_list:
        try:
            out = subprocess.run(
                [fc_list, "--format", "%{file}\t%{style}\n", f":family={REQUESTED_FAMILY}"],
                capture_output=True, text=True, timeout=30, env=env,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        files = []
        for line in out.splitlines():
            path, _, style = line.partition("\t")
            if path:
                files.append((0 if "Regular" in style or "Normal" in style else 1, path))
        if files:
            return Path(sorted(files)[0][1])
        if sys.platform.startswith("linux"):
            return None
    for folder in _font_folders():
        for pattern in ("THSarabun*.ttf", "THSarabun*.TTF", "thsarabun*.ttf"):
            for candidate in sorted(folder.glob(pattern)):
                if _family_of(candidate) == REQUESTED_FAMILY:
                    return candidate
    return None


# --- system font ------------------------------------------------------------------------------
def _font_folders() -> list[Path]:
    folders = []
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR", r"C:\Windows")
        folders.append(Path(windir) / "Fonts")
        if os.environ.get("LOCALAPPDATA"):
            folders.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        folders += [Path("/Library/Fonts"), Path.home() / "Library" / "Fonts"]
    else:
        folders += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
                    Path.home() / ".local/share/fonts", Path.home() / ".fonts"]
    return [f for f in folders if f.is_dir()]


def _family_of(path: Path) -> str | None:
    try:
        from fontTools.ttLib import TTFont
        font = TTFont(str(path), lazy=True)
        name = font["name"]
        return str(name.getDebugName(16) or name.getDebugName(1))
    except Exception:  # noqa: BLE001 - any unreadable file is simply not our font
        return None


def _system_setup(font_file: Path, root: Path) -> FontSetup:
    digest = hashlib.sha256(str(font_file).encode()).hexdigest()[:12]
    workdir = root / f"system-{digest}"
    workdir.mkdir(parents=True, exist_ok=True)
    digits: Path | None = workdir / "digits" / DIGITS_FILE
    if not digits.is_file():
        try:
            _write_digits_font(font_file, digits)
        except Exception:  # noqa: BLE001 - a font fontTools cannot read: PDFs keep 0-9
            digits = None
    conf = workdir / "fonts.conf"
    _write_if_changed(conf, _fonts_conf(font_dir=digits.parent if digits else None,
                                        cache_dir=workdir / "fc-cache", alias_to=None))
    return FontSetup(fontconfig_file=conf, font_dir=font_file.parent, family=REQUESTED_FAMILY,
                     source="system TH SarabunPSK", files=(font_file,), digits_file=digits)


# --- derived font ------------------------------------------------------------------------------
def _sarabun_dir() -> Path:
    try:
        import fontpkg_sarabun  # type: ignore[import-not-found]
    except ImportError as exc:
        raise FontError(
            "ไม่พบฟอนต์ TH SarabunPSK ในเครื่อง และไม่ได้ติดตั้งแพ็กเกจ fontpkg-sarabun "
            "ที่ใช้สร้างฟอนต์ทดแทน",
            "TH SarabunPSK is not installed and the package fontpkg-sarabun (used to derive a "
            "stand-in) is missing",
            hint_th="ติดตั้งด้วยคำสั่ง: pip install fontpkg-sarabun",
            hint_en="install it: pip install fontpkg-sarabun",
        ) from exc
    root = Path(getattr(fontpkg_sarabun, "ROOT", Path(fontpkg_sarabun.__file__).parent))
    return root / "files" if (root / "files").is_dir() else root


def _source_files() -> dict[str, Path]:
    folder = _sarabun_dir()
    files = {}
    for style, (stem, _sub, _table) in STYLES.items():
        path = folder / f"{stem}.ttf"
        if not path.is_file():
            raise FontError(
                f"แพ็กเกจ fontpkg-sarabun ไม่มีไฟล์ {path.name}",
                f"fontpkg-sarabun has no {path.name} (looked in {folder})",
                hint_th="ติดตั้งใหม่ด้วยคำสั่ง: pip install --force-reinstall fontpkg-sarabun",
                hint_en="reinstall it: pip install --force-reinstall fontpkg-sarabun",
            )
        files[style] = path
    return files


def _licence_text(source_dir: Path) -> str:
    from . import resources

    bundled = resources.package_data("fonts", "OFL.txt")
    for candidate in (bundled, source_dir.parent / "LICENSE", source_dir / "LICENSE",
                      source_dir / "OFL.txt"):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise FontError("ไม่พบข้อความสัญญาอนุญาต OFL ของฟอนต์ Sarabun",
                    "The OFL licence text of Sarabun was not found")


def _derived_setup(root: Path) -> FontSetup:
    sources = _source_files()
    digest = hashlib.sha256(f"ita-xl-fonts-v{DERIVATION_VERSION}".encode())
    for style in sorted(sources):
        digest.update(style.encode())
        digest.update(sources[style].read_bytes())
    key = digest.hexdigest()[:16]
    final = root / f"derived-{key}"
    manifest = final / "manifest.json"
    if not manifest.is_file():
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-derive-", dir=root))
        try:
            info = _derive_all(sources, tmp)
            _write_digits_font(tmp / info["files"]["Regular"], tmp / DIGITS_FILE)
            info["digits_file"] = DIGITS_FILE
            (tmp / "OFL.txt").write_text(_licence_text(next(iter(sources.values())).parent),
                                         encoding="utf-8")
            (tmp / "manifest.json").write_text(json.dumps(info, indent=2, ensure_ascii=False),
                                               encoding="utf-8")
            try:
                os.replace(tmp, final)
            except OSError:
                # Another process finished first (the target exists and is not empty).
                if not manifest.is_file():
                    shutil.rmtree(final, ignore_errors=True)
                    os.replace(tmp, final)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    info = json.loads(manifest.read_text(encoding="utf-8"))
    conf = final / "fonts.conf"
    _write_if_changed(conf, _fonts_conf(font_dir=final, cache_dir=final / "fc-cache",
                                        alias_to=FAMILY))
    return FontSetup(fontconfig_file=conf, font_dir=final, family=FAMILY,
                     source="derived from Sarabun",
                     files=tuple(final / f for f in info["files"].values()),
                     scale=info["scale"], digits_file=final / info["digits_file"])


def _derive_all(sources: dict[str, Path], outdir: Path) -> dict:
    from fontTools.ttLib import TTFont

    regular = TTFont(str(sources["Regular"]))
    scale = _uniform_scale(regular, reference_widths("regular"))
    upm = round(1000 / scale)
    files = {}
    for style, path in sources.items():
        _stem, subfamily, table = STYLES[style]
        font = TTFont(str(path), recalcTimestamp=False)
        _derive(font, upm=upm, widths=reference_widths(table), subfamily=subfamily)
        name = f"ITASarabun-{style}.ttf"
        font.save(str(outdir / name))
        files[style] = name
    return {"derivation_version": DERIVATION_VERSION, "family": FAMILY, "scale": 1000 / upm,
            "units_per_em": upm, "files": files,
            "sources": {s: p.name for s, p in sources.items()}}


def _write_digits_font(source: Path, target: Path) -> None:
    """The companion of ``source``: its Thai digit glyphs, reached from the digits 0-9 too.

    Only the ten Thai digits are kept (subset), so fontconfig never offers this family for
    anything else; the glyphs, advances and line metrics are those of ``source``, so "๒" in a
    page number looks and measures exactly like a typed "๒".
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), recalcTimestamp=False)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.layout_features = []
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=range(0x0E50, 0x0E5A))
    subsetter.subset(font)
    for table in font["cmap"].tables:
        if table.isUnicode():
            for n in range(10):
                glyph = table.cmap.get(0x0E50 + n)
                if glyph:
                    table.cmap[0x30 + n] = glyph
    name = font["name"]
    name.names = [n for n in name.names if n.nameID in (0, 7, 8, 9, 11, 12, 13, 14)]
    ps_name = DIGITS_FAMILY.replace(" ", "") + "-Regular"
    for name_id, text in {1: DIGITS_FAMILY, 2: "Regular", 3: f"ita-xl {DERIVATION_VERSION};{ps_name}",
                          4: DIGITS_FAMILY, 5: f"Version 1.000; ita-xl derivation {DERIVATION_VERSION}",
                          6: ps_name,
                          10: f"The Thai digits of {source.name}, also mapped from 0-9, for page "
                              "numbers in ita-xl's PDFs."}.items():
        name.setName(text, name_id, 3, 1, 0x409)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".tmp-{os.getpid()}-{target.name}")
    font.save(str(tmp))
    os.replace(tmp, target)


def _uniform_scale(font, widths: dict[str, int]) -> float:
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    upm = font["head"].unitsPerEm
    ratios = []
    for ch, width in widths.items():
        glyph = cmap.get(ord(ch))
        if width and glyph and hmtx[glyph][0]:
            ratios.append(width / (hmtx[glyph][0] * 1000 / upm))
    return statistics.median(ratios)


def _derive(font, *, upm: int, widths: dict[str, int], subfamily: str) -> None:
    from fontTools.ttLib.tables._g_l_y_f import USE_MY_METRICS

    old_upm = font["head"].unitsPerEm
    font["head"].unitsPerEm = upm
    k = upm / 1000  # new font units per reference unit (1/1000 em)
    glyf = font["glyf"]
    hmtx = font["hmtx"]
    cmap = font.getBestCmap()
    order = font.getGlyphOrder()

    # 1. targets for the reference repertoire
    adv: dict[str, int] = {}
    dx: dict[str, int] = {}
    original = {g: hmtx[g][0] for g in order}
    for ch, width in widths.items():
        glyph = cmap.get(ord(ch))
        if not glyph or not width or not original[glyph]:
            continue
        adv[glyph] = round(width * k)
        dx[glyph] = round((adv[glyph] - original[glyph]) / 2)

    # 2. variants reached through GSUB follow their base
    if "GSUB" in font:
        for _ in range(3):
            for lookup in _lookups(font["GSUB"].table, 7):
                for sub in lookup.SubTable:
                    for src, dst in _single_pairs(sub):
                        if src in adv and dst not in adv and original[dst] == original[src]:
                            adv[dst], dx[dst] = adv[src], dx[src]
                    for first, ligs in (getattr(sub, "ligatures", None) or {}).items():
                        for lig in ligs:
                            parts = [first, *lig.Component]
                            if lig.LigGlyph not in adv and all(p in adv or not original[p]
                                                               for p in parts):
                                new = sum(adv.get(p, 0) for p in parts)
                                if new and original[lig.LigGlyph]:
                                    adv[lig.LigGlyph] = new
                                    dx[lig.LigGlyph] = dx.get(first, 0)
    # 3. composites built on an adjusted glyph (é on e) follow it
    for _ in range(3):
        for g in order:
            gl = glyf[g]
            if g in adv or not gl.isComposite():
                continue
            base = gl.components[0].glyphName
            if base in adv and original[g] == original[base]:
                adv[g], dx[g] = adv[base], dx[base]

    # 4. move outlines (composites: compensate the offsets of their components)
    for g in order:
        gl = glyf[g]
        if gl.isComposite():
            for comp in gl.components:
                comp.flags &= ~USE_MY_METRICS
                if hasattr(comp, "x"):
                    comp.x += dx.get(g, 0) - dx.get(comp.glyphName, 0)
        elif dx.get(g) and gl.numberOfContours > 0:
            gl.coordinates.translate((dx[g], 0))
    for g in order:
        gl = glyf[g]
        if hasattr(gl, "removeHinting"):
            gl.removeHinting()
        gl.recalcBounds(glyf)
        lsb = gl.xMin if getattr(gl, "numberOfContours", 0) else 0
        hmtx[g] = (adv.get(g, original[g]), lsb)

    # 5. anchors follow their glyph; no pair kerning
    if "GPOS" in font:
        gpos = font["GPOS"].table
        _shift_anchors(gpos, dx)
        for record in gpos.FeatureList.FeatureRecord:
            if record.FeatureTag == "kern":
                record.Feature.LookupListIndex = []
                record.Feature.LookupCount = 0

    # 6. drop what no longer holds
    for tag in ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX", "DSIG", "kern"):
        if tag in font:
            del font[tag]
    if "gasp" in font:
        font["gasp"].gaspRange = {0xFFFF: 0x000A}
    font["head"].flags &= ~(1 << 4)  # advance widths no longer depend on ppem (no hinting)

    # 7. line metrics of TH SarabunPSK
    ascent, descent = round(ASCENT * k), round(DESCENT * k)
    hhea, os2 = font["hhea"], font["OS/2"]
    hhea.ascent, hhea.descent, hhea.lineGap = ascent, -descent, 0
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = ascent, -descent, 0
    os2.usWinAscent, os2.usWinDescent = ascent, descent
    os2.recalcAvgCharWidth(font)

    # 8. names
    _rename(font, subfamily, old_upm=old_upm, upm=upm)


def _lookups(table, extension_type: int):
    """Lookups of a GSUB (extension type 7) or GPOS (9) table, extension lookups unwrapped."""
    for lookup in table.LookupList.Lookup:
        if lookup.LookupType == extension_type:
            for sub in lookup.SubTable:
                yield _Lookup(sub.ExtensionLookupType, [sub.ExtSubTable])
        else:
            yield lookup


class _Lookup:
    def __init__(self, lookup_type, subtables):
        self.LookupType = lookup_type
        self.SubTable = subtables


def _single_pairs(sub):
    mapping = getattr(sub, "mapping", None)
    if isinstance(mapping, dict):
        for src, dst in mapping.items():
            if isinstance(dst, str):
                yield src, dst
    alternates = getattr(sub, "alternates", None)
    if isinstance(alternates, dict):
        for src, dsts in alternates.items():
            for dst in dsts:
                yield src, dst


def _shift_anchors(gpos, dx: dict[str, int]) -> None:
    def move(anchor, glyph):
        if anchor is not None and dx.get(glyph):
            anchor.XCoordinate += dx[glyph]

    for lookup in _lookups(gpos, 9):
        for sub in lookup.SubTable:
            kind = lookup.LookupType
            if kind == 3:  # cursive
                for glyph, rec in zip(sub.Coverage.glyphs, sub.EntryExitRecord):
                    move(rec.EntryAnchor, glyph)
                    move(rec.ExitAnchor, glyph)
            elif kind in (4, 5, 6):
                marks = sub.MarkCoverage.glyphs if kind != 6 else sub.Mark1Coverage.glyphs
                mark_array = sub.MarkArray if kind != 6 else sub.Mark1Array
                for glyph, rec in zip(marks, mark_array.MarkRecord):
                    move(rec.MarkAnchor, glyph)
                if kind == 4:
                    for glyph, rec in zip(sub.BaseCoverage.glyphs, sub.BaseArray.BaseRecord):
                        for anchor in rec.BaseAnchor:
                            move(anchor, glyph)
                elif kind == 5:
                    for glyph, lig in zip(sub.LigatureCoverage.glyphs,
                                          sub.LigatureArray.LigatureAttach):
                        for comp in lig.ComponentRecord:
                            for anchor in comp.LigatureAnchor:
                                move(anchor, glyph)
                else:
                    for glyph, rec in zip(sub.Mark2Coverage.glyphs, sub.Mark2Array.Mark2Record):
                        for anchor in rec.Mark2Anchor:
                            move(anchor, glyph)


def _rename(font, subfamily: str, *, old_upm: int, upm: int) -> None:
    name = font["name"]
    ps_family = FAMILY.replace(" ", "")
    ps_name = f"{ps_family}-{subfamily.replace(' ', '')}"
    full = FAMILY if subfamily == "Regular" else f"{FAMILY} {subfamily}"
    version = name.getDebugName(5) or "Version 1.000"
    keep = {0, 5, 7, 8, 9, 11, 12, 13, 14}
    name.names = [n for n in name.names if n.nameID in keep and n.platformID == 3]
    records = {
        1: FAMILY,
        2: subfamily,
        3: f"ita-xl {DERIVATION_VERSION};{ps_name}",
        4: full,
        5: f"{version}; ita-xl derivation {DERIVATION_VERSION}",
        6: ps_name,
        10: ("Derived from Sarabun by ita-xl: scaled (unitsPerEm "
             f"{old_upm} -> {upm}) and respaced to the metrics of TH SarabunPSK. "
             "Not TH SarabunPSK itself."),
    }
    for name_id, text in records.items():
        name.setName(text, name_id, 3, 1, 0x409)
    if "CFF " in font:  # not expected for Sarabun (TrueType), kept for safety
        font["CFF "].cff.fontNames = [ps_name]


# --- fontconfig --------------------------------------------------------------------------------
def _system_fonts_conf() -> list[str]:
    candidates = []
    current = os.environ.get("FONTCONFIG_FILE")
    if current and "ita-xl" not in Path(current).parts and not Path(current).parent.joinpath(
            "manifest.json").exists():
        # a user's own configuration, not one of ours (which must not include itself)
        candidates.append(current)
    if os.environ.get("FONTCONFIG_PATH"):
        candidates.append(str(Path(os.environ["FONTCONFIG_PATH"]) / "fonts.conf"))
    candidates += ["/etc/fonts/fonts.conf", "/usr/local/etc/fonts/fonts.conf",
                   "/opt/homebrew/etc/fonts/fonts.conf"]
    seen, out = set(), []
    for c in candidates:
        if c not in seen and Path(c).is_file():
            seen.add(c)
            out.append(c)
    return out[:1]


def _fonts_conf(*, font_dir: Path | None, cache_dir: Path, alias_to: str | None) -> str:
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        "<!-- Written by ita-xl (fonts.py); private to ita-xl's LibreOffice runs. -->",
        "<fontconfig>",
        f"  <cachedir>{escape(str(cache_dir))}</cachedir>",
    ]
    if font_dir is not None:
        lines.append(f"  <dir>{escape(str(font_dir))}</dir>")
    if alias_to:
        lines.append("  <!-- Runs before the system rules, so tlwg's Laksaman substitution for "
                     "'TH Sarabun*' never sees these requests. -->")
        for alias in ALIASES:
            lines += [
                '  <match target="pattern">',
                f'    <test qual="any" name="family" compare="eq"><string>{escape(alias)}'
                "</string></test>",
                f'    <edit name="family" mode="assign" binding="strong"><string>'
                f"{escape(alias_to)}</string></edit>",
                "  </match>",
            ]
    for system in _system_fonts_conf():
        lines.append(f'  <include ignore_missing="yes">{escape(system)}</include>')
    lines.append("</fontconfig>")
    return "\n".join(lines) + "\n"


def _write_if_changed(path: Path, text: str) -> None:
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def fc_match(family: str, setup: FontSetup | None = None, fmt: str = "%{family[0]}") -> str:
    """``fc-match`` for ``family`` under ``setup``'s config (system config if None); "" if no
    fontconfig."""
    exe = shutil.which("fc-match")
    if not exe:
        return ""
    env = dict(os.environ)
    env.pop("FONTCONFIG_FILE", None)
    if setup is not None:
        env.update(setup.env())
    try:
        return subprocess.run([exe, "--format", fmt, family], capture_output=True, text=True,
                              timeout=60, env=env).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""

