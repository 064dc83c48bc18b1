"""Navigation generated from the data: campaign → unit, then resources, then the rest."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from zongjie import layout as paths
from zongjie.data.content import Content, ReportEntry

NavItem = Any

# A campaign with more reports than this is split by parent organisation, so that with
# ``navigation.prune`` each page carries one group of links, not every unit of the campaign.
GROUP_ABOVE = 30


def build_nav(content: Content, docs_dir: Path, resource_pages: list[str]) -> list[NavItem]:
    # Titles from data are HTML-escaped here: MkDocs and Material print nav and page titles
    # without escaping, and data comes from many editors (see docs/guide/security.md).
    nav: list[NavItem] = []
    used: set[str] = set()
    if (docs_dir / "index.md").exists():
        nav.append("index.md")
        used.add("index.md")
    for _cid, entry in sorted(
        content.campaigns.items(), key=lambda kv: (-kv[1].campaign.year, kv[0])
    ):
        section: list[NavItem] = [entry.page_src]
        used.add(entry.page_src)
        reports = entry.reports_in_order()
        used.update(r.page_src for r in reports)
        if len(reports) <= GROUP_ABOVE:
            section += [_report_item(content, r) for r in reports]
        else:
            section += _grouped_by_parent(content, reports)
        nav.append({escape(entry.campaign.display_title): section})
    index = f"{paths.RESOURCE_PAGES}/index.md"
    if resource_pages or (docs_dir / paths.RESOURCE_PAGES).is_dir():
        section = [index] if (docs_dir / index).exists() else []
        used.update(section)
        section += [
            {escape(content.resources[p.rsplit("/", 1)[1][:-3]].display_title): p}
            for p in sorted(resource_pages)
        ]
        used.update(resource_pages)
        nav.append({"学习资源": section})
    # Pages that are not reports (e.g. the editors' guide) keep their folder structure.
    rest: dict[str, list[str]] = {}
    for md in sorted(docs_dir.rglob("*.md")):
        rel = md.relative_to(docs_dir).as_posix()
        if rel in used or rel.startswith((f"{paths.CAMPAIGNS_DIR}/", f"{paths.RESOURCE_PAGES}/")):
            continue
        top = rel.split("/")[0] if "/" in rel else ""
        rest.setdefault(top, []).append(rel)
    for top, pages in rest.items():
        if top:
            pages.sort(key=lambda p: (not p.endswith("index.md"), p))
            nav.append({_folder_title(docs_dir / top): pages})
        else:
            nav.extend(pages)
    return nav


def _report_item(content: Content, report: ReportEntry) -> NavItem:
    title = content.units[report.unit_id].short_name
    if report.report.status != "已审定":  # only in the editors' preview
        title += f"（{report.report.status}）"
    return {escape(title): report.page_src}


def _grouped_by_parent(content: Content, reports: list[ReportEntry]) -> list[NavItem]:
    groups: dict[str, list[NavItem]] = {}
    for report in reports:
        parent = content.units[report.unit_id].parent or "其他单位"
        groups.setdefault(parent, []).append(_report_item(content, report))
    return [{escape(parent): items} for parent, items in sorted(groups.items())]


def _folder_title(folder: Path) -> str:
    index = folder / "index.md"
    if index.exists():
        for line in index.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return folder.name
