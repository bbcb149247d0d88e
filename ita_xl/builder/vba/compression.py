"""MS-OVBA 2.4.1 compression: the run-length/LZ77 scheme VBA uses for ``dir`` and module streams.

A *CompressedContainer* (2.4.1.1.1) is one signature byte ``0x01`` followed by chunks.  Every
chunk encodes at most 4096 bytes of the *DecompressedBuffer* and starts with a two-byte header
(2.4.1.1.5)::

    bits 0-11   CompressedChunkSize  = (bytes in the chunk, header included) - 3
    bits 12-14  CompressedChunkSignature = 0b011
    bit  15     CompressedChunkFlag  = 1 compressed tokens follow, 0 a raw 4096-byte copy follows

A compressed chunk is a run of *TokenSequences* (2.4.1.1.7): one flag byte, then up to eight
tokens; bit *i* of the flag byte (least significant first) says whether token *i* is a literal
byte (0) or a two-byte little-endian *CopyToken* (1) that repeats ``Length`` bytes found
``Offset`` bytes back.  How the 16 bits split between offset and length depends on how far we
are into the chunk (2.4.1.3.19.1 "CopyToken Help"): the further in, the more offset bits.

``compress`` follows the spec's algorithm (2.4.1.3.6 - 2.4.1.3.10 and the Matching routine
2.4.1.3.19.4) step for step, so it reproduces the worked examples of section 3.2 byte for byte.
The only liberty taken is speed: Matching in the spec tries *every* earlier position of the
chunk; we only try positions that start with the same three bytes (a match shorter than three
bytes is never used, 2.4.1.3.19.4), in the same nearest-first order and with the same
"strictly longer wins" rule, so the chosen (offset, length) pair is identical.
"""
from __future__ import annotations

import struct

CHUNK_SIZE = 4096
#: Largest chunk on disk: 2 header bytes + 4096 data bytes (2.4.1.1.4).
MAX_COMPRESSED_CHUNK = 4098
_SIGNATURE_BITS = 0b011 << 12
_RAW_HEADER = _SIGNATURE_BITS | (MAX_COMPRESSED_CHUNK - 3)  # flag 0, size field 4095


def copy_token_help(difference: int) -> tuple[int, int, int, int]:
    """MS-OVBA 2.4.1.3.19.1: split of a CopyToken at ``difference`` bytes into the chunk.

    Returns ``(length_mask, offset_mask, bit_count, maximum_length)``.  ``bit_count`` is the
    number of *offset* bits: just enough to reach back to the chunk start, and never fewer
    than 4.  The remaining ``16 - bit_count`` bits hold ``length - 3``, hence
    ``maximum_length = (0xFFFF >> bit_count) + 3`` (a known bad port writes
    ``0xFFFF << bit_count + 3``; the test suite pins the right values).
    """
    bit_count = max((difference - 1).bit_length(), 4)  # == max(ceil(log2(difference)), 4)
    length_mask = 0xFFFF >> bit_count
    offset_mask = ~length_mask & 0xFFFF
    maximum_length = (0xFFFF >> bit_count) + 3
    return length_mask, offset_mask, bit_count, maximum_length


def compress(data: bytes) -> bytes:
    """Return ``data`` as an MS-OVBA CompressedContainer (2.4.1.3.6 Compression algorithm).

    Caveat inherited from the spec (2.4.1.3.10): a chunk that does not shrink is stored raw and
    a raw chunk always holds 4096 bytes, so an incompressible *final* chunk shorter than 4096
    bytes is padded with 0x00 and would decompress longer than it went in.  VBA source never
    hits this (text compresses); ``build_vba_project`` checks the round trip anyway.
    """
    data = bytes(data)
    out = bytearray(b"\x01")  # SignatureByte
    for start in range(0, len(data), CHUNK_SIZE):
        out += _compress_chunk(data, start, min(start + CHUNK_SIZE, len(data)))
    return bytes(out)


def _compress_chunk(data: bytes, start: int, end: int) -> bytes:
    """2.4.1.3.7 Compressing a DecompressedChunk ``data[start:end]``; returns header + data."""
    # Positions are relative to the chunk's first data byte (just after the 2-byte header), so
    # the spec's CompressedEnd (CompressedChunkStart + 4098) is ``limit`` here.
    limit = CHUNK_SIZE
    body = bytearray()
    ccur = 0  # CompressedCurrent
    dcur = start  # DecompressedCurrent
    prefixes: dict[bytes, list[int]] = {}  # 3-byte prefix -> earlier positions, ascending
    indexed = start  # every position below this is in ``prefixes``

    while dcur < end and ccur < limit:  # 2.4.1.3.8 Compressing a TokenSequence
        flag_index = ccur
        body.append(0)
        ccur += 1
        flags = 0
        for bit in range(8):
            if not (dcur < end and ccur < limit):
                break
            # 2.4.1.3.9 Compressing a Token
            while indexed < dcur:
                if indexed + 3 <= end:
                    prefixes.setdefault(data[indexed:indexed + 3], []).append(indexed)
                indexed += 1
            offset, length = _match(data, start, dcur, end, prefixes)
            if offset:
                if ccur + 1 < limit:
                    _, _, bit_count, _ = copy_token_help(dcur - start)
                    token = ((offset - 1) << (16 - bit_count)) | (length - 3)  # 2.4.1.3.19.3
                    body += struct.pack("<H", token)
                    flags |= 1 << bit
                    ccur += 2
                    dcur += length
                else:
                    ccur = limit  # no room for a 2-byte token: this chunk goes raw
            else:
                body.append(data[dcur])  # literal token (ccur < limit was checked above)
                ccur += 1
                dcur += 1
        body[flag_index] = flags

    if dcur < end:  # did not fit in 4096 bytes: 2.4.1.3.10 Compressing a RawChunk
        raw = data[start:end]
        return struct.pack("<H", _RAW_HEADER) + raw + b"\x00" * (CHUNK_SIZE - len(raw))
    size = len(body) + 2  # CompressedCurrent - CompressedChunkStart, header included
    return struct.pack("<H", 0x8000 | _SIGNATURE_BITS | (size - 3)) + bytes(body)


