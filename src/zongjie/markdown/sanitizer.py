"""The one gate on the HTML editors write: what a narrative may put in front of readers.

Markdown passes raw HTML through, and attr_list, md_in_html and reference links reach the
page as well; every page's rendered narrative therefore goes through nh3 (Ammonia, the
sanitizer of the Rust ecosystem, parsing HTML with html5ever as a browser does) with an
allowlist of what reports and guide pages need: text formatting, headings and their permalinks,
lists, tables, images, admonitions, details, footnotes and links to the site itself or to mail
and telephone addresses. No script, event handler, frame, form, ``<meta>``, ``<base>``, SVG or
MathML survives, nor any URL scheme but those listed, nor any element id the theme's scripts
look up (``__config``…).

What the allowlist took away is worked out from nh3 itself: the same HTML is cleaned a second
time with everything allowed, and the elements and attributes of the two serializations
(canonical, so they can be compared tag by tag) differ exactly where the allowlist removed
something. Most pages need no comparison: the two strings are equal.
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import nh3

from zongjie.markdown.addresses import outside

TAGS = frozenset(
    {
        # text
        "p", "br", "hr", "span", "div", "blockquote", "pre", "code", "kbd", "samp", "var",
        "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
        "abbr", "dfn", "q", "cite", "time", "wbr", "bdi", "bdo", "ruby", "rt", "rp",
        "h1", "h2", "h3", "h4", "h5", "h6",
        # structure: admonitions, md_in_html blocks, details, footnotes
        "section", "article", "aside", "header", "footer", "figure", "figcaption",
        "details", "summary", "nav",
        # lists and tables
        "ul", "ol", "li", "dl", "dt", "dd",
        "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
        # links and images
        "a", "img",
    }
)  # fmt: skip
EVERY_TAG = {"*": {"id", "class", "title", "lang", "dir", "style"}}
ATTRIBUTES: dict[str, set[str]] = {
    **EVERY_TAG,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"colspan", "rowspan", "scope", "align", "abbr"},
    "td": {"colspan", "rowspan", "align"},
    "col": {"span", "width"},
    "colgroup": {"span", "width"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "details": {"open"},
    "time": {"datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""Besides addresses inside the site (relative URLs), which need no scheme."""
STYLE_PROPERTIES = frozenset(
    {
        "text-align", "vertical-align", "color", "background-color", "font-weight",
        "font-style", "text-decoration", "white-space", "width",
    }
)  # fmt: skip
"""Presentation only: nothing that loads an address (``url()``) or moves content over the page."""
THEME_ID = re.compile(r"__")
"""Ids the theme's scripts look up (Material's all start with two underscores: ``__config``,
``__search``, ``__drawer``…); an element of the narrative with one of them would be found
instead of the theme's own. zongjie's own scripts find their elements by data attributes."""

Kind = Literal["element", "attribute", "address"]


@dataclass(frozen=True)
class Stripped:
    """One thing the allowlist took out of a page."""

    kind: Kind
    tag: str
    attribute: str = ""
    value: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes two findings the same finding, wherever they are."""
        return (self.kind, self.tag, self.attribute)


def _attribute_filter(own_host: str) -> Callable[[str, str, str], str | None]:
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute == "id" and THEME_ID.match(value):
            return None
        if attribute == "style":
            return _safe_style(value)
        if attribute in MARKUP_READ and "<" in value:
            return None  # the theme's tooltips set a title as HTML: markup in it would run
        # An address the browser resolves to another host, however it is spelt
        # (https:host, ///host, \\host, entities): nothing on the page may ask another host.
        if attribute in _URL_ATTRIBUTES and outside(value, own_host) is not None:
            return None
        return value

    return keep


def clean(html: str, own_host: str = "") -> str:
    """``html`` with everything outside the allowlist removed; ``own_host`` is the site's own
    host, which addresses may name."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        attribute_filter=_attribute_filter(own_host),
        strip_comments=True,
        link_rel=None,
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
    )


# The loose pass: everything the HTML contains is allowed, so only the serialization changes.
_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*)\s*:")


