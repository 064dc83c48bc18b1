"""Load and cross-check every data file: the single source of truth for hooks, CLI and tests.

``load_content`` never stops at the first problem: it collects all of them so an
editor sees every mistake in one run, then callers decide (the build raises,
``zongjie check`` prints).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from zongjie.data.docs_assets import executable_files
from zongjie.data.files import LINKED_FOLDERS, ProjectFiles, check_links, page_files
from zongjie.data.metrics import derive, metric_values
from zongjie.data.models import (
    ID_PATTERN,
    Activity,
    Campaign,
    Outreach,
    RectificationGroup,
    Report,
    Resource,
    ResourceCatalogue,
    ShishiItem,
    Training,
    Unit,
    UnitCatalogue,
)
from zongjie.data.schema_errors import validate
from zongjie.data.yamlfile import (
    YamlDocument,
    YamlError,
    load_yaml,
    parse_dotted,
    read_text,
    relpath,
)
from zongjie.errors import Problem, ProblemLog, Severity

_ID = re.compile(ID_PATTERN)
M = TypeVar("M", bound=BaseModel)

CAMPAIGNS_DIR = "campaigns"
REPORTS_DIR = "reports"
UNITS_FILE = "units.yml"
RESOURCES_FILE = "resources.yml"
DOCS_CAMPAIGNS = "campaigns"
PDF_DIR = "pdf"  # in the built site: pdf/<campaign>/<unit>.pdf, the volumes and archives

# Problems with a whole file (missing, misnamed, orphaned), reported at its first line:
# message, field and hint, with {placeholders} filled in by ``_Loader.file_error``.
FILE_PROBLEMS: dict[str, tuple[str, str, str]] = {
    "no-data-dir": (
        "找不到数据目录",
        "data",
        "在项目根目录下创建 data/，或运行 zongjie new campaign",
    ),
    "no-units-file": ("缺少单位名录文件", "units", "创建 data/units.yml，格式见写作指南"),
    "bad-campaign-file-name": (
        "文件名“{cid}”不是合法的活动 id",
        "文件名",
        "文件名只能由小写字母、数字和连字符组成，如 dangshi-2021.yml",
    ),
    "unknown-campaign-dir": (
        "未知的活动 id “{cid}”",
        "目录",
        "已定义的活动：{known}；先创建 data/campaigns/{cid}.yml",
    ),
    "unknown-unit-file": (
        "未知的单位 id “{uid}”",
        "文件名",
        "先在 data/units.yml 中登记该单位，或检查文件名拼写",
    ),
    "report-without-narrative": (
        "报告缺少正文 Markdown 文件",
        "正文",
        "创建 {page}，或运行 zongjie new report --campaign {cid} --unit {uid}",
    ),
    "campaign-without-index": ("活动缺少首页 Markdown 文件", "正文", "创建 {page}"),
    "narrative-without-data": (
        "报告正文没有对应的数据文件",
        "数据",
        "创建 data/reports/{cid}/{uid}.yml（可运行 zongjie new report）",
    ),
}

REVIEW_DATES = {"reviewed_on": "审定日期", "submitted_on": "提交日期"}


@dataclass
class ReportRef:
    """Which report: a campaign and a unit. Every product of a report is named after these."""

    campaign_id: str
    unit_id: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.campaign_id, self.unit_id)

    @property
    def page_src(self) -> str:
        """The narrative's path inside ``docs/``."""
        return f"{DOCS_CAMPAIGNS}/{self.campaign_id}/{self.unit_id}.md"

    @property
    def pdf_path(self) -> str:
        """Stable site path of the report's PDF."""
        return f"{PDF_DIR}/{self.campaign_id}/{self.unit_id}.pdf"


@dataclass
class ReportEntry(ReportRef):
    report: Report
    doc: YamlDocument
    values: dict[str, int | None]

    def line(self, *loc: int | str) -> int:
        return self.doc.line_of(loc)[0]


@dataclass
class CampaignEntry:
    id: str
    campaign: Campaign
    doc: YamlDocument
    reports: list[ReportEntry] = field(default_factory=list)

    @property
    def page_src(self) -> str:
        return f"{DOCS_CAMPAIGNS}/{self.id}/index.md"

    def reports_in_order(self) -> list[ReportEntry]:
        """The order of the overview table, the navigation and the bound PDF volumes."""
        return sorted(self.reports, key=lambda r: r.unit_id)


