"""File history from git: the last commit date and author of each content file.

One ``git log`` call reads the whole history of the docs and data folders, so a 1,000-report
site costs no more than a small one. Dates are the committer dates recorded in git (never the
build time), so the same checkout always gives the same answers. Outside a git checkout, or
without git, there is simply no history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zongjie.git import git
from zongjie.layout import ProjectLayout


@dataclass(frozen=True)
class Revision:
    order: int
    """0 for the newest commit; smaller is newer."""
    date: dt.date
    author: str


History = dict[str, Revision]
"""Latest revision of each file, keyed by its path relative to the project root."""


def load_history(layout: ProjectLayout) -> History | None:
    """Latest revision of every file in the docs and data folders; ``None`` outside git."""
    folders = [layout.rel(layout.docs_dir), layout.rel(layout.data_dir)]
    out = git(
        layout.root,
        "log",
        "--format=%x00%cs%x09%an",
        "--name-only",
        "--no-renames",
        "--relative",
        "--",
        *folders,
    )
    if out is None:
        return None
    history: History = {}
    for order, chunk in enumerate(out.split("\x00")[1:]):
        header, _, names = chunk.partition("\n")
        day, _, author = header.partition("\t")
        try:
            revision = Revision(order, dt.date.fromisoformat(day), author.strip())
        except ValueError:
            continue
        for name in names.splitlines():
            if name.strip():
                history.setdefault(name.strip(), revision)
    return history


def latest(history: History, paths: list[str]) -> Revision | None:
    found = [history[p] for p in paths if p in history]
    return min(found, key=lambda r: r.order) if found else None
