"""``zongjie verify``: check archive packages against their SHA-256 manifest."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "校验归档包（site/pdf/<活动id>-archive.zip）的 SHA-256 清单"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("packages", nargs="+", type=Path, help="归档包（zip 或解压后的文件夹）")


def run(args: argparse.Namespace) -> int:
    from zongjie.pdf.verify import verify

    status = 0
    for package in args.packages:
        problems = verify(package)
        if problems:
            status = 1
            print(f"{package}：校验失败")
            for problem in problems:
                print(f"  {problem}")
        else:
            print(f"{package}：校验通过")
    return status
