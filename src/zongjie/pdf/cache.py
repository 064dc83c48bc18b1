"""Content-hash cache of rendered PDFs (``.cache/zongjie-pdf/`` under the project root).

The key hashes everything the bytes depend on: the print HTML, the CSS, the resolved font files,
referenced images, the stamp file and the versions of the engine, WeasyPrint and pikepdf. A report
is rendered again only when one of these changes; any other build copies the cached files.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from zongjie import atomic

ENGINE_VERSION = "zongjie-pdf/1"
MAX_AGE_DAYS = 30


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
class Entry:
    key: str
    bare: Path
    final: Path
    meta: Path

    def pages(self) -> int | None:
        try:
            return int(json.loads(self.meta.read_text())["pages"])
        except (OSError, ValueError, KeyError):
            return None

    def complete(self) -> bool:
        return self.bare.is_file() and self.final.is_file() and self.pages() is not None

    def record(self, pages: int, label: str) -> None:
        atomic.write_text(
            self.meta, json.dumps({"pages": pages, "source": label}, ensure_ascii=False)
        )


class PdfCache:
    def __init__(self, folder: Path):
        self.dir = folder
        self.dir.mkdir(parents=True, exist_ok=True)
        self.used: set[str] = set()

    def entry(self, key: str) -> Entry:
        self.used.add(key)
        sub = self.dir / key[:2]
        sub.mkdir(exist_ok=True)
        return Entry(key, sub / f"{key}.bare.pdf", sub / f"{key}.pdf", sub / f"{key}.json")

    def path(self, name: str) -> Path:
        """A single cached artefact (stamps, volume, archive) named by its key."""
        self.used.add(name.split(".", 1)[0])
        sub = self.dir / name[:2]
        sub.mkdir(exist_ok=True)
        return sub / name

    def prune(self, max_age_days: int = MAX_AGE_DAYS) -> int:
        """Delete entries unused by this build and untouched for ``max_age_days``."""
        cutoff = time.time() - max_age_days * 86400
        removed = 0
        for path in self.dir.glob("??/*"):
            if path.name.split(".", 1)[0] in self.used:
                continue
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except OSError:
                pass
        return removed
