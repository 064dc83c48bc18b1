"""The Content-Security-Policy a built site needs, read from its HTML at publish time.

Material for MkDocs and zongjie put a few small inline scripts in every page (Material's
``__md_scope`` helpers, zongjie's search configuration). Rather than allowing every inline
script (``'unsafe-inline'``), the policy lists the SHA-256 of each distinct one, so a script
injected into a page can never run. Inline ``<style>`` elements and ``style=""`` attributes
(narratives may contain raw HTML) are allowed the same way. Inline event handlers and
``javascript:`` links cannot be allowed without weakening the policy for every page; they are
reported so that whoever publishes knows what the browser will block.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Script types a browser executes (anything else, e.g. Material's JSON config, is data).
_EXECUTABLE = {"", "module", "text/javascript", "application/javascript", "text/ecmascript",
               "application/ecmascript"}  # fmt: skip
_URL_ATTRIBUTES = ("href", "src", "action", "formaction")
# Past this many distinct style attributes a hash list would bloat every response header.
MAX_STYLE_ATTRIBUTE_HASHES = 64


def source_hash(text: str) -> str:
    """The CSP source expression for inline code, e.g. ``'sha256-…'``."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class InlineCode:
    """Every distinct piece of inline code in a site, as CSP hash sources."""

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    style_attributes: set[str] = field(default_factory=set)
    blocked: list[str] = field(default_factory=list)
    """``page:line: what`` for each handler or ``javascript:`` link no hash can allow."""

    def update(self, other: InlineCode) -> None:
        self.scripts |= other.scripts
        self.styles |= other.styles
        self.style_attributes |= other.style_attributes
        self.blocked += other.blocked


class _Collector(HTMLParser):
    def __init__(self, page: str, found: InlineCode) -> None:
        super().__init__(convert_charrefs=True)
        self.page, self.found = page, found
        self._open: str | None = None  # "script" or "style" while inside an inline one
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self._blocked(f"{tag} 元素的事件属性 {name}")
            elif name in _URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                self._blocked(f"{tag} 元素的 javascript: 链接")
        if values.get("style"):
            self.found.style_attributes.add(source_hash(values["style"]))
        inline_script = (
            tag == "script"
            and "src" not in values
            and values.get("type", "").strip().lower() in _EXECUTABLE
        )
        if inline_script or tag == "style":
            self._open, self._text = tag, []

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            target = self.found.scripts if tag == "script" else self.found.styles
            target.add(source_hash("".join(self._text)))
            self._open = None

    def _blocked(self, what: str) -> None:
        self.found.blocked.append(f"{self.page}:{self.getpos()[0]}: {what}")


def inline_code(html: str, page: str = "") -> InlineCode:
    """The inline code of one page. Line breaks are normalized first, as browsers do before
    hashing, so a page saved with CRLF gets the hash the browser computes."""
    found = InlineCode()
    parser = _Collector(page, found)
    parser.feed(html.replace("\r\n", "\n").replace("\r", "\n"))
    parser.close()
    return found


def site_inline_code(site: Path) -> InlineCode:
    """The inline code of every HTML page under ``site`` (both trees)."""
    found = InlineCode()
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8", errors="replace")
        found.update(inline_code(text, page.relative_to(site).as_posix()))
    return found


def policy(
    scripts: Iterable[str], styles: Iterable[str] = (), style_attributes: Iterable[str] = ()
) -> str:
    """The site's Content-Security-Policy for the given hash sources.

    Everything is loaded from the site itself; Material's icons are ``data:`` images in its CSS,
    and the search runs in a same-origin Web Worker that fetches the index files.
    """
    style = ["'self'", *sorted(styles)]
    attributes = sorted(style_attributes)
    if len(attributes) > MAX_STYLE_ATTRIBUTE_HASHES:
        style.append("'unsafe-inline'")  # styles cannot run code; scripts never get this
        style = [s for s in style if not s.startswith("'sha256-")]
    elif attributes:
        style += ["'unsafe-hashes'", *attributes]
    directives = [
        ("default-src", ["'none'"]),
        ("script-src", ["'self'", *sorted(scripts)]),
        ("style-src", style),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("worker-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("media-src", ["'self'"]),
        ("frame-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
        ("frame-ancestors", ["'none'"]),
    ]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives)
