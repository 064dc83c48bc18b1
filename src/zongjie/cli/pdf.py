"""``zongjie pdf render --shard I/N`` and ``zongjie pdf bind``: the PDF stage over CI runners."""

from __future__ import annotations

import argparse
from pathlib import Path

from zongjie.cli.arguments import add_config_file, add_quiet

HELP = "分片渲染 PDF、从缓存装订汇编（在多台 CI 机器上生成 PDF）"


def add_arguments(p: argparse.ArgumentParser) -> None:
    stages = p.add_subparsers(dest="pdf_command", required=True, metavar="步骤")
    q = stages.add_parser("render", help="构建站点并把第 I 片（共 N 片）报告的 PDF 渲染进缓存")
    q.add_argument(
        "--shard", default="1/1", metavar="I/N", help="第几片/共几片，如 2/4（默认 1/1：全部）"
    )
    q = stages.add_parser("bind", help="用缓存中的 PDF 装订分册和归档包并构建站点（缺少时报错）")
    q.add_argument(
        "-d", "--site-dir", type=Path, help="输出目录（默认为 mkdocs.yml 中的 site_dir）"
    )
    q.add_argument("--strict", action="store_true", help="警告也视为错误")
    for q in stages.choices.values():
        add_config_file(q)
        add_quiet(q)


def run(args: argparse.Namespace) -> int:
    from zongjie.framework import count_warnings
    from zongjie.pdf.stages import Shard, bind_site, render_shard

    if args.pdf_command == "render":
        shard = Shard.parse(args.shard)
        stats = render_shard(args.config_file, shard)
        print(
            f"PDF 分片 {shard}：全部 {stats.reports} 份报告中，本分片新渲染 {stats.rendered} 份"
            f"（{stats.rendered_pages} 页，{stats.render_seconds:.1f} 秒），"
            f"其余 {stats.cached} 份已在缓存中，{stats.missing} 份由其他分片渲染"
        )
        return 0
    with count_warnings() as warnings:
        target, stats = bind_site(args.config_file, args.site_dir, args.strict)
    parts = sum(v["parts"] for v in stats.volumes.values())
    print(
        f"站点已生成：{target}（{warnings.count} 个警告）；PDF：{stats.reports} 份报告，"
        f"{len(stats.volumes)} 个活动共 {parts} 册，本次装订 {stats.bound} 个文件"
    )
    return 0
