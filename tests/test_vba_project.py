"""build_vba_project: olevba reads every module back, streams hold what the spec says."""
from __future__ import annotations

import io
import re
import struct
import zipfile

import pytest

from ita_xl.builder.vba import DEFAULT_REFERENCES, VbaModule, build_vba_project, decompress
from ita_xl.builder.vba.obfuscation import decrypt, encrypt, project_key
from ita_xl.builder.vba.project import project_id
from ita_xl.builder.vba.reader import dir_records, read_vba_project, references_from_dir
from ita_xl.builder.vba.source import stored_text

olefile = pytest.importorskip("olefile")
olevba = pytest.importorskip("oletools.olevba")

RIBBON_BAS = (
    'Attribute VB_Name = "ITARibbon"\n'
    "Option Explicit\n"
    "' Callbacks for the ribbon; ASCII only.\n"
    "Public Sub OnRefresh(control As IRibbonControl)\n"
    '    Application.StatusBar = "Refreshing " & control.Id\n'
    "    Dim i As Long\n"
    "    For i = 1 To 10: DoEvents: Next i\n"
    "End Sub\n"
)
COUNTER_CLS = (
    "VERSION 1.0 CLASS\r\n"
    "BEGIN\r\n"
    "  MultiUse = -1  'True\r\n"
    "END\r\n"
    'Attribute VB_Name = "Counter"\r\n'
    "Attribute VB_GlobalNameSpace = False\r\n"
    "Attribute VB_Creatable = False\r\n"
    "Attribute VB_PredeclaredId = False\r\n"
    "Attribute VB_Exposed = False\r\n"
    "Option Explicit\r\n"
    "Private n As Long\r\n"
    "Public Function Bump() As Long\r\n"
    "Attribute Bump.VB_Description = \"Adds one\"\r\n"
    "    n = n + 1: Bump = n\r\n"
    "End Function\r\n"
)
WORKBOOK_CODE = "Private Sub Workbook_Open()\n    ITARibbon.OnRefresh Nothing\nEnd Sub\n"
# A long module makes several compression chunks and an ordinary (non-mini) stream.
LONG_BAS = "Attribute VB_Name = \"Big\"\n" + "".join(
    f"Public Function F{i}(x As Long) As Long\n    F{i} = x * {i} + {i * 7 % 13}\nEnd Function\n"
    for i in range(400))

MODULES = [
    VbaModule("ThisWorkbook", "document", WORKBOOK_CODE),
    VbaModule("Sheet1", "document", ""),
    VbaModule("Sheet2", "document", "Private Sub Worksheet_Activate()\r\nEnd Sub\r\n"),
    VbaModule("ITARibbon", "standard", RIBBON_BAS),
    VbaModule("Counter", "class", COUNTER_CLS),
    VbaModule("Big", "standard", LONG_BAS),
]


@pytest.fixture(scope="module")
def built() -> bytes:
    return build_vba_project(MODULES)


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").split("\n")


def _code_without_header(source: str) -> list[str]:
    """What the VBA editor shows: the source minus VERSION/BEGIN..END and leading Attributes."""
    lines = [line for line in _lines(source)]
    if lines and lines[0].startswith("VERSION "):
        lines = lines[lines.index("END") + 1:]
    while lines and lines[0].startswith("Attribute VB_"):
        lines.pop(0)
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def test_olevba_extracts_every_module_with_its_code(built):
    parser = olevba.VBA_Parser("vbaProject.bin", data=built)
    assert parser.detect_vba_macros()
    found = {vba_filename: code for _, _, vba_filename, code in parser.extract_macros()}
    suffix = {"standard": ".bas", "class": ".cls", "document": ".cls"}
    assert set(found) == {m.name + suffix[m.kind] for m in MODULES}
    for m in MODULES:
        code = found[m.name + suffix[m.kind]]
        # olevba gives the stored text: attribute header included, CRLF line ends.
        assert code == stored_text(m.name, m.kind, m.source)
        shown = olevba.filter_vba(code).split("\n")
        while shown and shown[-1] == "":
            shown.pop()
        assert shown == _code_without_header(m.source), m.name


def test_olevba_reads_it_inside_an_xlsm_zip(built):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/vbaProject.bin", built)
    parser = olevba.VBA_Parser("t.xlsm", data=buf.getvalue())
    names = sorted(f for _, _, f, _ in parser.extract_macros())
    assert names == sorted(["ThisWorkbook.cls", "Sheet1.cls", "Sheet2.cls", "ITARibbon.bas",
                            "Counter.cls", "Big.bas"])


