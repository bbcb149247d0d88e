"""A small, deterministic MS-CFB (Compound File Binary) writer, version 3.

MS-CFB is "a FAT file system inside a file".  What we write, in file order:

* the 512-byte header (MS-CFB 2.2), which holds the first 109 FAT sector numbers (the DIFAT);
* FAT sectors (2.3): one 32-bit "next sector" entry per 512-byte sector of the file;
* DIFAT sectors (2.5), only when more than 109 FAT sectors are needed (files over ~6.8 MB);
* the directory (2.6): 128-byte entries, 4 per sector; entry 0 is the root storage;
* the mini FAT (2.4) and the mini stream: streams shorter than 4096 bytes are cut into 64-byte
  mini sectors kept inside one ordinary stream (the root entry's), so small streams do not each
  waste a 512-byte sector;
* the ordinary sectors of the streams of 4096 bytes or more.

Determinism: no timestamps (all zero, which 2.6.1 allows), zero CLSIDs, a fixed layout, and
directory entries numbered breadth-first in sorted order.

The children of each storage form a red-black tree keyed by the 2.6.4 order: shorter names
first, then names of equal length compared code point by code point after upper-casing.  We
build a perfectly balanced tree from the sorted list and colour black every level except an
incomplete bottom level, which is coloured red: every root-to-leaf path then has the same
number of black nodes and no red node has a red child, i.e. a valid red-black tree (a plain
all-black tree is only valid when the bottom level happens to be full).
"""
from __future__ import annotations

import struct
from typing import Union

Tree = dict[str, Union[bytes, "Tree"]]
"""A storage: name -> stream bytes, or name -> nested storage (another dict)."""

SECTOR = 512
MINI_SECTOR = 64
MINI_STREAM_CUTOFF = 4096
ENTRIES_PER_FAT_SECTOR = SECTOR // 4  # 128
HEADER_DIFAT_ENTRIES = 109

FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
DIFSECT = 0xFFFFFFFC
NOSTREAM = 0xFFFFFFFF

_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
_STORAGE, _STREAM, _ROOT = 1, 2, 5
_RED, _BLACK = 0, 1


def sort_key(name: str) -> tuple[int, str]:
    """MS-CFB 2.6.4 ordering of sibling names: length first, then upper-cased comparison.

    Only exact for names the simple upper-casing treats like the spec's table, which is all we
    write (ASCII VBA identifiers; ``validate_name`` in the callers enforces it).
    """
    return len(name.encode("utf-16-le")) // 2, name.upper()


class _Entry:
    __slots__ = ("name", "kind", "data", "children", "left", "right", "child", "color",
                 "start", "size")

    def __init__(self, name: str, kind: int, data: bytes = b"", children=None):
        self.name, self.kind, self.data = name, kind, data
        self.children: list[_Entry] = children or []
        self.left = self.right = self.child = NOSTREAM
        self.color = _BLACK
        self.start, self.size = 0, 0


