"""zongjie's MkDocs events: the engine behind the thin ``hooks/zongjie_hooks.py``.

Collect first, render late: data is loaded and validated in ``on_config``;
each page's markers are parsed into placeholders in ``on_page_markdown``; and
only in ``on_env``, when every page has been read, are the placeholders
rendered, so cross-page tables and backlinks are complete.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from zongjie import layout as paths
from zongjie import rules
from zongjie.background import Background, BackgroundError
from zongjie.config import host_of, load_settings
from zongjie.data.content import Content, ReportEntry
from zongjie.data.yamlfile import YamlError, read_text
from zongjie.dates import build_time
from zongjie.errors import ContentError, Problem
from zongjie.framework import plugin_logger
from zongjie.git.history import latest, load_history
from zongjie.markdown import markers as mk
from zongjie.markdown.rendering import renderer
from zongjie.review import publication
from zongjie.review.approved import Approved, approved_content
from zongjie.review.publication import Audience
from zongjie.rules.front_matter import front_matter_problems
from zongjie.rules.pages import CheckedPage, check_page, check_rendered, split_front_matter
from zongjie.rules.site_config import nav_problems, site_config_problems
from zongjie.rules.stylesheets import stylesheet_problems
from zongjie.rules.svg_images import svg_problems
from zongjie.site import audience, build_record, page_workers, preview, print_titles, serve_errors
from zongjie.site.context import BuildContext, ReportRecord, attach
from zongjie.site.generated import generated_pages, progress_page, verify_pages
from zongjie.site.layout import layout_of
from zongjie.site.nav import behind_help, build_nav, in_guide
from zongjie.site.page_workers import PageSplit, ReadSplit
from zongjie.site.render import Links, Renderer, make_environment

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

    from zongjie.data.tables import Table

log = plugin_logger("zongjie")

TABLE_MARKERS = frozenset({"overview", "progress"})
"""Markers whose tables get downloads (:meth:`Renderer._table`): rendered in ``on_env``, so
that every table exists when the downloads start; any other marker is rendered as its page
is written."""
RESTRICTED_FOUND: dict[str, bool] = {}
"""Per site folder of a readers' build: whether the content has 内部 reports, which
:mod:`zongjie.site.atomic_build` then builds under their prefix (so it need not load the
content again to know)."""


class SiteEvents:
    """zongjie's MkDocs events; ``hooks/zongjie_hooks.py`` forwards each event to the method of
    the same name. Like a plugin, one instance outlives ``serve`` rebuilds, so everything a build
    reads is made afresh in :meth:`on_config`."""

    command = "build"
    dirty = False
    error_pages: serve_errors.ErrorPages | None = None
    """``serve`` only: a failed rebuild shown in the browser (:mod:`zongjie.site.serve_errors`)."""
    split: PageSplit | None = None
    """This build's page loop in two processes (:mod:`zongjie.site.page_workers`), if it is."""
    renderer: Renderer | None = None
    """The markers' renderer of this build, from :meth:`on_env` on."""
    reading: ReadSplit | None = None
    """This build's reading of the pages in two processes, until the halves meet."""
    downloads: Background[list[Path]] | None = None
    """The tables' downloads, being written beside the page loop (from ``on_env``)."""

    def on_startup(self, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """The preview shows a failed rebuild's problems in the browser, not only the terminal."""
        root = Path(config.config_file_path).resolve().parent
        self.error_pages = serve_errors.install(server, root)
        return server

    def on_build_error(self, error: Exception) -> None:
        reading, self.reading = self.reading, None
        if reading is not None:  # in the reading's child this does not return
            reading.fail(error)
        split, self.split = self.split, None
        if split is not None:  # first: in the page loop's child this does not return
            split.fail(error)
        if self.downloads is not None:
            self.downloads.cancel()
            self.downloads = None
        if self.error_pages is not None:
            self.error_pages.build_error(error)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = load_settings(Path(config.config_file_path), config.extra)
        page_workers.share(self, collect=lambda: None, merge=lambda _: None)  # nothing per page
        page_workers.share_reading(self, self._collect_read, self._merge_read)
        # The live preview is for editors (drafts shown, marked as such); any other build is
        # the readers' site, whatever the settings say.
        self.audience: Audience = audience.resolve(
            self.command, self.dirty, self.settings, Path(config.config_file_path)
        )
        self.layout = layout_of(config)
        self.root = self.layout.root
        self.all_content = rules.load(self.layout)
        """Everything, for the checks: a draft's mistakes are found before anyone approves it."""
        self.content: Content = publication.view(self.all_content, self.audience)
        """What this build shows; every table, page and product is made from it."""
        self.approved = Approved()
        if self.audience != "editors":
            # Readers see each report as it was approved, whatever was edited since.
            self.content, self.approved = approved_content(self.content)
            for key, why in self.approved.withheld.items():
                self.content.withheld[key] = why
                log.warning("报告 %s/%s 不发布：%s", *key, why)
        self.markers: list[mk.Marker] = []
        self.renderer = None
        self.shown_paths: dict[str, str] = {}
        self.read_problems: dict[str, list[Problem]] = {}
        """The errors each page's reading found, for the order ``on_env`` lists them in."""
        self.checked: dict[str, tuple[CheckedPage, int, int]] = {}
        """Each page's checked Markdown, first placeholder and first line, for its HTML check."""
        self.render = renderer(config.markdown_extensions, config.mdx_configs)
        self.env = make_environment(
            jinja2.FileSystemLoader([str(Path(d)) for d in config.theme.dirs])
        )
        self.build = BuildContext(self.layout, self.content)
        """What the PDF and search layers and the theme's templates read of this build."""
        attach(config, self.build)
        history = load_history(self.layout)
        if history is None:
            log.debug("不在 git 仓库中，页面不显示修改历史")
        self.history = history or {}
        self.in_git = history is not None
        self.own_host = host_of(config.site_url)
        for warning in self.all_content.log.warnings:
            log.warning(warning.format())
        # Errors are raised in on_env together with the pages' own, as `zongjie check` lists them.
        self.page_problems: list[Problem] = site_config_problems(Path(config.config_file_path))
        self.page_problems += stylesheet_problems(
            Path(config.docs_dir), self.layout.root, self.own_host
        )
        self.page_problems += svg_problems(Path(config.docs_dir), self.layout.root)
        self.page_problems += self.all_content.log.errors
        hidden = functools.partial(
            publication.is_hidden, content=self.all_content, shown=self.content
        )
        for problem in nav_problems(Path(config.config_file_path), hidden):
            log.warning(problem.format())
        if self.audience == "public":
            RESTRICTED_FOUND[str(Path(config.site_dir).resolve())] = publication.has_restricted(
                self.all_content
            )
        if self.audience == "public" and publication.has_restricted(self.all_content):
            log.info(
                "内部报告不在这次构建中：用 zongjie build 构建，它们在 %s/ 下单独生成",
                self.settings.publish.restricted_prefix,
            )
        order = {uid: i for i, uid in enumerate(self.content.tree.in_order())}
        self.positions = {  # the volumes follow the tree, so a county's reports stay together
            r.key: i
            for c in self.content.campaigns.values()
            for i, r in enumerate(sorted(c.reports, key=lambda r: order.get(r.unit_id, -1)))
        }
        self.generated = generated_pages(self.content, self.layout)
        if self.audience == "editors":  # who has not reported is the office's business only
            self.generated += progress_page(self.content, self.layout, self.all_content.today)
            self.generated += verify_pages(self.content)
        if config.nav is None:
            config.nav = build_nav(
                self.content,
                self.layout.docs_dir,
                self.generated,
                readers=self.audience != "editors",
            )
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
            elif (
                file.is_documentation_page()
                and self.audience != "editors"
                and behind_help(file.src_uri, self.layout.docs_dir)
            ):
                # Readers reach the guide from 帮助: built, but not listed (nor warned about).
                file.inclusion = InclusionLevel.NOT_IN_NAV
        for page in self.generated:
            # A unit's page is reached from its reports and organisations, not from the nav.
            inclusion = (
                InclusionLevel.NOT_IN_NAV if page.in_nav is False else InclusionLevel.UNDEFINED
            )
            text = page.render(self.env)
            files.append(File.generated(config, page.src, content=text, inclusion=inclusion))
        # `mkdocs serve --dirty` (make serve): also rebuild pages whose data or templates changed.
        custom = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        preview.mark_stale_pages(self.content, files, custom)
        self.read_base = len(self.markers), len(self.page_problems)
        self.files = files
        self.reading = ReadSplit.start(config, files, self.dirty)  # last: the reading is next
        return files

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        """An approved report edited since: readers get the approved narrative from git."""
        return self.approved.narratives.get(page.file.src_uri)

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
        self.checked[src] = (checked, len(self.markers), first_line)
        self.markers.extend(checked.markers)
        report = self.content.report_for_page(src)
        # Also when MkDocs found no settings: it drops a block it cannot parse without a word.
        found = len(self.page_problems)
        self._report_problems(
            front_matter_problems(
                page.file.content_string, self._display_path(page.file), report=report is not None
            )
        )
        self._report_problems(checked.problems)
        self.read_problems[src] = self.page_problems[found:]
        if report:
            self.build.reports[src] = self._record(report, files)
        if self.audience != "editors" and in_guide(src):
            # A reader searching for a report should find reports, not the editors' guide.
            page.meta["search"] = {"exclude": True}
        if self.content.campaign_for_page(src):
            # The overview table needs the width more than an outline of three headings.
            page.meta.setdefault("hide", ["toc"])
        return checked.text

    @event_priority(100)  # first: search and the PDFs read the page with its markers rendered
    def on_page_context(
        self, context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """A page's markers that :meth:`on_env` left are rendered as its page is written
        (by whichever process writes it); its templates (header, banner, history) read its
        record."""
        if self.renderer is not None and page.content and "<!--zj-ph:" in page.content:
            page.content = self.renderer.fill(page.content, self.markers, page.url)
        cast(dict[str, Any], context)["zj_report"] = self.build.record(page.file.src_uri)
        return context

    @event_priority(100)  # first: only what the narrative rendered to, nothing added after it
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        gated = self._gate(html, page)
        if self.reading is not None:
            page.content = gated  # what MkDocs would keep: the child hands its pages over now
            self.reading.after_page(page.file.src_uri, files, config)  # the child leaves here
            if not self.reading.child and page.file.src_uri == self.reading.last:
                self.reading = None
        return gated

    def _gate(self, html: str, page: Page) -> str:
        """The one gate on the narrative's HTML: sanitized before the markers' own HTML (from
        zongjie's templates) replaces the placeholders in :meth:`on_env`. Then a report's or
        campaign's title is set in lines for print, as its PDF sets it."""
        src = page.file.src_uri
        fallback = (CheckedPage(page.markdown or ""), 0, 1)  # a page no check has seen
        checked, start, first_line = self.checked.get(src) or fallback
        gated = check_rendered(
            checked, html, self._display_path(page.file), self.render, start, first_line,
            own_host=self.own_host,
        )  # fmt: skip
        found = len(self.page_problems)
        self._report_problems(gated.problems)
        self.read_problems.setdefault(src, []).extend(self.page_problems[found:])
        report = self.content.report_for_page(src)
        if report is None and self.content.campaign_for_page(src) is None:
            return gated.html
        unit = self.content.units.get(report.unit_id) if report else None
        keep = (unit.name, unit.short_name or "") if unit else ()
        return print_titles.set_title(gated.html, self.env, keep)

    @event_priority(-150)  # after other plugins (and zongjie's search) have touched it
    def on_env(
        self, env: jinja2.Environment, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """Render late: every page has been read, so cross-page tables are complete."""
        if self.page_problems:
            raise ContentError(self.page_problems)
        links = self._links(files)
        renderer = self.renderer = Renderer(self.content, self.env, links)
        self.build.tables = renderer.tables
        for file in files.documentation_pages():
            page = file.page
            if page is None or not page.content or "<!--zj-ph:" not in page.content:
                continue
            names = {self.markers[int(n)].name for n in mk.PLACEHOLDER_RE.findall(page.content)}
            if not names & TABLE_MARKERS:
                continue  # no download's table: rendered when its page is written, on either core
            page.content = renderer.fill(page.content, self.markers, page.url)
        # The tables are complete: their downloads are written while MkDocs writes the pages.
        self.downloads = Background(
            functools.partial(
                _write_downloads, list(renderer.tables.values()), self.layout.site_dir,
                self.built_on(),
            )
        )  # fmt: skip
        self.split = PageSplit.start(config, files, self.dirty)  # last: the loop comes next
        return env

    def _links(self, files: Files) -> Links:
        content, url = self.content, self._url
        return Links(
            reports={k: url(files, r.page_src) for k, r in content.reports.items()},
            campaigns={cid: url(files, c.page_src) for cid, c in content.campaigns.items()},
            resources={rid: url(files, paths.resource_src(rid)) for rid in content.resources},
            orgs={
                (ref.campaign, ref.org): url(files, page.src)
                for page in self.generated
                if (ref := paths.page_ref(page.src)) is not None and ref.org
            },
            units={
                page.src.rsplit("/", 1)[1][:-3]: url(files, page.src)
                for page in self.generated
                if page.src.startswith(f"{paths.UNIT_PAGES}/")
            },
        )

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
        report = self.all_content.report_for_page(file.src_uri)
        self._report_problems(front_matter_problems(text, path, report=report is not None))
        self._report_problems(checked.problems)
        if self.render.may_need_sanitizing(mk.PLACEHOLDER_RE.sub("", checked.text)):
            html = self.render(checked.text)
            rendered = check_rendered(
                checked, html, path, self.render, first_line=first_line, own_host=self.own_host
            )
            self._report_problems(rendered.problems)

    def _collect_read(self) -> tuple[list[mk.Marker], dict[str, list[Problem]], dict[str, Any]]:
        """What this process's reading added: markers, each page's errors, report records."""
        mine = {f.src_uri for f in self.files.documentation_pages()}
        records = {src: r for src, r in self.build.reports.items() if src in mine}
        return self.markers[self.read_base[0] :], self.read_problems, records

    def _merge_read(self, value: object) -> None:
        """The other half's reading: its markers after ours (its pages' placeholders moved to
        match), its errors and records in the order of the pages, as one process finds them."""
        markers, problems, records = cast(
            tuple[list[mk.Marker], dict[str, list[Problem]], dict[str, Any]], value
        )
        base = self.read_base[0]
        shift = len(self.markers) - base
        self.markers.extend(markers)
        order = [f.src_uri for f in self.files.documentation_pages()]
        theirs = set(problems) | set(records)
        if self.reading is not None:
            theirs |= set(self.reading.theirs)
        for src in theirs:
            file = self.files.get_file_from_path(src)
            if shift and file is not None and file.page is not None and file.page.content:
                file.page.content = mk.PLACEHOLDER_RE.sub(
                    lambda m: mk.PLACEHOLDER.format(int(m.group(1)) + shift), file.page.content
                )
        self.read_problems.update(problems)
        start = self.read_base[1]
        self.page_problems[start:] = [p for src in order for p in self.read_problems.get(src, [])]
        reports = {**self.build.reports, **records}
        self.build.reports.clear()
        self.build.reports.update((src, reports[src]) for src in order if src in reports)
        self.build.reports.update(reports)  # any not among the pages keep their place after

    def _report_problems(self, problems: list[Problem]) -> None:
        for problem in problems:
            if problem.severity == "error":
                self.page_problems.append(problem)
            else:
                log.warning(problem.format())

    @event_priority(100)  # first: the page loop's child hands over before anything is written
    def on_post_build(self, config: MkDocsConfig) -> None:
        """The .xlsx/.csv downloads of the overview and progress tables the pages show."""
        split, self.split = self.split, None
        if split is not None:
            split.finish()  # in the child this does not return
        record = build_record.BuildRecord(self.audience, self.settings.publish.restricted_prefix)
        build_record.write(self.layout.site_dir, record)  # last: over any copy from docs/
        tables = self.build.tables
        downloads, self.downloads = self.downloads, None
        try:
            written = downloads.wait() if downloads else []
        except BackgroundError as exc:
            raise PluginError(f"表格下载文件未能写入：\n{exc}") from exc
        if written:
            log.info(f"表格下载：{len(tables)} 张表，{len(written)} 个文件（.xlsx 和 .csv）")

    def built_on(self) -> dt.date:
        return build_time(self.root, in_git=self.in_git).date

    def _record(self, report: ReportEntry, files: Files) -> ReportRecord:
        unit = self.content.units[report.unit_id]
        campaign = self.content.campaigns[report.campaign_id]
        r = report.report
        sources = [self.layout.rel(self.layout.page(report.page_src)), report.doc.path]
        return ReportRecord(
            campaign_id=campaign.id,
            unit_id=unit.id,
            unit_name=unit.name,
            unit_short=unit.short_name,
            campaign_title=campaign.campaign.display_title,
            campaign_url=paths.campaign_url(campaign.id),
            date=r.date,
            status=r.status,
            reviewed_by=r.reviewed_by or "",
            reviewed_on=r.reviewed_on,
            returned_reason=r.returned_reason or "",
            returned_by=r.returned_by or "",
            returned_on=r.returned_on,
            review_chain=tuple(step.line for step in r.history),
            restricted=publication.is_restricted(self.content, report),
            position=self.positions[report.key],
            updated=latest(self.history, sources),
            unit_url=self._url(files, paths.unit_src(unit.id)),
            ancestors=tuple(n.id for n in self.content.tree.chain(unit.id)[1:-1]),
            orgs=tuple(
                (n.short_name, self._url(files, paths.org_src(campaign.id, n.id)))
                for n in self.content.tree.chain(unit.id)[1:-1]
            ),
        )

    def _display_path(self, file: File) -> str:
        if not file.abs_src_path:
            return f"{file.src_uri}（由数据生成）"
        shown = self.shown_paths.get(file.abs_src_path)
        if shown is None:  # resolving the path costs more than the page's checks
            shown = self.shown_paths[file.abs_src_path] = self.layout.rel(Path(file.abs_src_path))
        return shown

    @staticmethod
    def _url(files: Files, src: str) -> str:
        file = files.get_file_from_path(src)
        return file.url if file is not None else src


def _write_downloads(tables: list[Table], site_dir: Path, built: dt.date) -> list[Path]:
    from zongjie.excel.export import write_downloads  # openpyxl only when built

    return write_downloads(tables, site_dir, built)
