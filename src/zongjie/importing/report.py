"""``zongjie import 报告.docx``: one sent report → its narrative and proposed data."""

from __future__ import annotations

from pathlib import Path

from zongjie.authoring.importer import ImportResult, prepare, write
from zongjie.authoring.skeleton import load_campaign
from zongjie.authoring.units import suggest_unit
from zongjie.errors import CommandError


def import_report(
    root: Path,
    source: Path,
    cid: str,
    uid: str | None = None,
    force: bool = False,
    title: str | None = None,
) -> ImportResult:
    """Import one file as the report of ``uid`` (matched from the document when not given)."""
    content = load_campaign(root, cid, uid)
    prepared = prepare(source, content, cid)
    if uid is None:
        if prepared.unit is None:
            line = suggest_unit(source.stem, prepared.title, prepared.converted.signed_by)
            raise CommandError(
                "无法从文档的标题和落款确定是哪个单位的报告",
                path=source.as_posix(),
                hint=f"用 --unit 指定单位 id；新单位先登记：{line.command(cid)}",
            )
        unit = prepared.unit
    else:
        unit = content.units[uid]
    return write(root, prepared, content, cid, unit, force=force, title=title)
