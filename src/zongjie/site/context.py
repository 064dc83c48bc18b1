"""What the site layer hands to the theme, the PDF layer and the search layer: typed records.

A build's :class:`BuildContext` is made in ``on_config`` and travels on the MkDocs config, so
the PDF and search hooks of the same build read the same records, never strings in
``page.meta``. Templates get a report page's record as ``zj_report``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from zongjie.data.content import Content
from zongjie.data.tables import Table
from zongjie.dates import chinese_date
from zongjie.git.history import Revision
from zongjie.layout import ProjectLayout

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

_ATTRIBUTE = "_zongjie_build"


@dataclass(frozen=True)
class ReportRecord:
    """A report page as this build shows it."""

    campaign_id: str
    unit_id: str
    unit_name: str
    unit_short: str
    campaign_title: str
    campaign_url: str
    date: dt.date
    status: str
    reviewed_by: str
    reviewed_on: dt.date | None
    returned_reason: str
    """Why a 退回 report was sent back: the editors' banner shows it."""
    returned_by: str
    returned_on: dt.date | None
    restricted: bool
    review_chain: tuple[str, ...]
    """Each review step, oldest first (for the PDF's XMP and the archive manifest)."""
    """内部: for signed-in readers only."""
    position: int
    """In the campaign's overview table, which the PDF volumes follow."""
    updated: Revision | None = None
    """The newer of the narrative's and the data file's last commit."""
    unit_url: str = ""
    """The unit's page across campaigns (site URL)."""
    ancestors: tuple[str, ...] = ()
    """The ids of the organisations above the unit, from the top down (the top itself left
    out)."""
    orgs: tuple[tuple[str, str], ...] = ()
    """The organisations above the unit, from the top down: (short name, their page's URL in
    this campaign)."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.campaign_id, self.unit_id)

    @property
    def date_cn(self) -> str:
        return chinese_date(self.date)

    @property
    def reviewed_on_cn(self) -> str:
        return chinese_date(self.reviewed_on)

    @property
    def updated_cn(self) -> str:
        return chinese_date(self.updated.date) if self.updated else ""


@dataclass
class BuildContext:
    layout: ProjectLayout
    content: Content
    """What this build shows (see :func:`zongjie.review.publication.view`)."""
    reports: dict[str, ReportRecord] = field(default_factory=dict)
    """By the page's path inside ``docs_dir``."""
    tables: dict[tuple[str, str, str], Table] = field(default_factory=dict)
    """The overview and progress tables the campaign and organisation pages show, by
    (campaign, table, organisation)."""

    def record(self, src_uri: str) -> ReportRecord | None:
        return self.reports.get(src_uri)


def attach(config: MkDocsConfig, context: BuildContext) -> None:
    setattr(config, _ATTRIBUTE, context)


def context_of(config: MkDocsConfig) -> BuildContext | None:
    """This build's context; ``None`` when the site hooks are not configured."""
    found = getattr(config, _ATTRIBUTE, None)
    return found if isinstance(found, BuildContext) else None
