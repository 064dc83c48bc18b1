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
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from zongjie import atomic

ENGINE_VERSION = "zongjie-pdf/2"  # 2: bare pages keep glyph ids, fonts embedded per document
MAX_AGE_DAYS = 30
REPORT_FILES = ("bare.pdf", "pdf", "json")  # what ``entry`` keeps for one rendered report


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

    def prune(self, max_age_days: int = MAX_AGE_DAYS, reports_only: bool = False) -> int:
        """Delete entries unused by this build and untouched for ``max_age_days``.

        ``reports_only``: a shard keeps whatever only a bind uses (parts, archives), which may
        live in the same folder when runners share one."""
        cutoff = time.time() - max_age_days * 86400
        removed = 0
        for path in self.dir.glob("??/*"):
            key, _, kind = path.name.partition(".")
            if key in self.used or (reports_only and kind not in REPORT_FILES):
                continue
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except OSError:
                pass
        return removed
