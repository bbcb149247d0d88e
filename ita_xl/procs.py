"""Process hygiene: nothing a run starts outlives it, and nothing it leaves on disk outlives the
next run.

* **Temporary folders and files carry their owner's process id** (``ita-xl-pdf-<pid>.<host>-…``,
  ``.ita-xl-batch-<pid>.<host>-…``, ``.~ita-<pid>.<host>-…``).  :func:`sweep` removes those whose owner is no
  longer running, so what a killed run left behind goes with the next run, and a run that is
  still going (another window, another clerk on a shared folder) is never disturbed.
* **Batch workers end with their parent** (:func:`die_with_parent`): on Linux the kernel kills
  them when the parent dies (``PR_SET_PDEATHSIG``); everywhere a thread in the worker watches
  the parent's sentinel (a pipe, or the process handle on Windows) and ends the worker.
* **LibreOffice runs under a guard** (:func:`start_guarded`): a small Python process that starts
  soffice in a process group of its own and holds a pipe from the parent.  When the pipe closes
  — the parent stopped it, or the parent died however it died, SIGKILL included — the guard
  kills soffice's whole group (soffice, oosplash, soffice.bin) and removes the folders it was
  given (the conversion's work folder, the private profile).
* :func:`handle_termination` turns SIGTERM and SIGHUP (a closed terminal) into ``SystemExit``,
  so ``finally`` blocks and ``atexit`` handlers run and the run cleans up after itself.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

# subprocess, signal and socket are imported where used: `generate` only sweeps temporary files.

__all__ = ["temp_dir", "temp_prefix", "sweep", "sweep_temp", "pid_alive", "die_with_parent",
           "start_guarded", "stop_guarded", "handle_termination"]

# <prefix><pid>.<host>-<random>: the names ita-xl gives its temporary folders and files.  The
# host part keeps a run on one computer from removing what a run on another computer is writing
# into a shared network folder (process ids mean nothing across computers).
_OWNED = re.compile(r"^(?:\.?ita-xl-[a-z]+-|\.~ita-)(\d+)\.([0-9a-f]{6})-")


def _hostname() -> str:
    if hasattr(os, "uname"):
        return os.uname().nodename  # what socket.gethostname() returns on POSIX, without socket
    import socket

    return socket.gethostname()


_HOST = hashlib.sha1(_hostname().encode("utf-8", "replace")).hexdigest()[:6]


def temp_prefix(prefix: str) -> str:
    """``prefix`` with this process's id and computer, for ``tempfile.mkdtemp``/``mkstemp``."""
    return f"{prefix}{os.getpid()}.{_HOST}-"


def temp_dir(prefix: str, folder: Path | str | None = None) -> Path:
    """A new temporary folder named for this process (in the system's temp folder by default)."""
    return Path(tempfile.mkdtemp(prefix=temp_prefix(prefix), dir=folder))


def pid_alive(pid: int) -> bool:
    """True when a process ``pid`` runs (or may run: when in doubt, keep its files)."""
    if pid <= 0:
        return True
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: someone else's process
        return True
    return True


def sweep(folder: Path | str) -> list[Path]:
    """Remove ita-xl's temporary folders and files in ``folder`` whose owner process is gone."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _OWNED.match(entry.name)
        if not match or match.group(2) != _HOST:
            continue
        pid = int(match.group(1))
        if pid == os.getpid() or pid_alive(pid):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(path)
            else:
                path.unlink()
            removed.append(path)
        except OSError:  # someone else's, or in use: leave it
            continue
    return removed


_swept_temp: set[str] = set()


def sweep_temp() -> None:
    """:func:`sweep` the system's temporary folder, once per process and folder."""
    folder = tempfile.gettempdir()
    if folder not in _swept_temp:
        _swept_temp.add(folder)
        sweep(folder)


