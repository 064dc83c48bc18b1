"""Shrink the embedded CJK fonts: drop the empty glyph slots WeasyPrint keeps.

WeasyPrint subsets with HarfBuzz's "retain glyph ids" flag, so a CFF subset of Noto CJK keeps
~63,000 empty glyph slots: about 140 KB per font even for a one-line title, ~900 KB for a
9-page report. Viewers address an embedded OpenType font by glyph id (Identity-H), so the
glyphs are renumbered 1…n and the PDF is rewritten to match: the codes in every text-showing
operator, the /W widths and the ToUnicode map (so text extraction is unchanged). The same
report becomes about 3.5× smaller. TrueType fonts and anything unexpected are left alone.

HarfBuzz is called through its C API (the library WeasyPrint already loads): a few ms per font.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pikepdf
from cffi import FFI

_CDEF = """
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
typedef enum { HB_MEMORY_MODE_DUPLICATE, HB_MEMORY_MODE_READONLY } hb_memory_mode_t;
hb_blob_t *hb_blob_create (const char *data, unsigned int length, hb_memory_mode_t mode,
                           void *user_data, void *destroy);
void hb_blob_destroy (hb_blob_t *blob);
const char *hb_blob_get_data (hb_blob_t *blob, unsigned int *length);
hb_face_t *hb_face_create (hb_blob_t *blob, unsigned int index);
void hb_face_destroy (hb_face_t *face);
hb_blob_t *hb_face_reference_blob (hb_face_t *face);
unsigned int hb_face_get_glyph_count (const hb_face_t *face);
void hb_set_add (hb_set_t *set, unsigned int codepoint);
hb_subset_input_t *hb_subset_input_create_or_fail (void);
void hb_subset_input_destroy (hb_subset_input_t *input);
hb_set_t *hb_subset_input_glyph_set (hb_subset_input_t *input);
hb_set_t *hb_subset_input_unicode_set (hb_subset_input_t *input);
void hb_subset_input_set_flags (hb_subset_input_t *input, unsigned value);
typedef struct hb_map_t hb_map_t;
typedef struct hb_subset_plan_t hb_subset_plan_t;
unsigned int hb_map_get (const hb_map_t *map, unsigned int key);
hb_subset_plan_t *hb_subset_plan_create_or_fail (hb_face_t *face, const hb_subset_input_t *input);
void hb_subset_plan_destroy (hb_subset_plan_t *plan);
const hb_map_t *hb_subset_plan_new_to_old_glyph_mapping (const hb_subset_plan_t *plan);
hb_face_t *hb_subset_plan_execute_or_fail (hb_subset_plan_t *plan);
"""
_PASSTHROUGH_UNRECOGNIZED = 0x20
_NOTDEF_OUTLINE = 0x40
_NO_LAYOUT_CLOSURE = 0x200


@cache
def _lib() -> tuple[FFI, Any, Any] | None:
    """HarfBuzz (Debian: libharfbuzz0b, libharfbuzz-subset0), or None: fonts then stay as is."""
    ffi = FFI()
    ffi.cdef(_CDEF)
    try:
        return ffi, ffi.dlopen("libharfbuzz.so.0"), ffi.dlopen("libharfbuzz-subset.so.0")
    except OSError:
        return None


def available() -> bool:
    return _lib() is not None


def subset_cff(data: bytes, glyphs: set[int]) -> tuple[bytes, dict[int, int]] | None:
    """The font reduced to ``glyphs`` (and .notdef) with new glyph ids, and the old → new map;
    None if HarfBuzz refuses."""
    lib = _lib()
    if lib is None:
        return None
    ffi, hb, hbs = lib
    blob = ffi.gc(hb.hb_blob_create(data, len(data), 0, ffi.NULL, ffi.NULL), hb.hb_blob_destroy)
    face = ffi.gc(hb.hb_face_create(blob, 0), hb.hb_face_destroy)
    count = hb.hb_face_get_glyph_count(face)
    if not glyphs or max(glyphs) >= count:
        return None
    spec = ffi.gc(hbs.hb_subset_input_create_or_fail(), hbs.hb_subset_input_destroy)
    if spec == ffi.NULL:
        return None
    glyph_set = hbs.hb_subset_input_glyph_set(spec)
    for gid in {0, *glyphs}:
        hb.hb_set_add(glyph_set, gid)
    hbs.hb_subset_input_set_flags(
        spec, _PASSTHROUGH_UNRECOGNIZED | _NOTDEF_OUTLINE | _NO_LAYOUT_CLOSURE
    )
    plan = hbs.hb_subset_plan_create_or_fail(face, spec)
    if plan == ffi.NULL:
        return None
    plan = ffi.gc(plan, hbs.hb_subset_plan_destroy)
    result = hbs.hb_subset_plan_execute_or_fail(plan)
    if result == ffi.NULL:
        return None
    result = ffi.gc(result, hb.hb_face_destroy)
    new_to_old = hbs.hb_subset_plan_new_to_old_glyph_mapping(plan)
    mapping = {
        hb.hb_map_get(new_to_old, new): new for new in range(hb.hb_face_get_glyph_count(result))
    }
    if not glyphs <= mapping.keys():
        return None
    out = ffi.gc(hb.hb_face_reference_blob(result), hb.hb_blob_destroy)
    length = ffi.new("unsigned int *")
    pointer = hb.hb_blob_get_data(out, length)
    return (bytes(ffi.buffer(pointer, length[0])), mapping) if length[0] else None


_TOUNICODE_ENTRY = re.compile(rb"<([0-9a-fA-F]{4})>(\s*<[0-9a-fA-F]*>)")
_SHOW_TEXT = {"Tj", "'", '"', "TJ"}
Key = tuple[int, int]


def _widths(widths: Any) -> dict[int, Any]:
    """Glyph id → width from a CIDFont /W array (``c [w1 w2 …]`` or ``c_first c_last w``)."""
    per_glyph: dict[int, Any] = {}
    items = list(widths)
    i = 0
    while i < len(items):
        first = int(items[i])
        nxt = items[i + 1]
        if isinstance(nxt, pikepdf.Array):
            for k, w in enumerate(nxt):
                per_glyph[first + k] = w
            i += 2
        else:
            for gid in range(first, int(nxt) + 1):
                per_glyph[gid] = items[i + 2]
            i += 3
    return per_glyph


def _new_widths(per_glyph: dict[int, Any], mapping: dict[int, int]) -> pikepdf.Array:
    out = pikepdf.Array()
    run: pikepdf.Array | None = None
    previous = -2
    for new, width in sorted((mapping[g], w) for g, w in per_glyph.items() if g in mapping):
        if run is None or new != previous + 1:
            run = pikepdf.Array()
            out.append(new)
            out.append(run)
        run.append(width)
        previous = new
    return out


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
    widths = _widths(cid_font.W)
    data = stream.read_bytes()
    result = subset_cff(data, used | widths.keys())
    if result is None or len(result[0]) >= len(data):
        return None
    smaller, mapping = result
    stream.write(smaller)
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


def compact_fonts(pdf: Any) -> int:
    """Renumber and shrink every embedded CID-keyed CFF font of ``pdf`` (pikepdf); bytes saved."""
    if not available():
        return 0
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
