"""A per-user cache, across processes, of what ita-xl computes from shipped files alone.

Every run used to redo work whose inputs rarely change: docxtpl's clean-up of each template
part's XML (``patch_xml``), Jinja's compilation of that XML into Python code, and the Thai word
list sorted and grouped for lookups (:mod:`ita_xl.thaiwords`) — together a sixth of a ``generate`` process.  Here each
result is kept in a file and read back by the next process.

How it stays safe:

* **Keyed by content.**  An entry's key is a SHA-256 of everything the result depends on: the
  input itself (the part's XML as the template holds it, the word list's bytes) and the versions
  of the code that computed it.  A changed template — bundled, rebuilt by the builder, or a
  clerk's own under ``--templates`` — has another key, so an entry is never stale by design.
  The file repeats its key and carries a SHA-256 of its payload: a damaged, truncated or
  misplaced entry is a miss, rebuilt and replaced, never used.
* **One user's.**  The folder is ``prepared`` in the user's own cache folder
  (``$XDG_CACHE_HOME/ita-xl`` or ``~/.cache/ita-xl``; ``%LOCALAPPDATA%\\ita-xl`` on Windows),
  made with mode 0700.  Compiled code read from it runs in this process, so on POSIX
  it is used only when it is a real folder (not a link) owned by this user that no one else can
  write to.
* **Never in the way.**  A folder that cannot be made, written or trusted is bypassed: one
  message on stderr (Thai, then English) and everything is computed as before — the documents
  are the same either way.  ``ITA_XL_CACHE=off`` turns the cache off quietly;
  ``ITA_XL_CACHE_DIR`` puts it in another folder.

The folder is found by hand (a few lines) rather than with platformdirs: one more dependency in
the Windows bundle for a path the font cache (:mod:`ita_xl.fonts`) already used.
"""
from __future__ import annotations

import hashlib
import os
import stat
import sys
import tempfile
from pathlib import Path

#: Format of an entry file; bumped when the layout below changes.
MAGIC = b"ita-xl cache 1\n"
_DIGEST = 32  # bytes of a SHA-256
#: Entries kept at most (oldest removed first); a clerk editing templates makes new ones.
MAX_ENTRIES = 400

_state: dict[str, object] = {}  # "folder": Path | None once decided; "said": message shown


def user_folder() -> Path:
    """ita-xl's folder in the user's cache folder: ``$XDG_CACHE_HOME/ita-xl``, else
    ``%LOCALAPPDATA%\\ita-xl`` on Windows, else ``~/.cache/ita-xl`` (fonts are cached there too)."""
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
            base = os.environ["LOCALAPPDATA"]
        else:
            base = str(Path.home() / ".cache")
    return Path(base) / "ita-xl"


