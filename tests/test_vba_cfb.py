"""MS-CFB writer: read back with olefile in strict mode, tree shape, sizes, determinism."""
from __future__ import annotations

import io
import random
import struct

import pytest

from ita_xl.builder.vba.cfb import NOSTREAM, sort_key, write_compound_file

olefile = pytest.importorskip("olefile")


def _open(data: bytes):
    # DEFECT_POTENTIAL: olefile raises on anything it considers even potentially wrong.
    return olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_POTENTIAL)


def _streams(tree, prefix=""):
    for name, value in tree.items():
        if isinstance(value, dict):
            yield from _streams(value, prefix + name + "/")
        else:
            yield prefix + name, value


def _sample_tree():
    rng = random.Random(3)
    return {
        "PROJECT": b"ID=...\r\n" * 40,
        "PROJECTwm": b"w" * 100,
        "VBA": {
            "_VBA_PROJECT": b"\xcc\x61\xff\xff\x00\x01\x00",
            "dir": bytes(rng.getrandbits(8) for _ in range(1500)),
            "small": b"s" * 64,
            "just_under": b"u" * 4095,  # last size kept in the mini stream
            "cutoff": b"c" * 4096,  # first size stored in ordinary sectors
            "big": bytes(rng.getrandbits(8) for _ in range(70000)),
            "empty": b"",
        },
        "Other": {"Nested": {"deep": b"d"}},
    }


def test_olefile_reads_every_stream_back():
    tree = _sample_tree()
    ole = _open(write_compound_file(tree))
    expected = dict(_streams(tree))
    listed = {"/".join(p) for p in ole.listdir(streams=True, storages=False)}
    assert listed == set(expected)
    for path, data in expected.items():
        assert ole.openstream(path).read() == data, path
        assert ole.get_size(path) == len(data)
    assert ole.get_type("VBA") == olefile.STGTY_STORAGE
    assert ole.get_type("Other/Nested") == olefile.STGTY_STORAGE


def test_header_fields_are_version_3():
    data = write_compound_file(_sample_tree())
    assert data[:8] == bytes.fromhex("D0CF11E0A1B11AE1")
    minor, major, bom, sector_shift, mini_shift = struct.unpack_from("<HHHHH", data, 24)
    assert (minor, major, bom, sector_shift, mini_shift) == (0x3E, 3, 0xFFFE, 9, 6)
    assert struct.unpack_from("<I", data, 40)[0] == 0  # directory sector count: 0 in v3
    assert struct.unpack_from("<I", data, 56)[0] == 4096  # mini stream cutoff
    assert len(data) % 512 == 0


def test_small_streams_live_in_the_mini_stream():
    ole = _open(write_compound_file(_sample_tree()))
    # olefile keeps, per entry, whether the stream is read through the mini FAT.
    by_name = {e.name: e for e in ole.direntries if e is not None}
    assert by_name["just_under"].size == 4095 and by_name["just_under"].is_minifat
    assert by_name["cutoff"].size == 4096 and not by_name["cutoff"].is_minifat
    assert by_name["big"].size == 70000 and not by_name["big"].is_minifat


def test_more_than_109_fat_sectors_uses_difat():
    # 109 FAT sectors describe 109 * 128 * 512 bytes (~6.8 MB); go past that.
    payload = bytes(random.Random(5).getrandbits(8) for _ in range(256)) * 30000  # 7.68 MB
    data = write_compound_file({"a": payload, "b": b"tiny"})
    assert struct.unpack_from("<I", data, 72)[0] >= 1  # number of DIFAT sectors
    ole = _open(data)
    assert ole.openstream("a").read() == payload
    assert ole.openstream("b").read() == b"tiny"


def test_deterministic():
    assert write_compound_file(_sample_tree()) == write_compound_file(_sample_tree())


def test_timestamps_and_clsids_are_zero():
    ole = _open(write_compound_file(_sample_tree()))
    for entry in ole.direntries:
        if entry is None:
            continue
        assert entry.createTime == 0 and entry.modifyTime == 0
        assert entry.clsid in ("", "00000000-0000-0000-0000-000000000000")


def test_sort_key_is_length_first_then_case_insensitive():
    names = ["dir", "Sheet10", "_VBA_PROJECT", "Sheet2", "ThisWorkbook", "abc", "ABD", "Module1"]
    assert sorted(names, key=sort_key) == [
        "abc", "ABD", "dir", "Sheet2", "Module1", "Sheet10", "ThisWorkbook", "_VBA_PROJECT"]


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 31, 40])
def test_siblings_form_a_valid_red_black_search_tree(count):
    names = [f"M{i}" for i in range(count)]
    ole = _open(write_compound_file({"VBA": {n: n.encode() for n in names}}))
    entries = ole.direntries
    vba = next(e for e in entries if e is not None and e.name == "VBA")

    def walk(sid, is_root):
        """Return (sorted names, black height); assert the red-black rules on the way."""
        if sid == NOSTREAM:
            return [], 1
        node = entries[sid]
        if is_root:
            assert node.color == 1, "the root is black"
        for child in (node.sid_left, node.sid_right):
            if node.color == 0 and child != NOSTREAM:
                assert entries[child].color == 1, "a red node has black children"
        left, lh = walk(node.sid_left, False)
        right, rh = walk(node.sid_right, False)
        assert lh == rh, "every path has the same number of black nodes"
        assert all(sort_key(n) < sort_key(node.name) for n in left)
        assert all(sort_key(n) > sort_key(node.name) for n in right)
        return left + [node.name] + right, lh + (node.color == 1)

    in_order, _ = walk(vba.sid_child, True)
    assert in_order == sorted(names, key=sort_key)


def test_duplicate_names_in_a_storage_are_rejected():
    with pytest.raises(ValueError, match="duplicate"):
        write_compound_file({"VBA": {"Module1": b"a", "MODULE1": b"b"}})


def test_over_long_names_are_rejected():
    with pytest.raises(ValueError, match="31"):
        write_compound_file({"x" * 32: b""})