@dataclass
class Content:
    root: Path
    data_dir: Path
    docs_dir: Path
    campaigns: dict[str, CampaignEntry] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    resources: dict[str, Resource] = field(default_factory=dict)
    reports: dict[tuple[str, str], ReportEntry] = field(default_factory=dict)
    log: ProblemLog = field(default_factory=ProblemLog)
    today: dt.date = field(default_factory=dt.date.today)
    """The day the content is checked on (review dates may not lie after it)."""
    withheld: dict[tuple[str, str], str] = field(default_factory=dict)
    """Reports left out of this view of the content because they are not approved (草稿, 待审); see
    :func:`zongjie.review.publication.view`."""
    files: ProjectFiles = field(default_factory=ProjectFiles)
    """Symbolic links that leave the project: reported, and never read."""
    pages: list[Path] = field(default_factory=list)
    """The Markdown pages MkDocs builds (see :func:`zongjie.data.files.page_files`)."""
    failed: set[str] = field(default_factory=set)
    """Catalogues that exist but did not load (``units``, ``resources``, campaign ids): their
    own errors are the cause, so ids missing from them are not reported again."""
    unreadable: set[str] = field(default_factory=set)
    """Pages (paths inside ``docs/``) too large or not UTF-8: reported, never built or checked."""

    def failure(self, name: str) -> list[Problem]:
        """The errors that made a catalogue fail: ``units``, ``resources`` or a campaign id."""
        if name == "units":
            files = [self.data_dir / UNITS_FILE]
        elif name == "resources":
            files = [self.data_dir / RESOURCES_FILE]
        else:
            files = [self.data_dir / CAMPAIGNS_DIR / f"{name}{ext}" for ext in (".yml", ".yaml")]
        paths = {relpath(f, self.root) for f in files}
        return [p for p in self.log.errors if p.path in paths]

    def page_src(self, path: Path) -> str:
        return path.relative_to(self.docs_dir).as_posix()

    def page_skipped(self, src_uri: str) -> bool:
        """A page no page rule looks at: unreadable, behind a blocked link, or a report whose
        data file failed (that file's own error says why; markers would only add noise)."""
        return (
            src_uri in self.unreadable
            or not self.files.allowed(self.docs_dir / src_uri)
            or self.page_data_failed(src_uri)
        )

    def report_for_page(self, src_uri: str) -> ReportEntry | None:
        parts = src_uri.split("/")
        if len(parts) == 3 and parts[0] == DOCS_CAMPAIGNS and parts[2].endswith(".md"):
            return self.reports.get((parts[1], parts[2][:-3]))
        return None

    def page_data_failed(self, src_uri: str) -> bool:
        """A report or campaign page whose data file exists but did not load.

        That file already has its own error; its page's markers need not add more.
        """
        parts = src_uri.split("/")
        if len(parts) != 3 or parts[0] != DOCS_CAMPAIGNS or not parts[2].endswith(".md"):
            return False
        if parts[2] == "index.md":
            found, base = parts[1] in self.campaigns, self.data_dir / CAMPAIGNS_DIR / parts[1]
        else:
            found = (parts[1], parts[2][:-3]) in self.reports
            base = self.data_dir / REPORTS_DIR / parts[1] / parts[2][:-3]
        return not found and any(
            base.with_name(base.name + ext).exists() for ext in (".yml", ".yaml")
        )

    def campaign_for_page(self, src_uri: str) -> CampaignEntry | None:
        parts = src_uri.split("/")
        if len(parts) == 3 and parts[0] == DOCS_CAMPAIGNS and parts[2] == "index.md":
            return self.campaigns.get(parts[1])
        return None

    def reports_using(self, resource_id: str) -> list[ReportEntry]:
        return [r for r in self.reports.values() if resource_id in r.report.resources]

    def missing_reports(self, campaign_id: str) -> list[Unit]:
        """Units that reported in some campaign but not in this one (a withheld report, e.g. a
        draft, is not missing: the unit has reported, it is not approved yet)."""
        reporting = {u for (_, u) in self.reports} | {u for (_, u) in self.withheld}
        done = {r.unit_id for r in self.campaigns[campaign_id].reports}
        done |= {uid for (cid, uid) in self.withheld if cid == campaign_id}
        return [u for uid, u in self.units.items() if uid in reporting and uid not in done]

    def withheld_reports(self, campaign_id: str) -> list[tuple[Unit, str]]:
        """Units of this campaign whose report this view leaves out, and why (草稿, 待审)."""
        return sorted(
            (
                (self.units[uid], why)
                for (cid, uid), why in self.withheld.items()
                if cid == campaign_id
            ),
            key=lambda pair: pair[0].id,
        )


