"""Render markers to HTML with the Jinja fragments in ``overrides/zongjie/``.

The renderer gets fully validated, typed data and a table of page URLs, so the
templates never compute anything that could disagree with ``zongjie check``.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable

import jinja2
from mkdocs.utils import get_relative_url

from zongjie.data.models import Activity, Resource
from zongjie.site.charts import bar_chart, progress_chart
from zongjie.data.content import CampaignEntry, Content, ReportEntry
from zongjie.markdown.markers import Marker
from zongjie.data.metrics import group_count, group_status, rectification_totals

STATUSES = ("已整改", "整改中", "常态化")


def chinese_date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def number(value: int | float | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


@dataclass
class Links:
    """Site URLs of generated targets, resolved relative to the page being rendered."""

    reports: dict[tuple[str, str], str]
    campaigns: dict[str, str]
    resources: dict[str, str]
    page_url: str = ""

    def rel(self, url: str | None) -> str | None:
        return None if url is None else get_relative_url(url, self.page_url)

    def report(self, key: tuple[str, str]) -> str | None:
        return self.rel(self.reports.get(key))

    def campaign(self, cid: str) -> str | None:
        return self.rel(self.campaigns.get(cid))

    def resource(self, rid: str) -> str | None:
        return self.rel(self.resources.get(rid))


def make_environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    # Autoescape is on: every data value may come from an untrusted editor.
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["cn_date"] = chinese_date
    env.filters["num"] = number
    return env


class Renderer:
    def __init__(self, content: Content, env: jinja2.Environment, links: Links):
        self.c = content
        self.env = env
        self.links = links
        self.handlers: dict[str, Callable[[Marker], str]] = {
            name: getattr(self, f"render_{name}") for name in (
                "summary", "activities", "trainings", "outreach", "shishi", "rectification",
                "resources", "signature", "value", "overview", "progress", "chart", "total",
                "units", "campaigns", "catalogue", "backlinks",
            )
        }

    def render(self, marker: Marker, page_url: str) -> str:
        self.links.page_url = page_url
        return self.handlers[marker.name](marker).strip()

    def template(self, template_name: str, **context: Any) -> str:
        return self.env.get_template(f"zongjie/{template_name}.html").render(links=self.links, **context)

    # -- report markers ----------------------------------------------------

    def _report(self, marker: Marker) -> ReportEntry:
        assert marker.report_key is not None
        return self.c.reports[marker.report_key]

    def render_summary(self, marker: Marker) -> str:
        entry = self._report(marker)
        campaign = self.c.campaigns[entry.campaign_id].campaign
        cards = [(m, entry.values[m.id]) for m in campaign.metrics if entry.values[m.id] is not None]
        return self.template("summary", entry=entry, cards=cards, totals=rectification_totals(entry.report))

    def render_activities(self, marker: Marker) -> str:
        entry = self._report(marker)
        groups: OrderedDict[str, list[Activity]] = OrderedDict()
        for activity in entry.report.activities:
            groups.setdefault(activity.kind, []).append(activity)
        rows = [(kind, sum(a.count for a in items), items) for kind, items in groups.items()]
        return self.template("activities", rows=rows, total=sum(r[1] for r in rows))

    def render_trainings(self, marker: Marker) -> str:
        trainings = self._report(marker).report.trainings
        return self.template("trainings", trainings=trainings,
                             total=sum(t.participants for t in trainings))

    def render_outreach(self, marker: Marker) -> str:
        outreach = self._report(marker).report.outreach
        return self.template("outreach", outreach=outreach, sites=sum(o.site_count for o in outreach))

    def render_shishi(self, marker: Marker) -> str:
        items = self._report(marker).report.shishi
        status = {s: sum(1 for i in items if i.status == s) for s in ("已完成", "推进中", "常态化")}
        return self.template("shishi", items=items, status=status,
                             count=len(items) or self._report(marker).report.shishi_count or 0)

    def render_rectification(self, marker: Marker) -> str:
        entry = self._report(marker)
        groups = [(g, group_count(g), group_status(g)) for g in entry.report.rectification]
        return self.template("rectification", groups=groups, totals=rectification_totals(entry.report),
                             statuses=STATUSES)

    def render_resources(self, marker: Marker) -> str:
        entry = self._report(marker)
        return self.template("resource_list", resources=[self.c.resources[r] for r in entry.report.resources])

    def render_signature(self, marker: Marker) -> str:
        entry = self._report(marker)
        unit = self.c.units[entry.unit_id]
        return self.template("signature", name=entry.report.signed_by or unit.name, date=entry.report.date)

    def render_value(self, marker: Marker) -> str:
        value = self._report(marker).values[marker.arg]  # type: ignore[index]
        return self.template("value", value=value)

    # -- campaign markers --------------------------------------------------

    def _campaign(self, marker: Marker) -> CampaignEntry:
        assert marker.campaign_id is not None
        return self.c.campaigns[marker.campaign_id]

    def overview_rows(self, entry: CampaignEntry) -> list[dict[str, Any]]:
        rows = []
        for report in entry.reports_in_order():
            unit = self.c.units[report.unit_id]
            totals = rectification_totals(report.report)
            rows.append({"unit": unit, "href": self.links.report(report.key), "values": report.values,
                         "totals": totals})
        return rows

    def render_overview(self, marker: Marker) -> str:
        entry = self._campaign(marker)
        rows = self.overview_rows(entry)
        metrics = entry.campaign.metrics
        sums = {m.id: sum(r["values"][m.id] or 0 for r in rows) for m in metrics}
        problems = sum(r["totals"].problems for r in rows)
        fixed = sum(r["totals"].已整改 for r in rows)
        pct = round(100 * fixed / problems, 1) if problems else None
        return self.template("overview", campaign=entry.campaign, metrics=metrics, rows=rows, sums=sums,
                             percent=pct)

    def render_progress(self, marker: Marker) -> str:
        entry = self._campaign(marker)
        rows = self.overview_rows(entry)
        bars, height = progress_chart([
            (r["unit"].short_name, {s: getattr(r["totals"], s) for s in STATUSES}, r["href"])
            for r in rows if r["totals"].problems
        ])
        return self.template("progress", rows=rows, bars=bars, height=height, statuses=STATUSES)

    def render_chart(self, marker: Marker) -> str:
        entry = self._campaign(marker)
        metric = next(m for m in entry.campaign.metrics if m.id == marker.arg)
        rows = [(self.c.units[r.unit_id].short_name, r.values[metric.id] or 0, self.links.report(r.key))
                for r in entry.reports]
        chart = bar_chart(metric.label, metric.measure, rows, metric.target)
        return self.template("bar_chart", chart=chart, metric=metric)

    def render_total(self, marker: Marker) -> str:
        entry = self._campaign(marker)
        metric = marker.arg or ""
        return self.template("value", value=sum(r.values[metric] or 0 for r in entry.reports))

    def render_units(self, marker: Marker) -> str:
        entry = self._campaign(marker)
        reports = entry.reports_in_order()
        return self.template("unit_list", reports=reports, units=self.c.units,
                             missing=self.c.missing_reports(entry.id))

    # -- site-wide markers -------------------------------------------------

    def render_campaigns(self, marker: Marker) -> str:
        cards = []
        for cid, entry in sorted(self.c.campaigns.items(), key=lambda kv: (-kv[1].campaign.year, kv[0])):
            headline = [(m, sum(r.values[m.id] or 0 for r in entry.reports))
                        for m in entry.campaign.metrics if m.chart]
            problems = sum(rectification_totals(r.report).problems for r in entry.reports)
            fixed = sum(rectification_totals(r.report).已整改 for r in entry.reports)
            cards.append({"id": cid, "entry": entry, "href": self.links.campaign(cid), "headline": headline,
                          "percent": round(100 * fixed / problems, 1) if problems else None})
        return self.template("campaign_cards", cards=cards)

    def render_catalogue(self, marker: Marker) -> str:
        by_kind: OrderedDict[str, list[tuple[Resource, int]]] = OrderedDict()
        for resource in self.c.resources.values():
            by_kind.setdefault(resource.kind, []).append(
                (resource, len(self.c.reports_using(resource.id))))
        return self.template("catalogue", by_kind=by_kind)

    def render_backlinks(self, marker: Marker) -> str:
        by_campaign: OrderedDict[str, list[ReportEntry]] = OrderedDict()
        for report in sorted(self.c.reports_using(marker.arg or ""), key=lambda r: r.key):
            by_campaign.setdefault(report.campaign_id, []).append(report)
        return self.template("backlinks", by_campaign=by_campaign, campaigns=self.c.campaigns,
                             units=self.c.units)
