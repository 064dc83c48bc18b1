"""Typed schemas for every data file under ``data/``.

Each model forbids unknown keys so that a typo ("shishi_items") is an error, not
a silently ignored field. Counts that can be derived from lists are derived;
where a file gives both, :mod:`zongjie.rules.report` checks they agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

# Ids become URL segments and file names, so they are restricted to a safe
# alphabet: this is also what stops "../../etc/passwd" from ever reaching a path.
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"
DIGEST_PATTERN = r"^[0-9a-f]{16}$"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
# Strict: YAML 1.1 reads an unquoted yes/on as true, which pydantic would otherwise count as 1.
Count = Annotated[int, Field(ge=0, le=10_000_000, strict=True)]

RectificationStatus = Literal["已整改", "整改中", "常态化"]
ReviewStatus = Literal["草稿", "待审", "已审定", "退回"]
"""草稿 (being written) → 待审 (submitted for review) → 已审定 (approved: published to readers);
退回: sent back with a reason, to be changed and submitted again (never published)."""
HistoryStep = Literal["提交", "退回", "初审", "审定", "撤回"]
"""初审: the parent organisation's approval before the campaign office's (审定, 终审);
撤回: an approved report returned, so withdrawn from readers until approved again."""
Visibility = Literal["公开", "内部"]
"""公开: every reader; 内部: signed-in readers only, under the site's restricted prefix."""
ShishiStatus = Literal["已完成", "推进中", "常态化"]
RECTIFICATION_STATUSES: tuple[RectificationStatus, ...] = get_args(RectificationStatus)
"""In the order tables list them."""
REVIEW_STATUSES: tuple[ReviewStatus, ...] = get_args(ReviewStatus)
SHISHI_STATUSES: tuple[ShishiStatus, ...] = get_args(ShishiStatus)
ResourceKind = Literal["书籍", "讲话", "文件", "影视", "平台", "其他"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- campaigns -------------------------------------------------------------


class Period(Model):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"结束日期 {self.end} 早于开始日期 {self.start}")
        return self

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


MetricSource = Literal[
    "activities",  # sum of activity counts of one kind (needs ``kind``)
    "trainings",  # sum of training participants
    "outreach_sites",  # sum of sites visited
    "distributed",  # sum of copies (册/件) handed out
    "shishi",  # number of 办实事 items
    "problems",  # problems found, over all rectification groups
    "rectified",  # problems with status 已整改 (常态化 means still being worked on)
]


class MetricDerivation(Model):
    source: MetricSource
    kind: Text | None = None
    """For ``source: activities``: the activity kind to count, e.g. 党组会议."""

    @model_validator(mode="after")
    def _kind_only_for_activities(self) -> MetricDerivation:
        if self.source == "activities" and not self.kind:
            raise ValueError("source 为 activities 时必须给出 kind（活动类型）")
        if self.source != "activities" and self.kind:
            raise ValueError("只有 source 为 activities 时才能给出 kind")
        return self


class Metric(Model):
    id: Id
    label: Text
    """Column heading in tables, e.g. 党组会议."""
    measure: Annotated[str, StringConstraints(min_length=1, max_length=4)]
    """Measure word shown after the number: 次, 个, 人, 册, 件."""
    target: Count | None = None
    """Optional per-unit target; overview cells below it are flagged."""
    derive: MetricDerivation | None = None
    """How to compute the value from a report's lists; omit for a value typed in ``metrics:``."""
    chart: bool = False
    """Show a bar chart of this metric per unit on the campaign page."""


class Campaign(Model):
    title: Text
    """Full title, e.g. 党史学习教育."""
    short_title: Text | None = None
    year: Annotated[int, Field(ge=1921, le=2100, strict=True)]
    period: Period
    lead: Text | None = None
    """One-line description shown on the home page."""
    outline: list[Text] = Field(min_length=1)
    """Report outline: the level-2 headings every report of this campaign follows."""
    metrics: list[Metric] = Field(min_length=1)
    visibility: Visibility = "公开"
    """内部: the whole campaign (its page and every report) is for signed-in readers only."""
    first_review: bool = False
    """初审: each report is approved first by the organisation directly above its unit (the
    top for a unit right under it), then by the campaign office (终审), which alone
    publishes."""
    due: dt.date | None = None
    """报送截止: the day every report should be submitted by (``zongjie review``, ``stats`` and
    ``remind`` count the days overdue from it); none for a campaign without a deadline."""
    due_by_level: dict[Text, dt.date] = {}
    """A deadline of its own per level of the tree, keyed by the names of ``levels`` in units.yml,
    e.g. ``{县区: 2021-12-20}``: a unit at that level is due then instead of on ``due``."""
    exclude: list[Id] = []
    """Units not expected to report in this campaign (merged, exempted): never 未报送."""

    @property
    def display_title(self) -> str:
        return f"{self.year}年{self.title}"

    def expects(self, unit: Unit) -> bool:
        """Whether ``unit`` is to report in this campaign: it files reports, is not excluded and
        was registered (``since``) before the campaign ended."""
        return (
            unit.reports
            and unit.id not in self.exclude
            and (unit.since is None or unit.since <= self.period.end)
        )