def test_module_streams_are_offset_zero_compressed_source(built):
    ole = olefile.OleFileIO(io.BytesIO(built))
    for m in MODULES:
        raw = ole.openstream(f"VBA/{m.name}").read()
        assert raw[0] == 0x01  # CompressedContainer signature right at offset 0: no p-code
        assert decompress(raw).decode("cp1252") == stored_text(m.name, m.kind, m.source)
    assert ole.get_size("VBA/Big") >= 4096  # stored outside the mini stream


def test_stored_headers_are_the_ones_excel_writes(built):
    _, _, mods = read_vba_project(built)
    text = {m.name: m.text for m in mods}
    assert text["ThisWorkbook"].startswith(
        'Attribute VB_Name = "ThisWorkbook"\r\n'
        'Attribute VB_Base = "0{00020819-0000-0000-C000-000000000046}"\r\n'
        "Attribute VB_GlobalNameSpace = False\r\n"
        "Attribute VB_Creatable = False\r\n"
        "Attribute VB_PredeclaredId = True\r\n"
        "Attribute VB_Exposed = True\r\n"
        "Attribute VB_TemplateDerived = False\r\n"
        "Attribute VB_Customizable = True\r\n"
        "Private Sub Workbook_Open()\r\n")
    assert 'VB_Base = "0{00020820-0000-0000-C000-000000000046}"' in text["Sheet1"]
    assert text["Counter"].startswith(
        'Attribute VB_Name = "Counter"\r\n'
        'Attribute VB_Base = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"\r\n'
        "Attribute VB_GlobalNameSpace = False\r\n"
        "Attribute VB_Creatable = False\r\n"
        "Attribute VB_PredeclaredId = False\r\n"
        "Attribute VB_Exposed = False\r\n"
        "Attribute VB_TemplateDerived = False\r\n"
        "Attribute VB_Customizable = False\r\n"
        "Option Explicit\r\n")
    assert "VERSION 1.0" not in text["Counter"] and "MultiUse" not in text["Counter"]
    assert 'Attribute Bump.VB_Description = "Adds one"\r\n' in text["Counter"]
    assert text["ITARibbon"].startswith('Attribute VB_Name = "ITARibbon"\r\nOption Explicit\r\n')
    # A module given without a VB_Name line gets one.
    assert stored_text("M", "standard", "Sub A()\nEnd Sub") == (
        'Attribute VB_Name = "M"\r\nSub A()\r\nEnd Sub\r\n')


def test_dir_stream_records_and_module_types(built):
    _, records, mods = read_vba_project(built)
    by_id = {}
    for r in records:
        by_id.setdefault(r.id, r.data)
    assert struct.unpack("<I", by_id[0x0001])[0] in (1, 3)  # PROJECTSYSKIND
    assert struct.unpack("<I", by_id[0x0002])[0] == 0x409  # PROJECTLCID
    assert struct.unpack("<I", by_id[0x0014])[0] == 0x409  # PROJECTLCIDINVOKE
    assert struct.unpack("<H", by_id[0x0003])[0] == 1252  # PROJECTCODEPAGE
    assert by_id[0x0004] == b"VBAProject"
    assert struct.unpack("<H", by_id[0x000F])[0] == len(MODULES)
    assert struct.unpack("<H", by_id[0x0013])[0] == 0xFFFF  # PROJECTCOOKIE
    assert records[-1].id == 0x0010
    expected = {"standard": 0x21, "class": 0x22, "document": 0x22}
    assert [(m.name, m.type_id, m.offset) for m in mods] == [
        (m.name, expected[m.kind], 0) for m in MODULES]
    assert references_from_dir(records) == DEFAULT_REFERENCES


def test_dir_record_order_follows_the_spec(built):
    _, records, _ = read_vba_project(built)
    ids = [r.id for r in records]
    info = [0x01, 0x02, 0x14, 0x03, 0x04, 0x05, 0x40, 0x06, 0x3D, 0x07, 0x08, 0x09, 0x0C, 0x3C]
    refs = [0x16, 0x3E, 0x0D] * 2
    module = [0x19, 0x47, 0x1A, 0x32, 0x1C, 0x48, 0x31, 0x1E, 0x2C]
    expected = info + refs + [0x0F, 0x13]
    for m in MODULES:
        expected += module + [0x21 if m.kind == "standard" else 0x22, 0x2B]
    assert ids == expected + [0x10]


