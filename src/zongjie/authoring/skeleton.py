"""``zongjie new campaign|unit|report``: write the files for a new campaign, unit or report.

Every file comes from a Jinja template in ``zongjie/templates/new/``; data files
start with a ``# yaml-language-server: $schema=…`` line so VS Code offers
autocomplete from the JSON Schema exported to ``data/schema/``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from zongjie import atomic, rules
from zongjie.data.catalogue_yaml import add_item
from zongjie.data.content import Content
from zongjie.data.defaults import report_date, report_title
from zongjie.data.json_schema import export_schemas
from zongjie.data.models import ID_PATTERN, Campaign, Metric, Unit
from zongjie.data.schema_errors import describe
from zongjie.data.yamlfile import relpath
from zongjie.errors import CommandError, ContentError
from zongjie.layout import ProjectLayout
from zongjie.templating import render

NUMERALS = "一二三四五六七八九十"
DEFAULT_OUTLINE = ["开展的主要工作", "取得的成效", "存在不足", "下步工作"]
DEFAULT_METRICS: list[dict[str, Any]] = [
    {
        "id": "dangzu",
        "label": "党组会议",
        "measure": "次",
        "derive": {"source": "activities", "kind": "党组会议"},
    },
    {
        "id": "zhongxinzu",
        "label": "中心组学习",
        "measure": "次",
        "derive": {"source": "activities", "kind": "中心组学习"},
    },
    {
        "id": "zhuti-dangri",
        "label": "主题党日",
        "measure": "次",
        "chart": True,
        "derive": {"source": "activities", "kind": "主题党日"},
    },
    {
        "id": "zhuanti-dangke",
        "label": "专题党课",
        "measure": "次",
        "derive": {"source": "activities", "kind": "专题党课"},
    },
    {"id": "peixun", "label": "参训干部", "measure": "人", "derive": {"source": "trainings"}},
    {
        "id": "shishi",
        "label": "办实事",
        "measure": "件",
        "chart": True,
        "derive": {"source": "shishi"},
    },
    {
        "id": "wenti",
        "label": "查摆问题",
        "measure": "个",
        "chart": True,
        "derive": {"source": "problems"},
    },
    {"id": "zhenggai", "label": "已整改", "measure": "个", "derive": {"source": "rectified"}},
]
WHERE = {
    "activities": "在 activities 中登记 kind: {kind} 的活动（count 为次数）",
    "trainings": "trainings 中各培训的 participants 合计",
    "outreach_sites": "outreach 中各次走访的 sites 合计",
    "distributed": "outreach 中 distributed 的册数/件数合计",
    "shishi": "shishi 清单的项数（或 shishi_count）",
    "problems": "rectification 中以“个”计的问题数合计",
    "rectified": "rectification 中状态为“已整改”的问题数",
}
# Which report markers go under which outline heading (by index; the rest under the first).
SECTION_MARKERS = {
    "activities": "activities",
    "trainings": "trainings",
    "outreach_sites": "outreach",
    "distributed": "outreach",
    "shishi": "shishi",
    "problems": "rectification",
    "rectified": "rectification",
}


def _check_id(value: str, what: str) -> str:
    if not re.match(ID_PATTERN, value):
        raise CommandError(
            f"{what} id “{value}”不合法",
            hint="id 只能由小写字母、数字和连字符组成，以字母或数字开头，如 shi-wenlian",
        )
    return value


def _argument_error(exc: ValidationError, what: str, hint: str) -> CommandError:
    err = exc.errors()[0]
    field = ".".join(map(str, err["loc"]))
    return CommandError(f"{what}参数有误：{field}：{describe(err)}", hint=hint)


def _write(path: Path, text: str, root: Path, force: bool) -> Path:
    if path.exists() and not force:
        raise CommandError(f"文件已存在：{relpath(path, root)}", hint="确认要覆盖时加上 --force")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _ensure_schemas(root: Path) -> None:
    schema_dir = ProjectLayout.at(root).schema_dir
    if not (schema_dir / "report.schema.json").exists():
        export_schemas(schema_dir)


# -- campaign -----------------------------------------------------------------


def new_campaign(
    root: Path,
    cid: str,
    title: str,
    year: int,
    start: dt.date | None = None,
    end: dt.date | None = None,
    lead: str | None = None,
    outline: list[str] | None = None,
    force: bool = False,
) -> list[Path]:
    _check_id(cid, "活动")
    context = {
        "title": title,
        "year": year,
        "start": start or dt.date(year, 1, 1),
        "end": end or dt.date(year, 12, 31),
        "lead": lead or f"{year}年{title}。",
        "outline": outline or DEFAULT_OUTLINE,
        "metrics": DEFAULT_METRICS,
    }
    try:
        campaign = Campaign.model_validate(
            {k: v for k, v in context.items() if k not in ("start", "end")}
            | {"period": {"start": context["start"], "end": context["end"]}}
        )
    except ValidationError as exc:
        raise _argument_error(exc, "活动", "检查年份、起止日期和标题") from None
    context["metrics"] = campaign.metrics
    _ensure_schemas(root)
    layout = ProjectLayout.at(root)
    data, page = layout.campaign_data(cid), layout.campaign_page(cid)
    for path in (data, page):
        if path.exists() and not force:
            raise CommandError(
                f"文件已存在：{relpath(path, root)}", hint="确认要覆盖时加上 --force"
            )
    return [
        _write(data, render("new/campaign.yml.j2", **context), root, force),
        _write(page, render("new/campaign_index.md.j2", **context), root, force),
    ]


# -- unit ---------------------------------------------------------------------


def new_unit(
    root: Path, uid: str, name: str, short_name: str, kind: str, parent: str | None = None
) -> list[Path]:
    _check_id(uid, "单位")
    try:
        unit = Unit.model_validate(
            {"id": uid, "name": name, "short_name": short_name, "kind": kind, "parent": parent}
        )
    except ValidationError as exc:
        raise _argument_error(
            exc, "单位", "单位类型可选：党组、机关、群团、区县、乡镇街道、企业、学校、其他"
        ) from None
    path = ProjectLayout.at(root).units_file
    header = not path.exists()
    if not header:
        content = rules.load_project(root)
        if content.failure("units"):  # appending to a broken file would hide its error
            raise ContentError(content.failure("units"))
        if uid in content.units:
            raise CommandError(
                f"单位 id “{uid}”已在 {relpath(path, root)} 中登记", hint="换一个 id"
            )
        entry = render("new/unit.yml.j2", unit=unit, header=False).splitlines()
        text = add_item(path.read_text(encoding="utf-8-sig"), "units", entry)
    else:
        _ensure_schemas(root)
        text = render("new/unit.yml.j2", unit=unit, header=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_text(path, text)
    return [path]


# -- report -------------------------------------------------------------------


def load_campaign(root: Path, cid: str, uid: str | None = None) -> Content:
    """The content, after checking that the campaign (and unit) exist, with a helpful message.

    A campaign or unit that is missing because its data file is broken is reported as that
    file's own problems (path:line), not as an unknown id.
    """
    _check_id(cid, "活动")
    if uid is not None:
        _check_id(uid, "单位")
    content = rules.load_project(root)
    for name, missing in ((cid, cid not in content.campaigns), ("units", uid not in content.units)):
        if missing and content.failure(name):
            raise ContentError(content.failure(name))  # the broken file is the cause
    if cid not in content.campaigns:
        known = "、".join(content.campaigns) or "（无）"
        raise CommandError(
            f"未知的活动 id “{cid}”", hint=f"已定义的活动：{known}；新建活动用 zongjie new campaign"
        )
    if uid is not None and uid not in content.units:
        raise CommandError(
            f"未知的单位 id “{uid}”",
            hint="先在 data/units.yml 中登记（zongjie new unit），或检查拼写",
        )
    return content


def report_paths(root: Path, cid: str, uid: str) -> tuple[Path, Path]:
    """The report's data file and narrative."""
    layout = ProjectLayout.at(root)
    return layout.report_data(cid, uid), layout.report_page(cid, uid)


