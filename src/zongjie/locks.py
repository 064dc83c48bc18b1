"""One process at a time: an exclusive lock on a file, refused at once when another holds it."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from zongjie.errors import CommandError


@contextmanager
def exclusive(lock: Path, busy: str, hint: str) -> Iterator[None]:
    """Hold ``lock`` for the block; if another process holds it, ``CommandError(busy)``."""
    with open(lock, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CommandError(busy, hint=hint) from None
        yield