# --- units and resources -----------------------------------------------------


UnitKind = Literal[
    "党委", "党组", "机关", "群团", "省", "市", "区县", "乡镇街道", "企业", "学校", "其他"
]
UNIT_KINDS: tuple[UnitKind, ...] = get_args(UnitKind)


class Contact(Model):
    """A unit's contact for reminders: any of name, phone, email."""

    name: Text | None = None
    phone: Annotated[str, StringConstraints(min_length=3, max_length=40)] | None = None
    """Quoted in YAML (``phone: "0931-1234567"``), so a leading 0 stays."""
    email: Annotated[str, StringConstraints(pattern=EMAIL_PATTERN)] | None = None


class Unit(Model):
    """An entry of the organisation tree: a unit that reports, or an organisation that groups
    others (``reports: false``), or both (a county committee that reports and has units below)."""

    id: Id
    name: Text
    """Full name, e.g. 市文学艺术界联合会."""
    short_name: Text
    """Name in tables, e.g. 市文联."""
    kind: UnitKind
    parent: Text | None = None
    """The organisation directly above: the id of another entry, e.g. ``shi-xuanchuanbu``; none
    for an entry right under the top of the tree (``root``)."""
    reports: bool = True
    """False for an organisation that files no report of its own and only groups others."""
    reviewers: list[Text] = []
    """Who may give 初审 for the units directly below this organisation; anyone when empty."""
    since: dt.date | None = None
    """Registered on (登记日期): a campaign that ended before this day does not expect its report,
    so it is never listed as 未报送 there."""
    contact: Contact | None = None
    """Who to remind (催报联系人): for the editors' reminder lists only, never on the readers'
    site."""


class RootOrganisation(Model):
    """The top of the tree: whoever runs the campaign and sees every subtotal (市委, 省委…)."""

    name: Text = "全部单位"
    short_name: Text | None = None
    reviewers: list[Text] = []
    """The campaign office: who may approve (终审), and give 初审 for the units right under
    the top; anyone when empty."""


class UnitCatalogue(Model):
    root: RootOrganisation = RootOrganisation()
    levels: list[Text] = []
    """Names of the tree's levels below the top, e.g. ``[县区, 乡镇和部门, 单位]``: headings such as
    “各县区” come from them. A level without a name is called 下级."""
    units: list[Unit] = Field(min_length=1)


class Resource(Model):
    id: Id
    title: Text
    """Title without 《》, e.g. 中国共产党简史."""
    kind: ResourceKind
    author: Text | None = None
    publisher: Text | None = None
    year: Annotated[int, Field(ge=1800, le=2100, strict=True)] | None = None
    description: Text | None = None

    @property
    def display_title(self) -> str:
        if self.kind in ("书籍", "讲话", "文件", "影视"):
            return f"《{self.title}》"
        return self.title


class ResourceCatalogue(Model):
    resources: list[Resource] = Field(min_length=1)


# --- reports -----------------------------------------------------------------


class Activity(Model):
    kind: Text
    """Meeting or activity kind, e.g. 党组会议, 主题党日, 专题党课, 动员部署会."""
    count: Annotated[int, Field(ge=1, le=100_000, strict=True)] = 1
    title: Text | None = None
    date: dt.date | None = None
    participants: Count | None = None
    note: Text | None = None


class Training(Model):
    title: Text
    audience: Text | None = None
    """Who attended, e.g. 处级干部."""
    participants: Count
    sessions: Annotated[int, Field(ge=1, le=10_000, strict=True)] = 1
    """Number of 期 (course runs)."""
    date: dt.date | None = None


class Distribution(Model):
    item: Text
    count: Count
    measure: Annotated[str, StringConstraints(min_length=1, max_length=4)] = "件"
    volumes: Count | None = None
    """Total 册 when a 件 is a set of several volumes."""


class Outreach(Model):
    title: Text
    date: dt.date | None = None
    sites: Count = 0
    site_names: list[Text] = []
    distributed: list[Distribution] = []

    @property
    def site_count(self) -> int:
        return self.sites or len(self.site_names)