def section_markers(campaign: Campaign) -> list[list[str]]:
    """Data tables for each outline heading: problems go to the heading about 不足/问题."""
    sections: list[list[str]] = [[] for _ in campaign.outline]
    weak = next((i for i, h in enumerate(campaign.outline) if re.search("不足|问题", h)), 0)
    for metric in campaign.metrics:
        marker = SECTION_MARKERS.get(metric.derive.source) if metric.derive else None
        target = weak if marker == "rectification" else 0
        if marker and marker not in sections[target]:
            sections[target].append(marker)
    return sections


def report_files(
    content: Content,
    cid: str,
    uid: str,
    *,
    title: str | None = None,
    date: dt.date | None = None,
) -> tuple[str, str]:
    """The YAML and Markdown skeleton of a report."""
    campaign = content.campaigns[cid].campaign
    unit = content.units[uid]
    title = title or report_title(unit.name, campaign)
    date = date or report_date(campaign)
    where = where_lines(campaign)
    kinds = [m.derive.kind for m in campaign.metrics if m.derive and m.derive.kind]
    _data_path, page_path = report_paths(content.root, cid, uid)
    yml = render(
        "new/report.yml.j2",
        campaign=campaign,
        unit=unit,
        title=title,
        date=date,
        where=where,
        example_kind=kinds[0] if kinds else "党组会议",
        page=relpath(page_path, content.root),
    )
    md = render(
        "new/report.md.j2",
        campaign=campaign,
        unit=unit,
        title=title,
        numerals=NUMERALS,
        markers=section_markers(campaign),
    )
    return yml, md


def where_lines(campaign: Campaign) -> dict[str, str]:
    """Per metric: where its value comes from, for the YAML's comment block."""
    return {m.id: _where(m) for m in campaign.metrics}


def _where(metric: Metric) -> str:
    if metric.derive is None:
        return f"在 metrics: 中填写 {metric.id}: 数值"
    return WHERE[metric.derive.source].format(kind=metric.derive.kind)


def new_report(
    root: Path,
    cid: str,
    uid: str,
    *,
    force: bool = False,
    title: str | None = None,
    date: dt.date | None = None,
) -> list[Path]:
    content = load_campaign(root, cid, uid)
    data_path, page_path = report_paths(root, cid, uid)
    for path in (data_path, page_path):
        if path.exists() and not force:
            raise CommandError(
                f"文件已存在：{relpath(path, root)}", hint="确认要覆盖时加上 --force"
            )
    _ensure_schemas(root)
    yml, md = report_files(content, cid, uid, title=title, date=date)
    return [_write(data_path, yml, root, force), _write(page_path, md, root, force)]
