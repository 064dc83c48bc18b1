"""``zongjie`` command line: the argparse layer. The logic of each verb is in its own module."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from mkdocs.exceptions import MkDocsException

from zongjie import framework
from zongjie.cli.messages import ChineseLog, ChineseParser, abort_message
from zongjie.errors import REPORTED_HEADERS, ContentError

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _parser() -> argparse.ArgumentParser:
    parser = ChineseParser(
        prog="zongjie", description="学习教育总结报告站点工具：校验数据、构建站点、生成示例内容。"
    )
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="命令", title="命令", parser_class=ChineseParser
    )
    for name, module in COMMANDS.items():
        verb = importlib.import_module(module)
        verb.add_arguments(sub.add_parser(name, help=verb.HELP))
    return parser


def _skip_content_errors(record: logging.LogRecord) -> bool:
    """MkDocs logs a failed build's error itself; the CLI prints ours once, in full."""
    return not str(record.msg).startswith(REPORTED_HEADERS)


COMMANDS = {
    "build": "zongjie.cli.build",
    "check": "zongjie.cli.check",
    "new": "zongjie.cli.new",
    "import": "zongjie.cli.import_report",
    "template": "zongjie.cli.template",
    "stats": "zongjie.cli.stats",
    "submit": "zongjie.cli.submit",
    "return": "zongjie.cli.return_report",
    "approve": "zongjie.cli.approve",
    "history": "zongjie.cli.history",
    "review": "zongjie.cli.review",
    "remind": "zongjie.cli.remind",
    "demo": "zongjie.cli.demo",
    "schema": "zongjie.cli.schema",
    "verify": "zongjie.cli.verify",
    "publish": "zongjie.cli.publish",
    "pdf": "zongjie.cli.pdf",
}
"""The module behind each verb, in the order ``zongjie --help`` lists them. Each has ``HELP``,
``add_arguments(parser)`` and ``run(args) -> exit status``, and imports the engine only in
``run``, so ``zongjie check`` starts without loading MkDocs' build or WeasyPrint."""


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        format="%(levelname)-7s -  %(message)s",
        level=logging.WARNING if getattr(args, "quiet", False) else logging.INFO,
    )
    for handler in logging.getLogger().handlers:
        handler.addFilter(ChineseLog())
    logging.getLogger(f"{framework.NAME}.commands.build").addFilter(_skip_content_errors)
    builds = args.command == "build" or getattr(args, "pdf_command", "") == "bind"
    failed_build = {
        "build": "构建失败：上一次成功生成的站点保持不变。",
        "publish": "发布未完成：读者看到的仍是原来的版本。",
    }.get(args.command, "构建失败：上一次成功生成的站点保持不变。" if builds else "")
    try:
        command = importlib.import_module(COMMANDS[args.command])
        return int(command.run(args))
    except ContentError as exc:
        print(exc, file=sys.stderr)
    except MkDocsException as exc:
        print(
            f"错误：{abort_message(str(exc), getattr(args, 'config_file', None))}", file=sys.stderr
        )
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `zongjie stats | head`: the reader has gone, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    if failed_build:
        print(failed_build, file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