def load_content(root: Path, data_dir: Path | None = None, docs_dir: Path | None = None) -> Content:
    root = root.resolve()
    data, docs = data_dir or root / "data", docs_dir or root / "docs"
    files = check_links(root, [*(root / name for name in LINKED_FOLDERS), data, docs])
    content = Content(root, data.resolve(), docs.resolve(), files=files)
    for problem in files.problems:
        content.log.add(problem)
    # A data or docs folder that is itself a link out of the project is not read at all.
    _Loader(content).run(read_data=files.allowed(data), read_docs=files.allowed(docs))
    if files.allowed(docs) and docs.is_dir():  # pages or scripts MkDocs would copy as they are
        for problem in executable_files(docs.resolve(), root, files):
            content.log.add(problem)
    return content


class _Loader:
    def __init__(self, content: Content):
        self.c = content
        self.log = content.log

    def rel(self, path: Path) -> str:
        return relpath(path, self.c.root)

    def file_error(self, where: Path | str, problem: str, **names: str) -> None:
        """One of :data:`FILE_PROBLEMS`, at the first line of ``where``."""
        path = where if isinstance(where, str) else self.rel(where)
        message, field, hint = (text.format(**names) for text in FILE_PROBLEMS[problem])
        self.log.error(path, 1, message, field=field, hint=hint)

    def run(self, read_data: bool = True, read_docs: bool = True) -> None:
        data = self.c.data_dir
        if not read_data:
            return
        if not data.is_dir():
            self.file_error(data, "no-data-dir")
            return
        self.load_units(data / UNITS_FILE)
        self.load_resources(data / RESOURCES_FILE)
        self.load_campaigns(data / CAMPAIGNS_DIR)
        self.load_reports(data / REPORTS_DIR)
        if read_docs:
            self.check_narratives()

    # -- generic -----------------------------------------------------------

    def read(self, path: Path, model: type[M]) -> tuple[M | None, YamlDocument | None]:
        """A validated data file, or ``None`` (its problems logged); ``None`` for a file behind
        a blocked link too, which is never read."""
        if not self.c.files.allowed(path):
            return None, None
        try:
            doc = load_yaml(path, self.c.root)
        except YamlError as exc:
            for problem in exc.problems:
                self.log.add(problem)
            return None, None
        for problem in [*doc.warnings, *doc.errors]:
            self.log.add(problem)
        obj, problems = validate(model, doc)
        explained = {p.field for p in doc.errors}
        for problem in problems:
            if problem.field not in explained:  # already said, in the words of the load error
                self.log.add(problem)
        if doc.errors:
            return None, doc
        return obj, doc  # type: ignore[return-value]

    def unique(
        self, items: Iterable[M], doc: YamlDocument, list_key: str, what: str
    ) -> dict[str, M]:
        seen: dict[str, int] = {}
        out: dict[str, M] = {}
        for i, item in enumerate(items):
            item_id = item.id  # type: ignore[attr-defined]
            line = doc.line_of((list_key, i, "id"))[0]
            if item_id in seen:
                self.log.error(
                    doc.path,
                    line,
                    f"{what} id “{item_id}”重复（第 {seen[item_id]} 行已定义）",
                    field=f"{list_key}[{i}].id",
                    hint="每个 id 只能出现一次；改用新的 id",
                )
                continue
            seen[item_id] = line
            out[item_id] = item
        return out

    # -- catalogues --------------------------------------------------------

    def load_units(self, path: Path) -> None:
        if not path.exists():
            self.file_error(path, "no-units-file")
            return
        self.c.units = self.load_catalogue(path, UnitCatalogue, "units", "单位")

    def load_resources(self, path: Path) -> None:
        if path.exists():  # a site without a resource catalogue is fine
            self.c.resources = self.load_catalogue(path, ResourceCatalogue, "resources", "学习资源")

    def load_catalogue(self, path: Path, model: type[M], key: str, what: str) -> dict[str, Any]:
        """The items of ``units.yml`` or ``resources.yml`` by id; a file that fails is noted in
        ``Content.failed`` under ``key``."""
        cat, doc = self.read(path, model)
        if cat is None or doc is None:
            self.c.failed.add(key)
            return {}
        return self.unique(getattr(cat, key), doc, key, what)

    def load_campaigns(self, folder: Path) -> None:
        for path in _data_files(folder):
            cid = path.name.rsplit(".", 1)[0]
            if not _ID.match(cid):
                self.file_error(path, "bad-campaign-file-name", cid=cid)
                continue
            campaign, doc = self.read(path, Campaign)
            if campaign and doc:
                self.unique(campaign.metrics, doc, "metrics", "指标")
                self.c.campaigns[cid] = CampaignEntry(cid, campaign, doc)
            else:
                self.c.failed.add(cid)

    # -- reports -----------------------------------------------------------

    def load_reports(self, folder: Path) -> None:
        if not folder.is_dir():
            return
        for cdir in sorted(p for p in folder.iterdir() if p.is_dir() and self.c.files.allowed(p)):
            entry = self.c.campaigns.get(cdir.name)
            for path in _data_files(cdir):
                rel = self.rel(path)
                uid = path.name.rsplit(".", 1)[0]
                if cdir.name in self.c.failed or (
                    "units" in self.c.failed and uid not in self.c.units
                ):
                    self.read(path, Report)  # its own mistakes; the catalogue's are the cause
                    continue
                if entry is None:
                    known = ", ".join(self.c.campaigns) or "（无）"
                    self.file_error(rel, "unknown-campaign-dir", cid=cdir.name, known=known)
                    continue
                if uid not in self.c.units:
                    self.file_error(rel, "unknown-unit-file", uid=uid)
                    continue
                report, doc = self.read(path, Report)
                if report is None or doc is None:
                    continue
                values = metric_values(report, entry.campaign)
                item = ReportEntry(cdir.name, uid, report, doc, values)
                self.check_report(item, entry.campaign)
                self.c.reports[item.key] = item
                entry.reports.append(item)

    def check_report(self, item: ReportEntry, campaign: Campaign) -> None:
        r, path = item.report, item.doc.path
        metric_ids = {m.id for m in campaign.metrics}
        for key in r.metrics:
            line = item.line("metrics", key)
            if key not in metric_ids:
                self.log.error(
                    path,
                    line,
                    f"活动“{campaign.display_title}”没有指标“{key}”",
                    field=f"metrics.{key}",
                    hint=f"可用的指标：{', '.join(sorted(metric_ids))}",
                )
        for metric in campaign.metrics:
            explicit = r.metrics.get(metric.id)
            if metric.derive is not None and explicit is not None:
                derived = derive(r, metric.derive)
                if derived is not None and derived != explicit:
                    self.log.error(
                        path,
                        item.line("metrics", metric.id),
                        f"{metric.label}写的是 {explicit}{metric.measure}，"
                        f"但列表合计为 {derived}{metric.measure}",
                        field=f"metrics.{metric.id}",
                        hint="删除这里的数字让系统自动统计，或修正列表",
                    )
            elif metric.derive is None and explicit is None:
                self.log.warning(
                    path,
                    item.line("metrics"),
                    f"未填写指标“{metric.label}”（{metric.id}），总览表中将显示为“—”",
                    field=f"metrics.{metric.id}",
                    hint=f"在 metrics: 下添加 {metric.id}: 数值",
                )
        if r.shishi_count is not None and r.shishi and r.shishi_count != len(r.shishi):
            self.log.error(
                path,
                item.line("shishi_count"),
                f"办实事件数写的是 {r.shishi_count}，但 shishi 列出了 {len(r.shishi)} 项",
                field="shishi_count",
                hint="删除 shishi_count 让系统按列表计数，或补全列表",
            )
        self.check_shishi_status(item)
        for i, group in enumerate(r.rectification):
            self.check_rectification_group(item, i, group)
        for i, rid in enumerate(r.resources):
            if rid not in self.c.resources and "resources" not in self.c.failed:
                self.log.error(
                    path,
                    item.line("resources", i),
                    f"未知的学习资源 id “{rid}”",
                    field=f"resources[{i}]",
                    hint="先在 data/resources.yml 中登记，或检查拼写",
                )
        for i, loc in enumerate(r.待核实):
            line, col = item.doc.line_of(parse_dotted(loc))
            self.log.warning(
                path,
                line,
                f"“{loc}”是从原文推测出的数值，尚待核实",
                field=f"待核实[{i}]",
                col=col,
                hint="对照原文核实（必要时修改）该数值后，从“待核实”列表中删除这一项",
            )
        self.check_dates(item, campaign)
        self.check_review(item)

    def check_shishi_status(self, item: ReportEntry) -> None:
        r, path = item.report, item.doc.path
        if r.shishi_status is None:
            return
        line = item.line("shishi_status")
        if r.shishi:
            self.log.error(
                path,
                line,
                "已逐项列出 shishi 时不能再填写 shishi_status 统计（状态按条目统计）",
                field="shishi_status",
                hint="删除 shishi_status，在每一项的 status 中写明状态",
            )
        elif r.shishi_count is not None and r.shishi_status.total != r.shishi_count:
            self.log.error(
                path,
                line,
                f"办实事各状态合计 {r.shishi_status.total} 件，"
                f"与 shishi_count {r.shishi_count} 不一致",
                field="shishi_status",
                hint="已完成 + 推进中 + 常态化 应等于 shishi_count",
            )

    def check_rectification_group(
        self, item: ReportEntry, i: int, group: RectificationGroup
    ) -> None:
        def flag(key: str, message: str, hint: str, severity: Severity = "error") -> None:
            loc = ("rectification", i, key) if key else ("rectification", i)
            field = f"rectification[{i}]" + (f".{key}" if key else "")
            problem = Problem(item.doc.path, item.line(*loc), message, field, hint)
            self.log.add(replace(problem, severity=severity))

        status_total = group.status.total if group.status else None
        if group.items and group.count is not None and group.count != len(group.items):
            flag(
                "count",
                f"问题数写的是 {group.count}，但 items 列出了 {len(group.items)} 个",
                "删除 count 让系统按列表计数，或补全列表",
            )
        if group.items and group.status is not None:
            flag(
                "status",
                "已逐条列出 items 时不能再填写 status 统计（状态按条目统计）",
                "删除 status",
            )
        elif status_total is not None and group.count is not None and status_total != group.count:
            flag(
                "status",
                f"各状态合计 {status_total}，与问题数 {group.count} 不一致",
                "已整改 + 整改中 + 常态化 应等于 count",
            )
        if not group.items and group.count is None and group.status is None:
            flag("", "整改条目既没有 count，也没有 items 或 status", "至少填写 count（问题数）")
        if group.count and not group.items and group.status is None:
            # Reported at the count, about the missing status.
            problem = Problem(
                item.doc.path,
                item.line("rectification", i, "count"),
                "只填写了问题数，未说明整改状态",
                f"rectification[{i}].status",
                "添加 status: {已整改: n, 整改中: n, 常态化: n}",
                severity="warning",
            )
            self.log.add(problem)

    def check_review(self, item: ReportEntry) -> None:
        """The review fields agree with the status (who approved what, and when)."""
        r = item.report

        def flag(at: str, message: str, key: str, hint: str) -> None:
            self.log.error(item.doc.path, item.line(at), message, field=key, hint=hint)

        if r.status == "已审定":
            for key, other in (("reviewed_by", "reviewed_on"), ("reviewed_on", "reviewed_by")):
                if getattr(r, key) is None:
                    at = other if getattr(r, other) is not None else "status"
                    flag(
                        at,
                        f"已审定的报告缺少 {key}",
                        key,
                        "用 zongjie approve 审定，它会填写审定人和审定日期",
                    )
        else:
            for key in ("reviewed_by", "reviewed_on", "reviewed_digest"):
                if getattr(r, key) is not None:
                    flag(
                        key,
                        f"状态为“{r.status}”的报告不应有 {key}",
                        key,
                        "审定信息只属于已审定的报告：删除这一行，或用 zongjie approve 审定",
                    )
        for key, label in REVIEW_DATES.items():
            day = getattr(r, key)
            if day is not None and day > self.c.today:
                flag(
                    key,
                    f"{label} {day} 晚于今天（{self.c.today}）",
                    key,
                    "审定和提交日期不能是将来的日期；检查年份和月份",
                )
        if r.reviewed_on and r.submitted_on and r.reviewed_on < r.submitted_on:
            flag(
                "reviewed_on",
                f"审定日期 {r.reviewed_on} 早于提交日期 {r.submitted_on}",
                "reviewed_on",
                "先提交后审定：检查两个日期",
            )
        if r.reviewed_on and r.reviewed_on < r.date:
            flag(
                "reviewed_on",
                f"审定日期 {r.reviewed_on} 早于报告的落款日期 {r.date}",
                "reviewed_on",
                "先成文后审定：检查两个日期",
            )

    def check_dates(self, item: ReportEntry, campaign: Campaign) -> None:
        period = campaign.period
        r = item.report
        dated: list[tuple[tuple[int | str, ...], dt.date | None]] = [(("date",), r.date)]
        lists: tuple[tuple[str, Sequence[Activity | Training | Outreach | ShishiItem]], ...] = (
            ("activities", r.activities),
            ("trainings", r.trainings),
            ("outreach", r.outreach),
            ("shishi", r.shishi),
        )
        for key, rows in lists:
            dated += [((key, i, "date"), row.date) for i, row in enumerate(rows)]
        for loc, day in dated:
            if day is not None and day not in period:
                self.log.error(
                    item.doc.path,
                    item.line(*loc),
                    f"日期 {day} 不在活动期间 {period.start} 至 {period.end} 内",
                    field=".".join(str(p) for p in loc),
                    hint="检查年份是否写错；或确认此条是否属于本次学习教育",
                )

    # -- narratives ----------------------------------------------------------

    def check_narratives(self) -> None:
        """Every report has both halves: YAML facts and Markdown narrative."""
        docs = self.c.docs_dir / DOCS_CAMPAIGNS
        self.c.pages = page_files(self.c.docs_dir, self.c.files)
        for md in self.c.pages:
            try:  # MkDocs would stop with a traceback on a GBK page; say which file and line
                _, warnings = read_text(md, self.rel(md))
            except YamlError as exc:
                self.c.unreadable.add(self.c.page_src(md))
                self.log.add(exc.problem)
                continue
            for warning in warnings:
                self.log.add(warning)
        for item in self.c.reports.values():
            if not (self.c.docs_dir / item.page_src).exists():
                page = self.rel(self.c.docs_dir / item.page_src)
                self.file_error(
                    item.doc.path,
                    "report-without-narrative",
                    page=page,
                    cid=item.campaign_id,
                    uid=item.unit_id,
                )
        for entry in self.c.campaigns.values():
            if not (self.c.docs_dir / entry.page_src).exists():
                page = self.rel(self.c.docs_dir / entry.page_src)
                self.file_error(entry.doc.path, "campaign-without-index", page=page)
        if not docs.is_dir():
            return
        built = set(self.c.pages)
        for md in sorted(docs.glob("*/*.md")):
            if md.name == "index.md" or md not in built:
                continue
            cid, uid = md.parent.name, md.stem
            if (
                (cid, uid) not in self.c.reports
                and cid in self.c.campaigns
                and not self._report_failed(cid, uid)
            ):
                self.file_error(md, "narrative-without-data", cid=cid, uid=uid)

    def _report_failed(self, cid: str, uid: str) -> bool:
        """A YAML that exists but failed validation already has its own error."""
        return any(
            (self.c.data_dir / REPORTS_DIR / cid / f"{uid}{ext}").exists()
            for ext in (".yml", ".yaml")
        )


def _data_files(folder: Path) -> list[Path]:
    """The YAML files of a data folder (``.yml`` or ``.yaml``), hidden ones excepted."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.suffix in (".yml", ".yaml") and not p.name.startswith(".")
    )


def check_report(content: Content, item: ReportEntry) -> list[Problem]:
    """The checks ``load_content`` runs on each report, for a report read from elsewhere (an
    import), before it is written: the same rules, reported at ``item.doc``'s locations."""
    loader = _Loader(content)
    loader.log = ProblemLog()
    loader.check_report(item, content.campaigns[item.campaign_id].campaign)
    return loader.log.problems
