"""``ita_xl.xlsm``: the tracker's Excel side — VBA project, ribbon, xlwings settings — built from source."""
from __future__ import annotations

import io
import re
import subprocess
import sys
import types
import zipfile
from pathlib import Path

import olefile
import pytest
from openpyxl import load_workbook

from ita_xl import layout, resources, udfs
from ita_xl.builder import excel_side
from ita_xl.xlsm import excel_parts
from ita_xl.xlsm.tracker import example_tracker_bytes, macro_enabled, tracker_bytes
from ita_xl.builder.udf_vba import udf_module_source, wrapper_module
from ita_xl.xlsm.workbook import build_tracker
from ita_xl.xlsm.zipdet import read_members, write_members

ROOT = Path(__file__).parents[1]
EXAMPLE = resources.example_workbook()
CODE_NAMES = ["ThisWorkbook", "shSettings", "shPeople", "shIndicators", "shPlan", "shResults",
              "shCheck", "shLists", "shXlwingsConf"]
STANDARD = ["ITA", "xlwings_udfs", "xlwings"]
CLASSES = ["Dictionary"]


@pytest.fixture(scope="module")
def built() -> bytes:
    """The example tracker with its Excel side built from source (as the builder makes it)."""
    return example_tracker_bytes(excel_side.source_side)


def _zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def _rels(xml: bytes) -> list[dict[str, str]]:
    return [dict(re.findall(r'(\w+)="([^"]*)"', tag))
            for tag in re.findall(r"<Relationship\b[^>]*/>", xml.decode("utf-8"))]


def test_building_twice_gives_identical_bytes(built):
    assert example_tracker_bytes(excel_side.source_side) == built == example_tracker_bytes()
    assert tracker_bytes(None) == tracker_bytes(None)


@pytest.mark.parametrize("which", ["committed", "rebuilt"])
def test_package_has_ribbon_vba_project_and_their_relationships(which, built):
    z = _zip(EXAMPLE.read_bytes() if which == "committed" else built)
    names = z.namelist()
    assert z.read("customUI/customUI14.xml") == \
        (ROOT / "workbook" / "src" / "customUI" / "customUI14.xml").read_bytes()
    root_rels = _rels(z.read("_rels/.rels"))
    assert {"Type": excel_parts.REL_RIBBON, "Target": "customUI/customUI14.xml"}.items() <= \
        next(r for r in root_rels if r["Type"] == excel_parts.REL_RIBBON).items()
    wb_rels = _rels(z.read("xl/_rels/workbook.xml.rels"))
    assert any(r["Type"] == excel_parts.REL_VBA and r["Target"] == "vbaProject.bin" for r in wb_rels)
    assert any(r["Type"] == excel_parts.REL_METADATA and r["Target"] == "metadata.xml"
               for r in wb_rels)
    assert len({r["Id"] for r in wb_rels}) == len(wb_rels)
    assert len({r["Id"] for r in root_rels}) == len(root_rels)
    types_xml = z.read("[Content_Types].xml").decode("utf-8")
    assert '<Override PartName="/xl/workbook.xml" ' \
           'ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/>' in types_xml
    assert '<Override PartName="/xl/vbaProject.bin" ' \
           'ContentType="application/vnd.ms-office.vbaProject"/>' in types_xml
    assert '<Default Extension="xml" ContentType="application/xml"/>' in types_xml  # customUI
    assert f'<Override PartName="/xl/metadata.xml" ContentType="{excel_parts.CT_METADATA}"/>' \
        in types_xml
    for part in ("xl/vbaProject.bin", "xl/metadata.xml", "customUI/customUI14.xml"):
        assert part in names
    assert olefile.isOleFile(io.BytesIO(z.read("xl/vbaProject.bin")))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # olevba's pyparsing calls
def test_olevba_lists_every_module(tmp_path, built):
    from oletools.olevba import VBA_Parser

    path = tmp_path / "ITA_tracker.xlsm"
    path.write_bytes(built)
    parser = VBA_Parser(str(path))
    try:
        found = {vba_name: code for _, _, vba_name, code in parser.extract_macros()}
    finally:
        parser.close()
    expected = {f"{n}.cls" for n in CODE_NAMES + CLASSES} | {f"{n}.bas" for n in STANDARD}
    assert set(found) == expected
    assert "Public Sub ITA_Check(control As IRibbonControl)" in found["ITA.bas"]
    assert f"'Version: {excel_side.XLWINGS_VERSION}" in found["xlwings.bas"]
    assert "Function XLPy()" in found["xlwings.bas"]
    assert 'Attribute VB_Name = "Dictionary"' in found["Dictionary.cls"]
    for func in udfs.functions():
        assert f"Function {func.__name__}(" in found["xlwings_udfs.bas"]


def test_project_stream_declares_each_module_with_its_kind(built):
    ole = olefile.OleFileIO(io.BytesIO(_zip(built).read("xl/vbaProject.bin")))
    project = ole.openstream("PROJECT").read().decode("cp1252").splitlines()
    assert [ln.split("/")[0] for ln in project if ln.startswith("Document=")] == \
        [f"Document={n}" for n in CODE_NAMES]
    assert sorted(ln for ln in project if ln.startswith("Module=")) == \
        sorted(f"Module={n}" for n in STANDARD)
    assert [ln for ln in project if ln.startswith("Class=")] == [f"Class={n}" for n in CLASSES]


