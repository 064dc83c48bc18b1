"""The content of an organisation's overview and progress tables in a campaign, computed once.

A table covers one organisation of the tree (the top for the campaign page): a row for each
node below it that has a report in this view, in tree order, each organisation's row the
subtotal of everything under it, and a total. The page shows the rows right below the
organisation (:attr:`Table.page_rows`); the .xlsx/.csv downloads and the PDF volume show every
row, the downloads with Excel outline levels. Both are made from this table, so a download can
never disagree with the page it was taken from. Rates (整改率) come from summed counts, never
from averaging the rates below.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from zongjie import layout as paths
from zongjie.data.content import Content, ReportEntry
from zongjie.data.metrics import RectificationTotals, percent
from zongjie.data.models import RECTIFICATION_STATUSES
from zongjie.data.tree import ROOT

STATUSES = RECTIFICATION_STATUSES
RowKind = Literal["unit", "org", "own"]


@dataclass(frozen=True)
class Column:
    label: str
    """Heading, e.g. 党组会议."""
    measure: str = ""
    """Measure word shown with the heading, e.g. 次; empty where the heading says it."""
    target: int | None = None
    """Per-unit target: cells of units below it are flagged."""
    percent: bool = False
    """Values are percentages (85.7 means 85.7%)."""


@dataclass(frozen=True)
class Cell:
    value: int | float | None
    """``None`` where no report gave a value (shown as “—”)."""
    below_target: bool = False


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    report: tuple[str, str] | None = None
    """The (campaign, unit) report of a unit's row; ``None`` for subtotals and the 合计 row."""
    status: str = "已审定"
    """The report's review status; only the editors' preview has rows that are not 已审定."""
    node: str = ROOT
    """The tree node the row stands for (an organisation's subtotal, or a unit)."""
    depth: int = 0
    """1 for the rows right below the table's organisation; 0 for the 合计 row."""
    kind: RowKind = "unit"
    """``org``: a subtotal; ``own``: the organisation's own report (本级)."""
    reports: int = 1
    """Reports the row adds up."""
    path: str = ""
    """The organisations above the row's node, within the table, e.g. 城关区委 / 教育系统."""

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
    """Every row of the organisation's subtree, each organisation before what is under it."""
    total: Row
    org: str = ROOT
    org_name: str = ""
    """The organisation the table covers; empty for the top (the campaign's own table)."""

    @property
    def full_title(self) -> str:
        return f"{self.campaign_title}{self.org_name}{self.title}"

    @property
    def page_rows(self) -> tuple[Row, ...]:
        """The rows right below the organisation: what its page shows."""
        return tuple(r for r in self.rows if r.depth == 1)

    def site_path(self, suffix: str) -> str:
        """Where the table's download (``xlsx`` or ``csv``) lies in the site."""
        name = self.name if self.org == ROOT else f"{self.name}-{self.org}"
        return paths.table_download(self.campaign_id, name, suffix)

    @property
    def unapproved(self) -> bool:
        """Some rows are not yet approved (the editors' preview only)."""
        return any(not row.approved for row in self.rows)

    @property
    def targets(self) -> list[Column]:
        return [c for c in self.columns if c.target is not None]


# -- the tree walk shared by both tables --------------------------------------------------

Cells = Callable[[list[ReportEntry], bool], tuple[Cell, ...]]
"""A row's cells from the reports it adds up (``True``: a single unit's row, whose cells may be
flagged against their targets)."""


def _reports_by_unit(content: Content, campaign_id: str) -> dict[str, ReportEntry]:
    """The campaign's reports by unit, made once per content: every organisation's tables
    look their units up in it (thousands of tables at province scale)."""
    key = ("reports-by-unit", campaign_id, "")
    found = content.memo.get(key)
    if not isinstance(found, dict):
        found = content.memo[key] = {r.unit_id: r for r in content.campaigns[campaign_id].reports}
    return found


