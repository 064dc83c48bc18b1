"""The Content-Security-Policy of a published site, and the inline code of its pages.

Material for MkDocs and zongjie put a few small inline scripts in every page (Material's
``__md_scope`` helpers, zongjie's search configuration). Rather than allowing every inline
script (``'unsafe-inline'``), the policy lists the SHA-256 of each one the theme's templates
produce (:mod:`zongjie.publish.theme_scripts`), so a script injected into a page can never
run. Scripts found in the built pages are only compared with that list: one that is not the
theme's is reported, never allowed. Inline ``<style>`` elements and ``style=""`` attributes
are allowed by the hashes read from the pages (styles cannot run code). Inline event handlers and
``javascript:`` links cannot be allowed without weakening the policy for every page; they are
reported so that whoever publishes knows what the browser will block.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
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
    script_at: dict[str, str] = field(default_factory=dict)
    """``page:line`` of the first inline script with each hash."""

    def update(self, other: InlineCode) -> None:
        self.scripts |= other.scripts
        for digest, where in other.script_at.items():
            self.script_at.setdefault(digest, where)
        self.styles |= other.styles
        self.style_attributes |= other.style_attributes
        self.blocked += other.blocked


# One pass over the page, left to right, as an HTML tokenizer sees it: comments are skipped,
# the text of <script> and <style> ends at the first matching end tag, anything else that
# starts with "<letter" is a start tag. Regular expressions, not html.parser: twenty times
# faster, which matters with thousands of pages per publish.
_ATTRIBUTES = r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+"""  # possessive: no backtracking
_TOKEN = re.compile(
    rf"""(?P<comment><!--.*?-->)
    |<(?P<raw>script|style)(?P<raw_attrs>(?=[\s/>]){_ATTRIBUTES})>(?P<body>.*?)</(?P=raw)(?=[\s/>])
    |<(?P<tag>[a-z][^\s/>]*)(?P<attrs>{_ATTRIBUTES})>""",
    re.DOTALL | re.IGNORECASE | re.VERBOSE,
)
_NOTABLE = re.compile(r"style|\bon[a-z]|javascript", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def _attributes(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in _ATTRIBUTE.finditer(text):
        value = m.group(2) if m.group(2) is not None else m.group(3) or m.group(4) or ""
        found.setdefault(m.group(1).lower(), html.unescape(value))  # the first one counts
    return found


def inline_code(page_html: str, page: str = "") -> InlineCode:
    """The inline code of one page. Line breaks are normalized first, as browsers do before
    hashing, so a page saved with CRLF gets the hash the browser computes."""
    text = page_html.replace("\r\n", "\n").replace("\r", "\n")
    found = InlineCode()
    for m in _TOKEN.finditer(text):
        if m.group("comment"):
            continue
        raw = (m.group("raw") or "").lower()
        attr_text = m.group("raw_attrs") if raw else m.group("attrs")
        if not raw and not _NOTABLE.search(attr_text):
            continue  # most tags: nothing a policy has to allow or would block
        attrs = _attributes(attr_text)
        tag = raw or m.group("tag").lower()
        for name, value in attrs.items():
            if name.startswith("on"):
                found.blocked.append(f"{page}:{_line(text, m)}: {tag} 元素的事件属性 {name}")
            elif name in _URL_ATTRIBUTES and value.strip().lower().startswith("javascript:"):
                found.blocked.append(f"{page}:{_line(text, m)}: {tag} 元素的 javascript: 链接")
        if attrs.get("style"):
            found.style_attributes.add(source_hash(attrs["style"]))
        if raw == "style":
            found.styles.add(source_hash(m.group("body")))
        elif raw == "script" and "src" not in attrs and _executable(attrs):
            digest = source_hash(m.group("body"))
            found.scripts.add(digest)
            found.script_at.setdefault(digest, f"{page}:{_line(text, m)}")
    return found


def _executable(attrs: dict[str, str]) -> bool:
    return attrs.get("type", "").strip().lower() in _EXECUTABLE


def _line(text: str, match: re.Match[str]) -> int:
    return text.count("\n", 0, match.start()) + 1


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
