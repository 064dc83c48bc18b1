"""Derive a report's metric values from its lists, so numbers cannot drift."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from zongjie.data.models import (
    RECTIFICATION_STATUSES,
    Campaign,
    MetricDerivation,
    RectificationGroup,
    Report,
)


def percent(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in per cent, to one decimal; ``None`` when there is no whole. A rate
    over several reports is taken from their summed counts, never averaged."""
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class RectificationTotals:
    problems: int
    已整改: int
    整改中: int
    常态化: int

    @property
    def percent_rectified(self) -> float | None:
        return percent(self.已整改, self.problems)


def group_count(group: RectificationGroup) -> int:
    if group.items:
        return len(group.items)
    if group.count is not None:
        return group.count
    return group.status.total if group.status else 0


def group_status(group: RectificationGroup) -> Counter[str]:
    if group.items:
        return Counter(item.status for item in group.items)
    if group.status:
        return Counter({k: getattr(group.status, k) for k in RECTIFICATION_STATUSES})
    return Counter()


def rectification_totals(report: Report) -> RectificationTotals:
    """Totals over the groups counted in 个 (problems); 类 (categories) are not problems."""
    problems = 0
    status: Counter[str] = Counter()
    for group in report.rectification:
        if group.measure != "个":
            continue
        problems += group_count(group)
        status.update(group_status(group))
    return RectificationTotals(problems, status["已整改"], status["整改中"], status["常态化"])


def derive(report: Report, how: MetricDerivation) -> int | None:
    """The value computed from the report's lists, or ``None`` when no list entry feeds it."""
    match how.source:
        case "activities":
            hits = [a.count for a in report.activities if a.kind == how.kind]
            return sum(hits) if hits else None
        case "trainings":
            return sum(t.participants for t in report.trainings) if report.trainings else None
        case "outreach_sites":
            return sum(o.site_count for o in report.outreach) if report.outreach else None
        case "distributed":
            copies = [d.volumes or d.count for o in report.outreach for d in o.distributed]
            return sum(copies) if copies else None
        case "shishi":
            if report.shishi:
                return len(report.shishi)
            if report.shishi_count is None and report.shishi_status:
                return report.shishi_status.total
            return report.shishi_count
        case "problems" | "rectified":
            if not any(g.measure == "个" for g in report.rectification):
                return None
            totals = rectification_totals(report)
            return totals.problems if how.source == "problems" else totals.已整改
    raise AssertionError(how.source)  # pragma: no cover - Literal is exhaustive


def metric_values(report: Report, campaign: Campaign) -> dict[str, int | None]:
    """Value of every campaign metric for one report; ``None`` where the report gives none.

    A derived metric whose list is empty falls back to an explicit value in
    ``metrics:``, then to 0: a report that lists no 党组会议 held none.
    """
    values: dict[str, int | None] = {}
    for metric in campaign.metrics:
        explicit = report.metrics.get(metric.id)
        if metric.derive is None:
            values[metric.id] = explicit
            continue
        derived = derive(report, metric.derive)
        values[metric.id] = derived if derived is not None else (explicit or 0)
    return values
