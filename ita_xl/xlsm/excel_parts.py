"""The Excel side of the tracker — VBA project and ribbon — added to the package as the last step.

openpyxl lays the tracker out (``workbook.py``); this module post-processes its zip, because an
openpyxl round-trip drops the ribbon relationship.  Nothing may re-save the result with openpyxl
or LibreOffice.  :func:`add_excel_parts` adds

* ``xl/vbaProject.bin``, the VBA project (its modules: ``ita_xl.builder.excel_side``), which
  binds a document module to each sheet's codeName;
* the workbook relationship ``.../2006/relationships/vbaProject`` and the content type
  ``application/vnd.ms-office.vbaProject``; the workbook part's content type must be the
  macro-enabled one (``tracker.macro_enabled`` sets it; checked here);
* ``customUI/customUI14.xml`` (``workbook/src/customUI/``) with the package relationship
  ``.../2007/relationships/ui/extensibility``; its content type is ``application/xml`` through
  the package's ``Default Extension="xml"``, as Office writes it;
* dynamic-array metadata (``xl/metadata.xml``, ``cm="1"`` on the cell) for the spilling
  ``ITA_FINDINGS`` formula of the check sheet, as Excel 365 writes it; without it Excel would
  open the formula as ``=@ITA_FINDINGS(…)`` and show one cell.

At run time (``init``, ``init --from``, ``import``) the VBA project, the ribbon and the metadata
are copied from the shipped tracker (:func:`shipped_side`), which the builder made from source
(``ita_xl.builder.excel_side``; ``tests/test_builder.py`` keeps the two equal): nothing is
rebuilt on a clerk's PC.  Deterministic: the same sources give the same bytes (``zipdet``).
"""
from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .. import resources
from .zipdet import read_members, write_members

REL_VBA = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
REL_RIBBON = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
REL_METADATA = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata"
CT_VBA = "application/vnd.ms-office.vbaProject"
CT_METADATA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"
CT_XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"

VBA_PART = "xl/vbaProject.bin"
RIBBON_PART = "customUI/customUI14.xml"
METADATA_PART = "xl/metadata.xml"

#: Functions whose formulas spill (dynamic arrays).
SPILLING = ("ITA_FINDINGS", "ITA_ROWSTATUS")

class ExcelPartsError(RuntimeError):
    """The Excel side cannot be built (wrong xlwings installed, a source missing) or copied
    (the shipped tracker was built for another layout)."""


@dataclass(frozen=True)
class ExcelSide:
    """The parts a tracker gets after openpyxl: the VBA project (made for these sheet
    codeNames), the ribbon and the dynamic-array metadata."""

    code_names: tuple[str, ...]
    vba_project: bytes
    ribbon: bytes
    metadata: bytes


@lru_cache(maxsize=1)
def shipped_side() -> ExcelSide:
    """The Excel side of the shipped tracker (``workbook/ITA_tracker.xlsm``, which the builder
    made from source and a test keeps equal to it): what every new tracker gets at run time."""
    members = dict(read_members(resources.example_workbook().read_bytes()))
    return ExcelSide(tuple(code_names(members)), members[VBA_PART], members[RIBBON_PART],
                     members.get(METADATA_PART, b""))


def extra_project_name(extra: list[str] | tuple[str, ...]) -> str:
    """The file in ``workbook/vba/`` of the VBA project for a tracker with these extra sheets."""
    return "+".join(sorted(extra)) + ".bin"


def _shipped_for(names: list[str]) -> ExcelSide:
    """The shipped Excel side for a tracker whose sheets have these codeNames: the shipped
    tracker's own, or (a tracker with more sheets: import's review, init --framework's
    framework) the VBA project the builder made for those sheets, with the same ribbon and
    metadata.  Excel binds a document module to its sheet by the codeName."""
    side = shipped_side()
    extra = [n for n in names if n not in side.code_names]
    if not extra and list(side.code_names) == names:
        return side
    path = resources.vba_projects_dir() / extra_project_name(extra)
    if len(names) != len(side.code_names) + len(extra) or not path.is_file():
        raise ExcelPartsError(
            f"no shipped VBA project binds the sheets {names} (the shipped tracker binds "
            f"{list(side.code_names)}): add the layout to ita_xl.builder.excel_side.LAYOUTS and "
            "rebuild from source (python -m ita_xl.builder)")
    return ExcelSide(tuple(names), path.read_bytes(), side.ribbon, side.metadata)


# ---------------------------------------------------------------------------------------------
# The package

_SHEET_TAG = re.compile(r'<sheet\b[^>]*?/>')
_ATTR = re.compile(r'([\w:]+)="([^"]*)"')


def _attrs(tag: str) -> dict[str, str]:
    return dict(_ATTR.findall(tag))


