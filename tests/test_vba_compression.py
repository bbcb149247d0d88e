"""MS-OVBA 2.4.1 compression: the spec's worked examples, and hard inputs checked by olevba too.

The examples are [MS-OVBA] 3.2.1-3.2.3.  Note 3.2.2's text is
``...mnopq`` + 12 x ``a`` + ``rstuvwxyz`` + ``aaa`` and 3.2.3 is 73 (0x49) ``a``s.
"""
from __future__ import annotations

import random

import pytest

from ita_xl.builder.vba import compress, decompress
from ita_xl.builder.vba.compression import copy_token_help

olevba = pytest.importorskip("oletools.olevba")

SPEC_EXAMPLES = {
    "3.2.1 no compression": (
        b"abcdefghijklmnopqrstuv.",
        "01 19 B0 00 61 62 63 64 65 66 67 68 00 69 6A 6B 6C 6D 6E 6F 70 00 71 72 73 74 75 76 2E",
    ),
    "3.2.2 normal compression": (
        b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa",
        "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C 00 20"
        " 6D 6E 6F 70 06 71 02 70 04 00 72 73 74 75 76 10 77 78 79 7A 00 2C",
    ),
    "3.2.3 maximum compression": (b"a" * 73, "01 03 B0 02 61 45 00"),
}


@pytest.mark.parametrize("name", SPEC_EXAMPLES)
def test_spec_example_compresses_byte_exact(name):
    plain, packed = SPEC_EXAMPLES[name]
    assert compress(plain) == bytes.fromhex(packed)


@pytest.mark.parametrize("name", SPEC_EXAMPLES)
def test_spec_example_decompresses_byte_exact(name):
    plain, packed = SPEC_EXAMPLES[name]
    assert decompress(bytes.fromhex(packed)) == plain
    assert bytes(olevba.decompress_stream(bytearray.fromhex(packed))) == plain


@pytest.mark.parametrize("difference, bit_count, maximum_length", [
    (1, 4, 4098), (16, 4, 4098), (17, 5, 2050), (32, 5, 2050), (33, 6, 1026),
    (2048, 11, 34), (2049, 12, 18), (4095, 12, 18),
])
def test_copy_token_help_matches_spec_formula(difference, bit_count, maximum_length):
    # 2.4.1.3.19.1: BitCount = max(ceil(log2(difference)), 4);
    # MaximumLength = (0xFFFF >> BitCount) + 3 -- not (0xFFFF << BitCount + 3).
    length_mask, offset_mask, bits, max_len = copy_token_help(difference)
    assert (bits, max_len) == (bit_count, maximum_length)
    assert length_mask == 0xFFFF >> bit_count
    assert offset_mask == 0xFFFF ^ length_mask


def _random_text(rng: random.Random, size: int) -> bytes:
    words = [b"Dim", b"As", b"Long", b"String", b"End", b"Sub", b"If", b"Then", b"Else",
             b"ws.Range(\"A1\")", b"i", b"=", b"+", b"1", b"'", b"\r\n", b"    "]
    out = bytearray()
    while len(out) < size:
        out += rng.choice(words) + b" "
    return bytes(out[:size])


def _hard_inputs():
    rng = random.Random(20240601)  # fixed: the same inputs on every run
    noise = lambda n: bytes(rng.getrandbits(8) for _ in range(n))  # noqa: E731
    return {
        "empty": b"",
        "one byte": b"x",
        "10000 identical bytes": b"a" * 10000,
        "4096 identical": b"z" * 4096,
        "4097 identical": b"z" * 4097,
        "run then break at chunk end": (b"a" * 4095 + b"b") * 3,
        "period 3 across chunks": b"abc" * 5000,
        "long repeated text": b"Sub Foo()\r\n    x = x + 1\r\nEnd Sub\r\n" * 700,
        "random 4096 (one raw chunk)": noise(4096),
        "random 4097 (raw + 1 byte)": noise(4097),
        "random 8192 (two raw chunks)": noise(8192),
        "random then repeats": noise(3000) + b"x" * 6000 + noise(100),
        "repeats then random tail": b"ab" * 3000 + noise(50),
        "vba-like words 20000": _random_text(rng, 20000),
        "all byte values": bytes(range(256)) * 40,
    }


HARD = _hard_inputs()


@pytest.mark.parametrize("name", HARD)
def test_round_trip_and_olevba_agree(name):
    data = HARD[name]
    packed = compress(data)
    assert decompress(packed) == data
    if data:  # olevba reads the signature byte even of an empty container
        assert bytes(olevba.decompress_stream(bytearray(packed))) == data


@pytest.mark.parametrize("name", HARD)
def test_chunks_are_well_formed(name):
    """Every chunk: signature 0b011, compressed ones at most 4098 bytes, raw ones exactly 4098."""
    packed = compress(HARD[name])
    assert packed[0] == 0x01
    pos, chunks = 1, 0
    while pos < len(packed):
        header = int.from_bytes(packed[pos:pos + 2], "little")
        size = (header & 0x0FFF) + 3
        assert (header >> 12) & 0b111 == 0b011
        if not header & 0x8000:
            assert size == 4098
        pos += size
        chunks += 1
    assert pos == len(packed)
    assert chunks == -(-len(HARD[name]) // 4096)


def test_random_chunks_are_stored_raw_and_text_is_not():
    raw = compress(HARD["random 8192 (two raw chunks)"])
    assert len(raw) == 1 + 2 * 4098
    assert raw[1:3] == bytes.fromhex("FF3F")  # flag 0, signature 0b011, size field 4095
    # Late in a chunk a CopyToken covers at most 18 bytes (12 offset bits), hence "only" ~12x.
    assert len(compress(HARD["long repeated text"])) < len(HARD["long repeated text"]) // 10


def test_olevba_reads_what_spec_writes_for_long_runs():
    # Long copies force MaximumLength caps at every offset width; olevba is an independent check.
    data = bytes(i // 7 % 251 for i in range(30000)) + b"q" * 5000
    assert bytes(olevba.decompress_stream(bytearray(compress(data)))) == data


def test_incompressible_final_chunk_is_padded_as_the_spec_says():
    # 2.4.1.3.10: a raw chunk always holds 4096 bytes, so a short incompressible last chunk
    # decompresses with trailing zeros.  build_vba_project refuses such module text.
    rng = random.Random(7)
    data = bytes(rng.getrandbits(8) for _ in range(4000))
    assert decompress(compress(data)) == data + b"\x00" * 96


@pytest.mark.parametrize("bad, message", [
    (b"", "first byte"),
    (b"\x02\x00\xb0", "first byte"),
    (b"\x01\x00\x00", "ChunkSignature"),
    (b"\x01\x00\x30" + b"a", "size 4098"),
    (b"\x01\x02\xb0\x01\x00\x00", "before its chunk"),
])
def test_decompress_rejects_corrupt_input(bad, message):
    with pytest.raises(ValueError, match=message):
        decompress(bad)
