"""``zongjie import``: Word/WPS/text reports → Markdown narratives and proposed data (待核实);
a filled-in workbook (.xlsx, from ``zongjie template``) → the report's data (待核实).

A file imports one report; a folder imports every report in it and prints a table
file → unit → facts proposed → 待核实. The exit status is 1 when any file failed.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from zongjie.cli import show_written
from zongjie.cli.arguments import add_root
from zongjie.data.yamlfile import relpath
from zongjie.errors import CommandError
from zongjie.templating import render

if TYPE_CHECKING:
    from zongjie.importing.folder import FolderResult

HELP = "导入 Word/WPS/文本报告、整个文件夹或填好的填报表（.xlsx），数据标为待核实"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "source",
        type=Path,
        help="报告文件（.docx、.doc、.wps、.txt）、zongjie template 生成的填报表（.xlsx），"
        "或存放报告的文件夹（逐个导入其中全部报告）",
    )
    p.add_argument("--campaign", required=True, help="活动 id")
    p.add_argument("--unit", help="单位 id（默认从报告标题和落款识别）")
    p.add_argument("--title", help="报告标题（默认取文档第一行）")
    add_root(p)
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def table(rows: list[list[str]]) -> list[str]:
    """Rows as aligned columns, counting a Chinese character as two columns."""
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]


def _folder(args: argparse.Namespace) -> int:
    from zongjie.importing.folder import import_folder

    result: FolderResult = import_folder(args.root, args.source, args.campaign, force=args.force)
    rows = [["文件", "单位", "提出数值", "待核实", "未归类数字", "结果"]]
    for o in result.outcomes:
        name = relpath(o.path, result.folder)
        if o.suggestion is not None:
            rows.append([name, "（未登记）", "", "", "", "未导入：单位未登记"])
        elif o.error:
            rows.append([name, o.unit or "—", "", "", "", "未导入"])
        else:
            counts = [str(o.proposed), str(o.unconfirmed), str(o.unclassified)]
            rows.append([name, o.unit, *counts, "已导入"])
    print("\n".join(table(rows)))
    for o in result.outcomes:
        for warning in o.warnings:
            print(f"警告：{relpath(o.path, result.folder)}：{warning}", file=sys.stderr)
    unknown = [o for o in result.outcomes if o.suggestion is not None]
    if unknown:
        print(
            "\n以下报告的单位未在 data/units.yml 中登记（核对名称、类型和 id 后运行，再重新导入）："
        )
        for o in unknown:
            assert o.suggestion is not None
            print(f"  {relpath(o.path, result.folder)}：")
            print(f"    {o.suggestion.command(args.campaign)}")
    for o in result.outcomes:
        if o.error:
            print(f"\n{relpath(o.path, result.folder)}：{o.error}", file=sys.stderr)
    done = sum(o.ok for o in result.outcomes)
    print(
        f"\n共 {len(result.outcomes)} 个文件，导入 {done} 个，未导入 {len(result.failed)} 个。"
        "导入的数值都标为“待核实”：对照原文核实后从各数据文件末尾的“待核实”列表中删除；"
        "zongjie check 会一直提示，直到全部核实"
    )
    return 1 if result.failed else 0


def run(args: argparse.Namespace) -> int:
    from zongjie.cli.import_workbook import import_xlsx
    from zongjie.importing.report import import_report

    if args.source.suffix.lower() == ".xlsx":
        return import_xlsx(args)
    if args.source.is_dir():
        if args.unit or args.title:
            raise CommandError(
                "导入文件夹时不能指定 --unit 或 --title", hint="单位从每份报告的标题和落款识别"
            )
        return _folder(args)
    result = import_report(
        args.root, args.source, args.campaign, args.unit, force=args.force, title=args.title
    )
    show_written(result.files, args.root)
    print(f"识别出 {len(result.headings)} 个标题，提出 {result.facts.count()} 个数值")
    print(render("import/numbers.txt.j2", numbers=result.prepared.numbers), end="")
    for warning in result.warnings:
        print(f"警告：{warning}", file=sys.stderr)
    pending = result.facts.unconfirmed()
    if pending:
        print(
            f"共 {len(pending)} 处数值待核实：对照原文核实后从数据文件末尾的“待核实”列表中"
            "删除对应项；zongjie check 会一直提示，直到全部核实",
            file=sys.stderr,
        )
    return 0
