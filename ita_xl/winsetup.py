"""Install and uninstall the Windows bundle for one user: no administrator rights, no internet.

Run by ``ติดตั้ง ita-xl.cmd`` in the unzipped bundle (``python -m ita_xl.winsetup install``) with
the bundle's own Python.  ``install``:

1. copies the bundle folder to ``%LOCALAPPDATA%\\ita-xl``.  An older copy there is replaced
   so that it stays whole until the new one is complete: if a file of it is in use (Excel holds
   xlwings' DLL and Python while a tracker is open) nothing is touched and the clerk is told to
   close Excel; otherwise the new copy goes beside it, the old one is moved aside and removed,
   and what of it cannot be removed yet goes at the next sign-in (RunOnce);
2. removes the downloaded-from-the-internet mark (the ``Zone.Identifier`` stream Windows adds to
   files from a browser or e-mail, which makes Excel block the tracker's macros) from every
   installed file and from the new tracker;
3. copies a fresh tracker to ``Documents\\ITA\\ITA_tracker.xlsm`` — never over an existing one:
   that is the clerk's data; its ``xlwings.conf`` already points at the installed pythonw.exe;
4. puts a shortcut to that tracker on the Desktop and in the Start menu, with an uninstall
   shortcut beside it, registers the uninstaller under HKEY_CURRENT_USER (Apps & features) and
   puts the install folder on the user's PATH (``ita-xl`` in any new command prompt).

``uninstall`` removes the shortcuts, the registration, the PATH entry and
``%LOCALAPPDATA%\\ita-xl``, and keeps the trackers and documents in Documents; files in use are
named to the clerk, left to the next sign-in (RunOnce), and the exit code is 1.  Messages are
Thai, then English; exit codes are ita-xl's (0 done, 1 not clean, 64 usage).
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
#: The guide for clerks and IT (docs/excel-setup.md as a page), at the top of the bundle.
GUIDE_NAME = "คู่มือ ita-xl.html"
GUIDE_SHORTCUT_NAME = "คู่มือ ita-xl.lnk"
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


class SetupError(Exception):
    """Install or uninstall stopped; the message says why and what to do (Thai, then English)."""


#: Opening a file for deletion while sharing everything fails only if another program holds it
#: without FILE_SHARE_DELETE (Excel, Word, an antivirus scan): then nothing of it can be removed.
DELETE_ACCESS = 0x00010000
SHARE_ALL = 0x7
CLOSE_EXCEL_TH = ("ปิด Excel (และ Word หรือหน้าต่างคำสั่งที่ใช้ ita-xl) ทุกหน้าต่างก่อน "
                  "สมุดงาน ITA ที่เปิดอยู่ใน Excel ใช้ไฟล์ของ ita-xl อยู่")
CLOSE_EXCEL_EN = ("close Excel (and Word, and any command window using ita-xl) first: a tracker "
                  "open in Excel holds files of ita-xl")
RUNONCE_KEY = r"Software\Microsoft\Windows\CurrentVersion\RunOnce"
ENVIRONMENT_KEY = "Environment"


def locked_files(folder: Path, own: frozenset[str] = frozenset()) -> list[Path]:
    """Files of ``folder`` another program holds so that they cannot be removed (``own``: the
    normalised paths this very process has loaded, which are not 'another program')."""
    import pywintypes
    import win32con
    import win32file

    locked = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or os.path.normcase(str(path)) in own:
            continue
        try:
            win32file.CreateFile(str(path), DELETE_ACCESS, SHARE_ALL, None,
                                 win32con.OPEN_EXISTING, 0, None).Close()
        except pywintypes.error:
            locked.append(path)
    return locked


def _own_files() -> frozenset[str]:
    """This process's executable and every module (DLL, .pyd) it has loaded."""
    import win32api
    import win32process

    handle = win32api.GetCurrentProcess()
    names = {win32process.GetModuleFileNameEx(handle, m)
             for m in win32process.EnumProcessModules(handle)}
    return frozenset(os.path.normcase(n) for n in names | {sys.executable})


def remove_tree(folder: Path, own: frozenset[str] = frozenset()) -> list[Path]:
    """Remove what can be removed of ``folder``; the files that could not be (in use), sorted."""
    left = []
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        try:
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            elif os.path.normcase(str(path)) in own:
                left.append(path)
            else:
                try:
                    path.unlink()
                except PermissionError:
                    os.chmod(path, 0o666)  # a read-only file
                    path.unlink()
        except OSError:
            if not path.is_dir():
                left.append(path)
    try:
        folder.rmdir()
    except OSError:
        pass
    return sorted(left)


def remove_at_next_sign_in(folder: Path) -> str:
    """Ask Windows to remove ``folder`` when this user next signs in (RunOnce); the command."""
    import winreg

    command = f'cmd.exe /c rmdir /s /q "{folder}"'
    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUNONCE_KEY) as key:
        winreg.SetValueEx(key, f"{APP} remove {folder.name}", 0, winreg.REG_SZ, command)
    return command


