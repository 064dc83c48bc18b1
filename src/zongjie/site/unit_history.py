"""A unit's campaigns side by side: “how did we do compared with last campaign”.

For a unit, its own reports; for an organisation, its subtotals. Campaigns are matched by
metric label (campaigns name their metrics themselves), oldest first, and each value shows the
change from the previous campaign that has the same metric.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from zongjie.data.content import CampaignEntry, Content
from zongjie.data.tables import overview_table


@dataclass(frozen=True)
class Figure:
    value: int | float | None
    change: int | float | None = None
    """Against the previous campaign with this metric; ``None`` with nothing to compare."""


@dataclass(frozen=True)
class CampaignColumn:
    campaign: CampaignEntry
    report: tuple[str, str] | None
    """The unit's own report; ``None`` for an organisation's subtotal."""
    reports: int
    """Reports the column adds up."""


@dataclass
class UnitHistory:
    columns: list[CampaignColumn] = field(default_factory=list)
    rows: list[tuple[str, str, list[Figure | None]]] = field(default_factory=list)
    """(label, measure, one figure per column or ``None`` where the campaign has no such metric)."""


def unit_history(content: Content, node: str) -> UnitHistory:
    history = UnitHistory()
    values: list[dict[str, int | float | None]] = []
    measures: dict[str, str] = {}
    campaigns = sorted(content.campaigns.values(), key=lambda c: (c.campaign.year, c.id))
    for entry in campaigns:
        found = _figures(content, entry, node)
        if found is None:
            continue
        figures, report, count = found
        history.columns.append(CampaignColumn(entry, report, count))
        values.append(figures)
        for m in entry.campaign.metrics:
            measures.setdefault(m.label, m.measure)
        measures.setdefault("整改率", "%")
    for label, measure in measures.items():
        row: list[Figure | None] = []
        previous: int | float | None = None
        for figures in values:
            if label not in figures:
                row.append(None)
                continue
            value = figures[label]
            change = (
                round(value - previous, 1) if value is not None and previous is not None else None
            )
            row.append(Figure(value, change))
            previous = value if value is not None else previous
        history.rows.append((label, measure, row))
    return history


def _figures(
    content: Content, entry: CampaignEntry, node: str
) -> tuple[dict[str, int | float | None], tuple[str, str] | None, int] | None:
    """The node's figures in one campaign: its report's values, or its subtotal."""
    table = overview_table(content, entry.id, node)
    if not table.total.reports:
        return None
    labels = [c.label for c in table.columns]
    figures = dict(zip(labels, (c.value for c in table.total.cells), strict=True))
    report = (entry.id, node) if (entry.id, node) in content.reports else None
    return figures, report, table.total.reports
