"""LibreOffice smoke test: an .xlsm carrying our vbaProject.bin opens, and every module survives.

LibreOffice imports the VBA project into a Basic library named after the VBA project (not into
``Standard``) and keeps the module kind: ``script:moduleType`` is ``normal``, ``class`` or
``document``, and the first line is ``Rem Attribute VBA_ModuleType=VBAModule`` /
``VBAClassModule`` / ``VBADocumentModule``, followed by ``Option VBASupport 1``.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import zipfile

import pytest
from lxml import etree

from ita_xl.builder.vba import VbaModule, build_vba_project

pytestmark = pytest.mark.soffice

# Same lookup as the rest of the suite: ITA_XL_SOFFICE (a path or command name) first.
SOFFICE = (shutil.which(os.environ.get("ITA_XL_SOFFICE", "")) if os.environ.get("ITA_XL_SOFFICE")
           else None) or shutil.which("soffice") or shutil.which("libreoffice")
SCRIPT_NS = "http://openoffice.org/2000/script"
PROJECT_NAME = "ITATracker"

MODULES = [
    VbaModule("ThisWorkbook", "document",
              "Private Sub Workbook_Open()\n    Debug.Print \"open\"\nEnd Sub\n"),
    VbaModule("Sheet1", "document", ""),
    VbaModule("Sheet2", "document", "Private Sub Worksheet_Activate()\nEnd Sub\n"),
    VbaModule("ITARibbon", "standard",
              'Attribute VB_Name = "ITARibbon"\nOption Explicit\nPublic Sub Hello()\n'
              '    MsgBox "Hi"\nEnd Sub\n'),
    VbaModule("Counter", "class",
              "VERSION 1.0 CLASS\nBEGIN\n  MultiUse = -1  'True\nEND\n"
              'Attribute VB_Name = "Counter"\nAttribute VB_Exposed = False\n'
              "Private n As Long\nPublic Function Bump() As Long\n    n = n + 1\n"
              "    Bump = n\nEnd Function\n"),
]
LO_TYPE = {"standard": ("normal", "VBAModule"), "class": ("class", "VBAClassModule"),
           "document": ("document", "VBADocumentModule")}


def _make_xlsm(path: str, vba_bin: bytes) -> None:
    """An openpyxl workbook turned macro-enabled the way Excel does it (ECMA-376 + MS-OFFMACRO)."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.active["A1"] = "hello"
    wb.create_sheet("Other")
    wb.code_name = "ThisWorkbook"  # <workbookPr codeName=...>: binds the document module
    for ws, code_name in zip(wb.worksheets, ["Sheet1", "Sheet2"]):
        ws.sheet_properties.codeName = code_name
    plain = path + ".xlsx"
    wb.save(plain)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                text = data.decode("utf-8").replace(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
                text = text.replace("</Types>", '<Override PartName="/xl/vbaProject.bin" '
                                    'ContentType="application/vnd.ms-office.vbaProject"/></Types>')
                assert "macroEnabled.main+xml" in text
                data = text.encode("utf-8")
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.decode("utf-8").replace("</Relationships>", (
                    '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/'
                    'relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'
                )).encode("utf-8")
            dst.writestr(item, data)
        dst.writestr("xl/vbaProject.bin", vba_bin)


def test_libreoffice_imports_every_module_with_its_kind():
    # tests/conftest.py skips ``soffice`` tests without LibreOffice (or fails the run when CI
    # sets ITA_XL_REQUIRE_SOFFICE=1); this guard only covers running the file on its own.
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="ita-vba-") as tmp:
        xlsm = os.path.join(tmp, "smoke.xlsm")
        _make_xlsm(xlsm, build_vba_project(MODULES, project_name=PROJECT_NAME))
        out_dir = os.path.join(tmp, "out")
        # A private profile: no clash with a running LibreOffice or another test run.
        profile = "file://" + os.path.join(tmp, "profile")
        result = subprocess.run(
            [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--norestore",
             "--convert-to", "ods", "--outdir", out_dir, xlsm],
            capture_output=True, text=True, timeout=120)
        ods = os.path.join(out_dir, "smoke.ods")
        assert os.path.exists(ods), result.stdout + result.stderr

        with zipfile.ZipFile(ods) as z:
            names = set(z.namelist())
            library = f"Basic/{PROJECT_NAME}/"
            listed = etree.fromstring(z.read(library + "script-lb.xml"))
            elements = {e.get("{http://openoffice.org/2000/library}name")
                        for e in listed.iter("{http://openoffice.org/2000/library}element")}
            assert elements == {m.name for m in MODULES}
            for m in MODULES:
                part = f"{library}{m.name}.xml"
                assert part in names
                module = etree.fromstring(z.read(part))
                assert module.get(f"{{{SCRIPT_NS}}}name") == m.name
                lo_type, rem = LO_TYPE[m.kind]
                assert module.get(f"{{{SCRIPT_NS}}}moduleType") == lo_type
                code = module.text.splitlines()
                assert code[:2] == [f"Rem Attribute VBA_ModuleType={rem}", "Option VBASupport 1"]
                body = [line for line in m.source.splitlines()
                        if line and not line.startswith(("Attribute VB_", "VERSION", "BEGIN",
                                                         "  MultiUse", "END"))]
                # LibreOffice writes "Option ClassModule" for classes; the rest is our code.
                rest = [line for line in code[2:] if line and line != "Option ClassModule"]
                assert rest == body
