"""Parsed data files kept between builds, keyed by what the parse depends on.

Reading a data file with its line map costs milliseconds; at thousands of reports that is most
of a build that changed one file. A parse depends only on the file's bytes, its path in the
project (problems name it) and the code that parses it, so the key hashes exactly these: the
bytes, the path, the source of the ``zongjie`` package and the versions of Python and PyYAML.
An edited file, a moved file or a new release of the rules is read afresh; anything else is
taken from the cache, its warnings and errors included, so a cached build reports what a cold
one does.

The cache holds pickles, which run code when loaded, so it lives where only the user who builds
can write (``$XDG_CACHE_HOME/zongjie/data``, or ``ZONGJIE_DATA_CACHE``), never in the project,
where a commit could plant one. ``ZONGJIE_DATA_CACHE=off`` turns it off. A cache that cannot be
read or written only makes the build slower.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import platform
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

from zongjie import atomic

ENV = "ZONGJIE_DATA_CACHE"
MAX_AGE_DAYS = 30
PACKAGE = Path(__file__).resolve().parents[1]


def cache_dir() -> Path | None:
    configured = os.environ.get(ENV, "")
    if configured.lower() in ("off", "0", "no"):
        return None
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "zongjie" / "data"


@functools.cache
def code_signature() -> bytes:
    """The parsing code's identity: every module of the package, and the libraries it uses."""
    h = hashlib.sha256()
    for part in ("parse-cache/1", platform.python_version(), version("PyYAML")):
        h.update(part.encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        h.update(path.relative_to(PACKAGE).as_posix().encode())
        h.update(path.read_bytes())
    return h.digest()


def key(rel: str, raw: bytes) -> str:
    h = hashlib.sha256(code_signature())
    h.update(rel.encode())
    h.update(len(raw).to_bytes(8, "big"))
    h.update(raw)
    return h.hexdigest()


class ParseCache:
    def __init__(self, folder: Path | None):
        self.folder = folder
        self.pruned = False

    def _path(self, digest: str) -> Path:
        assert self.folder is not None
        return self.folder / digest[:2] / f"{digest}.pickle"

    def get(self, digest: str) -> Any | None:
        if self.folder is None:
            return None
        try:
            return pickle.loads(self._path(digest).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None

    def put(self, digest: str, value: object) -> None:
        if self.folder is None:
            return
        with contextlib.suppress(OSError, pickle.PicklingError):
            path = self._path(digest)
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic.write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            self._prune()

    def _prune(self) -> None:
        """Entries unused for a month go, at most once a day."""
        if self.pruned or self.folder is None:
            return
        self.pruned = True
        stamp = self.folder / ".pruned"
        now = time.time()
        with contextlib.suppress(OSError):
            if stamp.exists() and now - stamp.stat().st_mtime < 86400:
                return
            stamp.touch()
            for entry in self.folder.glob("*/*.pickle"):
                if now - entry.stat().st_mtime > MAX_AGE_DAYS * 86400:
                    entry.unlink()


_SHARED: dict[Path | None, ParseCache] = {}


def shared() -> ParseCache:
    """The cache the environment names now (a test or a fork of a server may change it)."""
    folder = cache_dir()
    return _SHARED.setdefault(folder, ParseCache(folder))
