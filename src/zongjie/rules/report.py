"""The rules a report's data obeys, whatever file it came from.

Each rule is a plain function over the typed report and its campaign, returning
:class:`~zongjie.rules.findings.Finding` objects. ``zongjie check``, the build and ``approve``
get them at the lines of the YAML file (:func:`zongjie.rules.load`); the workbook import at
the cells they came from. Schema errors (types, required keys) are pydantic's, before these.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator, Sequence

from zongjie.data.metrics import derive, metric_values
from zongjie.data.models import (
    Activity,
    Campaign,
    Outreach,
    RectificationGroup,
    Report,
    ShishiItem,
    Training,
)
from zongjie.data.yamlfile import parse_dotted
from zongjie.rules.findings import Finding, finding

REVIEW_DATES = {
    "reviewed_on": "审定日期",
    "first_reviewed_on": "初审日期",
    "submitted_on": "提交日期",
}
FIRST_REVIEW_FIELDS = ("first_reviewed_by", "first_reviewed_on", "first_reviewed_digest")
APPROVAL_FIELDS = ("reviewed_by", "reviewed_on", "reviewed_digest")
RETURN_FIELDS = ("returned_reason", "returned_by", "returned_on", "returned_digest")


def report_findings(
    report: Report,
    campaign: Campaign,
    *,
    resources: set[str] | None,
    today: dt.date,
) -> list[Finding]:
    """Every rule on one report. ``resources``: the catalogue's ids, ``None`` when the catalogue
    failed to load (its own errors say why; ids are not checked against it then)."""
    return [
        *metric_findings(report, campaign),
        *activity_findings(report, campaign),
        *shishi_findings(report),
        *outreach_findings(report),
        *(f for i, g in enumerate(report.rectification) for f in group_findings(i, g)),
        *resource_findings(report, resources),
        *unconfirmed_findings(report),
        *date_findings(report, campaign),
        *review_findings(report, today),
        *first_review_findings(report, campaign),
    ]


def metric_findings(report: Report, campaign: Campaign) -> Iterator[Finding]:
    metric_ids = {m.id for m in campaign.metrics}
    for key in report.metrics:
        if key not in metric_ids:
            yield finding(
                "metric-unknown",
                ("metrics", key),
                campaign=campaign.display_title,
                metric=key,
                known=", ".join(sorted(metric_ids)),
            )
    for metric in campaign.metrics:
        explicit = report.metrics.get(metric.id)
        if metric.derive is not None and explicit is not None:
            derived = derive(report, metric.derive)
            if derived is not None and derived != explicit:
                yield finding(
                    "metric-disagrees-with-list",
                    ("metrics", metric.id),
                    label=metric.label,
                    explicit=explicit,
                    derived=derived,
                    measure=metric.measure,
                )
        elif metric.derive is None and explicit is None:
            yield finding(
                "metric-missing",
                ("metrics",),
                "warning",
                about=("metrics", metric.id),
                label=metric.label,
                metric=metric.id,
            )


def activity_findings(report: Report, campaign: Campaign) -> Iterator[Finding]:
    """A kind listed twice as a bare count is summed, which is rarely meant; a kind that no
    metric counts but that looks like one a metric counts drops out of that metric unseen."""
    counted = {
        m.derive.kind: m
        for m in campaign.metrics
        if m.derive is not None and m.derive.source == "activities" and m.derive.kind
    }
    bare: dict[str, int] = {}
    for i, activity in enumerate(report.activities):
        kind = activity.kind
        if activity.title is None and activity.date is None:
            if kind in bare:
                first = report.activities[bare[kind]]
                yield finding(
                    "activity-kind-twice",
                    ("activities", i, "kind"),
                    "warning",
                    kind=kind,
                    first=bare[kind] + 1,
                    first_count=first.count,
                    count=activity.count,
                    total=first.count + activity.count,
                )
            bare.setdefault(kind, i)
        if kind in counted:
            continue
        near = next((k for k in counted if _looks_like(kind, k)), None)
        if near is not None:
            yield finding(
                "activity-kind-uncounted",
                ("activities", i, "kind"),
                "warning",
                kind=kind,
                label=counted[near].label,
                metric=counted[near].id,
                counted=near,
            )


def _looks_like(kind: str, counted: str) -> bool:
    """The same kind written another way: width, spacing, a word added or dropped."""
    a, b = _plain(kind), _plain(counted)
    # One character apart is not enough: 党委会议 and 党组会议 are different bodies' meetings.
    return a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a))


def _plain(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def shishi_findings(report: Report) -> Iterator[Finding]:
    if (
        report.shishi_count is not None
        and report.shishi
        and report.shishi_count != len(report.shishi)
    ):
        yield finding(
            "shishi-count-disagrees",
            ("shishi_count",),
            count=report.shishi_count,
            listed=len(report.shishi),
        )
    status = report.shishi_status
    if status is None:
        return
    if report.shishi:
        yield finding("shishi-status-with-items", ("shishi_status",))
    elif report.shishi_count is not None and status.total != report.shishi_count:
        yield finding(
            "shishi-status-total-disagrees",
            ("shishi_status",),
            total=status.total,
            count=report.shishi_count,
        )


def outreach_findings(report: Report) -> Iterator[Finding]:
    for i, visit in enumerate(report.outreach):
        if visit.site_names and visit.sites and visit.sites != len(visit.site_names):
            yield finding(
                "sites-disagree-with-names",
                ("outreach", i, "sites"),
                sites=visit.sites,
                names=len(visit.site_names),
            )


def group_findings(i: int, group: RectificationGroup) -> Iterator[Finding]:
    at = ("rectification", i)
    status_total = group.status.total if group.status else None
    if group.items and group.count is not None and group.count != len(group.items):
        yield finding(
            "problem-count-disagrees", (*at, "count"), count=group.count, listed=len(group.items)
        )
    if group.items and group.status is not None:
        yield finding("problem-status-with-items", (*at, "status"))
    elif status_total is not None and group.count is not None and status_total != group.count:
        yield finding(
            "problem-status-total-disagrees", (*at, "status"), total=status_total, count=group.count
        )
    if not group.items and group.count is None and group.status is None:
        yield finding("problem-group-empty", at)
    if group.count and not group.items and group.status is None:
        yield finding("problem-status-missing", (*at, "count"), "warning", about=(*at, "status"))


def resource_findings(report: Report, resources: set[str] | None) -> Iterator[Finding]:
    if resources is None:
        return
    for i, rid in enumerate(report.resources):
        if rid not in resources:
            yield finding("resource-unknown", ("resources", i), resource=rid)


def unconfirmed_findings(report: Report) -> Iterator[Finding]:
    """Values an import proposed and nobody has confirmed yet, at the value itself."""
    for i, loc in enumerate(report.待核实):
        yield Finding(
            "value-unconfirmed",
            parse_dotted(loc),
            (("value", loc),),
            "warning",
            about=("待核实", i),
            column=True,
        )


def date_findings(report: Report, campaign: Campaign) -> Iterator[Finding]:
    period = campaign.period
    dated: list[tuple[tuple[int | str, ...], dt.date | None]] = [(("date",), report.date)]
    lists: tuple[tuple[str, Sequence[Activity | Training | Outreach | ShishiItem]], ...] = (
        ("activities", report.activities),
        ("trainings", report.trainings),
        ("outreach", report.outreach),
        ("shishi", report.shishi),
    )
    for key, rows in lists:
        dated += [((key, i, "date"), row.date) for i, row in enumerate(rows)]
    for loc, day in dated:
        if day is not None and day not in period:
            yield finding("date-outside-campaign", loc, day=day, start=period.start, end=period.end)
        elif day is not None and loc != ("date",) and day > report.date:
            # A report tells what was done by its date: a later day is a typo or a plan.
            yield finding("dated-after-report", loc, "warning", day=day, written=report.date)


def review_findings(report: Report, today: dt.date) -> Iterator[Finding]:
    """The review fields agree with the status (who approved what, and when), and the dates
    are in order: the rule ``approve`` applies to the fields it is about to write."""
    r = report
    if r.status == "已审定":
        for key, other in (("reviewed_by", "reviewed_on"), ("reviewed_on", "reviewed_by")):
            if getattr(r, key) is None:
                at = other if getattr(r, other) is not None else "status"
                yield finding("approval-incomplete", (at,), about=(key,), key=key)
        if r.reviewed_digest is None:
            # Without the fingerprint nothing says which text was approved: an edit on the
            # approval's day would pass unseen, and no revision could be found in git.
            at = "reviewed_by" if r.reviewed_by is not None else "status"
            yield finding(
                "approval-without-digest",
                (at,),
                about=("reviewed_digest",),
                key="reviewed_digest",
                step="审定",
            )
    else:
        for key in APPROVAL_FIELDS:
            if getattr(r, key) is not None:
                yield finding("review-field-without-approval", (key,), status=r.status, key=key)
    if r.status != "退回":
        for key in RETURN_FIELDS:
            if getattr(r, key) is not None:
                yield finding("review-field-without-approval", (key,), status=r.status, key=key)
    if r.status in ("草稿", "退回"):
        for key in FIRST_REVIEW_FIELDS:
            if getattr(r, key) is not None:
                yield finding("review-field-without-approval", (key,), status=r.status, key=key)
    elif (r.first_reviewed_by is None) != (r.first_reviewed_on is None):
        key, other = (
            ("first_reviewed_by", "first_reviewed_on")
            if r.first_reviewed_by is None
            else ("first_reviewed_on", "first_reviewed_by")
        )
        yield finding("approval-incomplete", (other,), about=(key,), key=key)
    elif r.status == "待审" and r.first_reviewed_by is not None and r.first_reviewed_digest is None:
        # While the report waits for 终审, the 初审's fingerprint is what says which text the
        # organisation above passed; once approved, the approval's own fingerprint covers it.
        yield finding(
            "approval-without-digest",
            ("first_reviewed_by",),
            about=("first_reviewed_digest",),
            key="first_reviewed_digest",
            step="初审",
        )
    for key, label in REVIEW_DATES.items():
        day = getattr(r, key)
        if day is not None and day > today:
            yield finding("review-date-in-future", (key,), label=label, day=day, today=today)
    # The review steps in their order: written → submitted → 初审 → 审定. Each pair is
    # (later field, earlier field, code, the code's names for the two days).
    for later, earlier, code, names in _REVIEW_ORDER:
        after, before = getattr(r, later), (r.date if earlier == "date" else getattr(r, earlier))
        if after and before and after < before:
            yield finding(code, (later,), **{names[0]: after, names[1]: before})


_REVIEW_ORDER = (
    ("reviewed_on", "submitted_on", "approved-before-submitted", ("reviewed", "submitted")),
    ("first_reviewed_on", "submitted_on", "approved-before-submitted", ("reviewed", "submitted")),
    ("reviewed_on", "first_reviewed_on", "approved-before-first-review", ("reviewed", "first")),
    ("submitted_on", "date", "submitted-before-written", ("submitted", "written")),
    ("reviewed_on", "date", "approved-before-written", ("reviewed", "written")),
)


def first_review_findings(report: Report, campaign: Campaign) -> Iterator[Finding]:
    """In a campaign with 初审, only a report that passed it may be approved: a hand-written
    已审定 without it would publish what the unit's parent organisation never saw."""
    if campaign.first_review and report.status == "已审定" and report.first_reviewed_by is None:
        yield finding("approved-without-first-review", ("status",))


def values_of(report: Report, campaign: Campaign) -> dict[str, int | None]:
    return metric_values(report, campaign)
