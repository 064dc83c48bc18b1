"""The content of a campaign's overview and progress tables, computed once.

The page's HTML fragment and the .xlsx/.csv downloads are both made from these
tables, so a download can never disagree with the page it was taken from: same
rows in the same order, same totals, same cells flagged as below their target.
"""

from __future__ import annotations

from dataclasses import dataclass

from zongjie import layout as paths
from zongjie.data.content import Content
from zongjie.data.metrics import RectificationTotals, percent, rectification_totals
from zongjie.data.models import RECTIFICATION_STATUSES

STATUSES = RECTIFICATION_STATUSES


@dataclass(frozen=True)
class Column:
    label: str
    """Heading, e.g. 党组会议."""
    measure: str = ""
    """Measure word shown with the heading, e.g. 次; empty where the heading says it."""
    target: int | None = None
    """Per-unit target: cells below it are flagged."""
    percent: bool = False
    """Values are percentages (85.7 means 85.7%)."""


@dataclass(frozen=True)
class Cell:
    value: int | float | None
    """``None`` where the unit gave no value (shown as “—”)."""
    below_target: bool = False


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    report: tuple[str, str] | None = None
    """The (campaign, unit) report the row comes from; ``None`` for the 合计 row."""
    status: str = "已审定"
    """The report's review status; only the editors' preview has rows that are not 已审定."""

    @property
    def approved(self) -> bool:
        return self.status == "已审定"

    @property
    def marked_label(self) -> str:
        """The label with the status of a row not yet approved, for downloads (no styling)."""
        return self.label if self.approved else f"{self.label}（{self.status}）"


@dataclass(frozen=True)
class Table:
    name: str
    """Which table: ``overview`` or ``progress`` (also names the download files)."""
    campaign_id: str
    campaign_title: str
    title: str
    """What the table shows, e.g. 各单位数据总览; the full title is :attr:`full_title`."""
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    total: Row

    @property
    def full_title(self) -> str:
        return f"{self.campaign_title}{self.title}"

    def site_path(self, suffix: str) -> str:
        """Where the table's download (``xlsx`` or ``csv``) lies in the site."""
        return paths.table_download(self.campaign_id, self.name, suffix)

    @property
    def unapproved(self) -> bool:
        """Some rows are not yet approved (the editors' preview only)."""
        return any(not row.approved for row in self.rows)

    @property
    def targets(self) -> list[Column]:
        return [c for c in self.columns if c.target is not None]


def _cell(value: int | float | None, target: int | None = None) -> Cell:
    below = target is not None and value is not None and value < target
    return Cell(value, below)


def overview_table(content: Content, campaign_id: str) -> Table:
    """One row per reporting unit: every campaign metric, then the share of problems rectified."""
    entry = content.campaigns[campaign_id]
    metrics = entry.campaign.metrics
    reports = entry.reports_in_order()
    rows = []
    all_totals: list[RectificationTotals] = []
    for report in reports:
        totals = rectification_totals(report.report)
        all_totals.append(totals)
        cells = [_cell(report.values[m.id], m.target) for m in metrics]
        cells.append(Cell(totals.percent_rectified))
        rows.append(
            Row(
                content.units[report.unit_id].short_name,
                tuple(cells),
                report.key,
                report.report.status,
            )
        )
    sums = [Cell(sum(r.values[m.id] or 0 for r in reports)) for m in metrics]
    fixed = sum(t.已整改 for t in all_totals)
    sums.append(Cell(percent(fixed, sum(t.problems for t in all_totals))))
    columns = [Column(m.label, m.measure, m.target) for m in metrics]
    columns.append(Column("整改率", percent=True))
    return Table(
        "overview",
        campaign_id,
        entry.campaign.display_title,
        "各单位数据总览",
        tuple(columns),
        tuple(rows),
        Row(f"合计（{len(rows)} 个单位）", tuple(sums)),
    )


def progress_table(content: Content, campaign_id: str) -> Table:
    """One row per reporting unit: problems found, how many in each status, share rectified."""
    entry = content.campaigns[campaign_id]
    rows = []
    sums = [0] * (1 + len(STATUSES))
    for report in entry.reports_in_order():
        totals = rectification_totals(report.report)
        counts = [totals.problems, *(getattr(totals, s) for s in STATUSES)]
        sums = [a + b for a, b in zip(sums, counts, strict=True)]
        cells = (*(Cell(n) for n in counts), Cell(totals.percent_rectified))
        rows.append(
            Row(content.units[report.unit_id].short_name, cells, report.key, report.report.status)
        )
    columns = (Column("查摆问题"), *(Column(s) for s in STATUSES), Column("整改率", percent=True))
    total_cells = (*(Cell(n) for n in sums), Cell(percent(sums[1], sums[0])))
    return Table(
        "progress",
        campaign_id,
        entry.campaign.display_title,
        "各单位问题整改进度",
        columns,
        tuple(rows),
        Row(f"合计（{len(rows)} 个单位）", total_cells),
    )
