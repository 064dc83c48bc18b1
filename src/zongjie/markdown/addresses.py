"""Addresses in a narrative that no intranet reader can open.

An image, script, frame or stylesheet on another host makes every reader's browser ask that
host for it: the intranet cannot reach it, and the request tells the host who read what. A link
to another host cannot be opened either. ``file://`` addresses, Windows drive paths (``D:\\…``)
and network shares (``\\\\server\\share``) point at the editor's own computer or network, which
no reader's browser will open. All of them are errors; the fix is a copy of the file in ``docs/``.

Markdown links and images, reference definitions, autolinks, HTML attributes and CSS ``url()``
are all read; code blocks and inline code are examples, not content, and are skipped.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote

from zongjie.errors import Problem
from zongjie.markdown.markers import code_spans

MD_LINK = re.compile(r"(!?)\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*(<[^>\n]*>|[^\s)]+)")
MD_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.MULTILINE)
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)\b([^>]*)>")
ATTRIBUTE = re.compile(
    r"""(?:^|\s)(src|href|srcset|data|action|formaction|poster|background|xlink:href|ping)"""
    r"""\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""",
    re.IGNORECASE,
)
CSS_URL = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^\s)'"]+))\s*\)|@import\s+["']([^"']+)["']""",
    re.IGNORECASE,
)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
DRIVE = re.compile(r"^[A-Za-z]:[\\/]")
NO_REQUEST_SCHEMES = frozenset({"mailto", "tel", "sms", "data", "javascript", "about"})

# What the element loads, by tag: the words of the message.
WHAT = {
    "img": "图片",
    "picture": "图片",
    "source": "图片或音视频",
    "video": "视频",
    "audio": "音频",
    "track": "字幕",
    "script": "脚本",
    "iframe": "内嵌网页",
    "frame": "内嵌网页",
    "embed": "内嵌内容",
    "object": "内嵌内容",
    "link": "样式表",
    "style": "样式",
}
HINT = (
    "把需要的图片或文件复制到 docs/ 下（如本页旁的 img/ 文件夹），改用相对路径引用，"
    "如 ![会议照片](img/会议.jpg)；外部网站的内容只写出处名称，不加链接"
)


@dataclass(frozen=True)
class Address:
    url: str
    what: str
    pos: int


def scan(markdown: str, path: str, own_host: str = "") -> list[Problem]:
    """An error for each address outside the site (see the module docstring)."""
    # Code is shown, not loaded; a comment (a marker, too) is not published at all.
    spans = code_spans(markdown) + [m.span() for m in COMMENT.finditer(markdown)]
    problems = []
    for address in _addresses(markdown):
        if any(a <= address.pos < b for a, b in spans):
            continue
        reason = outside(address.url, own_host)
        if reason is None:
            continue
        line = markdown.count("\n", 0, address.pos) + 1
        col = address.pos - markdown.rfind("\n", 0, address.pos)
        problems.append(
            Problem(
                path,
                line,
                f"正文中的{address.what}“{_short(address.url)}”{reason}",
                field="外部地址",
                col=col,
                hint=HINT,
            )
        )
    return problems


def outside(url: str, own_host: str = "") -> str | None:
    """Why ``url`` cannot be opened by an intranet reader, or ``None`` when it can."""
    url = _as_browser_reads(url)
    if url.startswith("\\\\"):
        return "是网络共享路径，读者的浏览器无法打开"
    if DRIVE.match(url):
        return "是编辑电脑上的文件路径，读者的浏览器无法打开"
    scheme, host = browser_host(url)
    if scheme == "file":
        return "是本机文件地址（file://），读者的浏览器不会打开"
    if scheme in NO_REQUEST_SCHEMES or not host:
        return None
    if own_host and host == own_host.lower():
        return None
    return f"在其他主机 {host} 上：内网无法访问，而且打开页面会向该主机暴露读者"


# The URL standard's "special" schemes: after their colon any run of / and \ is skipped and a
# host follows, so https:evil.example, https:/evil.example and ///evil.example all name a host.
SPECIAL_SCHEMES = frozenset({"http", "https", "ws", "wss", "ftp"})
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_HOST_END = re.compile(r"[/\\?#]")
_DOTS = str.maketrans({"\u3002": ".", "\uff61": "."})
_NEWLINES = re.compile(r"[\t\r\n]")
_EDGES = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")


def _as_browser_reads(url: str) -> str:
    """Entities decoded, tabs and line breaks removed anywhere, and C0 controls and spaces
    trimmed at both ends: what the browser's URL parser starts from."""
    url = _NEWLINES.sub("", html.unescape(url))
    return _EDGES.sub("", url).strip("<>")


def browser_host(url: str) -> tuple[str, str]:
    """The scheme (lower case, ``""`` when relative) and the host (lower case, ``""`` when
    none) a browser resolves ``url`` to, as the URL standard parses it: a host after any run of
    slashes or backslashes for the special schemes and for a relative address that starts with
    two or more, and after ``//`` for any other scheme. A relative address on a site served
    under the same scheme may resolve inside the site instead (``https:x`` on an https site):
    taking the host is the safe reading."""
    url = _as_browser_reads(url)
    m = _SCHEME.match(url)
    if m:
        scheme, rest = m.group(1).lower(), url[m.end() :]
        if scheme in SPECIAL_SCHEMES or scheme == "file":
            return scheme, _host(rest.lstrip("/\\"))
        return scheme, _host(rest[2:]) if rest.startswith("//") else ""
    if len(url) - len(url.lstrip("/\\")) >= 2:
        return "", _host(url.lstrip("/\\"))
    return "", ""


def _host(authority: str) -> str:
    """The host of ``authority…``: up to the path, without credentials and port."""
    authority = _HOST_END.split(authority, maxsplit=1)[0]
    host = authority.rpartition("@")[2]
    # As the browser's host parser does: percent-decoded, then IDNA's mapping (full-width
    # letters and the ideographic full stop 。 are the ASCII ones).
    host = unicodedata.normalize("NFKC", unquote(host)).translate(_DOTS)
    if host.startswith("["):  # IPv6 literal
        return host.partition("]")[0].lower() + "]"
    return host.partition(":")[0].lower().rstrip(".")


def _addresses(markdown: str) -> list[Address]:
    found = []
    for m in MD_LINK.finditer(markdown):
        found.append(Address(m.group(2), "图片" if m.group(1) else "链接", m.start(2)))
    for m in MD_REFERENCE.finditer(markdown):
        found.append(Address(m.group(1), "链接", m.start(1)))
    for m in AUTOLINK.finditer(markdown):
        found.append(Address(m.group(1), "链接", m.start(1)))
    for tag in TAG.finditer(markdown):
        what = WHAT.get(tag.group(1).lower(), "链接")
        for attr in ATTRIBUTE.finditer(tag.group(2)):
            value = attr.group(2) or attr.group(3) or attr.group(4) or ""
            pos = tag.start(2) + attr.start(1)
            urls = [u.split()[0] for u in value.split(",") if u.strip()]
            if attr.group(1).lower() != "srcset":
                urls = [value]
            found.extend(Address(u, what, pos) for u in urls)
    for m in CSS_URL.finditer(markdown):
        url = next(g for g in m.groups() if g is not None)
        found.append(Address(url, "样式中的地址", m.start()))
    return sorted(found, key=lambda a: a.pos)


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "…"
