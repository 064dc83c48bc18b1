"""What a new report is called and dated until its editor says otherwise.

``zongjie new report``, ``zongjie import`` and ``zongjie demo`` name and date a report the same
way: the unit's full name and the campaign's title, dated today within the campaign's period.
"""

from __future__ import annotations

import datetime as dt

from zongjie.data.models import Campaign


def report_title(unit_name: str, campaign: Campaign) -> str:
    """``市文学艺术界联合会党史学习教育工作总结报告``."""
    return f"{unit_name}{campaign.title}工作总结报告"


def report_date(campaign: Campaign, today: dt.date | None = None) -> dt.date:
    """Today, or the campaign's first or last day when today lies outside it."""
    day = today or dt.date.today()
    return min(campaign.period.end, max(campaign.period.start, day))
