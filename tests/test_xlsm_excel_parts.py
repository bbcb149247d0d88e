"""``ita_xl.xlsm.excel_parts``: the ribbon (customUI14.xml) and its VBA callbacks (workbook/src/vba/ITA.bas)."""
from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path

from lxml import etree

from support.vba_command import vba_command

from ita_xl import excel

ROOT = Path(__file__).parents[1]
RIBBON = ROOT / "workbook" / "src" / "customUI" / "customUI14.xml"
VBA_DIR = ROOT / "workbook" / "src" / "vba"
XSD = Path(__file__).parent / "data" / "customui14.xsd"
NS = {"c": "http://schemas.microsoft.com/office/2009/07/customui"}

# The signature Office calls each kind of callback attribute with (Excel VBA).
ARGS = {
    "onAction": ["control As IRibbonControl"],  # button
    "get": ["control As IRibbonControl", "ByRef returnedVal"],  # getLabel, getEnabled, …
    "onLoad": ["ribbon As IRibbonUI"],
}


def vba_sources() -> dict[str, str]:
    return {p.name: p.read_text(encoding="ascii") for p in sorted(VBA_DIR.glob("*.*"))}


def public_subs() -> dict[str, list[str]]:
    """Public Sub name (lower case) → its parameters, as written, from every VBA source."""
    subs = {}
    for text in vba_sources().values():
        for m in re.finditer(r"^Public Sub (\w+)\(([^)]*)\)", text, re.MULTILINE | re.IGNORECASE):
            subs[m.group(1).lower()] = [a.strip() for a in m.group(2).split(",") if a.strip()]
    return subs


def test_ribbon_validates_against_microsofts_customui14_schema():
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    doc = etree.parse(str(RIBBON))
    assert schema.validate(doc), schema.error_log
    assert doc.getroot().tag == "{%s}customUI" % NS["c"]


def test_ribbon_has_the_ita_tab_with_thai_buttons():
    doc = etree.parse(str(RIBBON))
    tabs = doc.findall(".//c:tab", NS)
    assert [t.get("label") for t in tabs] == ["ITA"]
    buttons = doc.findall(".//c:button", NS)
    assert [b.get("label") for b in buttons] == [
        "ตรวจสอบข้อมูล", "สร้างเอกสาร Word", "สร้าง PDF", "เปิดโฟลเดอร์ผลลัพธ์", "วิธีใช้/เกี่ยวกับ"]
    for b in buttons:
        assert b.get("imageMso") and b.get("screentip") and b.get("supertip"), b.get("id")
        assert re.search("[\u0e00-\u0e7f]", b.get("screentip") + b.get("supertip")), b.get("id")


def test_every_callback_resolves_to_a_public_sub_with_the_right_signature():
    doc = etree.parse(str(RIBBON))
    subs = public_subs()
    callbacks = []
    for el in doc.iter():
        for attr, value in el.attrib.items():
            if attr in ("onAction", "onLoad") or attr.startswith("get"):
                kind = "get" if attr.startswith("get") else attr
                callbacks.append((value, kind))
    assert len(callbacks) >= 5
    for name, kind in callbacks:
        assert name.lower() in subs, f"{name} has no Public Sub in workbook/src/vba"
        params = [re.sub(r"\s+", " ", p) for p in subs[name.lower()]]
        assert params == ARGS[kind], (name, params)


def test_vba_sources_are_ascii_and_thai_is_spelled_as_utf16_hex():
    for name, text in vba_sources().items():
        assert text.isascii(), name
    ita = vba_sources()["ITA.bas"]
    literals = re.findall(r'\bU\("([0-9A-F]*)"\)', ita)
    assert len(literals) >= 8
    for hexed in literals:
        assert len(hexed) % 4 == 0
        text = excel.unhex(hexed)
        assert re.search("[\u0e00-\u0e7f]", text), text
        assert all("\u0e00" <= ch <= "\u0e7f" or ch.isascii() or ch == "\u2026" for ch in text)


