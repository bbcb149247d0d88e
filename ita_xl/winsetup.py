"""Install and uninstall the Windows bundle for one user: no administrator rights, no internet.

Run by ``ติดตั้ง ita-xl.cmd`` in the unzipped bundle (``python -m ita_xl.winsetup install``) with
the bundle's own Python.  ``install``:

1. copies the bundle folder to ``%LOCALAPPDATA%\\ita-xl`` (an older copy there is replaced);
2. removes the downloaded-from-the-internet mark (the ``Zone.Identifier`` stream Windows adds to
   files from a browser or e-mail, which makes Excel block the tracker's macros) from every
   installed file and from the new tracker;
3. copies a fresh tracker to ``Documents\\ITA\\ITA_tracker.xlsm`` — never over an existing one:
   that is the clerk's data; its ``xlwings.conf`` already points at the installed pythonw.exe;
4. puts a shortcut to that tracker on the Desktop and in the Start menu, with an uninstall
   shortcut beside it, and registers the uninstaller under HKEY_CURRENT_USER (Apps & features).

``uninstall`` removes the shortcuts, the registration and ``%LOCALAPPDATA%\\ita-xl``, and keeps
the trackers and documents in Documents.  Messages are Thai, then English.
"""
from __future__ import annotations

import json
import ntpath
import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import __version__

APP = "ita-xl"
#: Where the bundle is installed; xlwings expands the variable when it reads xlwings.conf.
INSTALL_DIR = r"%LOCALAPPDATA%\ita-xl"
TRACKER_PYTHON = INSTALL_DIR + r"\python\pythonw.exe"
TRACKER_NAME = "ITA_tracker.xlsm"
INSTALL_CMD_NAME = "ติดตั้ง ita-xl.cmd"
SHORTCUT_NAME = "สมุดงาน ITA.lnk"
UNINSTALL_SHORTCUT_NAME = "ถอนการติดตั้ง ita-xl.lnk"
DOCUMENTS_FOLDER = "ITA"
UNINSTALL_KEY = r"Software\Microsoft\Windows\CurrentVersion\Uninstall\ita-xl"
RECORD = "installed.json"
MANIFEST = "manifest.json"


def say(thai: str, english: str) -> None:
    print(thai)
    print(english)


def tracker_interpreter() -> str:
    """xlwings.conf's ``Interpreter_Win`` for every tracker ita-xl writes (init, init --from,
    import, the builder): the one place that decides it.

    A blank value would make xlwings run ``python`` from PATH, which the bundle never adds and
    which on Windows 10/11 is usually the Microsoft Store alias (exit 9009), so it is never
    blank.  The bundle's installed ``pythonw.exe`` under ``%LOCALAPPDATA%`` (xlwings expands the
    variable at run time) is the answer everywhere — on Linux too, where trackers are made for
    clerks' PCs — except under another Windows Python (IT's ``pip install .``): then that
    Python's own ``pythonw.exe``, which is where its xlwings and ita-xl are.
    """
    if sys.platform == "win32" and not is_bundle_python():
        pythonw = Path(sys.executable).with_name("pythonw.exe")
        if pythonw.is_file():
            return str(pythonw)
    return TRACKER_PYTHON


def is_bundle_python() -> bool:
    """Is this the bundle's Python (unzipped or installed)?  Its folder's parent holds the
    bundle's manifest.json."""
    return (Path(sys.executable).resolve().parent.parent / MANIFEST).is_file()


def install_dir() -> Path:
    return Path(ntpath.expandvars(INSTALL_DIR))


def bundle_root() -> Path:
    """The bundle folder this Python belongs to (``<bundle>\\python\\python.exe``)."""
    return Path(sys.executable).resolve().parent.parent


def _known_folder(name: str) -> Path:
    from win32com.shell import shell, shellcon

    return Path(shell.SHGetKnownFolderPath(getattr(shellcon, "FOLDERID_" + name)))


def unblock(path: Path) -> bool:
    """Remove the mark of the web; True if there was one."""
    try:
        os.remove(str(path) + ":Zone.Identifier")
        return True
    except OSError:  # no such stream (or a file system without streams)
        return False


def _shortcut(lnk: Path, target: Path, arguments: str = "", description: str = "") -> None:
    import pythoncom
    from win32com.shell import shell

    link = pythoncom.CoCreateInstance(shell.CLSID_ShellLink, None,
                                      pythoncom.CLSCTX_INPROC_SERVER, shell.IID_IShellLink)
    link.SetPath(str(target))
    link.SetArguments(arguments)
    link.SetWorkingDirectory(str(target.parent))
    link.SetDescription(description)
    lnk.parent.mkdir(parents=True, exist_ok=True)
    link.QueryInterface(pythoncom.IID_IPersistFile).Save(str(lnk), 0)


