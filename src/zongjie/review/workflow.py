"""草稿 → 待审 → 已审定: the steps behind ``zongjie submit``, ``approve`` and ``review``.

Each step edits only the review lines of the report's YAML (see
:mod:`zongjie.data.report_yaml`), and only after the whole project has been checked, so an
approval always covers a report that ``zongjie check --strict`` passes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from zongjie import atomic, rules
from zongjie.data.content import Content, ReportEntry
from zongjie.data.report_yaml import append_history, history_line, set_fields
from zongjie.errors import CommandError, ContentError, Problem
from zongjie.git import git
from zongjie.git.history import load_history
from zongjie.rules.approval import (
    approval_problems,
    change_after_approval,
    current_digest,
    digest,
)
from zongjie.rules.findings import Wording, Words
from zongjie.rules.project import check_project
from zongjie.rules.report import review_findings
from zongjie.rules.wording import YAML

_REF = re.compile(r"^([a-z0-9][a-z0-9-]*)/([a-z0-9][a-z0-9-]*)$")
# The review rule on the date ``approve`` is about to write, in the words of its --on option.
APPROVE_WORDS = Words(
    {
        "review-date-in-future": Wording(
            "审定日期 {day} 是将来的日期", "--on 只能是今天或以前的日期"
        ),
        "approved-before-submitted": Wording(
            "审定日期 {reviewed} 早于提交日期 {submitted}", "检查 --on 的日期"
        ),
        "approved-before-written": Wording(
            "审定日期 {reviewed} 早于报告的落款日期 {written}", "检查 --on 的日期"
        ),
    },
    YAML,
)


def find_report(content: Content, ref: str) -> ReportEntry:
    """``CAMPAIGN/UNIT`` → the report, or a Chinese error that says what exists."""
    match = _REF.match(ref.strip().removesuffix(".yml"))
    if not match:
        raise CommandError(
            f"“{ref}”不是 活动id/单位id 的形式",
            hint="例如 zongjie approve dangshi-2021/shi-wenlian",
        )
    cid, uid = match.groups()
    report = content.reports.get((cid, uid))
    if report is not None:
        return report
    data = content.layout.report_data(cid, uid)
    broken = content.report_errors(cid, uid)
    if broken:  # the report exists but its data does not load: say why, at its lines
        raise ContentError(broken)
    if cid not in content.campaigns:
        known = "、".join(content.campaigns) or "（无）"
        raise CommandError(f"没有活动“{cid}”", hint=f"已有的活动：{known}")
    units = "、".join(sorted(r.unit_id for r in content.campaigns[cid].reports)) or "（无）"
    raise CommandError(
        f"活动“{cid}”中没有单位“{uid}”的报告",
        path=content.rel(data),
        hint=f"已有报告的单位：{units}；新建报告用 zongjie new report",
    )


RETURN_FIELDS = ("returned_reason", "returned_by", "returned_on", "returned_digest")
FIRST_FIELDS = ("first_reviewed_by", "first_reviewed_on", "first_reviewed_digest")


def _rewrite(
    content: Content, report: ReportEntry, fields: dict[str, str | None], step: str = ""
) -> Path:
    """Write the review fields and, for a step, its line in ``history:``."""
    path = content.root / report.doc.path
    # Read and written with the file's own line endings: only the review lines may change in
    # git, not every line of a file saved on Windows.
    with open(path, encoding="utf-8", newline="") as handle:
        raw = handle.read()
    bom = "\ufeff" if raw.startswith("\ufeff") else ""
    ending = "\r\n" if "\r\n" in raw else "\n"
    text = set_fields(raw.removeprefix(bom), fields)
    if step:
        text = append_history(text, step)
    if ending != "\n":
        text = text.replace("\r\n", "\n").replace("\n", ending)
    atomic.write_text(path, bom + text)
    return path


def submit(
    root: Path,
    ref: str,
    today: dt.date | None = None,
    by: str | None = None,
    with_unconfirmed: bool = False,
) -> tuple[Path, str]:
    """草稿 (or an approved report that was changed) → 待审. Returns the file and old status.

    A report with values still marked 待核实 is refused unless ``with_unconfirmed``: the
    reviewer would otherwise approve figures nobody at the unit has looked at. Submitted
    anyway, the history says how many."""
    content = rules.load_project(root)
    report = find_report(content, ref)
    old = report.report.status
    unconfirmed = report.report.待核实
    if unconfirmed and not with_unconfirmed:
        listed = "、".join(unconfirmed[:5]) + ("等" if len(unconfirmed) > 5 else "")
        raise CommandError(
            f"{ref} 还有 {len(unconfirmed)} 项导入的数据待核实（{listed}），不能提交",
            path=report.doc.path,
            line=report.line("待核实"),
            hint="逐项核对后从“待核实”中删去；"
            "确需先提交的，加 --with-unconfirmed（会记入审核历史）",
        )
    if old == "待审":
        raise CommandError(
            f"{ref} 已在等待审定（{report.report.submitted_on or '日期未记录'}提交）",
            path=report.doc.path,
            line=report.line("status"),
        )
    r = report.report
    if old == "退回" and current_digest(content, report) == r.returned_digest:
        raise CommandError(
            f"{ref} 于 {r.returned_on} 被退回，之后还没有修改，不能原样再次提交",
            path=report.doc.path,
            line=report.line("status"),
            hint=f"退回理由：{r.returned_reason}；按理由修改报告正文或数据后再 zongjie submit",
        )
    day = (today or dt.date.today()).isoformat()
    keys = ("reviewed_by", "reviewed_on", "reviewed_digest", *FIRST_FIELDS, *RETURN_FIELDS)
    cleared: dict[str, str | None] = dict.fromkeys(keys)
    notes = [
        "原审定已撤销" if old == "已审定" else "",
        f"含 {len(unconfirmed)} 项待核实" if unconfirmed else "",
    ]
    note = "；".join(n for n in notes if n) or None
    step = history_line("提交", day, by or git_user(root), note)
    fields = {"status": "待审", "submitted_on": day, **cleared}
    return _rewrite(content, report, fields, step), old


def return_report(
    root: Path, ref: str, reason: str, by: str | None, today: dt.date | None = None
) -> tuple[Path, str]:
    """待审 or 已审定 → 退回, with the reason. An approved report leaves the readers' site."""
    reason = " ".join(reason.split())
    if not reason:
        raise CommandError("退回必须说明理由", hint="用 --reason 理由 写明需要修改什么")
    content = rules.load_project(root)
    report = find_report(content, ref)
    old = report.report.status
    if old in ("草稿", "退回"):
        what = "还是草稿，尚未提交" if old == "草稿" else f"已于 {report.report.returned_on} 被退回"
        raise CommandError(
            f"{ref} {what}，没有可退回的内容",
            path=report.doc.path,
            line=report.line("status"),
            hint="只有待审或已审定的报告可以退回",
        )
    reviewer = (by or git_user(root) or "").strip() or None
    day = (today or dt.date.today()).isoformat()
    fields: dict[str, str | None] = {
        "status": "退回",
        "reviewed_by": None,
        "reviewed_on": None,
        "reviewed_digest": None,
        # 退回 restarts the chain: the report goes through 初审 again.
        **dict.fromkeys(FIRST_FIELDS),
        "returned_reason": reason,
        "returned_by": reviewer,
        "returned_on": day,
        "returned_digest": current_digest(content, report),
    }
    step = history_line("撤回" if old == "已审定" else "退回", day, reviewer, reason)
    return _rewrite(content, report, fields, step), old


