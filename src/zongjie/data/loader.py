"""Read every data file and page of a project into :class:`~zongjie.data.content.Content`.

The loader decides which files are content: the catalogues, each campaign, each report whose
campaign and unit exist, each page MkDocs builds, and that every report has both halves (data
and narrative). It validates each file against its schema and never stops at the first
problem. What the data must agree with (counts, dates, review fields) is the rules layer's,
which runs on each report as it is loaded (``check_report``), so problems keep file order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from zongjie import layout as paths
from zongjie.data.content import CampaignEntry, Content, ReportEntry
from zongjie.data.docs_assets import unpublishable_files
from zongjie.data.files import check_links, page_files
from zongjie.data.metrics import metric_values
from zongjie.data.models import (
    ID_PATTERN,
    Campaign,
    Report,
    ResourceCatalogue,
    UnitCatalogue,
)
from zongjie.data.schema_errors import validate
from zongjie.data.tree import build_tree
from zongjie.data.yamlfile import YamlDocument, YamlError, load_yaml, prefetch, read_text
from zongjie.errors import Problem
from zongjie.layout import ProjectLayout

_ID = re.compile(ID_PATTERN)
M = TypeVar("M", bound=BaseModel)
ReportCheck = Callable[[Content, ReportEntry], list[Problem]]
"""The rules run on each report as it is loaded (:func:`zongjie.rules.load` passes them)."""

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
    "report-of-grouping-organisation": (
        "“{uid}”在单位名录中写着 reports: false（只汇总下级，不报送），却有报告",
        "文件名",
        "这个组织也要报送时删除 data/units.yml 中它的 reports: false；否则删除这份报告",
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


STRAY_HINT = (
    "每份报告只保留一个数据文件 data/reports/<活动>/<单位>.yml；备份请移出项目（git 已保存历史）"
)
CAMPAIGN_STRAY_HINT = (
    "每项活动只保留一个定义文件 data/campaigns/<活动>.yml；备份请移出项目（git 已保存历史）"
)


def load_content(layout: ProjectLayout, check_report: ReportCheck | None = None) -> Content:
    files = check_links(layout.root, layout.linked_folders, docs=layout.docs_dir)
    content = Content(layout, files=files)
    for problem in files.problems:
        content.log.add(problem)
    # A data or docs folder that is itself a link out of the project is not read at all.
    _Loader(content, check_report).run(
        read_data=files.allowed(layout.data_dir), read_docs=files.allowed(layout.docs_dir)
    )
    docs = layout.docs_dir
    if files.allowed(docs) and docs.is_dir():  # pages or scripts MkDocs would copy as they are
        for problem in unpublishable_files(docs, layout.root, files):
            content.log.add(problem)
    return content


class _Loader:
    def __init__(self, content: Content, check_report: ReportCheck | None):
        self.c = content
        self.log = content.log
        self.check_report = check_report

    def rel(self, path: Path) -> str:
        return self.c.rel(path)

    def file_error(self, where: Path | str, problem: str, **names: str) -> None:
        """One of :data:`FILE_PROBLEMS`, at the first line of ``where``."""
        path = where if isinstance(where, str) else self.rel(where)
        message, field, hint = (text.format(**names) for text in FILE_PROBLEMS[problem])
        self.log.error(path, 1, message, field=field, hint=hint, code=problem)

    def run(self, read_data: bool = True, read_docs: bool = True) -> None:
        layout = self.c.layout
        if not read_data:
            return
        if not layout.data_dir.is_dir():
            self.file_error(layout.data_dir, "no-data-dir")
            return
        self.stray_data(layout.data_dir)
        self.load_units(layout.units_file)
        self.load_resources(layout.resources_file)
        self.load_campaigns(layout.campaigns_dir)
        self.load_reports(layout.reports_dir)
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
                    code="duplicate-id",
                )
                continue
            seen[item_id] = line
            out[item_id] = item
        return out

    # -- catalogues --------------------------------------------------------

    def load_units(self, path: Path) -> None:
        if not path.exists():
            self.file_error(path, "no-units-file")
            self.c.tree = build_tree(None, [])
            return
        catalogue, doc = self.read(path, UnitCatalogue)
        self.c.units_doc = doc
        if catalogue is None or doc is None:
            self.c.failed.add("units")
            self.c.tree = build_tree(None, [])
            return
        self.c.top = catalogue.root
        self.c.units = self.unique(catalogue.units, doc, "units", "单位")
        self.c.tree = build_tree(catalogue, self.c.units.values())

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
        if folder.is_dir():
            self.stray_files(folder, "活动")
        for path in paths.data_files(folder):
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
        self.loose_reports(folder)
        cdirs = sorted(p for p in folder.iterdir() if p.is_dir() and self.c.files.allowed(p))
        files = [f for d in cdirs for f in paths.data_files(d) if self.c.files.allowed(f)]
        prefetch(files, self.c.root)  # on both cores what no earlier build has kept
        for cdir in cdirs:
            entry = self.c.campaigns.get(cdir.name)
            self.stray_files(cdir)
            for path in paths.data_files(cdir):
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
                if not self.c.units[uid].reports:
                    self.file_error(rel, "report-of-grouping-organisation", uid=uid)
                    continue
                report, doc = self.read(path, Report)
                if report is None or doc is None:
                    continue
                values = metric_values(report, entry.campaign)
                item = ReportEntry(cdir.name, uid, report, doc, values)
                if self.check_report is not None:
                    for problem in self.check_report(self.c, item):
                        self.log.add(problem)
                self.c.reports[item.key] = item
                entry.reports.append(item)

    def stray_data(self, folder: Path) -> None:
        """``data/`` holds the two catalogues and three folders: a copy beside them
        (``units - 副本.yml``) is read by nobody, and its editor would think it is in use."""
        known = {paths.UNITS_FILE, paths.RESOURCES_FILE}
        folders = {paths.CAMPAIGNS_DIR, paths.REPORTS_DIR, paths.SCHEMA_DIR}
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or not self.c.files.allowed(path):
                continue
            if path.name in (folders if path.is_dir() else known) or path.name.lower() in (
                "readme.md",
                "readme.txt",
            ):
                continue
            what = "文件夹" if path.is_dir() else "文件"
            self.log.add(Problem(self.rel(path), 1, f"data/ 中的{what}“{path.name}”不会被读取："
                                 f"这里只有 {'、'.join(sorted(known))} 和 "
                                 f"{'、'.join(sorted(folders))}/ 文件夹",
                                 field="文件", hint=STRAY_HINT))  # fmt: skip

    def stray_files(self, folder: Path, what: str = "报告") -> None:
        """Every entry of a data folder is a data file or an error: a backup copy
        (``x.yml.bak``, ``x - 副本.yml``), a second file of the same report or campaign
        (``x.yml`` and ``x.yaml``) or a folder in it would otherwise be skipped, or counted,
        without a word."""
        hint = STRAY_HINT if what == "报告" else CAMPAIGN_STRAY_HINT
        stems: dict[str, Path] = {}
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or not self.c.files.allowed(path):
                continue
            rel = self.rel(path)
            if path.is_dir() and not path.is_symlink():
                self.log.add(Problem(rel, 1, f"{what}文件夹中的文件夹“{path.name}”不会被读取："
                                     f"{what}数据文件直接放在 {self.rel(folder)}/ 中",
                                     field="文件", hint=hint))  # fmt: skip
                continue
            if not paths.is_data_file(path):
                self.log.add(Problem(rel, 1, f"{what}文件夹中的“{path.name}”不是{what}数据文件"
                                     "（只读取 .yml 或 .yaml）：它不会被读取，也不会计入合计",
                                     field="文件", hint=hint))  # fmt: skip
                continue
            stem = path.name.rsplit(".", 1)[0]
            if stem in stems:
                # Reported at the copy that is not the usual .yml (the one an editor added).
                kept, extra = sorted((stems[stem], path), key=lambda p: p.suffix != ".yml")
                self.log.add(Problem(self.rel(extra), 1,
                                     f"同一份{what}有两个数据文件：{kept.name} 和 {extra.name}",
                                     field="文件", hint=hint))  # fmt: skip
            stems.setdefault(stem, path)

    def loose_reports(self, folder: Path) -> None:
        """``data/reports/`` holds one folder per campaign: a report file beside them belongs
        to no campaign and would be read by nobody."""
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.is_dir() or not self.c.files.allowed(path):
                continue
            known = "、".join(self.c.campaigns) or "（无）"
            self.log.add(Problem(self.rel(path), 1,
                                 f"“{path.name}”直接放在 {self.rel(folder)}/ 中，不属于任何活动："
                                 "它不会被读取，也不会计入合计",
                                 field="文件",
                                 hint=f"报告数据文件放在 {self.rel(folder)}/<活动 id>/ 中"
                                 f"（已有的活动：{known}）"))  # fmt: skip

    # -- narratives ----------------------------------------------------------

    def check_narratives(self) -> None:
        """Every report has both halves: YAML facts and Markdown narrative."""
        docs = self.c.docs_dir / paths.CAMPAIGNS_DIR
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
        return paths.existing_data_file(self.c.layout.reports_dir / cid, uid) is not None
