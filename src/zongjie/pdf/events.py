"""PDFs as part of the normal build: collect the built report pages, then run the PDF stage.

``hooks/zongjie_pdf.py`` forwards MkDocs events to the methods of :class:`PdfEvents`:

* ``on_startup`` — under ``mkdocs serve`` PDFs are skipped unless ``pdf.in_preview`` is set;
* ``on_config`` — fresh state for the build, settings from ``extra.zongjie``;
* ``on_page_context`` — report pages get ``zj_pdf_url`` for the 下载PDF button;
* ``on_post_page`` — the final article HTML of each report and campaign page is collected;
* ``on_post_build`` — the PDF stage (``pipeline.py``) writes ``config.site_dir/pdf/``: every
  report, each campaign's volume (or its parts and index volume) and archive package. What the
  stage does (everything, or one half under ``zongjie pdf render``/``bind``) is ``stages.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from zongjie import layout as paths
from zongjie.config import load_settings
from zongjie.data.tree import ROOT
from zongjie.framework import plugin_logger
from zongjie.pdf.document import ReportDoc
from zongjie.pdf.pipeline import PdfPipeline, Stats
from zongjie.pdf.render import default_workers
from zongjie.pdf.stages import requested
from zongjie.site.context import context_of

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = plugin_logger("zongjie.pdf")


class PdfEvents:
    """PDF events of one MkDocs process; each build starts afresh in :meth:`on_config`."""

    def __init__(self, workers: int | None = None) -> None:
        self.command = "build"
        self.dirty = False
        self.workers = workers
        """Render processes; ``None`` takes ``pdf.jobs`` from the settings."""

    def on_startup(self, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty  # `serve --dirty` rebuilds some pages only: no volumes or archives then

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).parent.resolve()
        self.settings = load_settings(Path(config.config_file_path), config.extra)
        # Live preview must reload within seconds; PDFs come from `make site`.
        self.enabled = self.command != "serve" or self.settings.pdf.in_preview
        self.run = requested()
        self.reports: dict[tuple[str, str], ReportDoc] = {}
        self.campaign_pages: dict[str, str] = {}
        return config

    def on_page_context(
        self, context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        build = context_of(config)
        record = build.record(page.file.src_uri) if build else None
        if record is not None:
            url = paths.report_pdf(record.campaign_id, record.unit_id)
            cast(dict[str, Any], context)["zj_pdf_url"] = url
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if self.enabled:
            self._collect(page, config)
        return output

    def _collect(self, page: Page, config: MkDocsConfig) -> None:
        build = context_of(config)
        src = page.file.src_uri
        record = build.record(src) if build else None
        ref = paths.page_ref(src)
        if record is not None and build is not None:
            doc = ReportDoc(
                campaign_id=record.campaign_id,
                unit_id=record.unit_id,
                campaign_title=record.campaign_title,
                unit_name=record.unit_name,
                unit_short=record.unit_short,
                date=record.date.isoformat(),
                date_cn=record.date_cn,
                title=page.title or "",
                content=page.content or "",
                page_url=page.url,
                src_path=build.layout.rel(build.layout.page(src)),
                status=record.status,
                reviewed_by=record.reviewed_by,
                reviewed_on=record.reviewed_on.isoformat() if record.reviewed_on else "",
                review_chain="；".join(record.review_chain),
                position=record.position,
                orgs=record.ancestors,
            )
            self.reports[doc.key] = doc
        elif ref is not None and not ref.unit and not ref.org:
            self.campaign_pages[ref.campaign] = page.content or ""

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.enabled:
            self.build(config)

    def build(self, config: MkDocsConfig) -> Stats:
        pipeline = PdfPipeline(
            self.root,
            Path(config.site_dir),
            self.settings,
            [str(d) for d in config.theme.dirs],
            self.workers or self.settings.pdf.jobs or default_workers(),
            self.run,
            partial=self.dirty,  # `serve --dirty`: the rebuilt pages' PDFs, no volumes
        )
        build = context_of(config)
        overviews = {
            cid: table
            for (cid, name, org), table in (build.tables.items() if build else ())
            if name == "overview" and org == ROOT
        }
        stats = pipeline.run(self.reports.values(), self.campaign_pages, overviews)
        self.run.stats = stats
        _log_summary(stats)
        return stats


def _log_summary(stats: Stats) -> None:
    if stats.shard or not stats.volumes:
        log.info(
            "PDF%s：%d 份报告，新生成 %d 份（%d 页，%.1f 秒），缓存 %d 份，其他分片 %d 份",
            f" 分片 {stats.shard}" if stats.shard else "",
            stats.reports,
            stats.rendered,
            stats.rendered_pages,
            stats.render_seconds,
            stats.cached,
            stats.missing,
        )
        return
    parts = sum(v["parts"] for v in stats.volumes.values())
    log.info(
        "PDF：%d 份报告（新生成 %d 份，%d 页，%.1f 秒；缓存 %d 份），%d 个活动共 %d 册"
        "（新装订 %d 个文件），用时 %.1f 秒",
        stats.reports,
        stats.rendered,
        stats.rendered_pages,
        stats.render_seconds,
        stats.cached,
        len(stats.volumes),
        parts,
        stats.bound,
        stats.total_seconds,
    )
