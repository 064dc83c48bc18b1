"""The fill-in workbook's layout (填报表): its sheets, their columns and what each cell holds.

``template`` writes workbooks from this description and ``workbook_reader`` reads them back by
it, so the two cannot drift apart. Every list sheet has a one-line introduction in row 1, the
headers in row 2 and one entry per row from row 3 on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from zongjie.data.models import RECTIFICATION_STATUSES, SHISHI_STATUSES

CellKind = Literal["text", "int", "date", "choice", "names", "resource", "kind"]
INTRO_ROW = 1
HEADER_ROW = 2
FIRST_ROW = 3
ROWS = 500
"""Rows below the headers that carry drop-downs and checks (pre-filled rows come on top)."""
NAME_SEPARATORS = "、，,；;"

PROBLEM_MEASURES = ("个", "类")


@dataclass(frozen=True)
class Col:
    header: str
    """Heading the unit sees (``*`` is added to required ones)."""
    field: str
    """Key in the report data; ``_no``/``_parent`` link a row to its group on another sheet."""
    kind: CellKind = "text"
    required: bool = False
    width: int = 14
    minimum: int = 0
    """Smallest whole number allowed (``int`` columns)."""
    choices: tuple[str, ...] = ()
    """Values offered in a drop-down (``choice`` columns)."""
    open_choice: bool = False
    """Other values than ``choices`` are allowed too (the drop-down only suggests)."""
    note: str = ""
    """Shown when the cell is selected (Excel's input message)."""
    in_period: bool = True
    """For ``date`` columns: the date must lie within the campaign period."""
    editable: bool = True
    """False for cells zongjie fills in (which campaign, which unit)."""

    @property
    def title(self) -> str:
        return f"{self.header}*" if self.required else self.header


@dataclass(frozen=True)
class ListSheet:
    name: str
    key: str
    """The report list the rows become (``activities``…), or the group list they belong to."""
    intro: str
    """Row 1: what goes on the sheet."""
    columns: tuple[Col, ...]
    parent: str = ""
    """For rows nested in another sheet's rows: that sheet's name (linked by 序号)."""

    def column(self, field: str) -> int:
        """1-based column of ``field``."""
        return next(i for i, c in enumerate(self.columns, start=1) if c.field == field)


DATE_NOTE = "日期，如 2021-03-26，须在活动期间内"
ACTIVITIES = ListSheet(
    "活动",
    "activities",
    "会议和活动：每类活动一行（填次数），或每次活动一行（填名称和日期）。带 * 的列必填。",
    (
        Col("类型", "kind", "kind", True, 16, note="从下拉列表选择，列表中没有的类型可直接输入"),
        Col("次数", "count", "int", False, 8, minimum=1, note="不填为 1 次"),
        Col("名称", "title", width=36),
        Col("日期", "date", "date", width=12, note=DATE_NOTE),
        Col("参加人数", "participants", "int", width=10),
        Col("备注", "note", width=30),
    ),
)
TRAININGS = ListSheet(
    "培训",
    "trainings",
    "培训：每个培训班一行。带 * 的列必填。",
    (
        Col("培训名称", "title", required=True, width=40),
        Col("培训对象", "audience", width=16),
        Col("参训人数", "participants", "int", True, 10),
        Col("期数", "sessions", "int", False, 8, minimum=1, note="不填为 1 期"),
        Col("日期", "date", "date", width=12, note=DATE_NOTE),
    ),
)
OUTREACH = ListSheet(
    "走访",
    "outreach",
    "走访、送书刊等：每次一行。赠送的书刊物品填在“赠阅”表，用序号对应。带 * 的列必填。",
    (
        Col("序号", "_no", "int", False, 8, minimum=1, note="“赠阅”表用这个序号对应本行"),
        Col("活动名称", "title", required=True, width=40),
        Col("日期", "date", "date", width=12, note=DATE_NOTE),
        Col("点位数", "sites", "int", width=10, note="不填则按点位名称的个数统计"),
        Col("点位名称", "site_names", "names", width=36, note="多个点位用顿号“、”分隔"),
    ),
)
DISTRIBUTED = ListSheet(
    "赠阅",
    "distributed",
    parent="走访",
    intro="走访中赠送的书刊物品：每种一行，“走访序号”对应“走访”表的序号。带 * 的列必填。",
    columns=(
        Col("走访序号", "_parent", "int", True, 10, minimum=1, note="“走访”表中对应那一行的序号"),
        Col("物品", "item", required=True, width=36),
        Col("数量", "count", "int", True, 10),
        Col("量词", "measure", width=8, note="件、册、套等，不填为“件”"),
        Col("合计册数", "volumes", "int", width=10, note="一件含多册时填写总册数"),
    ),
)
SHISHI = ListSheet(
    "办实事",
    "shishi",
    "“我为群众办实事”：每件实事一行。带 * 的列必填。",
    (
        Col("事项", "title", required=True, width=44),
        Col("日期", "date", "date", width=12, note=DATE_NOTE),
        Col("受益对象", "beneficiaries", width=24),
        Col("状态", "status", "choice", width=10, choices=SHISHI_STATUSES, note="不填为“已完成”"),
    ),
)
RECTIFICATION = ListSheet(
    "整改",
    "rectification",
    "问题查摆和整改：每个问题来源一行。逐条列出的问题填在“问题清单”表，用序号对应；"
    "不逐条列出时在本表填问题数和各状态的个数。带 * 的列必填。",
    (
        Col("序号", "_no", "int", False, 8, minimum=1, note="“问题清单”表用这个序号对应本行"),
        Col("问题来源", "source", required=True, width=36),
        Col(
            "计量",
            "measure",
            "choice",
            width=8,
            choices=PROBLEM_MEASURES,
            open_choice=True,
            note="个：问题；类：问题类别（不计入问题数）；也可填条、项等。不填为“个”",
        ),
        Col("问题数", "count", "int", width=10, note="逐条列出时可不填"),
        Col("已整改", "已整改", "int", width=10),
        Col("整改中", "整改中", "int", width=10),
        Col("常态化", "常态化", "int", width=10),
    ),
)
ITEMS = ListSheet(
    "问题清单",
    "items",
    intro="逐条列出的问题：每个问题一行，“来源序号”对应“整改”表的序号。带 * 的列必填。",
    columns=(
        Col("来源序号", "_parent", "int", True, 10, minimum=1, note="“整改”表中对应那一行的序号"),
        Col("类别", "category", width=16),
        Col("问题", "problem", required=True, width=40),
        Col("整改措施", "measure", width=36),
        Col("整改时限", "deadline", "date", width=12, note="日期，如 2021-09-30", in_period=False),
        Col("状态", "status", "choice", True, 10, choices=RECTIFICATION_STATUSES),
    ),
    parent="整改",
)
RESOURCES = ListSheet(
    "学习资源",
    "resources",
    "使用的学习资源：每项一行，从下拉列表选择（列表来自资源目录）。",
    (Col("学习资源", "resource", "resource", True, 48, note="从下拉列表选择"),),
)
LIST_SHEETS = (
    ACTIVITIES,
    TRAININGS,
    OUTREACH,
    DISTRIBUTED,
    SHISHI,
    RECTIFICATION,
    ITEMS,
    RESOURCES,
)
STATUS_FIELDS = RECTIFICATION_STATUSES


BASICS_SHEET = "基本信息"
BASICS_HEADERS = ("项目", "内容", "说明")
BASICS = (
    Col("活动", "_campaign", note="由系统填写，请勿修改", editable=False),
    Col("单位", "_unit", note="由系统填写；空白时在导入时指定单位", editable=False),
    Col("报告标题", "title", required=True, note="总结报告的标题"),
    Col("落款日期", "date", "date", True, note="报告落款的日期，如 2021-12-20，须在活动期间内"),
    Col("落款", "signed_by", note="落款与单位全称不同时填写，如 中共××党组"),
    Col("办实事件数", "shishi_count", "int", note="未在“办实事”表逐项列出时填写件数"),
)
"""The rows of the 基本信息 sheet: item, value, explanation."""
METRICS_SHEET = "指标"
METRICS_HEADERS = ("指标", "量词", "数值", "目标值", "统计方法")
METRIC_VALUE_COL = 3
INSTRUCTIONS_SHEET = "填写说明"
CHOICES_SHEET = "选项"
"""Hidden sheet with the drop-down lists that are too long to write into a validation."""
SHEET_ORDER = (
    INSTRUCTIONS_SHEET,
    BASICS_SHEET,
    METRICS_SHEET,
    *(s.name for s in LIST_SHEETS),
)
