"""The rules of a campaign's deadlines and expected units, at the lines of its YAML file.

They need the unit catalogue (the names of its ``levels``, its ids), so they run once both are
loaded; without a catalogue that loaded, its own errors come first and these are skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from zongjie.data.content import CampaignEntry, Content
from zongjie.rules.findings import Finding, finding

# A deadline more than a year after the campaign ended is almost always a mistyped year.
LONG_AFTER = dt.timedelta(days=366)


def campaign_findings(content: Content, entry: CampaignEntry) -> Iterator[Finding]:
    campaign = entry.campaign
    period = campaign.period
    days: list[tuple[tuple[str, ...], dt.date]] = []
    if campaign.due is not None:
        days.append((("due",), campaign.due))
    days += [(("due_by_level", level), day) for level, day in campaign.due_by_level.items()]
    for loc, day in days:
        if day < period.start:
            yield finding("due-before-start", loc, day=day, start=period.start)
        elif day > period.end + LONG_AFTER:
            yield finding("due-long-after-end", loc, "warning", day=day, end=period.end)
    if "units" in content.failed:
        return
    levels = content.tree.levels
    for level in campaign.due_by_level:
        if level not in levels:
            known = "、".join(levels) or "（units.yml 未定义 levels）"
            yield finding("due-level-unknown", ("due_by_level", level), level=level, known=known)
    for i, uid in enumerate(campaign.exclude):
        if uid not in content.units:
            yield finding("exclude-unit-unknown", ("exclude", i), unit=uid)
