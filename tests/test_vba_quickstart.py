"""Compare with an Office-written project: xlwings' ``quickstart_standalone.xlsm``.

The modules are pulled out of the installed xlwings package at test time (with olevba) and fed
to ``build_vba_project``; the PROJECT stream and the dir-stream records we write must be of the
same kinds and in the same order as in the original.  Nothing of xlwings is committed here.
"""
from __future__ import annotations

import os
import zipfile

import pytest

from ita_xl.builder.vba import DEFAULT_REFERENCES, VbaModule, build_vba_project
from ita_xl.builder.vba.reader import read_vba_project, references_from_dir
from ita_xl.builder.vba.source import stored_text

xlwings = pytest.importorskip("xlwings")
olevba = pytest.importorskip("oletools.olevba")

XLWINGS_DIR = os.path.dirname(xlwings.__file__)
QUICKSTART = os.path.join(XLWINGS_DIR, "quickstart_standalone.xlsm")
KIND_OF = {"Document": "document", "Module": "standard", "Class": "class"}

if not os.path.exists(QUICKSTART):  # pragma: no cover - depends on the xlwings build
    pytest.skip("xlwings has no quickstart_standalone.xlsm", allow_module_level=True)


@pytest.fixture(scope="module")
def original():
    """(PROJECT text, dir records, modules) of the shipped workbook."""
    with zipfile.ZipFile(QUICKSTART) as z:
        return read_vba_project(z.read("xl/vbaProject.bin"))


@pytest.fixture(scope="module")
def modules(original):
    """The quickstart's modules as VbaModules: code from olevba, kinds from PROJECT."""
    project_text = original[0]
    kinds = {}
    for line in project_text.split("\r\n"):
        key, _, value = line.partition("=")
        if key in KIND_OF:
            kinds[value.split("/")[0]] = KIND_OF[key]
    parser = olevba.VBA_Parser(QUICKSTART)
    code = {vba_filename.rsplit(".", 1)[0]: text
            for _, _, vba_filename, text in parser.extract_macros()}
    parser.close()
    order = [m.name for m in original[2]]  # keep the original module order
    return [VbaModule(name, kinds[name], code[name]) for name in order]


def _keys(project_text: str) -> list[str]:
    """Line kinds of a PROJECT stream: the part before '=', section headers and blanks as is."""
    return [line.split("=", 1)[0] if "=" in line else line for line in project_text.split("\r\n")]


def test_same_dir_records_as_office_with_the_same_references(original, modules):
    _, records, _ = original
    built = build_vba_project(modules, references=references_from_dir(records))
    _, our_records, _ = read_vba_project(built)
    assert [r.id for r in our_records] == [r.id for r in records]
    # And every record except the project-specific ones carries the same bytes.
    free = {0x0009, 0x0013, 0x002C, 0x0031, 0x001C, 0x0048}  # version, cookies, offsets, docs
    for ours, theirs in zip(our_records, records):
        if ours.id not in free:
            assert ours.data == theirs.data, hex(ours.id)


def test_default_references_only_change_the_reference_block(original, modules):
    _, records, _ = original
    _, ours, _ = read_vba_project(build_vba_project(modules))
    ids, our_ids = [r.id for r in records], [r.id for r in ours]
    start = ids.index(0x0C) + 2  # after PROJECTCONSTANTS and its Unicode twin
    assert our_ids[:start] == ids[:start]
    assert our_ids[start:start + 6] == [0x16, 0x3E, 0x0D, 0x16, 0x3E, 0x0D]  # stdole, Office
    assert our_ids[start + 6:] == ids[ids.index(0x0F):]
    assert [r.name for r in DEFAULT_REFERENCES] == ["stdole", "Office"]


def test_same_project_stream_lines_as_office(original, modules):
    project_text = original[0]
    built = build_vba_project(modules)
    ours = read_vba_project(built)[0]
    assert _keys(ours) == _keys(project_text)
    # Values agree too, except the project ID, the protection fields derived from it, and
    # code-window positions in [Workspace].
    theirs_lines, our_lines = project_text.split("\r\n"), ours.split("\r\n")
    workspace = theirs_lines.index("[Workspace]")
    for i, (a, b) in enumerate(zip(our_lines, theirs_lines)):
        if _keys(a)[0] not in ("ID", "CMG", "DPB", "GC") and i <= workspace:
            assert a == b


def test_module_text_survives_the_trip(original, modules):
    built = build_vba_project(modules)
    _, _, ours = read_vba_project(built)
    theirs = {m.name: m.text for m in original[2]}
    for m in ours:
        # xlwings injects its own module with LF line ends; we store CRLF as the VBA editor does.
        assert m.text == theirs[m.name].replace("\r\n", "\n").replace("\n", "\r\n")


def test_importing_dictionary_cls_gives_the_header_excel_stored():
    """Excel imported addin/Dictionary.cls into the quickstart; our import matches it."""
    path = os.path.join(XLWINGS_DIR, "addin", "Dictionary.cls")
    if not os.path.exists(path):
        pytest.skip("xlwings has no addin/Dictionary.cls")
    with open(path, encoding="cp1252", newline="") as f:
        ours = stored_text("Dictionary", "class", f.read())
    with zipfile.ZipFile(QUICKSTART) as z:
        theirs = next(m.text for m in read_vba_project(z.read("xl/vbaProject.bin"))[2]
                      if m.name == "Dictionary")
    header = lambda t: [x for x in t.split("\r\n") if x.startswith("Attribute VB_")]  # noqa: E731
    assert header(ours) == header(theirs)
    # The VBA editor re-cases identifiers it knows (err -> Err); otherwise identical.
    assert ours.lower() == theirs.lower()


def _package_sources():
    """Every .bas/.cls xlwings ships (the add-in's modules and xlwings.bas)."""
    paths = [os.path.join(XLWINGS_DIR, "xlwings.bas")]
    addin = os.path.join(XLWINGS_DIR, "addin")
    if os.path.isdir(addin):
        paths += [os.path.join(addin, f) for f in sorted(os.listdir(addin))
                  if f.endswith((".bas", ".cls"))]
    return [p for p in paths if os.path.exists(p)]


def test_xlwings_package_sources_survive_olevba():
    """Real-world modules, large ones included, read back identically through olevba."""
    modules = [VbaModule("ThisWorkbook", "document", "")]
    for path in _package_sources():
        with open(path, encoding="cp1252", newline="") as f:
            name, ext = os.path.splitext(os.path.basename(path))
            modules.append(VbaModule(name, "class" if ext == ".cls" else "standard", f.read()))
    assert len(modules) > 2
    built = build_vba_project(modules)
    parser = olevba.VBA_Parser("vbaProject.bin", data=built)
    code = {f.rsplit(".", 1)[0]: text for _, _, f, text in parser.extract_macros()}
    assert set(code) == {m.name for m in modules}
    for m in modules:
        assert code[m.name] == stored_text(m.name, m.kind, m.source), m.name
