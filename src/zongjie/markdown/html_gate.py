"""The rendered narrative through the sanitizer, and a warning at ``file:line`` for what it took.

The check runs on the HTML the page is rendered to (what a browser would parse), never on the
Markdown text: raw HTML blocks, attr_list attributes, md_in_html and reference-style links all
end up there, whatever the Markdown spelled them like. Each thing the allowlist removed is
located in the Markdown by rendering ever longer beginnings of the page: it is reported at the
first line whose beginning renders it.

zongjie's marker placeholders are HTML comments, and comments do not pass the sanitizer. A
page's own placeholders are swapped for a token before and put back after it; the token holds a
secret of this process, so no narrative can spell one, and a placeholder written into a page by
hand is a comment like any other (removed).
"""

from __future__ import annotations

import re
import secrets
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from zongjie.errors import Problem
from zongjie.markdown.addresses import outside
from zongjie.markdown.markers import PLACEHOLDER, PLACEHOLDER_RE
from zongjie.markdown.rendering import Render
from zongjie.markdown.sanitizer import URL_SCHEMES, Stripped, stripped

_SECRET = secrets.token_hex(8)
_TOKEN = "\ue000zj" + _SECRET + ":{}\ue001"
_TOKEN_RE = re.compile("\ue000zj" + _SECRET + r":(\d+)\ue001")
MAX_LOCATED = 100
"""Findings located per page; more than that on one page is one more warning, not a slow build."""
HINT = (
    "报告正文不需要脚本、事件属性、内嵌网页、表单、SVG 或 javascript: 链接；请删除。"
    "表格、数字和图表请用数据文件和标记，格式请用 Markdown（写作指南“安全”）"
)


@dataclass
class Gated:
    html: str
    """The page's HTML as readers get it: sanitized, its own placeholders kept."""
    problems: list[Problem]


def protect(html: str, own: Collection[int]) -> str:
    return PLACEHOLDER_RE.sub(
        lambda m: _TOKEN.format(m.group(1)) if int(m.group(1)) in own else m.group(0), html
    )


def restore(html: str) -> str:
    return _TOKEN_RE.sub(lambda m: PLACEHOLDER.format(m.group(1)), html)


def gate(
    text: str, html: str, path: str, render: Render, own: Collection[int], first_line: int = 1,
    own_host: str = "",
) -> Gated:  # fmt: skip
    """Sanitize ``html``, the rendering of the page body ``text``; ``own`` are the numbers of
    the page's placeholders, ``first_line`` the file line ``text`` starts on, ``own_host`` the
    site's host (addresses may name it)."""
    cleaned, found = stripped(protect(html, own), own_host)
    if not found:
        return Gated(restore(cleaned), [])
    problems = _locate(text, found, render, own, path, own_host)
    if first_line > 1:
        problems = [
            Problem(p.path, p.line + first_line - 1, p.message, p.field, p.hint, p.col, p.severity)
            for p in problems
        ]
    return Gated(restore(cleaned), problems)


def _locate(
    text: str, found: list[Stripped], render: Render, own: Collection[int], path: str,
    own_host: str,
) -> list[Problem]:  # fmt: skip
    lines = text.split("\n")
    counted: dict[int, Counter[tuple[str, str, str]]] = {}

    def count(k: int) -> Counter[tuple[str, str, str]]:
        if k not in counted:
            prefix = "\n".join(lines[:k])
            counted[k] = Counter(s.key for s in stripped(protect(render(prefix), own), own_host)[1])
        return counted[k]

    seen: Counter[tuple[str, str, str]] = Counter()
    problems: dict[tuple[int, str], Problem] = {}
    for item in found[:MAX_LOCATED]:
        seen[item.key] += 1
        low, high = 1, len(lines)
        while low < high:
            middle = (low + high) // 2
            if count(middle)[item.key] >= seen[item.key]:
                high = middle
            else:
                low = middle + 1
        problem = _problem(path, low, lines[low - 1], item)
        problems.setdefault((low, problem.message), problem)
    result = sorted(problems.values(), key=lambda p: (p.line, p.col))
    if len(found) > MAX_LOCATED:
        result.append(
            Problem(path, result[-1].line, f"另有 {len(found) - MAX_LOCATED} 处 HTML 同样不会发布",
                    field="HTML", severity="warning", hint=HINT)
        )  # fmt: skip
    return result


def _problem(path: str, line: int, source: str, item: Stripped) -> Problem:
    needle = item.attribute or item.tag
    col = source.lower().find(needle.lower()) + 1 if needle else 0
    return Problem(
        path, line, describe(item), field="HTML", col=max(col, 1), severity="warning", hint=HINT
    )


def describe(item: Stripped) -> str:
    """What was removed, in the words of the warning."""
    head = "正文中的 HTML 不会发布："
    tag = f"<{item.tag}>"
    if item.kind == "element":
        if item.tag in ("script", "style"):
            return f"{head}{tag} 元素连同其中的内容已删除"
        return f"{head}{tag} 元素已删除（其中的文字保留）"
    value = _short(item.value)
    if item.kind == "address":
        reason = outside(item.value)
        if reason is not None:
            return f"{head}{tag} 的地址“{value}”已删除：{reason}"
        schemes = "、".join(sorted(URL_SCHEMES))
        return f"{head}{tag} 的地址“{value}”已删除：只允许站内地址和 {schemes} 链接"
    if item.attribute.startswith("on"):
        return f"{head}{tag} 的事件属性 {item.attribute}（会执行脚本）已删除"
    if item.attribute == "id":
        return f"{head}{tag} 的 id“{value}”已删除：它与网站脚本使用的 id 相同"
    if item.attribute == "style":
        return f"{head}{tag} 的样式“{value}”已删除：只允许文字颜色、对齐、粗细等样式"
    return f"{head}{tag} 的 {item.attribute} 属性已删除"


def _short(value: str) -> str:
    value = re.sub(r"\s+", " ", value).strip()
    return value if len(value) <= 60 else value[:57] + "…"