def key(*parts: str | bytes) -> str:
    """The SHA-256 (hex) of ``parts``, each length-prefixed so no two lists give the same."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def folder() -> Path | None:
    """The folder entries live in, or None when the cache is off or cannot be used (said once)."""
    if "folder" in _state:
        return _state["folder"]  # type: ignore[return-value]
    chosen: Path | None = None
    if os.environ.get("ITA_XL_CACHE", "").strip().lower() not in {"off", "0", "no", "false"}:
        where = Path(os.environ.get("ITA_XL_CACHE_DIR") or user_folder() / "prepared")
        problem = private_folder(where)
        if problem is None:
            chosen = where
        else:
            _say(where, problem)
    _state["folder"] = chosen
    return chosen


def reset() -> None:
    """Decide the folder again at the next use (after the environment changed; for tests)."""
    _state.clear()


def private_folder(where: Path) -> tuple[str, str] | None:
    """Make ``where`` (mode 0700) and say why it cannot hold what only this user may write —
    cached code, a LibreOffice profile — (Thai, English), or None when it can."""
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        info = os.lstat(where)
    except OSError as exc:
        return "สร้างโฟลเดอร์ไม่ได้", f"cannot create it: {exc.strerror or exc}"
    if not stat.S_ISDIR(info.st_mode):
        return "ไม่ใช่โฟลเดอร์", "it is not a folder (a link or a file)"
    if hasattr(os, "geteuid"):
        if info.st_uid != os.geteuid():
            return ("เป็นของผู้ใช้อื่น", f"it belongs to another user (uid {info.st_uid}); "
                    "code is never loaded from a folder someone else controls")
        if stat.S_IMODE(info.st_mode) & 0o077:
            try:  # ours but open to others (e.g. made by hand): close it
                os.chmod(where, 0o700)
            except OSError as exc:
                return "ผู้ใช้อื่นเขียนได้", f"other users can write to it ({exc.strerror or exc})"
    try:  # really writable? (root ignores the mode bits, a read-only disk does not)
        fd, probe = tempfile.mkstemp(prefix=".probe-", dir=where)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        return "เขียนไม่ได้", f"it is not writable: {exc.strerror or exc}"
    return None


def _say(where: Path, problem: tuple[str, str]) -> None:
    if _state.get("said") or sys.stderr is None:
        return
    _state["said"] = True
    th, en = problem
    try:
        sys.stderr.write(
            f"หมายเหตุ: ใช้โฟลเดอร์แคช {where} ไม่ได้ ({th}) จึงทำงานต่อโดยไม่ใช้แคช "
            "เอกสารที่ได้เหมือนเดิม แต่ช้าลงเล็กน้อย "
            "(กำหนด ITA_XL_CACHE_DIR เป็นโฟลเดอร์ที่เขียนได้ "
            "หรือ ITA_XL_CACHE=off เพื่อปิดข้อความนี้)\n"
            f"Note: cannot use the cache folder {where} ({en}); going on without the cache: "
            "the same documents, a little slower (set ITA_XL_CACHE_DIR to a writable folder, or "
            "ITA_XL_CACHE=off to silence this).\n")
    except (OSError, ValueError):
        pass


def _path(kind: str, entry_key: str) -> Path | None:
    where = folder()
    return None if where is None else where / f"{kind}-{entry_key}.bin"


def get(kind: str, entry_key: str) -> bytes | None:
    """The payload stored for ``entry_key``, or None (no entry, damaged, another key, no cache)."""
    path = _path(kind, entry_key)
    if path is None:
        return None
    try:
        with open(path, "rb") as fh:
            blob = fh.read()
    except OSError:
        return None
    head = MAGIC + entry_key.encode("ascii") + b"\n"
    if not blob.startswith(head) or len(blob) < len(head) + _DIGEST:
        return None
    digest, payload = blob[len(head):len(head) + _DIGEST], blob[len(head) + _DIGEST:]
    if hashlib.sha256(payload).digest() != digest:
        return None
    return payload


def put(kind: str, entry_key: str, payload: bytes) -> None:
    """Store ``payload`` for ``entry_key`` (atomically: readers see the old file or the new)."""
    path = _path(kind, entry_key)
    if path is None:
        return
    blob = MAGIC + entry_key.encode("ascii") + b"\n" + hashlib.sha256(payload).digest() + payload
    try:
        fd, tmp = tempfile.mkstemp(prefix=".new-", dir=path.parent)
    except OSError as exc:  # the folder went away or became read-only since it was checked
        _state["folder"] = None
        _say(path.parent, ("เขียนไม่ได้", f"it is not writable: {exc.strerror or exc}"))
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)  # another process writing the same entry writes the same bytes
    except OSError:  # disk full, or (Windows) the entry is open in another process: skip it
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return
    _prune(path.parent)


def _prune(where: Path) -> None:
    """Keep at most MAX_ENTRIES entries: the least recently written go first."""
    try:
        entries = [e for e in os.scandir(where) if e.name.endswith(".bin")]
        if len(entries) <= MAX_ENTRIES:
            return
        entries.sort(key=lambda e: e.stat().st_mtime)
        for entry in entries[:len(entries) - MAX_ENTRIES]:
            os.unlink(entry.path)
    except OSError:
        pass
