"""The canary sentence, written only into a restricted report, is nowhere in the public tree:
not in a page, a compressed copy, a search index file, a PDF or an archive member."""

from __future__ import annotations

from pathlib import Path

from .conftest import Served
from .publish_support import CANARY, CANARY_PAGE, PREFIX, files_containing, readable_texts


def _release(served: Served) -> Path:
    return (served.dest / "current").resolve()


def test_canary_only_in_the_restricted_tree(served: Served) -> None:
    site = _release(served)
    assert files_containing(site, CANARY, skip=PREFIX) == []
    # the scan is able to find it: in every form the restricted tree holds it
    found = files_containing(site / PREFIX, CANARY)
    assert f"{CANARY_PAGE}index.html" in found
    assert f"{CANARY_PAGE}index.html.gz" in found
    assert any(name.startswith("search/zongjie/s/") for name in found), found
    assert "pdf/dangshi-2021/u0001.pdf" in found
    assert "pdf/dangshi-2021.pdf" in found  # the campaign volume
    assert "pdf/dangshi-2021-archive.zip!dangshi-2021/reports/u0001.pdf" in found


def test_scanner_reads_every_container(tmp_path: Path) -> None:
    """The formats the scan opens, each with the canary inside, are all reported."""
    import gzip
    import io
    import zipfile
    import zlib

    import brotli

    text = f"<p>{CANARY}</p>".encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("inner/page.html", text)
    containers = {
        "a.html.gz": gzip.compress(text),
        "a.html.br": brotli.compress(text),
        "a.zip": buffer.getvalue(),
        "a.bin": zlib.compress(f'["{CANARY}"]'.encode()),
        "a.json": ('{"t": "' + CANARY.encode("unicode_escape").decode() + '"}').encode(),
        "a.html": "".join(f"&#{ord(c)};" for c in CANARY).encode(),
    }
    for name, data in containers.items():
        assert any(CANARY in t for _, t in readable_texts(name, data)), name
