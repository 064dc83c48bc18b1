"""Render markers to HTML with the Jinja fragments in ``overrides/zongjie/``.

The renderer gets fully validated, typed data and a table of page URLs, so the
templates never compute anything that could disagree with ``zongjie check``.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jinja2
from mkdocs.utils import get_relative_url

from zongjie.data.content import CampaignEntry, Content, ReportEntry
from zongjie.data.metrics import group_count, group_status, percent, rectification_totals
from zongjie.data.models import SHISHI_STATUSES, Activity, Resource
from zongjie.data.tables import (
    STATUSES,
    Cell,
    Column,
    Row,
    Table,
    overview_table,
    progress_table,
)
from zongjie.data.tree import ROOT
from zongjie.dates import chinese_date
from zongjie.markdown.markers import PLACEHOLDER_RE, SPECS, Marker
from zongjie.site.charts import bar_chart, progress_chart
from zongjie.site.unit_history import unit_history

DOWNLOADS = (("Excel", "xlsx"), ("CSV", "csv"))
BACKLINKS_LISTED = 40
"""Reports of a campaign a resource page lists one by one; more are counted per organisation."""


def number(value: int | float | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def cell_text(cell: Cell, column: Column) -> str:
    """A table cell as the page shows it: “—” for no value, “85.7%” for a percentage."""
    if cell.value is None:
        return "—"
    return number(cell.value) + ("%" if column.percent else "")


@dataclass
class Links:
    """Site URLs of generated targets, resolved relative to the page being rendered."""

    reports: dict[tuple[str, str], str]
    campaigns: dict[str, str]
    resources: dict[str, str]
    orgs: dict[tuple[str, str], str] = field(default_factory=dict)
    """An organisation's page in a campaign, by (campaign, organisation)."""
    units: dict[str, str] = field(default_factory=dict)
    """A unit's (or organisation's) page across campaigns."""
    page_url: str = ""

    def rel(self, url: str | None) -> str | None:
        return None if url is None else get_relative_url(url, self.page_url)

    def report(self, key: tuple[str, str] | None) -> str | None:
        return self.rel(self.reports.get(key)) if key else None

    def campaign(self, cid: str) -> str | None:
        return self.rel(self.campaigns.get(cid))

    def resource(self, rid: str) -> str | None:
        return self.rel(self.resources.get(rid))

    def org(self, cid: str, oid: str) -> str | None:
        """An organisation's page in a campaign; the campaign's page for the top."""
        return self.campaign(cid) if oid == ROOT else self.rel(self.orgs.get((cid, oid)))

    def unit(self, uid: str) -> str | None:
        return self.rel(self.units.get(uid))

    def row(self, table: Table, row: Row) -> str | None:
        """Where a table row leads: a report, or an organisation's page."""
        if row.kind == "org":
            return self.org(table.campaign_id, row.node)
        return self.report(row.report)


def _status_counts(cells: tuple[Cell, ...]) -> dict[str, int]:
    """The progress row's 已整改/整改中/常态化 cells (the 整改率 cell after them is left out)."""
    return {s: int(c.value or 0) for s, c in zip(STATUSES, cells, strict=False)}


def make_environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    # Autoescape is on: every data value may come from an untrusted editor.
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["cn_date"] = chinese_date
    env.filters["num"] = number
    env.filters["cell"] = cell_text
    return env


