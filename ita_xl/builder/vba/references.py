"""Type-library references of a VBA project (MS-OVBA 2.3.4.2.2 PROJECTREFERENCES).

Each reference is an optional REFERENCENAME record followed by one of:

* REFERENCEREGISTERED (0x000D): an Automation type library found through the registry by its
  LIBID string ``*\\G{guid}#major.minor#lcid#path#description`` (2.1.1.8).  The path is only
  a hint; Excel resolves the GUID and version on the machine that opens the file.
* REFERENCECONTROL (0x002F), optionally wrapped in REFERENCEORIGINAL (0x0033): an "extended"
  type library VBA generates for ActiveX controls (the MSForms references of a workbook that
  once had a UserForm look like this).
* REFERENCEPROJECT (0x000E): another VBA project.

The VBA and host (Excel) libraries are implicit and never listed.  A workbook Excel creates
lists exactly ``stdole`` and ``Office``; :data:`DEFAULT_REFERENCES` reproduces those.
"""
from __future__ import annotations

import struct
import uuid
from dataclasses import dataclass
from typing import Union

CODEPAGE = "cp1252"


@dataclass(frozen=True)
class RegisteredReference:
    """A registered type library (REFERENCEREGISTERED, 2.3.4.2.2.5)."""

    name: str
    libid: str


@dataclass(frozen=True)
class ControlReference:
    """An ActiveX-control library (REFERENCECONTROL 2.3.4.2.2.3, REFERENCEORIGINAL 2.3.4.2.2.4).

    ``libid_original`` is ``None`` when the file has no REFERENCEORIGINAL wrapper and
    ``name_extended`` is ``None`` when the control record carries no inner REFERENCENAME.
    """

    name: str | None
    libid_twiddled: str
    libid_extended: str
    original_typelib: uuid.UUID
    cookie: int
    libid_original: str | None = None
    name_extended: str | None = None


@dataclass(frozen=True)
class ProjectReference:
    """Another VBA project (REFERENCEPROJECT, 2.3.4.2.2.6)."""

    name: str
    libid_absolute: str
    libid_relative: str
    major_version: int
    minor_version: int


Reference = Union[RegisteredReference, ControlReference, ProjectReference]

#: What Excel writes for a new workbook (the Office path is the Office 16 one Excel 2016-365
#: writes; the GUID and version are what actually bind).
DEFAULT_REFERENCES: tuple[Reference, ...] = (
    RegisteredReference(
        "stdole",
        r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\Windows\System32\stdole2.tlb"
        r"#OLE Automation",
    ),
    RegisteredReference(
        "Office",
        r"*\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#C:\Program Files\Common Files"
        r"\Microsoft Shared\OFFICE16\MSO.DLL#Microsoft Office 16.0 Object Library",
    ),
)


def record(record_id: int, payload: bytes) -> bytes:
    """The common dir-stream record shape: Id (2 bytes), Size (4 bytes), then Size bytes."""
    return struct.pack("<HI", record_id, len(payload)) + payload


def mbcs(text: str) -> bytes:
    """Encode for an "MBCS" field in the project code page (we always declare 1252)."""
    return text.encode(CODEPAGE)


def _sized(text: str) -> bytes:
    data = mbcs(text)
    return struct.pack("<I", len(data)) + data


def name_record(name: str) -> bytes:
    """REFERENCENAME (2.3.4.2.2.2): the name in MBCS, then Reserved 0x003E and UTF-16LE."""
    return record(0x0016, mbcs(name)) + record(0x003E, name.encode("utf-16-le"))


def encode_reference(ref: Reference) -> bytes:
    """The bytes of one REFERENCE (2.3.4.2.2.1) in the order the spec lists its fields."""
    out = name_record(ref.name) if ref.name is not None else b""
    if isinstance(ref, RegisteredReference):
        # Size covers SizeOfLibid, Libid, Reserved1 (4 bytes, 0) and Reserved2 (2 bytes, 0).
        out += record(0x000D, _sized(ref.libid) + struct.pack("<IH", 0, 0))
    elif isinstance(ref, ControlReference):
        if ref.libid_original is not None:
            out += struct.pack("<H", 0x0033) + _sized(ref.libid_original)
        out += record(0x002F, _sized(ref.libid_twiddled) + struct.pack("<IH", 0, 0))
        if ref.name_extended is not None:
            out += name_record(ref.name_extended)
        out += record(0x0030, _sized(ref.libid_extended) + struct.pack("<IH", 0, 0)
                      + ref.original_typelib.bytes_le + struct.pack("<I", ref.cookie))
    elif isinstance(ref, ProjectReference):
        out += record(0x000E, _sized(ref.libid_absolute) + _sized(ref.libid_relative)
                      + struct.pack("<IH", ref.major_version, ref.minor_version))
    else:
        raise TypeError(f"not a VBA reference: {ref!r}")
    return out
