"""Writing the VBA project part of an .xlsm (``xl/vbaProject.bin``) from VBA source text.

Pure Python, deterministic, written from the specifications:

* [MS-OVBA] Office VBA File Format Structure: the project's streams and records
  (:mod:`.project`), the compression of source and ``dir`` (:mod:`.compression`), the
  obfuscation of the protection fields (:mod:`.obfuscation`), references (:mod:`.references`)
  and the module text Excel stores (:mod:`.source`);
* [MS-CFB] Compound File Binary Format: the OLE container around it all (:mod:`.cfb`).

Usage::

    from ita_xl.builder.vba import VbaModule, build_vba_project
    bin_bytes = build_vba_project([
        VbaModule("ThisWorkbook", "document", ""),
        VbaModule("Sheet1", "document", ""),
        VbaModule("ITARibbon", "standard", open("ITARibbon.bas").read()),
    ])

The workbook that carries the part must be a macro-enabled one: content type
``application/vnd.ms-excel.sheet.macroEnabled.main+xml`` for the workbook, an Override
``application/vnd.ms-office.vbaProject`` for ``/xl/vbaProject.bin``, a workbook relationship
``http://schemas.microsoft.com/office/2006/relationships/vbaProject``, and codeName attributes
(``<workbookPr codeName="ThisWorkbook"/>``, ``<sheetPr codeName="Sheet1"/>``) that match the
document modules.
"""
from .compression import compress, decompress
from .project import VbaModule, build_vba_project
from .references import (
    DEFAULT_REFERENCES,
    ControlReference,
    ProjectReference,
    Reference,
    RegisteredReference,
)

__all__ = [
    "VbaModule",
    "build_vba_project",
    "compress",
    "decompress",
    "DEFAULT_REFERENCES",
    "Reference",
    "RegisteredReference",
    "ControlReference",
    "ProjectReference",
]
