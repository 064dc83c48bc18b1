"""Content-hash cache of rendered PDFs (``.cache/zongjie-pdf/`` under the project root).

The key hashes everything the bytes depend on: the print HTML, the CSS, the installed font
files, referenced images, the stamp file and the versions of the engine, WeasyPrint and
pikepdf. A report is rendered again only when one of these changes; any other build copies the
cached files. Every file is written atomically under its key, so several processes (the shards of
``zongjie pdf render``) may fill one cache at the same time.

Each cached PDF has a small JSON record beside it: its page count, SHA-256 and size, so a build
that changes nothing never reads a PDF (the archive manifest takes the checksums from there).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from zongjie import atomic

ENGINE_VERSION = "zongjie-pdf/3"  # 2: bare pages keep glyph ids, fonts per document; 3: tagged
MAX_AGE_DAYS = 30
REPORT_FILES = ("bare.pdf", "pdf", "json", "prepared.json")  # a rendered report and its memo


def engine_signature() -> str:
    return "|".join((ENGINE_VERSION, version("weasyprint"), version("pikepdf"), version("pydyf")))


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class Facts:
    """What the archive and the volumes need to know about a PDF without opening it."""

    pages: int
    sha256: str
    size: int


@dataclass(frozen=True)
class Record:
    """A cached PDF and its JSON record."""

    pdf: Path
    meta: Path

    def facts(self) -> Facts | None:
        try:
            data = json.loads(self.meta.read_text(encoding="utf-8"))
            return Facts(int(data["pages"]), str(data["sha256"]), int(data["bytes"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def complete(self) -> bool:
        return self.pdf.is_file() and self.facts() is not None

    def record(self, facts: Facts, label: str) -> None:
        """Written after the PDF, so a record always describes a finished file."""
        body = {"pages": facts.pages, "sha256": facts.sha256, "bytes": facts.size}
        atomic.write_text(self.meta, json.dumps({**body, "source": label}, ensure_ascii=False))


@dataclass(frozen=True)
class Entry:
    """A rendered report: its bare pages (for binding) and its own numbered PDF."""

    key: str
    bare: Path
    final: Record

    def complete(self) -> bool:
        return self.bare.is_file() and self.final.complete()


class PdfCache:
    def __init__(self, folder: Path):
        self.dir = folder
        self.dir.mkdir(parents=True, exist_ok=True)
        self.used: set[str] = set()

    def entry(self, key: str) -> Entry:
        self.used.add(key)
        sub = self._folder(key)
        return Entry(key, sub / f"{key}.bare.pdf", Record(sub / f"{key}.pdf", sub / f"{key}.json"))

    def record(self, key: str, kind: str) -> Record:
        """A bound PDF (``part``, ``index``) or a piece of one, with its record."""
        self.used.add(key)
        sub = self._folder(key)
        return Record(sub / f"{key}.{kind}.pdf", sub / f"{key}.{kind}.json")

    def path(self, name: str) -> Path:
        """A single cached artefact (stamps, archive) named by its key."""
        self.used.add(name.split(".", 1)[0])
        return self._folder(name) / name

    def _folder(self, name: str) -> Path:
        sub = self.dir / name[:2]
        sub.mkdir(exist_ok=True)
        return sub

    def prune_daily(self, reports_only: bool = False) -> int:
        """:meth:`prune`, at most once a day: listing a province's cache takes a while."""
        marker = self.dir / ".pruned"
        try:
            if marker.stat().st_mtime > time.time() - 86400:
                return 0
        except OSError:
            pass
        removed = self.prune(reports_only=reports_only)
        marker.touch()
        return removed

    def prune(self, max_age_days: int = MAX_AGE_DAYS, reports_only: bool = False) -> int:
        """Delete entries no build has used for ``max_age_days``; the number of files deleted.

        An entry's age is that of its newest file. Using an entry refreshes its JSON records
        (at most daily; never a PDF, whose time a web server reports as Last-Modified), so
        builds sharing the cache (the public and the restricted site, several branches) keep
        each other's entries. ``reports_only``: a shard leaves what only a bind uses (parts,
        archives), which may live in the same folder when runners share one."""
        now = time.time()
        newest: dict[str, float] = {}
        files: dict[str, list[Path]] = {}
        for path in self.dir.glob("??/*"):
            key = path.name.split(".", 1)[0]
            try:
                mtime = path.stat().st_mtime
                if key in self.used and path.suffix == ".json" and mtime < now - 86400:
                    os.utime(path)
            except OSError:
                continue  # another build removed it meanwhile
            newest[key] = max(newest.get(key, 0.0), mtime)
            files.setdefault(key, []).append(path)
        cutoff = now - max_age_days * 86400
        removed = 0
        for key, paths in files.items():
            if key in self.used or newest[key] >= cutoff:
                continue
            for path in paths:
                if reports_only and path.name.split(".", 1)[1] not in REPORT_FILES:
                    continue
                path.unlink(missing_ok=True)
                removed += 1
        return removed
