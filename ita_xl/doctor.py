"""``ita-xl doctor``: what this machine has, and whether its PDFs will come out right.

:func:`collect` returns a list of :class:`Check` (``ok`` is True, False, or None for
information only); :func:`render` turns it into the text the CLI prints, Thai first then
English.  The last check converts a small TH SarabunPSK 16 pt document and measures the PDF: the
embedded font must be the intended one and a line of digits must be as wide as TH SarabunPSK
makes it (within 3 %).
"""
from __future__ import annotations

import platform
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

__all__ = ["Check", "collect", "render", "probe_pdf"]

#: Width tolerance of the PDF probe.
TOLERANCE = 0.03


@dataclass
class Check:
    name: str
    ok: bool | None  # None: information only
    detail: str


def collect(*, probe: bool = True, trackers: tuple[Path, ...] = ()) -> list[Check]:
    """Everything ``ita-xl doctor`` reports; ``probe=False`` skips the PDF conversion test;
    each of ``trackers`` gets the check of the Python its ribbon starts."""
    checks = [
        Check("Python", sys.version_info >= (3, 11),
              f"{platform.python_version()} ({sys.executable})"),
        Check("ita-xl", True, _own_version()),
        _package("openpyxl", required=True),
        _package("docxtpl", required=True),
        _package("python-docx", required=True),
        _package("xlwings", required=False,
                 missing="ไม่ได้ติดตั้ง (ใช้กับ Excel บน Windows/macOS เท่านั้น) / not installed "
                         "(needed only with Excel on Windows/macOS)"),
    ]
    if sys.platform == "win32":
        checks += _windows()
    checks += [tracker_python(t) for t in trackers]
    soffice_check, soffice = _libreoffice()
    word = _word()
    if word is not None:
        checks.append(word)
        if word.ok and soffice_check.ok is False:  # Word makes the PDFs: LibreOffice optional
            soffice_check = Check(soffice_check.name, None,
                                  "ไม่จำเป็น (PDF ทำด้วย Word) / not needed (Word makes the PDFs): "
                                  + soffice_check.detail)
    checks.append(soffice_check)
    checks.append(_system_font())
    setup_check, setup = _font_setup()
    checks.append(setup_check)
    if probe:
        if soffice is None and word is not None and word.ok:
            checks.append(Check("ทดลองแปลงเป็น PDF / PDF probe", None,
                                "ข้าม: PDF ทำด้วย Word ซึ่งใช้ฟอนต์ของเครื่อง / skipped: Word makes "
                                "the PDFs with this PC's own fonts"))
        elif soffice is None or setup is None:
            checks.append(Check("ทดลองแปลงเป็น PDF / PDF probe", False,
                                "ข้ามเพราะไม่มี LibreOffice หรือฟอนต์ / skipped: LibreOffice or "
                                "the font setup is missing"))
        else:
            checks.append(probe_pdf(setup))
    return checks


def render(checks: list[Check]) -> str:
    tags = {True: "[OK]  ", False: "[FAIL]", None: "[INFO]"}
    width = max((_display_width(c.name) for c in checks), default=0)
    lines = ["ita-xl doctor: ตรวจความพร้อมของเครื่อง / system check", ""]
    for c in checks:
        pad = " " * (width - _display_width(c.name))
        lines.append(f"{tags[c.ok]} {c.name}{pad}  {c.detail}")
    failed = [c for c in checks if c.ok is False]
    lines.append("")
    if failed:
        lines.append(f"พบปัญหา {len(failed)} รายการ / {len(failed)} problem(s) found")
    else:
        lines.append("พร้อมใช้งาน / all checks passed")
    return "\n".join(lines)


def _display_width(text: str) -> int:
    """Columns on a terminal: Thai vowel and tone marks above/below take none."""
    return sum(1 for ch in text if unicodedata.category(ch) not in ("Mn", "Me", "Cf"))


# --- individual checks ---------------------------------------------------------------------------
def _own_version() -> str:
    for dist in ("ita-xl", "ita_xl"):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    try:
        import ita_xl
        return str(getattr(ita_xl, "__version__", "unknown (not installed as a package)"))
    except ImportError:  # pragma: no cover
        return "unknown"


