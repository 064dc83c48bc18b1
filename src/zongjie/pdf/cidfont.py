"""PDF CID fonts: finding them, and their tables that name glyphs by id (/W, ToUnicode)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from math import ceil
from typing import Any

import pikepdf

_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.DOTALL)
_ENTRY = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")
_CMAP_HEAD = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo
<< /Registry (Adobe)
/Ordering (UCS)
/Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <ffff>
endcodespacerange
"""
_CMAP_TAIL = b"""endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


def type0_fonts(pdf: pikepdf.Pdf) -> Iterator[Any]:
    """Every Type0 font reachable from the pages (forms included), once each."""
    seen: set[tuple[int, int]] = set()

    def visit(resources: Any) -> Iterator[Any]:
        if resources is None:
            return
        for font in resources.get("/Font", {}).values():
            if font.get("/Subtype") == "/Type0" and font.objgen not in seen:
                seen.add(font.objgen)
                yield font
        for xobject in resources.get("/XObject", {}).values():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                yield from visit(xobject.get("/Resources"))

    for page in pdf.pages:
        resources = page.obj.get("/Resources")
        key = resources.objgen if resources is not None else (0, 0)
        if key == (0, 0) or key not in seen:  # WeasyPrint's pages share one dictionary
            seen.add(key)
            yield from visit(resources)


def widths(array: Any) -> dict[int, Any]:
    """Glyph id → width from a CIDFont /W array (``c [w1 w2 …]`` or ``c_first c_last w``)."""
    per_glyph: dict[int, Any] = {}
    items = list(array)
    i = 0
    while i < len(items):
        first, nxt = int(items[i]), items[i + 1]
        if isinstance(nxt, pikepdf.Array):
            for k, width in enumerate(nxt):
                per_glyph[first + k] = width
            i += 2
        else:
            for gid in range(first, int(nxt) + 1):
                per_glyph[gid] = items[i + 2]
            i += 3
    return per_glyph


def width_array(per_glyph: dict[int, Any]) -> pikepdf.Array:
    """A /W array in runs of consecutive glyph ids."""
    out = pikepdf.Array()
    run: pikepdf.Array | None = None
    previous = -2
    for gid in sorted(per_glyph):
        if run is None or gid != previous + 1:
            run = pikepdf.Array()
            out.append(gid)
            out.append(run)
        run.append(per_glyph[gid])
        previous = gid
    return out


def to_unicode(cmap: bytes) -> dict[int, bytes]:
    """Glyph id → UTF-16BE hex text from the bfchar entries of a ToUnicode CMap."""
    entries: dict[int, bytes] = {}
    for block in _BFCHAR.findall(cmap):
        for code, text in _ENTRY.findall(block):
            entries.setdefault(int(code, 16), text)
    return entries


def to_unicode_cmap(entries: dict[int, bytes]) -> bytes:
    """A ToUnicode CMap (two-byte codes) for ``entries`` as :func:`to_unicode` returns them."""
    items = sorted(entries.items())
    lines = [_CMAP_HEAD]
    for i in range(ceil(len(items) / 100)):
        batch = items[i * 100 : (i + 1) * 100]
        lines.append(b"%d beginbfchar\n" % len(batch))
        lines += [b"<%04x> <%s>\n" % (gid, text) for gid, text in batch]
        lines.append(b"endbfchar\n")
    lines.append(_CMAP_TAIL)
    return b"".join(lines)
