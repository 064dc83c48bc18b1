"""The PDF stage of a build, from the collected pages to ``site/pdf/``.

1. **prepare** (``prepare.py``): each report page becomes a content-hash cache key, and print
   HTML if this build renders it;
2. **render**: reports the cache lacks are laid out in a process pool (all of them, or one
   shard's slice under ``zongjie pdf render``): bare pages for binding and the numbered report;
3. **bind** (``binding.py``): with every report cached, the reports are published, each
   campaign's volume, or its parts (分册) and index volume, bound from the bare pages (only
   those whose content changed) and its archive package written.

``zongjie build`` runs all three, ``zongjie pdf render`` the first two and ``zongjie pdf bind``
the first and last (``stages.py``). Memory stays bounded whatever the campaign's size: a part
holds at most ``pdf.part_size`` reports, is bound in a worker and written to disk before the
next one starts, and nothing keeps a PDF in memory between steps.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from zongjie import atomic
from zongjie.config import ZongjieConfig
from zongjie.data.tables import Table
from zongjie.errors import PDF_ERROR_HEADER
from zongjie.pdf import archive, binding
from zongjie.pdf.binding import Binding
from zongjie.pdf.cache import PdfCache
from zongjie.pdf.document import ReportDoc
from zongjie.pdf.prepare import PreparedReport, prepare
from zongjie.pdf.render import BindJob, JobResult, run_all, run_bind, run_report
from zongjie.pdf.setup import PdfSetup
from zongjie.pdf.stages import PdfRun

MAX_LISTED = 50  # missing reports named one by one; the rest are counted


@dataclass
class Stats:
    reports: int = 0
    rendered: int = 0
    cached: int = 0
    missing: int = 0  # not in the cache and not rendered by this run (another shard's)
    shard: str = ""
    workers: int = 0
    pages: int = 0
    rendered_pages: int = 0
    report_bytes: int = 0
    prepare_seconds: float = 0.0
    render_seconds: float = 0.0
    job_seconds: float = 0.0  # sum of the jobs' wall times inside the workers
    cpu_seconds: float = 0.0  # sum of the jobs' CPU times (what an idle machine would need)
    publish_seconds: float = 0.0
    bound: int = 0  # volumes, parts and index volumes bound in this build
    bound_cached: int = 0
    fronts_rendered: int = 0  # front matter (covers, contents, index lists) not in the cache
    bind_seconds: float = 0.0
    archive_seconds: float = 0.0
    total_seconds: float = 0.0
    started: float = 0.0  # time.time() when the stage began and ended: the benchmark's window
    ended: float = 0.0
    volumes: dict[str, dict[str, Any]] = field(default_factory=dict)


class PdfPipeline:
    """One build's PDF stage; :meth:`run` takes what ``PdfEvents`` collected."""

    def __init__(
        self,
        root: Path,
        site: Path,
        settings: ZongjieConfig,
        theme_dirs: list[str],
        workers: int,
        run: PdfRun,
        partial: bool = False,
    ):
        self.root, self.site, self.settings = root, site, settings
        self.workers, self.plan, self.partial = workers, run, partial
        self.cache = PdfCache(settings.cache_path(root))
        self.theme_dirs = theme_dirs
        self.stats = Stats(shard=str(run.shard or ""), workers=workers)

    def run(
        self,
        reports: Iterable[ReportDoc],
        campaign_pages: dict[str, str],
        tables: dict[str, Table] | None = None,
    ) -> Stats:
        start = time.perf_counter()
        self.stats.started = time.time()
        self.setup = PdfSetup.load(self.theme_dirs, self.cache)
        prepared = time.perf_counter()
        items = prepare(self.setup, self.site, reports, self._renders)
        self.stats.reports = len(items)
        self.stats.prepare_seconds = time.perf_counter() - prepared
        if self.plan.render:
            self._render(items)
        for item in items:  # each record read once: thousands of reports, several uses each
            item.facts = item.entry.final.facts() if item.entry.bare.is_file() else None
        cached = sum(1 for i in items if i.facts is not None)
        self.stats.cached, self.stats.missing = cached - self.stats.rendered, len(items) - cached
        if self.plan.bind:
            self._require_cached(items)
            self._publish_reports(items)
            if not self.partial:
                self._bind(items, campaign_pages, tables or {})
                self.cache.prune_daily()
        else:
            self.cache.prune_daily(reports_only=True)
        self.stats.total_seconds = time.perf_counter() - start
        self.stats.ended = time.time()
        _write_stats(self.cache.dir / "last-build.json", self.stats)
        return self.stats

    def _renders(self, doc: ReportDoc) -> bool:
        return self.plan.render and (self.plan.shard is None or self.plan.shard.owns(doc))

    def _render(self, items: list[PreparedReport]) -> None:
        started = time.perf_counter()
        todo = [i for i in items if i.job is not None]
        jobs = [i.job for i in todo if i.job is not None]
        failures: list[JobResult] = []
        for result in run_all(run_report, jobs, self.workers, weight=lambda j: len(j.page)):
            if result.error or result.facts is None:
                failures.append(result)
                continue
            self.cache.entry(result.key).final.record(result.facts, result.label)
            self.stats.rendered_pages += result.body_pages
            self.stats.job_seconds += result.seconds
            self.stats.cpu_seconds += result.cpu
        for item in todo:
            item.job = None  # its HTML is no longer needed
        self.stats.render_seconds = time.perf_counter() - started
        self.stats.rendered = len(jobs) - len(failures)
        if failures:
            raise PluginError(f"{PDF_ERROR_HEADER}：\n" + "\n".join(_failure(f) for f in failures))

    def _require_cached(self, items: list[PreparedReport]) -> None:
        missing = [i.doc.src_path for i in items if i.facts is None]
        if not missing:
            return
        listed = "\n".join(f"  {path}" for path in missing[:MAX_LISTED])
        more = f"\n  ……等共 {len(missing)} 份" if len(missing) > MAX_LISTED else ""
        raise PluginError(
            f"{PDF_ERROR_HEADER}：PDF 缓存（{_shown(self.cache.dir, self.root)}）中缺少"
            f" {len(missing)} 份报告，不能装订汇编和归档包：\n{listed}{more}\n"
            "    提示：先在每个分片上运行 zongjie pdf render --shard I/N 并共用这个缓存目录，"
            "或运行 zongjie build 在本机渲染全部报告"
        )

    def _publish_reports(self, items: list[PreparedReport]) -> None:
        started = time.perf_counter()
        for item in items:
            _publish(item.entry.final.pdf, self.site / item.doc.pdf_path)
            self.stats.pages += item.cached.pages
            self.stats.report_bytes += item.cached.size
        self.stats.publish_seconds = time.perf_counter() - started

    def _bind(
        self,
        items: list[PreparedReport],
        campaign_pages: dict[str, str],
        tables: dict[str, Table],
    ) -> None:
        started = time.perf_counter()
        by_campaign: dict[str, list[PreparedReport]] = {}
        for item in items:
            # Volumes and archives hold approved reports only, even in an editors' build.
            if item.doc.status == "已审定":
                by_campaign.setdefault(item.doc.campaign_id, []).append(item)
        planned = {
            cid: binding.plan(
                self.setup,
                cid,
                reports,
                self.settings.pdf.part_size,
                campaign_pages.get(cid, ""),
                tables.get(cid),
            )
            for cid, reports in sorted(by_campaign.items())
        }
        todo = {b.job.key: b for bindings in planned.values() for b in bindings if b.facts is None}
        failures: list[JobResult] = []
        for result in run_all(run_bind, [b.job for b in todo.values()], self.workers, _weight):
            done = todo[result.key]
            if result.error or result.facts is None:
                failures.append(result)
                continue
            self.cache.record(result.key, done.kind).record(result.facts, result.label)
            done.facts = result.facts
        if failures:
            raise PluginError(f"{PDF_ERROR_HEADER}：\n" + "\n".join(_failure(f) for f in failures))
        self.stats.bound = len(todo)
        self.stats.fronts_rendered = self.setup.rendered_fronts
        self.stats.bound_cached = sum(map(len, planned.values())) - len(todo)
        self.stats.bind_seconds = time.perf_counter() - started
        started = time.perf_counter()
        info = archive.build_info(self.root)
        for cid, bindings in planned.items():
            for bound in bindings:
                record = self.cache.record(bound.job.key, bound.kind)
                _publish(record.pdf, self.site / bound.site_path)
            reports = by_campaign[cid]
            package = binding.package(self.setup, self.site, cid, reports, bindings, info)
            _publish(package, self.site / binding.archive_site_path(cid))
            self.stats.volumes[cid] = _volume_stats(reports, bindings)
        self.stats.archive_seconds = time.perf_counter() - started


def _weight(job: BindJob) -> int:
    return len(job.pieces)


def _volume_stats(reports: list[PreparedReport], bindings: list[Binding]) -> dict[str, Any]:
    books = [b.facts for b in bindings if b.kind != "index" and b.facts is not None]
    index = next((b.facts for b in bindings if b.kind == "index"), None)
    largest = max(books, key=lambda f: f.size)
    return {
        "reports": len(reports),
        "parts": len(books),
        "pages": sum(f.pages for f in books),
        "bytes": sum(f.size for f in books),
        "largest_part_bytes": largest.size,
        "largest_part_pages": largest.pages,
        "index_pages": index.pages if index else 0,
        "index_bytes": index.size if index else 0,
    }


def _failure(result: JobResult) -> str:
    return f"{result.label}：{result.error.strip().splitlines()[-1] if result.error else ''}"


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _write_stats(path: Path, stats: Stats) -> None:
    """Figures of the last build, for the benchmark and for diagnosing a slow build."""
    atomic.write_text(path, json.dumps(dataclasses.asdict(stats), ensure_ascii=False, indent=1))


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
