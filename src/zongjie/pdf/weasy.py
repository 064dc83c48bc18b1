"""The WeasyPrint and pikepdf primitives every PDF job shares: fetching only local files,
opening laid-out bytes, and writing a PDF deterministically (the same content, the same bytes).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from zongjie.pdf.document import SITE_SCHEME

if TYPE_CHECKING:
    import pikepdf


class FetchError(ValueError):
    pass


def local_url_fetcher(site: str = "") -> Any:
    """A WeasyPrint fetcher of local files and data: URLs only (the intranet has no internet; a
    PDF must not wait for it), and of the files of the built ``site`` named ``zj-site:path``.
    One per document: a fetcher keeps the request it is serving."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith(SITE_SCHEME) and site:
                path = (Path(site) / unquote(url[len(SITE_SCHEME) :])).resolve()
                if not path.is_relative_to(Path(site)) or not path.is_file():
                    raise FetchError(f"站点中没有这个文件：{url}")
                return URLFetcherResponse(url, path.read_bytes())
            if not url.startswith(("file:", "data:")):
                raise FetchError(f"不载入外部资源：{url}")
            return super().fetch(url, headers)

    return LocalFetcher(allowed_protocols=("file", "data", SITE_SCHEME[:-1]))


def open_pdf(data: bytes) -> pikepdf.Pdf:
    import pikepdf

    return pikepdf.open(io.BytesIO(data))


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
