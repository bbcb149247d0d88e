"""Look at a workbook file before openpyxl does: what it really is, and whether it is safe to open.

A clerk may hand ita-xl anything: an old ``.xls``, a LibreOffice ``.ods``, a CSV export, a web
page saved as ``.xls``, a workbook with a password, an empty or damaged file.  Each gets its own
Thai+English message here instead of a library traceback.

An ``.xlsx``/``.xlsm`` is a zip archive, and openpyxl decompresses and loads all of it into
memory.  A small hostile or broken file can expand to gigabytes (a "zip bomb"), and a sheet with
millions of cells takes hundreds of megabytes in openpyxl.  :func:`require_workbook_file` refuses
such files using only the zip directory and a streaming count of the cells, so the refusal itself
needs little memory.  The declared sizes in the zip directory can be trusted for this: Python's
``zipfile`` (which openpyxl uses) never returns more bytes for a member than its declared size.

The limits are far above a real tracker (a 10,000-row table is about 15 MB of sheet XML and
150,000 cells) and far below what would hurt a clerk's office PC.
"""
from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from .errors import WorkbookError

MB = 1024 * 1024

#: A workbook file larger than this is refused before it is opened (a real tracker is < 5 MB).
MAX_FILE_BYTES = 100 * MB
#: Most members (parts) an Office package may have; a real tracker has about 30.
MAX_MEMBERS = 10_000
#: Largest zip central directory read (bounds the memory of listing the members).
MAX_DIRECTORY_BYTES = 4 * MB
#: Sum of the declared uncompressed sizes of all members.
MAX_TOTAL_UNCOMPRESSED = 200 * MB
#: A member larger than RATIO_MIN_SIZE that expands more than MAX_RATIO times is a zip bomb
#: (sheet XML compresses about 10-30 times; 1 GB of spaces about 1000 times).
MAX_RATIO = 200
RATIO_MIN_SIZE = 10 * MB
#: Most cells (``<c>`` elements, empty formatted cells included) in all worksheets together;
#: openpyxl needs about 450 bytes per cell.
MAX_CELLS = 500_000

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_CHUNK = MB
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_SAVE_AS_TH = "เปิดไฟล์ใน Excel แล้วเลือก ไฟล์ › บันทึกเป็น › สมุดงาน Excel แบบเปิดใช้งานแมโคร (.xlsm)"
_SAVE_AS_EN = "Open it in Excel and use File › Save As › Excel Macro-Enabled Workbook (.xlsm)."
#: The ISO/IEC 29500 Strict namespace of SpreadsheetML (Excel's "Strict Open XML Spreadsheet").
STRICT_NAMESPACE = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
_INIT_TH = "สร้างสมุดงานใหม่ได้ด้วยคำสั่ง ita-xl init แล้วคัดลอกข้อมูลมาวาง"
_INIT_EN = "A fresh tracker is made by `ita-xl init`; copy the data across."


def _error(path: Path, th: str, en: str, hint_th: str | None = None,
           hint_en: str | None = None) -> WorkbookError:
    return WorkbookError(th, en, where=str(path), hint_th=hint_th, hint_en=hint_en)


def require_workbook_file(path: Path) -> None:
    """Raise :class:`WorkbookError` unless ``path`` is an Excel workbook that is safe to open."""
    name = path.name
    if not path.exists():
        raise _error(path, f"ไม่พบไฟล์ {name}", f"File not found: {path}")
    if path.is_dir():
        raise _error(path, f"{name} เป็นโฟลเดอร์ ไม่ใช่ไฟล์สมุดงาน",
                     f"{name} is a folder, not a workbook file.")
    size = path.stat().st_size
    if size == 0:
        raise _error(path, f"ไฟล์ {name} ว่างเปล่า (ขนาด 0 ไบต์) อาจบันทึกไม่สำเร็จหรือคัดลอกมาไม่ครบ",
                     f"{name} is empty (0 bytes): it was not saved completely or not copied fully.",
                     "ใช้สำเนาก่อนหน้าของสมุดงาน หรือ" + _INIT_TH,
                     "Use an earlier copy of the workbook. " + _INIT_EN)
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head.startswith(OLE_MAGIC):
        _check_ole(path)
    if not head.startswith(b"PK"):
        raise _not_a_package(path, head)
    if size > MAX_FILE_BYTES:
        raise _error(path, f"ไฟล์ {name} ใหญ่เกินไป ({size / MB:.0f} MB สูงสุด {MAX_FILE_BYTES // MB} MB)",
                     f"{name} is too large ({size / MB:.0f} MB; the limit is "
                     f"{MAX_FILE_BYTES // MB} MB).")
    _check_package(path, size)


