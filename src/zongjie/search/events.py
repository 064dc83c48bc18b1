"""Search events: ``hooks/zongjie_search.py`` forwards each MkDocs event to the method of the
same name on :class:`SearchEvents`.

``on_config`` takes the search box over from Material's search plugin (its plugin stays
configured so the header keeps the box, but its lunr indexing no longer runs);
``on_env`` hands the templates what they need; ``on_post_page`` collects each page's final
HTML text; ``on_post_build`` writes the index.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mkdocs.plugins import event_priority

from zongjie import layout as paths
from zongjie.data.tree import ROOT
from zongjie.framework import plugin_logger
from zongjie.search.extract import article_html, first_heading, sections
from zongjie.search.indexer import PageRecord, build_index
from zongjie.search.shards import write_index
from zongjie.site import page_workers
from zongjie.site.context import context_of

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    from zongjie.data.content import Content
    from zongjie.site.context import ReportRecord

log = plugin_logger("zongjie.search")

MATERIAL_SEARCH = "material/search"
ASSETS = "assets/javascripts/zongjie-search"
WORKER = f"{ASSETS}/worker.js"
UI_SCRIPT = f"{ASSETS}/ui.js"
STYLESHEET = "assets/stylesheets/zongjie-search.css"
# Material's search plugin events that build its own (lunr) index; the header box stays.
_TAKEN_OVER = ("page_context", "post_build")


def take_over_material_search(config: MkDocsConfig) -> bool:
    """Stop Material's search plugin from indexing; False if it is not configured at all."""
    plugin = config.plugins.get(MATERIAL_SEARCH)
    if plugin is None or not plugin.config.get("enabled", True):
        return False
    for event in _TAKEN_OVER:
        handlers = config.plugins.events[event]
        handlers[:] = [h for h in handlers if getattr(h, "__self__", None) is not plugin]
    return True


def page_record(
    page: Page,
    output: str,
    report: ReportRecord | None = None,
    org_path: tuple[tuple[str, str], ...] = (),
) -> PageRecord:
    """The searchable record of a rendered page (report pages carry unit and campaign, pages of
    a unit or organisation their place in the tree)."""
    campaign = report.campaign_title if report else ""
    date = report.date_cn if report else ""
    if not campaign:  # other pages say where they sit in the site instead
        campaign = " / ".join(a.title for a in reversed(list(page.ancestors)) if a.title)
    body = article_html(output)
    return PageRecord(
        url=page.url,
        title=first_heading(body) or str(page.title or ""),
        sections=tuple(sections(body)),
        unit=report.unit_short if report else "",
        unit_id=report.unit_id if report else "",
        campaign=campaign,
        campaign_id=report.campaign_id if report else "",
        date=date,
        org_path=org_path,
    )


def org_path(
    content: Content, src_uri: str, report: ReportRecord | None
) -> tuple[tuple[str, str], ...]:
    """(id, short name) of the nodes from the top down to the page's unit or organisation: a
    report's unit, an organisation's page in a campaign, a unit's page across campaigns."""
    tree = content.tree
    node = report.unit_id if report else content.org_for_page(src_uri)
    if node == ROOT and src_uri.startswith(f"{paths.UNIT_PAGES}/"):
        node = src_uri[len(paths.UNIT_PAGES) + 1 :].removesuffix(".md")
    if node == ROOT or node not in tree.nodes:
        return ()
    return tuple((n.id, n.short_name) for n in tree.chain(node)[1:])


class SearchEvents:
    """Search events of one MkDocs process; each build starts afresh in :meth:`on_config`."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.active = take_over_material_search(config)
        page_workers.share(self, self._collect, self._merge)
        self.pages: list[PageRecord] = []
        self.seen = 0  # pages rendered in this build, excluded ones too
        self.expected = 0  # pages in the site
        self.seconds = 0.0  # wall clock spent on search during the build
        self.cpu_seconds = 0.0  # CPU time of the same
        if not self.active:
            log.warning("Material 的 search 插件未启用，页眉没有搜索框，跳过中文搜索索引。")
            return config
        config.extra_css.append(STYLESHEET)
        config.extra_javascript.append(UI_SCRIPT)
        return config

    @event_priority(-100)  # after zongjie's own on_env has put the report metadata in place
    def on_env(
        self, env: jinja2.Environment, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """Give templates the worker URL and the campaigns to filter by."""
        if not self.active:
            return env
        campaigns: dict[str, str] = {}
        self.expected = len(files.documentation_pages())
        build = context_of(config)
        for record in build.reports.values() if build else ():
            campaigns.setdefault(record.campaign_id, record.campaign_title)
        env.globals["zongjie_search"] = {
            "worker": worker_url(config.theme.dirs),
            "campaigns": sorted(campaigns.items()),
        }
        return env

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if not self.active:
            return output
        self.seen += 1
        if _excluded(page):
            return output
        started, cpu = time.perf_counter(), time.thread_time()
        build = context_of(config)
        src = page.file.src_uri
        report = build.record(src) if build else None
        where = org_path(build.content, src, report) if build else ()
        self.pages.append(page_record(page, output, report, where))
        self.seconds += time.perf_counter() - started
        self.cpu_seconds += time.thread_time() - cpu
        return output

    def _collect(self) -> tuple[list[PageRecord], int, float, float]:
        return self.pages, self.seen, self.seconds, self.cpu_seconds

    def _merge(self, value: object) -> None:
        """The records of the pages the other half of the page loop rendered."""
        pages, seen, seconds, cpu = cast(tuple[list[PageRecord], int, float, float], value)
        self.pages += pages
        self.seen += seen
        self.seconds += seconds
        self.cpu_seconds += cpu

    def on_post_build(self, config: MkDocsConfig) -> None:
        self.write(Path(config.site_dir))

    def write(self, site_dir: Path) -> dict[str, Any]:
        if not self.active:
            return {}
        if self.seen < self.expected:  # `serve --dirty` rendered only some pages
            log.info("只重建了部分页面，保留上一次的中文搜索索引")
            return {}
        started, cpu = time.perf_counter(), time.thread_time()
        index = build_index(sorted(self.pages, key=lambda p: p.url))
        written = write_index(index, site_dir)
        self.seconds += time.perf_counter() - started
        self.cpu_seconds += time.thread_time() - cpu
        log.info(
            "中文搜索索引：%d 个页面，%d 个片段，%d 个文件（%.1f MB），用时 %.1f 秒（CPU %.1f 秒）",
            len(index.pages),
            len(index.segments),
            written.files,
            written.bytes / 1e6,
            self.seconds,
            self.cpu_seconds,
        )
        return {
            "pages": len(index.pages),
            "segments": len(index.segments),
            "files": written.files,
            "bytes": written.bytes,
            "seconds": self.seconds,
            "cpu_seconds": self.cpu_seconds,
        }


def _excluded(page: Page) -> bool:
    search = (page.meta or {}).get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))


def worker_url(theme_dirs: list[str]) -> str:
    """The search worker's address in every page's configuration: versioned by its content."""
    return f"{WORKER}?v={_file_hash([Path(d) / WORKER for d in theme_dirs])}"


def _file_hash(paths: list[Path]) -> str:
    digest = hashlib.sha1()
    for path in paths:
        if path.exists():
            digest.update(path.read_bytes())
            break  # the first theme folder that has the file wins, as for any theme file
    return digest.hexdigest()[:10]
