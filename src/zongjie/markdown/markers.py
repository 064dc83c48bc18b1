"""The marker syntax authors use in Markdown: ``<!-- zj:NAME ARG key=value -->``.

Markers are HTML comments (as in Material's shortcodes) so a page still reads
cleanly in any Markdown viewer. Parsing and validation live here; rendering is
in :mod:`zongjie.site.render`. Each marker is replaced by a placeholder comment that
survives Markdown, and filled in once every page has been read.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from zongjie.data.content import Content
from zongjie.data.tree import ROOT
from zongjie.errors import Problem

Scope = Literal["report", "campaign", "any"]


@dataclass(frozen=True)
class MarkerSpec:
    scope: Scope
    doc: str
    arg: Literal["metric", "resource", "unit", None] = None
    options: tuple[str, ...] = ()
    inline: bool = False


SPECS: dict[str, MarkerSpec] = {
    "summary": MarkerSpec("report", "本报告的主要数据卡片"),
    "activities": MarkerSpec("report", "会议和活动按类型统计表"),
    "trainings": MarkerSpec("report", "培训情况表"),
    "outreach": MarkerSpec("report", "走访、送书刊等活动表"),
    "shishi": MarkerSpec("report", "“我为群众办实事”清单"),
    "rectification": MarkerSpec("report", "问题查摆和整改情况表"),
    "resources": MarkerSpec("report", "本报告使用的学习资源"),
    "signature": MarkerSpec("report", "落款：单位名称和日期"),
    "value": MarkerSpec("report", "插入本报告某项指标的数值", arg="metric", inline=True),
    "overview": MarkerSpec("campaign", "下一级各组织和单位的数据总览表（可排序，含小计和合计行）"),
    "progress": MarkerSpec("campaign", "下一级各组织和单位的整改进度表和图"),
    "chart": MarkerSpec("campaign", "某项指标的下一级各组织和单位柱状图", arg="metric"),
    "total": MarkerSpec(
        "campaign", "插入某项指标的全部单位合计", arg="metric", inline=True, options=("campaign",)
    ),
    "units": MarkerSpec("campaign", "下一级各组织和单位的报送情况"),
    "breadcrumb": MarkerSpec("campaign", "本页在组织树中的位置（逐级上溯的链接）"),
    "campaigns": MarkerSpec("any", "所有学习教育活动及主要合计（首页）"),
    "catalogue": MarkerSpec("any", "学习资源目录"),
    "backlinks": MarkerSpec("any", "使用某项学习资源的报告", arg="resource"),
    "history": MarkerSpec("any", "某单位历次学习教育的主要数据对比", arg="unit"),
}

# The name stops at the closing "-->" as well as at a space: ``<!--zj:total-->`` is written
# without spaces as often as with them.
MARKER = re.compile(r"<!--\s*zj:((?:(?!-->)[^\s>])*)(.*?)-->", re.DOTALL)
UNCLOSED = re.compile(r"<!--\s*zj:(?![^\n]*-->)")
PLACEHOLDER = "<!--zj-ph:{}-->"
PLACEHOLDER_RE = re.compile(r"<!--zj-ph:(\d+)-->")


# A marker as a browser would never see it, but an editor meant: typed on a Chinese keyboard
# (full-width ＜！：－＞), in capitals, with spaces inside its opening, with one hyphen, or with
# the dash Word's autocorrect makes of "--" (—, –), or with a piece of its opening missing
# (``<-- zj:``, ``<! zj:``, ``-- zj:``). Compared after NFKC (which maps the
# full-width forms to ASCII), case folding and dashes read as hyphens, line by line.
_MEANT = re.compile(r"(?:<\s*!?\s*-+|<\s*!|-{2,})\s*zj\s*:")
_EXACT = re.compile(r"<!--\s*zj:")
_MAYBE = re.compile(r"[zZｚＺ]\s*[jJｊＪ]")
_DASHES = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63", "-")
)


def near_misses(markdown: str, path: str, in_code: Callable[[int], bool]) -> list[Problem]:
    """An error for each line that holds more markers as the editor meant them than as
    written: such a marker would otherwise be an HTML comment, removed without a word."""
    problems = []
    offset = 0
    for number, line in enumerate(markdown.split("\n"), 1):
        start, offset = offset, offset + len(line) + 1
        if not _MAYBE.search(line):
            continue  # no marker in any spelling: most lines
        folded = unicodedata.normalize("NFKC", line).casefold().translate(_DASHES)
        if in_code(start):
            continue
        meant = len(_MEANT.findall(folded))
        if meant > len(_EXACT.findall(line)):
            problems.append(
                Problem(
                    path,
                    number,
                    f"标记的写法有误：“{line.strip()[:60]}”不会被识别，只会作为注释从页面上删除",
                    field="标记",
                    hint="标记用半角字符、小写 zj 书写：<!-- zj:名称 参数 -->（不要用中文输入法的"
                    "全角符号 ＜！－：＞，也不要让 Word 把 -- 改成破折号 —）",
                )
            )
    return problems


@dataclass
class Marker:
    name: str
    arg: str | None
    options: dict[str, str]
    path: str
    line: int
    campaign_id: str | None = None
    report_key: tuple[str, str] | None = None
    org: str = ROOT
    """The organisation whose view a campaign marker shows: the page's (the top's on a
    campaign page)."""


_ATX = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")


def _in_heading(markdown: str, pos: int) -> bool:
    """Whether ``pos`` lies in a heading line: ``## 标题`` or a line underlined with = or -."""
    start = markdown.rfind("\n", 0, pos) + 1
    end = markdown.find("\n", pos)
    line = markdown[start : len(markdown) if end == -1 else end]
    if _ATX.match(line):
        return True
    if end == -1 or not MARKER.sub("", line).strip():
        return False  # a marker alone on its line is a block of HTML: a --- below is a rule
    following = markdown[end + 1 :].split("\n", 1)[0]
    return bool(_SETEXT.match(following))


