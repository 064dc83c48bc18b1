"""``zongjie pdf render --shard I/N`` and ``zongjie pdf bind``: the PDF stage over CI runners."""

from __future__ import annotations

import argparse

from zongjie.framework import count_warnings
from zongjie.pdf.stages import Shard, bind_site, render_shard


def run(args: argparse.Namespace) -> int:
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
