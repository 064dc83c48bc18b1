"""Page history from git: the last commit date and author of each report.

One ``git log`` call per build reads the whole history of ``docs/`` and ``data/``,
so a 1,000-report site costs no more than a small one. Dates are the committer
dates recorded in git (never the build time), so the same checkout always
builds the same pages. Outside a git checkout, or without git, there is simply
no history and the build goes on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from zongjie.data.yamlfile import relpath
from zongjie.framework import plugin_logger
from zongjie.git import git

if TYPE_CHECKING:
    from zongjie.data.content import Content, ReportEntry

log = plugin_logger("zongjie")


@dataclass(frozen=True)
class Revision:
    order: int
    """0 for the newest commit; smaller is newer."""
    date: dt.date
    author: str


def load_history(root: Path, folders: tuple[str, ...] = ("docs", "data")) -> dict[str, Revision]:
    """Latest revision of every file under ``folders``, keyed by path relative to ``root``."""
    out = git(
        root,
        "log",
        "--format=%x00%cs%x09%an",
        "--name-only",
        "--no-renames",
        "--relative",
        "--",
        *folders,
    )
    if out is None:
        log.debug("不在 git 仓库中，页面不显示修改历史")
        return {}
    history: dict[str, Revision] = {}
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


def latest(history: dict[str, Revision], paths: list[str]) -> Revision | None:
    found = [history[p] for p in paths if p in history]
    return min(found, key=lambda r: r.order) if found else None


def page_meta(revision: Revision | None) -> dict[str, str]:
    """``page.meta`` entries read by ``overrides/zongjie/page_history.html``."""
    if revision is None:
        return {}
    d = revision.date
    return {
        "zj_updated": d.isoformat(),
        "zj_updated_cn": f"{d.year}年{d.month}月{d.day}日",
        "zj_author": revision.author,
    }


def report_meta(
    history: dict[str, Revision], content: Content, report: ReportEntry
) -> dict[str, str]:
    """History of a report page: the newer of its narrative and its data file."""
    sources = [relpath(content.docs_dir / report.page_src, content.root), report.doc.path]
    return page_meta(latest(history, sources))
