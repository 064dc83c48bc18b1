"""The command line speaks Chinese: MkDocs' and argparse's English, said in Chinese.

MkDocs logs its own warnings (links, nav, settings) and ends a failed build with an ``Abort``
such as "Aborted with 1 warnings in strict mode!"; argparse reports a wrong option in English.
Each known sentence has a Chinese counterpart here, applied at the CLI boundary only. A
sentence not in these tables keeps its text after a Chinese lead-in, so nothing is lost.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn

from zongjie.data.yamlfile import YamlError, compose, read_text, relpath
from zongjie.rules.links import where_in_file

Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]


def _rules(*rows: tuple[str, str | Callable[[re.Match[str]], str]]) -> list[Rule]:
    return [(re.compile(pattern, re.DOTALL), text) for pattern, text in rows]


def _config_value(m: re.Match[str]) -> str:
    return f"mkdocs.yml 的设置“{m['key']}”：{_say(m['detail'], CONFIG_DETAILS, '取值有误')}"


def _missing_target(m: re.Match[str]) -> str:
    text = f"docs/{m['page']} 中的链接“{m['link']}”指向的文件不存在"
    return text + (f"（是否应为“{m['guess']}”？）" if m["guess"] else "")


def _missing_anchor(m: re.Match[str]) -> str:
    text = f"docs/{m['page']} 中的链接“{m['link']}”：本页没有这个锚点（标题或 id）"
    return text + ("；看来是一个没有被引用的脚注" if m["footnote"] else "")


DOC_LINK = re.compile(
    r"^Doc file '(?P<page>[^']*)' contains (?:a|an absolute|an unrecognized relative) link "
    r"(?:to )?'(?P<link>[^']*)'"
)
"""MkDocs names the page and the link as written, never the line: ``where_in_file`` finds it."""


CONFIG_DETAILS = _rules(
    (r"Unrecognised configuration name: .*", "未知的设置项（可能拼写有误），已忽略"),
    (r"The path '(?P<p>.*)' isn't an existing directory\.", r"目录“\g<p>”不存在"),
    (r"The path '(?P<p>.*)' isn't an existing file\.", r"文件“\g<p>”不存在"),
    (r"Unrecognised theme name: '(?P<t>[^']*)'.*", r"未知的主题“\g<t>”"),
    (r"The \"(?P<p>[^\"]*)\" plugin is not installed", r"插件“\g<p>”没有安装"),
    (r"Expected type: .* but received: .*", "类型不对"),
    (r"Required configuration not provided\.", "缺少必填的设置"),
    (r"Failed to load extension '(?P<e>[^']*)'.*", r"无法加载 Markdown 扩展“\g<e>”"),
    (r"Failed to import hook.*|.*[Hh]ook.*", "钩子（hooks）文件无法加载"),
)

LOG_MESSAGES = _rules(
    (r"^Config value '(?P<key>[^']*)': (?P<detail>.*)$", _config_value),
    (
        r"^Doc file '(?P<page>[^']*)' contains a link '(?P<link>[^']*)', but the target "
        r"(?:'[^']*' )?is not found among documentation files\.(?: Did you mean "
        r"'(?P<guess>[^']*)'\?)?$",
        _missing_target,
    ),
    (
        r"^Doc file '(?P<page>[^']*)' contains a link '(?P<link>[^']*)', but the doc "
        r"'(?P<doc>[^']*)' does not contain an anchor '(?P<anchor>[^']*)'\.$",
        r"docs/\g<page> 中的链接“\g<link>”：页面 \g<doc> 中没有锚点“\g<anchor>”",
    ),
    (
        r"^Doc file '(?P<page>[^']*)' contains a link '(?P<link>[^']*)', but there is no such "
        r"anchor on this page\.(?P<footnote> This seems to be a footnote.*)?$",
        _missing_anchor,
    ),
    (
        r"^Doc file '(?P<page>[^']*)' contains an absolute link '(?P<link>[^']*)'.*$",
        r"docs/\g<page> 中的链接“\g<link>”是绝对路径，未做转换；请改用相对路径",
    ),
    (
        r"^Doc file '(?P<page>[^']*)' contains an unrecognized relative link '(?P<link>[^']*)'.*$",
        r"docs/\g<page> 中的相对链接“\g<link>”无法识别，未做转换",
    ),
    (
        r"^Doc file '(?P<page>[^']*)' contains a link to '(?P<link>[^']*)' which is excluded.*$",
        r"docs/\g<page> 中的链接指向“\g<link>”，该文件不会发布到站点",
    ),
    (
        r"^The following pages exist in the docs directory, but are not included in the "
        r"\"nav\" configuration:(?P<pages>.*)$",
        r"以下页面在 docs/ 中，但没有列入导航（nav）：\g<pages>",
    ),
    (
        r"^A reference to '(?P<page>[^']*)' is included in the 'nav' configuration, which is "
        r"not found in the documentation files\.$",
        r"导航（nav）中的“\g<page>”在 docs/ 中找不到",
    ),
    (
        r"^Excluding '(?P<a>[^']*)' from the site because it conflicts with '(?P<b>[^']*)'\.$",
        r"“\g<a>”与同一目录中的“\g<b>”冲突，未发布",
    ),
    (r"^Error reading page '(?P<page>[^']*)': (?P<why>.*)$", r"无法读取页面 docs/\g<page>"),
    (r"^Cleaning site directory$", "清理站点目录"),
    (r"^Building documentation to directory: (?P<d>.*)$", r"生成站点到临时目录：\g<d>"),
    (r"^Building documentation\.\.\.$", "正在生成站点……"),
    (r"^Documentation built in (?P<s>[\d.]+) seconds$", r"站点生成完成，用时 \g<s> 秒"),
)

ABORTS = _rules(
    (
        r"^Aborted with (?P<n>\d+) warnings in strict mode!$",
        r"有 \g<n> 个警告，--strict 下按错误处理，构建已中止",
    ),
    (
        r"^Aborted with (?P<n>\d+) configuration warnings in 'strict' mode!$",
        r"mkdocs.yml 中有 \g<n> 个设置警告（见上），--strict 模式下构建中止",
    ),
    (r"^Aborted with (?:a|\d+) configuration errors?!$", "mkdocs.yml 的设置有误（见上），构建中止"),
    (r"^Aborted with a BuildError!$", "构建出错（见上），已中止"),
    (
        r"^Config file '(?P<f>.*)' does not exist\.$",
        r"找不到设置文件 \g<f>：请在 mkdocs.yml 所在的目录运行，或用 -f 指定",
    ),
)

ARGPARSE = _rules(
    # missing or unknown
    (r"^the following arguments are required: (?P<a>.*)$", r"缺少必需的参数：\g<a>"),
    (r"^unrecognized arguments: (?P<a>.*)$", r"无法识别的参数：\g<a>"),
    (r"^argument (?P<a>\S+): expected one argument$", r"参数 \g<a> 后面需要一个值"),
    (r"^argument (?P<a>\S+): expected at least one argument$", r"参数 \g<a> 后面至少需要一个值"),
    (r"^ambiguous option: (?P<o>\S+) could match (?P<m>.*)$", r"选项 \g<o> 不明确，可能是：\g<m>"),
    # wrong values
    (
        r"^argument (?P<a>\S+): invalid choice: (?P<v>.*?) \(choose from (?P<c>.*)\)$",
        r"参数 \g<a> 的取值 \g<v> 无效，可选：\g<c>",
    ),
    (r"^argument (?P<a>\S+): invalid int value: (?P<v>.*)$", r"参数 \g<a> 应为整数，而不是 \g<v>"),
    (r"^argument (?P<a>\S+): invalid \S+ value: (?P<v>.*)$", r"参数 \g<a> 的值 \g<v> 无效"),
    (
        r"^argument (?P<a>\S+): not allowed with argument (?P<b>\S+)$",
        r"参数 \g<a> 不能与 \g<b> 同时使用",
    ),
    (r"^argument (?P<a>\S+): (?P<why>.*[\u4e00-\u9fff].*)$", r"参数 \g<a>：\g<why>"),
)


def _say(text: str, rules: list[Rule], lead: str) -> str:
    """``text`` in Chinese: translated by the first matching rule, or kept after ``lead``."""
    for pattern, chinese in rules:
        m = pattern.match(text)
        if m:
            return chinese(m) if callable(chinese) else m.expand(chinese)
    if re.search(r"[\u4e00-\u9fff]", text):
        return text
    return f"{lead}（原文：{text}）"


class ChineseLog(logging.Filter):
    """Put on the CLI's log handler: each MkDocs record is shown in Chinese. English notices
    of other libraries at INFO level (e.g. pikepdf's start-up line) are dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if re.search(r"[\u4e00-\u9fff]", text):
            return True
        if record.levelno < logging.WARNING and not any(p.match(text) for p, _ in LOG_MESSAGES):
            return False
        said = _say(text, LOG_MESSAGES, "MkDocs 提示")
        if link := DOC_LINK.match(text):  # located, as every problem of zongjie's own is
            said = f"{where_in_file(link['page'], link['link'], Path('docs'))}: {said}"
        record.msg, record.args = said, ()
        return True


def abort_message(text: str, config_file: Path | None = None) -> str:
    """Why the build stopped, in Chinese. A mkdocs.yml that does not parse is located with the
    same reader as the data files, so it is reported at ``mkdocs.yml:line:col`` too."""
    # properdocs says "ProperDocs encountered …": the same failure of the same YAML reader.
    if (
        text.startswith(("MkDocs", "ProperDocs"))
        and ("encountered an error parsing the configuration file" in text)
        and (config_file is not None)
    ):
        try:
            rel = relpath(config_file, Path.cwd())
            compose(read_text(config_file, rel)[0], rel)
        except YamlError as exc:
            return exc.problem.format()
        return "mkdocs.yml 无法读取：其中用到了不支持的写法（如未知的 ! 标签）"
    return _say(text, ABORTS, "出错")


class ChineseHelp(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


# What each option's value is, shown in usage lines instead of argparse's upper-cased name.
METAVARS = {
    "units": "数量",
    "campaigns": "数量",
    "seed": "数字",
    "out": "目录",
    "root": "目录",
    "config_file": "文件",
    "site_dir": "目录",
    "campaign": "活动id",
    "unit": "单位id",
    "title": "标题",
    "date": "日期",
    "start": "日期",
    "end": "日期",
    "year": "年份",
    "lead": "简介",
    "name": "全称",
    "short_name": "简称",
    "unit_kind": "类型",
    "parent": "上级组织",
    "paths": "路径",
    "source": "文件",
    "packages": "归档包",
    "id": "id",
}


class ChineseParser(argparse.ArgumentParser):
    """argparse with Chinese usage, section titles, help option and error messages."""

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        if action.metavar is None and action.choices is None and action.nargs != 0:
            action.metavar = METAVARS.get(action.dest, "值")
        return action

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelp)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{_say(message, ARGPARSE, '参数有误')}\n")
