"""报送进度: per organisation, how many expected units are approved, waiting, sent back, drafting
or missing, and which units are late against the campaign's deadline.

A unit is expected in a campaign when it files reports (``reports: true``), is not in the
campaign's ``exclude`` and was registered (``since``) before the campaign ended. A unit is
outstanding when it is its turn to act (未报送, 草稿, 退回): 待审 waits for the reviewers, not for
the unit. An outstanding unit is late once its due date (its level's in ``due_by_level``, else
the campaign's ``due``) has passed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from zongjie import layout as paths
from zongjie.data.content import CampaignEntry, Content
from zongjie.data.models import Campaign, Contact, Unit
from zongjie.data.tree import ROOT

MISSING = "未报送"
STATUSES = ("已审定", "待审", "退回", "草稿", MISSING)
"""The columns of the progress table, in this order."""
OUTSTANDING = (MISSING, "退回", "草稿")
"""The unit's turn, most urgent first: these are the units a reminder goes to."""


@dataclass(frozen=True)
class UnitProgress:
    unit: str
    name: str
    org_path: str
    """The organisations above the unit, from the top down, e.g. ``市委 / 城关区``."""
    status: str
    due: dt.date | None
    days_overdue: int | None
    """Days past ``due`` of an outstanding unit; none when not late (or no deadline)."""


@dataclass
class OrgProgress:
    id: str
    name: str
    level: str
    units: int
    """Units counted: the expected ones, and any other that sent a report anyway."""
    counts: dict[str, int] = field(default_factory=dict)
    """Units per status of :data:`STATUSES`."""
    late: int = 0
    """Outstanding units past their due date."""
    most_overdue: int | None = None


@dataclass
class CampaignProgress:
    id: str
    title: str
    due: dt.date | None
    due_by_level: dict[str, dt.date]
    today: dt.date
    org: str
    """The organisation the table is of (``ROOT`` for everything)."""
    rows: list[OrgProgress] = field(default_factory=list)
    """The organisation itself first, then each node right below it, most urgent first."""
    outstanding: list[UnitProgress] = field(default_factory=list)
    """Every outstanding unit under ``org``, most overdue first."""


def unit_due(content: Content, campaign: Campaign, unit_id: str) -> dt.date | None:
    depth = content.tree.nodes[unit_id].depth
    return campaign.due_by_level.get(content.tree.level_name(depth), campaign.due)


def report_status(content: Content, campaign_id: str, unit_id: str) -> str:
    report = content.reports.get((campaign_id, unit_id))
    if report is not None:
        return report.report.status
    # A file that does not load cannot be submitted yet: a draft (``check`` names its error).
    folder = content.layout.reports_dir / campaign_id
    return "草稿" if paths.existing_data_file(folder, unit_id) else MISSING


def unit_progress(
    content: Content, entry: CampaignEntry, unit: Unit, today: dt.date
) -> UnitProgress:
    tree = content.tree
    status = report_status(content, entry.id, unit.id)
    due = unit_due(content, entry.campaign, unit.id)
    late = status in OUTSTANDING and due is not None and today > due
    return UnitProgress(
        unit.id,
        unit.name,
        " / ".join(n.name for n in tree.chain(unit.id)[:-1]),
        status,
        due,
        (today - due).days if late and due else None,
    )


def counted_units(content: Content, entry: CampaignEntry, under: frozenset[str]) -> list[Unit]:
    """The units the table counts: expected ones, and any other that sent a report anyway."""
    return [
        u
        for uid, u in sorted(content.units.items())
        if uid in under
        and uid in content.tree.nodes
        and (entry.campaign.expects(u) or report_status(content, entry.id, uid) != MISSING)
    ]


def urgency(u: UnitProgress) -> tuple[bool, int, int, str, str]:
    """Most overdue first; then the unit that has sent nothing, sent back, drafting."""
    rank = OUTSTANDING.index(u.status) if u.status in OUTSTANDING else len(OUTSTANDING)
    return (u.days_overdue is None, -(u.days_overdue or 0), rank, u.org_path, u.unit)


def campaign_progress(
    content: Content, entry: CampaignEntry, today: dt.date, org: str = ROOT
) -> CampaignProgress:
    tree = content.tree
    everyone = {
        u.id: unit_progress(content, entry, u, today)
        for u in counted_units(content, entry, tree.subtree(org))
    }
    out = CampaignProgress(
        entry.id,
        entry.campaign.display_title,
        entry.campaign.due,
        dict(entry.campaign.due_by_level),
        today,
        org,
    )
    nodes = [org, *(c for c in tree.children.get(org, []) if c in tree.subtree(org))]
    rows = [_row(content, n, everyone) for n in nodes]
    rows = [r for r in rows if r.id == org or r.units]
    below = sorted(rows[1:], key=_row_urgency)
    out.rows = [rows[0], *below]
    out.outstanding = sorted((u for u in everyone.values() if u.status in OUTSTANDING), key=urgency)
    return out


def _row_urgency(r: OrgProgress) -> tuple[bool, int, int, int, str]:
    return (r.most_overdue is None, -(r.most_overdue or 0), -r.late, -r.counts[MISSING], r.id)


def _row(content: Content, node_id: str, everyone: dict[str, UnitProgress]) -> OrgProgress:
    tree = content.tree
    node = tree.nodes[node_id]
    units = [everyone[uid] for uid in tree.subtree(node_id) if uid in everyone]
    row = OrgProgress(
        node.id,
        node.short_name,
        tree.level_name(node.depth) if node.depth else "",
        len(units),
        {s: sum(1 for u in units if u.status == s) for s in STATUSES},
    )
    overdue = [u.days_overdue for u in units if u.days_overdue is not None]
    row.late = len(overdue)
    row.most_overdue = max(overdue, default=None)
    return row


def all_progress(
    content: Content, today: dt.date, campaign_id: str | None = None, org: str = ROOT
) -> list[CampaignProgress]:
    """Every campaign's progress (or ``campaign_id``'s), newest campaign first."""
    entries = sorted(content.campaigns.values(), key=lambda e: (-e.campaign.year, e.id))
    return [
        campaign_progress(content, e, today, org)
        for e in entries
        if campaign_id is None or e.id == campaign_id
    ]


def contact_of(content: Content, unit_id: str) -> Contact:
    unit = content.units.get(unit_id)
    return (unit.contact if unit else None) or Contact()
