"""MS-OVBA 2.4.3 "Data Encryption": the reversible scrambling behind PROJECT's CMG/DPB/GC.

It is not cryptography, only obfuscation: every byte is XORed with the sum of the previous
plain byte and the encrypted byte before last.  The output (2.4.3.1) is::

    Seed | VersionEnc | ProjKeyEnc | IgnoredEnc (0-3 bytes) | DataLengthEnc (4) | DataEnc

* ``Version`` is always 2; ``ProjKey`` is the byte-sum of the project's ``ID="{...}"`` GUID
  text, so the values are tied to the project ID (decrypting checks it).
* Excel picks ``Seed`` and the ignored bytes at random.  We fix them so the same project gives
  the same bytes every time; any seed is valid and ``(Seed & 6) / 2`` says how many ignored
  bytes follow (the CMG/DPB/GC grammar in 2.3.1.15-17 allows 0 to 3).

For an unprotected project (2.3.1.15-2.3.1.17) the plain values are: CMG = 4 zero bytes
(no protection flags), DPB = one 0x00 byte (no password), GC = 0xFF (project visible).
"""
from __future__ import annotations

import struct

#: Fixed seed.  Any byte is legal; 0x8D is the seed of xlwings' shipped quickstart workbook, a
#: file known to open in Excel, and gives (0x8D & 6) / 2 == 2 ignored bytes like most Office files.
DEFAULT_SEED = 0x8D
_VERSION = 2


def project_key(project_id: str) -> int:
    """``ProjKey``: the sum, modulo 256, of the bytes of the ``{GUID}`` text of ``ID=``."""
    return sum(project_id.encode("ascii")) & 0xFF


def encrypt(data: bytes, project_id: str, seed: int = DEFAULT_SEED) -> bytes:
    """Obfuscate ``data`` as 2.4.3.2 Encryption does, with a fixed seed; ignored bytes are 0."""
    key = project_key(project_id)
    version_enc = seed ^ _VERSION
    key_enc = seed ^ key
    out = bytearray([seed, version_enc, key_enc])
    plain1, enc1, enc2 = key, key_enc, version_enc  # UnencryptedByte1, EncryptedByte1, -2
    ignored = bytes((seed & 6) // 2)  # "any value" per the spec; zeros keep it stable
    for byte in ignored + struct.pack("<I", len(data)) + bytes(data):
        byte_enc = byte ^ ((enc2 + plain1) & 0xFF)
        out.append(byte_enc)
        enc2, enc1, plain1 = enc1, byte_enc, byte
    return bytes(out)


def decrypt(blob: bytes) -> tuple[int, bytes]:
    """2.4.3.3 Decryption: return ``(ProjKey, Data)``; raises ``ValueError`` if inconsistent."""
    if len(blob) < 7:
        raise ValueError("encrypted data is shorter than its fixed header")
    seed, version_enc, key_enc = blob[0], blob[1], blob[2]
    if seed ^ version_enc != _VERSION:
        raise ValueError("encrypted data does not carry version 2")
    key = seed ^ key_enc
    plain1, enc1, enc2 = key, key_enc, version_enc
    plain = bytearray()
    for byte_enc in blob[3:]:
        byte = byte_enc ^ ((enc2 + plain1) & 0xFF)
        plain.append(byte)
        enc2, enc1, plain1 = enc1, byte_enc, byte
    ignored = (seed & 6) // 2
    (length,) = struct.unpack_from("<I", plain, ignored)
    data = bytes(plain[ignored + 4:])
    if len(data) != length:
        raise ValueError(f"encrypted data says {length} bytes but holds {len(data)}")
    return key, data