def _listed(paths: list[Path], limit: int = 5) -> str:
    shown = ", ".join(str(p) for p in paths[:limit])
    return shown + (f" … (+{len(paths) - limit})" if len(paths) > limit else "")


def _user_path(add: Path | None, remove: Path | None = None) -> None:
    """Put ``add`` on (or take ``remove`` off) this user's PATH, so ``ita-xl`` (ita-xl.cmd) works
    in every new command prompt; Explorer is told the environment changed."""
    import winreg

    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, ENVIRONMENT_KEY) as key:
        try:
            value, kind = winreg.QueryValueEx(key, "Path")
        except OSError:
            value, kind = "", winreg.REG_EXPAND_SZ
        parts = [p for p in value.split(";") if p]
        gone = {os.path.normcase(ntpath.expandvars(str(x))).rstrip("\\")
                for x in (add, remove) if x is not None}
        parts = [p for p in parts if os.path.normcase(ntpath.expandvars(p)).rstrip("\\") not in gone]
        if add is not None:
            parts.append(str(add))
        winreg.SetValueEx(key, "Path", 0, kind if parts else winreg.REG_EXPAND_SZ, ";".join(parts))
    try:
        import win32con
        import win32gui

        win32gui.SendMessageTimeout(win32con.HWND_BROADCAST, win32con.WM_SETTINGCHANGE, 0,
                                    ENVIRONMENT_KEY, win32con.SMTO_ABORTIFHUNG, 2000)
    except Exception:  # noqa: BLE001 - new sign-ins read the registry anyway
        pass


def _replace(source: Path, target: Path) -> list[Path]:
    """Put a copy of ``source`` at ``target`` so that the old install stays whole until the new
    one is complete: check the old one for files in use first, copy beside it, move the old one
    aside, move the new one in, then remove the old one (what is still in use: at next sign-in).
    Returns the files of the old install left for the next sign-in."""
    if target.exists():
        locked = locked_files(target)
        if locked:
            raise SetupError(
                f"ยังติดตั้งไม่ได้ ไฟล์ของรุ่นเดิมกำลังถูกใช้อยู่ {len(locked)} ไฟล์ ({_listed(locked)})\n"
                f"{CLOSE_EXCEL_TH} แล้วดับเบิลคลิก {INSTALL_CMD_NAME} อีกครั้ง รุ่นเดิมยังใช้ได้ตามเดิม\n"
                f"Not installed: {len(locked)} file(s) of the installed copy are in use; "
                f"{CLOSE_EXCEL_EN}, then run {INSTALL_CMD_NAME} again. The installed copy is "
                "unchanged.")
    staging = target.with_name(f"{target.name}.new-{os.getpid()}")
    try:
        # copyfile, not copy2: the mark of the web must not come along, and Wine lacks CopyFile2
        shutil.copytree(source, staging, copy_function=shutil.copyfile)
    except OSError as exc:
        remove_tree(staging)
        raise SetupError(f"คัดลอกไปที่ {staging} ไม่ได้ (พื้นที่ดิสก์เต็ม?) รุ่นเดิมยังใช้ได้ตามเดิม / "
                         f"cannot copy to {staging} (disk full?); the installed copy is "
                         f"unchanged: {exc}") from None
    old = target.with_name(f"{target.name}.old-{os.getpid()}")
    if target.exists():
        try:
            os.rename(target, old)
        except OSError as exc:
            remove_tree(staging)
            raise SetupError(f"ย้ายรุ่นเดิมออกไม่ได้: {CLOSE_EXCEL_TH} แล้วลองใหม่ รุ่นเดิมยังใช้ได้ตามเดิม / "
                             f"cannot move the installed copy aside: {CLOSE_EXCEL_EN} ({exc})") \
                from None
    try:
        os.rename(staging, target)
    except OSError as exc:
        if old.exists():
            os.rename(old, target)
        remove_tree(staging)
        raise SetupError(f"ติดตั้งไม่สำเร็จ รุ่นเดิมยังใช้ได้ตามเดิม / not installed, the installed "
                         f"copy is unchanged: {exc}") from None
    left = remove_tree(old) if old.exists() else []
    if left:
        remove_at_next_sign_in(old)
    return left


