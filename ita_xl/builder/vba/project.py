"""Assembling ``vbaProject.bin``: the VBA project storage of MS-OVBA 2.2/2.3 in an MS-CFB file.

Layout (MS-OVBA 2.2.1)::

    Root Entry
    ├── PROJECT        text: module list, project name, protection (2.3.1)
    ├── PROJECTwm      module names in MBCS and UTF-16 (2.3.3)
    └── VBA
        ├── _VBA_PROJECT   7 bytes, no performance cache (2.3.4.1)
        ├── dir            compressed records: project info, references, modules (2.3.4.2)
        └── <one stream per module>   compressed source (2.3.4.3)

We write *source only*: no compiled p-code, no performance cache, ``Version`` 0xFFFF.  Office
sees that the cache is missing and compiles the modules from source when the file is opened,
which is exactly what the spec asks a writer to do ("MUST NOT be present on write").
"""
from __future__ import annotations

import struct
import uuid
from dataclasses import dataclass
from typing import Iterable

from . import obfuscation
from .cfb import write_compound_file
from .compression import compress, decompress
from .references import DEFAULT_REFERENCES, Reference, encode_reference, mbcs, record
from .source import KINDS, check_name, encode_text, stored_text


@dataclass(frozen=True)
class VbaModule:
    """One VBA module.

    ``kind`` is ``"standard"`` (a .bas), ``"class"`` (a .cls) or ``"document"`` (the code
    behind ``ThisWorkbook`` or a sheet, named by the sheet's codeName).  ``source`` is the
    text of a .bas/.cls file; see :mod:`ita_xl.builder.vba.source` for what is kept of its header.
    """

    name: str
    kind: str
    source: str


# PROJECTSYSKIND (2.3.4.2.1.1): 3 = 64-bit Windows, what xlwings' quickstart (saved by 64-bit
# Excel) carries.  Without p-code it only tells which platform wrote the file; 32-bit Office
# opens it and compiles from source just the same.
SYS_KIND = 0x00000003
LCID = 0x0409  # PROJECTLCID / PROJECTLCIDINVOKE: MUST be 0x409 (2.3.4.2.1.3, 2.3.4.2.1.4)
CODEPAGE = 1252  # PROJECTCODEPAGE: Windows-1252 for every MBCS string and all module text
VERSION_MAJOR, VERSION_MINOR = 1, 0  # PROJECTVERSION: the project's own version, free choice
COOKIE = 0xFFFF  # PROJECTCOOKIE / MODULECOOKIE: "MUST be 0xFFFF on write"
MODULE_TYPE = {"standard": 0x0021, "class": 0x0022, "document": 0x0022}  # 2.3.4.2.3.2.8

# PROJECT stream constants (2.3.1.14, 2.3.1.18): what every Office version writes.
VERSION_COMPATIBLE32 = "393222000"
HOST_EXTENDER = "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"

# Unprotected-project values of CMG, DPB and GC before obfuscation (2.3.1.15-2.3.1.17).
PROTECTION_NONE = b"\x00\x00\x00\x00"
PASSWORD_NONE = b"\x00"
VISIBLE = b"\xff"

# _VBA_PROJECT (2.3.4.1): Reserved1 0x61CC, Version 0xFFFF, Reserved2 0x00, Reserved3.
# Reserved3 is "undefined, MUST be ignored"; 0x0001 is the value of the spec's own example
# (3.1.1) and of xlwings' shipped quickstart workbook.
VBA_PROJECT_STREAM = struct.pack("<HHBH", 0x61CC, 0xFFFF, 0x00, 0x0001)

_PROJECT_ID_NAMESPACE = uuid.UUID("6f7a2f9e-1c55-5d0a-9b1e-7a1d2c3b4a50")  # ita-xl's own


def project_id(project_name: str) -> str:
    """A stable ``{GUID}`` for ``ID=`` (2.3.1.2): a UUIDv5 of the project name, upper case."""
    return "{" + str(uuid.uuid5(_PROJECT_ID_NAMESPACE, project_name)).upper() + "}"


def build_vba_project(modules: Iterable[VbaModule], project_name: str = "VBAProject",
                      references: Iterable[Reference] = DEFAULT_REFERENCES) -> bytes:
    """Return the bytes of a ``vbaProject.bin`` holding ``modules``, in the given order.

    Deterministic: equal arguments give equal bytes.  Raises ``ValueError`` for a bad module or
    project name, a duplicate module, an unknown kind, a source line outside code page 1252 or
    a VB_Name that disagrees with the module name.
    """
    modules = list(modules)
    references = tuple(references)
    check_name(project_name, "project")
    seen: set[str] = set()
    for m in modules:
        check_name(m.name)
        if m.kind not in KINDS:
            raise ValueError(f"module {m.name!r}: kind must be one of {KINDS}, not {m.kind!r}")
        if m.name.lower() == "dir":  # would collide with the dir stream in the VBA storage
            raise ValueError("a VBA module cannot be named 'dir'")
        if m.name.lower() in seen:
            raise ValueError(f"duplicate VBA module name {m.name!r}")
        seen.add(m.name.lower())

    vba: dict[str, bytes] = {"_VBA_PROJECT": VBA_PROJECT_STREAM,
                             "dir": compress(dir_stream(modules, project_name, references))}
    for m in modules:
        vba[m.name] = module_stream(m)
    return write_compound_file({
        "PROJECT": project_stream(modules, project_name),
        "PROJECTwm": projectwm_stream(modules),
        "VBA": vba,
    })