def approval_blockers(content: Content, report: ReportEntry) -> list[Problem]:
    """Every reason ``approve`` refuses: what ``check --strict`` reports for this report's files
    (a change after an earlier approval is not one: approving again is the cure)."""
    files = {report.doc.path, content.rel(content.docs_dir / report.page_src)}
    stale = set(approval_problems(content, report))
    return [p for p in check_project(content) if p.path in files and p not in stale]


def git_user(root: Path) -> str | None:
    return (git(root, "config", "user.name", timeout=10) or "").strip() or None


@dataclass(frozen=True)
class Approval:
    path: Path
    step: str
    """初审 (the report still waits for 终审) or 审定 (it is published)."""


def approve(root: Path, ref: str, by: str | None, on: dt.date | None = None) -> Approval:
    """待审 → 已审定; in a campaign with ``first_review``, the first call is the 初审 of the
    organisation above the unit and the report stays 待审 until the office's call."""
    content = rules.load_project(root)
    report = find_report(content, ref)
    r = report.report
    if r.status in ("草稿", "退回"):
        raise CommandError(
            f"{ref} 还是草稿，不能直接审定"
            if r.status == "草稿"
            else f"{ref} 已被退回（{r.returned_reason}），修改后需重新提交才能审定",
            path=report.doc.path,
            line=report.line("status"),
            hint=f"先提交审核：zongjie submit {ref}",
        )
    if r.status == "已审定" and change_after_approval(content, report) is None:
        raise CommandError(
            f"{ref} 已于 {r.reviewed_on} 由 {r.reviewed_by} 审定，之后没有改动",
            path=report.doc.path,
            line=report.line("status"),
        )
    blockers = approval_blockers(content, report)
    if blockers:
        raise ContentError(blockers, header=f"{ref} 不能审定，原因如下")
    reviewer = (by or git_user(root) or "").strip()
    if not reviewer:
        raise CommandError(
            "不知道审定人是谁", hint="用 --by 姓名 指定，或先设置 git config user.name"
        )
    day = on or dt.date.today()
    data, page = content.root / report.doc.path, content.docs_dir / report.page_src
    seal = digest(data.read_text(encoding="utf-8-sig"), page.read_text(encoding="utf-8-sig"))
    campaign = content.campaigns[report.campaign_id].campaign
    first = campaign.first_review and not (r.first_reviewed_by and r.first_reviewed_digest == seal)
    step = "初审" if first else "审定"
    org_id, org, allowed = _reviewers(content, report.unit_id, first)
    if allowed and reviewer not in allowed:
        raise CommandError(
            f"“{reviewer}”不在{org}的审核人名单中，不能{'初审' if first else '审定'} {ref}",
            path=content.rel(content.layout.units_file),
            line=_reviewers_line(content, org_id),
            hint=f"名单（data/units.yml 的 reviewers）：{'、'.join(allowed)}；"
            "确需由他人审核时，先在名单中加上这个名字并提交",
        )
    if first:
        reviewed = r.model_copy(
            update={
                "first_reviewed_by": reviewer,
                "first_reviewed_on": day,
                "first_reviewed_digest": seal,
            }
        )
        for found in review_findings(reviewed, content.today):
            message, hint, _ = APPROVE_WORDS.of(found)
            raise CommandError(message.replace("审定日期", "初审日期"), hint=hint)
        fields: dict[str, str | None] = {
            "first_reviewed_by": reviewer,
            "first_reviewed_on": day.isoformat(),
            "first_reviewed_digest": seal,
        }
        entry = history_line("初审", day.isoformat(), reviewer, None)
        return Approval(_rewrite(content, report, fields, entry), step)
    approved = r.model_copy(
        update={
            "status": "已审定",
            "reviewed_by": reviewer,
            "reviewed_on": day,
            "reviewed_digest": seal,
        }
    )
    for found in review_findings(approved, content.today):
        message, hint, _ = APPROVE_WORDS.of(found)
        raise CommandError(message, hint=hint)
    fields = {
        "status": "已审定",
        "reviewed_by": reviewer,
        "reviewed_on": day.isoformat(),
        "reviewed_digest": seal,
    }
    entry = history_line("审定", day.isoformat(), reviewer, None)
    return Approval(_rewrite(content, report, fields, entry), step)


def _reviewers(content: Content, unit_id: str, first: bool) -> tuple[str | None, str, list[str]]:
    """The organisation that approves at this step (its id, None for the top; its name), and
    who may do it for it (any when empty): for 初审 the one directly above the unit, for 终审
    the top."""
    top = (None, content.top.name, list(content.top.reviewers))
    if not first:
        return top
    node = content.tree.nodes.get(unit_id)
    parent = node.parent if node is not None else None
    above = content.units.get(parent) if parent else None
    if above is None:
        return top
    return above.id, above.name, list(above.reviewers)


def _reviewers_line(content: Content, org_id: str | None) -> int:
    """The line of the organisation's ``reviewers`` in units.yml (of ``root:`` for the top)."""
    doc = content.units_doc
    if doc is None:
        return 1
    if org_id is None:
        return doc.line_of(("root", "reviewers"))[0]
    rows = doc.data.get("units") if isinstance(doc.data, dict) else None
    for i, row in enumerate(rows if isinstance(rows, list) else []):
        if isinstance(row, dict) and row.get("id") == org_id:
            return doc.line_of(("units", i, "reviewers"))[0]
    return 1


@dataclass(frozen=True)
class Waiting:
    campaign: str
    unit: str
    status: str
    days: int | None
    """Days since it was submitted (待审), last changed (草稿) or changed after approval."""
    unconfirmed: int
    """Values still marked 待核实."""
    path: str
    reason: str | None = None
    """Why it was sent back (退回)."""


def waiting(root: Path, today: dt.date | None = None) -> list[Waiting]:
    """Every report not approved, or changed since its approval, oldest first per campaign."""
    content = rules.load_project(root)
    if content.log.errors:
        raise ContentError(content.log.errors)
    today = today or dt.date.today()
    history = load_history(content.layout) or {}
    out = []
    for (cid, uid), report in sorted(content.reports.items()):
        r = report.report
        since: dt.date | None
        if r.status == "待审":
            since = r.submitted_on
            status = "待审"
            if content.campaigns[cid].campaign.first_review:
                first_done = r.first_reviewed_by and r.first_reviewed_digest == current_digest(
                    content, report
                )
                status, since = ("待终审", r.first_reviewed_on) if first_done else ("待初审", since)
        elif r.status == "退回":
            since, status = r.returned_on, "退回"
        elif r.status == "草稿":
            revisions = [
                history[p]
                for p in (report.doc.path, content.rel(content.docs_dir / report.page_src))
                if p in history
            ]
            since = max((rev.date for rev in revisions), default=None)
            status = "草稿"
        else:
            change = change_after_approval(content, report)
            if change is None:
                continue
            since, status = change.day or today, "已审定后有改动"
        days = (today - since).days if since else None
        out.append(
            Waiting(cid, uid, status, days, len(r.待核实), report.doc.path, r.returned_reason)
        )
    # Per campaign, the longest wait first (an unknown wait last).
    return sorted(out, key=lambda w: (w.campaign, w.days is None, -(w.days or 0), w.unit))
