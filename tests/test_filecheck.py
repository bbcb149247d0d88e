"""``ita_xl.filecheck``: a zip bomb or an enormous sheet is refused with a message, in bounded memory.

Peak memory is measured in a fresh process (``VmHWM``, else ``ru_maxrss``) that opens the file the way
``ita-xl`` does; without the checks of ``ita_xl.filecheck`` openpyxl would try to hold a gigabyte
of XML (or half a gigabyte of cell objects).
"""
from __future__ import annotations

import json
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support import bad_files as bad
from support.cli import cli, files_in
from support.wbedit import find_table, open_copy

from ita_xl import filecheck, resources
from ita_xl.errors import WorkbookError
from ita_xl.reader import read_tracker

PEAK_LIMIT_MB = 300

_PROBE = r"""
import json, resource, sys
from ita_xl.reader import read_tracker
from ita_xl.errors import ItaError
try:
    read_tracker(sys.argv[1])
    outcome = "read"
except ItaError as exc:
    outcome = str(exc)

def peak_kb():
    # VmHWM is this program's own peak.  ru_maxrss is not enough on Linux: execve keeps the peak
    # of the process image it replaced, and pytest (the parent) may be far bigger than this probe.
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

print(json.dumps({"outcome": outcome, "peak_mb": peak_kb() / 1024}))
"""


def probe(path: Path) -> dict:
    """Open ``path`` with ita-xl's reader in a fresh process: outcome and peak memory (MB)."""
    proc = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_limits_are_far_above_a_real_tracker():
    """The bundled tracker uses a tiny fraction of every limit."""
    path = resources.example_workbook()
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
    assert len(infos) < filecheck.MAX_MEMBERS / 100
    assert sum(i.file_size for i in infos) < filecheck.MAX_TOTAL_UNCOMPRESSED / 100
    assert path.stat().st_size < filecheck.MAX_FILE_BYTES / 100
    assert filecheck.MAX_CELLS >= 20 * 10_000  # a 10,000-row table of 20 columns still fits


def test_zip_bomb_is_refused_in_bounded_memory(tmp_path):
    """1 GB of spaces in about 1 MB: refused from the zip directory, never decompressed."""
    path = bad.zip_bomb(tmp_path / "ITA_tracker.xlsx", megabytes=1024)
    assert path.stat().st_size < 2 * 1024 * 1024
    result = probe(path)
    assert "ITA_tracker.xlsx" in result["outcome"]
    assert "ไม่เปิดไฟล์" in result["outcome"] and "refused" in result["outcome"]
    assert "xl/worksheets/sheet1.xml" in result["outcome"]
    assert result["peak_mb"] < PEAK_LIMIT_MB, result
    out = tmp_path / "out"
    cli_result = cli("generate", path, "-o", out)
    assert cli_result.exit_code == 3 and isinstance(cli_result.exception, SystemExit)
    assert files_in(out) == []


def test_moderate_bomb_is_refused_by_its_ratio(tmp_path):
    """60 MB of spaces: under the total limit, but no sheet compresses 1000 times."""
    path = bad.zip_bomb(tmp_path / "ITA_tracker.xlsx", megabytes=60)
    with pytest.raises(WorkbookError) as info:
        read_tracker(path)
    assert f"limit {filecheck.MAX_RATIO}" in str(info.value)


def test_enormous_sheet_is_refused_in_bounded_memory(tmp_path):
    """600,000 honest cells (openpyxl would need ~450 bytes each): refused with the sheet name."""
    path = bad.enormous_sheet(tmp_path / "ITA_tracker.xlsx", cells=600_000)
    result = probe(path)
    assert f"{filecheck.MAX_CELLS:,}" in result["outcome"]
    assert "มาตรการ" in result["outcome"]  # the sheet's title
    assert result["peak_mb"] < PEAK_LIMIT_MB, result


def test_declared_size_that_lies_is_still_bounded(tmp_path):
    """A member that says 1 MB but holds 1 GB: zipfile stops at the declared size, so the file is
    reported as damaged instead of being decompressed in full."""
    path = bad.zip_bomb(tmp_path / "ITA_tracker.xlsx", megabytes=1024)
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature + b"", 0)
        while at >= 0:
            name_len = struct.unpack_from("<H", data, at + (26 if signature == b"PK\x03\x04"
                                                              else 28))[0]
            start = at + (30 if signature == b"PK\x03\x04" else 46)
            if bytes(data[start:start + name_len]) == name:
                struct.pack_into("<I", data, at + offset, 1024 * 1024)  # uncompressed size
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    result = probe(path)
    assert "เสียหาย" in result["outcome"] or "ไม่เปิดไฟล์" in result["outcome"], result
    assert result["peak_mb"] < PEAK_LIMIT_MB, result


def test_billion_laughs_in_shared_strings(tmp_path):
    """Nested XML entities (a "billion laughs") are refused by the XML parser, not expanded."""
    path = tmp_path / "ITA_tracker.xlsm"
    entities = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10 if i else "ha"}">'
                       for i in range(10))
    strings = (f'<?xml version="1.0"?><!DOCTYPE sst [{entities}]>'
               '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
               'uniqueCount="1"><si><t>&l9;</t></si></sst>')
    with zipfile.ZipFile(resources.example_workbook()) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml" and b"sharedStrings" not in data:
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" '
                                    b'ContentType="application/vnd.openxmlformats-officedocument.'
                                    b'spreadsheetml.sharedStrings+xml"/></Types>')
            if info.filename == "xl/_rels/workbook.xml.rels" and b"sharedStrings" not in data:
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdS1" Type="http://'
                                    b'schemas.openxmlformats.org/officeDocument/2006/relationships/'
                                    b'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
            if info.filename != "xl/sharedStrings.xml":
                dst.writestr(info, data)
        dst.writestr("xl/sharedStrings.xml", strings)
    result = probe(path)
    assert result["outcome"] != "read"
    assert "ITA_tracker.xlsm" in result["outcome"]
    assert result["peak_mb"] < PEAK_LIMIT_MB, result


def test_table_claiming_the_whole_sheet_reads_only_real_cells(tmp_path):
    """A table ref of A1:XFD1048576 would make openpyxl create 17 billion cells."""
    path = tmp_path / "ITA_tracker.xlsm"
    shutil.copy(resources.example_workbook(), path)
    wb = open_copy(path)
    ws, table = find_table(wb, "Plan")
    top_left = table.ref.split(":")[0]
    table.ref = f"{top_left}:XFD1048576"
    if table.autoFilter is not None:
        table.autoFilter.ref = table.ref
    wb.save(path)
    result = probe(path)
    assert result["outcome"] == "read", result
    assert result["peak_mb"] < PEAK_LIMIT_MB, result
    assert len(read_tracker(path).plan) == len(read_tracker(resources.example_workbook()).plan)