class Renderer:
    def __init__(self, content: Content, env: jinja2.Environment, links: Links):
        self.c = content
        self.env = env
        self.links = links
        self.tables: dict[tuple[str, str, str], Table] = {}
        # One ``render_<name>`` per marker of the grammar (a missing one fails at start-up).
        self.handlers: dict[str, Callable[[Marker], str]] = {
            name: getattr(self, f"render_{name}") for name in SPECS
        }

    def fill(self, html: str, markers: list[Marker], page_url: str) -> str:
        """Replace each placeholder in a page's HTML with its rendered marker."""
        return PLACEHOLDER_RE.sub(lambda m: self.render(markers[int(m.group(1))], page_url), html)

    def render(self, marker: Marker, page_url: str) -> str:
        self.links.page_url = page_url
        return self.handlers[marker.name](marker).strip()

    def template(self, template_name: str, **context: Any) -> str:
        return self.env.get_template(f"zongjie/{template_name}.html").render(
            links=self.links, **context
        )

    # -- report markers ----------------------------------------------------

    def _report(self, marker: Marker) -> ReportEntry:
        assert marker.report_key is not None
        return self.c.reports[marker.report_key]

    def render_summary(self, marker: Marker) -> str:
        entry = self._report(marker)
        campaign = self.c.campaigns[entry.campaign_id].campaign
        cards = [
            (m, entry.values[m.id]) for m in campaign.metrics if entry.values[m.id] is not None
        ]
        return self.template(
            "summary", entry=entry, cards=cards, totals=rectification_totals(entry.report)
        )

    def render_activities(self, marker: Marker) -> str:
        entry = self._report(marker)
        groups: OrderedDict[str, list[Activity]] = OrderedDict()
        for activity in entry.report.activities:
            groups.setdefault(activity.kind, []).append(activity)
        rows = [(kind, sum(a.count for a in items), items) for kind, items in groups.items()]
        return self.template("activities", rows=rows, total=sum(r[1] for r in rows))

    def render_trainings(self, marker: Marker) -> str:
        trainings = self._report(marker).report.trainings
        return self.template(
            "trainings", trainings=trainings, total=sum(t.participants for t in trainings)
        )

    def render_outreach(self, marker: Marker) -> str:
        outreach = self._report(marker).report.outreach
        return self.template(
            "outreach", outreach=outreach, sites=sum(o.site_count for o in outreach)
        )

    def render_shishi(self, marker: Marker) -> str:
        report = self._report(marker).report
        items = report.shishi
        status = {s: sum(1 for i in items if i.status == s) for s in SHISHI_STATUSES}
        if not items and report.shishi_status:  # counted by status, not listed one by one
            status = {s: getattr(report.shishi_status, s) for s in status}
        count = len(items) or report.shishi_count or sum(status.values())
        return self.template("shishi", items=items, status=status, count=count)

    def render_rectification(self, marker: Marker) -> str:
        entry = self._report(marker)
        groups = [
            (g, count, status, percent(status["已整改"], count))
            for g in entry.report.rectification
            for count, status in [(group_count(g), group_status(g))]
        ]
        return self.template(
            "rectification",
            groups=groups,
            totals=rectification_totals(entry.report),
            statuses=STATUSES,
        )

    def render_resources(self, marker: Marker) -> str:
        entry = self._report(marker)
        return self.template(
            "resource_list", resources=[self.c.resources[r] for r in entry.report.resources]
        )

    def render_signature(self, marker: Marker) -> str:
        entry = self._report(marker)
        unit = self.c.units[entry.unit_id]
        return self.template(
            "signature", name=entry.report.signed_by or unit.name, date=entry.report.date
        )

    def render_value(self, marker: Marker) -> str:
        value = self._report(marker).values[marker.arg]  # type: ignore[index]
        return self.template("value", value=value)

    # -- campaign markers --------------------------------------------------

    def _campaign(self, marker: Marker) -> CampaignEntry:
        assert marker.campaign_id is not None
        return self.c.campaigns[marker.campaign_id]

    def render_overview(self, marker: Marker) -> str:
        table = self._table(overview_table(self.c, self._campaign(marker).id, marker.org))
        return self.template("overview", table=table, downloads=self.downloads(table))

    def render_progress(self, marker: Marker) -> str:
        table = self._table(progress_table(self.c, self._campaign(marker).id, marker.org))
        bars, height = progress_chart(
            [
                (row.label, _status_counts(row.cells[1:]), self.links.row(table, row))
                for row in table.page_rows
                if row.cells[0].value
            ]
        )
        return self.template(
            "progress", table=table, downloads=self.downloads(table), bars=bars, height=height
        )

    def _table(self, table: Table) -> Table:
        """Keep each rendered table: its downloads are written after the build."""
        self.tables[(table.campaign_id, table.name, table.org)] = table
        return table

    def downloads(self, table: Table) -> list[tuple[str, str, str]]:
        """(label, link, file name offered to the reader) of each download of ``table``."""
        return [
            (label, self.links.rel(table.site_path(suffix)) or "", f"{table.full_title}.{suffix}")
            for label, suffix in DOWNLOADS
        ]

    def render_chart(self, marker: Marker) -> str:
        entry = self._campaign(marker)
        metric = next(m for m in entry.campaign.metrics if m.id == marker.arg)
        table = overview_table(self.c, entry.id, marker.org)
        column = [m.id for m in entry.campaign.metrics].index(metric.id)
        rows = [
            (row.label, int(row.cells[column].value or 0), self.links.row(table, row))
            for row in table.page_rows
        ]
        title = f"各{self._below(marker.org)}{metric.label}"
        chart = bar_chart(title, metric.measure, rows, metric.target)
        return self.template("bar_chart", chart=chart, metric=metric)

    def _below(self, org: str) -> str:
        """What the rows right below ``org`` are called: its level's name, else 单位."""
        tree = self.c.tree
        depth = tree.nodes[org].depth + 1
        return tree.level_name(depth) if depth <= len(tree.levels) else "单位"

    def render_total(self, marker: Marker) -> str:
        entry = self._campaign(marker)
        metric = marker.arg or ""
        under = self.c.tree.subtree(marker.org)
        value = sum(r.values[metric] or 0 for r in entry.reports if r.unit_id in under)
        return self.template("value", value=value)

    def render_units(self, marker: Marker) -> str:
        entry = self._campaign(marker)
        tree = self.c.tree
        under = tree.subtree(marker.org)
        reports = [r for r in entry.reports_in_order() if r.unit_id in under]
        by_unit = {r.unit_id: r for r in reports}
        children = []
        for child in tree.children.get(marker.org, []):
            node = tree.nodes[child]
            if tree.is_org(child):
                expected = [n for n in tree.below(child) if n.reports]
                done = [n for n in expected if n.id in by_unit]
                children.append(("org", node, len(done), len(expected)))
        return self.template(
            "unit_list",
            reports=[r for r in reports if tree.nodes[r.unit_id].parent == marker.org],
            own=by_unit.get(marker.org),
            orgs=children,
            campaign=entry.id,
            units=self.c.units,
            missing=[
                u for u in self.c.missing_reports(entry.id) if self._right_below(marker, u.id)
            ],
            withheld=[
                (u, why)
                for u, why in self.c.withheld_reports(entry.id)
                if self._right_below(marker, u.id)
            ],
        )

    def _right_below(self, marker: Marker, uid: str) -> bool:
        """The unit is the page's organisation itself or right below it: a page lists its
        direct children, never everything beneath it."""
        return uid == marker.org or self.c.tree.nodes[uid].parent == marker.org

    def render_breadcrumb(self, marker: Marker) -> str:
        entry = self._campaign(marker)
        chain = self.c.tree.chain(marker.org)
        steps = [(n.short_name, self.links.org(entry.id, n.id)) for n in chain]
        return self.template("breadcrumb", steps=steps, campaign=entry.campaign)

    def render_history(self, marker: Marker) -> str:
        uid = marker.arg or ""
        history = unit_history(self.c, uid)
        return self.template("unit_history", history=history, node=self.c.tree.nodes[uid])

    # -- site-wide markers -------------------------------------------------

    def render_campaigns(self, marker: Marker) -> str:
        cards = []
        for cid, entry in sorted(
            self.c.campaigns.items(), key=lambda kv: (-kv[1].campaign.year, kv[0])
        ):
            headline = [
                (m, sum(r.values[m.id] or 0 for r in entry.reports))
                for m in entry.campaign.metrics
                if m.chart
            ]
            problems = sum(rectification_totals(r.report).problems for r in entry.reports)
            fixed = sum(rectification_totals(r.report).已整改 for r in entry.reports)
            cards.append(
                {
                    "id": cid,
                    "entry": entry,
                    "href": self.links.campaign(cid),
                    "headline": headline,
                    "percent": percent(fixed, problems),
                }
            )
        return self.template("campaign_cards", cards=cards)

    def render_catalogue(self, marker: Marker) -> str:
        by_kind: OrderedDict[str, list[tuple[Resource, int]]] = OrderedDict()
        for resource in self.c.resources.values():
            by_kind.setdefault(resource.kind, []).append(
                (resource, len(self.c.reports_using(resource.id)))
            )
        return self.template("catalogue", by_kind=by_kind)

    def render_backlinks(self, marker: Marker) -> str:
        by_campaign: OrderedDict[str, list[ReportEntry]] = OrderedDict()
        for report in sorted(self.c.reports_using(marker.arg or ""), key=lambda r: r.key):
            by_campaign.setdefault(report.campaign_id, []).append(report)
        # A resource many units cite lists, per campaign, how many cite it in each organisation
        # right below the top, so that its page does not grow with the number of units.
        grouped: dict[str, list[tuple[str, str | None, int]]] = {}
        for cid, reports in by_campaign.items():
            if len(reports) <= BACKLINKS_LISTED:
                continue
            counts: OrderedDict[str, int] = OrderedDict()
            for report in reports:
                chain = self.c.tree.chain(report.unit_id)
                counts[chain[1].id] = counts.get(chain[1].id, 0) + 1
            grouped[cid] = [
                (self.c.tree.nodes[n].name, self._node_link(cid, n), count)
                for n, count in sorted(counts.items())
            ]
        return self.template(
            "backlinks",
            by_campaign=by_campaign,
            grouped=grouped,
            campaigns=self.c.campaigns,
            units=self.c.units,
        )

    def _node_link(self, cid: str, node: str) -> str | None:
        """An organisation's page in the campaign, or a unit's report."""
        if self.c.tree.is_org(node):
            return self.links.org(cid, node)
        return self.links.report((cid, node))
