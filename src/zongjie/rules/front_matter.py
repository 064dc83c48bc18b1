"""A page's YAML front matter: MkDocs takes it off before the Markdown is read, so none of the
narrative's checks sees it, yet Material writes ``title`` into the page's ``<title>``, its
heading and the navigation, and ``description`` into a ``<meta>`` attribute.

Its strings are therefore held to the rule of ``mkdocs.yml``'s text settings: plain text,
without the characters that end an attribute or start an element. ``template`` is refused: a
page that picks its own template leaves the layout (and the review banner) that every report
shares, and a report may not take itself out of the search with ``search``.

MkDocs drops front matter it cannot parse without a word and shows the block as text: a
heading made of the YAML source. Such a block is an error at the line the parser stopped on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml
from mkdocs.utils.meta import YAML_RE, get_data

from zongjie.errors import Problem
from zongjie.rules.site_config import HINT_TEXT, UNSAFE_TEXT

_KEY = re.compile(r"^([^\s:#][^:]*?)\s*:")


def front_matter_problems(source: str, path: str, *, report: bool = False) -> list[Problem]:
    """An error at its line for each front-matter setting a page may not carry."""
    # As MkDocs reads the page: without a byte-order mark, with any line ending as "\n".
    source = source.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    misplaced = _misplaced(source, path)
    if misplaced is not None:
        return [misplaced]
    if not source.startswith("---"):
        return []
    unreadable = _unreadable(source, path)
    if unreadable is not None:
        return [unreadable]
    body, meta = get_data(source)
    if not meta:
        return []
    block = source[: len(source) - len(body)] if source.endswith(body) else source
    lines: dict[str, int] = {}
    problems = []
    for number, text in enumerate(block.split("\n"), 1):
        m = _KEY.match(text)
        if m and number > 1:
            key = m.group(1).strip("'\" ")
            if key in lines:
                problems.append(
                    Problem(
                        path, number,
                        f"front matter 中的设置 {key} 出现了两次"
                        f"（第 {lines[key]} 行和第 {number} 行），只有后一个生效",
                        field=key, hint="合并成一处，删除多余的一个",
                    )
                )  # fmt: skip
            lines.setdefault(key, number)
    for key, value in meta.items():
        line = lines.get(str(key), 1)
        if key == "title" and report:
            problems.append(
                Problem(
                    path, line,
                    "报告不能在 front matter 中另设标题（title）：浏览器标签、导航和搜索会显示它，"
                    "而不是报告的标题",
                    field="title",
                    hint="删除这一行：报告的标题是数据文件中的 title 和正文的一级标题",
                )
            )  # fmt: skip
            continue
        if key == "template":
            problems.append(
                Problem(
                    path, line, "页面不能在 front matter 中自选模板（template）",
                    field="template", hint="删除这一行：报告和页面都用网站统一的版式",
                )
            )  # fmt: skip
            continue
        if key == "search" and report:
            problems.append(
                Problem(
                    path, line, "报告不能在 front matter 中设置搜索（search）",
                    field="search",
                    hint="删除这一段：每篇报告都要能被搜到，不公开的报告请用 visibility 或审定状态",
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


_FENCE = re.compile(r"^-{3,}[ \t]*$")


def _misplaced(source: str, path: str) -> Problem | None:
    """A block that is meant as front matter where MkDocs reads none: after a blank line, or
    fenced with more than three hyphens. MkDocs shows it as a rule and a heading of settings."""
    lines = source.split("\n")
    start = next((i for i, text in enumerate(lines) if text.strip()), None)
    if start is None or not _FENCE.match(lines[start]):
        return None
    if start == 0 and lines[0].rstrip() == "---":
        return None  # where MkDocs looks: read by the rules below
    settings = lines[start + 1 : start + 40]
    if not settings or not _KEY.match(settings[0]):
        return None
    if not any(_FENCE.match(text) for text in settings[1:]):
        return None
    where = "第一行之前有空行" if start else f"分隔线写成了“{lines[start].strip()}”"
    return Problem(
        path, start + 1,
        f"这段设置不会被当作 front matter（{where}），会作为正文显示在页面上",
        field="front matter",
        hint="front matter 必须从文件的第一行开始，上下各用一行三个短横线 --- 围起来",
    )  # fmt: skip


def _unreadable(source: str, path: str) -> Problem | None:
    """The error for a front-matter block MkDocs would drop and print, or None."""
    m = YAML_RE.match(source)
    if m is None:
        second = source.split("\n", 2)[1:2]
        if source.split("\n", 1)[0].strip() == "---" and second and _KEY.match(second[0]):
            return Problem(
                path, 1, "front matter 没有结束行：开头的 --- 之后找不到另一行 ---",
                field="front matter", hint="在设置之后加一行 ---，或删除开头的 ---",
            )  # fmt: skip
        return None
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        if mark is None or "end of stream" in str(getattr(error, "problem", "")):
            # An unclosed quote ends where the block does: its opening line is the one to fix.
            mark = getattr(error, "context_mark", None) or mark
        line = 2 + (mark.line if mark is not None else 0)
        reason = getattr(error, "problem", None) or str(error).split("\n", 1)[0]
        return Problem(
            path, line, f"front matter 不是有效的 YAML（{reason}），MkDocs 会把它当正文显示",
            field="front matter",
            hint="检查引号是否成对、冒号后是否有空格；只能写 title、description 这样的纯文字设置",
        )  # fmt: skip
    first = next((text for text in m.group(1).split("\n") if text.strip()), "")
    # Not a mapping: settings written as a list, or ``title:总结`` (no space: a string to YAML).
    # A page that opens with a rule, a paragraph and a rule is left as it is.
    if isinstance(data, list) or (isinstance(data, str) and _KEY.match(first)):
        return Problem(
            path, 2, "front matter 应是“设置: 值”的映射，这里却是一段文字或列表",
            field="front matter", hint="每行写成 title: 标题 这样的形式",
        )  # fmt: skip
    return None


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
