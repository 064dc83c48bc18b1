"""Navigation generated from the data: campaign → its organisation tree, then resources, then
the rest.

The editors' guide (``docs/guide/``, the deploy page with it) is for the people who write and
publish the reports, not for their readers: in a readers' build it is one 帮助 entry at the end
of the nav, pointing at the guide's first page (which lists every other); its other pages are
built and reachable at their addresses, but not listed. The editors' preview shows the whole
guide as a section.

A campaign section follows the tree: each organisation is a section whose first page is its
own page in the campaign, holding what is right below it. With ``navigation.prune`` a page
carries its own branch, not every unit of the campaign.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from zongjie import layout as paths
from zongjie.data.content import Content, ReportEntry
from zongjie.data.tree import ROOT
from zongjie.site.generated import PROGRESS_SRC, VERIFY_DIR, GeneratedPage

NavItem = Any

HELP_TITLE = "帮助"
HELP_PAGE = f"{paths.GUIDE_DIR}/index.md"


def in_guide(src: str) -> bool:
    """Whether the page ``src`` (inside docs/) belongs to the editors' guide."""
    return src.startswith(f"{paths.GUIDE_DIR}/")


def behind_help(src: str, docs_dir: Path) -> bool:
    """A guide page that a readers' build leaves out of the nav: reached from 帮助."""
    return in_guide(src) and src != HELP_PAGE and (docs_dir / HELP_PAGE).is_file()


def build_nav(
    content: Content, docs_dir: Path, generated: list[GeneratedPage], readers: bool = True
) -> list[NavItem]:
    """The nav of a build; ``readers`` (every build but the editors') shows the guide as 帮助."""
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
        by_unit = {r.unit_id: r for r in entry.reports}
        org_pages = {
            ref.org: page.src
            for page in generated
            if (ref := paths.page_ref(page.src)) and ref.org and ref.campaign == entry.id
        }
        section: list[NavItem] = [entry.page_src, *_below(content, ROOT, by_unit, org_pages)]
        used.add(entry.page_src)
        used.update(r.page_src for r in entry.reports)
        used.update(org_pages.values())
        nav.append({escape(entry.campaign.display_title): section})
    resource_pages = [p.src for p in generated if p.template == "resource_page.md"]
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
        if rel in used or rel.startswith(
            (f"{paths.CAMPAIGNS_DIR}/", f"{paths.RESOURCE_PAGES}/", f"{paths.UNIT_PAGES}/")
        ):
            continue
        top = rel.split("/")[0] if "/" in rel else ""
        rest.setdefault(top, []).append(rel)
    help_entry: list[NavItem] = []
    for top, pages in rest.items():
        if readers and top == paths.GUIDE_DIR and HELP_PAGE in pages:
            help_entry.append({HELP_TITLE: HELP_PAGE})
        elif top:
            pages.sort(key=lambda p: (not p.endswith("index.md"), p))
            nav.append({_folder_title(docs_dir / top): pages})
        else:
            nav.extend(pages)
    if any(p.src == PROGRESS_SRC for p in generated) and PROGRESS_SRC not in used:
        nav.append({"报送进度": PROGRESS_SRC})  # the editors' preview only
    verify: list[NavItem] = [
        {escape(f"{page.context['unit']}（{page.context['campaign'].display_title}）"): page.src}
        for page in generated
        if page.src.startswith(f"{VERIFY_DIR}/")
    ]
    if verify:
        nav.append({"待核实": verify})  # the editors' preview only
    return nav + help_entry


def _report_item(content: Content, report: ReportEntry, own: bool = False) -> NavItem:
    title = content.units[report.unit_id].short_name + ("（本级）" if own else "")
    if report.report.status != "已审定":  # only in the editors' preview
        title += f"（{report.report.status}）"
    return {escape(title): report.page_src}


def _below(
    content: Content, node: str, by_unit: dict[str, ReportEntry], org_pages: dict[str, str]
) -> list[NavItem]:
    """What is right below ``node`` in one campaign: organisations as sections, reports."""
    tree = content.tree
    items: list[NavItem] = []
    for child in tree.children.get(node, []):
        if child in org_pages:
            section = [org_pages[child]]
            if child in by_unit:  # the organisation's own report
                section.append(_report_item(content, by_unit[child], own=True))
            section += _below(content, child, by_unit, org_pages)
            items.append({escape(tree.nodes[child].short_name): section})
        elif child in by_unit:
            items.append(_report_item(content, by_unit[child]))
    return items


def _folder_title(folder: Path) -> str:
    index = folder / "index.md"
    if index.exists():
        for line in index.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return folder.name
