"""Fonts embedded once per face and document: a report, or a part (分册) binding 100 of them.

WeasyPrint embeds a font per document, so a part that simply concatenated its reports' PDFs
would carry every face once per report. Instead, every page WeasyPrint lays out is kept
"bare" (:func:`detach`): its text still shows the installed face's own glyph ids, and each font
cut from an installed face keeps its widths and ToUnicode map but, instead of a program, only
the name of that face. When a PDF is published, a report or a whole part, :func:`embed`
gathers every font of the same face, subsets the installed face once for the union of their
glyphs and points them all at that one program, width table and ToUnicode map. No page
content is rewritten, so binding a part costs little more than copying its pages:

* a CFF face whose CIDs are its glyph ids (Noto CJK) is embedded as a bare CFF program that
  keeps those CIDs in its charset (``cff.py`` explains why every viewer then agrees);
* a TrueType face gets a renumbered subset and a /CIDToGIDMap from the old ids to the new;
* any other CFF face keeps its glyph ids (empty slots in between) with an identity charset.

A font from a face outside the configured families (a rare fallback chosen by fontconfig) is
compacted in place (``subset.py``) and stays with its report. A face is named by
:func:`zongjie.pdf.harfbuzz.identity` and found through the installed files of the configured
families (:func:`installed_faces`); those files are part of every cache key, so pages are
always embedded with the fonts they were laid out with.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pikepdf

from zongjie.pdf import cff, cidfont
from zongjie.pdf.harfbuzz import Face, available, identity

MARK = pikepdf.Name("/ZjFace")
"""FontDescriptor key of a bare font: the identity of the installed face it needs."""


@dataclass(frozen=True)
class InstalledFace:
    path: str
    index: int
    kind: Literal["cff", "cff-keep-ids", "truetype"]
    """How :func:`embed` embeds it (see the module docstring)."""


FaceTable = Mapping[str, InstalledFace]
"""Face identity → the installed face."""


class MissingFace(ValueError):
    """A bare page needs a face that is not installed here."""


def installed_faces(files: Iterable[tuple[str, int]]) -> dict[str, InstalledFace]:
    """Identity → face for the given (file, index) pairs; the first file wins a duplicate."""
    if not available():
        return {}
    table: dict[str, InstalledFace] = {}
    for path, index in sorted(set(files)):
        if not Path(path).is_file():
            continue
        face = Face.from_file(path, index)
        name = identity(face)
        if name is None or name in table:
            continue
        program = face.table("CFF ")
        if not program:
            kind: Literal["cff", "cff-keep-ids", "truetype"] = "truetype"
        else:
            kind = "cff" if cff.cids_are_gids(program) else "cff-keep-ids"
        table[name] = InstalledFace(path, index, kind)
    return table


def detach(pdf: pikepdf.Pdf, faces: Collection[str]) -> int:
    """Replace the program of every font cut from one of ``faces`` by the face's name;
    the number of fonts detached."""
    detached = 0
    if not faces:  # no HarfBuzz, or no configured font installed: each PDF keeps its own
        return detached
    for font in cidfont.type0_fonts(pdf):
        program_key = _program_key(font)
        if program_key is None:
            continue
        descriptor = font.DescendantFonts[0].FontDescriptor
        name = identity(Face.from_bytes(descriptor[program_key].read_bytes()))
        if name is not None and name in faces:
            del descriptor[program_key]
            descriptor[MARK] = pikepdf.String(name)
            detached += 1
    return detached


def embed(pdf: pikepdf.Pdf, faces: FaceTable) -> int:
    """Give every detached font of ``pdf`` one shared program per face; the number of faces."""
    groups: dict[str, list[Any]] = {}
    for font in cidfont.type0_fonts(pdf):
        descriptor = font.DescendantFonts[0].FontDescriptor
        if MARK in descriptor:
            groups.setdefault(str(descriptor[MARK]), []).append(font)
    for name, fonts in sorted(groups.items()):
        if name not in faces:
            raise MissingFace(name.split("|", 1)[0])
        _share(pdf, fonts, faces[name])
    return len(groups)


def _share(pdf: pikepdf.Pdf, fonts: list[Any], face: InstalledFace) -> None:
    widths: dict[int, Any] = {}
    unicode: dict[int, bytes] = {}
    for font in fonts:
        for gid, width in cidfont.widths(font.DescendantFonts[0].get("/W", [])).items():
            widths.setdefault(gid, width)
        if "/ToUnicode" in font:
            for gid, text in cidfont.to_unicode(font.ToUnicode.read_bytes()).items():
                unicode.setdefault(gid, text)
    source = Face.from_file(face.path, face.index)
    subset = source.subset(set(widths), retain_gids=face.kind == "cff-keep-ids")
    if subset is None:
        raise MissingFace(f"{face.path}（HarfBuzz 无法子集化）")
    template = fonts[0].DescendantFonts[0]
    cid_font = pikepdf.Dictionary(dict(template.items()))
    descriptor = pikepdf.Dictionary(
        {k: v for k, v in template.FontDescriptor.items() if k != str(MARK)}
    )
    if face.kind == "truetype":
        program = pdf.make_stream(subset.data, Length1=len(subset.data))
        descriptor.FontFile2 = program
        cid_font.CIDToGIDMap = pdf.make_stream(_cid_to_gid(subset.new_gid))
    elif face.kind == "cff":
        where = cff.table(subset.data, b"CFF ")
        if where is None:
            raise MissingFace(f"{face.path}（子集中没有 CFF 表）")
        start, length = where
        program = pdf.make_stream(subset.data[start : start + length])
        program.Subtype = pikepdf.Name.CIDFontType0C
        descriptor.FontFile3 = program
    else:
        program = pdf.make_stream(cff.identity_charset(subset.data))
        program.Subtype = pikepdf.Name.OpenType
        descriptor.FontFile3 = program
    tag = _tag(template, sorted(widths))
    descriptor.FontName = tag
    cid_font.BaseFont = tag
    cid_font.FontDescriptor = pdf.make_indirect(descriptor)
    cid_font.W = pdf.make_indirect(cidfont.width_array(widths))
    shared = pdf.make_indirect(cid_font)
    cmap = pdf.make_stream(cidfont.to_unicode_cmap(unicode))
    for font in fonts:
        font.BaseFont = tag
        font.DescendantFonts = pikepdf.Array([shared])
        font.ToUnicode = cmap


def _cid_to_gid(new_gid: dict[int, int]) -> bytes:
    """A /CIDToGIDMap stream: for each CID (the old glyph id), its glyph in the subset."""
    table = [0] * (max(new_gid) + 1)
    for old, new in new_gid.items():
        table[old] = new
    return struct.pack(f">{len(table)}H", *table)


def _program_key(font: Any) -> str | None:
    """Where the font's program is, for the two kinds WeasyPrint embeds (CFF and TrueType)."""
    if font.get("/Encoding") != "/Identity-H":
        return None
    cid_font = font.DescendantFonts[0]
    descriptor = cid_font.get("/FontDescriptor")
    if descriptor is None:
        return None
    if cid_font.get("/Subtype") == "/CIDFontType0":
        program = descriptor.get("/FontFile3")
        opentype = program is not None and program.get("/Subtype") == "/OpenType"
        return "/FontFile3" if opentype else None
    if cid_font.get("/Subtype") == "/CIDFontType2" and cid_font.get("/CIDToGIDMap") == "/Identity":
        return "/FontFile2" if "/FontFile2" in descriptor else None
    return None


def _tag(template: Any, glyphs: list[int]) -> pikepdf.Name:
    """A subset tag (six capitals, ISO 32000 9.6.4) that depends only on the face and glyphs,
    so embedding the same pages twice gives the same bytes."""
    base = str(template.BaseFont).lstrip("/").split("+", 1)[-1]
    digest = hashlib.sha256(f"{base}:{glyphs}".encode()).digest()
    return pikepdf.Name("/" + "".join(chr(65 + b % 26) for b in digest[:6]) + "+" + base)
