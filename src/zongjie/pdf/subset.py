"""Shrink the embedded CJK fonts: drop the empty glyph slots WeasyPrint keeps.

WeasyPrint subsets with HarfBuzz's "retain glyph ids" flag, so a CFF subset of Noto CJK keeps
~63,000 empty glyph slots: about 140 KB per font even for a one-line title, ~900 KB for a
9-page report. Viewers address an embedded OpenType font by glyph id (Identity-H), so the
glyphs are renumbered 1…n and the PDF is rewritten to match: the codes in every text-showing
operator, the /W widths and the ToUnicode map (so text extraction is unchanged), and the font's
charset, so that every viewer finds the same glyph (``cff.py``). The same report becomes about
3.5× smaller. TrueType fonts and anything unexpected are left alone.
"""

from __future__ import annotations

import re
from typing import Any

import pikepdf

from zongjie.pdf import cidfont
from zongjie.pdf.cff import identity_charset
from zongjie.pdf.harfbuzz import Face, available

_TOUNICODE_ENTRY = re.compile(rb"<([0-9a-fA-F]{4})>(\s*<[0-9a-fA-F]*>)")
_SHOW_TEXT = {"Tj", "'", '"', "TJ"}
Key = tuple[int, int]


def _new_widths(per_glyph: dict[int, Any], mapping: dict[int, int]) -> pikepdf.Array:
    return cidfont.width_array({mapping[g]: w for g, w in per_glyph.items() if g in mapping})


def _codes(data: bytes) -> list[int]:
    return [(data[i] << 8) | data[i + 1] for i in range(0, len(data) - 1, 2)]


def _remap(data: bytes, mapping: dict[int, int]) -> bytes:
    return b"".join(mapping[code].to_bytes(2, "big") for code in _codes(data))


def _strings(operands: Any, operator: str) -> list[bytes]:
    if operator == "TJ":
        return [bytes(item) for item in operands[0] if isinstance(item, pikepdf.String)]
    return [bytes(operands[-1])]


class _Stream:
    """A page or form XObject: its fonts by resource name and its parsed instructions."""

    def __init__(self, owner: Any, resources: Any):
        self.owner = owner
        fonts = resources.get("/Font", {}) if resources is not None else {}
        self.fonts = dict(fonts.items())
        self.instructions = list(pikepdf.parse_content_stream(owner))

    def used(self, into: dict[Key, set[int]]) -> None:
        current: set[int] | None = None
        for instruction in self.instructions:
            operands, op = instruction.operands, str(instruction.operator)
            if op == "Tf":
                font = self.fonts.get(str(operands[0]))
                current = into.setdefault(font.objgen, set()) if font is not None else None
            elif current is not None and op in _SHOW_TEXT:
                for data in _strings(operands, op):
                    current.update(_codes(data))

    def rewrite(self, pdf: Any, maps: dict[Key, dict[int, int]]) -> None:
        if not any(f.objgen in maps for f in self.fonts.values()):
            return
        current: dict[int, int] | None = None
        out: list[tuple[list[Any], Any]] = []
        for instruction in self.instructions:
            operator = instruction.operator
            operands: list[Any] = list(instruction.operands)
            op = str(operator)
            if op == "Tf":
                font = self.fonts.get(str(operands[0]))
                current = maps.get(font.objgen) if font is not None else None
            elif current is not None and op == "TJ":
                operands = [
                    pikepdf.Array(
                        [
                            pikepdf.String(_remap(bytes(item), current))
                            if isinstance(item, pikepdf.String)
                            else item
                            for item in operands[0]
                        ]
                    )
                ]
            elif current is not None and op in _SHOW_TEXT:
                operands = [*operands[:-1], pikepdf.String(_remap(bytes(operands[-1]), current))]
            out.append((operands, operator))
        data = pikepdf.unparse_content_stream(out)
        if isinstance(self.owner, pikepdf.Page):
            self.owner.obj.Contents = pdf.make_stream(data)
        else:
            self.owner.write(data)


def _streams(pdf: Any) -> list[_Stream]:
    found: list[_Stream] = []
    seen: set[Key] = set()

    def visit(owner: Any, resources: Any) -> None:
        found.append(_Stream(owner, resources))
        xobjects = resources.get("/XObject", {}) if resources is not None else {}
        for xobject in xobjects.values():
            if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
                seen.add(xobject.objgen)
                visit(xobject, xobject.get("/Resources"))

    for page in pdf.pages:
        visit(page, page.obj.get("/Resources"))
    return found


def _compact_font(font: Any, used: set[int]) -> tuple[dict[int, int], int] | None:
    program = cff_program(font)
    if program is None:
        return None
    cid_font = font.DescendantFonts[0]
    widths = cidfont.widths(cid_font.W)
    data = program.read_bytes()
    result = Face.from_bytes(data).subset(used | widths.keys())
    if result is None:
        return None
    smaller, mapping = identity_charset(result.data), result.new_gid
    if len(smaller) >= len(data):
        return None
    program.write(smaller)
    cid_font.W = _new_widths(widths, mapping)
    if "/ToUnicode" in font:
        cmap = font.ToUnicode
        cmap.write(
            _TOUNICODE_ENTRY.sub(
                lambda m: b"<%04x>%s" % (mapping.get(int(m.group(1), 16), 0), m.group(2)),
                cmap.read_bytes(),
            )
        )
    return mapping, len(data) - len(smaller)


def cff_program(font: Any) -> Any:
    """The embedded OpenType/CFF program of a Type0 font shown with Identity-H, or None."""
    if font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H":
        return None
    cid_font = font.DescendantFonts[0]
    stream = cid_font.FontDescriptor.get("/FontFile3")
    if (
        cid_font.get("/Subtype") != "/CIDFontType0"
        or "/W" not in cid_font
        or stream is None
        or stream.get("/Subtype") != "/OpenType"
    ):
        return None
    return stream


def compact_fonts(pdf: Any) -> int:
    """Renumber and shrink every embedded CID-keyed CFF font of ``pdf`` (pikepdf); bytes saved."""
    if not available() or not any(map(cff_program, cidfont.type0_fonts(pdf))):
        return 0  # nothing to compact: spare parsing every page
    streams = _streams(pdf)
    used: dict[Key, set[int]] = {}
    fonts: dict[Key, Any] = {}
    for stream in streams:
        stream.used(used)
        fonts.update({f.objgen: f for f in stream.fonts.values()})
    maps: dict[Key, dict[int, int]] = {}
    saved = 0
    for key, codes in used.items():
        result = _compact_font(fonts[key], codes) if key in fonts else None
        if result is not None:
            maps[key], gain = result
            saved += gain
    for stream in streams:
        stream.rewrite(pdf, maps)
    return saved
