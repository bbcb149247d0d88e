"""The Windows lane's machinery: the bundle, unpacked into one Wine prefix per test session.

Wine runs the bundle's own Windows CPython (python.exe, pythonw.exe, cmd.exe of Wine).  The
prefix lives in a temporary folder removed at the end of the session (after ``wineserver -k``,
so no Wine process outlives the tests).  The bundle is built once per session with
``ita_xl.builder.windows`` from downloads cached in ``$ITA_XL_BUNDLE_CACHE`` (default
``~/.cache/ita-xl/windows-bundle``).

Wine's stdout must be a pipe: a Windows Python given a Unix file as stdout fails to start.
``LC_ALL`` chooses the ANSI code page Wine reports: ``C.UTF-8`` → cp1252 (most Windows),
``th_TH.UTF-8`` → cp874 (Thai Windows).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
import zipfile
from pathlib import Path, PureWindowsPath

WINE_ENV = {"WINEDEBUG": "-all", "WINEARCH": "win64",
            # no Mono/Gecko install dialogs (nothing here needs .NET or HTML), and no Linux menu
            # entries for the shortcuts the installer makes
            "WINEDLLOVERRIDES": "mscoree,mshtml=;winemenubuilder.exe=d"}
BUNDLE_DIR = "C:\\ita-xl"
ARGS_FILE = "C:\\arguments.json"


def wine_available() -> bool:
    return bool(shutil.which("wine") and shutil.which("osslsigncode"))


def cache_dir() -> Path:
    return Path(os.environ.get("ITA_XL_BUNDLE_CACHE")
                or Path.home() / ".cache" / "ita-xl" / "windows-bundle")


#: The Windows user of the lane: a clerk's Thai name with a space (Wine takes it from $USER), so
#: the profile, Documents, %LOCALAPPDATA% and %TEMP% paths are Thai.
USER = "สมชาย ใจดี"


class Wine:
    def __init__(self, zip_path: Path, user: str = USER):
        self.root = Path(tempfile.mkdtemp(prefix="wine-ita-"))
        self.user = user
        self.prefix = self.root / "prefix"
        # Wine links the prefix's Desktop and Documents to $HOME's: a private home keeps the
        # installer's tracker and shortcuts inside the session folder.
        home = self.root / "home"
        home.mkdir()
        self.env = {**os.environ, **WINE_ENV, "WINEPREFIX": str(self.prefix), "LC_ALL": "C.UTF-8",
                    "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
                    "XDG_DATA_HOME": str(home / ".local" / "share"), "USER": user,
                    "LOGNAME": user}
        self.env.pop("PYTHONPATH", None)  # the Linux checkout's path means nothing to Windows
        self._call(["wineboot", "--init"])
        self._call(["wineserver", "-w"])
        with zipfile.ZipFile(zip_path) as z:
            top = z.namelist()[0].split("/")[0]
            z.extractall(self.root / "unzip")
        shutil.move(self.root / "unzip" / top, self.unix(BUNDLE_DIR))
        # One Wine session for the whole lane, its daemons started here with no pipes of ours:
        # a wineserver, services (COM's rpcss among them) or the desktop's explorer.exe started
        # during a test's run would inherit that run's stdout pipe and, outliving it (a process
        # that holds a file open keeps the session up), leave the test waiting for EOF forever.
        self._call(["wineserver", "-p"])  # persists until close()
        # A process on the desktop for the whole session keeps explorer.exe (the desktop, which
        # COM and pywin32 start on first use) from starting again inside a test's run.
        self._keeper = subprocess.Popen(
            ["wine", self.python, "-c",
             "import ctypes, sys; ctypes.windll.user32.GetDesktopWindow(); "
             "print('up', flush=True); sys.stdin.read()"],
            env=self.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL)
        assert self._keeper.stdout.readline().strip() == b"up"
        self._keeper.stdout.close()

    def _call(self, args: list[str]) -> None:
        subprocess.run(args, env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=300, check=True)

    def wait_for(self, condition, what: str, timeout: float = 60) -> None:
        """Until condition() holds (a detached Windows process finishing its work)."""
        import time

        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, f"waited {timeout:.0f} s for {what}"
            time.sleep(0.1)

    def close(self) -> None:
        self._keeper.stdin.close()
        subprocess.run(["wineserver", "-k"], env=self.env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)

    def unix(self, windows_path: str) -> Path:
        """The Linux path of C:\\…."""
        p = PureWindowsPath(windows_path)
        assert p.drive.upper() == "C:", windows_path
        return self.prefix / "drive_c" / Path(*p.parts[1:])

    @property
    def python(self) -> str:
        return BUNDLE_DIR + "\\python\\python.exe"

    @property
    def pythonw(self) -> str:
        return BUNDLE_DIR + "\\python\\pythonw.exe"

    def run(self, args: list[str], *, exe: str | None = None, lc: str = "C.UTF-8",
            env: dict[str, str] | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
        """args under Windows Python (default python.exe) with stdout and stderr piped.

        Wine converts a Unix command line with the Unix locale's charset, and th_TH.UTF-8 (the
        way to get cp874) is not installed on a CI machine, so Thai arguments would arrive
        garbled.  They travel in a UTF-8 file instead: a launcher (python.exe, ASCII command
        line) starts the program with them through CreateProcess, handing down the pipes."""
        self.unix(ARGS_FILE).write_text(json.dumps([exe or self.python, *args]), encoding="utf-8")
        launcher = ("import json, subprocess, sys; a = json.load(open(r'%s', encoding='utf-8')); "
                    "sys.exit(subprocess.run(a).returncode)" % ARGS_FILE)
        full_env = {**self.env, "LC_ALL": lc, **(env or {})}
        return _run_until_exit(["wine", self.python, "-c", launcher], full_env, timeout)

    def ita(self, *args: str, **kw) -> subprocess.CompletedProcess:
        return self.run(["-m", "ita_xl", *args], **kw)

    def shell(self, command_line: str, *, lc: str = "C.UTF-8",
              timeout: int = 300) -> subprocess.CompletedProcess:
        """command_line started as Windows starts it (CreateProcess with that exact line, as
        VBA's WScript.Run does); handed over in a file so no quoting of ours touches it."""
        line = self.unix("C:\\commandline.txt")
        line.write_text(command_line, encoding="utf-16")
        # Our pipes are handed on explicitly (Python does not let a child inherit handles it is
        # not given): what the command prints reaches the test.
        helper = ("import subprocess, sys; line = open(r'C:\\commandline.txt', encoding='utf-16')"
                  ".read(); sys.exit(subprocess.run(line, creationflags=0x08000000, "
                  "stdin=subprocess.DEVNULL, stdout=sys.stdout, stderr=sys.stderr).returncode)")
        return self.run(["-c", helper], lc=lc, timeout=timeout)

    def python_out(self, code: str, *args: str, exe: str | None = None,
                   lc: str = "C.UTF-8") -> str:
        """What a bit of Windows Python prints (UTF-8 whatever the code page)."""
        proc = self.run(["-c", code, *args], exe=exe, lc=lc, env={"PYTHONIOENCODING": "utf-8"})
        assert proc.returncode == 0, proc.stderr.decode("utf-8", errors="replace")
        return proc.stdout.decode("utf-8")

    def environ(self, name: str) -> str:
        """A variable of the Windows environment (%LOCALAPPDATA%, %TEMP%, …)."""
        return self.python_out("import os, sys; print(os.environ[sys.argv[1]])", name).strip()

    def expand(self, text: str) -> str:
        """%VARIABLES% expanded as Windows (and xlwings' ExpandEnvironmentStrings) does."""
        return self.python_out("import sys, win32api; "
                               "print(win32api.ExpandEnvironmentStrings(sys.argv[1]))",
                               text).strip()

    def registry(self, key: str, root: str = "HKEY_CURRENT_USER") -> dict | None:
        """The values of a registry key (None: no such key)."""
        code = ("import json, sys, winreg\n"
                "try:\n"
                "    k = winreg.OpenKey(getattr(winreg, sys.argv[2]), sys.argv[1])\n"
                "except OSError:\n"
                "    print('null'); sys.exit()\n"
                "out, i = {}, 0\n"
                "while True:\n"
                "    try:\n"
                "        name, value, _ = winreg.EnumValue(k, i)\n"
                "    except OSError:\n"
                "        break\n"
                "    out[name] = value; i += 1\n"
                "print(json.dumps(out))\n")
        return json.loads(self.python_out(code, key, root))

    def start(self, code: str, name: str) -> subprocess.Popen:
        """Windows Python running ``code`` in the background (e.g. holding a file as Excel
        does) until :meth:`stop`; returns once the code has printed its first line."""
        script = f"C:\\{name}.py"
        self.unix(script).write_text(code + "\nimport sys\nsys.stdin.readline()\n",
                                     encoding="utf-8")
        proc = subprocess.Popen(["wine", self.python, script], env=self.env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        first = proc.stdout.readline()
        assert first.strip(), proc.stderr.read().decode("utf-8", errors="replace")
        return proc

    @staticmethod
    def stop(proc: subprocess.Popen) -> None:
        proc.stdin.close()
        proc.wait(timeout=60)


def _run_until_exit(args: list[str], env: dict[str, str], timeout: float,
                    grace: float = 10) -> subprocess.CompletedProcess:
    """subprocess.run, but done when the process exits, not when its pipes close.

    A Wine daemon started during the run (explorer.exe /desktop, rpcss for COM) inherits the
    run's stdout and stderr and outlives it: waiting for EOF, as subprocess.run does, then waits
    until the timeout although the program has long finished (seen: a 600 s hang in
    test_pdf_through_word_to_a_locked_target).  Everything the program wrote is in the pipe once
    it has exited, so the readers get it within the grace period; the pipes are then left to
    the stray process."""
    proc = subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    chunks: dict[str, list[bytes]] = {"out": [], "err": []}

    def drain(stream, into: list[bytes]) -> None:
        for block in iter(lambda: stream.read1(65536), b""):
            into.append(block)

    readers = [threading.Thread(target=drain, args=(proc.stdout, chunks["out"]), daemon=True),
               threading.Thread(target=drain, args=(proc.stderr, chunks["err"]), daemon=True)]
    for r in readers:
        r.start()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise
    for r in readers:
        r.join(grace)
    return subprocess.CompletedProcess(args, proc.returncode, b"".join(chunks["out"]),
                                       b"".join(chunks["err"]))
