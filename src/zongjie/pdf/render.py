"""Rendering in worker processes: WeasyPrint → PDF/A-2u, archive XMP, page-number stamps.

Jobs carry finished HTML and CSS strings, so workers need neither MkDocs nor Jinja. Each worker
parses a stylesheet once and keeps its font configuration and stamp file open across jobs.
"""

from __future__ import annotations

import io
import logging
import os
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from zongjie import atomic
from zongjie.pdf import stamps as stamping
from zongjie.pdf import xmp
from zongjie.pdf.subset import compact_fonts

PDF_VARIANT = "pdf/a-2u"
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # one INFO line per layout step


@dataclass(frozen=True)
class RenderJob:
    key: str
    label: str  # for messages: docs/campaigns/x/y.md
    html: str
    css: str
    fields: xmp.ArchiveFields
    stamps: str  # path of the stamp PDF
    bare: str  # output: pages without numbers (for the volume)
    final: str  # output: the report's own PDF (numbered)


@dataclass(frozen=True)
class RenderResult:
    key: str
    label: str
    pages: int = 0
    seconds: float = 0.0  # wall time of the job inside its worker
    cpu: float = 0.0  # CPU time of the job (without time spent waiting for a busy CPU)
    error: str | None = None


class FetchError(ValueError):
    pass


def local_url_fetcher(url: str, timeout: int = 10, ssl_context: Any = None) -> dict[str, Any]:
    """Only local files and data: URLs. The intranet has no internet; a PDF must not wait for it."""
    from weasyprint import default_url_fetcher

    if url.startswith(("file:", "data:")):
        fetched: dict[str, Any] = default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
        return fetched
    raise FetchError(f"不载入外部资源：{url}")


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


def render_pdf(html: str, css: str, fields: xmp.ArchiveFields) -> tuple[Any, int]:
    """HTML → PDF/A-2u (pikepdf) with the archive XMP and compact fonts, and its page count."""
    from weasyprint import HTML

    document = HTML(string=html, url_fetcher=local_url_fetcher).render(
        stylesheets=[_stylesheet(css)], font_config=_font_config()
    )
    xmp.install(document.metadata, fields)
    # Uncompressed: the fonts are replaced below anyway, and pikepdf compresses everything on save.
    pdf = stamping.open_pdf(document.write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=True))
    compact_fonts(pdf)
    return pdf, len(document.pages)


def to_bytes(pdf: Any) -> bytes:
    """Deterministic serialisation: the same content always gives the same bytes."""
    import pikepdf

    buffer = io.BytesIO()
    pdf.save(
        buffer,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )
    return buffer.getvalue()


def save(pdf: Any, path: Path | str) -> None:
    atomic.write_bytes(path, to_bytes(pdf))


def run_job(job: RenderJob) -> RenderResult:
    start, cpu = time.perf_counter(), time.process_time()
    try:
        pdf, pages = render_pdf(job.html, job.css, job.fields)
        atomic.write_bytes(job.bare, to_bytes(pdf))
        stamping.apply(pdf, _stamps(job.stamps))
        save(pdf, job.final)
    except Exception:  # noqa: BLE001 (reported to the main process with the report's name)
        return RenderResult(job.key, job.label, error=traceback.format_exc(limit=4))
    return RenderResult(
        job.key, job.label, pages, time.perf_counter() - start, time.process_time() - cpu
    )


def run_all(
    jobs: list[RenderJob], workers: int, on_result: Callable[[RenderResult], None] | None = None
) -> list[RenderResult]:
    """Render ``jobs`` in a process pool (in-process when there is only one job or one worker)."""
    results: list[RenderResult] = []
    for result in _iter_results(jobs, workers):
        results.append(result)
        if on_result:
            on_result(result)
    return results


def _iter_results(jobs: list[RenderJob], workers: int) -> Iterator[RenderResult]:
    if not jobs:
        return
    workers = max(1, min(workers, len(jobs)))
    if workers == 1:
        yield from map(run_job, jobs)
        return
    # fork: workers start in milliseconds with WeasyPrint already imported by the parent.
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
        futures = [pool.submit(run_job, job) for job in _longest_first(jobs)]
        for future in as_completed(futures):
            yield future.result()


def _longest_first(jobs: Iterable[RenderJob]) -> list[RenderJob]:
    return sorted(jobs, key=lambda j: -len(j.html))


def default_workers() -> int:
    """Every CPU this process may use (the ``pdf.jobs`` setting overrides it)."""
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )
