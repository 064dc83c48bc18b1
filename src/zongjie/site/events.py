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

from zongjie.config import host_of, load_settings
from zongjie.data.content import DOCS_CAMPAIGNS, Content, ReportEntry, load_content
from zongjie.data.tables import Table
from zongjie.data.yamlfile import YamlError, read_text
from zongjie.errors import ContentError, Problem
from zongjie.framework import plugin_logger
from zongjie.markdown import markers as mk
from zongjie.markdown.page_checks import check_page, split_front_matter
from zongjie.review import publication
from zongjie.review.publication import Audience
from zongjie.site import history, preview, print_titles
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

    command = "build"

    def on_startup(self, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).parent
        self.settings = load_settings(Path(config.config_file_path), config.extra)
        # The live preview is for editors: it shows drafts, marked as such.
        self.audience: Audience = "editors" if self.command == "serve" else self.settings.audience
        self.all_content = load_content(self.root, docs_dir=Path(config.docs_dir))
        """Everything, for the checks: a draft's mistakes are found before anyone approves it."""
        self.content: Content = publication.view(self.all_content, self.audience)
        """What this build shows; every table, page and product is made from it."""
        self.markers: list[mk.Marker] = []
        self.env = make_environment(
            jinja2.FileSystemLoader([str(Path(d)) for d in config.theme.dirs])
        )
        self.tables: dict[tuple[str, str], Table] = {}
        self.history = history.load_history(self.root)
        self.own_host = host_of(config.site_url)
        for warning in self.all_content.log.warnings:
            log.warning(warning.format())
        # Errors are raised in on_env together with the pages' own, as `zongjie check` lists them.
        self.page_problems: list[Problem] = list(self.all_content.log.errors)
        if self.audience == "public" and publication.has_restricted(self.all_content):
            log.info(
                "内部报告不在这次构建中：用 zongjie build 构建，它们在 %s/ 下单独生成",
                self.settings.publish.restricted_prefix,
            )
        self.positions = {
            r.key: i
            for c in self.content.campaigns.values()
            for i, r in enumerate(c.reports_in_order())
        }
        docs = Path(config.docs_dir)
        self.resource_pages = [
            f"{RESOURCE_DIR}/{rid}.md"
            for rid in self.content.resources
            if not (docs / RESOURCE_DIR / f"{rid}.md").exists()
        ]
        if config.nav is None:
            config.nav = build_nav(self.content, docs, self.resource_pages)
        preview.watch_paths(config, self.content)  # `make serve` reloads on data and templates
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        # Files behind a link out of the project, and pages that cannot be read, are reported
        # already; MkDocs must not read (or publish) them.
        for file in list(files):
            if file.abs_src_path and (
                not self.all_content.files.allowed(Path(file.abs_src_path))
                or (file.is_documentation_page() and file.src_uri in self.all_content.unreadable)
            ):
                files.remove(file)
            elif file.is_documentation_page() and publication.is_hidden(
                file.src_uri, self.all_content, self.content
            ):
                # Not published, but checked exactly as `zongjie check` checks it.
                self._check_hidden(file)
                files.remove(file)
        template = self.env.get_template("zongjie/resource_page.md")
        for src in self.resource_pages:
            rid = src.rsplit("/", 1)[1][:-3]
            text = template.render(r=self.content.resources[rid])
            files.append(File.generated(config, src, content=text))
        # `mkdocs serve --dirty` (make serve): also rebuild pages whose data or templates changed.
        custom = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        preview.mark_stale_pages(self.content, files, custom)
        return files

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Collect: markers become placeholders; the page's problems are kept or logged."""
        src = page.file.src_uri
        if self.all_content.page_skipped(src):
            return markdown
        first_line = split_front_matter(page.file.content_string)[1] if page.meta else 1
        checked = check_page(
            markdown,
            self._display_path(page.file),
            src,
            self.all_content,
            start=len(self.markers),
            first_line=first_line,
            own_host=self.own_host,
        )
        self.markers.extend(checked.markers)
        self._report_problems(checked.problems)
        report = self.content.report_for_page(src)
        if report:
            self._describe_report(page, report)
            page.meta.update(history.report_meta(self.history, self.content, report))
        if self.content.campaign_for_page(src):
            # The overview table needs the width more than an outline of three headings.
            page.meta.setdefault("hide", ["toc"])
        return checked.text

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        """A report's or campaign's title set in lines for print, as its PDF sets it."""
        src = page.file.src_uri
        report = self.content.report_for_page(src)
        if report is None and self.content.campaign_for_page(src) is None:
            return html
        unit = self.content.units.get(report.unit_id) if report else None
        keep = (unit.name, unit.short_name or "") if unit else ()
        return print_titles.set_title(html, self.env, keep)

    @event_priority(-50)  # after other plugins have touched the environment
    def on_env(
        self, env: jinja2.Environment, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """Render late: every page has been read, so cross-page tables are complete."""
        if self.page_problems:
            raise ContentError(self.page_problems)
        links = Links(
            reports={k: self._url(files, r.page_src) for k, r in self.content.reports.items()},
            campaigns={
                cid: self._url(files, c.page_src) for cid, c in self.content.campaigns.items()
            },
            resources={
                rid: self._url(files, f"{RESOURCE_DIR}/{rid}.md") for rid in self.content.resources
            },
        )
        renderer = Renderer(self.content, self.env, links)
        self.tables = renderer.tables
        for file in files.documentation_pages():
            page = file.page
            if page is None or not page.content or "<!--zj-ph:" not in page.content:
                continue
            page.content = renderer.fill(page.content, self.markers, page.url)
        return env

    def _check_hidden(self, file: File) -> None:
        if file.abs_src_path is None or self.all_content.page_skipped(file.src_uri):
            return
        path = self._display_path(file)
        try:
            text, _ = read_text(Path(file.abs_src_path), path)
        except YamlError:
            return  # load_content has reported the file already
        body, first_line = split_front_matter(text)
        checked = check_page(
            body,
            path,
            file.src_uri,
            self.all_content,
            first_line=first_line,
            own_host=self.own_host,
        )
        self._report_problems(checked.problems)

    def _report_problems(self, problems: list[Problem]) -> None:
        for problem in problems:
            if problem.severity == "error":
                self.page_problems.append(problem)
            else:
                log.warning(problem.format())

    def on_post_build(self, config: MkDocsConfig) -> None:
        """The .xlsx/.csv downloads of the overview and progress tables the pages show."""
        from zongjie.excel.export import build_date, write_downloads  # openpyxl only when built

        written = write_downloads(self.tables.values(), Path(config.site_dir), build_date())
        if written:
            log.info(f"表格下载：{len(self.tables)} 张表，{len(written)} 个文件（.xlsx 和 .csv）")

    def _describe_report(self, page: Page, report: ReportEntry) -> None:
        """Page metadata for the report header, search results and PDFs."""
        unit = self.content.units[report.unit_id]
        campaign = self.content.campaigns[report.campaign_id]
        page.meta.update(
            {
                "zj_unit": unit.short_name,
                "zj_unit_name": unit.name,
                "zj_unit_id": unit.id,
                "zj_campaign": campaign.campaign.display_title,
                "zj_campaign_id": campaign.id,
                "zj_campaign_url": f"{DOCS_CAMPAIGNS}/{campaign.id}/",
                "zj_date": report.report.date.isoformat(),
                "zj_date_cn": chinese_date(report.report.date),
                "zj_status": report.report.status,
                "zj_reviewed_by": report.report.reviewed_by or "",
                "zj_reviewed_on": report.report.reviewed_on.isoformat()
                if report.report.reviewed_on
                else "",
                "zj_reviewed_on_cn": chinese_date(report.report.reviewed_on),
                "zj_visibility": "内部"
                if publication.is_restricted(self.content, report)
                else "公开",
                "zj_position": self.positions[report.key],  # overview order: the PDF volumes' order
            }
        )

    def _display_path(self, file: File) -> str:
        if file.abs_src_path:
            try:
                return Path(file.abs_src_path).resolve().relative_to(self.root.resolve()).as_posix()
            except ValueError:
                pass
        return f"{file.src_uri}（由数据生成）"

    @staticmethod
    def _url(files: Files, src: str) -> str:
        file = files.get_file_from_path(src)
        return file.url if file is not None else src
