"""报送进度 for ``zongjie review --progress``, ``stats --progress`` and ``remind``: the project
loaded, the campaign and organisation asked for found, the figures of
:mod:`zongjie.review.progress` rendered."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict
from pathlib import Path

from zongjie import rules
from zongjie.cli.stats_tree import find_org
from zongjie.data.content import Content
from zongjie.data.tree import ROOT
from zongjie.errors import CommandError, ContentError
from zongjie.review.progress import STATUSES, CampaignProgress, all_progress
from zongjie.templating import render


def load(root: Path, campaign_id: str | None) -> Content:
    """The whole project (drafts too); the unit catalogue and the campaign must load."""
    content = rules.load_project(root)
    for name in ("units", campaign_id):
        if name and content.failure(name):
            raise ContentError(content.failure(name))
    if campaign_id and campaign_id not in content.campaigns:
        raise CommandError(
            f"未知的活动 id “{campaign_id}”",
            hint=f"已定义的活动：{'、'.join(content.campaigns) or '（无）'}",
        )
    return content


def progress(
    root: Path, today: dt.date | None, campaign_id: str | None, org: str | None
) -> tuple[Content, list[CampaignProgress]]:
    content = load(root, campaign_id)
    top = find_org(content.tree, org).id if org is not None else ROOT
    return content, all_progress(content, today or dt.date.today(), campaign_id, top)


def format_progress(found: list[CampaignProgress], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(
            {"campaigns": [asdict(c) for c in found]}, ensure_ascii=False, indent=1, default=str
        )
    return render("progress.txt.j2", campaigns=found, statuses=STATUSES).rstrip("\n")