def _package(dist: str, *, required: bool, missing: str | None = None) -> Check:
    try:
        return Check(dist, True, metadata.version(dist))
    except metadata.PackageNotFoundError:
        if required:
            return Check(dist, False, f"ไม่ได้ติดตั้ง / not installed (pip install {dist})")
        return Check(dist, None, missing or "ไม่ได้ติดตั้ง / not installed")


def _windows() -> list[Check]:
    """What the Excel side needs on Windows: the Python the tracker starts (xlwings.conf's
    Interpreter_Win of the bundle, else ``pythonw`` from PATH), xlwings' DLL where xlwings' VBA
    loads it (beside that interpreter, or one folder up for a virtualenv), the console code page."""
    import ntpath

    from . import console, winsetup

    setting = winsetup.tracker_interpreter()
    python = ntpath.expandvars(setting)
    found = Path(python).is_file()
    checks = [Check("Python ของสมุดงานใหม่ / new trackers' Python", found,
                    f"{setting} → {python}" if found else
                    f"ไม่พบ {python}: {FIX_TH} / {python} does not exist: {FIX_EN}")]
    if not found:
        python = None
    try:
        version = metadata.version("xlwings")
    except metadata.PackageNotFoundError:
        version = None
    if python is not None and version is not None:
        bits = 64 if sys.maxsize > 2**32 else 32
        dll = f"xlwings{bits}-{version}.dll"
        folders = [Path(python).parent, Path(python).parent.parent]
        found = next((f / dll for f in folders if (f / dll).is_file()), None)
        checks.append(Check("xlwings DLL", found is not None, str(found) if found else
                            f"ไม่พบ {dll} ใน {folders[0]} หรือ {folders[1]} (ฟังก์ชันในเซลล์จะใช้ไม่ได้) / "
                            f"{dll} is in neither folder: the cell functions will fail"))
    checks.append(Check("โค้ดเพจคอนโซล / console code page", None, console.describe()))
    return checks


FIX_TH = ("ติดตั้งชุดติดตั้ง ita-xl (ดับเบิลคลิก ติดตั้ง ita-xl.cmd ในโฟลเดอร์ที่แตกจาก zip) "
          "แล้วลองใหม่")
FIX_EN = "install the ita-xl bundle (double-click ติดตั้ง ita-xl.cmd in the unzipped folder)"


def interpreter_setting(tracker: Path) -> str | None:
    """The tracker's xlwings.conf ``Interpreter_Win`` (None: no such row or a blank one).
    Read only: the clerk's file is never written."""
    from openpyxl import load_workbook

    from .layout import SHEET_XLWINGS_CONF

    wb = load_workbook(tracker, read_only=True, keep_vba=False)
    try:
        if SHEET_XLWINGS_CONF not in wb.sheetnames:
            return None
        for row in wb[SHEET_XLWINGS_CONF].iter_rows(min_col=1, max_col=2, values_only=True):
            if row and row[0] == "Interpreter_Win":
                return str(row[1]).strip() or None if row[1] is not None else None
    finally:
        wb.close()
    return None