def test_document_modules_match_the_codenames_in_the_package(built):
    z = _zip(built)
    members = {n: z.read(n) for n in z.namelist()}
    assert excel_parts.code_names(members) == CODE_NAMES
    wb = load_workbook(io.BytesIO(built))
    assert wb.code_name == "ThisWorkbook"
    assert [ws.sheet_properties.codeName for ws in wb.worksheets] == CODE_NAMES[1:]


def _xlwings_generator():
    """xlwings' own "Import Functions" generator, importable here with pywin32 stubbed out."""
    saved = {k: sys.modules.get(k) for k in
             ("pythoncom", "pywintypes", "win32com", "win32com.client", "xlwings.udfs")}
    try:
        for name in ("pythoncom", "pywintypes", "win32com", "win32com.client"):
            sys.modules[name] = types.ModuleType(name)
        sys.modules["pythoncom"].CoInitialize = lambda: None
        sys.modules["win32com.client"].Dispatch = lambda *a: None
        sys.modules["win32com"].client = sys.modules["win32com.client"]
        sys.modules.pop("xlwings.udfs", None)
        import xlwings.udfs as xlwings_udfs

        return xlwings_udfs
    finally:
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
        import xlwings

        if saved["xlwings.udfs"] is None and "udfs" in vars(xlwings):
            delattr(xlwings, "udfs")  # leave xlwings as Linux has it


def test_udf_wrappers_are_what_xlwings_import_functions_writes():
    xu = _xlwings_generator()
    fake = types.ModuleType("ita_xl.udfs")
    for f in udfs.functions():
        copy = types.FunctionType(f.__code__, f.__globals__, f.__name__, f.__defaults__)
        xu.xlfunc(**f.__ita_udf__)(copy)
        setattr(fake, f.__name__, copy)

    class Book:
        Name = "ITA_tracker.xlsm"

    buf = io.StringIO()
    xu.generate_vba_wrapper("ita_xl.udfs", fake, buf, Book())
    ours = udf_module_source()
    head = ['Attribute VB_Name = "xlwings_udfs"',
            "'Autogenerated code by xlwings - changes will be lost with next import!",
            """#Const App = "Microsoft Excel" 'Adjust when using outside of Excel"""]
    assert ours == "\n".join(head) + "\n" + buf.getvalue()
    assert {f.__name__ for f in udfs.functions()} == {
        "ITA_FINDINGS", "ITA_ROWSTATUS", "ITA_THAIDIGITS", "ITA_THAIDATE"}


def test_udf_generator_refuses_names_vba_cannot_compile():
    def ITA_BAD(date):  # "date" is a VBA keyword
        return date

    with pytest.raises(ValueError, match="reserved"):
        wrapper_module("m", [ITA_BAD])


def test_xlwings_conf_sheet_names_the_udf_module(built):
    wb = load_workbook(io.BytesIO(built))
    ws = wb[layout.SHEET_XLWINGS_CONF]
    assert ws.sheet_state == "hidden"
    keys, config = [], {}
    row = 1
    while ws.cell(row=row, column=1).value is not None:  # xlwings reads A1 down to a gap
        key = ws.cell(row=row, column=1).value
        keys.append(key.upper())
        config[key.upper()] = ws.cell(row=row, column=2).value
        row += 1
    assert len(keys) == len(set(keys))  # xlwings adds them to a Dictionary: no duplicates
    assert config["UDF MODULES"] == "ita_xl.udfs"
    # never blank (python from PATH is the Store alias on a clerk's PC): test_tracker_interpreter
    assert config["INTERPRETER_WIN"] == r"%LOCALAPPDATA%\ita-xl\python\pythonw.exe"
    assert config["USE UDF SERVER"] is False and config["DEBUG UDFS"] is False
    assert config["ADD_WORKBOOK_TO_PYTHONPATH"] is False


