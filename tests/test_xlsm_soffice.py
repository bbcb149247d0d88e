"""``ita_xl.xlsm`` in LibreOffice: the built tracker opens, its VBA modules import with their kinds, it
exports to PDF, and LibreOffice Basic runs ITA.bas's path encoding the way Python decodes it.

Excel itself is not available on Linux; docs/excel-setup.md lists what only Excel can show.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import textwrap
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from ita_xl import excel
from ita_xl.xlsm.tracker import example_tracker_bytes

pytestmark = [pytest.mark.soffice, pytest.mark.slow]

SOFFICE = (shutil.which(os.environ["ITA_XL_SOFFICE"]) if os.environ.get("ITA_XL_SOFFICE")
           else None) or shutil.which("soffice") or shutil.which("libreoffice")
SCRIPT = "{http://openoffice.org/2000/script}"
LIBRARY = "{http://openoffice.org/2000/library}"
KINDS = {
    "ThisWorkbook": "document", "shSettings": "document", "shPeople": "document",
    "shIndicators": "document", "shPlan": "document", "shResults": "document",
    "shCheck": "document", "shLists": "document", "shXlwingsConf": "document",
    "ITA": "normal", "xlwings_udfs": "normal", "xlwings": "normal", "Dictionary": "class",
}
FIRST_LINE = {"document": "VBADocumentModule", "normal": "VBAModule", "class": "VBAClassModule"}


@pytest.fixture(scope="module")
def tracker(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("lo") / "ITA_tracker.xlsm"
    path.write_bytes(example_tracker_bytes())
    return path


def _soffice(tmp: Path, *args: str) -> subprocess.CompletedProcess:
    profile = (tmp / "profile").as_uri()
    return subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless",
                           "--norestore", *args], capture_output=True, text=True, timeout=120)


def test_libreoffice_imports_every_vba_module_with_its_kind(tracker, tmp_path):
    proc = _soffice(tmp_path, "--convert-to", "ods", "--outdir", str(tmp_path), str(tracker))
    ods = tmp_path / "ITA_tracker.ods"
    assert ods.exists(), proc.stdout + proc.stderr
    with zipfile.ZipFile(ods) as z:
        listed = etree.fromstring(z.read("Basic/VBAProject/script-lb.xml"))
        assert {e.get(LIBRARY + "name") for e in listed.iter(LIBRARY + "element")} == set(KINDS)
        for name, kind in KINDS.items():
            module = etree.fromstring(z.read(f"Basic/VBAProject/{name}.xml"))
            assert module.get(SCRIPT + "moduleType") == kind, name
            assert module.text.splitlines()[0] == f"Rem Attribute VBA_ModuleType={FIRST_LINE[kind]}"
        ita = etree.fromstring(z.read("Basic/VBAProject/ITA.xml")).text
        assert "Public Sub ITA_Check(control As IRibbonControl)" in ita
        # The sheets came through too (the check sheet and the hidden xlwings.conf).
        content = z.read("content.xml").decode("utf-8")
        assert 'table:name="ตรวจสอบ"' in content and 'table:name="xlwings.conf"' in content


def test_libreoffice_exports_the_tracker_to_pdf(tracker, tmp_path):
    proc = _soffice(tmp_path, "--convert-to", "pdf", "--outdir", str(tmp_path), str(tracker))
    pdf = tmp_path / "ITA_tracker.pdf"
    assert pdf.exists(), proc.stdout + proc.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and re.search(rb"/Type\s*/Page\b", data)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                              text=True, timeout=60).stdout
        assert "ตรวจสอบข้อมูล" in text and "เทศบาลตำบลเมืองหงส์" in text


def _python_with_uno() -> str | None:
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and subprocess.run([candidate, "-c", "import uno"],
                                        capture_output=True).returncode == 0:
            return candidate
    return None


UNO_SCRIPT = textwrap.dedent('''
    import subprocess, sys, time, uno
    from com.sun.star.beans import PropertyValue

    soffice, profile, doc_url, pipe = sys.argv[1:5]
    def pv(name, value):
        p = PropertyValue(); p.Name = name; p.Value = value; return p
    proc = subprocess.Popen([soffice, "-env:UserInstallation=" + profile, "--headless",
                             "--norestore", "--invisible", "--accept=pipe,name=%s;urp;" % pipe],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(300):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.2)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(doc_url, "_blank", 0,
                                           (pv("Hidden", True), pv("MacroExecutionMode", 4)))
        libs = doc.BasicLibraries
        libs.loadLibrary("VBAProject")
        source = libs.getByName("VBAProject").getByName("ITA")
        # LibreOffice does not run the imported VBA library through the script provider, so the
        # module, exactly as LibreOffice imported it, is run from the Standard library.
        for name in ("HexUtf16", "U("):
            source = source.replace("Private Function " + name, "Public Function " + name)
        libs.getByName("Standard").insertByName("ITAcopy", source)
        provider = doc.getScriptProvider()
        def call(func, arg):
            url = "vnd.sun.star.script:Standard.ITAcopy.%s?language=Basic&location=document" % func
            return provider.getScript(url).invoke((arg,), (), ())[0]
        for line in sys.stdin.read().splitlines():
            func, arg = line.split("\\t", 1)
            arg = bytes.fromhex(arg).decode("utf-16-be")
            print("=" + call(func, arg).encode("utf-16-be").hex().upper(), flush=True)
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
''')

PATHS = ["C:\\Users\\สมชาย\\AppData\\Local\\Temp\\ita-xl-rad1F2E3\\tracker.xlsm",
         "D:\\งาน ITA ปี ๒๕๖๕\\สมุดงาน ITA (ฉบับแก้ไข) it's & 100%.xlsm", "", "ASCII only.xlsm"]


def test_libreoffice_basic_encodes_paths_as_python_decodes_them(tracker, tmp_path):
    """ITA.bas's HexUtf16 and U(), run by LibreOffice Basic in VBA mode, agree with Python."""
    python = _python_with_uno()
    if python is None:
        pytest.skip("no Python with LibreOffice's uno module (python3-uno)")
    script = tmp_path / "run_basic.py"
    script.write_text(UNO_SCRIPT, encoding="utf-8")
    calls = [("HexUtf16", p) for p in PATHS] + [("U", excel.to_hex(p)) for p in PATHS]
    stdin = "".join(f"{func}\t{excel.to_hex(arg)}\n" for func, arg in calls)
    proc = subprocess.run(
        [python, str(script), SOFFICE, (tmp_path / "profile").as_uri(), tracker.as_uri(),
         f"ita{os.getpid()}"], input=stdin, capture_output=True, text=True, timeout=120)
    answers = [excel.unhex(line[1:]) for line in proc.stdout.splitlines() if line.startswith("=")]
    assert len(answers) == len(calls), proc.stdout + proc.stderr
    for (func, arg), got in zip(calls, answers):
        if func == "HexUtf16":
            assert excel.unhex(got) == arg and got == excel.to_hex(arg)
        else:
            assert got == excel.unhex(arg)
