"""The pages the build writes from the data, beside the editors' own.

* a page per learning resource (unless the editors wrote one), listing the reports citing it;
* a page per organisation and campaign (``campaigns/<活动>/zuzhi/<组织>/``): its subtotals, a
  table and charts of what is right below it, and where it sits in the tree;
* a page per unit or organisation (``danwei/<单位>/``): its campaigns side by side;
* in the editors' preview only, 报送进度 (:data:`PROGRESS_SRC`): every campaign's progress per
  organisation and its late units (:mod:`zongjie.review.progress`);
* in the editors' preview only, a 待核实 page per report (:data:`VERIFY_DIR`): each value an
  import proposed and nobody confirmed yet, beside its source sentence and the line to edit.

Each page is a Markdown template with markers, so it is checked and rendered like any other.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass
from typing import Any

import jinja2
import markupsafe

from zongjie import layout as paths
from zongjie.data.content import Content
from zongjie.data.tree import ROOT
from zongjie.layout import ProjectLayout
from zongjie.review.progress import STATUSES, all_progress
from zongjie.review.unconfirmed import unconfirmed

PROGRESS_SRC = "baosong-jindu.md"
"""The editors' progress page: never built for readers (it names who has not reported)."""
VERIFY_DIR = "daiheshi"
"""The editors' 待核实 pages: never built for readers (the values are not confirmed)."""


@dataclass(frozen=True)
class GeneratedPage:
    src: str
    """Its path inside ``docs_dir``."""
    template: str
    context: dict[str, Any]
    in_nav: bool = True
    """Listed in the navigation (a unit's page is reached from its reports instead)."""

    def render(self, env: jinja2.Environment) -> str:
        return (
            markdown_environment(env)
            .get_template(f"zongjie/{self.template}")
            .render(**self.context)
        )


_MARKDOWN_ENVS: weakref.WeakKeyDictionary[jinja2.Environment, jinja2.Environment] = (
    weakref.WeakKeyDictionary()
)
# HTML escaping alone leaves Markdown's own syntax: a name "x[详情](javascript:…)" would become
# a link, "x {: onclick=… }" attributes of its heading, "x #" a heading without its last word.
# Each mark Markdown or its extensions read inside a line (links, emphasis, code, attribute
# lists, closing hashes, tables, strike-through, backslash escapes) is written as a character
# reference, which reads as text in Markdown and in the raw HTML blocks of the templates alike
# (a backslash would show there). Ids in markers (lowercase, digits, hyphens) pass unchanged.
_MARKDOWN_SYNTAX = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#!|~"} | {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&#34;",
    "'": "&#39;",
}


def markdown_text(value: Any) -> Any:
    """A data value as text of a Markdown template: shown as written, never as syntax."""
    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return markupsafe.Markup("".join(_MARKDOWN_SYNTAX.get(c, c) for c in value))
    return value


def markdown_environment(env: jinja2.Environment) -> jinja2.Environment:
    """``env`` for the Markdown templates: every value escaped for Markdown as well as HTML.
    An overlay with a cache of its own, so no template is compiled without the escaping."""
    overlay = _MARKDOWN_ENVS.get(env)
    if overlay is None:
        overlay = env.overlay(finalize=markdown_text, cache_size=50)
        _MARKDOWN_ENVS[env] = overlay
    return overlay


def generated_pages(content: Content, layout: ProjectLayout) -> list[GeneratedPage]:
    return [*resource_pages(content, layout), *org_pages(content), *unit_pages(content)]


def resource_pages(content: Content, layout: ProjectLayout) -> list[GeneratedPage]:
    return [
        GeneratedPage(paths.resource_src(rid), "resource_page.md", {"r": resource})
        for rid, resource in content.resources.items()
        if not layout.page(paths.resource_src(rid)).exists()
    ]


def org_pages(content: Content) -> list[GeneratedPage]:
    """Every organisation with a report below it in the campaign, in each campaign."""
    tree = content.tree
    pages = []
    for cid, entry in sorted(content.campaigns.items()):
        reporting = {r.unit_id for r in entry.reports}
        charts = [m for m in entry.campaign.metrics if m.chart]
        for node in tree.below(ROOT):
            if not tree.is_org(node.id) or not reporting & tree.subtree(node.id):
                continue
            src = paths.org_src(cid, node.id)
            context = {
                "org": node,
                "campaign": entry.campaign,
                "charts": charts,
                "unit_page": _relative(src, paths.unit_src(node.id)),
            }
            pages.append(GeneratedPage(src, "org_page.md", context))
    return pages


def unit_pages(content: Content) -> list[GeneratedPage]:
    """Every unit or organisation with a report (below it) in some campaign."""
    tree = content.tree
    reported = {r.unit_id for r in content.reports.values()}
    pages = []
    for node in tree.below(ROOT):
        if not reported & tree.subtree(node.id):
            continue
        chain = [n.name for n in tree.chain(node.id)[1:-1]]
        context = {"node": node, "chain": chain}
        pages.append(GeneratedPage(paths.unit_src(node.id), "unit_page.md", context, False))
    return pages


def progress_page(content: Content, layout: ProjectLayout, today: dt.date) -> list[GeneratedPage]:
    """报送进度, unless the editors wrote a page of that name."""
    if layout.page(PROGRESS_SRC).exists():
        return []
    context = {"campaigns": all_progress(content, today), "statuses": STATUSES, "today": today}
    return [GeneratedPage(PROGRESS_SRC, "progress_page.md", context)]


def verify_pages(content: Content) -> list[GeneratedPage]:
    """A 待核实 page per report that still has values to confirm."""
    pages = []
    for cid, entry in sorted(content.campaigns.items()):
        for report in entry.reports_in_order():
            values = unconfirmed(content, report)
            if not values:
                continue
            context = {
                "unit": content.units[report.unit_id].short_name,
                "campaign": entry.campaign,
                "values": values,
                "data_file": report.doc.path,
                "report_page": _relative(verify_src(cid, report.unit_id), report.page_src),
                "list_line": report.line("待核实"),
            }
            pages.append(GeneratedPage(verify_src(cid, report.unit_id), "verify_page.md", context))
    return pages


def verify_src(cid: str, uid: str) -> str:
    return f"{VERIFY_DIR}/{cid}/{uid}.md"


def _relative(src: str, target: str) -> str:
    """``target`` as a Markdown link from the page ``src`` (both inside ``docs_dir``)."""
    ups = src.count("/")
    return "../" * ups + target
