"""Make the bad input files the robustness tests feed to ita-xl.

The tests call these functions to build each file in a temporary folder at test time, so nothing
binary needs to be committed.  Run this script to write them all into this folder, to look at
them or try them by hand (``ita-xl generate tests/data/bad/encrypted.xlsm``)::

    python tests/support/bad_files.py [FOLDER]      # default: tests/data/bad

Files made from the bundled example tracker are edited the way a clerk would, through table and
header names (``tests/support/wbedit.py``), never through fixed cell addresses.
"""
from __future__ import annotations

import io
import random
import shutil
import struct
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
if str(TESTS) not in sys.path:  # run as a script: `support` is a package under tests/
    sys.path.insert(0, str(TESTS))
DEFAULT_FOLDER = TESTS / "data" / "bad"

MB = 1024 * 1024
PASSWORD = "ita2565"


def example() -> Path:
    from ita_xl import resources

    return resources.example_workbook()


# --- files that are not workbooks ----------------------------------------------------------------
def random_bytes(path: Path) -> Path:
    """Random bytes named like a workbook."""
    path.write_bytes(random.Random(6).randbytes(20_000))
    return path


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def csv_file(path: Path) -> Path:
    """A CSV export with Thai text (UTF-8 with BOM, as Excel writes it)."""
    path.write_text("มาตรการ,แนวทางการปฏิบัติ\nเผยแพร่ข้อมูลต่อสาธารณะ,ปรับปรุงเว็บไซต์\n",
                    encoding="utf-8-sig")
    return path


def html_as_xls(path: Path) -> Path:
    """A web page saved with an .xls name, as some government web systems export."""
    path.write_text("<html><body><table><tr><td>มาตรการ</td></tr></table></body></html>",
                    encoding="utf-8")
    return path


def _biff_record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def old_xls(path: Path) -> Path:
    """An Excel 97-2003 workbook (OLE2 file with a BIFF8 ``Workbook`` stream: BOF … EOF)."""
    from ita_xl.builder.vba.cfb import write_compound_file

    bof = _biff_record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0x06))
    stream = bof + _biff_record(0x000A, b"")
    path.write_bytes(write_compound_file({"Workbook": stream.ljust(4096, b"\0")}))
    return path


def ods(path: Path) -> Path:
    """A LibreOffice spreadsheet: a zip whose first member ``mimetype`` says so."""
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                    compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", '<?xml version="1.0" encoding="UTF-8"?>'
                    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument'
                    ':xmlns:office:1.0"/>', compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", "<manifest/>", compress_type=zipfile.ZIP_DEFLATED)
    return path


def zip_not_excel(path: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "not a workbook")
    return path


