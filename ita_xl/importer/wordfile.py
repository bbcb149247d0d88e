"""Open a Word file made by hand and list what it holds: paragraphs and tables, in order.

The file is only read (never written, its time stamp untouched).  What it really is is checked
first, so an old ``.doc``, a password-protected file or something that is not a Word document
gets a Thai+English message instead of a library traceback.

Tables come out as a grid: a cell merged across columns (``w:gridSpan``) fills each column it
covers, a cell merged down rows (``w:vMerge``) gives its text to every row it covers, and a
row's skipped leading columns (``w:gridBefore``) are kept empty, so a column index means the
same column in every row.  A cell's paragraphs become lines (``\\n``), as do line breaks.
Text boxes (covers are often drawn with them) are read as paragraphs after their anchor.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from lxml import etree

from ..errors import WorkbookError
from ..filecheck import MAX_FILE_BYTES, MAX_RATIO, MB, OLE_MAGIC, RATIO_MIN_SIZE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
#: Largest main document part read (a 60-page report is about 2 MB of XML).
MAX_DOCUMENT_XML = 100 * MB


class DocumentError(WorkbookError):
    """A Word file that cannot be imported (exit code 3, like an unreadable workbook)."""


@dataclass
class Para:
    """A paragraph of the body (``number`` counts every body paragraph from 1, empty ones too)."""

    number: int
    text: str


@dataclass
class Cell:
    text: str
    spanned: bool = False  # a column covered by the cell to its left (w:gridSpan)
    merged: bool = False  # a row covered by the cell above (w:vMerge continue)
    row: int = 0  # where the text really is (1-based row and column of the table)
    col: int = 0


@dataclass
class Table:
    number: int  # 1-based among the body's tables
    rows: list[list[Cell]] = field(default_factory=list)
    repeat_header: list[bool] = field(default_factory=list)  # w:tblHeader per row
    after_para: int = 0  # number of the last body paragraph before the table

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


Block = Para | Table


@dataclass
class WordDocument:
    path: Path
    blocks: list[Block]

    @property
    def name(self) -> str:
        return self.path.name

    def paragraphs(self) -> list[Para]:
        return [b for b in self.blocks if isinstance(b, Para)]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]


def _error(path: Path, th: str, en: str, hint_th: str | None = None,
           hint_en: str | None = None) -> DocumentError:
    return DocumentError(th, en, where=str(path), hint_th=hint_th, hint_en=hint_en)


_SAVE_DOCX_TH = "เปิดไฟล์ใน Word แล้วเลือก ไฟล์ › บันทึกเป็น › เอกสาร Word (.docx) แล้วนำเข้าไฟล์ .docx นั้น"
_SAVE_DOCX_EN = "Open it in Word, use File › Save As › Word Document (.docx), and import that file."


def read_document(path: Path) -> WordDocument:
    """The blocks of the Word file at ``path``, or a DocumentError saying what the file is."""
    path = Path(path)
    xml = _document_xml(path)
    try:
        root = etree.fromstring(xml, _parser())
    except etree.XMLSyntaxError as exc:
        raise _error(path, f"ไฟล์ {path.name} เสียหาย อ่านเนื้อหาเอกสารไม่ได้",
                     f"{path.name} is damaged: its document text cannot be read ({exc}).",
                     _SAVE_DOCX_TH, _SAVE_DOCX_EN) from exc
    body = root.find(f"{W}body")
    blocks: list[Block] = []
    if body is not None:
        _Walker(blocks).container(body)
    return WordDocument(path, blocks)


def _parser():
    """No entities, no network, no huge trees: the file may come from anywhere."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


