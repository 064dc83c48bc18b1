"""Searchable text of a rendered page: its ``<article>``, cut into sections at headings.

The text is taken the way a reader (and ``search_eval.py``) sees it: the first ``<article>``
of the final HTML, scripts and styles removed, every tag replaced by a space. Headings with an
``id`` start a new section so results can link to the part of the page that matched.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_ARTICLE = re.compile(r"<article[^>]*>(.*?)</article>", re.DOTALL)
_DROP = re.compile(
    r"<script.*?</script>|<style.*?</style>|<a class=\"headerlink\"[^>]*>.*?</a>", re.DOTALL
)
# A title's print-only line break (zongjie.site.print_titles) is no word boundary on screen.
_PRINT_BREAK = re.compile(r'<br class="zj-title__break">')
_HEADING = re.compile(r"<h([1-6])[^>]*\bid=\"([^\"]*)\"[^>]*>(.*?)</h\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
# Where a long section may be cut: after a sentence end, else after a clause or a space.
_CUTS = ("。", "！", "？", "；", "\n", "，", "、", " ")


@dataclass(frozen=True)
class Section:
    """A run of text under one heading. ``anchor`` is '' for the top of the page."""

    anchor: str
    heading: str
    text: str


def text_of(fragment: str) -> str:
    """Visible text of an HTML fragment, white space collapsed."""
    text = html.unescape(_TAG.sub(" ", _PRINT_BREAK.sub("", fragment))).replace("\u200b", "")
    return _SPACE.sub(" ", text).strip()


def article_html(page_html: str) -> str:
    """The first ``<article>`` of the page (the whole page if it has none), minus scripts."""
    start = page_html.find("<article")
    end = page_html.find("</article>", start) if start >= 0 else -1
    if end >= 0:
        body = page_html[page_html.index(">", start) + 1 : end]
    else:
        match = _ARTICLE.search(page_html)
        body = match.group(1) if match else page_html
    return _DROP.sub(" ", body)


def first_heading(body: str) -> str:
    """Text of the first ``<h1>`` in ``body`` (an article's HTML), '' if none."""
    match = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.DOTALL)
    return text_of(match.group(1)) if match else ""


def sections(body: str, max_chars: int = 1800) -> list[Section]:
    """Sections of an article's HTML (see :func:`article_html`), each at most ``max_chars``."""
    starts = [(m.start(), m) for m in _HEADING.finditer(body)]
    parts: list[tuple[str, str, str]] = []
    if not starts or starts[0][0] > 0:
        parts.append(("", "", body[: starts[0][0] if starts else len(body)]))
    for i, (start, match) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(body)
        anchor = "" if match.group(1) == "1" else match.group(2)
        parts.append((anchor, text_of(match.group(3)), body[start:end]))
    out: list[Section] = []
    for anchor, heading, fragment in parts:
        text = text_of(fragment)
        for piece in split_text(text, max_chars):
            out.append(Section(anchor, heading, piece))
    return out


def split_text(text: str, max_chars: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``max_chars``, preferring sentence ends."""
    pieces: list[str] = []
    while len(text) > max_chars:
        window = text[max_chars // 2 : max_chars]
        cut = -1
        for mark in _CUTS:
            cut = window.rfind(mark)
            if cut >= 0:
                break
        cut = (max_chars // 2 + cut + 1) if cut >= 0 else max_chars
        pieces.append(text[:cut].strip())
        text = text[cut:].strip()
    if text:
        pieces.append(text)
    return pieces