def tracker_python(tracker: Path) -> Check:
    """Does the Python this tracker's ribbon starts exist?  xlwings expands ``%VARIABLES%`` of
    ``Interpreter_Win`` at run time, and so does this check; a blank setting means ``python``
    from PATH, which a clerk's PC does not have (or has as the Microsoft Store alias)."""
    import ntpath

    from .winsetup import tracker_interpreter

    name = f"Python ของ {tracker.name} / its Python"
    wanted = tracker_interpreter()
    where = ("แผ่นงาน xlwings.conf (ซ่อนอยู่: คลิกขวาที่แท็บแผ่นงาน › ยกเลิกการซ่อน) "
             "ช่อง B1 ข้าง Interpreter_Win")
    where_en = "the hidden xlwings.conf sheet, cell B1 beside Interpreter_Win"
    try:
        setting = interpreter_setting(tracker)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is the same answer
        return Check(name, False, f"อ่านสมุดงานไม่ได้ / cannot read the workbook: {exc}")
    if setting is None:
        path_python = shutil.which("pythonw") if sys.platform == "win32" else None
        if path_python and "WindowsApps" not in path_python:
            return Check(name, True, f"Interpreter_Win ว่าง: ใช้ pythonw จาก PATH / blank: "
                                     f"pythonw from PATH ({path_python})")
        return Check(name, False,
                     f"Interpreter_Win ว่าง ปุ่มบนแท็บ ITA จะหา python จาก PATH ซึ่งเครื่องนี้ไม่มี "
                     f"วิธีแก้: ใส่ {wanted} ใน{where} แล้วบันทึก / Interpreter_Win is blank, so "
                     f"the ribbon runs python from PATH, which is not there: put {wanted} in "
                     f"{where_en} and save")
    if sys.platform != "win32":
        return Check(name, None, f"Interpreter_Win = {setting} (ตรวจว่ามีไฟล์ได้บน Windows เท่านั้น "
                                 f"/ whether it exists can only be checked on Windows)")
    python = ntpath.expandvars(setting)
    if Path(python).is_file():
        return Check(name, True, f"{setting} → {python}")
    return Check(name, False,
                 f"ไม่พบ {python} ที่สมุดงานนี้ใช้ ปุ่มบนแท็บ ITA จะใช้ไม่ได้ วิธีแก้: {FIX_TH} "
                 f"หรือแก้{where} เป็น {wanted} / {python}, this tracker's Python, does not "
                 f"exist and the ribbon will fail: {FIX_EN}, or set {where_en} to {wanted}")


def _word() -> Check | None:
    """On Windows: is Word there to make the PDFs (convert.py's first choice)?"""
    if sys.platform != "win32":
        return None
    from .convert import CONVERTER_ENV, word_installed

    if word_installed():
        return Check("Microsoft Word (PDF)", True, "ใช้ Word ทำ PDF / PDFs are made by Word")
    return Check("Microsoft Word (PDF)", None,
                 f"ไม่พบ Word (หรือ {CONVERTER_ENV}=libreoffice): ใช้ LibreOffice ทำ PDF / "
                 f"no Word (or {CONVERTER_ENV}=libreoffice): LibreOffice makes the PDFs")


def _libreoffice() -> tuple[Check, Path | None]:
    from .convert import ConversionError, find_soffice, soffice_version
    name = "LibreOffice"
    try:
        soffice = find_soffice()
    except ConversionError as exc:
        th = " ".join(t for t in (exc.message_th, exc.hint_th) if t)  # Thai first, hint too
        en = " ".join(t for t in (exc.message_en, exc.hint_en) if t)
        return Check(name, False, f"{th} / {en}"), None
    try:
        version = soffice_version(soffice) or "ไม่ทราบรุ่น / version unknown"
    except (OSError, subprocess.SubprocessError) as exc:
        return Check(name, False, f"{soffice}: เรียกใช้ไม่ได้ / cannot run ({exc})"), None
    return Check(name, True, f"{version} ({soffice})"), soffice


def _system_font() -> Check:
    from .fonts import REQUESTED_FAMILY, fc_match, find_system_font
    name = "ฟอนต์ในระบบ / system font"
    installed = find_system_font()
    if installed:
        return Check(name, True, f"{REQUESTED_FAMILY} ติดตั้งอยู่ / installed: {installed}")
    matched = fc_match(REQUESTED_FAMILY) if shutil.which("fc-match") else ""
    if matched:
        return Check(name, None,
                     f"ไม่มี {REQUESTED_FAMILY}; fontconfig ของระบบให้ '{matched}' แทน "
                     f"(ita-xl ใช้ฟอนต์ทดแทนของตัวเอง) / {REQUESTED_FAMILY} not installed; the "
                     f"system fontconfig gives '{matched}' (ita-xl uses its own stand-in)")
    return Check(name, None, f"ไม่มี {REQUESTED_FAMILY} / {REQUESTED_FAMILY} not installed")


def _font_setup():
    from .errors import ItaError
    from .fonts import REQUESTED_FAMILY, ensure_fonts, fc_match
    name = "ฟอนต์สำหรับ PDF / PDF font"
    try:
        setup = ensure_fonts()
    except ItaError as exc:
        return Check(name, False, f"{exc.message_th} / {exc.message_en}"), None
    detail = f"{setup.family} ({setup.source}) in {setup.font_dir}"
    if setup.scale:
        detail += f", scale {setup.scale:.4f}"
    ok: bool | None = True
    if shutil.which("fc-match"):
        matched = fc_match(REQUESTED_FAMILY, setup)
        if matched.casefold() != setup.family.casefold():
            ok = False
        detail += f"; fc-match '{REQUESTED_FAMILY}' → '{matched}'"
    return Check(name, ok, detail), setup


