"""An approval covers the narrative and the data as they were approved, and nothing later.

``zongjie approve`` stores a fingerprint (``reviewed_digest``) of both files without their review
lines; any later edit changes it, and check and build then warn (``--strict`` fails) until the
report is approved again. An approval without a fingerprint is an error of its own
(``approval-without-digest`` in :mod:`zongjie.rules.report`): dates alone cannot tell an edit on
the approval's day from the approved text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from zongjie.data.content import Content, ReportEntry
from zongjie.errors import Problem
from zongjie.git import git

REVIEW_KEYS = (
    "status",
    "submitted_on",
    "reviewed_by",
    "reviewed_on",
    "reviewed_digest",
    "first_reviewed_by",
    "first_reviewed_on",
    "first_reviewed_digest",
    "returned_reason",
    "returned_by",
    "returned_on",
    "returned_digest",
    "history",
)
_REVIEW_LINE = re.compile(rf"^(?:{'|'.join(REVIEW_KEYS)})\s*:")
_HISTORY_ITEM = re.compile(r"^\s+-\s*\{")


def without_review_lines(yaml_text: str) -> str:
    """The data without the review fields; the history's one-line entries go with them."""
    lines = yaml_text.splitlines()
    kept, in_history = [], False
    for ln in lines:
        if _REVIEW_LINE.match(ln):
            in_history = ln.startswith("history")
            continue
        if in_history and _HISTORY_ITEM.match(ln):
            continue
        in_history = False
        kept.append(ln)
    return "\n".join(kept)


def digest(yaml_text: str, markdown: str) -> str:
    """Fingerprint of what a reviewer approves: the data (review lines aside) and the narrative."""
    data = without_review_lines(yaml_text.replace("\r\n", "\n"))
    body = markdown.replace("\r\n", "\n")
    return hashlib.sha256(f"{data}\n\x00\n{body}".encode()).hexdigest()[:16]


def report_files(content: Content, report: ReportEntry) -> tuple[Path, Path]:
    return content.root / report.doc.path, content.docs_dir / report.page_src


def current_digest(content: Content, report: ReportEntry) -> str | None:
    data, page = report_files(content, report)
    try:
        return digest(data.read_text(encoding="utf-8-sig"), page.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return None  # the file's own problem is reported elsewhere


@dataclass(frozen=True)
class Change:
    day: dt.date | None
    """When, if committed; None for an edit not yet committed."""
    author: str = ""


def change_after_approval(content: Content, report: ReportEntry) -> Change | None:
    """The first edit the approval does not cover, or None when it still holds."""
    r = report.report
    if r.status != "已审定" or r.reviewed_digest is None:
        return None  # no approval, or one without a fingerprint: an error of its own
    if current_digest(content, report) in (r.reviewed_digest, None):
        return None
    return _last_commit(content.root, report_files(content, report)) or Change(None)


def approval_problems(content: Content, report: ReportEntry) -> list[Problem]:
    change = change_after_approval(content, report)
    if change is None:
        return []
    r = report.report
    when = (
        f"{change.day}{'（' + change.author + '）' if change.author else ''}"
        if change.day
        else "尚未提交的修改中"
    )
    return [
        Problem(
            report.doc.path,
            report.line("status"),
            f"报告在审定（{r.reviewed_on}，{r.reviewed_by}）之后有改动：{when}",
            field="status",
            hint="改动需要重新审定：运行 zongjie submit 重新提交，"
            "审核后用 zongjie approve 审定；"
            "审定前读者看到的仍是上次审定的版本（git 历史中找不到时不发布）",
            severity="warning",
        )
    ]


def _last_commit(root: Path, paths: tuple[Path, Path]) -> Change | None:
    out = git(root, "log", "-1", "--format=%cs%x09%an", "--", *map(str, paths))
    if not out or "\t" not in out:
        return None
    day, _, author = out.strip().partition("\t")
    return Change(dt.date.fromisoformat(day), author)