def test_check_sheet_has_the_spilling_findings_formula(built):
    z = _zip(built)
    wb = load_workbook(io.BytesIO(built))
    ws = wb[layout.SHEET_CHECK]
    assert ws.sheet_properties.codeName == layout.CHECK_CODE_NAME
    # The button's findings go under the header that ita_check_results names.
    (sheet, cell), = wb.defined_names[layout.CHECK_RESULTS_NAME].destinations
    assert sheet == layout.SHEET_CHECK
    header = ws[cell.replace("$", "")]
    assert [ws.cell(row=header.row, column=header.column + i).value
            for i in range(len(layout.CHECK_RESULTS_HEADERS))] == \
        list(layout.CHECK_RESULTS_HEADERS)
    # One dynamic-array formula: Excel 365 spills it instead of writing =@ITA_FINDINGS(...).
    sheet_xml = next(z.read(n).decode() for n in z.namelist()
                     if n.startswith("xl/worksheets/") and "ITA_FINDINGS(" in z.read(n).decode())
    m = re.search(r'<c r="(\w+)"[^>]*?( cm="1")?><f t="array" ref="(\w+)">ITA_FINDINGS\(([^)]*)\)',
                  sheet_xml)
    assert m and m.group(2) and m.group(1) == m.group(3)
    where, *tables = m.group(4).split(",")
    assert tables == [f"{spec.name}[#All]" for spec in layout.TABLES]
    # The "where" block lists every setting and table with CELL("address", …) beside it.
    first, last = where.replace("$", "").split(":")
    rows = [[c.value for c in r] for r in ws[first:last]]
    assert [r[0] for r in rows] == [s.name for s in layout.SETTINGS] + [t.name for t in layout.TABLES]
    for name, value, address in rows:
        assert address == f'=CELL("address",{name}{"[#All]" if name in layout.TABLES_BY_NAME else ""})'
        if name not in layout.TABLES_BY_NAME:
            assert name in wb.defined_names and value == f'=IF(ISBLANK({name}),"",{name})'
    assert "<metadataType name=\"XLDAPR\"" in z.read("xl/metadata.xml").decode()


def test_xlwings_version_is_the_pinned_one():
    import xlwings

    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"xlwings=={excel_side.XLWINGS_VERSION}"' in pyproject
    assert xlwings.__version__ == excel_side.XLWINGS_VERSION


def test_another_xlwings_version_stops_the_build(monkeypatch):
    import xlwings

    monkeypatch.setattr(xlwings, "__version__", "0.99.0")
    with pytest.raises(excel_parts.ExcelPartsError, match="pip install xlwings=="):
        excel_side.xlwings_modules()


def test_post_processing_refuses_what_it_cannot_finish():
    plain = build_tracker(None)
    with pytest.raises(excel_parts.ExcelPartsError, match="macro-enabled"):
        excel_parts.add_excel_parts(plain)
    done = excel_parts.add_excel_parts(macro_enabled(plain))
    with pytest.raises(excel_parts.ExcelPartsError, match="already"):
        excel_parts.add_excel_parts(done)


def test_empty_tracker_gets_the_excel_side_too():
    z = _zip(tracker_bytes(None))
    assert {"xl/vbaProject.bin", "customUI/customUI14.xml"} <= set(z.namelist())


def test_setup_doc_is_linked_and_lists_the_manual_checks():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/excel-setup.md" in readme
    doc = (ROOT / "docs" / "excel-setup.md").read_text(encoding="utf-8")
    thai, english = doc.split("## English", 1)
    assert "## ภาษาไทย" in thai
    for needle in ("Compile VBAProject", "Enable Content", "pip install ita-xl", "xlwings.conf",
                   "Interpreter_Win", "Trust access to the VBA project object model"):
        assert needle in thai and needle in english, needle


@pytest.mark.parametrize("made_by", ["init", "import", "init --framework"])
def test_a_new_tracker_copies_the_shipped_excel_side_and_builds_no_vba(made_by):
    """At run time (init, init --from, import) the VBA project, ribbon and metadata are the
    shipped bytes the builder made; the builder (VBA from source) is not even imported."""
    make = {"init": "from ita_xl.xlsm.tracker import tracker_bytes\n"
                    "data = tracker_bytes(None, interpreter_win='C:\\\\p.exe')\n",
            "import": "from ita_xl.importer import Imported, imported_tracker_bytes\n"
                      "data = imported_tracker_bytes(Imported())\n",
            "init --framework": "from ita_xl.framework import embed\n"
                                "from ita_xl.xlsm.tracker import tracker_bytes\n"
                                "data = tracker_bytes(None, lambda wb: embed(wb, '', 'f.toml'))\n"
            }[made_by]
    code = ("import sys\n" + make + "sys.stdout.buffer.write(data)\n"
            "sys.stderr.write(repr(sorted(m for m in sys.modules if m.startswith('ita_xl.builder'))))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert proc.stderr.decode().strip().endswith("[]")
    new = dict(read_members(proc.stdout))
    shipped = dict(read_members(resources.example_workbook().read_bytes()))
    for part in ("customUI/customUI14.xml", "xl/metadata.xml"):
        assert new[part] == shipped[part], part
    extra = {"init": None, "import": "shImportReview", "init --framework": "shFramework"}[made_by]
    project = shipped["xl/vbaProject.bin"] if extra is None else \
        (resources.vba_projects_dir() / f"{extra}.bin").read_bytes()
    assert new["xl/vbaProject.bin"] == project
    assert [n for n in excel_parts.code_names(new) if n not in CODE_NAMES] == \
        ([extra] if extra else [])


def test_the_shipped_excel_side_only_fits_its_own_sheets():
    plain = macro_enabled(build_tracker(None))
    members = [(name, blob.replace(b'codeName="shPlan"', b'codeName="shOther"'))
               for name, blob in read_members(plain)]
    buf = io.BytesIO()
    write_members(buf, members)
    with pytest.raises(excel_parts.ExcelPartsError, match="python -m ita_xl.builder"):
        excel_parts.add_excel_parts(buf.getvalue())