def _register(target: Path) -> None:
    import winreg

    python = target / "python" / "python.exe"
    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, UNINSTALL_KEY) as key:
        values = {"DisplayName": "ita-xl (ITA: บันทึกข้อความและรายงาน)",
                  "DisplayVersion": __version__, "Publisher": "ita-xl",
                  "InstallLocation": str(target),
                  "UninstallString": f'"{python}" -m ita_xl.winsetup uninstall'}
        for name, value in values.items():
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)
        for name in ("NoModify", "NoRepair"):
            winreg.SetValueEx(key, name, 0, winreg.REG_DWORD, 1)


def install(source: Path | None = None) -> Path:
    source = (source or bundle_root()).resolve()
    target = install_dir()
    if not (source / TRACKER_NAME).is_file() or not (source / "python").is_dir():
        raise SystemExit(f"{source} ไม่ใช่โฟลเดอร์ชุดติดตั้ง ita-xl / is not an ita-xl bundle folder")
    say("กำลังติดตั้ง ita-xl …", "Installing ita-xl …")
    if source != target.resolve():
        if target.exists():
            try:
                shutil.rmtree(target)
            except OSError as exc:
                raise SystemExit(
                    f"ลบรุ่นเก่าใน {target} ไม่ได้ กรุณาปิด Excel แล้วลองใหม่ / cannot replace the "
                    f"old copy in {target}: close Excel and try again ({exc})") from None
        # copyfile, not copy2: the mark of the web must not come along, and Wine lacks CopyFile2
        shutil.copytree(source, target, copy_function=shutil.copyfile)
    marks = sum(unblock(p) for p in target.rglob("*") if p.is_file())

    documents = _known_folder("Documents") / DOCUMENTS_FOLDER
    tracker = documents / TRACKER_NAME
    documents.mkdir(parents=True, exist_ok=True)
    if tracker.exists():
        say(f"มีสมุดงานอยู่แล้ว ไม่ได้เขียนทับ: {tracker}",
            f"A tracker is already there and was kept: {tracker}")
    else:
        shutil.copyfile(target / TRACKER_NAME, tracker)
    unblock(tracker)

    shortcuts = [_known_folder("Desktop") / SHORTCUT_NAME]
    menu = _known_folder("Programs") / APP
    shortcuts.append(menu / SHORTCUT_NAME)
    for lnk in shortcuts:
        _shortcut(lnk, tracker, description="ITA tracker")
    uninstaller = menu / UNINSTALL_SHORTCUT_NAME
    _shortcut(uninstaller, target / "python" / "python.exe", "-m ita_xl.winsetup uninstall",
              "Uninstall ita-xl")
    _register(target)
    record = {"version": __version__, "tracker": str(tracker),
              "shortcuts": [str(p) for p in [*shortcuts, uninstaller]], "menu": str(menu)}
    (target / RECORD).write_text(json.dumps(record, ensure_ascii=False, indent=1),
                                 encoding="utf-8")
    say(f"ติดตั้งเรียบร้อยที่ {target} (นำเครื่องหมายไฟล์จากอินเทอร์เน็ตออก {marks} ไฟล์)\n"
        f"เปิดสมุดงานจากไอคอน \"{SHORTCUT_NAME[:-4]}\" บนเดสก์ท็อป: {tracker}",
        f"Installed in {target} ({marks} internet marks removed).\n"
        f"Open the tracker from the \"{SHORTCUT_NAME[:-4]}\" icon on the Desktop: {tracker}")
    return target


def uninstall() -> None:
    import winreg

    target = install_dir()
    record_path = target / RECORD
    record = json.loads(record_path.read_text(encoding="utf-8")) if record_path.is_file() else {}
    for lnk in record.get("shortcuts", []):
        Path(lnk).unlink(missing_ok=True)
    if record.get("menu") and Path(record["menu"]).is_dir():
        shutil.rmtree(record["menu"], ignore_errors=True)
    try:
        winreg.DeleteKey(winreg.HKEY_CURRENT_USER, UNINSTALL_KEY)
    except OSError:
        pass
    kept = record.get("tracker", str(_known_folder("Documents") / DOCUMENTS_FOLDER))
    say(f"ถอนการติดตั้ง ita-xl แล้ว สมุดงานและเอกสารของท่านยังอยู่ที่ {Path(kept).parent}",
        f"ita-xl is uninstalled; your trackers and documents stay in {Path(kept).parent}")
    sys.stdout.flush()
    if Path(sys.executable).resolve().is_relative_to(target.resolve()):
        # This very python.exe is in the folder: a detached cmd removes it once we have exited.
        subprocess.Popen(
            f'cmd.exe /c ping -n 3 127.0.0.1 >nul & rmdir /s /q "{target}"',
            creationflags=subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP,
            close_fds=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
    else:
        shutil.rmtree(target, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    from . import console

    console.configure()
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["install"]:
        install()
    elif args[:1] == ["uninstall"]:
        uninstall()
    else:
        raise SystemExit("usage: python -m ita_xl.winsetup install|uninstall")


if __name__ == "__main__":
    main()
