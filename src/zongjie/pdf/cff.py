"""Just enough of the Compact Font Format to make PDF viewers agree on which glyph a CID means.

A PDF shows text in a CIDFontType0 font by CID. For a CID-keyed CFF program, ISO 32000
(9.7.4.2) maps each CID to a glyph through the font's *charset*; but for a program wrapped as
OpenType, poppler (pdftoppm and most Linux readers) takes the CID as a glyph id, while
Ghostscript, MuPDF and Acrobat follow the charset. HarfBuzz keeps the original CIDs in a subset's
charset while renumbering its glyphs, so the two readings disagree. Two ways out:

* a bare CFF program (``/CIDFontType0C``) is read through its charset by every viewer, so a
  renumbered subset still shows the original CIDs, which for an Identity-ordered face
  (:func:`cids_are_gids`, e.g. Noto CJK) are the glyph ids WeasyPrint wrote;
* in an OpenType wrapper, an identity charset (glyph n has CID n, :func:`identity_charset`)
  makes both readings the same. It is written in the old charset's format, where it never
  needs more bytes, so it is patched in place and no other offset in the font moves.
"""

from __future__ import annotations

import struct
import sys
from array import array

_ROS = 1230  # 12 30: the Top DICT operator that makes a font CID-keyed
_CHARSET = 15
_CHARSTRINGS = 17


def table(otf: bytes | memoryview, name: bytes) -> tuple[int, int] | None:
    """(offset, length) of a table in an OpenType file (a single face, not a collection)."""
    count = struct.unpack_from(">H", otf, 4)[0]
    for i in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", otf, 12 + 16 * i)
        if tag == name:
            return offset, length
    return None


def cids_are_gids(cff: bytes | memoryview) -> bool:
    """True for a CID-keyed CFF table whose glyph n has CID n (Adobe-Identity-0 faces)."""
    data = memoryview(cff)
    try:
        located = _charset(data)
        return located is not None and _is_identity(data, *located)
    except (struct.error, IndexError, ValueError):
        return False


def identity_charset(otf: bytes) -> bytes:
    """``otf`` with an identity charset if it wraps a CID-keyed CFF; otherwise ``otf`` itself."""
    where = table(otf, b"CFF ")
    if where is None:
        return otf
    offset, length = where
    cff = memoryview(otf)[offset : offset + length]
    try:
        located = _charset(cff)
        if located is None:
            return otf
        at, glyphs = located
        old = _length(cff, at, glyphs)
    except (struct.error, IndexError, ValueError):
        return otf  # not a font we understand: leave it exactly as it is
    new = _identity(cff[at], glyphs)
    if new is None or len(new) > old or bytes(cff[at : at + len(new)]) == new:
        return otf
    patched = bytearray(otf)
    patched[offset + at : offset + at + len(new)] = new
    _fix_checksum(patched, b"CFF ")
    return bytes(patched)


def _charset(cff: memoryview) -> tuple[int, int] | None:
    """(offset of the charset in the CFF table, glyph count) of a CID-keyed font, else None."""
    header_size = cff[2]
    _, pos = _index(cff, header_size)  # Name INDEX
    tops, _ = _index(cff, pos)
    top = _dict(cff, *tops[0])
    if _ROS not in top or _CHARSET not in top or _CHARSTRINGS not in top:
        return None
    glyphs = struct.unpack_from(">H", cff, int(top[_CHARSTRINGS][0]))[0]  # its INDEX count
    return int(top[_CHARSET][0]), glyphs


def _is_identity(cff: memoryview, at: int, glyphs: int) -> bool:
    """Whether the charset at ``at`` gives glyph n the CID n (glyph 0 is always .notdef)."""
    fmt, expected, pos = cff[at], 1, at + 1
    if fmt == 0:
        wanted = array("H", range(1, glyphs))
        if sys.byteorder == "little":
            wanted.byteswap()
        return bytes(cff[pos : pos + 2 * (glyphs - 1)]) == wanted.tobytes()
    if fmt not in (1, 2):
        raise ValueError(f"charset format {fmt}")
    while expected < glyphs:
        first = struct.unpack_from(">H", cff, pos)[0]
        if fmt == 1:
            left, pos = cff[pos + 2], pos + 3
        else:
            left, pos = struct.unpack_from(">H", cff, pos + 2)[0], pos + 4
        if first != expected:
            return False
        expected += left + 1
    return True


