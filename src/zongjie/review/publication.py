"""Which reports a build shows: the same rule for every product (pages, nav, tables, totals,
charts, search, PDFs, volumes, archives), because each of them is made from this view.

* ``public``: approved (已审定) reports that are 公开, in 公开 campaigns;
* ``restricted``: every approved report (signed-in readers see the complete picture);
* ``editors``: every report, approved or not (``mkdocs serve``), marked as such on its page.
"""

from __future__ import annotations

import dataclasses
from typing import Literal

from zongjie import layout as paths
from zongjie.data.content import CampaignEntry, Content, ReportEntry

Audience = Literal["public", "restricted", "editors"]


def is_restricted(content: Content, report: ReportEntry) -> bool:
    campaign = content.campaigns[report.campaign_id].campaign
    return report.report.visibility == "内部" or campaign.visibility == "内部"


def view(content: Content, audience: Audience) -> Content:
    """``content`` as ``audience`` may see it; reports not approved yet are listed in
    ``withheld``. For the public, 内部 reports are not even that: every public list (尚未报送,
    已报送、尚未审定, totals) is computed as if they did not exist, so a unit whose report is
    内部 looks like one that has not reported, and nothing tells the two apart."""
    if audience == "editors":
        return content
    campaigns: dict[str, CampaignEntry] = {}
    reports: dict[tuple[str, str], ReportEntry] = {}
    withheld: dict[tuple[str, str], str] = {}
    for cid, entry in content.campaigns.items():
        if audience == "public" and entry.campaign.visibility == "内部":
            continue
        shown = []
        for report in entry.reports:
            if audience == "public" and is_restricted(content, report):
                continue  # as if it did not exist: no public list may hint at it
            if report.report.status != "已审定":
                withheld[report.key] = report.report.status
            else:
                shown.append(report)
                reports[report.key] = report
        campaigns[cid] = dataclasses.replace(entry, reports=shown)
    return dataclasses.replace(content, campaigns=campaigns, reports=reports, withheld=withheld)


def has_restricted(content: Content) -> bool:
    """Whether a signed-in readers' tree is needed: some approved report is 内部."""
    return any(
        r.report.status == "已审定" and is_restricted(content, r) for r in content.reports.values()
    )


def is_hidden(src: str, content: Content, shown: Content) -> bool:
    """Whether the page ``src`` (inside docs/) belongs to a report or campaign ``shown`` leaves
    out: a hidden campaign takes its whole folder with it."""
    report = content.report_for_page(src)
    if report is not None:
        return report.key not in shown.reports
    parts = src.split("/")
    return (
        len(parts) >= 3
        and parts[0] == paths.CAMPAIGNS_DIR
        and parts[1] in content.campaigns
        and parts[1] not in shown.campaigns
    )
