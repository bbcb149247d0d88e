"""A stand-in for Microsoft Word's automation server, for the Windows lane only (Wine).

Runs under the bundle's Windows Python.  ``python.exe wordstandin.py --register`` registers it as
``Word.Application`` (a pywin32 local server: its own process, started by COM when a client
asks for Word, as WINWORD.EXE is); ``--unregister`` removes it.  ita-xl's Word route then
talks to it through the real COM dispatch.  It offers the part of Word's object model ita-xl
uses — ``Visible``, ``DisplayAlerts``, ``Documents.Open``, ``Document.ExportAsFixedFormat``,
``Document.Close``, ``Quit`` — and records every call with its arguments in ``CALLS`` (one JSON
line each) for the tests to read.  The PDF comes from LibreOffice of the Linux host: Wine starts
Unix programs (``start /unix``), and the stand-in waits for the finished PDF.

``MODE`` (a file) makes it misbehave: ``raise`` — ExportAsFixedFormat raises a COM error with a
description, as Word does for a document it cannot export.
"""
from __future__ import annotations

import ctypes
import json
import os
import shutil
import subprocess
import sys
import time
from urllib.parse import quote

import pythoncom
import winerror
from win32com.server.exception import COMException
from win32com.server.util import wrap

HOME = "C:\\word-standin"
CALLS = HOME + "\\calls.jsonl"
MODE = HOME + "\\mode.txt"
CLSID = "{6F1D3A52-7C0B-4E5E-9B1A-2D7E41C0A9B3}"
#: LibreOffice's own profile for the stand-in (inside the Wine prefix, removed with it).
PROFILE_DIR = HOME + "\\lo-profile"


def record(call: str, args: list) -> None:
    os.makedirs(HOME, exist_ok=True)
    with open(CALLS, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"call": call, "args": args, "pid": os.getpid()},
                            ensure_ascii=False) + "\n")


def mode() -> str:
    try:
        with open(MODE, encoding="utf-8") as fh:
            return fh.read().strip()
    except OSError:
        return ""


def unix_path(path: str) -> str:
    """Wine's Linux path of a Windows path (kernel32's wine_get_unix_file_name)."""
    func = ctypes.windll.kernel32.wine_get_unix_file_name
    func.restype = ctypes.c_void_p
    func.argtypes = [ctypes.c_wchar_p]
    return ctypes.string_at(func(path)).decode("utf-8")


def libreoffice_pdf(docx: str, pdf: str, timeout: float = 180) -> None:
    """docx to pdf by the Linux host's LibreOffice, through ASCII-named copies."""
    work = os.path.join(HOME, f"work-{os.getpid()}-{time.monotonic_ns()}")
    os.makedirs(work)
    try:
        shutil.copyfile(docx, os.path.join(work, "in.docx"))
        subprocess.run(["cmd.exe", "/c", "start", "/unix", "/usr/bin/soffice", "--headless",
                        "-env:UserInstallation=file://" + quote(unix_path(PROFILE_DIR)),
                        "--convert-to", "pdf", "--outdir",
                        unix_path(work), unix_path(os.path.join(work, "in.docx"))], check=True)
        produced = os.path.join(work, "in.pdf")
        deadline = time.monotonic() + timeout
        # start /unix gives no process to wait on: the PDF is done when it ends with %%EOF
        while time.monotonic() < deadline:
            try:
                with open(produced, "rb") as fh:
                    if fh.read().rstrip().endswith(b"%%EOF"):
                        break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            raise COMException(desc="stand-in: LibreOffice made no PDF", scode=winerror.E_FAIL)
        shutil.copyfile(produced, pdf)
    finally:
        shutil.rmtree(work, ignore_errors=True)


class Document:
    _public_methods_ = ["ExportAsFixedFormat", "Close"]

    def __init__(self, path: str):
        self.path = path

    def ExportAsFixedFormat(self, OutputFileName, ExportFormat, *rest):  # noqa: N802,N803
        record("ExportAsFixedFormat", [OutputFileName, ExportFormat, *rest])
        if mode() == "raise":
            raise COMException(desc="Word stand-in: the document cannot be exported",
                               scode=winerror.E_FAIL)
        libreoffice_pdf(self.path, OutputFileName)

    def Close(self, SaveChanges=None, *rest):  # noqa: N802,N803
        record("Close", [SaveChanges, *rest])


class Documents:
    _public_methods_ = ["Open"]

    def Open(self, FileName, ConfirmConversions=None, ReadOnly=None,  # noqa: N802,N803
             AddToRecentFiles=None, *rest):
        record("Open", [FileName, ConfirmConversions, ReadOnly, AddToRecentFiles, *rest])
        return wrap(Document(FileName))


class Application:
    _reg_progid_ = "Word.Application"
    _reg_clsid_ = CLSID
    _reg_desc_ = "ita-xl test stand-in for Microsoft Word"
    _reg_clsctx_ = pythoncom.CLSCTX_LOCAL_SERVER
    _public_methods_ = ["Quit"]
    _public_attrs_ = ["Visible", "DisplayAlerts", "Documents"]

    def __init__(self):
        self.Visible = True
        self.DisplayAlerts = -1  # wdAlertsAll, Word's default
        self.Documents = wrap(Documents())
        record("Application", [])

    def Quit(self, SaveChanges=None, *rest):  # noqa: N802,N803
        record("Quit", [SaveChanges, self.Visible, self.DisplayAlerts])


if __name__ == "__main__":
    import win32com.server.register

    if "--unregister" in sys.argv:
        win32com.server.register.UnregisterClasses(Application)
    else:
        win32com.server.register.RegisterClasses(Application, quiet=True)