# --- what the file is ----------------------------------------------------------------------------
def _document_xml(path: Path) -> bytes:
    name = path.name
    if not path.exists():
        raise _error(path, f"ไม่พบไฟล์ {name}", f"File not found: {path}")
    if path.is_dir():
        raise _error(path, f"{name} เป็นโฟลเดอร์ ไม่ใช่เอกสาร Word", f"{name} is a folder, not a Word file.")
    size = path.stat().st_size
    if size == 0:
        raise _error(path, f"ไฟล์ {name} ว่างเปล่า (ขนาด 0 ไบต์)", f"{name} is empty (0 bytes).")
    if size > MAX_FILE_BYTES:
        raise _error(path, f"ไฟล์ {name} ใหญ่เกินไป ({size / MB:.0f} MB สูงสุด {MAX_FILE_BYTES // MB} MB)",
                     f"{name} is too large ({size / MB:.0f} MB; the limit is {MAX_FILE_BYTES // MB} MB).")
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(OLE_MAGIC):
        raise _ole_error(path)
    if head.startswith(b"{\\rtf"):
        raise _error(path, f"ไฟล์ {name} เป็นเอกสาร RTF ไม่ใช่ .docx", f"{name} is an RTF document, not .docx.",
                     _SAVE_DOCX_TH, _SAVE_DOCX_EN)
    if head.startswith(b"%PDF"):
        raise _error(path, f"ไฟล์ {name} เป็น PDF ita-xl นำเข้าได้เฉพาะเอกสาร Word (.docx)",
                     f"{name} is a PDF; ita-xl imports Word documents (.docx) only.",
                     "ใช้ไฟล์ Word ต้นฉบับ (การคัดลอกจาก PDF ทำให้คำแตกด้วยช่องว่าง)",
                     "Use the original Word file (text copied from a PDF comes with broken words).")
    if not head.startswith(b"PK"):
        raise _error(path, f"ไฟล์ {name} ไม่ใช่เอกสาร Word (.docx) หรือไฟล์เสียหาย",
                     f"{name} is not a Word document (.docx), or it is damaged.",
                     _SAVE_DOCX_TH, _SAVE_DOCX_EN)
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            part = _main_part(zf, names)
            if part is None:
                if "xl/workbook.xml" in names:
                    raise _error(path, f"ไฟล์ {name} เป็นสมุดงาน Excel ไม่ใช่เอกสาร Word",
                                 f"{name} is an Excel workbook, not a Word document.",
                                 "คำสั่ง import อ่านรายงานและบันทึกข้อความที่เป็น .docx",
                                 "`ita-xl import` reads the report and the memo as .docx files.")
                raise _error(path, f"ไฟล์ {name} เป็นไฟล์ zip แต่ไม่ใช่เอกสาร Word",
                             f"{name} is a zip archive but not a Word document.",
                             _SAVE_DOCX_TH, _SAVE_DOCX_EN)
            info = zf.getinfo(part)
            if info.file_size > MAX_DOCUMENT_XML or (
                    info.file_size > RATIO_MIN_SIZE and
                    info.file_size > MAX_RATIO * max(info.compress_size, 1)):
                raise _error(path, f"ไม่เปิดไฟล์ {name} เพราะเนื้อหาขยายใหญ่ผิดปกติ ({info.file_size / MB:,.0f} MB)",
                             f"{name} is refused: its text expands to {info.file_size / MB:,.0f} MB "
                             "(protection against zip bombs).")
            return zf.read(part)
    except (zipfile.BadZipFile, OSError, KeyError, NotImplementedError, ValueError) as exc:
        raise _error(path, f"ไฟล์ {name} เสียหาย (โครงสร้างไฟล์ไม่ครบ) เปิดไม่ได้",
                     f"{name} is damaged (its zip structure is broken): {exc}.",
                     "ลองเปิดใน Word ซึ่งอาจซ่อมไฟล์ได้ แล้วบันทึกเป็น .docx ใหม่",
                     "Try opening it in Word, which may repair it, and save it as .docx again.") from exc


def _main_part(zf: zipfile.ZipFile, names: set[str]) -> str | None:
    """The main document part named by the package relationships (word/document.xml usually)."""
    if "_rels/.rels" in names:
        try:
            rels = etree.fromstring(zf.read("_rels/.rels"), _parser())
            for rel in rels.iter(f"{PKG_REL}Relationship"):
                if rel.get("Type") == OFFICE_DOCUMENT:
                    target = rel.get("Target", "").lstrip("/")
                    if target in names and target.startswith("word/"):
                        return target
        except etree.XMLSyntaxError:
            pass
    return "word/document.xml" if "word/document.xml" in names else None


def _ole_error(path: Path) -> DocumentError:
    """An OLE2 compound file: a password-protected .docx, or an old Word 97-2003 .doc."""
    name = path.name
    try:
        import olefile

        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(p) for p in ole.listdir(streams=True, storages=False)}
    except Exception as exc:  # damaged compound file
        return _error(path, f"ไฟล์ {name} เสียหาย เปิดไม่ได้",
                      f"{name} is damaged and cannot be opened ({type(exc).__name__}: {exc}).")
    if "EncryptedPackage" in streams:
        return _error(
            path, f"ไฟล์ {name} ตั้งรหัสผ่านไว้ (เข้ารหัส) ita-xl จึงอ่านไม่ได้",
            f"{name} is protected with a password (encrypted), so ita-xl cannot read it.",
            "เปิดไฟล์ใน Word ด้วยรหัสผ่าน แล้วเลือก ไฟล์ › ข้อมูล › ป้องกันเอกสาร › เข้ารหัสด้วยรหัสผ่าน "
            "ลบรหัสผ่านออก บันทึก แล้วลองใหม่",
            "Open it in Word with the password, then File › Info › Protect Document › Encrypt "
            "with Password: clear the password, save, and run again.")
    if "WordDocument" in streams:
        password = _doc_encrypted(path)
        return _error(
            path,
            f"ไฟล์ {name} เป็นเอกสาร Word รุ่นเก่า (.doc 97-2003)"
            f"{' และตั้งรหัสผ่านไว้' if password else ''} ita-xl นำเข้าได้เฉพาะ .docx",
            f"{name} is an old Word 97-2003 document (.doc)"
            f"{', and it has a password' if password else ''}; ita-xl imports .docx only.",
            _SAVE_DOCX_TH + (" (ลบรหัสผ่านก่อน)" if password else ""),
            _SAVE_DOCX_EN + (" Remove the password first." if password else ""))
    if "Workbook" in streams or "Book" in streams:
        return _error(path, f"ไฟล์ {name} เป็นสมุดงาน Excel รุ่นเก่า (.xls) ไม่ใช่เอกสาร Word",
                      f"{name} is an old Excel workbook (.xls), not a Word document.")
    return _error(path, f"ไฟล์ {name} เป็นไฟล์ Office รุ่นเก่าที่ไม่ใช่เอกสาร Word",
                  f"{name} is an old-format Office file that is not a Word document.")


