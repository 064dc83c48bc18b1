"""Page numbers ("— n —") stamped onto rendered pages.

Reports are rendered once without page numbers. A single stamp file (page k shows "— k —" at the
GB/T 9704 position) is laid over them: over pages 1…n for the report's own PDF, and over the
continuous body pages of the campaign volume. So the volume reuses every cached report unchanged
and still has one continuous pagination matching its table of contents. Page numbers are
pagination artifacts: screen readers skip them, as they skip a printed book's folios.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zongjie.pdf.tagged import PAGINATION
from zongjie.pdf.weasy import local_url_fetcher, open_pdf, to_bytes

if TYPE_CHECKING:
    import pikepdf

    from zongjie.pdf.shared_fonts import FaceTable

STAMP_NAME = "/ZjPageNumber"
STAMP_VARIANT = "pdf/a-2u"
"""Untagged: a stamp is drawn inside a pagination artifact, which holds no tagged content."""
STAMP_BLOCK = 200
"""Stamp files are made in blocks of this many pages, so a longer report rarely invalidates them."""


def stamp_pages_needed(pages: int) -> int:
    return max(STAMP_BLOCK, -(-pages // STAMP_BLOCK) * STAMP_BLOCK)


def render_stamps(html: str, faces: FaceTable) -> bytes:
    """The stamp file, bare like every laid-out page: its digits are embedded with the font of
    the PDF they are stamped on (``shared_fonts``)."""
    from weasyprint import HTML

    from zongjie.pdf.shared_fonts import detach
    from zongjie.pdf.subset import compact_fonts

    pdf = open_pdf(
        HTML(string=html, url_fetcher=local_url_fetcher()).write_pdf(pdf_variant=STAMP_VARIANT)
    )
    detach(pdf, faces)
    compact_fonts(pdf)
    return to_bytes(pdf)


def apply(pdf: pikepdf.Pdf, stamps: pikepdf.Pdf, first: int = 0, start: int = 1) -> None:
    """Overlay stamp ``start``, ``start+1``… on ``pdf`` pages from index ``first`` to the end."""
    count = len(pdf.pages) - first
    if start - 1 + count > len(stamps.pages):
        raise ValueError(f"页码模板只有 {len(stamps.pages)} 页，需要 {start - 1 + count} 页")
    import pikepdf

    for offset in range(count):
        page = pdf.pages[first + offset]
        # Pages may share one resource dictionary, so each number gets its own fixed name
        # (pikepdf's add_overlay picks random names, which would make the bytes irreproducible).
        name = pikepdf.Name(f"{STAMP_NAME}{start + offset}")
        form = pdf.copy_foreign(stamps.pages[start - 1 + offset].as_form_xobject())
        page.add_resource(form, pikepdf.Name.XObject, name)
        page.contents_add(b"q\n", prepend=True)
        page.contents_add(b"\nQ\n" + PAGINATION + b"q " + bytes(name) + b" Do Q\nEMC\n")
