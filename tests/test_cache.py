"""Issue 22: the per-user cache of prepared templates, compiled template code and the Thai word
set (``ita_xl.cache``) never changes a document: cold, warm, damaged, stale, misplaced, in a
folder that cannot be written or that belongs to someone else, and for a clerk's own templates.

Every run is a real ``python -m ita_xl generate`` process with its own cache folder
(``XDG_CACHE_HOME``, as a user's session sets it); documents are compared part by part, byte
for byte, against the documents of a run with the cache off.
"""
from __future__ import annotations

import io
import os
import shutil
import stat
import zipfile
from pathlib import Path

import pytest
from support.cli import cli_process
from support.compare_docs import differences
from support.documents import docx_text

from ita_xl import resources

KINDS = ("xml", "jinja", "words")


def _generate(out: Path, cache_home: Path | None, *extra, env: dict | None = None):
    env = dict(env or {})
    if cache_home is None:
        env["ITA_XL_CACHE"] = "off"
    else:
        env["XDG_CACHE_HOME"] = str(cache_home)
    proc = cli_process("generate", "--example", "-o", out, *extra, env=env)
    assert proc.returncode == 0, proc.stderr
    return sorted(out.glob("*.docx")), proc


def _entries(cache_home: Path) -> list[Path]:
    return sorted((cache_home / "ita-xl" / "prepared").glob("*.bin"))


def _same(a: list[Path], b: list[Path]) -> None:
    assert [p.name for p in a] == [p.name for p in b]
    for x, y in zip(a, b):
        assert differences(x, y) == [], (x.name, differences(x, y))


@pytest.fixture(scope="module")
def uncached(tmp_path_factory) -> list[Path]:
    """The documents of the bundled example with the cache off."""
    docs, proc = _generate(tmp_path_factory.mktemp("uncached") / "out", None)
    assert "แคช" not in proc.stderr and "cache" not in proc.stderr.lower()
    return docs


def test_cold_then_warm_cache_same_documents(tmp_path, uncached):
    home = tmp_path / "cache"
    cold, proc = _generate(tmp_path / "cold", home)
    assert "cache" not in proc.stderr.lower()
    entries = _entries(home)
    assert {p.name.split("-")[0] for p in entries} == set(KINDS)  # all three kinds stored
    folder = home / "ita-xl" / "prepared"
    if os.name == "posix":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # the user's alone
        assert all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in entries)
    _same(cold, uncached)
    before = {p: p.stat().st_mtime_ns for p in entries}
    warm, _ = _generate(tmp_path / "warm", home)
    _same(warm, uncached)
    # the warm run read the entries and rewrote none
    assert {p: p.stat().st_mtime_ns for p in _entries(home)} == before


