"""Every check a Markdown page gets, in one place: ``zongjie check`` and the build both call it.

Markers are parsed (and replaced by placeholders for the build), raw HTML is scanned, a
report's narrative numbers are compared with its data, and an approved report is checked for
edits made after its approval. Problems keep their severity: errors
stop both commands; warnings are printed by ``check`` and logged by the build, so ``--strict``
fails on them in either.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zongjie.data.content import Content
from zongjie.errors import Problem
from zongjie.markdown import markers as mk
from zongjie.markdown import rawhtml
from zongjie.markdown.consistency import lint_report
from zongjie.review.approval import approval_problems


@dataclass
class CheckedPage:
    text: str
    """The Markdown with each valid marker replaced by its placeholder."""
    markers: list[mk.Marker] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def check_page(markdown: str, path: str, src: str, content: Content, start: int = 0) -> CheckedPage:
    """Check one page. ``path`` names it in messages (relative to the project root); ``src`` is
    its path inside ``docs/``; ``start`` numbers its placeholders after the pages before it."""
    report = content.report_for_page(src)
    campaign = content.campaign_for_page(src)
    text, markers, problems = mk.extract(
        markdown,
        path,
        content,
        campaign_id=report.campaign_id if report else (campaign.id if campaign else None),
        report_key=report.key if report else None,
        start=start,
    )
    problems.extend(rawhtml.scan(markdown, path))
    if report is not None:
        problems.extend(lint_report(markdown, path, report, content))
        problems.extend(approval_problems(content, report))
    return CheckedPage(text, markers, problems)