def code_names(members: dict[str, bytes]) -> list[str]:
    """ThisWorkbook's codeName, then each sheet's, in workbook order (read from the package)."""
    workbook = members["xl/workbook.xml"].decode("utf-8")
    m = re.search(r'<workbookPr\b[^>]*\bcodeName="([^"]+)"', workbook)
    if not m:
        raise ExcelPartsError("xl/workbook.xml has no codeName: the document modules cannot bind")
    names = [m.group(1)]
    rels = {a["Id"]: a["Target"] for a in map(_attrs, re.findall(
        r"<Relationship\b[^>]*/>", members["xl/_rels/workbook.xml.rels"].decode("utf-8")))}
    for tag in _SHEET_TAG.findall(workbook):
        target = rels[_attrs(tag)["r:id"]]
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        sheet = members[part].decode("utf-8")
        m = re.search(r'<sheetPr\b[^>]*\bcodeName="([^"]+)"', sheet)
        if not m:
            raise ExcelPartsError(f"{part} has no codeName")
        names.append(m.group(1))
    return names


def _insert_before(xml: bytes, closing: str, text: str) -> bytes:
    s = xml.decode("utf-8")
    if s.count(closing) != 1:
        raise ExcelPartsError(f"cannot find {closing} once")
    return s.replace(closing, text + closing).encode("utf-8")


def _relationship(rid: str, rel_type: str, target: str) -> str:
    return f'<Relationship Id="{rid}" Type="{rel_type}" Target="{target}"/>'


_ARRAY_CELL = re.compile(
    r'<c (?P<attrs>[^>]*?)><f t="array" ref="(?P<ref>[^"]+)">(?P<text>[^<]*)</f>')


def mark_dynamic_arrays(sheet_xml: bytes) -> tuple[bytes, int]:
    """Give spilling array formulas the dynamic-array cell metadata (``cm="1"``)."""
    count = 0

    def mark(m: re.Match) -> str:
        nonlocal count
        text = m.group("text").lstrip("=")
        if not text.startswith(tuple(f + "(" for f in SPILLING)) or " cm=" in m.group(0):
            return m.group(0)
        count += 1
        return f'<c {m.group("attrs")} cm="1"><f t="array" ref="{m.group("ref")}">' \
               f'{m.group("text")}</f>'

    return _ARRAY_CELL.sub(mark, sheet_xml.decode("utf-8")).encode("utf-8"), count


def add_excel_parts(package: bytes,
                    excel_side: Callable[[list[str]], ExcelSide] | None = None) -> bytes:
    """``package`` (a macro-enabled openpyxl package) with VBA project, ribbon and metadata.

    ``excel_side(code_names)`` gives those parts; by default they are the shipped tracker's
    (copied, not rebuilt: the same bytes the builder made from source).  The builder passes
    ``ita_xl.builder.excel_side.source_side`` to make them from source.
    """
    members = read_members(package)
    by_name = dict(members)
    if any(name in by_name for name in (VBA_PART, RIBBON_PART, METADATA_PART)):
        raise ExcelPartsError("the package already has an Excel side; build from openpyxl's output")
    content_types = by_name["[Content_Types].xml"].decode("utf-8")
    if CT_XLSM_MAIN not in content_types:
        raise ExcelPartsError("the workbook part is not macro-enabled (tracker.macro_enabled)")
    if 'Extension="xml" ContentType="application/xml"' not in content_types:
        raise ExcelPartsError("no Default content type for .xml parts (the ribbon needs it)")

    dynamic = 0
    out: list[tuple[str, bytes]] = []
    for name, blob in members:
        if name.startswith("xl/worksheets/sheet") and name.endswith(".xml"):
            blob, n = mark_dynamic_arrays(blob)
            dynamic += n
        out.append((name, blob))

    overrides = f'<Override PartName="/{VBA_PART}" ContentType="{CT_VBA}"/>'
    workbook_rels = _relationship("rIdVbaProject", REL_VBA, "vbaProject.bin")
    if dynamic:
        overrides += f'<Override PartName="/{METADATA_PART}" ContentType="{CT_METADATA}"/>'
        workbook_rels += _relationship("rIdSheetMetadata", REL_METADATA, "metadata.xml")
    edits = {
        "[Content_Types].xml": ("</Types>", overrides),
        "xl/_rels/workbook.xml.rels": ("</Relationships>", workbook_rels),
        "_rels/.rels": ("</Relationships>", _relationship("rIdRibbon", REL_RIBBON, RIBBON_PART)),
    }
    out = [(name, _insert_before(blob, *edits[name]) if name in edits else blob)
           for name, blob in out]

    side = (excel_side or _shipped_for)(code_names(dict(out)))
    if dynamic:
        if not side.metadata:
            raise ExcelPartsError("no dynamic-array metadata to add (rebuild the shipped tracker)")
        out.append((METADATA_PART, side.metadata))
    out.append((VBA_PART, side.vba_project))
    out.append((RIBBON_PART, side.ribbon))
    buf = io.BytesIO()
    write_members(buf, out)
    return buf.getvalue()
