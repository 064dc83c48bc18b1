"""Every check a Markdown page gets, in one place: ``zongjie check`` and the build both call it.

Markers are parsed (and replaced by placeholders for the build); conflict markers, invisible
characters and outside addresses are looked for; a report's narrative must
not be empty and its numbers are compared with its data; an approved report is checked for
edits made after its approval. Problems keep their severity: errors
stop both commands; warnings are printed by ``check`` and logged by the build, so ``--strict``
fails on them in either. Once the page is rendered, :func:`check_rendered` puts its HTML
through the sanitizer: both commands render it with the project's Markdown extensions.

The file-level rules (size, encoding, links out of the project) run when the content is
loaded (:func:`zongjie.rules.load`), which both commands also share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from mkdocs.utils.meta import get_data

from zongjie import textscan
from zongjie.data.content import Content
from zongjie.errors import Problem
from zongjie.markdown import addresses, html_gate, title_breaks
from zongjie.markdown import markers as mk
from zongjie.markdown.consistency import lint_report, unfed_values
from zongjie.markdown.rendering import Render
from zongjie.rules.approval import approval_problems

ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
# What is left of a narrative once headings, comments (markers) and the skeleton's
# "fill in here" notes from ``zongjie new report`` are taken away.
NOT_PROSE = re.compile(
    r"<!--.*?-->|^ {0,3}#{1,6}(?:[ \t][^\n]*)?$|^ {0,3}(?:[-*_=][ \t]*){3,}$"
    r"|（在此填写“[^”\n]*”部分的正文。[^\n]*）",
    re.DOTALL | re.MULTILINE,
)

# pymdownx.snippets' markers, inline (``--8<-- "file"``) and block: it reads them before any
# other Markdown, inside code blocks too, so every line is looked at.
INCLUDE_LINE = re.compile(r"^[ \t]*;*-+8<-+(?:[ \t]+\S.*)?[ \t]*$", re.MULTILINE)


@dataclass
class CheckedPage:
    text: str
    """The Markdown with each valid marker replaced by its placeholder."""
    markers: list[mk.Marker] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def check_page(
    markdown: str,
    path: str,
    src: str,
    content: Content,
    start: int = 0,
    first_line: int = 1,
    own_host: str = "",
) -> CheckedPage:
    """Check one page. ``path`` names it in messages (relative to the project root); ``src`` is
    its path inside ``docs/``; ``start`` numbers its placeholders after the pages before it;
    ``first_line`` is the file line ``markdown`` starts on (after front matter); ``own_host`` is
    the site's own host (from ``site_url``), which links may name."""
    report = content.report_for_page(src)
    campaign = content.campaign_for_page(src)
    text, markers, problems = mk.extract(
        markdown,
        path,
        content,
        campaign_id=report.campaign_id if report else (campaign.id if campaign else None),
        report_key=report.key if report else None,
        start=start,
        org=content.org_for_page(src),
    )
    problems.extend(conflicts(markdown, path))
    problems.extend(invisible(markdown, path))
    problems.extend(addresses.scan(markdown, path, own_host))
    problems.extend(title_breaks.scan(markdown, path))
    problems.extend(includes(markdown, path))
    if report is not None:
        problems.extend(empty_narrative(markdown, path))
        problems.extend(lint_report(markdown, path, report, content))
        problems.extend(unfed_values(markers, path, report, content))
    if first_line > 1:
        problems = [replace(p, line=p.line + first_line - 1) for p in problems]
    problems.sort(key=lambda p: (p.line, p.col))
    if report is not None:  # about the data file, at its own line
        problems.extend(approval_problems(content, report))
    return CheckedPage(text, markers, problems)


def check_rendered(
    checked: CheckedPage, html: str, path: str, render: Render, start: int = 0,
    first_line: int = 1, own_host: str = "",
) -> html_gate.Gated:  # fmt: skip
    """The page's rendered HTML (``checked.text`` rendered) as readers get it, and a warning
    for everything the sanitizer took out; ``start`` and ``first_line`` as in :func:`check_page`.
    """
    own = range(start, start + len(checked.markers))
    return html_gate.gate(checked.text, html, path, render, own, first_line, own_host)


def split_front_matter(source: str) -> tuple[str, int]:
    """The page body MkDocs renders (front matter removed, as MkDocs does) and the file line it
    starts on: both commands number lines in the file, not in the body."""
    body = get_data(source)[0]
    if not body or not source.endswith(body):
        return body, 1
    return body, source.count("\n", 0, len(source) - len(body)) + 1


def conflicts(markdown: str, path: str) -> list[Problem]:
    return [
        Problem(
            path,
            line,
            textscan.conflict_message(mark),
            field="合并冲突",
            hint=textscan.CONFLICT_HINT,
        )
        for line, mark in textscan.conflict_lines(markdown, mk.code_spans(markdown))
    ]


def invisible(markdown: str, path: str) -> list[Problem]:
    """Invisible characters: an error in a heading (they end up in its anchor and the nav),
    a warning in body text."""
    lines = markdown.split("\n")
    problems = []
    for found in textscan.invisible_by_line(markdown):
        heading = _is_heading(lines, found.line - 1)
        problems.append(
            Problem(
                path,
                found.line,
                f"{'标题' if heading else '正文'}中有看不见的字符 {found.description}",
                field="字符",
                col=found.col,
                severity="error" if heading else "warning",
                hint=textscan.INVISIBLE_HINT,
            )
        )
    return problems


def _is_heading(lines: list[str], index: int) -> bool:
    if ATX_HEADING.match(lines[index]):
        return True
    below = lines[index + 1] if index + 1 < len(lines) else ""
    return bool(lines[index].strip()) and bool(SETEXT_UNDERLINE.match(below))


def includes(markdown: str, path: str) -> list[Problem]:
    """A line that asks for another file's text: the settings refuse the extensions that read
    it (:mod:`zongjie.rules.site_config`), and the page names where the text would have gone."""
    return [
        Problem(
            path,
            markdown.count("\n", 0, m.start()) + 1,
            f"“{m.group(0).strip()[:60]}”是把其他文件插入页面的写法：插入的文字不经检查，"
            "草稿和项目以外的文件也会因此发布",
            field="插入文件",
            hint="删除这一行，把要出现的文字直接写进本页",
        )
        for m in INCLUDE_LINE.finditer(markdown)
    ]


def empty_narrative(markdown: str, path: str) -> list[Problem]:
    if NOT_PROSE.sub("", markdown).strip():
        return []
    return [
        Problem(
            path,
            1,
            "报告正文是空的：只有标题和标记，没有叙述文字",
            field="正文",
            severity="warning",
            hint="按活动提纲写出各部分的正文；文中的数字用 <!-- zj:value 指标id --> 标记从数据插入",
        )
    ]