def test_vba_project_stream_has_no_performance_cache(built):
    ole = olefile.OleFileIO(io.BytesIO(built))
    data = ole.openstream("VBA/_VBA_PROJECT").read()
    reserved1, version, reserved2 = struct.unpack_from("<HHB", data)
    assert (reserved1, version, reserved2, len(data)) == (0x61CC, 0xFFFF, 0x00, 7)


def test_project_stream(built):
    ole = olefile.OleFileIO(io.BytesIO(built))
    text = ole.openstream("PROJECT").read().decode("cp1252")
    assert text.endswith("\r\n\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    pid = project_id("VBAProject")
    assert lines[0] == f'ID="{pid}"'
    assert re.fullmatch(r"\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", pid)
    assert lines[1:7] == [
        "Document=ThisWorkbook/&H00000000", "Document=Sheet1/&H00000000",
        "Document=Sheet2/&H00000000", "Module=ITARibbon", "Class=Counter", "Module=Big"]
    assert lines[7:10] == ['Name="VBAProject"', 'HelpContextID="0"',
                           'VersionCompatible32="393222000"']
    fields = dict(line.split("=", 1) for line in lines[10:13])
    # CMG/DPB/GC decrypt to "no protection", "no password", "visible", keyed to the ID.
    assert decrypt(bytes.fromhex(fields["CMG"].strip('"'))) == (project_key(pid), b"\0\0\0\0")
    assert decrypt(bytes.fromhex(fields["DPB"].strip('"'))) == (project_key(pid), b"\0")
    assert decrypt(bytes.fromhex(fields["GC"].strip('"'))) == (project_key(pid), b"\xff")
    assert 22 <= len(fields["CMG"].strip('"')) <= 28  # EncryptedState = 22*28HEXDIG (2.3.1.15)
    assert lines[13:17] == ["", "[Host Extender Info]",
                            "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000", ""]
    assert lines[17] == "[Workspace]"
    assert lines[18:24] == [f"{m.name}=0, 0, 0, 0, C" for m in MODULES]


def test_projectwm_stream(built):
    ole = olefile.OleFileIO(io.BytesIO(built))
    data = ole.openstream("PROJECTwm").read()
    expected = b"".join(m.name.encode("ascii") + b"\0" + m.name.encode("utf-16-le") + b"\0\0"
                        for m in MODULES) + b"\0\0"
    assert data == expected


def test_project_id_is_stable_and_follows_the_name():
    assert project_id("VBAProject") == project_id("VBAProject")
    assert project_id("VBAProject") != project_id("ITATracker")
    a = build_vba_project(MODULES[:2], project_name="ITATracker")
    assert f'ID="{project_id("ITATracker")}"'.encode() in olefile.OleFileIO(
        io.BytesIO(a)).openstream("PROJECT").read()


def test_deterministic():
    assert build_vba_project(MODULES) == build_vba_project(list(MODULES))
    assert build_vba_project(MODULES, "ITATracker") == build_vba_project(MODULES, "ITATracker")


def test_obfuscation_reads_office_written_values():
    # [MS-OVBA] 3.1.6's example project (ID {917DED54-...}) and its CMG/DPB/GC.
    key = project_key("{917DED54-440B-4FD1-A5C1-74ACF261E600}")
    assert decrypt(bytes.fromhex("0705D8E3D8EDDBF1DBF1DBF1DBF1")) == (key, b"\0\0\0\0")
    assert decrypt(bytes.fromhex("0E0CD1ECDFF4E7F5E7F5E7")) == (key, b"\0")
    assert decrypt(bytes.fromhex("1517CAF1D6F9D7F9D706")) == (key, b"\xff")
    for seed in range(256):
        assert decrypt(encrypt(b"\x01\x02\x03", "{X}", seed)) == (project_key("{X}"), b"\1\2\3")


@pytest.mark.parametrize("modules, message", [
    ([VbaModule("Bad Name", "standard", "")], "ASCII letter"),
    ([VbaModule("1st", "standard", "")], "ASCII letter"),
    ([VbaModule("M" * 32, "standard", "")], "31"),
    ([VbaModule("dir", "standard", "")], "dir"),
    ([VbaModule("A", "standard", ""), VbaModule("a", "class", "")], "duplicate"),
    ([VbaModule("A", "form", "")], "kind"),
    ([VbaModule("A", "standard", 'Attribute VB_Name = "B"\n')], "VB_Name"),
    ([VbaModule("Thai", "standard", "MsgBox \"\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35\"\n")],
     r"module 'Thai', line 1: character .* \(U\+0E2A\) is not in code page 1252"),
])
def test_bad_input_is_rejected_with_a_clear_message(modules, message):
    with pytest.raises(ValueError, match=message):
        build_vba_project(modules)


def test_bad_project_name_is_rejected():
    with pytest.raises(ValueError, match="project name"):
        build_vba_project([], project_name="ITA tracker")


def test_latin1_text_is_fine():
    data = build_vba_project([VbaModule("M", "standard", "' caf\u00e9 \u20ac\n")])
    _, _, mods = read_vba_project(data)
    assert mods[0].text.endswith("' caf\u00e9 \u20ac\r\n")


def test_empty_project_is_valid():
    data = build_vba_project([])
    _, records, mods = read_vba_project(data)
    assert mods == [] and records[-1].id == 0x0010
    assert dir_records(decompress(olefile.OleFileIO(io.BytesIO(data)).openstream(
        "VBA/dir").read()))[-1].id == 0x0010


def test_header_parsing_tolerates_bom_and_blank_lines():
    expected = 'Attribute VB_Name = "M"\r\nSub A()\r\nEnd Sub\r\n'
    assert stored_text("M", "standard", '\ufeff\n\nAttribute VB_Name = "M"\nSub A()\nEnd Sub\n') \
        == expected
    # Without a header, leading blank lines are code and are kept.
    assert stored_text("M", "standard", "\nSub A()\nEnd Sub") == (
        'Attribute VB_Name = "M"\r\n\r\nSub A()\r\nEnd Sub\r\n')
    # Old Mac line ends are line ends too.
    assert stored_text("M", "standard", "Sub A()\rEnd Sub\r") == expected


def test_deterministic_across_processes():
    """No set or hash ordering leaks into the bytes: two interpreters, two hash seeds."""
    import hashlib
    import os
    import subprocess
    import sys

    script = (
        "import hashlib, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from ita_xl.builder.vba import VbaModule, build_vba_project\n"
        "mods = [VbaModule('ThisWorkbook', 'document', ''), VbaModule('Sheet1', 'document', ''),\n"
        "        VbaModule('Zeta', 'standard', 'Sub Z()\\nEnd Sub\\n'),\n"
        "        VbaModule('Alpha', 'class', 'Public X As Long\\n')]\n"
        "print(hashlib.sha256(build_vba_project(mods)).hexdigest())\n")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    digests = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        out = subprocess.run([sys.executable, "-c", script, root], env=env, check=True,
                             capture_output=True, text=True).stdout.strip()
        digests.add(out)
    assert len(digests) == 1
    assert hashlib.sha256(b"").hexdigest() not in digests


def test_every_reference_kind_round_trips_through_the_dir_stream():
    import uuid

    from ita_xl.builder.vba import ControlReference, ProjectReference, RegisteredReference

    refs = (
        RegisteredReference("stdole", DEFAULT_REFERENCES[0].libid),
        ControlReference(None, r"*\G{00000000-0000-0000-0000-000000000000}#0.0#0##",
                         r"*\G{11111111-2222-3333-4444-555555555555}#1.0#0#C:\x.exd#X Lib",
                         uuid.UUID("0d452ee1-e08f-101a-852e-02608c4d0bb4"), 7),
        ControlReference("MSForms", r"*\G{00000000-0000-0000-0000-000000000000}#0.0#0##",
                         r"*\G{25A06F1F-CB74-4EA9-99E8-704B89FB01D7}#2.0#0#C:\t.exd#Forms",
                         uuid.UUID("0d452ee1-e08f-101a-852e-02608c4d0bb4"), 1,
                         libid_original=r"*\G{0D452EE1-E08F-101A-852E-02608C4D0BB4}#2.0#0#"
                                        r"C:\Windows\system32\FM20.DLL#Microsoft Forms 2.0",
                         name_extended="MSForms"),
        ProjectReference("Lib", r"*\CC:\lib.xlam", r"*\Clib.xlam", 1234, 5),
    )
    data = build_vba_project([VbaModule("M", "standard", "")], references=refs)
    _, records, mods = read_vba_project(data)
    assert references_from_dir(records) == refs
    assert [m.name for m in mods] == ["M"]
    # olevba walks the same records without complaint.
    assert [f for _, _, f, _ in olevba.VBA_Parser("x.bin", data=data).extract_macros()] == ["M.bas"]