def _rows(content: Content, campaign_id: str, org: str, cells: Cells) -> tuple[list[Row], Row]:
    tree = content.tree
    by_unit = _reports_by_unit(content, campaign_id)
    rows: list[Row] = []

    def reports_under(node: str) -> list[ReportEntry]:
        return [by_unit[n] for n in sorted(tree.subtree(node)) if n in by_unit]

    def walk(node: str, depth: int, path: tuple[str, ...]) -> None:
        for child in tree.children.get(node, []):
            found = reports_under(child)
            if not found:
                continue
            entry = tree.nodes[child]
            if tree.is_org(child):
                rows.append(
                    Row(
                        entry.short_name,
                        cells(found, False),
                        node=child,
                        depth=depth,
                        kind="org",
                        reports=len(found),
                        path=" / ".join(path),
                    )
                )
                if child in by_unit:  # the organisation's own report, among its children
                    rows.append(_unit_row(content, by_unit[child], cells, depth + 1, path, True))
                walk(child, depth + 1, (*path, entry.short_name))
            else:
                rows.append(_unit_row(content, by_unit[child], cells, depth, path, False))

    if org != ROOT and org in by_unit:
        rows.append(_unit_row(content, by_unit[org], cells, 1, (), True))
    walk(org, 1, ())
    everything = reports_under(org)
    total = Row(
        f"合计（{len(everything)} 个单位）",
        cells(everything, False),
        node=org,
        kind="org",
        reports=len(everything),
    )
    return rows, total


def _unit_row(
    content: Content,
    report: ReportEntry,
    cells: Cells,
    depth: int,
    path: tuple[str, ...],
    own: bool,
) -> Row:
    name = content.tree.nodes[report.unit_id].short_name
    return Row(
        f"{name}（本级）" if own else name,
        cells([report], True),
        report.key,
        report.report.status,
        node=report.unit_id,
        depth=depth,
        kind="own" if own else "unit",
        path=" / ".join(path),
    )


def _sum(values: Iterable[int | None]) -> int | None:
    given = [v for v in values if v is not None]
    return sum(given) if given else None


def _totals(reports: list[ReportEntry]) -> RectificationTotals:
    each = [r.totals for r in reports]
    return RectificationTotals(
        sum(t.problems for t in each),
        sum(t.已整改 for t in each),
        sum(t.整改中 for t in each),
        sum(t.常态化 for t in each),
    )


# -- the two tables ---------------------------------------------------------------------


def overview_table(content: Content, campaign_id: str, org: str = ROOT) -> Table:
    """Every campaign metric, then the share of problems rectified, per unit and subtotal."""
    return _once(content, ("overview", campaign_id, org), _overview_table)


def progress_table(content: Content, campaign_id: str, org: str = ROOT) -> Table:
    """Problems found, how many in each status, share rectified, per unit and subtotal."""
    return _once(content, ("progress", campaign_id, org), _progress_table)


def _once(
    content: Content, key: tuple[str, str, str], make: Callable[[Content, str, str], Table]
) -> Table:
    """An organisation's table is shown on its page, in its chart and in each unit's history:
    made once per content."""
    table = content.memo.get(key)
    if not isinstance(table, Table):
        table = content.memo[key] = make(content, key[1], key[2])
    return table


def _overview_table(content: Content, campaign_id: str, org: str) -> Table:
    entry = content.campaigns[campaign_id]
    metrics = entry.campaign.metrics

    def cells(reports: list[ReportEntry], single: bool) -> tuple[Cell, ...]:
        out = []
        for m in metrics:
            value = _sum(r.values[m.id] for r in reports)
            below = single and m.target is not None and value is not None and value < m.target
            out.append(Cell(value, below))
        totals = _totals(reports)
        out.append(Cell(percent(totals.已整改, totals.problems)))
        return tuple(out)

    rows, total = _rows(content, campaign_id, org, cells)
    columns = [Column(m.label, m.measure, m.target) for m in metrics]
    columns.append(Column("整改率", percent=True))
    return Table(
        "overview",
        campaign_id,
        entry.campaign.display_title,
        "各单位数据总览",
        tuple(columns),
        tuple(rows),
        total,
        org,
        _org_name(content, org),
    )


def _progress_table(content: Content, campaign_id: str, org: str) -> Table:
    entry = content.campaigns[campaign_id]

    def cells(reports: list[ReportEntry], single: bool) -> tuple[Cell, ...]:
        totals = _totals(reports)
        counts = [totals.problems, *(getattr(totals, s) for s in STATUSES)]
        return (*(Cell(n) for n in counts), Cell(percent(totals.已整改, totals.problems)))

    rows, total = _rows(content, campaign_id, org, cells)
    columns = (Column("查摆问题"), *(Column(s) for s in STATUSES), Column("整改率", percent=True))
    return Table(
        "progress",
        campaign_id,
        entry.campaign.display_title,
        "各单位问题整改进度",
        columns,
        tuple(rows),
        total,
        org,
        _org_name(content, org),
    )


def _org_name(content: Content, org: str) -> str:
    return "" if org == ROOT else content.tree.nodes[org].short_name