def code_spans(markdown: str) -> list[tuple[int, int]]:
    """Spans of fenced code blocks, where markers are shown, not executed (e.g. the guide)."""
    spans = []
    for m in re.finditer(r"^(```|~~~)[^\n]*\n.*?^\1[ \t]*$", markdown, re.DOTALL | re.MULTILINE):
        spans.append((m.start(), m.end()))
    for m in re.finditer(r"`[^`\n]+`", markdown):
        spans.append((m.start(), m.end()))
    return spans


def extract(
    markdown: str,
    path: str,
    content: Content,
    campaign_id: str | None,
    report_key: tuple[str, str] | None,
    start: int,
    org: str = ROOT,
) -> tuple[str, list[Marker], list[Problem]]:
    """Replace markers with numbered placeholders; return the markers and any problems."""
    problems: list[Problem] = []
    markers: list[Marker] = []
    masked = code_spans(markdown)

    def in_code(pos: int) -> bool:
        return any(a <= pos < b for a, b in masked)

    def line_at(pos: int) -> int:
        return markdown.count("\n", 0, pos) + 1

    for m in UNCLOSED.finditer(markdown):
        if not in_code(m.start()):
            problems.append(
                Problem(
                    path,
                    line_at(m.start()),
                    "标记没有结束符“-->”",
                    field="标记",
                    hint="标记的完整写法为 <!-- zj:名称 参数 -->，须写在同一行",
                )
            )

    problems += near_misses(markdown, path, in_code)

    def replace(m: re.Match[str]) -> str:
        if in_code(m.start()):
            return m.group(0)
        line = line_at(m.start())
        if _in_heading(markdown, m.start()):
            # Its value would be in the page's heading but not in the outline, the navigation
            # or the search result, which read the heading before markers are filled in.
            problems.append(
                Problem(
                    path, line,
                    f"标题中不能使用标记 zj:{m.group(1)}：目录、导航和搜索里会缺少它的内容",
                    field="标记", hint="把数字写进标题下面的正文，标题只写文字",
                )
            )  # fmt: skip
            return m.group(0)
        marker, problem = parse(
            m.group(1), m.group(2), path, line, content, campaign_id, report_key, org
        )
        if problem:
            problems.append(problem)
            return m.group(0)
        assert marker is not None
        markers.append(marker)
        return PLACEHOLDER.format(start + len(markers) - 1)

    return MARKER.sub(replace, markdown), markers, problems


