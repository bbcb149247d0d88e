"""Turning a ``.bas``/``.cls`` text into the module text VBA stores (MS-OVBA 2.3.4.3).

A module stream holds the module's source *including* its ``Attribute VB_*`` header lines, with
CRLF line ends, in the project code page.  Files exported from the VBA editor carry a bit more
and a bit less than that, and Excel adjusts them on import; we do the same:

* ``.cls`` exports start with ``VERSION 1.0 CLASS`` and a ``BEGIN ... END`` block of
  designer properties (``MultiUse = -1``).  That block is not module text: dropped.
* The leading ``Attribute VB_...`` lines are module attributes and stay.  For class modules
  Excel stores more than it exports: it adds ``VB_Base`` (the class's base type,
  ``0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}``), ``VB_TemplateDerived`` and ``VB_Customizable``,
  and writes the standard attributes in a fixed order, with any other ones (such as
  ``VB_Description``) after them.  xlwings' quickstart workbook shows exactly this for its
  ``Dictionary`` class.
* Document modules (``ThisWorkbook``, ``Sheet1``...) get the header Excel writes for them; their
  ``VB_Base`` names the host object type: ``0{00020819-...}`` the Workbook,
  ``0{00020820-...}`` a Worksheet.
* ``Attribute VB_Name`` must agree with the module name (a mismatch raises: it would silently
  rename the module in Excel).
"""
from __future__ import annotations

import re

from .references import CODEPAGE

CLASS_BASE = '"0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"'
WORKBOOK_BASE = '"0{00020819-0000-0000-C000-000000000046}"'
WORKSHEET_BASE = '"0{00020820-0000-0000-C000-000000000046}"'

KINDS = ("standard", "class", "document")
IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}\Z")
_ATTRIBUTE = re.compile(r"Attribute\s+(VB_\w+)\s*=\s*(.*?)\s*\Z", re.IGNORECASE)

# Standard attribute order Excel stores, with the defaults for a class module ...
_CLASS_HEADER = (
    ("VB_GlobalNameSpace", "False"),
    ("VB_Creatable", "False"),
    ("VB_PredeclaredId", "False"),
    ("VB_Exposed", "False"),
    ("VB_TemplateDerived", "False"),
    ("VB_Customizable", "False"),
)
# ... and the fixed values of a document module (the host object decides them, not the file).
_DOCUMENT_HEADER = (
    ("VB_GlobalNameSpace", "False"),
    ("VB_Creatable", "False"),
    ("VB_PredeclaredId", "True"),
    ("VB_Exposed", "True"),
    ("VB_TemplateDerived", "False"),
    ("VB_Customizable", "True"),
)


def check_name(name: str, what: str = "module") -> None:
    """Raise ``ValueError`` unless ``name`` is a VBA identifier of at most 31 ASCII characters.

    31 is both VBA's limit for a module name and MS-CFB's for a stream name (2.6.1).
    """
    if not IDENTIFIER.match(name):
        raise ValueError(
            f"VBA {what} name {name!r} must start with an ASCII letter and contain only ASCII "
            "letters, digits and '_', at most 31 characters")


def stored_text(name: str, kind: str, source: str) -> str:
    """Return the module text exactly as it goes into the module stream (CRLF line ends)."""
    if kind not in KINDS:
        raise ValueError(f"module {name!r}: kind must be one of {KINDS}, not {kind!r}")
    if source.startswith("\ufeff"):
        source = source[1:]  # a UTF-8 byte-order mark from an editor is not module text
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final line end is implied: every stored line gets CRLF

    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i == len(lines) or not re.match(r"(VERSION|Attribute)\s", lines[i].strip(), re.IGNORECASE):
        i = 0  # no header to parse: leading blank lines are code and stay
    if i < len(lines) and re.match(r"VERSION\s+\d+\.\d+\s+CLASS\s*\Z", lines[i].strip(),
                                   re.IGNORECASE):
        i += 1
        if i < len(lines) and lines[i].strip().upper() == "BEGIN":
            while i < len(lines) and lines[i].strip().upper() != "END":
                i += 1
            i += 1  # past END
    attributes: dict[str, tuple[str, str]] = {}  # lower-case key -> (spelling, value)
    while i < len(lines):
        m = _ATTRIBUTE.match(lines[i].strip())
        if not m:
            break
        attributes[m.group(1).lower()] = (m.group(1), m.group(2))
        i += 1
    body = lines[i:]

    given_name = attributes.pop("vb_name", (None, None))[1]
    if given_name is not None and given_name.strip('"') != name:
        raise ValueError(f"module {name!r}: its source says Attribute VB_Name = {given_name}")
    header = [("VB_Name", f'"{name}"')]
    if kind == "class":
        header.append(("VB_Base", attributes.pop("vb_base", (None, CLASS_BASE))[1]))
        for key, default in _CLASS_HEADER:
            header.append((key, attributes.pop(key.lower(), (None, default))[1]))
    elif kind == "document":
        base = WORKBOOK_BASE if name == "ThisWorkbook" else WORKSHEET_BASE
        header.append(("VB_Base", attributes.pop("vb_base", (None, base))[1]))
        for key, value in _DOCUMENT_HEADER:
            attributes.pop(key.lower(), None)
            header.append((key, value))
    header += attributes.values()  # anything else (VB_Description...) keeps its order, after

    out = [f"Attribute {key} = {value}" for key, value in header] + body
    return "".join(line + "\r\n" for line in out)


def encode_text(name: str, text: str) -> bytes:
    """Encode module text in code page 1252, or raise a ``ValueError`` that says where it fails.

    The project declares code page 1252 (PROJECTCODEPAGE); VBA would show anything else as
    garbage.  Thai or other text belongs in the workbook's cells, not in the VBA source.
    """
    try:
        return text.encode(CODEPAGE)
    except UnicodeEncodeError as err:
        line_no = text.count("\n", 0, err.start) + 1
        char = text[err.start]
        raise ValueError(
            f"module {name!r}, line {line_no}: character {char!r} (U+{ord(char):04X}) is not in "
            "code page 1252; keep VBA source ASCII (put non-Latin text in cells or resources)"
        ) from None