# --- not a zip -----------------------------------------------------------------------------------
def _check_ole(path: Path) -> None:
    """An OLE2 compound file: a password-protected .xlsx/.xlsm, an old .xls, or not Excel."""
    name = path.name
    try:
        streams = ole_streams(path)
    except Exception as exc:  # damaged compound file
        raise _error(path, *damaged(name, exc), _INIT_TH, _INIT_EN) from exc
    if "EncryptedPackage" in streams:
        raise _error(
            path,
            f"ไฟล์ {name} ตั้งรหัสผ่านไว้ (เข้ารหัส) ita-xl จึงอ่านไม่ได้",
            f"{name} is protected with a password (encrypted), so ita-xl cannot read it.",
            "เปิดไฟล์ใน Excel ด้วยรหัสผ่าน แล้วเลือก ไฟล์ › ข้อมูล › ป้องกันเวิร์กบุ๊ก › "
            "เข้ารหัสด้วยรหัสผ่าน ลบรหัสผ่านออก บันทึก แล้วลองใหม่",
            "Open it in Excel with the password, then File › Info › Protect Workbook › Encrypt "
            "with Password: clear the password, save, and run again.")
    if "Workbook" in streams or "Book" in streams:
        password = ole_encrypted(path)
        extra_th = " และตั้งรหัสผ่านไว้" if password else ""
        extra_en = ", and it has a password" if password else ""
        raise _error(
            path,
            f"ไฟล์ {name} เป็นสมุดงาน Excel รุ่นเก่า (.xls 97-2003){extra_th} ita-xl อ่านได้เฉพาะ .xlsx/.xlsm",
            f"{name} is an old Excel 97-2003 workbook (.xls){extra_en}; ita-xl reads .xlsx/.xlsm only.",
            _SAVE_AS_TH + (" (ลบรหัสผ่านก่อน)" if password else ""),
            _SAVE_AS_EN + (" Remove the password first." if password else ""))
    if "WordDocument" in streams:
        raise _error(path, f"ไฟล์ {name} เป็นเอกสาร Word (.doc) ไม่ใช่สมุดงาน Excel",
                     f"{name} is a Word document (.doc), not an Excel workbook.")
    raise _error(path, f"ไฟล์ {name} เป็นไฟล์ Office รุ่นเก่าที่ไม่ใช่สมุดงาน Excel",
                 f"{name} is an old-format Office file that is not an Excel workbook.",
                 _INIT_TH, _INIT_EN)


def ole_streams(path: Path) -> set[str]:
    """The stream names of an OLE2 compound file (``EncryptedPackage``, ``Workbook``,
    ``WordDocument`` …); raises what olefile raises for a damaged one.  The workbook check here
    and the Word importer both tell old and encrypted Office files apart by them."""
    import olefile

    with olefile.OleFileIO(str(path)) as ole:
        return {"/".join(parts) for parts in ole.listdir(streams=True, storages=False)}


def damaged(name: str, exc: BaseException) -> tuple[str, str]:
    """(Thai, English) for a file that cannot be opened at all."""
    return (f"ไฟล์ {name} เสียหาย เปิดไม่ได้",
            f"{name} is damaged and cannot be opened ({type(exc).__name__}: {exc}).")


