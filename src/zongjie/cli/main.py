"""``zongjie`` command line: the argparse layer. The logic of each verb is in its own module."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import logging
import os
import sys
from pathlib import Path

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

    p = sub.add_parser("build", help="构建站点（失败时保留上一次成功的站点）")
    p.add_argument(
        "-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml 路径"
    )
    p.add_argument(
        "-d", "--site-dir", type=Path, help="输出目录（默认为 mkdocs.yml 中的 site_dir）"
    )
    p.add_argument("--strict", action="store_true", help="警告也视为错误")
    p.add_argument("-q", "--quiet", action="store_true", help="只输出警告和错误")
    p.add_argument(
        "--audience",
        choices=["public", "editors"],
        help="为谁构建：public（默认：已审定的公开报告，另在内部前缀下生成内部报告）、"
        "editors（全部报告，草稿加标识，供审核预览；须用 -d 另给目录）",
    )

    p = sub.add_parser("check", help="校验数据、标记和交叉引用（不构建站点）")
    p.add_argument("paths", nargs="*", type=Path, help="只报告这些文件或目录中的问题")
    p.add_argument(
        "-C", "--root", type=Path, default=Path("."), help="项目根目录（mkdocs.yml 所在目录）"
    )
    p.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")
    p.add_argument("--strict", action="store_true", help="有警告时也以非零状态退出")

    p = sub.add_parser("new", help="新建活动、单位或报告（生成带注释的文件骨架）")
    kinds = p.add_subparsers(
        dest="kind", required=True, metavar="类型", title="类型", parser_class=ChineseParser
    )
    q = kinds.add_parser("campaign", help="新建学习教育活动：data/campaigns/<id>.yml 和活动首页")
    q.add_argument("id", help="活动 id，如 dangji-2024（小写字母、数字、连字符）")
    q.add_argument("--title", required=True, help="活动名称，如 党纪学习教育")
    q.add_argument("--year", type=int, required=True, help="年份，如 2024")
    q.add_argument("--start", type=_date, help="开始日期 YYYY-MM-DD（默认 1 月 1 日）")
    q.add_argument("--end", type=_date, help="结束日期 YYYY-MM-DD（默认 12 月 31 日）")
    q.add_argument("--lead", help="一句话简介（首页显示）")
    q.add_argument(
        "--outline",
        nargs="+",
        metavar="标题",
        help="报告提纲（二级标题），默认 开展的主要工作 取得的成效 存在不足 下步工作",
    )
    q = kinds.add_parser("unit", help="在 data/units.yml 中登记新单位")
    q.add_argument("id", help="单位 id，如 shi-wenlian")
    q.add_argument("--name", required=True, help="单位全称")
    q.add_argument("--short-name", required=True, help="简称（表格中显示）")
    q.add_argument(
        "--kind",
        dest="unit_kind",
        required=True,
        help="类型：党组、机关、群团、区县、乡镇街道、企业、学校、其他",
    )
    q.add_argument("--parent", help="上级组织")
    q = kinds.add_parser("report", help="新建报告：按活动提纲生成正文骨架和带注释的数据骨架")
    q.add_argument("--campaign", required=True, help="活动 id")
    q.add_argument("--unit", required=True, help="单位 id")
    q.add_argument("--title", help="报告标题（默认“单位全称+活动名称+工作总结报告”）")
    q.add_argument("--date", type=_date, help="落款日期 YYYY-MM-DD")
    for q in kinds.choices.values():
        q.add_argument(
            "-C", "--root", type=Path, default=Path("."), help="项目根目录（mkdocs.yml 所在目录）"
        )
        if q is not kinds.choices["unit"]:
            q.add_argument("--force", action="store_true", help="覆盖已存在的文件")

    p = sub.add_parser(
        "import",
        help="导入 Word/WPS/文本报告、整个文件夹或填好的填报表（.xlsx），数据标为待核实",
    )
    p.add_argument(
        "source",
        type=Path,
        help="报告文件（.docx、.doc、.wps、.txt）、zongjie template 生成的填报表（.xlsx），"
        "或存放报告的文件夹（逐个导入其中全部报告）",
    )
    p.add_argument("--campaign", required=True, help="活动 id")
    p.add_argument("--unit", help="单位 id（默认从报告标题和落款识别）")
    p.add_argument("--title", help="报告标题（默认取文档第一行）")
    p.add_argument(
        "-C", "--root", type=Path, default=Path("."), help="项目根目录（mkdocs.yml 所在目录）"
    )
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")

    p = sub.add_parser("template", help="生成单位填写的 Excel 数据填报表（.xlsx）")
    p.add_argument("--campaign", required=True, help="活动 id")
    p.add_argument("--unit", help="单位 id：该单位已有报告时预先填好其数据")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.add_argument("out", type=Path, help="输出文件，如 填报表.xlsx")
    p.add_argument(
        "-C", "--root", type=Path, default=Path("."), help="项目根目录（mkdocs.yml 所在目录）"
    )

    p = sub.add_parser("submit", help="把报告从“草稿”提交为“待审”")
    p.add_argument("report", metavar="活动id/单位id", help="如 dangshi-2021/shi-wenlian")
    p.add_argument(
        "-C", "--root", type=Path, default=Path("."), help="项目根目录（mkdocs.yml 所在目录）"
    )

    p = sub.add_parser("approve", help="审定报告（“待审”→“已审定”），审定后才发布")
    p.add_argument("report", metavar="活动id/单位id", help="如 dangshi-2021/shi-wenlian")
    p.add_argument("--by", help="审定人（默认取 git config user.name）")
    p.add_argument("--on", type=_date, help="审定日期 YYYY-MM-DD（默认今天；补记纸面审定时用）")
    p.add_argument(
        "-C", "--root", type=Path, default=Path("."), help="项目根目录（mkdocs.yml 所在目录）"
    )

    p = sub.add_parser("review", help="列出等待提交或审定的报告")
    p.add_argument(
        "-C", "--root", type=Path, default=Path("."), help="项目根目录（mkdocs.yml 所在目录）"
    )
    p.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")

    p = sub.add_parser("stats", help="各活动的数据合计和尚未报送的单位")
    p.add_argument("--campaign", help="只看这个活动")
    p.add_argument(
        "-C", "--root", type=Path, default=Path("."), help="项目根目录（mkdocs.yml 所在目录）"
    )
    p.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")

    p = sub.add_parser("demo", help="生成示例内容（用于测试和性能基准）")
    p.add_argument("--units", type=int, default=10, help="单位数")
    p.add_argument("--campaigns", type=int, default=2, help="活动数")
    p.add_argument("--seed", type=int, default=1, help="随机种子（相同种子生成相同内容）")
    p.add_argument("--out", type=Path, required=True, help="输出目录")
    p.add_argument("--plain", action="store_true", help="只生成不带钩子的 mkdocs.yml（基准对照用）")

    p = sub.add_parser("schema", help="导出数据文件的 JSON Schema（供编辑器自动补全）")
    p.add_argument("--out", type=Path, default=Path("data/schema"), help="输出目录")

    p = sub.add_parser(
        "publish", help="发布到 nginx 的站点目录：新版本目录 + 原子切换，可回滚；写出 nginx.conf"
    )
    p.add_argument("--dest", type=Path, required=True, help="发布目录，如 /srv/zongjie")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--site", type=Path, help="发布已构建好的站点目录（默认先构建）")
    what.add_argument("--rollback", action="store_true", help="切换回上一个版本（不构建）")
    what.add_argument("--switch", metavar="版本", help="切换到保留的某个版本（不构建）")
    what.add_argument("--list", action="store_true", help="列出保留的版本")
    p.add_argument("--keep", type=_positive, help="保留的版本数（默认 5，见 publish.keep）")
    p.add_argument(
        "-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml 路径"
    )
    p.add_argument("--strict", action="store_true", help="构建时警告也视为错误")
    p.add_argument("-q", "--quiet", action="store_true", help="只输出警告和错误")

    p = sub.add_parser("pdf", help="分片渲染 PDF、从缓存装订汇编（在多台 CI 机器上生成 PDF）")
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
        q.add_argument(
            "-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml 路径"
        )
        q.add_argument("-q", "--quiet", action="store_true", help="只输出警告和错误")

    p = sub.add_parser("verify", help="校验归档包（site/pdf/<活动id>-archive.zip）的 SHA-256 清单")
    p.add_argument("packages", nargs="+", type=Path, help="归档包（zip 或解压后的文件夹）")
    return parser


def _skip_content_errors(record: logging.LogRecord) -> bool:
    """MkDocs logs a failed build's error itself; the CLI prints ours once, in full."""
    return not str(record.msg).startswith(REPORTED_HEADERS)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期“{text}”格式不对，应为 YYYY-MM-DD，如 2024-06-30"
        ) from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"“{text}”应为正整数，如 5")
    return int(text)


COMMANDS = {
    "build": "zongjie.cli.build",
    "check": "zongjie.cli.check",
    "new": "zongjie.cli.new",
    "import": "zongjie.cli.import_report",
    "template": "zongjie.cli.template",
    "stats": "zongjie.cli.stats",
    "submit": "zongjie.cli.submit",
    "approve": "zongjie.cli.approve",
    "review": "zongjie.cli.review",
    "demo": "zongjie.cli.demo",
    "schema": "zongjie.cli.schema",
    "verify": "zongjie.cli.verify",
    "publish": "zongjie.cli.publish",
    "pdf": "zongjie.cli.pdf",
}
"""The module behind each verb; each has ``run(args) -> exit status``. Imported on use, so
``zongjie check`` starts without loading WeasyPrint."""


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