def truncated(path: Path) -> Path:
    """The example tracker cut in half (an interrupted copy)."""
    data = example().read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def encrypted(path: Path, password: str = PASSWORD) -> Path:
    """The example tracker protected with a password (Excel's "Encrypt with Password")."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with open(example(), "rb") as src, open(path, "wb") as out:
        OOXMLFile(src).encrypt(password, out)
    return path


# --- hostile packages ----------------------------------------------------------------------------
_CT = ('<?xml version="1.0" encoding="UTF-8"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
       'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
       'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
       'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
       'worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
         'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
         'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="xl/workbook.xml"/></Relationships>')
_WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
       'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
       'relationships"><sheets><sheet name="มาตรการ" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WB_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>')
_SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
               b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
_SHEET_TAIL = b"</sheetData></worksheet>"


def _raw_zip(path: Path, members: list[tuple[str, int, int, bytes]]) -> Path:
    """Write a zip by hand: ``(name, crc32, uncompressed size, raw deflate data)`` per member.

    ``zipfile`` cannot take data that is already compressed; this lets a bomb be made without
    pushing a gigabyte through the compressor.
    """
    out = io.BytesIO()
    central = []
    for name, crc, size, raw in members:
        encoded = name.encode("utf-8")
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, 8, 0, 0x21, crc, len(raw),
                              size, len(encoded), 0) + encoded)
        out.write(raw)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, 8, 0, 0x21,
                                   crc, len(raw), size, len(encoded), 0, 0, 0, 0, 0, offset)
                       + encoded)
    start = out.tell()
    for record in central:
        out.write(record)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central),
                          out.tell() - start, start, 0))
    path.write_bytes(out.getvalue())
    return path


def _deflated(data: bytes) -> tuple[int, int, bytes]:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return zlib.crc32(data), len(data), c.compress(data) + c.flush()


def zip_bomb(path: Path, megabytes: int = 1024) -> Path:
    """A tiny .xlsx whose sheet XML expands to ``megabytes`` MB (1 GB: spaces after the root tag).

    One megabyte of spaces is deflated once with a full flush (so every copy is compressed the
    same way, independently of the copies before it); the member is that block repeated.
    """
    chunk = b" " * MB
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(_SHEET_HEAD) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    assert block == again
    tail = c.compress(_SHEET_TAIL) + c.flush()
    crc = zlib.crc32(_SHEET_HEAD)
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(_SHEET_TAIL, crc)
    size = len(_SHEET_HEAD) + megabytes * MB + len(_SHEET_TAIL)
    members = [(name, *_deflated(text.encode("utf-8"))) for name, text in (
        ("[Content_Types].xml", _CT), ("_rels/.rels", _RELS), ("xl/workbook.xml", _WB),
        ("xl/_rels/workbook.xml.rels", _WB_RELS))]
    members.append(("xl/worksheets/sheet1.xml", crc, size, head + block * megabytes + tail))
    return _raw_zip(path, members)


def enormous_sheet(path: Path, cells: int = 600_000, columns: int = 10) -> Path:
    """A plain .xlsx with ``cells`` numeric cells (an honest file, just far too big)."""
    import zipfile

    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(c + 1) for c in range(columns)]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in (("[Content_Types].xml", _CT), ("_rels/.rels", _RELS),
                           ("xl/workbook.xml", _WB), ("xl/_rels/workbook.xml.rels", _WB_RELS)):
            zf.writestr(name, text)
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
            fh.write(_SHEET_HEAD)
            rows = cells // columns
            for r in range(1, rows + 1):
                fh.write((f'<row r="{r}">' + "".join(f'<c r="{col}{r}"><v>{r}</v></c>'
                                                     for col in letters) + "</row>").encode())
            fh.write(_SHEET_TAIL)
    return path


# --- trackers with a structural problem ----------------------------------------------------------
def _edit(path: Path, change) -> Path:
    from support.wbedit import open_copy

    shutil.copy(example(), path)
    wb = open_copy(path)
    change(wb)
    wb.save(path)
    return path


def missing_sheet(path: Path, title: str = "ผู้ลงนาม") -> Path:
    def change(wb):
        del wb[title]
    return _edit(path, change)


def missing_table(path: Path, table: str = "Plan") -> Path:
    from support.wbedit import find_table

    def change(wb):
        ws, _ = find_table(wb, table)
        del ws.tables[table]
    return _edit(path, change)


def missing_column(path: Path, table: str = "Plan", header: str = "ผู้รับผิดชอบ") -> Path:
    from openpyxl.utils import range_boundaries
    from support.wbedit import find_table, headers

    def change(wb):
        ws, tbl = find_table(wb, table)
        col = headers(ws, tbl)[header]
        ws.cell(row=range_boundaries(tbl.ref)[1], column=col).value = "หมายเหตุของเจ้าหน้าที่"
        for tc in tbl.tableColumns:
            if tc.name == header:
                tc.name = "หมายเหตุของเจ้าหน้าที่"
    return _edit(path, change)


def merged_cells(path: Path, table: str = "Results") -> Path:
    from support.wbedit import table_cell

    def change(wb):
        top = table_cell(wb, table, "มาตรการ", 0)
        below = table_cell(wb, table, "มาตรการ", 1)
        top.parent.merge_cells(f"{top.coordinate}:{below.coordinate}")
    return _edit(path, change)


def main(folder: Path = DEFAULT_FOLDER) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    makers = {
        "random.xlsx": random_bytes, "empty.xlsx": empty, "export.csv": csv_file,
        "webpage.xls": html_as_xls, "old.xls": old_xls, "calc.ods": ods,
        "not_excel.xlsx": zip_not_excel, "truncated.xlsm": truncated,
        "encrypted.xlsm": encrypted, "zip_bomb.xlsx": zip_bomb,
        "enormous_sheet.xlsx": enormous_sheet, "missing_sheet.xlsm": missing_sheet,
        "missing_table.xlsm": missing_table, "missing_column.xlsm": missing_column,
        "merged_cells.xlsm": merged_cells,
    }
    for name, make in makers.items():
        make(folder / name)
        print(folder / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FOLDER)
