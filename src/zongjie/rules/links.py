"""Links between the pages, checked as MkDocs checks them when it builds.

MkDocs warns about a link to a page that does not exist (``links.not_found``, a warning unless
``mkdocs.yml`` lowers it) and, when ``validation.anchors`` is ``warn``, about a link to a heading
or id that a page lacks. ``zongjie check`` must find what the build finds, so it reads the
same links from each page's HTML, resolves them as MkDocs does (relative to the page, ``.md``
targets and ``#anchors``), and reports them at the line and column that write them, in the
words of the build's (translated) warning. The build's own warning gets its line from
:func:`where`, the same search of the page's source.
"""

from __future__ import annotations

import html.parser
import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from zongjie.errors import Problem

LEVELS = {"ignore": 0, "info": 1, "warn": 2}
DEFAULTS = {"not_found": "warn", "anchors": "info"}
"""MkDocs 1.6's own levels, when mkdocs.yml says nothing."""


@dataclass
class PageLinks:
    """What a page's HTML holds: the ids it can be linked to and the links it makes."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)


class _Reader(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value and (name == "id" or tag == "a"):
                self.found.ids.add(value)
            elif name == "href" and value is not None and tag == "a":
                self.found.links.append(value)


def page_links(rendered: str) -> PageLinks:
    reader = _Reader()
    reader.feed(rendered)
    reader.close()
    return reader.found


def levels(settings: Any) -> dict[str, int]:
    """The warning level of each check from mkdocs.yml's ``validation`` (flat or under
    ``links:``, as MkDocs reads it)."""
    chosen = dict(DEFAULTS)
    if isinstance(settings, dict):
        for scope in (settings, settings.get("links")):
            if isinstance(scope, dict):
                for key in DEFAULTS:
                    if isinstance(scope.get(key), str) and scope[key] in LEVELS:
                        chosen[key] = scope[key]
    return {key: LEVELS[value] for key, value in chosen.items()}


def where(source: str, link: str) -> tuple[int, int] | None:
    """(line, column) of the first place ``source`` writes ``link``: as a Markdown target, a
    reference definition, an attribute, or anywhere; ``None`` when it does not."""
    for spelled in (f"({link}", f"(<{link}>", f"]: {link}", f'"{link}"', f"'{link}'", link):
        at = source.find(spelled)
        if at >= 0:
            at += len(spelled) - len(link) - (1 if spelled.endswith(">") else 0)
            line = source.count("\n", 0, at) + 1
            return line, at - (source.rfind("\n", 0, at) + 1) + 1
    return None


def where_in_file(page: str, link: str, docs: Path) -> str:
    """``docs/page:line:col`` of ``link`` in the page's source, ``docs/page`` if not found."""
    name = f"docs/{page}"
    try:
        source = (docs / page).read_text(encoding="utf-8-sig")
    except (OSError, ValueError):
        return name
    found = where(source, link)
    return f"{name}:{found[0]}:{found[1]}" if found else name


@dataclass(frozen=True)
class Page:
    src: str
    """Its path inside docs/."""
    rel: str
    """Its path as messages name it."""
    source: str
    """Its Markdown, to find the line of a link."""
    first_line: int
    """The line of the Markdown's first line in the file (after front matter)."""
    links: PageLinks


def link_problems(
    pages: Iterable[Page],
    exists: Callable[[str], bool],
    anchors_of: Callable[[str], set[str] | None],
    level: dict[str, int],
) -> list[Problem]:
    """The warnings MkDocs gives for ``pages``' links. ``exists``: whether a page is built at
    that path inside docs/; ``anchors_of``: the ids of a page, ``None`` when unknown (a page
    made from data at build time)."""
    problems = []
    for page in pages:
        for link in page.links.links:
            message = _problem(page, link, exists, anchors_of, level)
            if message is None:
                continue
            line, col = where(page.source, link) or (1, 1)
            problems.append(
                Problem(
                    page.rel,
                    line + page.first_line - 1,
                    message[1],
                    col=col,
                    severity="warning",
                    code=message[0],
                )
            )
    return problems


def _problem(
    page: Page,
    link: str,
    exists: Callable[[str], bool],
    anchors_of: Callable[[str], set[str] | None],
    level: dict[str, int],
) -> tuple[str, str] | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or parts.query or link.startswith("/"):
        return None  # another site, an address of this site, or an absolute path: not a page
    path, anchor = unquote(parts.path), unquote(parts.fragment)
    if not path:
        if not anchor or level["anchors"] < LEVELS["warn"]:
            return None
        if anchor in page.links.ids:
            return None
        return "anchor-not-found", f"链接“{link}”：本页没有这个锚点（标题或 id）"
    if not path.endswith(".md"):
        return None  # MkDocs leaves it (an unrecognized link, or a file other than a page)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page.src), path))
    if not exists(target):
        if level["not_found"] < LEVELS["warn"]:
            return None
        return "link-not-found", f"链接“{link}”指向的文件不存在"
    if anchor and level["anchors"] >= LEVELS["warn"]:
        ids = page.links.ids if target == page.src else anchors_of(target)
        if ids is not None and anchor not in ids:
            if target == page.src:
                return "anchor-not-found", f"链接“{link}”：本页没有这个锚点（标题或 id）"
            return "anchor-not-found", f"链接“{link}”：页面 {target} 中没有锚点“#{anchor}”"
    return None