def _procedures(text: str) -> set[str]:
    return {m.lower() for m in re.findall(
        r"^(?:Public |Private )?(?:Sub|Function) (\w+)", text, re.MULTILINE)}


def test_ita_module_names_do_not_shadow_its_procedures():
    """VBA is case-insensitive: a variable named like a procedure makes calls to it not compile."""
    text = vba_sources()["ITA.bas"]
    procedures = _procedures(text)
    variables = set()
    for m in re.finditer(r"\bDim (.+)$", text, re.MULTILINE):
        variables |= {v.split(" As ")[0].strip().split("(")[0].lower() for v in m.group(1).split(",")}
    for m in re.finditer(r"^(?:Public |Private )?(?:Sub|Function) \w+\(([^)]*)\)", text, re.MULTILINE):
        for p in m.group(1).split(","):
            words = p.replace("ByVal", "").replace("ByRef", "").replace("Optional", "").split()
            if words:
                variables.add(words[0].lower())
    assert not procedures & variables
    # Every private procedure the module calls is defined in it (no typo reaches Excel).
    for name in ("RunOnCopy", "RunEntry", "PyPath", "HexUtf16", "U", "ShowResult", "SelectCell",
                 "OpenPath", "ShowMessage", "NewWorkFolder", "RemoveFolder", "FileExtension"):
        assert name.lower() in procedures


# --- The Python side of each button ----------------------------------------------------------

def _entries(text: str) -> dict[str, str]:
    """Entry point → how ITA.bas calls it: "copy" (copy, original) or the argument expression."""
    out = {name: "copy" for name in re.findall(r'RunOnCopy "(\w+)"', text)}
    for name, args in re.findall(r'RunEntry "(\w+)", ([^\n]+?), ""\n', text):
        out[name] = args
    return out


def test_every_button_calls_an_entry_point_that_takes_its_arguments():
    entries = _entries(vba_sources()["ITA.bas"])
    assert set(entries) == {"check_from_excel", "generate_from_excel", "pdf_from_excel",
                            "open_output_folder", "about"}
    for name, args in entries.items():
        func = getattr(excel, name)
        params = list(inspect.signature(func.__wrapped__).parameters)
        expected = 2 if args == "copy" else (0 if args == '""' else args.count("PyPath("))
        assert len(params) == expected, (name, params)


def test_the_command_pieces_are_those_of_ita_bas():
    text = vba_sources()["ITA.bas"]
    assert '"import ita_xl.excel as ita; ita." & entry & "(" & args & "result="' in text
    assert "PyPath = \"ita.unhex('\" & HexUtf16(path) & \"')\"" in text
    assert 'If args <> "" Then args = args & ", "' in text
    assert 'PyPath(copyPath) & ", " & PyPath(ThisWorkbook.FullName)' in text


def test_unhex_reads_what_hexutf16_writes_for_thai_paths():
    for text in ["C:\\Users\\สมชาย\\เอกสาร\\งาน ITA ๒๕๖๕\\สมุดงาน ITA (ฉบับแก้ไข).xlsm",
                 "\\\\server\\แชร์\\it's & 100%.xlsm", "", "😀 emoji (surrogates).xlsm"]:
        hexed = excel.to_hex(text)
        assert re.fullmatch("[0-9A-F]*", hexed) and len(hexed) % 4 == 0
        assert excel.unhex(hexed) == text


def test_the_vba_command_is_plain_ascii_and_runs_with_thai_names(tmp_path):
    """The whole command line is ASCII whatever the names; Python decodes them."""
    folder = tmp_path / "งาน ITA ปี ๒๕๖๕"
    folder.mkdir()
    result = tmp_path / "ผลลัพธ์.txt"
    command = vba_command("open_output_folder", str(folder / "สมุดงาน ITA.xlsm"), result=str(result))
    assert command.isascii() and '"' not in command and "%" not in command
    proc = subprocess.run([sys.executable, "-c", command], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    answer = excel.read_answer(result)
    assert answer["status"] == ["ok"]
    assert answer["open"] == [str(folder / "ITA_output")]
    assert (folder / "ITA_output").is_dir()
