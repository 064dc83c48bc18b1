"""``zongjie stats``: campaign totals and the units that have not reported yet."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from zongjie import layout as paths
from zongjie import rules
from zongjie.cli.arguments import add_format, add_root, add_today
from zongjie.cli.stats_tree import (
    Level,
    MetricTotal,
    OrgTotals,
    Rectification,
    find_level,
    find_org,
    level_rows,
    org_totals,
)
from zongjie.data.content import Content
from zongjie.data.tree import ROOT
from zongjie.errors import CommandError, ContentError, Problem
from zongjie.review import publication
from zongjie.templating import render


@dataclass
class CampaignStats:
    id: str
    title: str
    reports: int
    units: int
    """Units that file reports (in ``org`` and below with ``--org``)."""
    metrics: list[MetricTotal] = field(default_factory=list)
    rectification: Rectification = field(default_factory=lambda: Rectification(0, 0, None))
    pending: list[str] = field(default_factory=list)
    """Units whose report is not approved yet, with its status; not in the totals."""
    broken: list[str] = field(default_factory=list)
    """Units whose report file has errors: sent, but left out of the totals until fixed."""
    missing: list[str] = field(default_factory=list)
    """Short names of catalogued units without a report in this campaign."""
    unconfirmed: int = 0
    """Values imported from Word and still marked 待核实."""
    org: str = ROOT
    """The organisation the figures are limited to (``--org``); empty for everything."""
    org_name: str = ""
    level: Level | None = None
    """The level of ``rows`` (``--level``)."""
    rows: list[OrgTotals] = field(default_factory=list)
    """One row per organisation of ``level``, with its subtotals."""
    outside: int = 0
    """Approved reports counted in the totals but under none of ``rows`` (units above the
    level)."""


def collect_stats(
    root: Path, campaign_id: str | None = None, org: str | None = None, level: str | None = None
) -> tuple[list[CampaignStats], list[Problem]]:
    """Stats per campaign and the errors in the data. Totals count approved reports (what
    readers see, 内部 included); reports awaiting approval are listed, not counted. ``org``
    limits everything to an organisation and what is under it; ``level`` adds a row of
    subtotals per organisation of that level (a name of ``levels`` or a depth)."""
    everything = rules.load_project(root)
    # Without the unit catalogue (or the campaign asked for) there is nothing to count against.
    for name in ("units", campaign_id):
        if name and everything.failure(name):
            raise ContentError(everything.failure(name))
    content = publication.view(everything, "restricted")
    if campaign_id and campaign_id not in content.campaigns:
        raise CommandError(
            f"未知的活动 id “{campaign_id}”",
            hint=f"已定义的活动：{'、'.join(content.campaigns) or '（无）'}",
        )
    tree = content.tree
    top = find_org(tree, org).id if org is not None else ROOT
    chosen = find_level(tree, level) if level is not None else None
    under = tree.subtree(top)
    out = []
    for cid, entry in sorted(
        content.campaigns.items(), key=lambda kv: (-kv[1].campaign.year, kv[0])
    ):
        if campaign_id and cid != campaign_id:
            continue
        totals = org_totals(content, cid, top)
        stats = CampaignStats(
            cid,
            entry.campaign.display_title,
            totals.reports,
            totals.units,
            totals.metrics,
            totals.rectification,
            org=top,
            org_name=totals.name if top != ROOT else "",
        )
        if chosen is not None:
            stats.level = chosen
            stats.rows = level_rows(content, cid, top, chosen)
            stats.outside = stats.reports - sum(r.reports for r in stats.rows)
        units = {uid: u for uid, u in content.units.items() if uid in under and u.reports}
        done = {r.unit_id for r in entry.reports}
        pending = [(u, why) for u, why in content.withheld_reports(cid) if u.id in under]
        stats.pending = [f"{u.short_name}（{why}）" for u, why in pending]
        done |= {u.id for u, _ in pending}
        broken = _broken_reports(everything, cid) - done
        stats.broken = [u.short_name for uid, u in units.items() if uid in broken]
        done |= broken
        stats.missing = [  # a unit the campaign does not expect is not missing from it
            u.short_name
            for uid, u in units.items()
            if uid not in done and entry.campaign.expects(u)
        ]
        stats.unconfirmed = sum(
            len(r.report.待核实) for r in everything.campaigns[cid].reports if r.unit_id in under
        )
        out.append(stats)
    return out, content.log.errors


def _broken_reports(content: Content, campaign_id: str) -> set[str]:
    """Ids of the units whose report file in ``campaign_id`` has an error."""
    with_errors = {p.path for p in content.log.errors}
    return {
        path.stem
        for path in paths.data_files(content.layout.reports_dir / campaign_id)
        if content.rel(path) in with_errors
    }


HELP = "各活动的数据合计和尚未报送的单位，可按组织和层级分列"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--campaign", help="只看这个活动")
    p.add_argument("--org", metavar="组织id", help="只看这个组织及其下各级单位")
    p.add_argument(
        "--level",
        metavar="层级",
        help="按层级分列各组织的小计：层级名称（如 县区）或第几级（如 2）",
    )
    p.add_argument("--progress", action="store_true", help="按组织列出报送进度（含草稿）和逾期单位")
    add_today(p)
    add_root(p)
    add_format(p)


def format_stats(stats: list[CampaignStats], errors: int, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(
            {"campaigns": [asdict(s) for s in stats], "errors": errors},
            ensure_ascii=False,
            indent=1,
        )
    return render("stats.txt.j2", stats=stats, errors=errors).rstrip("\n")


def run(args: argparse.Namespace) -> int:
    """Totals of the valid data; a broken file is named (``path:line``) and fails the command,
    since the totals leave it out."""
    if args.progress:
        from zongjie.cli.progress import format_progress, progress

        _, found = progress(args.root, args.today, args.campaign, args.org)
        print(format_progress(found, args.format))
        return 0
    stats, errors = collect_stats(args.root, args.campaign, args.org, args.level)
    for problem in errors:
        print(problem.format(), file=sys.stderr)
    print(format_stats(stats, len(errors), args.format))
    return 1 if errors else 0