def module_stream(module: VbaModule) -> bytes:
    """Module stream (2.3.4.3): empty PerformanceCache (so MODULEOFFSET 0), CompressedSourceCode."""
    encode_text(module.name, module.source)  # fail early, with the line number of the source
    text = encode_text(module.name, stored_text(module.name, module.kind, module.source))
    packed = compress(text)
    if decompress(packed) != text:
        # Only an incompressible final chunk of 3641-4095 bytes can do this (see compress).
        raise ValueError(f"module {module.name!r}: source does not survive MS-OVBA compression "
                         "(it looks like binary data, not VBA text)")
    return packed


def dir_stream(modules: list[VbaModule], project_name: str,
               references: tuple[Reference, ...]) -> bytes:
    """The *uncompressed* dir stream (2.3.4.2): records in the order the spec lists them."""
    u32 = lambda v: struct.pack("<I", v)  # noqa: E731
    u16 = lambda v: struct.pack("<H", v)  # noqa: E731
    out = bytearray()
    # PROJECTINFORMATION (2.3.4.2.1).  PROJECTCOMPATVERSION (0x004A) is optional and left out,
    # as in xlwings' quickstart workbook.
    out += record(0x0001, u32(SYS_KIND))  # PROJECTSYSKIND
    out += record(0x0002, u32(LCID))  # PROJECTLCID
    out += record(0x0014, u32(LCID))  # PROJECTLCIDINVOKE
    out += record(0x0003, u16(CODEPAGE))  # PROJECTCODEPAGE
    out += record(0x0004, mbcs(project_name))  # PROJECTNAME
    out += record(0x0005, b"") + record(0x0040, b"")  # PROJECTDOCSTRING: MBCS, then UTF-16
    out += record(0x0006, b"") + record(0x003D, b"")  # PROJECTHELPFILEPATH: twice, must match
    out += record(0x0007, u32(0))  # PROJECTHELPCONTEXT
    out += record(0x0008, u32(0))  # PROJECTLIBFLAGS: MUST be 0
    # PROJECTVERSION is the one irregular record: Reserved (4 bytes) MUST be 4, then 6 bytes.
    out += u16(0x0009) + u32(4) + u32(VERSION_MAJOR) + u16(VERSION_MINOR)
    out += record(0x000C, b"") + record(0x003C, b"")  # PROJECTCONSTANTS: MBCS, then UTF-16
    # PROJECTREFERENCES (2.3.4.2.2): no count, just the records one after the other.
    for ref in references:
        out += encode_reference(ref)
    # PROJECTMODULES (2.3.4.2.3)
    out += record(0x000F, u16(len(modules)))
    out += record(0x0013, u16(COOKIE))  # PROJECTCOOKIE
    for m in modules:  # MODULE (2.3.4.2.3.2)
        name16 = m.name.encode("utf-16-le")
        out += record(0x0019, mbcs(m.name)) + record(0x0047, name16)  # MODULENAME(+UNICODE)
        out += record(0x001A, mbcs(m.name)) + record(0x0032, name16)  # MODULESTREAMNAME
        out += record(0x001C, b"") + record(0x0048, b"")  # MODULEDOCSTRING
        out += record(0x0031, u32(0))  # MODULEOFFSET: source starts at byte 0
        out += record(0x001E, u32(0))  # MODULEHELPCONTEXT
        out += record(0x002C, u16(COOKIE))  # MODULECOOKIE
        out += record(MODULE_TYPE[m.kind], b"")  # MODULETYPE: its Reserved field is 0
        out += record(0x002B, b"")  # end of this module's records
    out += record(0x0010, b"")  # dir Terminator + Reserved 0x00000000
    return bytes(out)


def project_stream(modules: list[VbaModule], project_name: str) -> bytes:
    """PROJECT stream (2.3.1): ``key=value`` lines, CRLF, in code page 1252.

    Order per the ABNF: ID, one line per module, Name, HelpContextID, VersionCompatible32,
    CMG, DPB, GC, then the [Host Extender Info] and [Workspace] sections.
    """
    pid = project_id(project_name)
    lines = [f'ID="{pid}"']
    for m in modules:
        if m.kind == "document":
            lines.append(f"Document={m.name}/&H00000000")  # DocTlibVer: always 0 for Excel
        elif m.kind == "class":
            lines.append(f"Class={m.name}")
        else:
            lines.append(f"Module={m.name}")
    lines += [
        f'Name="{project_name}"',
        'HelpContextID="0"',
        f'VersionCompatible32="{VERSION_COMPATIBLE32}"',
        f'CMG="{obfuscation.encrypt(PROTECTION_NONE, pid).hex().upper()}"',
        f'DPB="{obfuscation.encrypt(PASSWORD_NONE, pid).hex().upper()}"',
        f'GC="{obfuscation.encrypt(VISIBLE, pid).hex().upper()}"',
        "",
        "[Host Extender Info]",
        HOST_EXTENDER,
        "",
        "[Workspace]",
    ]
    # Code-window positions; all zero and "C" (closed) is what Excel writes for a window that
    # was never opened.
    lines += [f"{m.name}=0, 0, 0, 0, C" for m in modules]
    lines.append("")  # Excel ends the stream with an empty line
    return mbcs("".join(line + "\r\n" for line in lines))


def projectwm_stream(modules: list[VbaModule]) -> bytes:
    """PROJECTwm (2.3.3): per module its name in MBCS + NUL and in UTF-16LE + NUL; then 0x0000."""
    out = bytearray()
    for m in modules:
        out += mbcs(m.name) + b"\x00" + m.name.encode("utf-16-le") + b"\x00\x00"
    out += b"\x00\x00"
    return bytes(out)
