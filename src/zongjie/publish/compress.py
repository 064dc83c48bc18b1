"""Pre-compressed copies of text files (``x.html.gz``, ``x.html.br``) for nginx's
``gzip_static`` and ``brotli_static``: compressed once at publish time, at levels too slow to
run per request, instead of on every response.

A file that is byte-for-byte the same as in the previous release was hard-linked to it
(:mod:`zongjie.publish.reuse`); its compressed copies are linked too, so a release that changes
a few pages compresses only those.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from zongjie.atomic import replacing

Mode = Literal["standard", "max"]

# Text formats the site serves. Search index files (.bin) and PDFs are compressed already.
TEXT_SUFFIXES = frozenset(
    (".html", ".css", ".js", ".mjs", ".json", ".map", ".xml", ".svg", ".txt", ".csv", ".md", ".yml")
)
MIN_SIZE = 512  # below this the saving is smaller than the response headers
MAX_RATIO = 0.9  # keep a compressed copy only if it saves at least a tenth
ENCODINGS = {"gzip": ".gz", "br": ".br"}


@dataclass
class CompressStats:
    files: int = 0  # text files looked at
    written: int = 0  # compressed copies made in this run
    reused: int = 0  # text files whose compressed copies were linked from the previous release
    compressed: int = 0  # text files that have a .gz
    original_bytes: int = 0  # their size
    gzip_bytes: int = 0
    brotli_bytes: int = 0


def _gzip(data: bytes, mode: Mode) -> bytes:
    if mode == "max":
        import zopfli.gzip

        return bytes(zopfli.gzip.compress(data))
    return gzip.compress(data, compresslevel=9, mtime=0)  # mtime 0: same input, same bytes


def _brotli(data: bytes, mode: Mode) -> bytes:
    import brotli

    # Quality 9 costs nine times the time of 8 for 0.3 % fewer bytes (1,000-report site).
    return bytes(brotli.compress(data, quality=11 if mode == "max" else 8))


def _compress_one(path: str, mode: Mode, encodings: tuple[str, ...]) -> dict[str, int]:
    """Write the compressed copies of one file; returns ``{encoding: size}`` of those kept."""
    source = Path(path)
    data = source.read_bytes()
    makers: dict[str, Callable[[bytes, Mode], bytes]] = {"gzip": _gzip, "br": _brotli}
    kept: dict[str, int] = {}
    stat = source.stat()
    for encoding in encodings:
        packed = makers[encoding](data, mode)
        if len(packed) > len(data) * MAX_RATIO:
            continue
        target = _sibling(source, encoding)
        # Replaced, never written in place: the old copy may be a link into an older release.
        with replacing(target) as tmp:
            tmp.write_bytes(packed)
            os.utime(tmp, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same Last-Modified
        kept[encoding] = len(packed)
    return kept


def _sibling(source: Path, encoding: str) -> Path:
    return source.with_name(source.name + ENCODINGS[encoding])


def candidates(site: Path) -> list[Path]:
    return sorted(
        p
        for p in site.rglob("*")
        if p.suffix in TEXT_SUFFIXES and p.is_file() and p.stat().st_size >= MIN_SIZE
    )


def precompress(
    site: Path,
    mode: Mode,
    brotli: bool,
    reuse_from: Path | None = None,
    unchanged: Iterable[str] = (),
    jobs: int = 1,
) -> CompressStats:
    """Write ``.gz`` (and ``.br``) next to every text file of ``site``.

    ``unchanged`` are paths (relative to ``site``) hard-linked from ``reuse_from``, compressed
    there with the same ``mode``: their compressed copies are linked instead of recomputed.
    """
    encodings = ("gzip", "br") if brotli else ("gzip",)
    same = set(unchanged)
    stats = CompressStats()
    todo: list[tuple[Path, tuple[str, ...]]] = []
    for path in candidates(site):
        stats.files += 1
        rel = path.relative_to(site).as_posix()
        # The build may have written one itself (MkDocs' sitemap.xml.gz): that one stays.
        missing = [e for e in encodings if not _sibling(path, e).exists()]
        if reuse_from is not None and rel in same and missing:
            for encoding in list(missing):
                old = reuse_from / (rel + ENCODINGS[encoding])
                if old.is_file():
                    os.link(old, _sibling(path, encoding))
                    _count(stats, encoding, path, old.stat().st_size)
                    missing.remove(encoding)
            stats.reused += not missing
        if missing:
            todo.append((path, tuple(missing)))
    if not todo:
        return stats
    paths = [str(path) for path, _ in todo]
    wanted = [missing for _, missing in todo]
    if jobs > 1 and len(todo) > 8:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            sizes = list(pool.map(_compress_one, paths, [mode] * len(todo), wanted, chunksize=16))
    else:
        sizes = [_compress_one(p, mode, w) for p, w in zip(paths, wanted, strict=True)]
    for (path, _), kept in zip(todo, sizes, strict=True):
        for encoding, size in kept.items():
            stats.written += 1
            _count(stats, encoding, path, size)
    return stats


def _count(stats: CompressStats, encoding: str, source: Path, size: int) -> None:
    if encoding == "gzip":
        stats.compressed += 1
        stats.original_bytes += source.stat().st_size
        stats.gzip_bytes += size
    else:
        stats.brotli_bytes += size