def _length(cff: memoryview, at: int, glyphs: int) -> int:
    fmt = cff[at]
    if fmt == 0:
        return 1 + 2 * (glyphs - 1)
    size = {1: 3, 2: 4}.get(fmt)
    if size is None:
        raise ValueError(f"charset format {fmt}")
    pos, covered = at + 1, 1
    while covered < glyphs:
        left = cff[pos + 2] if fmt == 1 else struct.unpack_from(">H", cff, pos + 2)[0]
        covered += left + 1
        pos += size
    return pos - at


def _identity(fmt: int, glyphs: int) -> bytes | None:
    """CIDs 1…n-1 for glyphs 1…n-1 (glyph 0 is always .notdef), in charset format ``fmt``."""
    if glyphs < 2:
        return None
    if fmt == 0:
        return b"\x00" + b"".join(struct.pack(">H", g) for g in range(1, glyphs))
    if fmt == 1:
        ranges, first = [b"\x01"], 1
        while first < glyphs:
            span = min(256, glyphs - first)
            ranges.append(struct.pack(">HB", first, span - 1))
            first += span
        return b"".join(ranges)
    if fmt == 2:
        return b"\x02" + struct.pack(">HH", 1, glyphs - 2)
    return None


def _fix_checksum(otf: bytearray, name: bytes) -> None:
    count = struct.unpack_from(">H", otf, 4)[0]
    for i in range(count):
        record = 12 + 16 * i
        tag, _, offset, length = struct.unpack_from(">4sIII", otf, record)
        if tag == name:
            padded = bytes(otf[offset : offset + length]) + b"\0" * (-length % 4)
            total = sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF
            struct.pack_into(">I", otf, record + 4, total)


def _index(data: memoryview, pos: int) -> tuple[list[tuple[int, int]], int]:
    """The (start, end) of each item of the CFF INDEX at ``pos``, and where the INDEX ends."""
    count = struct.unpack_from(">H", data, pos)[0]
    if count == 0:
        return [], pos + 2
    size = data[pos + 2]
    first = pos + 3

    def offset(k: int) -> int:
        return int.from_bytes(data[first + k * size : first + (k + 1) * size], "big")

    base = first + (count + 1) * size - 1
    items = [(base + offset(k), base + offset(k + 1)) for k in range(count)]
    return items, base + offset(count)


def _dict(data: memoryview, start: int, end: int) -> dict[int, list[float]]:
    """Operator → operands of a CFF DICT (two-byte operators as 1200 + second byte)."""
    entries: dict[int, list[float]] = {}
    operands: list[float] = []
    i = start
    while i < end:
        b0 = data[i]
        if b0 <= 21:
            op = 1200 + data[i + 1] if b0 == 12 else b0
            i += 2 if b0 == 12 else 1
            entries[op], operands = operands, []
        elif b0 == 28:
            operands.append(struct.unpack_from(">h", data, i + 1)[0])
            i += 3
        elif b0 == 29:
            operands.append(struct.unpack_from(">i", data, i + 1)[0])
            i += 5
        elif b0 == 30:  # a real number: skipped, no offset is ever a real
            i += 1
            while data[i] & 0x0F != 0x0F and data[i] >> 4 != 0x0F:
                i += 1
            i += 1
            operands.append(0.0)
        elif 32 <= b0 <= 246:
            operands.append(b0 - 139)
            i += 1
        elif b0 <= 250:
            operands.append((b0 - 247) * 256 + data[i + 1] + 108)
            i += 2
        elif b0 <= 254:
            operands.append(-(b0 - 251) * 256 - data[i + 1] - 108)
            i += 2
        else:
            raise ValueError(f"DICT byte {b0}")
    return entries