def ole_encrypted(path: Path) -> bool:
    """Whether an old-format (.xls/.doc) Office file has a password; False when unsure."""
    try:
        import msoffcrypto

        with open(path, "rb") as fh:
            return bool(msoffcrypto.OfficeFile(fh).is_encrypted())
    except Exception:  # not installed, or a stream it cannot parse: say only what is certain
        return False


def _not_a_package(path: Path, head: bytes) -> WorkbookError:
    name = path.name
    text = _as_text(head)
    if text is not None:
        start = text.lstrip().lower()[:2048]
        if start.startswith("<") and ("<html" in start or "<table" in start):
            return _error(path, f"ไฟล์ {name} เป็นหน้าเว็บ (HTML) ที่ตั้งชื่อให้ดูเหมือนไฟล์ Excel",
                          f"{name} is a web page (HTML) named like an Excel file.", _SAVE_AS_TH,
                          _SAVE_AS_EN)
        if start.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in start:
            return _error(path, f"ไฟล์ {name} เป็น XML Spreadsheet 2003 ไม่ใช่ .xlsx/.xlsm",
                          f"{name} is an XML Spreadsheet 2003 file, not .xlsx/.xlsm.",
                          _SAVE_AS_TH, _SAVE_AS_EN)
        return _error(
            path,
            f"ไฟล์ {name} เป็นไฟล์ข้อความ (เช่น CSV) ไม่ใช่สมุดงาน Excel ita-xl ต้องใช้สมุดงานติดตามผล ITA",
            f"{name} is a text file (such as CSV), not an Excel workbook; ita-xl needs the ITA "
            "tracker workbook.",
            "สร้างสมุดงานด้วยคำสั่ง ita-xl init แล้วคัดลอกข้อมูลมาวางในตาราง",
            "Make a tracker with `ita-xl init` and paste the data into its tables.")
    return _error(path, f"ไฟล์ {name} ไม่ใช่สมุดงาน Excel หรือไฟล์เสียหาย",
                  f"{name} is not an Excel workbook, or it is damaged.", _INIT_TH, _INIT_EN)