# --- workers -------------------------------------------------------------------------------------
PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Make this (worker) process end when its parent ends, however the parent ends."""
    import multiprocessing
    import signal

    parent = multiprocessing.parent_process()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if parent is None:
        return
    if parent.pid is not None and os.getppid() != parent.pid and os.name == "posix":
        os._exit(1)  # the parent died before the line above took effect

    def watch() -> None:
        parent.join()  # returns when the parent's sentinel closes: the parent is gone
        os._exit(1)

    threading.Thread(target=watch, name="ita-xl-parent-watch", daemon=True).start()


# --- LibreOffice under a guard ---------------------------------------------------------------------
def start_guarded(cmd: Sequence[str], *, cleanup: Iterable[Path] = (), env=None,
                  stdout=None, stderr=None) -> subprocess.Popen:
    """Start ``cmd`` under a guard process (see the module text); returns the guard's Popen.

    The guard's exit code is the command's (128+N when a signal N ended it).  Stop it early with
    :func:`stop_guarded`.  A frozen application (no Python to run the guard with) starts the
    command directly in a process group of its own.
    """
    import subprocess

    group: dict = ({"start_new_session": True} if os.name == "posix" else
                   {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)})
    if getattr(sys, "frozen", False):
        return subprocess.Popen(list(cmd), stdin=subprocess.DEVNULL, stdout=stdout,
                                stderr=stderr, env=env, **group)
    argv = [sys.executable, "-m", "ita_xl.procs"]
    for folder in cleanup:
        argv += ["--cleanup", str(folder)]
    argv += ["--", *cmd]
    return subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=stdout, stderr=stderr, env=env,
                            **group)


def stop_guarded(proc: subprocess.Popen, wait: float = 15.0) -> None:
    """Stop a guarded command now: the guard kills the command's process group and exits."""
    import subprocess

    if proc.stdin is not None:
        try:
            proc.stdin.close()  # the guard's signal
        except OSError:
            pass
    else:
        _kill_group(proc.pid)
    try:
        proc.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        _kill_group(proc.pid)
        proc.kill()
        proc.wait()


def _kill_group(pid: int) -> None:
    import signal
    import subprocess

    try:
        if os.name == "posix":
            os.killpg(pid, signal.SIGKILL)
        else:
            subprocess.run(["taskkill", "/F", "/T", "/PID", str(pid)], capture_output=True,
                           check=False)
    except OSError:
        pass


def _guard(argv: list[str]) -> int:
    """The guard: ``python -m ita_xl.procs [--cleanup DIR]… -- COMMAND…``.

    It runs in a session of its own (see :func:`start_guarded`), so a terminal's Ctrl-C or
    hang-up reaches the parent only, and the parent decides through the pipe.
    """
    import subprocess

    cleanup: list[str] = []
    while argv and argv[0] == "--cleanup":
        cleanup.append(argv[1])
        argv = argv[2:]
    cmd = argv[1:] if argv and argv[0] == "--" else argv
    group: dict = ({"start_new_session": True} if os.name == "posix" else
                   {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)})
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, **group)
    stopped = threading.Event()

    def watch() -> None:
        try:  # the raw descriptor: a buffered stdin's lock would stop interpreter shutdown
            while os.read(0, 1024):
                pass
        except OSError:
            pass
        stopped.set()
        if proc.poll() is None:
            _kill_group(proc.pid)
            proc.kill()
        proc.wait()
        for folder in cleanup:
            shutil.rmtree(folder, ignore_errors=True)
        os._exit(137)

    threading.Thread(target=watch, daemon=True).start()
    code = proc.wait()
    if stopped.is_set():  # the watcher is cleaning up and ends the process
        threading.Event().wait()
    return code if code >= 0 else 128 - code


# --- the main process ------------------------------------------------------------------------------
def handle_termination() -> None:
    """SIGTERM and SIGHUP end the run like an error would: cleanup code runs.

    Only from the main thread (signal handlers can be set nowhere else).
    """
    import signal

    if threading.current_thread() is not threading.main_thread():
        return

    def leave(signum, frame):
        raise SystemExit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), leave)


if __name__ == "__main__":  # the guard
    sys.exit(_guard(sys.argv[1:]))
