"""The MkDocs implementation in use: MkDocs 1.6 or properdocs 1.6, its maintained continuation.

properdocs ships the same API under ``properdocs.*`` and, once ``properdocs.replacement`` is
imported, serves every ``mkdocs.*`` import from it; Material and our hooks then run unchanged.
Two things differ and are handled here: which package provides the API, and which logger
``--strict`` counts (each implementation counts warnings on its own top-level logger).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager


def _select() -> str:
    loaded = sys.modules.get("mkdocs")
    if loaded is not None:  # already chosen, e.g. by the ``properdocs`` command itself
        return loaded.__name__.split(".")[0]
    if importlib.util.find_spec("mkdocs") is not None:
        return "mkdocs"
    if importlib.util.find_spec("properdocs") is not None:
        importlib.import_module("properdocs.replacement")
        return "properdocs"
    raise ImportError("zongjie 需要 MkDocs 1.6 或 properdocs 1.6：pip install mkdocs==1.6.1")


NAME = _select()
"""``mkdocs`` or ``properdocs``: the package whose build, config and loggers are in use."""


def plugin_logger(name: str) -> logging.Logger:
    """A logger whose warnings the active implementation counts under ``--strict``."""
    return logging.getLogger(f"{NAME}.plugins.{name}")


def root_logger() -> logging.Logger:
    """The implementation's top logger. Under properdocs, legacy ``mkdocs.*`` loggers (Material
    logs there) are re-parented to it, as the ``properdocs`` command does, so they count too."""
    top = logging.getLogger(NAME)
    if NAME != "mkdocs":
        logging.getLogger("mkdocs").parent = top
    return top


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextmanager
def count_warnings() -> Iterator[_Counter]:
    """Count warnings logged during a build, as the implementation does for ``--strict``."""
    counter = _Counter()
    logger = root_logger()
    logger.addHandler(counter)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)
