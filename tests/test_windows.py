"""Issue 11: the Windows lane — the bundle's own Windows CPython, run under Wine.

Run alone with ``python3 -m pytest -q -m windows``.  Needs ``wine`` and ``osslsigncode``
(``.ci/install``) and PyPI for the first build; CI sets ``ITA_XL_REQUIRE_WINE=1`` so a missing
Wine fails the run instead of skipping the lane.

What Wine does not give us: Excel (the ribbon's commands run exactly as xlwings' VBA would
start them, with a fake Excel path and window handle; "live" workbook access finds no Excel),
LibreOffice for Windows (no PDFs here: .docx only), NTFS alternate data streams (the
Zone.Identifier mark cannot be planted, so its removal is not proven here) and a real console
window (output goes to pipes and files, which is where the code page used to crash).
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
from support.winelane import BUNDLE_DIR, Wine, cache_dir
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
    assert set(manifest["python-signers"]) == set(windows.SIGNED)
    for rel, digest in manifest["files"].items():
        assert windows._sha256((root / rel).read_bytes()) == digest, rel
    conf = load_workbook(root / winsetup.TRACKER_NAME, read_only=False)["xlwings.conf"]
    values = {conf.cell(r, 1).value: conf.cell(r, 2).value for r in range(1, 12)}
    assert values["Interpreter_Win"] == r"%LOCALAPPDATA%\ita-xl\python\pythonw.exe"
    assert (root / winsetup.INSTALL_CMD_NAME).read_bytes().isascii()


def test_bundle_is_reproducible(bundle, tmp_path):
    again = windows.build(tmp_path, cache_dir())
    assert again.name == bundle.name == f"ita-xl-windows-{windows.__version__}.zip"
    assert again.read_bytes() == bundle.read_bytes()


def test_a_tampered_python_exe_fails_the_build(bundle, tmp_path):
    sdist, _ = windows.download(cache_dir())
    python_dir = tmp_path / "python"
    windows.unpack_python(sdist, python_dir)
    signers = windows.check_signatures(python_dir)
    assert all("O=Python Software Foundation" in s for s in signers.values())
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


def test_version(wine):
    proc = wine.ita("--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8") == "ita-xl รุ่น / version 0.1.0\r\n"


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


def _ribbon_commands(book: str, work: str, python_win: str) -> dict[str, str]:
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
             "LOG_FILE": work + "\\xlwings.log", **env}
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


def test_each_ribbon_button_runs_as_xlwings_starts_it(wine, linux_docs):
    work = "C:\\users\\Public\\Temp\\ita-xl-rad1F2E3"
    wine.unix(work).mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE, wine.unix(work + "\\tracker.xlsm"))  # what SaveCopyAs writes
    commands = _ribbon_commands(CLERK_BOOK, work, wine.pythonw)
    assert set(commands) == {"check_from_excel", "generate_from_excel", "pdf_from_excel",
                             "open_output_folder", "about"}
    answers = {}
    for entry, line in commands.items():
        assert line.startswith("cmd.exe /C C: & cd \"") and "--from_xl=1" in line
        result = wine.unix(work + "\\result.txt")
        result.unlink(missing_ok=True)
        proc = wine.shell(line, lc="th_TH.UTF-8")
        log = wine.unix(work + "\\xlwings.log")
        assert proc.returncode == 0, log.read_text(encoding="utf-8", errors="replace")
        answers[entry] = excel.read_answer(result)
    outdir = CLERK + "\\ITA_output"
    assert answers["check_from_excel"]["status"] == ["warning"]
    assert answers["generate_from_excel"]["status"] == ["warning"], answers["generate_from_excel"]
    assert answers["generate_from_excel"]["open"] == [f"{outdir}\\{n}" for n in DOCS]
    for name in DOCS:
        assert docx_text(wine.unix(f"{outdir}\\{name}")) == docx_text(linux_docs / name)
    # No LibreOffice for Windows under Wine: the PDF button must say so, in Thai and English.
    assert answers["pdf_from_excel"]["status"] == ["error"]
    assert any("LibreOffice" in line for line in answers["pdf_from_excel"]["message"])
    assert answers["open_output_folder"]["open"] == [outdir]
    assert answers["about"]["status"] == ["ok"]
    assert any("pythonw.exe" in line or "python" in line for line in answers["about"]["message"])


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


# --- installer and doctor ----------------------------------------------------------------------

def test_installer_then_doctor_then_uninstall(wine):
    cmd = f'cmd.exe /C ""{BUNDLE_DIR}\\python\\python.exe" -m ita_xl.winsetup install"'
    proc = wine.shell(cmd, lc="th_TH.UTF-8")
    assert proc.returncode == 0, proc.stderr.decode("utf-8", errors="replace")
    appdata = wine.run(["-c", "import os; print(os.environ['LOCALAPPDATA'])"]).stdout.decode()
    installed = appdata.strip() + "\\ita-xl"
    assert wine.unix(installed + "\\python\\pythonw.exe").is_file()
    record = json.loads(wine.unix(installed + "\\installed.json").read_text(encoding="utf-8"))
    tracker = wine.unix(record["tracker"])
    assert tracker.resolve().is_relative_to(wine.root)  # Wine's Documents: the private home
    assert tracker.read_bytes() == wine.unix(BUNDLE_DIR + "\\" + winsetup.TRACKER_NAME).read_bytes()
    for lnk in record["shortcuts"]:
        assert wine.unix(lnk).is_file(), lnk
    read_link = ("import json, sys, pythoncom\nfrom win32com.shell import shell\n"
                 "out = []\nfor p in json.load(open(sys.argv[1], encoding='utf-8'))['shortcuts']:\n"
                 "    link = pythoncom.CoCreateInstance(shell.CLSID_ShellLink, None,"
                 " pythoncom.CLSCTX_INPROC_SERVER, shell.IID_IShellLink)\n"
                 "    link.QueryInterface(pythoncom.IID_IPersistFile).Load(p)\n"
                 "    out.append([link.GetPath(0)[0], link.GetArguments()])\n"
                 "sys.stdout.write(json.dumps(out))\n")
    targets = json.loads(wine.run(["-c", read_link, installed + "\\installed.json"]).stdout)
    assert targets[:2] == [[record["tracker"], ""]] * 2  # Desktop and Start menu
    assert targets[2] == [installed + "\\python\\python.exe", "-m ita_xl.winsetup uninstall"]
    doctor = wine.run(["-m", "ita_xl", "doctor", "--no-probe"],
                      exe=installed + "\\python\\python.exe", lc="th_TH.UTF-8")
    text = doctor.stdout.decode("utf-8")
    assert f"{installed}\\python\\pythonw.exe" in text  # the tracker's interpreter
    assert "[OK]   xlwings DLL" in text and "xlwings64-0.37.8.dll" in text
    assert "ANSI cp874" in text and "stdout: redirected, utf-8" in text
    proc = wine.run(["-m", "ita_xl.winsetup", "uninstall"],
                    exe=installed + "\\python\\python.exe")
    assert proc.returncode == 0, proc.stderr
    wine._call(["wineserver", "-w"])
    assert not wine.unix(installed).exists()
    assert tracker.is_file()  # the clerk's data stays
    assert not any(wine.unix(lnk).exists() for lnk in record["shortcuts"])