def _damage(path: Path, how: str) -> None:
    blob = path.read_bytes()
    if how == "flip":  # one byte of the payload changed
        i = len(blob) - 7
        path.write_bytes(blob[:i] + bytes([blob[i] ^ 0xFF]) + blob[i + 1:])
    elif how == "truncate":
        path.write_bytes(blob[: len(blob) // 2])
    elif how == "empty":
        path.write_bytes(b"")
    else:  # garbage
        path.write_bytes(os.urandom(len(blob)))


@pytest.mark.parametrize("how", ["flip", "truncate", "empty", "garbage"])
def test_damaged_cache_same_documents_and_repaired(tmp_path, uncached, how):
    home = tmp_path / "cache"
    _generate(tmp_path / "first", home)
    good = {p.name: p.read_bytes() for p in _entries(home)}
    for path in _entries(home):
        _damage(path, how)
    docs, proc = _generate(tmp_path / "damaged", home)
    _same(docs, uncached)
    assert "cache" not in proc.stderr.lower()  # a damaged entry is a miss, not a problem
    # every entry was rebuilt as it was
    assert {p.name: p.read_bytes() for p in _entries(home)} == good


def test_stale_entries_are_not_used(tmp_path, uncached, monkeypatch):
    """A well-formed entry made for other content (an older template, another word list) under
    an entry's name is refused: each file repeats its own key, and the key is a hash of the
    content it was made from."""
    from ita_xl import cache

    home = tmp_path / "cache"
    _generate(tmp_path / "first", home)
    scratch = tmp_path / "scratch"
    with monkeypatch.context() as env:  # this process's cache, in a scratch folder
        env.setenv("ITA_XL_CACHE_DIR", str(scratch))
        cache.reset()
        try:
            for n, path in enumerate(_entries(home)):
                kind = path.name.split("-")[0]
                other = cache.key("some older content", str(n))
                # a valid entry (checksum right) whose payload is another entry's of the kind
                donor = next(p for p in _entries(home) if p.name.startswith(kind + "-"))
                cache.put(kind, other, donor.read_bytes()[-200:] if donor != path else b"old")
                assert cache.get(kind, other) is not None
                shutil.copy(scratch / f"{kind}-{other}.bin", path)
        finally:
            cache.reset()
    docs, _ = _generate(tmp_path / "stale", home)
    _same(docs, uncached)


def _edited_templates(folder: Path, old: str, new: str) -> Path:
    """A copy of the bundled templates with ``old`` replaced by ``new`` in the memo's body."""
    shutil.copytree(resources.templates_dir(), folder)
    memo = folder / "memo.docx"
    with zipfile.ZipFile(memo) as zin:
        parts = [(info, zin.read(info)) for info in zin.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in parts:
            if info.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            zout.writestr(info, data)
    memo.write_bytes(buf.getvalue())
    return folder


def test_clerks_own_templates_keyed_by_their_content(tmp_path, uncached):
    """A clerk's --templates get entries of their own: an edited template prints its edit with
    a cache full of the bundled template's entries, and the bundled one is not disturbed."""
    home = tmp_path / "cache"
    _generate(tmp_path / "bundled", home)
    word = "บันทึกข้อความ"
    own = _edited_templates(tmp_path / "own", word, "บันทึกข้อความทดสอบแคช")
    docs, _ = _generate(tmp_path / "own-out", home, "--templates", own)
    memo = next(p for p in docs if p.name.endswith("_memo.docx"))
    assert "บันทึกข้อความทดสอบแคช" in docx_text(memo)
    again, _ = _generate(tmp_path / "own-again", home, "--templates", own)  # warm: the same
    _same(again, docs)
    _same(_generate(tmp_path / "bundled-again", home)[0], uncached)


def _assert_bypassed(proc, why_en: str) -> None:
    err = proc.stderr
    assert err.count("หมายเหตุ: ใช้โฟลเดอร์แคช") == 1, err  # said once, Thai first
    assert err.index("หมายเหตุ") < err.index("Note: cannot use the cache folder")
    assert why_en in err, err


def test_unwritable_cache_folder_is_bypassed_with_a_message(tmp_path, uncached):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    docs, proc = _generate(tmp_path / "out", blocker)
    _same(docs, uncached)
    _assert_bypassed(proc, "cannot create it")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root writes to a read-only folder anyway")
def test_read_only_cache_folder_is_bypassed(tmp_path, uncached):
    folder = tmp_path / "cache" / "ita-xl" / "prepared"
    folder.mkdir(parents=True, mode=0o700)
    folder.chmod(0o500)
    try:
        docs, proc = _generate(tmp_path / "out", tmp_path / "cache")
    finally:
        folder.chmod(0o700)
    _same(docs, uncached)
    _assert_bypassed(proc, "not writable")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="needs root to give the folder to another user")
def test_another_users_cache_folder_is_never_used(tmp_path, uncached):
    """Compiled code is loaded only from a folder of this user's: a folder owned by another user
    is bypassed, even when it holds entries that would change the memo."""
    home = tmp_path / "cache"
    _generate(tmp_path / "first", home)
    folder = home / "ita-xl" / "prepared"
    # Poison it: the memo's prepared XML entries get a valid entry for an edited template.
    own = _edited_templates(tmp_path / "own", "บันทึกข้อความ", "ข้อความแปลกปลอม")
    other = tmp_path / "other"
    _generate(tmp_path / "own-out", other, "--templates", own)
    for path in (other / "ita-xl" / "prepared").glob("*.bin"):
        shutil.copy(path, folder / path.name)
    os.chown(folder, 65534, 65534)  # nobody
    try:
        docs, proc = _generate(tmp_path / "out", home)
    finally:
        os.chown(folder, 0, 0)
    _same(docs, uncached)
    _assert_bypassed(proc, "belongs to another user")


def test_folder_open_to_others_is_closed(tmp_path, uncached):
    folder = tmp_path / "cache" / "ita-xl" / "prepared"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    docs, proc = _generate(tmp_path / "out", tmp_path / "cache")
    _same(docs, uncached)
    if os.name == "posix":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert "cache" not in proc.stderr.lower()


def test_cache_off_is_quiet_and_writes_nothing(tmp_path, uncached):
    home = tmp_path / "cache"
    docs, proc = _generate(tmp_path / "out", home, env={"ITA_XL_CACHE": "off"})
    _same(docs, uncached)
    assert not (home / "ita-xl" / "prepared").exists()
    assert "cache" not in proc.stderr.lower()


def test_batch_with_an_unusable_cache_says_so_once_and_writes_the_same(tmp_path):
    """Workers are forked after the cache folder is decided: one note, not one per worker."""
    books = tmp_path / "in"
    books.mkdir()
    for n in range(3):
        shutil.copy(resources.example_workbook(), books / f"a{n}.xlsm")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    runs = {}
    for name, env in (("off", {"ITA_XL_CACHE": "off"}),
                      ("blocked", {"XDG_CACHE_HOME": str(blocker)})):
        proc = cli_process("batch", books, "-o", tmp_path / name, "--jobs", "2", "--force",
                           env=env)
        assert proc.returncode == 0, proc.stderr
        runs[name] = proc
    assert runs["blocked"].stderr.count("Note: cannot use the cache folder") == 1
    assert "cache" not in runs["off"].stderr.lower()
    off = sorted((tmp_path / "off").rglob("*.docx"))
    blocked = sorted((tmp_path / "blocked").rglob("*.docx"))
    assert len(off) == 6
    _same(blocked, off)