def _loose(html: str) -> str:
    tags = {m.group(1).lower() for m in _NAME.finditer(html)} | TAGS | {"script", "style"}
    # A URL scheme may be spelled with entities, tabs and newlines; nh3 reads it as a browser
    # does, so every word before a colon, decoded, is allowed here.
    decoded = re.sub(r"[\t\r\n]", "", htmllib.unescape(html))
    schemes = {m.group(1).lower() for m in _SCHEME.finditer(decoded)} | URL_SCHEMES
    return nh3.clean(
        html,
        tags=tags,
        clean_content_tags=set(),
        generic_attribute_prefixes={""},
        strip_comments=True,
        link_rel=None,
        url_schemes=schemes,
    )


# html5ever's serialization: start tags with double-quoted attributes, raw text elements
# written out unescaped (their text is skipped, it holds no elements).
_START = re.compile(r"<([a-z][^\s/>]*)((?:\s+[^\s=>]+(?:=\"[^\"]*\")?)*)\s*/?>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"([^\s=>]+)(?:=\"([^\"]*)\")?")
_RAW_TEXT = ("script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext")
_URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "xlink:href"})


def _start_tags(serialized: str) -> list[tuple[str, dict[str, str]]]:
    found: list[tuple[str, dict[str, str]]] = []
    pos = 0
    while True:
        m = _START.search(serialized, pos)
        if m is None:
            return found
        tag = m.group(1).lower()
        attrs = {
            a.group(1).lower(): htmllib.unescape(a.group(2) or "")
            for a in _ATTRIBUTE.finditer(m.group(2))
        }
        found.append((tag, attrs))
        pos = m.end()
        if tag in _RAW_TEXT:
            end = serialized.lower().find(f"</{tag}", pos)
            pos = len(serialized) if end < 0 else end


# A fragment parser drops these tags in both passes, while in the page itself <body onload=…>
# gives the page's own body the handler: found in the HTML as written.
_DOCUMENT_TAG = re.compile(r"<(html|head|body|frameset)[\s/>]", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.DOTALL)


def stripped(html: str, own_host: str = "") -> tuple[str, list[Stripped]]:
    """The cleaned HTML, and what the allowlist took out of it (in page order)."""
    cleaned = clean(html, own_host)
    found = [
        Stripped("element", m.group(1).lower())
        for m in _DOCUMENT_TAG.finditer(_COMMENT.sub("", html))
    ]
    loose = _loose(html)
    if loose == cleaned:
        return cleaned, found
    kept = _start_tags(cleaned)
    i = 0
    for tag, attrs in _start_tags(loose):
        if i < len(kept) and kept[i][0] == tag:
            found.extend(_attribute_changes(tag, attrs, kept[i][1]))
            i += 1
        else:
            found.append(Stripped("element", tag))
    return cleaned, found


def _attribute_changes(tag: str, before: dict[str, str], after: dict[str, str]) -> list[Stripped]:
    changes = []
    for name, value in before.items():
        if after.get(name) == value:
            continue
        if name == "style":
            removed = _declarations(value) - _declarations(after.get(name, ""))
            if removed:
                changes.append(Stripped("attribute", tag, name, "; ".join(sorted(removed))))
        elif name in _URL_ATTRIBUTES:
            changes.append(Stripped("address", tag, name, value))
        else:
            changes.append(Stripped("attribute", tag, name, value))
    return changes


MARKUP_READ = frozenset({"title"})
"""Attributes whose text the theme puts into the page as HTML (Material's ``content.tooltips``
builds a tooltip from ``title`` with ``innerHTML``): no ``<`` may stand in them."""
SAFE_STYLE_VALUE = re.compile(r"[#%\w\s.,+-]*")
"""A colour, a length, a keyword: no function (``url()``, ``expression()``, ``var()``), no
escape and no comment, whatever property it is given to."""


def _safe_style(style: str) -> str | None:
    """The declarations of ``style`` whose property is allowed and whose value is plain."""
    kept = []
    for part in style.split(";"):
        name, colon, value = part.partition(":")
        name = name.strip().lower()
        if colon and name in STYLE_PROPERTIES and SAFE_STYLE_VALUE.fullmatch(value.strip()):
            kept.append(f"{name}:{value.strip()}")
    return ";".join(kept) or None


def _declarations(style: str) -> set[str]:
    """``color: red; width:1px`` as ``{"color:red", "width:1px"}``: nh3 rewrites the spacing."""
    found: set[str] = set()
    for part in style.split(";"):
        name, _, value = part.partition(":")
        if name.strip():
            found.add(f"{name.strip().lower()}:{value.strip()}")
    return found