def install(source: Path | None = None) -> Path:
    source = (source or bundle_root()).resolve()
    target = install_dir()
    if not (source / TRACKER_NAME).is_file() or not (source / "python").is_dir():
        raise SetupError(f"{source} ไม่ใช่โฟลเดอร์ชุดติดตั้ง ita-xl / is not an ita-xl bundle folder")
    say("กำลังติดตั้ง ita-xl …", "Installing ita-xl …")
    left = []
    if source != target.resolve():
        left = _replace(source, target)
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
    guide = menu / GUIDE_SHORTCUT_NAME
    _shortcut(guide, target / GUIDE_NAME, description="ita-xl guide")
    shortcuts.append(guide)
    uninstaller = menu / UNINSTALL_SHORTCUT_NAME
    _shortcut(uninstaller, target / "python" / "python.exe", "-m ita_xl.winsetup uninstall",
              "Uninstall ita-xl")
    _register(target)
    _user_path(target)
    record = {"version": __version__, "tracker": str(tracker),
              "shortcuts": [str(p) for p in [*shortcuts, uninstaller]], "menu": str(menu)}
    (target / RECORD).write_text(json.dumps(record, ensure_ascii=False, indent=1),
                                 encoding="utf-8")
    say(f"ติดตั้งเรียบร้อยที่ {target} (นำเครื่องหมายไฟล์จากอินเทอร์เน็ตออก {marks} ไฟล์)\n"
        f"เปิดสมุดงานจากไอคอน \"{SHORTCUT_NAME[:-4]}\" บนเดสก์ท็อป: {tracker}\n"
        f"คำสั่ง ita-xl ใช้ได้ในหน้าต่างคำสั่ง (Command Prompt) ที่เปิดใหม่",
        f"Installed in {target} ({marks} internet marks removed).\n"
        f"Open the tracker from the \"{SHORTCUT_NAME[:-4]}\" icon on the Desktop: {tracker}\n"
        f"The ita-xl command works in any newly opened Command Prompt.")
    if left:
        say(f"ไฟล์ของรุ่นเดิม {len(left)} ไฟล์ยังถูกใช้อยู่ จะถูกลบเมื่อเข้าสู่ระบบครั้งถัดไป: {left[0].parent}",
            f"{len(left)} file(s) of the old copy are in use; they go at the next sign-in.")
    return target


def uninstall() -> list[Path]:
    """Remove the install; the files that could not be removed (also left to the next sign-in,
    and named to the clerk)."""
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
    _user_path(None, remove=target)
    kept = Path(record.get("tracker", str(_known_folder("Documents") / DOCUMENTS_FOLDER))).parent
    running_inside = Path(sys.executable).resolve().is_relative_to(target.resolve())
    own = _own_files() if running_inside else frozenset()
    left = remove_tree(target, own) if target.exists() else []
    if running_inside:
        # This very python.exe is in the folder: a detached cmd removes it once we have exited.
        subprocess.Popen(
            f'cmd.exe /c ping -n 3 127.0.0.1 >nul & rmdir /s /q "{target}"',
            creationflags=subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP,
            close_fds=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
    in_use = [p for p in left if os.path.normcase(str(p)) not in own]
    if left:
        remove_at_next_sign_in(target)
    if in_use:
        say(f"ถอนการติดตั้ง ita-xl แล้ว แต่ลบไม่ได้ {len(in_use)} ไฟล์เพราะกำลังถูกใช้อยู่ ({_listed(in_use)})\n"
            f"ไฟล์เหล่านี้จะถูกลบเมื่อเข้าสู่ระบบ Windows ครั้งถัดไป หรือ{CLOSE_EXCEL_TH} แล้วลบโฟลเดอร์ "
            f"{target} เอง สมุดงานและเอกสารของท่านยังอยู่ที่ {kept}",
            f"ita-xl is uninstalled, but {len(in_use)} file(s) are in use and were not removed; "
            f"they go at the next Windows sign-in, or {CLOSE_EXCEL_EN} and delete {target} "
            f"yourself. Your trackers and documents stay in {kept}")
        return in_use
    say(f"ถอนการติดตั้ง ita-xl แล้ว สมุดงานและเอกสารของท่านยังอยู่ที่ {kept}",
        f"ita-xl is uninstalled; your trackers and documents stay in {kept}")
    return []


def main(argv: list[str] | None = None) -> None:
    from . import console

    console.configure()
    from .exitcodes import Exit

    args = sys.argv[1:] if argv is None else argv
    try:
        if args[:1] == ["install"]:
            install()
            code = Exit.OK
        elif args[:1] == ["uninstall"]:
            code = Exit.NOT_CLEAN if uninstall() else Exit.OK
        else:
            print("usage: python -m ita_xl.winsetup install|uninstall", file=sys.stderr)
            code = Exit.USAGE
    except SetupError as exc:
        print(exc, file=sys.stderr)
        code = Exit.NOT_CLEAN
    if sys.stdin is not None and sys.stdin.isatty() and args[:1] == ["uninstall"]:
        # the Start-menu uninstaller's console closes with the process: let the clerk read it
        input("กด Enter เพื่อปิด / Press Enter to close ")
    raise SystemExit(int(code))


if __name__ == "__main__":
    main()
