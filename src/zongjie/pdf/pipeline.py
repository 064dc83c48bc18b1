"""The PDF stage of a build, from the collected pages to ``site/pdf/``.

1. **prepare**: each report page becomes print HTML and a content-hash cache key;
2. **render**: reports the cache lacks are laid out in a process pool (all of them, or one
   shard's slice under ``zongjie pdf render``): bare pages for binding and the numbered report;
3. **bind**: with every report cached, the reports are published, each campaign's volume, or its
   parts (分册) and index volume, bound from the bare pages (only those whose content changed:
   every bound PDF is cached by a key over everything in it), and the archive package written.

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
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError

from zongjie import atomic
from zongjie.config import ZongjieConfig
from zongjie.data.content import PDF_DIR
from zongjie.errors import PDF_ERROR_HEADER
from zongjie.framework import plugin_logger
from zongjie.pdf import archive, harfbuzz
from zongjie.pdf import stamps as stamping
from zongjie.pdf.cache import Entry, Facts, PdfCache, digest, engine_signature, file_digest
from zongjie.pdf.document import (
    ReportDoc,
    check_glyphs,
    clean_report,
    clean_tables,
    image_file,
    image_sources,
    split_tables,
)
from zongjie.pdf.fonts import FontSet, load_spec, resolve
from zongjie.pdf.layout import GB9704
from zongjie.pdf.parts import Part, index_site_path, split
from zongjie.pdf.render import (
    BindJob,
    Document,
    JobResult,
    Piece,
    ReportJob,
    run_all,
    run_bind,
    run_report,
)
from zongjie.pdf.shared_fonts import FaceTable, installed_faces
from zongjie.pdf.stages import PdfRun
from zongjie.pdf.xmp import ArchiveFields
from zongjie.site.render import make_environment

log = plugin_logger("zongjie.pdf")

MAX_LISTED = 50  # missing reports named one by one; the rest are counted
REPORT_TEMPLATE = "zongjie/pdf/report.html"
OVERVIEW_ROWS = 500  # rows of the overview laid out at once in an index volume (memory)


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
    bind_seconds: float = 0.0
    archive_seconds: float = 0.0
    total_seconds: float = 0.0
    started: float = 0.0  # time.time() when the stage began and ended: the benchmark's window
    ended: float = 0.0
    volumes: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass
class _Report:
    doc: ReportDoc
    key: str
    entry: Entry
    job: ReportJob | None = None  # while it still has to be rendered by this run
    facts: Facts | None = None  # of its own PDF, once it is in the cache


@dataclass
class _Binding:
    """A PDF bound from cached pages: a campaign's volume, one of its parts, or its index."""

    campaign_id: str
    site_path: str
    archive_name: str
    kind: str  # volume, part, index
    job: BindJob
    meta: dict[str, str | int]
    facts: Facts | None = None


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
        self.env = make_environment(jinja2.FileSystemLoader(theme_dirs))
        self.cache = PdfCache(settings.cache_path(root))
        self.theme_dirs = theme_dirs
        self.stats = Stats(shard=str(run.shard or ""), workers=workers)

    def run(self, reports: Iterable[ReportDoc], campaign_pages: dict[str, str]) -> Stats:
        start = time.perf_counter()
        self.stats.started = time.time()
        self._setup()
        items = self._prepare(reports)
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
                self._bind(items, campaign_pages)
                self.cache.prune_daily()
        else:
            self.cache.prune_daily(reports_only=True)
        self.stats.total_seconds = time.perf_counter() - start
        self.stats.ended = time.time()
        _write_stats(self.cache.dir / "last-build.json", self.stats)
        return self.stats

    # -- setup -------------------------------------------------------------------

    def _setup(self) -> None:
        spec, _ = load_spec(self.theme_dirs)
        self.fonts: FontSet = resolve(spec, self.cache.dir)
        for role in self.fonts.missing_roles:
            r = self.fonts.roles[role]
            log.warning(
                "PDF 字体：“%s”的候选字体都没有安装，暂用 %s；请安装 fonts.yml 中列出的字体",
                r.label,
                r.family,
            )
        if not harfbuzz.available():
            log.info(
                "PDF：未找到 libharfbuzz-subset，字体不再压缩，PDF 约大 3.5 倍"
                "（Debian：apt-get install libharfbuzz-subset0）"
            )
        self.faces: FaceTable = installed_faces(self.fonts.faces)

        self.context = {
            "g": GB9704,
            "fonts": self.fonts.css_vars(),
            "weights": self.fonts.weights(),
            "scales": self.fonts.scales(),
            "generator": _generator(),
        }
        self.css = self.env.get_template("zongjie/pdf/gongwen.css").render(**self.context)
        self.engine = engine_signature()

    def _stamps(self, pages: int) -> Path:
        """The stamp file for up to ``pages`` numbered pages (made in blocks, then cached)."""
        needed = stamping.stamp_pages_needed(pages)
        html = self.env.get_template("zongjie/pdf/stamps.html").render(pages=needed, **self.context)
        path = self.cache.path(f"{digest(self.engine, html, self.fonts.signature)}.stamps.pdf")
        if not path.is_file():
            atomic.write_bytes(path, stamping.render_stamps(html, self.faces))
        return path

    # -- prepare and render --------------------------------------------------------

    def _prepare(self, reports: Iterable[ReportDoc]) -> list[_Report]:
        """Each report's cache key (and, if this run renders it, its print HTML).

        Cleaning a page and checking its glyphs takes milliseconds, too long for thousands of
        unchanged reports, so the result is remembered under a hash of everything it depends
        on: the page, its images' content, the template and the fonts. Its warnings are
        remembered too and logged again on every build (``--strict`` still fails on them)."""
        started = time.perf_counter()
        template = self.env.get_template(REPORT_TEMPLATE)
        stamps = self._stamps(stamping.STAMP_BLOCK)
        assert self.env.loader is not None
        inputs = digest(
            self.engine,
            self.env.loader.get_source(self.env, REPORT_TEMPLATE)[0],
            self.css,
            self.fonts.signature,
            stamps.name,
            str(self.context["generator"]),
        )
        items: list[_Report] = []
        for doc in sorted(reports, key=lambda d: (d.campaign_id, d.position, d.unit_id)):
            memo = self.cache.path(f"{self._page_digest(inputs, doc)}.prepared.json")
            known = _read_memo(memo)
            renders = self.plan.render and (self.plan.shard is None or self.plan.shard.owns(doc))
            if known is not None and not (renders and not self.cache.entry(known[0]).complete()):
                key, doc.title, doc.problems = known
                item = _Report(doc, key, self.cache.entry(key))
            else:
                item = self._prepare_page(doc, template, stamps, renders)
                atomic.write_text(
                    memo,
                    json.dumps([item.key, doc.title, doc.problems], ensure_ascii=False),
                )
            for problem in doc.problems:
                log.warning("%s：PDF：%s", doc.src_path, problem)
            items.append(item)
        self.stats.reports = len(items)
        self.stats.prepare_seconds = time.perf_counter() - started
        return items

    def _page_digest(self, inputs: str, doc: ReportDoc) -> str:
        images = []
        for src in image_sources(doc.content):
            path = image_file(src, doc.page_url, self.site)
            images.append(file_digest(path) if path is not None else f"missing:{src}")
        fields = (doc.campaign_title, doc.unit_name, doc.unit_short, doc.date, doc.date_cn)
        return digest(
            inputs, doc.campaign_id, doc.unit_id, *fields, doc.title, doc.page_url, doc.content,
            *images,
        )  # fmt: skip

    def _prepare_page(
        self, doc: ReportDoc, template: jinja2.Template, stamps: Path, renders: bool
    ) -> _Report:
        body = check_glyphs(doc, clean_report(doc, self.site), self.fonts)
        html = template.render(doc=doc, body=body, generator=self.context["generator"])
        fields = ArchiveFields(
            doc.unit_name, doc.unit_id, doc.campaign_title, doc.campaign_id, doc.date
        )
        # Images are hashed by content; their absolute path (a scratch folder for every build)
        # must not change the key.
        site_uri = self.site.resolve().as_uri() + "/"
        key = digest(
            self.engine,
            html.replace(site_uri, "site:/"),
            self.css,
            self.fonts.signature,
            stamps.name,
            repr(fields),
            *(file_digest(Path(p)) for p in _file_paths(html)),
        )
        entry = self.cache.entry(key)
        item = _Report(doc, key, entry)
        if renders and not entry.complete():
            item.job = ReportJob.of(
                key,
                doc.src_path,
                Document(html, self.css, fields),
                stamps=str(stamps),
                bare=str(entry.bare),
                final=str(entry.final.pdf),
                faces=self.faces,
            )
        return item

    def _render(self, items: list[_Report]) -> None:
        started = time.perf_counter()
        todo = {i.key: i for i in items if i.job is not None}
        jobs = [i.job for i in todo.values() if i.job is not None]
        failures: list[JobResult] = []
        for result in run_all(run_report, jobs, self.workers, weight=lambda j: len(j.page)):
            if result.error or result.facts is None:
                failures.append(result)
                continue
            self.cache.entry(result.key).final.record(result.facts, result.label)
            self.stats.rendered_pages += result.body_pages
            self.stats.job_seconds += result.seconds
            self.stats.cpu_seconds += result.cpu
        for item in todo.values():
            item.job = None  # its HTML is no longer needed
        self.stats.render_seconds = time.perf_counter() - started
        self.stats.rendered = len(jobs) - len(failures)
        if failures:
            raise PluginError(f"{PDF_ERROR_HEADER}：\n" + "\n".join(_failure(f) for f in failures))

    def _require_cached(self, items: list[_Report]) -> None:
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

    def _publish_reports(self, items: list[_Report]) -> None:
        started = time.perf_counter()
        for item in items:
            facts = _facts(item)
            _publish(item.entry.final.pdf, self.site / item.doc.pdf_path)
            self.stats.pages += facts.pages
            self.stats.report_bytes += facts.size
        self.stats.publish_seconds = time.perf_counter() - started

    # -- bind ----------------------------------------------------------------------

    def _bind(self, items: list[_Report], campaign_pages: dict[str, str]) -> None:
        started = time.perf_counter()
        by_campaign: dict[str, list[_Report]] = {}
        for item in items:
            by_campaign.setdefault(item.doc.campaign_id, []).append(item)
        bindings: list[_Binding] = []
        for cid, reports in sorted(by_campaign.items()):
            parts = split(cid, reports, self.settings.pdf.part_size)
            overview = self._overview(campaign_pages.get(cid, ""))
            if len(parts) == 1:
                bindings.append(self._part(parts[0], "".join(overview)))
            else:
                bindings += [self._part(part, "") for part in parts]
                bindings.append(self._index(cid, parts, overview))
        todo = [b for b in bindings if b.facts is None]
        failures: list[JobResult] = []
        by_key = {b.job.key: b for b in todo}
        for result in run_all(run_bind, [b.job for b in todo], self.workers, _weight):
            binding = by_key[result.key]
            if result.error or result.facts is None:
                failures.append(result)
                continue
            self.cache.record(result.key, binding.kind).record(result.facts, result.label)
            binding.facts = result.facts
        if failures:
            raise PluginError(f"{PDF_ERROR_HEADER}：\n" + "\n".join(_failure(f) for f in failures))
        self.stats.bound, self.stats.bound_cached = len(todo), len(bindings) - len(todo)
        self.stats.bind_seconds = time.perf_counter() - started
        started = time.perf_counter()
        info = archive.build_info(self.root)
        for cid, reports in sorted(by_campaign.items()):
            own = [b for b in bindings if b.campaign_id == cid]
            for binding in own:
                record = self.cache.record(binding.job.key, binding.kind)
                _publish(record.pdf, self.site / binding.site_path)
            self._archive(cid, reports, own, info)
            self.stats.volumes[cid] = _volume_stats(reports, own)
        self.stats.archive_seconds = time.perf_counter() - started

    def _front(self, template: str, **values: Any) -> str:
        return self.env.get_template(f"zongjie/pdf/{template}").render(**values, **self.context)

    def _part(self, part: Part[_Report], overview: str) -> _Binding:
        """A campaign's single volume (with the overview), or one of its parts."""
        entries, page = [], 1
        for item in part.items:
            entries.append({"unit": _unit(item.doc), "title": item.doc.title, "page": page})
            page += _facts(item).pages
        first, last = part.items[0].doc, part.items[-1].doc
        title, dates = first.campaign_title, _dates(part.items)
        kind = "volume" if part.single else "part"
        numbering = {"number": part.number, "count": part.count}
        html = self._front(
            "volume.html",
            title=title,
            entries=entries,
            overview=overview if part.single else "",
            part=None if part.single else {**numbering, "first": _unit(first), "last": _unit(last)},
            publisher=title,
            **dates,
        )
        meta: dict[str, str | int] = {"kind": kind, "title": f"{title}工作总结报告汇编"}
        if not part.single:
            meta.update(part=part.number, reports=len(part.items))
            meta.update(first_unit=first.unit_id, last_unit=last.unit_id)
        pieces = [Piece(f"{_unit(i.doc)}　{i.doc.title}", str(i.entry.bare)) for i in part.items]
        label = title if part.single else f"{title} 第{part.number}册"
        return self._binding(
            part.campaign_id, part.site_path, part.archive_name, kind, meta, label,
            html, pieces, page - 1, [i.key for i in part.items], title, dates["date"],
        )  # fmt: skip

    def _overview(self, page: str) -> list[str]:
        """A campaign page's overview tables, in pieces of at most ``OVERVIEW_ROWS`` rows.
        Remembered by the page's hash: parsing a province's overview takes most of a second."""
        memo = self.cache.path(
            f"{digest(self.engine, OVERVIEW_ROWS.to_bytes(4), page)}.overview.json"
        )
        try:
            return [str(chunk) for chunk in json.loads(memo.read_text(encoding="utf-8"))]
        except (OSError, ValueError, TypeError):
            tables = clean_tables(page)
            chunks = split_tables(tables, OVERVIEW_ROWS) if tables else []
            atomic.write_text(memo, json.dumps(chunks, ensure_ascii=False))
            return chunks

    def _index(self, campaign_id: str, parts: list[Part[_Report]], overview: list[str]) -> _Binding:
        """The index volume of a split campaign: every report's part and page, the overview.

        Each part's list and the overview are separate pieces, cached on their own: a report
        whose page count changes lays out its own part's list again, nothing else."""
        everything = [item for part in parts for item in part.items]
        title, dates = everything[0].doc.campaign_title, _dates(everything)
        fields = ArchiveFields("", "", title, campaign_id, dates["date"], "index")
        pieces: list[Piece] = []
        listing: list[dict[str, Any]] = []
        number = 1
        for part in parts:
            entries, page = [], 1
            for item in part.items:
                doc = item.doc
                entries.append({"n": number, "unit": _unit(doc), "title": doc.title, "page": page})
                number, page = number + 1, page + _facts(item).pages
            first, last = _unit(part.items[0].doc), _unit(part.items[-1].doc)
            info = {"number": part.number, "count": part.count, "first": first, "last": last}
            listing.append(
                {**info, "reports": len(part.items), "pages": page - 1, "file": part.archive_name}
            )
            html = self._front("index_part.html", title=title, part=info, entries=entries)
            pieces.append(self._piece(f"第{part.number}册　{first} 至 {last}", html, fields))
        for k, chunk in enumerate(overview, 1):
            html = self._front("overview.html", title=title, overview=chunk, continued=k > 1)
            name = "数据总览" if len(overview) == 1 else f"数据总览 {k}"
            pieces.append(self._piece(name, html, fields))
        html = self._front(
            "index.html",
            title=title,
            parts=listing,
            reports=len(everything),
            part_size=self.settings.pdf.part_size,
            publisher=title,
            **dates,
        )
        # The pieces are laid out in the worker, so their pages are not known here: the stamp
        # file must cover the longest index they could make (rows wrapping included).
        bound = sum(len(p.items) // 8 + 2 for p in parts) + len(everything) // 8 + 10
        meta: dict[str, str | int] = {"kind": "index", "title": f"{title}工作总结报告汇编索引"}
        return self._binding(
            campaign_id, index_site_path(campaign_id), f"{campaign_id}.pdf", "index", meta,
            f"{title} 索引", html, pieces, bound, [], title, dates["date"],
        )  # fmt: skip

    def _piece(self, title: str, html: str, fields: ArchiveFields) -> Piece:
        key = digest(self.engine, html, self.css, self.fonts.signature, repr(fields))
        path = self.cache.path(f"{key}.piece.pdf")
        return Piece(title, str(path), Document(html, self.css, fields))

    def _binding(
        self,
        campaign_id: str,
        site_path: str,
        archive_name: str,
        kind: str,
        meta: dict[str, str | int],
        label: str,
        front: str,
        pieces: list[Piece],
        numbered_pages: int,
        report_keys: list[str],
        title: str,
        date: str,
    ) -> _Binding:
        stamps = self._stamps(numbered_pages)
        fields = ArchiveFields("", "", title, campaign_id, date, kind)
        key = digest(
            self.engine,
            front,
            self.css,
            self.fonts.signature,
            stamps.name,
            repr(fields),
            *(f"{p.title}={Path(p.bare).name}" for p in pieces),  # not where the cache is
            *report_keys,
        )
        record = self.cache.record(key, kind)
        job = BindJob(
            key,
            label,
            self._piece(label, front, fields),
            tuple(pieces),
            str(stamps),
            str(record.pdf),
            self.faces,
        )
        facts = record.facts() if record.complete() else None
        return _Binding(campaign_id, site_path, archive_name, kind, job, meta, facts)

    def _archive(
        self, campaign_id: str, reports: list[_Report], own: list[_Binding], info: archive.BuildInfo
    ) -> None:
        title = reports[0].doc.campaign_title
        members = [
            archive.member(b.archive_name, self.site / b.site_path, b.facts, **b.meta)
            for b in sorted(own, key=lambda b: b.archive_name)
        ]
        for item in reports:
            doc = item.doc
            members.append(
                archive.member(
                    f"reports/{doc.unit_id}.pdf",
                    self.site / doc.pdf_path,
                    _facts(item),
                    kind="report",
                    unit=doc.unit_name,
                    unit_id=doc.unit_id,
                    title=doc.title,
                    date=doc.date,
                )
            )
        generator = _generator()
        key = archive.package_key(campaign_id, members, info, generator)
        path = self.cache.path(f"{key}.archive.zip")
        if not path.is_file():
            archive.write_package(path, campaign_id, title, members, info, generator)
        _publish(path, self.site / f"{PDF_DIR}/{campaign_id}-archive.zip")


def _read_memo(path: Path) -> tuple[str, str, list[str]] | None:
    """(cache key, title, warnings) remembered for a page, or None."""
    try:
        key, title, problems = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return None
    return str(key), str(title), [str(p) for p in problems]


def _facts(item: _Report) -> Facts:
    assert item.facts is not None  # every report is cached before anything is bound
    return item.facts


def _unit(doc: ReportDoc) -> str:
    return doc.unit_short or doc.unit_name


def _dates(items: list[_Report] | tuple[_Report, ...]) -> dict[str, str]:
    """The volume's date: the latest report's (ISO for the metadata, Chinese for the cover)."""
    latest = max(items, key=lambda i: i.doc.date).doc
    return {"date": latest.date, "date_cn": latest.date_cn}


def _weight(job: BindJob) -> int:
    return len(job.pieces)


def _volume_stats(reports: list[_Report], own: list[_Binding]) -> dict[str, Any]:
    books = [b for b in own if b.kind != "index" and b.facts is not None]
    index = next((b.facts for b in own if b.kind == "index"), None)
    largest = max(books, key=lambda b: b.facts.size if b.facts else 0)
    assert largest.facts is not None
    return {
        "reports": len(reports),
        "parts": len(books),
        "pages": sum(b.facts.pages for b in books if b.facts),
        "bytes": sum(b.facts.size for b in books if b.facts),
        "largest_part_bytes": largest.facts.size,
        "largest_part_pages": largest.facts.pages,
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


def _file_paths(html: str) -> list[str]:
    """Local files the print HTML refers to (images resolved by ``document.clean_report``)."""
    import re
    from urllib.parse import unquote, urlsplit

    return sorted({unquote(urlsplit(m).path) for m in re.findall(r'src="(file:[^"]+)"', html)})


def _generator() -> str:
    try:
        own = version("zongjie")
    except PackageNotFoundError:
        own = "dev"
    return f"zongjie {own} (WeasyPrint {version('weasyprint')})"
