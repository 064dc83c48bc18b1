"""``zongjie import``: a Word or text report → Markdown narrative and proposed data (待核实);
a filled-in workbook (.xlsx, from ``zongjie template``) → the report's data (待核实)."""

from __future__ import annotations

import argparse
import sys

from zongjie.authoring.word import import_report
from zongjie.cli import show_written
from zongjie.cli.import_workbook import import_xlsx


def run(args: argparse.Namespace) -> int:
    if args.source.suffix.lower() == ".xlsx":
        return import_xlsx(args)
    result = import_report(
        args.root, args.source, args.campaign, args.unit, force=args.force, title=args.title
    )
    show_written(result.files, args.root)
    print(f"识别出 {len(result.headings)} 个标题")
    facts = [*result.facts.activities, *result.facts.shishi, *result.facts.metrics]
    for st in facts:
        print(f"  待核实：{st.metric.label} {st.value}{st.metric.measure}（原文：{st.clause}）")
    for warning in result.warnings:
        print(f"警告：{warning}", file=sys.stderr)
    if facts:
        print(
            f"共 {len(facts)} 个数值待核实：核实后从数据文件末尾的“待核实”列表中删除对应项；"
            "zongjie check 会一直提示，直到全部核实",
            file=sys.stderr,
        )
    return 0