def _as_text(head: bytes) -> str | None:
    """The start of the file as text if it looks like text (UTF-8/16 or Thai TIS-620), else None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return head[2:len(head) - len(head) % 2].decode("utf-16-le" if head[0] == 0xFF
                                                            else "utf-16-be", "strict")
        except UnicodeDecodeError:
            return None
    for encoding in ("utf-8", "cp874"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding == "utf-8" and exc.start >= len(head) - 3:  # cut inside the last char
                text = head[:exc.start].decode(encoding)
            else:
                continue
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
        if text and printable / len(text) > 0.95:
            return text
    return None


# --- zip package ---------------------------------------------------------------------------------
def _directory_size(path: Path, size: int) -> tuple[int, int] | None:
    """(entries, central directory bytes) from the end record, without reading the directory."""
    with open(path, "rb") as fh:
        tail_len = min(size, 22 + 65535)
        fh.seek(size - tail_len)
        tail = fh.read(tail_len)
        i = tail.rfind(b"PK\x05\x06")
        if i < 0 or len(tail) < i + 22:
            return None
        entries, cd_bytes = struct.unpack_from("<HI", tail, i + 10)
        if (entries == 0xFFFF or cd_bytes == 0xFFFFFFFF) and i >= 20 and \
                tail[i - 20:i - 16] == b"PK\x06\x07":
            (offset,) = struct.unpack_from("<Q", tail, i - 20 + 8)
            fh.seek(offset)
            record = fh.read(56)
            if len(record) == 56 and record[:4] == b"PK\x06\x06":
                entries, cd_bytes = struct.unpack_from("<QQ", record, 32)
        return entries, cd_bytes


def _check_package(path: Path, size: int) -> None:
    name = path.name
    directory = _directory_size(path, size)
    damaged = _error(path, f"ไฟล์ {name} เสียหาย (โครงสร้างไฟล์ไม่ครบ) เปิดไม่ได้",
                     f"{name} is damaged (its zip structure is broken) and cannot be opened.",
                     "ลองเปิดใน Excel ซึ่งอาจซ่อมไฟล์ได้ แล้วบันทึกใหม่ หรือ" + _INIT_TH,
                     "Try opening it in Excel, which may repair it, and save it again. " + _INIT_EN)
    if directory is None:
        raise damaged
    entries, cd_bytes = directory
    if entries > MAX_MEMBERS or cd_bytes > MAX_DIRECTORY_BYTES:
        raise _refused(path, f"มีส่วนประกอบ {entries:,} ส่วน (สูงสุด {MAX_MEMBERS:,})",
                       f"it has {entries:,} parts (limit {MAX_MEMBERS:,})")
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise damaged from exc
    with zf:
        infos = zf.infolist()
        names = {info.filename for info in infos}
        _check_kind(path, zf, names)
        total = 0
        for info in infos:
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _error(path, f"ไฟล์ {name} ใช้การบีบอัดที่ Excel ไม่ใช้ ({info.filename})",
                             f"{name} uses a compression Excel does not use ({info.filename}).",
                             _INIT_TH, _INIT_EN)
            total += info.file_size
            if info.file_size > RATIO_MIN_SIZE and \
                    info.file_size > MAX_RATIO * max(info.compress_size, 1):
                ratio = info.file_size / max(info.compress_size, 1)
                raise _refused(
                    path,
                    f"ส่วน {info.filename} ขยายจาก {info.compress_size / 1024:,.0f} KB "
                    f"เป็น {info.file_size / MB:,.0f} MB ({ratio:,.0f} เท่า สูงสุด {MAX_RATIO} เท่า)",
                    f"part {info.filename} expands from {info.compress_size / 1024:,.0f} KB to "
                    f"{info.file_size / MB:,.0f} MB ({ratio:,.0f} times; limit {MAX_RATIO})")
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise _refused(
                path, f"เมื่อคลายออกมีขนาดรวม {total / MB:,.0f} MB (สูงสุด {MAX_TOTAL_UNCOMPRESSED // MB} MB)",
                f"it expands to {total / MB:,.0f} MB in all (limit {MAX_TOTAL_UNCOMPRESSED // MB} MB)")
        _check_cells(path, zf, infos)


def _refused(path: Path, why_th: str, why_en: str) -> WorkbookError:
    return _error(
        path,
        f"ไม่เปิดไฟล์ {path.name} เพราะ{why_th} ซึ่งใหญ่ผิดปกติสำหรับสมุดงานติดตามผล ITA "
        "(ป้องกันเครื่องค้างหรือหน่วยความจำหมด)",
        f"{path.name} is refused: {why_en}, far more than an ITA tracker needs "
        "(protection against zip bombs and memory exhaustion).",
        "ตรวจว่าเลือกไฟล์ถูกต้อง หรือ" + _INIT_TH, "Check that this is the right file. " + _INIT_EN)


def _check_kind(path: Path, zf: zipfile.ZipFile, names: set[str]) -> None:
    name = path.name
    if "mimetype" in names:
        info = zf.getinfo("mimetype")
        mimetype = zf.read(info)[:200].decode("ascii", "replace") if info.file_size < 200 else ""
        if "opendocument.spreadsheet" in mimetype:
            raise _error(path, f"ไฟล์ {name} เป็นสเปรดชีต LibreOffice/OpenDocument (.ods) ไม่ใช่ .xlsx/.xlsm",
                         f"{name} is a LibreOffice/OpenDocument spreadsheet (.ods), not .xlsx/.xlsm.",
                         "ใน LibreOffice เลือก ไฟล์ › บันทึกเป็น › Excel 2007-365 (.xlsx) "
                         "หรือเปิดใน Excel แล้วบันทึกเป็น .xlsm",
                         "In LibreOffice use File › Save As › Excel 2007-365 (.xlsx), or open it "
                         "in Excel and save it as .xlsm.")
        raise _error(path, f"ไฟล์ {name} เป็นเอกสาร OpenDocument ไม่ใช่สมุดงาน Excel",
                     f"{name} is an OpenDocument file, not an Excel workbook.", _INIT_TH, _INIT_EN)
    if "xl/workbook.bin" in names:
        raise _error(path, f"ไฟล์ {name} เป็นสมุดงานไบนารีของ Excel (.xlsb) ita-xl อ่านได้เฉพาะ .xlsx/.xlsm",
                     f"{name} is an Excel binary workbook (.xlsb); ita-xl reads .xlsx/.xlsm only.",
                     _SAVE_AS_TH, _SAVE_AS_EN)
    if "word/document.xml" in names:
        raise _error(path, f"ไฟล์ {name} เป็นเอกสาร Word ไม่ใช่สมุดงาน Excel",
                     f"{name} is a Word document, not an Excel workbook.")
    if "xl/workbook.xml" not in names:
        raise _error(path, f"ไฟล์ {name} เป็นไฟล์ zip แต่ไม่ใช่สมุดงาน Excel",
                     f"{name} is a zip archive but not an Excel workbook.", _INIT_TH, _INIT_EN)
    with zf.open("xl/workbook.xml") as member:
        head = member.read(4096)
    if STRICT_NAMESPACE in head:
        # openpyxl reads only the Transitional namespaces: a Strict workbook would look empty.
        raise _error(
            path,
            f"ไฟล์ {name} บันทึกเป็น Strict Open XML Spreadsheet ซึ่ง ita-xl อ่านไม่ได้",
            f"{name} was saved as a Strict Open XML Spreadsheet, which ita-xl cannot read.",
            "เปิดไฟล์ใน Excel แล้วเลือก ไฟล์ › บันทึกเป็น › สมุดงาน Excel (.xlsx) หรือ "
            "สมุดงาน Excel แบบเปิดใช้งานแมโคร (.xlsm) ไม่ใช่ Strict Open XML",
            "Open it in Excel and use File › Save As › Excel Workbook (.xlsx) or Excel "
            "Macro-Enabled Workbook (.xlsm), not Strict Open XML Spreadsheet.")


def _sheet_titles(zf: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part name → sheet title, best effort (for the message only)."""
    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    ns_pkg = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    try:
        if zf.getinfo("xl/workbook.xml").file_size > 4 * MB:
            return {}
        workbook = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except Exception:
        return {}
    targets = {}
    for rel in rels.iter(f"{ns_pkg}Relationship"):
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[rel.get("Id")] = target
    titles = {}
    for sheet in workbook.iter(f"{ns_main}sheet"):
        target = targets.get(sheet.get(f"{ns_rel}id"))
        if target:
            titles[target] = sheet.get("name", "")
    return titles


