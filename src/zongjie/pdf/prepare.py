"""From a built report page to its cache key, and its print HTML when it must be rendered.

Cleaning a page and checking its glyphs takes milliseconds, too long for thousands of
unchanged reports in every build, so the outcome is remembered under a hash of everything it
depends on: the page, its images' content, the template and the fonts. The page's warnings
(a missing image, a character the 公文 fonts lack) are remembered too and logged again on every
build, so ``--strict`` still fails on them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import jinja2

from zongjie import atomic
from zongjie.framework import plugin_logger
from zongjie.pdf import stamps as stamping
from zongjie.pdf.cache import Entry, Facts, digest, file_digest
from zongjie.pdf.document import (
    SITE_SCHEME,
    ReportDoc,
    check_glyphs,
    clean_report,
    image_file,
    image_sources,
)
from zongjie.pdf.render import Document, ReportJob
from zongjie.pdf.setup import PdfSetup
from zongjie.pdf.xmp import ArchiveFields

log = plugin_logger("zongjie.pdf")

TEMPLATE = "zongjie/pdf/report.html"


@dataclass
class PreparedReport:
    doc: ReportDoc
    key: str
    entry: Entry
    job: ReportJob | None = None  # while it still has to be rendered by this build
    facts: Facts | None = None  # of its own PDF, once it is in the cache

    @property
    def cached(self) -> Facts:
        assert self.facts is not None  # every report is cached before anything is bound
        return self.facts


def prepare(
    setup: PdfSetup, site: Path, reports: Iterable[ReportDoc], renders: Callable[[ReportDoc], bool]
) -> list[PreparedReport]:
    """Every report in volume order (campaign, then the overview's order), with a render job
    for those the cache lacks and ``renders`` accepts."""
    template = setup.env.get_template(TEMPLATE)
    stamps = setup.stamps(stamping.STAMP_BLOCK)
    assert setup.env.loader is not None
    inputs = digest(
        setup.engine,
        setup.env.loader.get_source(setup.env, TEMPLATE)[0],
        setup.css,
        setup.fonts.signature,
        stamps.name,
        str(setup.context["generator"]),
    )
    items: list[PreparedReport] = []
    for doc in sorted(reports, key=lambda d: (d.campaign_id, d.position, d.unit_id)):
        memo = setup.cache.path(f"{_page_digest(inputs, doc, site)}.prepared.json")
        known = _read_memo(memo)
        wanted = renders(doc)
        if known is not None and not (wanted and not setup.cache.entry(known[0]).complete()):
            key, doc.title, doc.problems = known
            item = PreparedReport(doc, key, setup.cache.entry(key))
        else:
            item = _prepare_page(setup, site, doc, template, stamps, wanted)
            atomic.write_text(
                memo, json.dumps([item.key, doc.title, doc.problems], ensure_ascii=False)
            )
        for problem in doc.problems:
            log.warning("%s：PDF：%s", doc.src_path, problem)
        items.append(item)
    return items


def _page_digest(inputs: str, doc: ReportDoc, site: Path) -> str:
    images = []
    for src in image_sources(doc.content):
        path = image_file(src, doc.page_url, site)
        images.append(file_digest(path) if path is not None else f"missing:{src}")
    fields = (doc.campaign_title, doc.unit_name, doc.unit_short, doc.date, doc.date_cn)
    return digest(
        inputs, doc.campaign_id, doc.unit_id, *fields, doc.title, doc.page_url, doc.content,
        *images,
    )  # fmt: skip


def _prepare_page(
    setup: PdfSetup,
    site: Path,
    doc: ReportDoc,
    template: jinja2.Template,
    stamps: Path,
    wanted: bool,
) -> PreparedReport:
    body = check_glyphs(doc, clean_report(doc, site), setup.fonts)
    html = template.render(doc=doc, body=body, **setup.context)
    fields = ArchiveFields(
        doc.unit_name,
        doc.unit_id,
        doc.campaign_title,
        doc.campaign_id,
        doc.date,
        status=doc.status,
        reviewed_by=doc.reviewed_by,
        reviewed_on=doc.reviewed_on,
        review_chain=doc.review_chain,
    )
    # Images are named by their path in the site (document.SITE_SCHEME) and hashed by content.
    key = digest(
        setup.engine,
        html,
        setup.css,
        setup.fonts.signature,
        stamps.name,
        repr(fields),
        *(file_digest(site / p) for p in _site_files(html)),
    )
    entry = setup.cache.entry(key)
    item = PreparedReport(doc, key, entry)
    if wanted and not entry.complete():
        item.job = ReportJob.of(
            key,
            doc.src_path,
            Document(html, setup.css, fields, str(site.resolve())),
            stamps=str(stamps),
            bare=str(entry.bare),
            final=str(entry.final.pdf),
            faces=setup.faces,
        )
    return item


def _read_memo(path: Path) -> tuple[str, str, list[str]] | None:
    """(cache key, title, warnings) remembered for a page, or None."""
    try:
        key, title, problems = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return None
    return str(key), str(title), [str(p) for p in problems]


def _site_files(html: str) -> list[str]:
    """Files of the site the print HTML shows (images resolved by ``document.clean_report``)."""
    found = re.findall(rf'src="{re.escape(SITE_SCHEME)}([^"]+)"', html)
    return sorted({unquote(path) for path in found})
