"""zongjie's MkDocs events: the engine behind the thin ``hooks/zongjie_hooks.py``.

Collect first, render late: data is loaded and validated in ``on_config``;
each page's markers are parsed into placeholders in ``on_page_markdown``; and
only in ``on_env``, when every page has been read, are the placeholders
rendered, so cross-page tables and backlinks are complete.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from zongjie.config import load_settings
from zongjie.data.content import DOCS_CAMPAIGNS, Content, ReportEntry, load_content
from zongjie.errors import ContentError, Problem
from zongjie.framework import plugin_logger
from zongjie.markdown import markers as mk
from zongjie.markdown.page_checks import check_page
from zongjie.site import history, preview
from zongjie.site.nav import build_nav
from zongjie.site.render import Links, Renderer, chinese_date, make_environment

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = plugin_logger("zongjie")

RESOURCE_DIR = "resources"


class SiteEvents:
    """zongjie's MkDocs events; ``hooks/zongjie_hooks.py`` forwards each event to the method of
    the same name. Like a plugin, one instance outlives ``serve`` rebuilds, so everything a build
    reads is made afresh in :meth:`on_config`."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).parent
        self.settings = load_settings(Path(config.config_file_path), config.extra)
        self.content: Content = load_content(self.root, docs_dir=Path(config.docs_dir))
        self.markers: list[mk.Marker] = []
        self.page_problems: list[Problem] = []
        self.env = make_environment(jinja2.FileSystemLoader([str(Path(d)) for d in config.theme.dirs]))
        self.history = history.load_history(self.root)
        for warning in self.content.log.warnings:
            log.warning(warning.format())
        self.content.log.raise_if_errors()
        self.positions = {r.key: i for c in self.content.campaigns.values()
                          for i, r in enumerate(c.reports_in_order())}
        docs = Path(config.docs_dir)
        self.resource_pages = [f"{RESOURCE_DIR}/{rid}.md" for rid in self.content.resources
                               if not (docs / RESOURCE_DIR / f"{rid}.md").exists()]
        if config.nav is None:
            config.nav = build_nav(self.content, docs, self.resource_pages)
        preview.watch_paths(config, self.content)  # `make serve` reloads on data and templates
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        template = self.env.get_template("zongjie/resource_page.md")
        for src in self.resource_pages:
            rid = src.rsplit("/", 1)[1][:-3]
            text = template.render(r=self.content.resources[rid])
            files.append(File.generated(config, src, content=text))
        # `mkdocs serve --dirty` (make serve): also rebuild pages whose data or templates changed.
        custom = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        preview.mark_stale_pages(self.content, files, custom)
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Collect: markers become placeholders; the page's problems are kept or logged."""
        src = page.file.src_uri
        checked = check_page(markdown, self._display_path(page), src, self.content, start=len(self.markers))
        self.markers.extend(checked.markers)
        for problem in checked.problems:
            if problem.severity == "error":
                self.page_problems.append(problem)
            else:
                log.warning(problem.format())
        report = self.content.report_for_page(src)
        if report:
            self._describe_report(page, report)
            page.meta.update(history.report_meta(self.history, self.content, report))
        if self.content.campaign_for_page(src):
            # The overview table needs the width more than an outline of three headings.
            page.meta.setdefault("hide", ["toc"])
        return checked.text

    @event_priority(-50)  # after other plugins have touched the environment
    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Render late: every page has been read, so cross-page tables are complete."""
        if self.page_problems:
            raise ContentError(self.page_problems)
        links = Links(
            reports={k: self._url(files, r.page_src) for k, r in self.content.reports.items()},
            campaigns={cid: self._url(files, c.page_src) for cid, c in self.content.campaigns.items()},
            resources={rid: self._url(files, f"{RESOURCE_DIR}/{rid}.md") for rid in self.content.resources},
        )
        renderer = Renderer(self.content, self.env, links)
        for file in files.documentation_pages():
            page = file.page
            if page is None or not page.content or "<!--zj-ph:" not in page.content:
                continue
            page.content = mk.PLACEHOLDER_RE.sub(
                lambda m: renderer.render(self.markers[int(m.group(1))], page.url), page.content)
        return env

    def _describe_report(self, page: Page, report: ReportEntry) -> None:
        """Page metadata for the report header, search results and PDFs."""
        unit = self.content.units[report.unit_id]
        campaign = self.content.campaigns[report.campaign_id]
        page.meta.update({
            "zj_unit": unit.short_name, "zj_unit_name": unit.name, "zj_unit_id": unit.id,
            "zj_campaign": campaign.campaign.display_title, "zj_campaign_id": campaign.id,
            "zj_campaign_url": f"{DOCS_CAMPAIGNS}/{campaign.id}/",
            "zj_date": report.report.date.isoformat(), "zj_date_cn": chinese_date(report.report.date),
            "zj_position": self.positions[report.key],  # overview order: the order of PDF volumes
        })

    def _display_path(self, page: Page) -> str:
        if page.file.abs_src_path:
            try:
                return Path(page.file.abs_src_path).resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                pass
        return f"{page.file.src_uri}（由数据生成）"

    @staticmethod
    def _url(files: Files, src: str) -> str:
        file = files.get_file_from_path(src)
        return file.url if file is not None else src