class ShishiItem(Model):
    title: Text
    date: dt.date | None = None
    beneficiaries: Text | None = None
    """Who benefited, e.g. 学生和僧人约300人."""
    status: ShishiStatus = "已完成"


class Counts(Model):
    """Numbers of items per status, when the items are not listed one by one."""

    常态化: Count = 0
    """Ongoing as a standing practice: both lists know this status."""

    @property
    def total(self) -> int:
        return sum(getattr(self, name) for name in type(self).model_fields)


class ShishiStatusCounts(Counts):
    """办实事 per status, e.g. ``{已完成: 20, 推进中: 4}`` for “已办结20件，4件正在推进”."""

    已完成: Count = 0
    """Done (已办结/已完成)."""
    推进中: Count = 0


class RectificationItem(Model):
    problem: Text
    category: Text | None = None
    measure: Text | None = None
    deadline: dt.date | None = None
    status: RectificationStatus


class StatusCounts(Counts):
    已整改: Count = 0
    整改中: Count = 0


class RectificationGroup(Model):
    source: Text
    """Where the problems came from, e.g. 巡回指导组反馈, 组织生活会, 支部自查."""
    measure: Annotated[str, StringConstraints(min_length=1, max_length=4)] = "个"
    """个 for problems, 类 for categories."""
    count: Count | None = None
    """Number of problems; derived from ``items`` or ``status`` when omitted."""
    status: StatusCounts | None = None
    """Status counts when items are not listed one by one."""
    items: list[RectificationItem] = []


class HistoryEntry(Model):
    """One review step, appended by ``zongjie submit``, ``return`` and ``approve``."""

    step: HistoryStep
    day: dt.date
    by: Text | None = None
    comment: Text | None = None

    @property
    def line(self) -> str:
        """As ``zongjie history``, the archive manifest and the PDF's XMP write it."""
        who = self.by or "（未记录）"
        return f"{self.day} {self.step} {who}" + (f"：{self.comment}" if self.comment else "")


class Report(Model):
    title: Text
    date: dt.date
    """Date of the report (落款日期)."""
    signed_by: Text | None = None
    """Name in the 落款 when it differs from the unit's full name."""
    metrics: dict[Id, Count] = {}
    """Values of metrics that have no list to derive them from (or explicit totals to check)."""
    activities: list[Activity] = []
    trainings: list[Training] = []
    outreach: list[Outreach] = []
    shishi: list[ShishiItem] = []
    shishi_count: Count | None = None
    """Explicit number of 办实事 items, checked against ``shishi`` when both are given."""
    shishi_status: ShishiStatusCounts | None = None
    """Status counts of the 办实事 items when they are not listed one by one."""
    rectification: list[RectificationGroup] = []
    resources: list[Id] = []
    待核实: list[Text] = []
    """Fields proposed by ``zongjie import`` and not yet checked by an editor, e.g. ``shishi_count``
    or ``activities[0].count``; ``zongjie check`` warns until each entry is deleted."""
    status: ReviewStatus = "草稿"
    """Only 已审定 reports reach readers; a report without a status is a draft."""
    submitted_on: dt.date | None = None
    """Set by ``zongjie submit``: since when the report waits for review."""
    reviewed_by: Text | None = None
    """Who approved it (``zongjie approve``); only for 已审定."""
    reviewed_on: dt.date | None = None
    """When it was approved; only for 已审定."""
    reviewed_digest: Annotated[str, StringConstraints(pattern=DIGEST_PATTERN)] | None = None
    """Fingerprint of the narrative and data as approved; any later edit shows as a change."""
    first_reviewed_by: Text | None = None
    """Who gave 初审 (``zongjie approve`` in a campaign with ``first_review``)."""
    first_reviewed_on: dt.date | None = None
    first_reviewed_digest: Annotated[str, StringConstraints(pattern=DIGEST_PATTERN)] | None = None
    """Fingerprint at 初审: an edit after it needs 初审 again."""
    returned_reason: Text | None = None
    """Why it was sent back (``zongjie return``); only for 退回."""
    returned_by: Text | None = None
    returned_on: dt.date | None = None
    returned_digest: Annotated[str, StringConstraints(pattern=DIGEST_PATTERN)] | None = None
    """Fingerprint when it was sent back: ``submit`` refuses it again until this changes."""
    history: list[HistoryEntry] = []
    """Every review step, oldest first."""
    visibility: Visibility = "公开"
    """内部: signed-in readers only (a report in an 内部 campaign is 内部 whatever this says)."""


SCHEMAS: dict[str, type[BaseModel]] = {
    "campaign": Campaign,
    "units": UnitCatalogue,
    "resources": ResourceCatalogue,
    "report": Report,
}
