"""HarfBuzz's C API for fonts inside PDFs: open a face, read its identity, subset it.

WeasyPrint already loads HarfBuzz (Debian: libharfbuzz0b, libharfbuzz-subset0); it is called
through cffi, a few milliseconds per font. Without libharfbuzz-subset the fonts stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from cffi import FFI

_CDEF = """
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_map_t hb_map_t;
typedef struct hb_subset_input_t hb_subset_input_t;
typedef struct hb_subset_plan_t hb_subset_plan_t;
typedef const struct hb_language_impl_t *hb_language_t;
typedef enum { HB_MEMORY_MODE_DUPLICATE, HB_MEMORY_MODE_READONLY } hb_memory_mode_t;
hb_blob_t *hb_blob_create (const char *data, unsigned int length, hb_memory_mode_t mode,
                           void *user_data, void *destroy);
hb_blob_t *hb_blob_create_from_file (const char *file_name);
void hb_blob_destroy (hb_blob_t *blob);
const char *hb_blob_get_data (hb_blob_t *blob, unsigned int *length);
unsigned int hb_blob_get_length (hb_blob_t *blob);
hb_face_t *hb_face_create (hb_blob_t *blob, unsigned int index);
void hb_face_destroy (hb_face_t *face);
hb_blob_t *hb_face_reference_blob (hb_face_t *face);
hb_blob_t *hb_face_reference_table (const hb_face_t *face, unsigned int tag);
unsigned int hb_face_get_glyph_count (const hb_face_t *face);
unsigned int hb_ot_name_get_utf8 (hb_face_t *face, unsigned int name_id, hb_language_t language,
                                  unsigned int *text_size, char *text);
