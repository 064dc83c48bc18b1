"""PDFs as part of the normal build: collect report pages, render what changed, publish.

``hooks/zongjie_pdf.py`` forwards MkDocs events to the methods of :class:`PdfEvents`:

* ``on_startup`` — under ``mkdocs serve`` PDFs are skipped unless ``pdf.in_preview`` is set;
* ``on_config`` — fresh state for the build, settings from ``extra.zongjie``;
* ``on_page_context`` — report pages get ``page.meta.zj_pdf_url`` for the 下载PDF button;
* ``on_post_page`` — the final article HTML of each report and campaign page is collected;
* ``on_post_build`` — PDFs are rendered (cached, in parallel) into ``config.site_dir/pdf/``:
  ``<campaign>/<unit>.pdf``, the volume ``<campaign>.pdf`` and the package
  ``<campaign>-archive.zip``.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.exceptions import PluginError

from zongjie import atomic
from zongjie.config import load_settings
from zongjie.framework import plugin_logger
from zongjie.pdf import archive
from zongjie.pdf import stamps as stamping
from zongjie.pdf import volume as volumes
from zongjie.pdf.cache import PdfCache, digest, engine_signature, file_digest
from zongjie.pdf.document import ReportDoc, check_glyphs, clean_report, clean_tables
from zongjie.pdf.fonts import FontSet, load_spec, resolve
from zongjie.pdf.layout import GB9704
from zongjie.pdf.render import (
    RenderJob,
    RenderResult,
    default_workers,
    render_pdf,
    run_all,
    save,
    to_bytes,
)
from zongjie.pdf.xmp import ArchiveFields
from zongjie.site.render import make_environment

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = plugin_logger("zongjie.pdf")

CAMPAIGNS = "campaigns"  # docs/campaigns/<id>/index.md and <id>/<unit>.md (zongjie.content)
PDF_DIR = "pdf"


@dataclass
class Stats:
    reports: int = 0
    rendered: int = 0
    cached: int = 0
    pages: int = 0
    rendered_pages: int = 0
    report_bytes: int = 0
    render_seconds: float = 0.0
    job_seconds: float = 0.0  # sum of the jobs' wall times inside the workers
    cpu_seconds: float = 0.0  # sum of the jobs' CPU times (what an idle machine would need)
    volume_seconds: float = 0.0
    archive_seconds: float = 0.0
    total_seconds: float = 0.0
    volumes: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass
class _Prepared:
    doc: ReportDoc
    key: str
    entry: Any  # cache.Entry


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
        self.partial = self.dirty
        """Only some pages are rebuilt (``serve --dirty``): render those, no volumes or archives."""
        self.theme_dirs = [str(d) for d in config.theme.dirs]
        self.env = make_environment(jinja2.FileSystemLoader(self.theme_dirs))
        self.reports: dict[tuple[str, str], ReportDoc] = {}
        self.campaign_pages: dict[str, str] = {}
        self.jobs = self.workers or self.settings.pdf.jobs or default_workers()
        self.stats = Stats()
        return config

    # -- collecting --------------------------------------------------------------

    def on_page_context(
        self, context: TemplateContext, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        meta = page.meta
        if meta.get("zj_unit_id") and meta.get("zj_campaign_id"):
            meta["zj_pdf_url"] = f"{PDF_DIR}/{meta['zj_campaign_id']}/{meta['zj_unit_id']}.pdf"
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if self.enabled:
            self._collect(page)
        return output

    def _collect(self, page: Page) -> None:
        meta = page.meta
        parts = page.file.src_uri.split("/")
        if meta.get("zj_unit_id") and meta.get("zj_campaign_id"):
            doc = ReportDoc(
                campaign_id=meta["zj_campaign_id"],
                unit_id=meta["zj_unit_id"],
                campaign_title=meta.get("zj_campaign", ""),
                unit_name=meta.get("zj_unit_name", ""),
                unit_short=meta.get("zj_unit", ""),
                date=meta.get("zj_date", ""),
                date_cn=meta.get("zj_date_cn", ""),
                title=page.title or "",
                content=page.content or "",
                page_url=page.url,
                src_path=f"docs/{page.file.src_uri}",
            )
            self.reports[doc.key] = doc
        elif len(parts) == 3 and parts[0] == CAMPAIGNS and parts[2] == "index.md":
            self.campaign_pages[parts[1]] = page.content or ""

    # -- building ----------------------------------------------------------------

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.enabled:
            self.build(config)

    def build(self, config: MkDocsConfig) -> Stats:
        started = time.perf_counter()
        if not self.reports:
            return self.stats
        site = Path(config.site_dir)
        cache = PdfCache(self.settings.cache_path(self.root))
        spec, _ = load_spec(self.theme_dirs)
        fonts = resolve(spec, cache.dir)
        for role in fonts.missing_roles:
            r = fonts.roles[role]
            log.warning(
                "PDF 字体：“%s”的候选字体都没有安装，暂用 %s；请安装 fonts.yml 中列出的字体",
                r.label,
                r.family,
            )
        import weasyprint  # noqa: F401 (imported before forking the worker pool)

        from zongjie.pdf.harfbuzz import available

        if not available():
            log.info(
                "PDF：未找到 libharfbuzz-subset，字体不再压缩，PDF 约大 3.5 倍"
                "（Debian：apt-get install libharfbuzz-subset0）"
            )

        context = {
            "g": GB9704,
            "fonts": fonts.css_vars(),
            "weights": fonts.weights(),
            "scales": fonts.scales(),
            "generator": _generator(),
        }
        css = self.env.get_template("zongjie/pdf/gongwen.css").render(**context)
        stamps_path = self._stamps(cache, context, fonts, stamping.STAMP_BLOCK)
        prepared, jobs = self._prepare(site, cache, fonts, css, context, stamps_path)

        t0 = time.perf_counter()
        failures: list[RenderResult] = []
        for result in run_all(jobs, self.jobs):
            if result.error:
                failures.append(result)
            else:
                self.stats.rendered_pages += result.pages
                self.stats.job_seconds += result.seconds
                self.stats.cpu_seconds += result.cpu
                cache.entry(result.key).record(result.pages, result.label)
        self.stats.render_seconds = time.perf_counter() - t0
        if failures:
            raise PluginError(
                "PDF 生成失败：\n"
                + "\n".join(
                    f"{f.label}：{f.error.strip().splitlines()[-1] if f.error else ''}"
                    for f in failures
                )
            )
        self.stats.rendered = len(jobs)
        self.stats.cached = len(prepared) - len(jobs)
        self._publish_reports(site, prepared)

        if self.partial:
            self.stats.total_seconds = time.perf_counter() - started
            return self.stats
        info = archive.build_info(self.root)
        by_campaign: dict[str, list[_Prepared]] = {}
        for item in prepared:
            by_campaign.setdefault(item.doc.campaign_id, []).append(item)
        for cid, items in sorted(by_campaign.items()):
            t1 = time.perf_counter()
            vol_path, vol_pages = self._volume(site, cache, context, fonts, cid, items)
            t2 = time.perf_counter()
            self._archive(site, cache, cid, items, vol_path, vol_pages, info)
            self.stats.volume_seconds += t2 - t1
            self.stats.archive_seconds += time.perf_counter() - t2
        cache.prune()
        self.stats.total_seconds = time.perf_counter() - started
        _write_stats(cache.dir / "last-build.json", self.stats)
        log.info(
            "PDF：%d 份报告（新生成 %d 份，%d 页，%.1f 秒；缓存 %d 份），%d 本汇编，用时 %.1f 秒",
            self.stats.reports,
            self.stats.rendered,
            self.stats.rendered_pages,
            self.stats.render_seconds,
            self.stats.cached,
            len(by_campaign),
            self.stats.total_seconds,
        )
        return self.stats

    def _prepare(
        self,
        site: Path,
        cache: PdfCache,
        fonts: FontSet,
        css: str,
        context: dict[str, Any],
        stamps_path: Path,
    ) -> tuple[list[_Prepared], list[RenderJob]]:
        template = self.env.get_template("zongjie/pdf/report.html")
        engine = engine_signature()
        stamps_key = stamps_path.name
        prepared: list[_Prepared] = []
        jobs: list[RenderJob] = []
        for key in sorted(self.reports):
            doc = self.reports[key]
            body = check_glyphs(doc, clean_report(doc, site), fonts)
            for problem in doc.problems:
                log.warning("%s：PDF：%s", doc.src_path, problem)
            html = template.render(doc=doc, body=body, generator=context["generator"])
            images = [file_digest(Path(p)) for p in _file_uris(html)]
            fields = ArchiveFields(
                doc.unit_name, doc.unit_id, doc.campaign_title, doc.campaign_id, doc.date
            )
            cache_key = digest(
                engine, html, css, fonts.signature, stamps_key, repr(fields), *images
            )
            entry = cache.entry(cache_key)
            prepared.append(_Prepared(doc, cache_key, entry))
            if not entry.complete():
                jobs.append(
                    RenderJob(
                        cache_key,
                        doc.src_path,
                        html,
                        css,
                        fields,
                        str(stamps_path),
                        str(entry.bare),
                        str(entry.final),
                    )
                )
        self.stats.reports = len(prepared)
        return prepared, jobs

    def _stamps(self, cache: PdfCache, context: dict[str, Any], fonts: FontSet, pages: int) -> Path:
        needed = stamping.stamp_pages_needed(pages)
        html = self.env.get_template("zongjie/pdf/stamps.html").render(pages=needed, **context)
        path = cache.path(f"{digest(engine_signature(), html, fonts.signature)}.stamps.pdf")
        if not path.is_file():
            atomic.write_bytes(path, stamping.render_stamps(html))
        return path

    def _publish_reports(self, site: Path, prepared: list[_Prepared]) -> None:
        for item in prepared:
            pages = item.entry.pages() or 0
            self.stats.pages += pages
            target = site / item.doc.pdf_path
            _publish(item.entry.final, target)
            self.stats.report_bytes += target.stat().st_size

    def _volume(
        self,
        site: Path,
        cache: PdfCache,
        context: dict[str, Any],
        fonts: FontSet,
        cid: str,
        items: list[_Prepared],
    ) -> tuple[Path, int]:
        entries, page = [], 1
        for item in items:
            doc = item.doc
            entries.append(
                {"unit": doc.unit_short or doc.unit_name, "title": doc.title, "page": page}
            )
            page += item.entry.pages() or 0
        body_pages = page - 1
        first = items[0].doc
        dates = sorted(i.doc.date for i in items if i.doc.date)
        last = max(items, key=lambda i: i.doc.date).doc
        overview = clean_tables(self.campaign_pages.get(cid, ""))
        html = self.env.get_template("zongjie/pdf/volume.html").render(
            title=first.campaign_title,
            entries=entries,
            overview=overview,
            publisher=first.campaign_title,
            date=dates[-1] if dates else "",
            date_cn=last.date_cn,
            **context,
        )
        css = self.env.get_template("zongjie/pdf/gongwen.css").render(**context)
        stamps_path = self._stamps(cache, context, fonts, body_pages)
        key = digest(engine_signature(), html, css, stamps_path.name, *(i.key for i in items))
        path = cache.path(f"{key}.volume.pdf")
        if not path.is_file():
            import pikepdf

            fields = ArchiveFields(
                "", "", first.campaign_title, cid, dates[-1] if dates else "", "volume"
            )
            front_pdf, _ = render_pdf(html, css, fields)
            front = to_bytes(front_pdf)
            parts = [
                volumes.Part(
                    f"{i.doc.unit_short or i.doc.unit_name}　{i.doc.title}",
                    i.entry.bare.read_bytes(),
                )
                for i in items
            ]
            with pikepdf.open(stamps_path) as stamps:
                pdf = volumes.assemble(front, parts, stamps)
                save(pdf, path)
        target = site / PDF_DIR / f"{cid}.pdf"
        _publish(path, target)
        import pikepdf

        with pikepdf.open(target) as pdf:
            total = len(pdf.pages)
        self.stats.volumes[cid] = {
            "pages": total,
            "bytes": target.stat().st_size,
            "reports": len(items),
        }
        return target, total

    def _archive(
        self,
        site: Path,
        cache: PdfCache,
        cid: str,
        items: list[_Prepared],
        vol_path: Path,
        vol_pages: int,
        info: archive.BuildInfo,
    ) -> None:
        title = items[0].doc.campaign_title
        members = [
            archive.member(
                f"{cid}.pdf", vol_path, vol_pages, kind="volume", title=f"{title}工作总结报告汇编"
            )
        ]
        for item in items:
            doc = item.doc
            members.append(
                archive.member(
                    f"reports/{doc.unit_id}.pdf",
                    site / doc.pdf_path,
                    item.entry.pages() or 0,
                    kind="report",
                    unit=doc.unit_name,
                    unit_id=doc.unit_id,
                    title=doc.title,
                    date=doc.date,
                )
            )
        generator = _generator()
        key = archive.package_key(cid, members, info, generator)
        path = cache.path(f"{key}.archive.zip")
        if not path.is_file():
            archive.write_package(path, cid, title, members, info, generator)
        _publish(path, site / PDF_DIR / f"{cid}-archive.zip")


def _write_stats(path: Path, stats: Stats) -> None:
    """Figures of the last full build, for the benchmark and for diagnosing a slow build."""
    import dataclasses
    import json

    path.write_text(json.dumps(dataclasses.asdict(stats), ensure_ascii=False, indent=1))


def _publish(source: Path, target: Path) -> None:
    """Put a cached file into the site: a hard link when possible (cache files are never rewritten
    in place, only replaced), else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _file_uris(html: str) -> list[str]:
    import re
    from urllib.parse import unquote, urlsplit

    return sorted({unquote(urlsplit(m).path) for m in re.findall(r'src="(file:[^"]+)"', html)})


def _generator() -> str:
    try:
        own = version("zongjie")
    except PackageNotFoundError:
        own = "dev"
    return f"zongjie {own} (WeasyPrint {version('weasyprint')})"
