"""What a campaign is bound into: its volume, or its parts (分册) and index volume; its archive.

Each bound PDF is planned here as a :class:`Binding`: the job that binds it (front matter and
cached pieces, ``render.run_bind``) and a cache key over everything in it, so only a PDF whose
content changed is bound again. Front matter and the pieces of an index volume (each part's
list of reports and pages, the overview in slices) are cached on their own: a report whose
page count changes lays out its own part's list again, nothing else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zongjie import atomic
from zongjie import layout as paths
from zongjie.data.tables import Table
from zongjie.pdf import archive
from zongjie.pdf.cache import Facts, digest
from zongjie.pdf.document import ReportDoc, page_charts, split_tables
from zongjie.pdf.parts import Part, index_site_path, split
from zongjie.pdf.prepare import PreparedReport
from zongjie.pdf.render import BindJob, Piece
from zongjie.pdf.setup import PdfSetup, generator
from zongjie.pdf.xmp import ArchiveFields

OVERVIEW_ROWS = 500  # rows of the overview laid out at once in an index volume (memory)
OVERVIEW_FORMAT = "tree-table+charts"  # what the remembered overview holds


@dataclass
class Binding:
    """A PDF bound from cached pages: a campaign's volume, one of its parts, or its index."""

    campaign_id: str
    site_path: str
    archive_name: str
    kind: str  # volume, part, index
    job: BindJob
    meta: dict[str, str | int]  # for the archive manifest
    facts: Facts | None = None  # once it is in the cache


def plan(
    setup: PdfSetup,
    campaign_id: str,
    reports: list[PreparedReport],
    part_size: int,
    page: str,
    table: Table | None,
) -> list[Binding]:
    """The bound PDFs of a campaign whose reports (in tree order) are all cached; ``table`` is
    the campaign's overview, which the volume shows with the charts of its page ``page``."""
    parts = split(campaign_id, reports, part_size, [r.doc.orgs for r in reports])
    overview = _overview(setup, page, table)
    if len(parts) == 1:
        return [_part(setup, parts[0], "".join(overview))]
    return [*(_part(setup, part, "") for part in parts), _index(setup, parts, overview, part_size)]


def package(
    setup: PdfSetup,
    site: Path,
    campaign_id: str,
    reports: list[PreparedReport],
    bindings: list[Binding],
    info: archive.BuildInfo,
) -> Path:
    """The campaign's archive package (cached), from the published PDFs and their records."""
    members = [
        archive.member(b.archive_name, site / b.site_path, b.facts, **b.meta)
        for b in sorted(bindings, key=lambda b: b.archive_name)
    ]
    for item in reports:
        doc = item.doc
        members.append(
            archive.member(
                f"reports/{doc.unit_id}.pdf",
                site / doc.pdf_path,
                item.cached,
                kind="report",
                unit=doc.unit_name,
                unit_id=doc.unit_id,
                title=doc.title,
                date=doc.date,
                status=doc.status,
                reviewed_by=doc.reviewed_by,
                reviewed_on=doc.reviewed_on,
                review_chain=doc.review_chain,
            )
        )
    made_by = generator()
    key = archive.package_key(campaign_id, members, info, made_by)
    path = setup.cache.path(f"{key}.archive.zip")
    if not path.is_file():
        title = reports[0].doc.campaign_title
        archive.write_package(path, campaign_id, title, members, info, made_by)
    return path


def archive_site_path(campaign_id: str) -> str:
    return paths.campaign_archive(campaign_id)


