"""``zongjie stats --org`` and ``--level``: totals of one organisation, subtotals of a level.

The figures are those of the organisation pages: the 合计 row of an organisation's overview and
progress tables (:mod:`zongjie.data.tables`), so ``stats`` can never disagree with the site.
整改率 comes from the summed counts, never from averaging the rates below.
"""

from __future__ import annotations

import difflib
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from zongjie.data.content import Content
from zongjie.data.metrics import percent
from zongjie.data.tables import overview_table, progress_table
from zongjie.data.tree import ROOT, Node, OrgTree
from zongjie.errors import CommandError


@dataclass
class MetricTotal:
    id: str
    label: str
    measure: str
    total: int
    reported: int
    """Reports that give a value for this metric."""


@dataclass
class Rectification:
    problems: int
    """Problems found (查摆问题), summed over the reports."""
    rectified: int
    """Of which 已整改, summed over the reports."""
    rate: float | None
    """整改率 in per cent, ``rectified`` over ``problems``; ``None`` without problems."""


@dataclass
class OrgTotals:
    """An organisation's (or a unit's) figures in one campaign: its subtree's approved reports."""

    id: str
    name: str
    level: str
    kind: str
    """``org``: an organisation with nodes under it; ``unit``: a unit on its own."""
    reports: int
    units: int
    """Units in the subtree that file reports."""
    metrics: list[MetricTotal] = field(default_factory=list)
    rectification: Rectification = field(default_factory=lambda: Rectification(0, 0, None))


@dataclass(frozen=True)
class Level:
    depth: int
    name: str


def find_org(tree: OrgTree, wanted: str) -> Node:
    """The node ``--org`` names, by id; unknown, a Chinese error with the close matches."""
    if wanted != ROOT and wanted in tree.nodes:
        return tree.nodes[wanted]
    ids = [i for i in tree.nodes if i != ROOT]
    close = difflib.get_close_matches(wanted, ids, n=5, cutoff=0.5)
    by_name = sorted(
        (
            n.id
            for n in tree.below(ROOT)
            if wanted and (wanted in n.name or wanted in n.short_name) and n.id not in close
        ),
        key=lambda i: (not tree.is_org(i), i),
    )
    matches = [*close, *by_name][:8]
    if matches:
        hint = "相近的组织：" + "、".join(f"{i}（{tree.nodes[i].short_name}）" for i in matches)
    else:
        tops = [f"{i}（{tree.nodes[i].short_name}）" for i in tree.children.get(ROOT, [])[:8]]
        hint = f"组织在 data/units.yml 中定义；最上一级：{'、'.join(tops) or '（无）'}"
    raise CommandError(f"未知的组织 id “{wanted}”", hint=hint)


def find_level(tree: OrgTree, wanted: str) -> Level:
    """The level ``--level`` names: a name of ``levels`` in ``units.yml`` (市, 县区…) or a depth
    (1 right under the top)."""
    deepest = max((n.depth for n in tree.nodes.values()), default=0)
    if wanted.isdigit() and 1 <= int(wanted) <= deepest:
        return Level(int(wanted), tree.level_name(int(wanted)))
    if wanted in tree.levels:
        return Level(tree.levels.index(wanted) + 1, wanted)
    known = [f"{tree.level_name(d)}（{d}）" for d in range(1, deepest + 1)]
    close = difflib.get_close_matches(wanted, list(tree.levels), n=3, cutoff=0.3)
    hint = f"已有的层级：{'、'.join(known) or '（无）'}"
    if close:
        hint = f"相近的层级：{'、'.join(close)}；" + hint
    raise CommandError(f"未知的层级“{wanted}”", hint=hint)


def org_totals(content: Content, campaign_id: str, node_id: str) -> OrgTotals:
    """The organisation's 合计, as its page shows it (the top's for ``ROOT``)."""
    tree = content.tree
    node = tree.nodes[node_id]
    under = tree.subtree(node_id)
    entry = content.campaigns[campaign_id]
    reports = [r for r in entry.reports if r.unit_id in under]
    overview = overview_table(content, campaign_id, node_id).total
    progress_of = progress_table(content, campaign_id, node_id)
    progress, progress_columns = progress_of.total, progress_of.columns
    out = OrgTotals(
        node.id,
        node.short_name,
        tree.level_name(node.depth) if node.depth else "",
        "org" if tree.is_org(node_id) else "unit",
        len(reports),
        _expected(content, campaign_id, under, {r.unit_id for r in reports}),
    )
    for metric, cell in zip(entry.campaign.metrics, overview.cells, strict=False):
        given = sum(1 for r in reports if r.values[metric.id] is not None)
        value = int(cell.value or 0)
        out.metrics.append(MetricTotal(metric.id, metric.label, metric.measure, value, given))
    counts = {
        c.label: int(cell.value or 0)
        for c, cell in zip(progress_columns, progress.cells, strict=True)
    }
    problems, rectified = counts["查摆问题"], counts["已整改"]
    out.rectification = Rectification(problems, rectified, percent(rectified, problems))
    return out


def _expected(
    content: Content, campaign_id: str, under: AbstractSet[str], reported: AbstractSet[str]
) -> int:
    """The units under the node that this campaign expects a report from, and any that sent
    one anyway: the n of "已审定 m/n" agrees with the 未报送 list."""
    campaign = content.campaigns[campaign_id].campaign
    return sum(
        1
        for uid in under
        if uid in content.units and (uid in reported or campaign.expects(content.units[uid]))
    )


def level_rows(content: Content, campaign_id: str, org: str, level: Level) -> list[OrgTotals]:
    """One row per node of ``level`` under ``org``, in tree order: organisations with their
    subtotals, and the units that sit at that level on their own."""
    tree = content.tree
    top = tree.nodes[org]
    if level.depth <= top.depth:
        raise CommandError(
            f"层级“{level.name}”（第 {level.depth} 级）不在“{top.short_name}”之下",
            hint=f"“{top.short_name}”在第 {top.depth} 级，请选更下面的层级",
        )
    nodes = [n for n in tree.below(org) if n.depth == level.depth]
    return [org_totals(content, campaign_id, n.id) for n in nodes if tree.is_org(n.id) or n.reports]