def write_compound_file(tree: Tree) -> bytes:
    """Serialise ``tree`` (the root storage's contents) as a version-3 compound file."""
    root = _Entry("Root Entry", _ROOT, children=_entries(tree))
    order = _number(root)  # directory order; order[i] has stream ID i

    # --- mini stream: every stream < 4096 bytes, each padded to whole 64-byte mini sectors.
    mini_stream = bytearray()
    mini_fat: list[int] = []
    big: list[_Entry] = []
    for entry in order:
        if entry.kind != _STREAM:
            continue
        entry.size = len(entry.data)
        if entry.size >= MINI_STREAM_CUTOFF:
            big.append(entry)
        elif entry.size == 0:
            entry.start = ENDOFCHAIN  # an empty stream owns no sector at all
        else:
            first = len(mini_fat)
            count = -(-entry.size // MINI_SECTOR)
            mini_fat += list(range(first + 1, first + count)) + [ENDOFCHAIN]
            entry.start = first
            mini_stream += entry.data + b"\x00" * (count * MINI_SECTOR - entry.size)

    # --- how many ordinary sectors each region needs.
    n_dir = -(-len(order) // (SECTOR // 128))
    n_minifat = -(-len(mini_fat) // ENTRIES_PER_FAT_SECTOR)
    n_ministream = -(-len(mini_stream) // SECTOR)
    n_big = [-(-e.size // SECTOR) for e in big]
    content = n_dir + n_minifat + n_ministream + sum(n_big)
    n_fat, n_difat = 1, 0
    while True:  # the FAT must also describe its own sectors and the DIFAT's: find the fixpoint
        n_difat = -(-max(0, n_fat - HEADER_DIFAT_ENTRIES) // (ENTRIES_PER_FAT_SECTOR - 1))
        if n_fat * ENTRIES_PER_FAT_SECTOR >= content + n_fat + n_difat:
            break
        n_fat += 1

    # --- lay the regions out and chain them in the FAT.
    fat: list[int] = []

    def region(count: int, marker: int | None = None) -> int:
        """Append ``count`` sectors to the FAT, chained unless ``marker``; return first index."""
        first = len(fat)
        if marker is not None:
            fat.extend([marker] * count)
        elif count:
            fat.extend(list(range(first + 1, first + count)) + [ENDOFCHAIN])
        return first if count else ENDOFCHAIN

    fat_start = region(n_fat, FATSECT)
    difat_start = region(n_difat, DIFSECT)
    dir_start = region(n_dir)
    minifat_start = region(n_minifat)
    root.start = region(n_ministream)
    root.size = len(mini_stream)
    for entry, count in zip(big, n_big):
        entry.start = region(count)
    fat += [FREESECT] * (n_fat * ENTRIES_PER_FAT_SECTOR - len(fat))

    # --- the sectors themselves, in the order they were laid out above.
    fat_sectors = list(range(fat_start, fat_start + n_fat))
    body = bytearray(struct.pack(f"<{len(fat)}I", *fat))
    overflow = fat_sectors[HEADER_DIFAT_ENTRIES:]
    for i in range(n_difat):
        chunk = overflow[i * 127:(i + 1) * 127]
        chunk += [FREESECT] * (127 - len(chunk))
        nxt = difat_start + i + 1 if i + 1 < n_difat else ENDOFCHAIN
        body += struct.pack("<128I", *chunk, nxt)
    directory = b"".join(_dir_entry(e) for e in order)
    directory += _unused_entry() * (n_dir * 4 - len(order))
    body += directory
    body += _pad(struct.pack(f"<{len(mini_fat)}I", *mini_fat), FREESECT)
    body += _pad(bytes(mini_stream))
    for entry in big:
        body += _pad(entry.data)

    header_difat = fat_sectors[:HEADER_DIFAT_ENTRIES]
    header_difat += [FREESECT] * (HEADER_DIFAT_ENTRIES - len(header_difat))
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII109I",
        _SIGNATURE, b"\x00" * 16,
        0x003E, 0x0003,  # minor, major version: 3 means 512-byte sectors
        0xFFFE,  # byte order mark: little-endian
        9, 6,  # sector shift (2**9 = 512), mini sector shift (2**6 = 64)
        b"\x00" * 6,
        0,  # number of directory sectors: MUST be 0 in version 3
        n_fat, dir_start,
        0,  # transaction signature: unused
        MINI_STREAM_CUTOFF,
        minifat_start, n_minifat,
        difat_start, n_difat,
        *header_difat,
    )
    return header + bytes(body)


def _pad(data: bytes, filler: int | None = None) -> bytes:
    """Pad ``data`` to a whole number of sectors, with 0x00 or with a repeated 32-bit value."""
    missing = -len(data) % SECTOR
    if filler is None:
        return data + b"\x00" * missing
    return data + struct.pack("<I", filler) * (missing // 4)


def _entries(tree: Tree) -> list[_Entry]:
    out = []
    for name, value in tree.items():
        if isinstance(value, dict):
            out.append(_Entry(name, _STORAGE, children=_entries(value)))
        else:
            out.append(_Entry(name, _STREAM, data=bytes(value)))
    return out


def _number(root: _Entry) -> list[_Entry]:
    """Give entries stream IDs breadth-first and link each storage's children as a tree."""
    order = [root]
    ids: dict[int, int] = {id(root): 0}
    queue = [root]
    while queue:
        storage = queue.pop(0)
        kids = sorted(storage.children, key=lambda e: sort_key(e.name))
        for a, b in zip(kids, kids[1:]):
            if sort_key(a.name) == sort_key(b.name):
                raise ValueError(f"duplicate name in one storage: {a.name!r} / {b.name!r}")
        for kid in kids:
            ids[id(kid)] = len(order)
            order.append(kid)
            if kid.kind == _STORAGE:
                queue.append(kid)
        storage.child = _balanced(kids, ids, depth=0, height=_height(len(kids)))
    return order


def _height(n: int) -> int:
    """Levels of the midpoint-split tree of ``n`` nodes; all but the last level are full."""
    return n.bit_length()


def _balanced(kids: list[_Entry], ids: dict[int, int], depth: int, height: int) -> int:
    """Link sorted ``kids`` as a balanced red-black tree; return the subtree root's stream ID.

    Splitting at the midpoint fills every level but the deepest, so painting the deepest
    level red (and everything else black) gives every path the same number of black nodes
    and never puts a red node under a red parent.  The root is black (depth 0).
    """
    if not kids:
        return NOSTREAM
    mid = len(kids) // 2
    node = kids[mid]
    node.left = _balanced(kids[:mid], ids, depth + 1, height)
    node.right = _balanced(kids[mid + 1:], ids, depth + 1, height)
    node.color = _RED if depth > 0 and depth == height - 1 else _BLACK
    return ids[id(node)]


def _dir_entry(e: _Entry) -> bytes:
    name = e.name.encode("utf-16-le")
    if len(name) > 62:
        raise ValueError(f"compound file names are limited to 31 characters: {e.name!r}")
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        name, len(name) + 2, e.kind, e.color, e.left, e.right, e.child,
        b"\x00" * 16, 0, 0, 0,  # CLSID, state bits, creation and modification times
        e.start, e.size if e.kind != _STORAGE else 0,
    )


def _unused_entry() -> bytes:
    return struct.pack("<64sHBBIII16sIQQIQ", b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM,
                       b"\x00" * 16, 0, 0, 0, 0, 0)
