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

from . import stamps as stamping
from . import xmp
from .subset import compact_fonts

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
    """Only local files and data: URLs. The intranet has no internet, and a PDF must not wait for it."""
    from weasyprint import default_url_fetcher  # noqa: PLC0415

    if url.startswith(("file:", "data:")):
        return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
    raise FetchError(f"不载入外部资源：{url}")


_css: dict[int, Any] = {}
_state: dict[str, Any] = {}


def _stylesheet(css: str) -> Any:
    from weasyprint import CSS  # noqa: PLC0415

    key = hash(css)
    if key not in _css:
        _css.clear()
        _css[key] = CSS(string=css, font_config=_font_config())
    return _css[key]


def _font_config() -> Any:
    if "fonts" not in _state:
        from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415

        _state["fonts"] = FontConfiguration()
    return _state["fonts"]


def _stamps(path: str) -> Any:
    import pikepdf  # noqa: PLC0415

    if _state.get("stamps_path") != path:
        _state["stamps"] = pikepdf.open(path)
        _state["stamps_path"] = path
    return _state["stamps"]


def render_pdf(html: str, css: str, fields: xmp.ArchiveFields) -> tuple[Any, int]:
    """HTML → PDF/A-2u (pikepdf) with the archive XMP and compact fonts, and its page count."""
    from weasyprint import HTML  # noqa: PLC0415

    document = HTML(string=html, url_fetcher=local_url_fetcher).render(
        stylesheets=[_stylesheet(css)], font_config=_font_config())
    xmp.install(document.metadata, fields)
    # Uncompressed: the fonts are replaced below anyway, and pikepdf compresses everything on save.
    pdf = stamping.open_pdf(document.write_pdf(pdf_variant=PDF_VARIANT, uncompressed_pdf=True))
    compact_fonts(pdf)
    return pdf, len(document.pages)


def to_bytes(pdf: Any) -> bytes:
    """Deterministic serialisation: the same content always gives the same bytes."""
    import pikepdf  # noqa: PLC0415

    buffer = io.BytesIO()
    pdf.save(buffer, deterministic_id=True, compress_streams=True,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return buffer.getvalue()


def save(pdf: Any, path: Path | str) -> None:
    write_atomic(path, to_bytes(pdf))


def write_atomic(path: Path | str, data: bytes) -> None:
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)


def run_job(job: RenderJob) -> RenderResult:
    start, cpu = time.perf_counter(), time.process_time()
    try:
        pdf, pages = render_pdf(job.html, job.css, job.fields)
        write_atomic(job.bare, to_bytes(pdf))
        stamping.apply(pdf, _stamps(job.stamps))
        save(pdf, job.final)
    except Exception:  # noqa: BLE001 (reported to the main process with the report's name)
        return RenderResult(job.key, job.label, error=traceback.format_exc(limit=4))
    return RenderResult(job.key, job.label, pages, time.perf_counter() - start,
                        time.process_time() - cpu)


def run_all(jobs: list[RenderJob], workers: int,
            on_result: Callable[[RenderResult], None] | None = None) -> list[RenderResult]:
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
    env = os.environ.get("ZONGJIE_PDF_JOBS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