# --- the PDF probe -------------------------------------------------------------------------------
PROBE_DIGITS = "0123456789" * 2  # TH SarabunPSK: 362/1000 em each
PROBE_THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙" * 2  # 449/1000 em each
PROBE_TEXT = "การประเมินคุณธรรมและความโปร่งใส"


def probe_pdf(setup=None, *, size_pt: float = 16.0) -> Check:
    """Convert a three-line TH SarabunPSK document and measure the PDF."""
    from .convert import ConversionError, to_pdf
    from .fonts import ensure_fonts, reference_widths
    name = "ทดลองแปลงเป็น PDF / PDF probe"
    if not (shutil.which("pdftotext") and shutil.which("pdffonts")):
        return Check(name, None, "ไม่มี pdftotext/pdffonts จึงวัดไม่ได้ / poppler-utils "
                                 "(pdftotext, pdffonts) not installed: cannot measure")
    setup = setup or ensure_fonts()
    widths = reference_widths()
    from .procs import temp_prefix

    with tempfile.TemporaryDirectory(prefix=temp_prefix("ita-xl-doctor-")) as tmp:
        docx = Path(tmp) / "ita-xl-probe.docx"
        try:
            _write_probe_docx(docx, [PROBE_DIGITS, PROBE_THAI_DIGITS, PROBE_TEXT], size_pt)
            pdf = to_pdf([docx], Path(tmp) / "out")[0]
        except (ConversionError, OSError, ImportError) as exc:
            return Check(name, False, f"แปลงไม่สำเร็จ / conversion failed: {exc}")
        fonts = _pdf_fonts(pdf)
        words = _pdf_words(pdf)
    expected_font = re.sub(r"\s+", "", setup.family).casefold()
    wrong = sorted({f for f in fonts if expected_font not in f.replace(" ", "").casefold()})
    problems = []
    if not fonts:
        problems.append("ไม่มีฟอนต์ฝังใน PDF / no font embedded")
    if wrong:
        problems.append(f"ฟอนต์อื่นปนมา / other fonts embedded: {', '.join(wrong)}")
    found = []
    for text in (PROBE_DIGITS, PROBE_THAI_DIGITS):
        expected = sum(widths[c] for c in text) * size_pt / 1000
        measured = words.get(text)
        if measured is None:
            problems.append(f"ไม่พบข้อความ / text not found: {text[:10]}…")
            continue
        error = measured / expected - 1
        found.append(f"{text[:4]}… {measured:.1f} pt (TH SarabunPSK {expected:.1f} pt, "
                     f"{error:+.1%})")
        if abs(error) > TOLERANCE:
            problems.append(f"ความกว้างผิด / width off by {error:+.1%}: {text[:4]}…")
    detail = "; ".join(found + [f"fonts: {', '.join(sorted(set(fonts))) or '-'}"])
    if problems:
        return Check(name, False, "; ".join(problems) + f" ({detail})")
    return Check(name, True, detail)


def _write_probe_docx(path: Path, lines: list[str], size_pt: float) -> None:
    from docx import Document
    from docx.shared import Cm

    from .fonts import REQUESTED_FAMILY
    from .wordstyle import set_document_fonts

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    set_document_fonts(document, REQUESTED_FAMILY, size_pt)
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))


def _pdf_fonts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True,
                         timeout=60).stdout
    names = []
    for line in out.splitlines()[2:]:
        if line.strip():
            names.append(line.split()[0].split("+", 1)[-1])
    return names


def _pdf_words(pdf: Path) -> dict[str, float]:
    """Width in pt of each word of the PDF (first occurrence), from ``pdftotext -bbox``."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                         text=True, timeout=60).stdout
    words: dict[str, float] = {}
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" '
                         r'yMax="[\d.]+">([^<]*)</word>', out):
        words.setdefault(m.group(3), float(m.group(2)) - float(m.group(1)))
    return words
