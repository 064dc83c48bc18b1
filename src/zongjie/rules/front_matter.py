"""A page's YAML front matter: MkDocs takes it off before the Markdown is read, so none of the
narrative's checks sees it, yet Material writes ``title`` into the page's ``<title>``, its
heading and the navigation, and ``description`` into a ``<meta>`` attribute.

Its strings are therefore held to the rule of ``mkdocs.yml``'s text settings: plain text,
without the characters that end an attribute or start an element. ``template`` is refused: a
page that picks its own template leaves the layout (and the review banner) that every report
shares.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from mkdocs.utils.meta import get_data

from zongjie.errors import Problem
from zongjie.rules.site_config import HINT_TEXT, UNSAFE_TEXT

_KEY = re.compile(r"^([^\s:#][^:]*?)\s*:")


def front_matter_problems(source: str, path: str) -> list[Problem]:
    """An error at its line for each front-matter setting a page may not carry."""
    if not source.startswith("---"):
        return []
    body, meta = get_data(source)
    if not meta:
        return []
    block = source[: len(source) - len(body)] if source.endswith(body) else source
    lines: dict[str, int] = {}
    for number, text in enumerate(block.split("\n"), 1):
        m = _KEY.match(text)
        if m and number > 1:
            lines.setdefault(m.group(1).strip("'\" "), number)
    problems = []
    for key, value in meta.items():
        line = lines.get(str(key), 1)
        if key == "template":
            problems.append(
                Problem(
                    path, line, "页面不能在 front matter 中自选模板（template）",
                    field="template", hint="删除这一行：报告和页面都用网站统一的版式",
                )
            )  # fmt: skip
            continue
        for text in _strings(value):
            m = UNSAFE_TEXT.search(text)
            if m is not None:
                problems.append(
                    Problem(
                        path, line,
                        f"front matter 的 {key} 是纯文字，不能含有字符 {m.group(0)}"
                        f"（“{text[:40]}”）：它会写进页面标题、导航和 HTML 属性",
                        field=str(key), hint=HINT_TEXT,
                    )
                )  # fmt: skip
                break
    return problems


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
