"""``zongjie publish`` (``make publish``): release folders, atomic switch, rollback, nginx.conf."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from zongjie.cli.arguments import add_config_file, add_quiet, positive

if TYPE_CHECKING:
    from zongjie.publish.publisher import Outcome
    from zongjie.publish.release import Destination

HELP = "发布到 nginx 的站点目录：新版本目录 + 原子切换，可回滚；写出 nginx.conf"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dest", type=Path, required=True, help="发布目录，如 /srv/zongjie")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--site", type=Path, help="发布已构建好的站点目录（默认先构建）")
    what.add_argument("--rollback", action="store_true", help="切换回上一个版本（不构建）")
    what.add_argument("--switch", metavar="版本", help="切换到保留的某个版本（不构建）")
    what.add_argument("--list", action="store_true", help="列出保留的版本")
    p.add_argument("--keep", type=positive, help="保留的版本数（默认 5，见 publish.keep）")
    add_config_file(p)
    p.add_argument("--strict", action="store_true", help="构建时警告也视为错误")
    add_quiet(p)


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def _list(dest: Destination) -> int:
    releases = dest.releases()
    current = dest.current()
    if not releases:
        print(f"{dest.root} 中还没有发布过的版本")
        return 0
    for r in reversed(releases):
        mark = "→" if r.name == current else " "
        print(f"{mark} {r.name}  {r.created:%Y-%m-%d %H:%M:%S}  {r.files} 个文件  来源：{r.source}")
    return 0


def _summary(outcome: Outcome, switched_by: str) -> None:
    dest, release = outcome.dest, outcome.release
    if switched_by == "publish":
        c = outcome.compress
        print(f"已发布 {release.name}：{release.files} 个文件，{release.linked} 个与上一版相同")
        if c.original_bytes:
            size = f"{_mb(c.original_bytes)} → gzip {_mb(c.gzip_bytes)}"
            line = f"预压缩 {c.compressed} 个文本文件：{size}"
            if c.brotli_bytes:
                line += f"，brotli {_mb(c.brotli_bytes)}"
            print(line)
    elif outcome.previous == release.name:
        print(f"{release.name} 已经是当前版本")
        return
    else:
        print(f"已切换到版本 {release.name}（原为 {outcome.previous}）")
    print(f"当前版本：{dest.current_link} → {release.name}")
    if outcome.removed:
        print("删除了较早的版本：" + "、".join(outcome.removed))
    conf = dest.root / "nginx.conf"
    if outcome.first:
        print(
            f"nginx 配置已写入 {conf}。首次发布：请在 nginx 中引用它并重新加载"
            "（sudo ln -s … /etc/nginx/sites-enabled/ && sudo nginx -t && "
            "sudo systemctl reload nginx，见写作指南“部署”）"
        )
    elif outcome.reloaded:
        print(f"nginx 配置已更新并重新加载：{conf}")
    elif outcome.conf_changed:
        print(f"nginx 配置已更新（正在运行的配置已能服务新版本，下次重新加载时生效）：{conf}")


def run(args: argparse.Namespace) -> int:
    from zongjie.framework import count_warnings
    from zongjie.publish.publisher import load_project, publish, rollback
    from zongjie.publish.release import Destination

    dest = Destination(args.dest)
    if args.list:
        return _list(dest)
    project = load_project(args.config_file)
    if args.rollback or args.switch:
        _summary(rollback(project, args.dest, args.switch), "rollback")
        return 0
    with count_warnings() as warnings:
        outcome = publish(project, args.dest, site=args.site, keep=args.keep, strict=args.strict)
    _summary(outcome, "publish")
    if warnings.count:
        print(f"（{warnings.count} 个警告，见上文）")
    return 0
