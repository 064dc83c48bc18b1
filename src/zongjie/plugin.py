"""MkDocs event handlers: the whole engine behind the thin ``hooks/zongjie_hooks.py``.

Collect first, render late: data is loaded and validated in ``on_config``;
each page's markers are parsed into placeholders in ``on_page_markdown``; and
only in ``on_env``, when every page has been read, are the placeholders
rendered, so cross-page tables and backlinks are complete.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
from mkdocs.structure.files import File, Files

from . import history, rawhtml
from . import markers as mk
from .lint import lint_report
from .content import DOCS_CAMPAIGNS, Content, ReportEntry, load_content
from .errors import ContentError, Problem
from .nav import build_nav
from .render import Links, Renderer, chinese_date, make_environment

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.zongjie")

RESOURCE_DIR = "resources"


class ZongjieBuild:
    """State for one build. A fresh instance is made in ``on_config`` so ``serve`` never reuses it."""

    def __init__(self, config: MkDocsConfig):
        self.root = Path(config.config_file_path).parent
        self.content: Content = load_content(self.root, docs_dir=Path(config.docs_dir))
        self.markers: list[mk.Marker] = []
        self.page_problems: list[Problem] = []
        self.resource_pages: list[str] = []
        self.env = make_environment(jinja2.FileSystemLoader(
            [str(Path(d)) for d in config.theme.dirs]))
        self.history = history.load_history(self.root)

    # -- on_config -------------------------------------------------------------

    def configure(self, config: MkDocsConfig) -> None:
        for warning in self.content.log.warnings:
            log.warning(warning.format())
        self.content.log.raise_if_errors()
        docs = Path(config.docs_dir)
        self.resource_pages = [f"{RESOURCE_DIR}/{rid}.md" for rid in self.content.resources
                               if not (docs / RESOURCE_DIR / f"{rid}.md").exists()]
        if config.nav is None:
            config.nav = build_nav(self.content, docs, self.resource_pages)

    # -- on_files --------------------------------------------------------------

    def add_generated_pages(self, files: Files, config: MkDocsConfig) -> Files:
        template = self.env.get_template("zongjie/resource_page.md")
        for src in self.resource_pages:
            rid = src.rsplit("/", 1)[1][:-3]
            text = template.render(r=self.content.resources[rid])
            files.append(File.generated(config, src, content=text))
        return files

    # -- on_page_markdown ------------------------------------------------------

    def collect_markers(self, markdown: str, page: Page) -> str:
        src = page.file.src_uri
        report = self.content.report_for_page(src)
        campaign = self.content.campaign_for_page(src)
        path = self._display_path(page)
        text, found, problems = mk.extract(
            markdown, path, self.content,
            campaign_id=report.campaign_id if report else (campaign.id if campaign else None),
            report_key=report.key if report else None, start=len(self.markers),
        )
        self.markers.extend(found)
        self.page_problems.extend(problems)
        for problem in rawhtml.scan(markdown, path):
            log.warning(problem.format())
        if report:
            self._describe_report(page, report)
            page.meta.update(history.report_meta(self.history, self.content, report))
            # Hand-typed totals that disagree with the data: warnings, so --strict fails.
            for problem in lint_report(markdown, path, report, self.content):
                log.warning(problem.format())
        if campaign:
            # The overview table needs the width more than an outline of three headings.
            page.meta.setdefault("hide", ["toc"])
        return text

    def _describe_report(self, page: Page, report: ReportEntry) -> None:
        """Page metadata for the report header, search results and PDFs."""
        unit = self.content.units[report.unit_id]
        campaign = self.content.campaigns[report.campaign_id]
        page.meta.update({
            "zj_unit": unit.short_name, "zj_unit_name": unit.name, "zj_unit_id": unit.id,
            "zj_campaign": campaign.campaign.display_title, "zj_campaign_id": campaign.id,
            "zj_campaign_url": f"{DOCS_CAMPAIGNS}/{campaign.id}/",
            "zj_date": report.report.date.isoformat(), "zj_date_cn": chinese_date(report.report.date),
        })

    def _display_path(self, page: Page) -> str:
        if page.file.abs_src_path:
            try:
                return Path(page.file.abs_src_path).resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                pass
        return f"{page.file.src_uri}（由数据生成）"

    # -- on_env ----------------------------------------------------------------

    def render_all(self, files: Files) -> None:
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

    @staticmethod
    def _url(files: Files, src: str) -> str:
        file = files.get_file_from_path(src)
        return file.url if file is not None else src
