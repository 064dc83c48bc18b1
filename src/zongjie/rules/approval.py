"""An approval covers the narrative and the data as they were approved, and nothing later.

``zongjie approve`` stores a fingerprint (``reviewed_digest``) of both files without their review
lines; any later edit changes it, and check and build then warn (``--strict`` fails) until the
report is approved again. A report approved by hand, without a fingerprint, is compared with git
instead: a commit after ``reviewed_on`` that changed more than the review lines, or such an edit
not yet committed.
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
    if r.status != "已审定" or r.reviewed_on is None:
        return None
    if r.reviewed_digest is not None:
        if current_digest(content, report) in (r.reviewed_digest, None):
            return None
        return _last_commit(content.root, report_files(content, report)) or Change(None)
    return _git_change_after(content.root, report_files(content, report), r.reviewed_on)


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


def _substantive(diff: str) -> bool:
    """A diff that changes more than the review lines of a data file."""
    for line in diff.splitlines():
        if line.startswith(("+++", "---")) or not line.startswith(("+", "-")):
            continue
        if not _REVIEW_LINE.match(line[1:]):
            return True
    return False


def _git_change_after(root: Path, paths: tuple[Path, Path], reviewed_on: dt.date) -> Change | None:
    if git(root, "rev-parse", "--git-dir") is None:
        return None  # no history to compare with
    uncommitted = git(root, "diff", "HEAD", "-U0", "--", *map(str, paths)) or ""
    if _substantive(uncommitted) and _approved_at_head(root, paths[0]):
        return Change(None)
    log = git(root, "log", "-p", "-U0", "--format=%x00%cs%x09%an", "--", *map(str, paths)) or ""
    for chunk in log.split("\x00")[1:]:
        header, _, diff = chunk.partition("\n")
        day_text, _, author = header.partition("\t")
        day = dt.date.fromisoformat(day_text)
        if day <= reviewed_on:
            return None  # newest first: everything older is covered by the approval
        if _substantive(diff):
            return Change(day, author.strip())
    return None


def _approved_at_head(root: Path, data: Path) -> bool:
    rel = data.resolve().relative_to(root.resolve()).as_posix()
    text = git(root, "show", f"HEAD:{rel}")
    return bool(text and re.search(r"^status\s*:\s*[\"']?已审定", text, re.MULTILINE))
