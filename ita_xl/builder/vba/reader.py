"""Reading a VBA project back: dir-stream records, references and module text.

Used by the tests to compare what we write with Office-written files, and handy for inspecting
any ``vbaProject.bin``.  Needs ``olefile`` to open the compound file.
"""
from __future__ import annotations

import io
import struct
import uuid
from dataclasses import dataclass

from .compression import decompress
from .references import CODEPAGE, ControlReference, ProjectReference, Reference, RegisteredReference


@dataclass(frozen=True)
class DirRecord:
    id: int
    data: bytes


def dir_records(data: bytes) -> list[DirRecord]:
    """Split an *uncompressed* dir stream into records.

    Nearly every field group of MS-OVBA 2.3.4.2 has the shape Id (2) + Size (4) + Size bytes,
    including the "Reserved" markers in front of Unicode twins (0x003E, 0x0040, ...), which we
    therefore list as records of their own.  The exceptions: PROJECTVERSION (0x0009), whose
    Reserved field of 4 is followed by 6 bytes, and REFERENCEORIGINAL (0x0033), whose size
    covers only its libid and is then followed by a REFERENCECONTROL, itself a record.
    """
    out = []
    pos = 0
    while pos < len(data):
        if pos + 6 > len(data):
            raise ValueError(f"truncated dir record at offset {pos}")
        rid, size = struct.unpack_from("<HI", data, pos)
        if rid == 0x0009:
            size = 6
        out.append(DirRecord(rid, bytes(data[pos + 6:pos + 6 + size])))
        pos += 6 + size
        if rid == 0x0010:
            break
    return out


def references_from_dir(records: list[DirRecord]) -> tuple[Reference, ...]:
    """Rebuild the reference objects of a dir stream (inverse of ``encode_reference``)."""
    refs: list[Reference] = []
    name = original = twiddled = inner_name = None
    in_control = False

    def text(raw: bytes) -> str:
        (n,) = struct.unpack_from("<I", raw)
        return raw[4:4 + n].decode(CODEPAGE)

    for rec in records:
        if rec.id == 0x0016:
            if in_control:
                inner_name = rec.data.decode(CODEPAGE)
            else:
                name = rec.data.decode(CODEPAGE)
        elif rec.id == 0x000D:
            refs.append(RegisteredReference(name, text(rec.data)))
            name = None
        elif rec.id == 0x0033:
            original = rec.data.decode(CODEPAGE)
        elif rec.id == 0x002F:
            twiddled, in_control = text(rec.data), True
        elif rec.id == 0x0030:
            libid = text(rec.data)
            tail = rec.data[4 + len(libid.encode(CODEPAGE)) + 6:]
            refs.append(ControlReference(
                name, twiddled, libid, uuid.UUID(bytes_le=tail[:16]),
                struct.unpack_from("<I", tail, 16)[0], original, inner_name))
            name = original = twiddled = inner_name = None
            in_control = False
        elif rec.id == 0x000E:
            absolute = text(rec.data)
            rest = rec.data[4 + len(absolute.encode(CODEPAGE)):]
            relative = text(rest)
            major, minor = struct.unpack_from("<IH", rest, 4 + len(relative.encode(CODEPAGE)))
            refs.append(ProjectReference(name, absolute, relative, major, minor))
            name = None
        elif rec.id == 0x000F:
            break
    return tuple(refs)


@dataclass(frozen=True)
class StoredModule:
    name: str
    stream_name: str
    type_id: int  # 0x21 procedural, 0x22 document/class (MODULETYPE)
    offset: int  # MODULEOFFSET: where the compressed source starts in the stream
    text: str  # decompressed module text, attributes included


def read_vba_project(bin_bytes: bytes) -> tuple[str, list[DirRecord], list[StoredModule]]:
    """Open a ``vbaProject.bin``: return (PROJECT stream text, dir records, modules)."""
    import olefile  # only needed for reading

    ole = olefile.OleFileIO(io.BytesIO(bin_bytes))
    try:
        records = dir_records(decompress(ole.openstream("VBA/dir").read()))
        codepage = "cp1252"
        for rec in records:
            if rec.id == 0x0003:
                codepage = f"cp{struct.unpack('<H', rec.data)[0]}"
        project = ole.openstream("PROJECT").read().decode(codepage)
        modules = []
        current: dict = {}
        for rec in records:
            if rec.id == 0x0019:
                current = {"name": rec.data.decode(codepage)}
            elif rec.id == 0x001A:
                current["stream_name"] = rec.data.decode(codepage)
            elif rec.id == 0x0031:
                current["offset"] = struct.unpack("<I", rec.data)[0]
            elif rec.id in (0x0021, 0x0022):
                current["type_id"] = rec.id
            elif rec.id == 0x002B:
                raw = ole.openstream("VBA/" + current["stream_name"]).read()
                current["text"] = decompress(raw[current["offset"]:]).decode(codepage)
                modules.append(StoredModule(**current))
        return project, records, modules
    finally:
        ole.close()
