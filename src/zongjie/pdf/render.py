"""Work done in worker processes: laying out pages with WeasyPrint, and binding parts.

Jobs carry finished HTML and CSS strings and file paths, so workers need neither MkDocs nor
Jinja. Everything WeasyPrint lays out is kept "bare" first (fonts detached, see
``shared_fonts.py``); a PDF is published by embedding its fonts, once per face, and writing it
with its SHA-256. Each worker parses a stylesheet once and keeps its font configuration and
stamp file open across jobs.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import hashlib
import logging
import os
import time
import traceback
import zlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import ExitStack
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any, TypeVar

from zongjie import atomic
from zongjie.pdf import shared_fonts, tagged, xmp
from zongjie.pdf import stamps as stamping
from zongjie.pdf import volume as volumes
from zongjie.pdf.cache import Facts
from zongjie.pdf.subset import compact_fonts
from zongjie.pdf.weasy import local_url_fetcher, open_pdf, to_bytes

PDF_VARIANT = "pdf/a-2a"
"""Tagged PDF/A-2 (level A); ``xmp.py`` adds the PDF/UA-1 claim that WeasyPrint's ``pdf/ua-1``
would write, which cannot be asked for together with PDF/A."""
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one INFO line per layout step


@dataclass(frozen=True)
class Document:
    """What WeasyPrint lays out: print HTML, the 公文 CSS and the archive metadata."""

    html: str
    css: str
    fields: xmp.ArchiveFields
    site: str = ""
    """The built site, whose files the HTML names as ``zj-site:`` (``document.SITE_SCHEME``)."""


@dataclass(frozen=True)
class ReportJob:
    key: str
    label: str  # for messages: docs/campaigns/x/y.md
    page: bytes  # the print HTML, compressed: a cold build holds thousands of these at once
    css: str
    fields: xmp.ArchiveFields
    stamps: str  # path of the (bare) stamp PDF
    bare: str  # output: pages without numbers, fonts detached (for binding)
    final: str  # output: the report's own PDF (numbered)
    faces: shared_fonts.FaceTable

    site: str = ""  # the built site (Document.site)

    @classmethod
    def of(cls, key: str, label: str, doc: Document, **paths: Any) -> ReportJob:
        page = zlib.compress(doc.html.encode(), 6)
        return cls(key, label, page, doc.css, doc.fields, **paths, site=doc.site)

    @property
    def doc(self) -> Document:
        return Document(zlib.decompress(self.page).decode(), self.css, self.fields, self.site)


@dataclass(frozen=True)
class Piece:
    """Pages bound into a volume: a cached bare PDF, rendered first if ``doc`` is given."""

    title: str  # its bookmark
    bare: str
    doc: Document | None = None


@dataclass(frozen=True)
class BindJob:
    """A part (分册), a single volume or an index volume: front matter + pieces, numbered."""

    key: str
    label: str  # for messages: 活动 第3册
    front: Piece  # cached too: a report edited without a new page count leaves it as it was
    pieces: tuple[Piece, ...]
    stamps: str
    out: str
    faces: shared_fonts.FaceTable


@dataclass(frozen=True)
class JobResult:
    key: str
    label: str
    facts: Facts | None = None  # of the published PDF
    body_pages: int = 0  # pages WeasyPrint laid out (a report), or pages after the front (a part)
    seconds: float = 0.0  # wall time of the job inside its worker
    cpu: float = 0.0  # CPU time of the job (without time spent waiting for a busy CPU)
    error: str | None = None


_css: dict[int, Any] = {}
_state: dict[str, Any] = {}


def _stylesheet(css: str) -> Any:
    from weasyprint import CSS

    key = hash(css)
    if key not in _css:
        _css.clear()
        _css[key] = CSS(string=css, font_config=_font_config())
    return _css[key]


def _font_config() -> Any:
    if "fonts" not in _state:
        from weasyprint.text.fonts import FontConfiguration

        _state["fonts"] = FontConfiguration()
    return _state["fonts"]


def _stamps(path: str) -> Any:
    import pikepdf

    if _state.get("stamps_path") != path:
        _state["stamps"] = pikepdf.open(path)
        _state["stamps_path"] = path
    return _state["stamps"]


def lay_out(doc: Document, faces: shared_fonts.FaceTable) -> tuple[Any, int]:
    """HTML → bare, tagged PDF/A-2a pages (pikepdf) with the archive XMP, and the page count."""
    from weasyprint import HTML

    tagged.note_sources()
    document = HTML(string=doc.html, url_fetcher=local_url_fetcher(doc.site)).render(
        stylesheets=[_stylesheet(doc.css)], font_config=_font_config()
    )
    xmp.install(document.metadata, doc.fields)
    # Uncompressed: the fonts are replaced below anyway, and pikepdf compresses on save.
    pdf = open_pdf(document.write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=True))
    tagged.tidy(pdf)
    shared_fonts.detach(pdf, faces)
    compact_fonts(pdf)  # the fonts of faces outside the table stay, made small
    return pdf, len(document.pages)


def publish(pdf: Any, faces: shared_fonts.FaceTable, path: str | Path) -> Facts:
    """Embed the fonts of ``pdf`` and write it; its page count, SHA-256 and size."""
    shared_fonts.embed(pdf, faces)
    data = to_bytes(pdf)
    atomic.write_bytes(path, data)
    return Facts(len(pdf.pages), hashlib.sha256(data).hexdigest(), len(data))


def run_report(job: ReportJob) -> JobResult:
    """Bare pages for the volumes, then the report's own PDF: fonts embedded, pages numbered."""
    start, cpu = time.perf_counter(), time.process_time()
    try:
        pdf, pages = lay_out(job.doc, job.faces)
        atomic.write_bytes(job.bare, to_bytes(pdf))
        stamping.apply(pdf, _stamps(job.stamps))
        facts = publish(pdf, job.faces, job.final)
        del pdf
        _release_memory()
    except Exception:  # noqa: BLE001 (reported to the main process with the report's name)
        return JobResult(job.key, job.label, error=traceback.format_exc(limit=4))
    return JobResult(
        job.key, job.label, facts, pages, time.perf_counter() - start, time.process_time() - cpu
    )


