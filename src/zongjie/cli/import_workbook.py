"""``zongjie import 填报表.xlsx``: what the import of a filled-in workbook prints."""

from __future__ import annotations

import argparse
import sys

from zongjie.cli import show_written
from zongjie.errors import ContentError
from zongjie.importing.workbook import import_workbook


def import_xlsx(args: argparse.Namespace) -> int:
    if args.title:
        print("警告：--title 只用于 Word 报告；填报表的标题取自“基本信息”表", file=sys.stderr)
    try:
        result = import_workbook(args.root, args.source, args.campaign, args.unit, args.force)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        print("填报表有误，没有写入任何文件。改正后重新导入。", file=sys.stderr)
        return 1
    show_written(result.files, args.root)
    for warning in result.warnings:
        print(warning.format(), file=sys.stderr)
    print(
        f"共 {len(result.unconfirmed)} 项数据待核实（{'、'.join(result.unconfirmed)}）："
        "核对后从数据文件末尾的“待核实”列表中删除对应项；zongjie check 会一直提示，直到全部核实",
        file=sys.stderr,
    )
    return 0