def _match(data: bytes, chunk_start: int, dcur: int, end: int,
           prefixes: dict[bytes, list[int]]) -> tuple[int, int]:
    """2.4.1.3.19.4 Matching: longest earlier match in the chunk, nearest one on a tie.

    Returns ``(offset, length)`` or ``(0, 0)`` when no match of at least 3 bytes exists.  The
    best length is measured *uncapped* (the copy may run into the bytes it produces, which is
    how 73 'a's become one literal and one token) and only then capped at MaximumLength.
    """
    if dcur + 3 > end:
        return 0, 0
    candidates = prefixes.get(data[dcur:dcur + 3])
    if not candidates:
        return 0, 0
    longest_possible = end - dcur
    best_length, best_candidate = 0, -1
    for candidate in reversed(candidates):  # nearest first, as the spec walks backwards
        # Cheap rejection: a candidate only matters if it beats best_length strictly.
        probe = best_length + 1
        if data[candidate:candidate + probe] != data[dcur:dcur + probe]:
            continue
        length = probe
        while length < longest_possible:
            step = min(256, longest_possible - length)
            a, b = candidate + length, dcur + length
            if data[a:a + step] == data[b:b + step]:
                length += step
                continue
            while data[candidate + length] == data[dcur + length]:
                length += 1
            break
        best_length, best_candidate = length, candidate
        if length == longest_possible:
            break  # nothing further back can be strictly longer
    if best_length < 3:
        return 0, 0
    _, _, _, maximum_length = copy_token_help(dcur - chunk_start)
    return dcur - best_candidate, min(best_length, maximum_length)


def decompress(data: bytes) -> bytes:
    """Decode an MS-OVBA CompressedContainer (2.4.1.3.1 Decompression algorithm).

    Raises ``ValueError`` on a bad signature byte, a bad chunk signature, a raw chunk whose size
    field is not 4098, or a CopyToken reaching before the start of its chunk.  A raw chunk cut
    short by the end of the container yields the bytes that are there (Office-written files
    never do this; being lenient matches olevba and costs nothing).
    """
    data = bytes(data)
    if not data or data[0] != 0x01:
        raise ValueError("not an MS-OVBA compressed container: first byte must be 0x01")
    out = bytearray()
    pos = 1
    while pos < len(data):  # 2.4.1.3.2 Decompressing a CompressedChunk
        if pos + 2 > len(data):
            raise ValueError(f"truncated chunk header at offset {pos}")
        (header,) = struct.unpack_from("<H", data, pos)
        size = (header & 0x0FFF) + 3
        if (header >> 12) & 0b111 != 0b011:
            raise ValueError(f"bad CompressedChunkSignature at offset {pos}")
        chunk_end = min(pos + size, len(data))
        if not header & 0x8000:  # 2.4.1.3.3 Decompressing a RawChunk
            if size != MAX_COMPRESSED_CHUNK:
                raise ValueError(f"raw chunk at offset {pos} must have size 4098, not {size}")
            out += data[pos + 2:pos + 2 + CHUNK_SIZE]
            pos += 2 + CHUNK_SIZE
            continue
        chunk_start = len(out)  # DecompressedChunkStart
        pos += 2
        while pos < chunk_end:  # 2.4.1.3.4 Decompressing a TokenSequence
            flags = data[pos]
            pos += 1
            for bit in range(8):
                if pos >= chunk_end:
                    break
                if not flags & (1 << bit):
                    out.append(data[pos])
                    pos += 1
                    continue
                if pos + 2 > chunk_end:
                    raise ValueError(f"truncated CopyToken at offset {pos}")
                (token,) = struct.unpack_from("<H", data, pos)
                pos += 2
                length_mask, offset_mask, bit_count, _ = copy_token_help(len(out) - chunk_start)
                length = (token & length_mask) + 3  # 2.4.1.3.19.2 Unpack CopyToken
                offset = ((token & offset_mask) >> (16 - bit_count)) + 1
                source = len(out) - offset
                if source < chunk_start:
                    raise ValueError(f"CopyToken at offset {pos - 2} reaches before its chunk")
                for i in range(length):  # byte by byte: the copy may overlap its own output
                    out.append(out[source + i])
    return bytes(out)