void hb_set_add (hb_set_t *set, unsigned int codepoint);
unsigned int hb_map_get (const hb_map_t *map, unsigned int key);
hb_subset_input_t *hb_subset_input_create_or_fail (void);
void hb_subset_input_destroy (hb_subset_input_t *input);
hb_set_t *hb_subset_input_glyph_set (hb_subset_input_t *input);
hb_set_t *hb_subset_input_set (hb_subset_input_t *input, unsigned int set_type);
void hb_subset_input_set_flags (hb_subset_input_t *input, unsigned value);
hb_subset_plan_t *hb_subset_plan_create_or_fail (hb_face_t *face, const hb_subset_input_t *input);
void hb_subset_plan_destroy (hb_subset_plan_t *plan);
const hb_map_t *hb_subset_plan_new_to_old_glyph_mapping (const hb_subset_plan_t *plan);
hb_face_t *hb_subset_plan_execute_or_fail (hb_subset_plan_t *plan);
"""
_NO_HINTING = 0x1
_RETAIN_GIDS = 0x2
_DESUBROUTINIZE = 0x4
_PASSTHROUGH_UNRECOGNIZED = 0x20
_NOTDEF_OUTLINE = 0x40
_NO_LAYOUT_CLOSURE = 0x200
_DROP_TABLE_SET = 3  # HB_SUBSET_SETS_DROP_TABLE_TAG
# Tables a PDF viewer never reads from an embedded CID font (layout, bitmaps, vertical metrics
# live in the PDF itself); WeasyPrint drops most of them too.
_DROP_TABLES = (
    "BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GDEF", "GPOS", "GSUB", "JSTF", "LTSH", "PCLT",
    "SVG ", "VORG", "vhea", "vmtx",
)  # fmt: skip
_POSTSCRIPT_NAME = 6


def tag(name: str) -> int:
    return int.from_bytes(name.encode("latin-1"), "big")


@cache
def _lib() -> tuple[FFI, Any, Any] | None:
    ffi = FFI()
    ffi.cdef(_CDEF)
    try:
        return ffi, ffi.dlopen("libharfbuzz.so.0"), ffi.dlopen("libharfbuzz-subset.so.0")
    except OSError:
        return None


def available() -> bool:
    return _lib() is not None


@dataclass(frozen=True)
class Subset:
    data: bytes  # the new font file
    new_gid: dict[int, int]  # old glyph id → new glyph id


class Face:
    """One face of a font file (an embedded font program, or a face of an installed .ttc)."""

    def __init__(self, blob: Any, index: int = 0):
        lib = _lib()
        assert lib is not None, "HarfBuzz is not available"
        self._ffi, self._hb, self._hbs = lib
        self._blob = self._ffi.gc(blob, self._hb.hb_blob_destroy)
        face = self._hb.hb_face_create(self._blob, index)
        self._face = self._ffi.gc(face, self._hb.hb_face_destroy)
        self._tables: dict[str, tuple[Any, memoryview]] = {}

    @classmethod
    def from_bytes(cls, data: bytes) -> Face:
        ffi, hb, _ = _lib() or (None, None, None)
        assert ffi is not None and hb is not None
        # DUPLICATE: HarfBuzz keeps its own copy, so ``data`` may be freed by Python.
        return cls(hb.hb_blob_create(data, len(data), 0, ffi.NULL, ffi.NULL))

    @classmethod
    def from_file(cls, path: Path | str, index: int = 0) -> Face:
        ffi, hb, _ = _lib() or (None, None, None)
        assert ffi is not None and hb is not None
        return cls(hb.hb_blob_create_from_file(str(path).encode()), index)

    @property
    def glyph_count(self) -> int:
        return int(self._hb.hb_face_get_glyph_count(self._face))

    def table(self, name: str) -> memoryview:
        """A table of the face, read in place (the face keeps it alive; a font file is mapped,
        not copied)."""
        if name not in self._tables:
            blob = self._ffi.gc(
                self._hb.hb_face_reference_table(self._face, tag(name)), self._hb.hb_blob_destroy
            )
            length = self._ffi.new("unsigned int *")
            pointer = self._hb.hb_blob_get_data(blob, length)
            view = (
                memoryview(self._ffi.buffer(pointer, length[0])) if length[0] else memoryview(b"")
            )
            self._tables[name] = (blob, view)
        return self._tables[name][1]

    def postscript_name(self) -> str | None:
        size = self._ffi.new("unsigned int *", 256)
        text = self._ffi.new("char[]", 256)
        length = self._hb.hb_ot_name_get_utf8(
            self._face, _POSTSCRIPT_NAME, self._ffi.NULL, size, text
        )
        if not length:
            return None
        return bytes(self._ffi.buffer(text, size[0])).decode("utf-8", "replace")

    def subset(self, glyphs: set[int], retain_gids: bool = False) -> Subset | None:
        """The face reduced to ``glyphs`` (and .notdef), without hinting; None if HarfBuzz
        refuses. With ``retain_gids`` every glyph keeps its id, so text showing those ids
        needs no rewriting."""
        ffi, hb, hbs = self._ffi, self._hb, self._hbs
        count = self.glyph_count
        wanted = {0} | {g for g in glyphs if g < count}
        spec = hbs.hb_subset_input_create_or_fail()
        if spec == ffi.NULL:
            return None
        spec = ffi.gc(spec, hbs.hb_subset_input_destroy)
        glyph_set = hbs.hb_subset_input_glyph_set(spec)
        for gid in sorted(wanted):
            hb.hb_set_add(glyph_set, gid)
        drop = hbs.hb_subset_input_set(spec, _DROP_TABLE_SET)
        for name in _DROP_TABLES:
            hb.hb_set_add(drop, tag(name))
        flags = _PASSTHROUGH_UNRECOGNIZED | _NOTDEF_OUTLINE | _NO_LAYOUT_CLOSURE | _NO_HINTING
        flags |= _DESUBROUTINIZE  # as WeasyPrint does; also smaller once the PDF is compressed
        if retain_gids:
            flags |= _RETAIN_GIDS
        hbs.hb_subset_input_set_flags(spec, flags)
        plan = hbs.hb_subset_plan_create_or_fail(self._face, spec)
        if plan == ffi.NULL:
            return None
        plan = ffi.gc(plan, hbs.hb_subset_plan_destroy)
        result = hbs.hb_subset_plan_execute_or_fail(plan)
        if result == ffi.NULL:
            return None
        result = ffi.gc(result, hb.hb_face_destroy)
        new_to_old = hbs.hb_subset_plan_new_to_old_glyph_mapping(plan)
        mapping: dict[int, int] = {}
        for new in range(hb.hb_face_get_glyph_count(result)):
            old = hb.hb_map_get(new_to_old, new)
            if old != 0xFFFFFFFF:  # HB_MAP_VALUE_INVALID: an empty slot kept by retain_gids
                mapping[old] = new
        if not wanted <= mapping.keys():
            return None
        data = self._bytes(ffi.gc(hb.hb_face_reference_blob(result), hb.hb_blob_destroy))
        return Subset(data, mapping) if data else None

    def _bytes(self, blob: Any) -> bytes:
        length = self._ffi.new("unsigned int *")
        pointer = self._hb.hb_blob_get_data(blob, length)
        return bytes(self._ffi.buffer(pointer, length[0])) if length[0] else b""


def identity(face: Face) -> str | None:
    """Names the installed face a font program was cut from, and survives subsetting.

    The PostScript name plus the revision and the creation/modification times of its ``head``
    table: HarfBuzz keeps both when subsetting, and every face of a .ttc collection has its own.
    """
    name = face.postscript_name()
    head = face.table("head")
    if not name or len(head) < 36:
        return None
    return f"{name}|{bytes(head[4:8]).hex()}|{bytes(head[20:36]).hex()}"