def _doc_encrypted(path: Path) -> bool:
    try:
        import msoffcrypto

        with open(path, "rb") as fh:
            return bool(msoffcrypto.OfficeFile(fh).is_encrypted())
    except Exception:  # a stream msoffcrypto cannot parse: say only what is certain
        return False


# --- the body ------------------------------------------------------------------------------------
class _Walker:
    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        self.paras = 0
        self.tables = 0

    def container(self, element) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child)
            elif tag == f"{W}tbl":
                self.table(child)
            elif tag in (f"{W}sdt", f"{W}customXml", f"{W}smartTag"):
                # Content controls (Word's cover pages are one) hold ordinary paragraphs.
                content = child.find(f"{W}sdtContent") if tag == f"{W}sdt" else child
                if content is not None:
                    self.container(content)

    def paragraph(self, p) -> None:
        self.paras += 1
        self.blocks.append(Para(self.paras, paragraph_text(p)))
        for box in _text_boxes(p):
            self.container(box)

    def table(self, tbl) -> None:
        self.tables += 1
        table = Table(self.tables, after_para=self.paras)
        above: dict[int, Cell] = {}  # grid column -> the cell covering it in the row above
        for r, tr in enumerate(_rows(tbl), start=1):
            trpr = tr.find(f"{W}trPr")
            before = _int_val(trpr.find(f"{W}gridBefore")) if trpr is not None else 0
            header = trpr is not None and trpr.find(f"{W}tblHeader") is not None and \
                trpr.find(f"{W}tblHeader").get(f"{W}val", "true") not in ("0", "false")
            row: list[Cell] = [Cell("", spanned=True, row=r, col=c + 1) for c in range(before or 0)]
            c = len(row)
            for tc in _cells(tr):
                tcpr = tc.find(f"{W}tcPr")
                span = max(_int_val(tcpr.find(f"{W}gridSpan")) if tcpr is not None else 1, 1)
                vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
                continued = vmerge is not None and vmerge.get(f"{W}val", "continue") == "continue"
                if continued and c in above:
                    origin = above[c]
                    first = Cell(origin.text, merged=True, row=origin.row, col=origin.col)
                else:
                    first = Cell(cell_text(tc), row=r, col=c + 1)
                for k in range(span):
                    cell = first if k == 0 else Cell(first.text, spanned=True, merged=first.merged,
                                                      row=first.row, col=first.col)
                    row.append(cell)
                    above[c + k] = first
                c += span
            table.rows.append(row)
            table.repeat_header.append(bool(header))
        self.blocks.append(table)


def _rows(tbl):
    for child in tbl:
        if child.tag == f"{W}tr":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                yield from _rows(content)


def _cells(tr):
    for child in tr:
        if child.tag == f"{W}tc":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                yield from _cells(content)


def _int_val(element) -> int:
    if element is None:
        return 0
    try:
        return int(element.get(f"{W}val", "0"))
    except ValueError:
        return 0


def _text_boxes(p):
    """Text-box contents anchored in paragraph ``p`` (not the VML copy kept for old Word)."""
    found = []

    def walk(element):
        for child in element:
            if child.tag == MC_FALLBACK:
                continue
            if child.tag == f"{W}txbxContent":
                found.append(child)
                continue
            walk(child)

    walk(p)
    return found


def paragraph_text(p) -> str:
    """The text of a paragraph as Word shows it: tabs kept, line breaks as ``\\n``.

    Deleted text (tracked changes), field codes and text boxes (read separately) are left out.
    """
    out: list[str] = []

    def walk(element):
        for child in element:
            tag = child.tag
            if tag in (MC_FALLBACK, f"{W}txbxContent", f"{W}del", f"{W}moveFrom", f"{W}pPr",
                       f"{W}rPr", f"{W}instrText"):
                continue
            if tag == f"{W}t":
                out.append(child.text or "")
            elif tag == f"{W}tab":
                out.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                if child.get(f"{W}type") not in ("page", "column"):
                    out.append("\n")
            elif tag == f"{W}noBreakHyphen":
                out.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(out)


def cell_text(tc) -> str:
    """A cell's text: one line per paragraph or line break; blank lines and edge spaces dropped
    (they are spacing in Word, not data)."""
    lines: list[str] = []
    for p in tc.iter(f"{W}p"):
        lines.extend(paragraph_text(p).split("\n"))
    return "\n".join(line.strip() for line in lines if line.strip())