def _check_cells(path: Path, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Count the cells of every worksheet by streaming its XML (bounded memory)."""
    total = 0
    counts: dict[str, int] = {}
    for info in infos:
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        count = 0
        carry = b""
        try:
            with zf.open(info) as member:
                while True:
                    chunk = member.read(_CHUNK)
                    if not chunk:
                        break
                    data = carry + chunk
                    cut = data.rfind(b"<")
                    if cut < 0:
                        cut = len(data)
                    count += len(_CELL.findall(data, 0, cut))
                    carry = data[cut:]
                    if total + count > MAX_CELLS:
                        break
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise _error(path, f"ไฟล์ {path.name} เสียหาย ({info.filename}) เปิดไม่ได้",
                         f"{path.name} is damaged ({info.filename}: {exc}).",
                         _INIT_TH, _INIT_EN) from exc
        count += len(_CELL.findall(carry))
        counts[info.filename] = count
        total += count
        if total > MAX_CELLS:
            biggest = max(counts, key=counts.get)
            title = _sheet_titles(zf).get(biggest, biggest)
            raise _refused(
                path,
                f"มีเซลล์ที่มีข้อมูลหรือรูปแบบมากกว่า {MAX_CELLS:,} เซลล์ (มากที่สุดที่แผ่นงาน {title})",
                f"it has more than {MAX_CELLS:,} cells with data or formatting (most on sheet "
                f"{title})")
