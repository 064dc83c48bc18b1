"""``zongjie verify``: check archive packages against their SHA-256 manifest."""

from __future__ import annotations

import argparse

from zongjie.pdf.verify import verify


def run(args: argparse.Namespace) -> int:
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