def run_bind(job: BindJob) -> JobResult:
    """Front matter, then every piece's cached pages (rendering any piece not yet cached),
    numbered from 1 after the front, fonts embedded once per face."""
    import pikepdf

    start, cpu = time.perf_counter(), time.process_time()
    try:
        for piece in (job.front, *job.pieces):
            if piece.doc is not None and not Path(piece.bare).is_file():
                rendered, _ = lay_out(piece.doc, job.faces)
                atomic.write_bytes(piece.bare, to_bytes(rendered))
        with ExitStack() as open_files:
            front = open_files.enter_context(pikepdf.open(job.front.bare))
            sources = [
                volumes.Source(p.title, open_files.enter_context(pikepdf.open(p.bare)))
                for p in job.pieces
            ]
            volume, first_body = volumes.assemble(front, sources, _stamps(job.stamps))
            facts = publish(volume, job.faces, job.out)
            del volume, front, sources
        _release_memory()
    except Exception:  # noqa: BLE001 (reported to the main process with the volume's name)
        return JobResult(job.key, job.label, error=traceback.format_exc(limit=4))
    return JobResult(
        job.key,
        job.label,
        facts,
        facts.pages - first_body,
        time.perf_counter() - start,
        time.process_time() - cpu,
    )


J = TypeVar("J")
R = TypeVar("R")


def run_all(
    func: Callable[[J], R], jobs: Sequence[J], workers: int, weight: Callable[[J], int]
) -> Iterator[R]:
    """``func`` over ``jobs`` in a process pool, heaviest first; in-process for one job or
    one worker. Results arrive as jobs finish."""
    if not jobs:
        return
    workers = max(1, min(workers, len(jobs)))
    if workers == 1:
        yield from map(func, jobs)
        return
    # fork: workers start in milliseconds with WeasyPrint already imported by the parent.
    # Freezing the parent's objects first keeps the children's garbage collector from touching
    # (and so copying) every page of the parent's heap.
    import weasyprint  # noqa: F401

    _release_memory()
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
            futures = [pool.submit(func, job) for job in sorted(jobs, key=weight, reverse=True)]
            for future in as_completed(futures):
                yield future.result()
    finally:
        gc.unfreeze()


def _release_memory() -> None:
    """Give freed heap back to the system (glibc keeps it otherwise): before forking, so the
    workers do not start with the site build's garbage, and after each job in a worker."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def default_workers() -> int:
    """Every CPU this process may use (the ``pdf.jobs`` setting overrides it)."""
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
