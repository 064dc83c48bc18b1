"""``zongjie import`` of one report: read it, find its structure and facts, write two files.

:func:`prepare` does everything but writing, so the folder import can match the unit and
report every file before any is written; :func:`write` renders the narrative and the YAML
(every proposed value flagged ``待核实``) atomically.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from zongjie import atomic
from zongjie.authoring.blocks import Block
from zongjie.authoring.facts import Facts
from zongjie.authoring.numbers import NumberAudit, audit
from zongjie.authoring.prose_facts import prose_facts
from zongjie.authoring.skeleton import report_paths, where_lines
from zongjie.authoring.sources import read_source
from zongjie.authoring.structure import Converted, convert
from zongjie.authoring.table_facts import TableFacts, read_table
from zongjie.authoring.table_prose import table_activities
from zongjie.authoring.units import match_unit
from zongjie.data.content import Content
from zongjie.data.defaults import report_date, report_title
from zongjie.data.models import Campaign, Unit
from zongjie.data.yamlfile import relpath
from zongjie.errors import CommandError
from zongjie.templating import render


@dataclass
class Prepared:
    source: Path
    converted: Converted
    facts: Facts
    unit: Unit | None
    warnings: list[str] = field(default_factory=list)
    numbers: NumberAudit = field(default_factory=lambda: NumberAudit([], []))
    """Every number of the source: those the facts use, and the rest listed for the editor."""

    @property
    def title(self) -> str | None:
        return self.converted.title


@dataclass
class ImportResult:
    files: list[Path]
    prepared: Prepared

    @property
    def headings(self) -> list[str]:
        return self.prepared.converted.headings

    @property
    def facts(self) -> Facts:
        return self.prepared.facts

    @property
    def warnings(self) -> list[str]:
        return self.prepared.warnings


def _tables(blocks: list[Block]) -> dict[int, TableFacts]:
    found = {}
    for i, block in enumerate(blocks):
        if block.kind == "table":
            before = blocks[i - 1].plain if i and blocks[i - 1].kind != "table" else ""
            table = read_table(block.rows, before)
            if table is not None:
                found[i] = table
    return found


def _merge_tables(
    blocks: list[Block], tables: dict[int, TableFacts], facts: Facts, warnings: list[str]
) -> list[Block]:
    """Table lists into ``facts``; each table that became data leaves its marker behind."""
    out = list(blocks)
    marked: set[str] = set()
    for i, table in tables.items():
        if table.kind == "shishi":
            stated = facts.shishi.count
            if stated is not None and stated.number > len(table.shishi):
                warnings.append(
                    f"办实事表格只列出 {len(table.shishi)} 项，少于正文所说的 {stated.value} 件："
                    "表格保留在正文中，数据按正文的总数和状态填写；补全清单后可改用 shishi 列表"
                )
                continue
            facts.shishi.items += table.shishi
            facts.shishi.count, facts.shishi.status = None, {}
        else:
            for group in table.groups:
                # the prose often announces the table's own problems: keep one copy
                facts.rectification = [
                    g
                    for g in facts.rectification
                    if not (
                        g.count
                        and g.count.number == len(group.items)
                        and (g.source in group.source or group.source in g.source)
                    )
                ]
            facts.rectification += table.groups
            if table.shishi_counts is not None and not facts.shishi.items:
                facts.shishi.count = table.shishi_counts.count
                facts.shishi.status = table.shishi_counts.status
        out[i] = Block("marker", table.kind) if table.kind not in marked else Block("p", "")
        marked.add(table.kind)
    return [b for b in out if b.kind != "p" or b.text]


def prepare(source: Path, content: Content, cid: str) -> Prepared:
    """Read ``source`` and propose its facts for campaign ``cid``; nothing is written."""
    read = read_source(source)
    if not read.blocks:
        raise CommandError("文档中没有正文", path=source.as_posix(), hint="检查是否选错了文件")
    campaign = content.campaigns[cid].campaign
    warnings = list(read.warnings)
    first = convert(read.blocks)
    facts = prose_facts(first.paragraphs, campaign)
    tables = _tables(read.blocks)
    for i, block in enumerate(read.blocks):
        if block.kind == "table" and i not in tables:
            table_activities(block.rows, campaign, facts)
    blocks = _merge_tables(read.blocks, tables, facts, warnings)
    converted = dataclasses.replace(convert(blocks), paragraphs=first.paragraphs)
    if converted.date and converted.date not in campaign.period:
        warnings.append(f"落款日期 {converted.date} 不在活动期间内，未采用")
    elif converted.date:
        facts.date = converted.date
    facts.signed_by = converted.signed_by
    unit = match_unit(content.units, converted.title, converted.signed_by)
    numbers = audit(read.blocks, facts, campaign.period)
    return Prepared(source, converted, facts, unit, warnings, numbers)


def write(
    root: Path,
    prepared: Prepared,
    content: Content,
    cid: str,
    unit: Unit,
    *,
    force: bool = False,
    title: str | None = None,
) -> ImportResult:
    """Write the narrative and the YAML of ``prepared`` as ``unit``'s report."""
    data_path, page_path = report_paths(root, cid, unit.id)
    for path in (data_path, page_path):
        if path.exists() and not force:
            raise CommandError(
                f"文件已存在：{relpath(path, root)}", hint="确认要覆盖时加上 --force"
            )
    campaign: Campaign = content.campaigns[cid].campaign
    title = title or prepared.title or report_title(unit.name, campaign)
    facts = prepared.facts
    yml = render(
        "import/report.yml.j2",
        campaign=campaign,
        unit=unit,
        title=title,
        facts=facts,
        date=report_date(campaign),
        date_text=prepared.converted.date_text,
        where=where_lines(campaign),
        unconfirmed=facts.unconfirmed(),
        page=relpath(page_path, root),
        source=prepared.source.name,
        numbers=prepared.numbers,
    )
    md = render("import/report.md.j2", title=title, body=prepared.converted.body)
    atomic.write_text(data_path, yml)
    atomic.write_text(page_path, md)
    return ImportResult([page_path, data_path], prepared)