def parse(
    name: str,
    rest: str,
    path: str,
    line: int,
    content: Content,
    campaign_id: str | None,
    report_key: tuple[str, str] | None,
    org: str = ROOT,
) -> tuple[Marker | None, Problem | None]:
    def problem(message: str, hint: str) -> tuple[None, Problem]:
        return None, Problem(path, line, message, field=f"zj:{name}", hint=hint)

    spec = SPECS.get(name)
    if spec is None:
        known = "、".join(SPECS)
        return problem(f"未知的标记“zj:{name}”", f"可用的标记：{known}（详见写作指南）")
    words = rest.split()
    args = [w for w in words if "=" not in w]
    options = dict(w.split("=", 1) for w in words if "=" in w)
    for key in options:
        if key not in spec.options:
            return problem(
                f"标记 zj:{name} 不接受选项“{key}”", f"可用选项：{', '.join(spec.options) or '无'}"
            )
    if spec.arg is None and args:
        return problem(
            f"标记 zj:{name} 不需要参数，却给了“{' '.join(args)}”", f"写成 <!-- zj:{name} -->"
        )
    if spec.arg is not None and len(args) != 1:
        what = {"metric": "指标 id", "resource": "学习资源 id", "unit": "单位 id"}[spec.arg]
        return problem(f"标记 zj:{name} 需要一个{what}", f"写成 <!-- zj:{name} {what} -->")
    if options.get("campaign"):
        campaign_id = options["campaign"]
        if campaign_id not in content.campaigns:
            return problem(
                f"未知的活动 id “{campaign_id}”", f"已定义：{', '.join(content.campaigns)}"
            )
    if spec.scope == "report" and report_key is None:
        return problem(
            f"标记 zj:{name} 只能用在报告页面中",
            "报告页面位于 docs/campaigns/<活动id>/<单位id>.md，且有对应的数据文件",
        )
    if spec.scope == "campaign" and campaign_id is None:
        return problem(
            f"标记 zj:{name} 只能用在活动首页中",
            "活动首页为 docs/campaigns/<活动id>/index.md；其他页面可加选项 campaign=<活动id>"
            if "campaign" in spec.options
            else "活动首页为 docs/campaigns/<活动id>/index.md",
        )
    arg = args[0] if args else None
    if spec.arg == "metric":
        cid = report_key[0] if report_key else campaign_id
        metrics = {m.id for m in content.campaigns[cid].campaign.metrics}  # type: ignore[index]
        if arg not in metrics:
            return problem(
                f"活动“{cid}”没有指标“{arg}”", f"可用的指标：{', '.join(sorted(metrics))}"
            )
    if (
        spec.arg == "resource"
        and arg not in content.resources
        and "resources" not in content.failed
    ):
        return problem(f"未知的学习资源 id “{arg}”", "先在 data/resources.yml 中登记")
    if spec.arg == "unit" and arg not in content.tree.nodes and "units" not in content.failed:
        return problem(f"未知的单位 id “{arg}”", "先在 data/units.yml 中登记，或检查拼写")
    if options.get("campaign"):
        org = ROOT  # a campaign named by the marker is shown whole
    return Marker(name, arg, options, path, line, campaign_id, report_key, org), None