def _part(setup: PdfSetup, part: Part[PreparedReport], overview: str) -> Binding:
    """A campaign's single volume (with the overview), or one of its parts."""
    entries, page = [], 1
    for item in part.items:
        doc = item.doc
        entries.append(
            {"unit": _unit(doc), "name": doc.unit_name, "title": doc.title, "page": page}
        )
        page += item.cached.pages
    first, last = part.items[0].doc, part.items[-1].doc
    title, dates = first.campaign_title, _dates(part.items)
    kind = "volume" if part.single else "part"
    numbering = {"number": part.number, "count": part.count}
    html = setup.render_memo(
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
    fields = ArchiveFields("", "", title, part.campaign_id, dates["date"], kind)
    label = title if part.single else f"{title} 第{part.number}册"
    target = (part.campaign_id, part.site_path, part.archive_name, kind, meta)
    return _binding(setup, target, label, html, fields, pieces, page - 1, part.items)


def _index(
    setup: PdfSetup, parts: list[Part[PreparedReport]], overview: list[str], part_size: int
) -> Binding:
    """The index volume of a split campaign: every report's part and page, the overview."""
    campaign_id = parts[0].campaign_id
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
            number, page = number + 1, page + item.cached.pages
        first, last = _unit(part.items[0].doc), _unit(part.items[-1].doc)
        info = {"number": part.number, "count": part.count, "first": first, "last": last}
        listing.append(
            {**info, "reports": len(part.items), "pages": page - 1, "file": part.archive_name}
        )
        html = setup.render_memo("index_part.html", title=title, part=info, entries=entries)
        pieces.append(setup.piece(f"第{part.number}册　{first} 至 {last}", html, fields))
    for k, chunk in enumerate(overview, 1):
        html = setup.render_memo("overview.html", title=title, overview=chunk, continued=k > 1)
        name = "数据总览" if len(overview) == 1 else f"数据总览 {k}"
        pieces.append(setup.piece(name, html, fields))
    html = setup.render_memo(
        "index.html",
        title=title,
        parts=listing,
        reports=len(everything),
        part_size=part_size,
        publisher=title,
        **dates,
    )
    # The pieces are laid out in the worker, so their pages are not known here: the stamp file
    # must cover the longest index they could make (rows wrapping included).
    bound = sum(len(p.items) // 8 + 2 for p in parts) + len(everything) // 8 + 10
    meta: dict[str, str | int] = {"kind": "index", "title": f"{title}工作总结报告汇编索引"}
    target = (campaign_id, index_site_path(campaign_id), f"{campaign_id}.pdf", "index", meta)
    return _binding(setup, target, f"{title} 索引", html, fields, pieces, bound, ())


def _binding(
    setup: PdfSetup,
    target: tuple[str, str, str, str, dict[str, str | int]],
    label: str,
    front: str,
    fields: ArchiveFields,
    pieces: list[Piece],
    numbered_pages: int,
    reports: tuple[PreparedReport, ...],
) -> Binding:
    campaign_id, site_path, archive_name, kind, meta = target
    stamps = setup.stamps(numbered_pages)
    key = digest(
        setup.engine,
        front,
        setup.css,
        setup.fonts.signature,
        stamps.name,
        repr(fields),
        *(f"{p.title}={Path(p.bare).name}" for p in pieces),  # not where the cache is
        *(item.key for item in reports),
    )
    record = setup.cache.record(key, kind)
    job = BindJob(
        key,
        label,
        setup.piece(label, front, fields),
        tuple(pieces),
        str(stamps),
        str(record.pdf),
        setup.faces,
    )
    facts = record.facts() if record.complete() else None
    return Binding(campaign_id, site_path, archive_name, kind, job, meta, facts)


def _overview(setup: PdfSetup, page: str, table: Table | None) -> list[str]:
    """A campaign's overview table and its page's charts, in slices of at most
    ``OVERVIEW_ROWS`` rows. Remembered by their hash: a province's overview takes most of a
    second to cut."""
    tables = setup.render("overview_table.html", table=table) if table and table.rows else ""
    key = digest(setup.engine, OVERVIEW_FORMAT, str(OVERVIEW_ROWS), tables, page)
    memo = setup.cache.path(f"{key}.overview.json")
    try:
        return [str(chunk) for chunk in json.loads(memo.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        content = tables + page_charts(page)
        chunks = split_tables(content, OVERVIEW_ROWS) if content else []
        atomic.write_text(memo, json.dumps(chunks, ensure_ascii=False))
        return chunks


def _unit(doc: ReportDoc) -> str:
    return doc.unit_short or doc.unit_name


def _dates(items: list[PreparedReport] | tuple[PreparedReport, ...]) -> dict[str, str]:
    """The volume's date: the latest report's (ISO for the metadata, Chinese for the cover)."""
    latest = max(items, key=lambda i: i.doc.date).doc
    return {"date": latest.date, "date_cn": latest.date_cn}
