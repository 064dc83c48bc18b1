"""Arguments several verbs share, and the value types of the command line."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path


def add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-C", "--root", type=Path, default=Path("."), help="项目根目录（mkdocs.yml 所在目录）"
    )


def add_config_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml 路径"
    )


def add_report(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("report", metavar="活动id/单位id", help="如 dangshi-2021/shi-wenlian")


def add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")


def add_quiet(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", help="只输出警告和错误")


def date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期“{text}”格式不对，应为 YYYY-MM-DD，如 2024-06-30"
        ) from None


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"“{text}”应为正整数，如 5")
    return int(text)


def add_today(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today",
        type=date,
        default=None,
        metavar="YYYY-MM-DD",
        help="按这一天计算逾期天数（默认今天）",
    )
