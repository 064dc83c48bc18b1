"""The content of a project, loaded and typed: the single source of truth for hooks, CLI and tests.

:func:`zongjie.data.loader.load_content` reads it (collecting every problem instead of stopping
at the first), :func:`zongjie.rules.load` adds the rules' findings; callers decide what to do
with the problems (the build raises, ``zongjie check`` prints).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

from zongjie import layout as paths
from zongjie.data.files import ProjectFiles
from zongjie.data.metrics import RectificationTotals, rectification_totals
from zongjie.data.models import Campaign, Report, Resource, RootOrganisation, Unit
from zongjie.data.tree import ROOT, OrgTree, build_tree
from zongjie.data.yamlfile import YamlDocument, relpath
from zongjie.errors import Problem, ProblemLog
from zongjie.layout import ProjectLayout


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
        """The narrative's path inside ``docs_dir``."""
        return paths.report_src(self.campaign_id, self.unit_id)

    @property
    def pdf_path(self) -> str:
        """Stable site path of the report's PDF."""
        return paths.report_pdf(self.campaign_id, self.unit_id)


@dataclass
class ReportEntry(ReportRef):
    report: Report
    doc: YamlDocument
    values: dict[str, int | None]

    def line(self, *loc: int | str) -> int:
        return self.doc.line_of(loc)[0]

    @functools.cached_property
    def totals(self) -> RectificationTotals:
        """Computed once: each level of the tree adds the report's problems up again."""
        return rectification_totals(self.report)


@dataclass
class CampaignEntry:
    id: str
    campaign: Campaign
    doc: YamlDocument
    reports: list[ReportEntry] = field(default_factory=list)

    @property
    def page_src(self) -> str:
        return paths.campaign_src(self.id)

    def reports_in_order(self) -> list[ReportEntry]:
        """The order of the overview table, the navigation and the bound PDF volumes."""
        return sorted(self.reports, key=lambda r: r.unit_id)


@dataclass
class Content:
    layout: ProjectLayout
    campaigns: dict[str, CampaignEntry] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    tree: OrgTree = field(default_factory=lambda: build_tree(None, []))
    """The organisation tree the units form (:mod:`zongjie.data.tree`)."""
    units_doc: YamlDocument | None = None
    """``units.yml`` as read, for the lines of the tree's problems."""
    top: RootOrganisation = field(default_factory=RootOrganisation)
    """``units.yml``'s ``root:``: the organisation that runs the campaign."""
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
    memo: dict[tuple[str, ...], object] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """What is computed from this content once per build (the tables of :mod:`zongjie.data.tables`).
    Not copied by ``dataclasses.replace``: a view with other reports starts empty."""
    unreadable: set[str] = field(default_factory=set)
    """Pages (paths inside ``docs_dir``) too large or not UTF-8: reported, never built or
    checked."""

    @property
    def root(self) -> Path:
        return self.layout.root

    @property
    def data_dir(self) -> Path:
        return self.layout.data_dir

    @property
    def docs_dir(self) -> Path:
        return self.layout.docs_dir

    def rel(self, path: Path) -> str:
        return relpath(path, self.root)

    def failure(self, name: str) -> list[Problem]:
        """The errors that made a catalogue fail: ``units``, ``resources`` or a campaign id."""
        if name == "units":
            files = [self.layout.units_file]
        elif name == "resources":
            files = [self.layout.resources_file]
        else:
            files = [self.layout.campaigns_dir / f"{name}{ext}" for ext in paths.DATA_SUFFIXES]
        names = {self.rel(f) for f in files}
        return [p for p in self.log.errors if p.path in names]

    def report_errors(self, cid: str, uid: str) -> list[Problem]:
        """The errors in a report's data file (which then did not load)."""
        data = self.rel(self.layout.report_data(cid, uid))
        return [p for p in self.log.errors if p.path == data]

    def page_src(self, path: Path) -> str:
        return self.layout.page_src(path)

    def page_skipped(self, src_uri: str) -> bool:
        """A page no page rule looks at: unreadable, behind a blocked link, or a report whose
        data file failed (that file's own error says why; markers would only add noise)."""
        return (
            src_uri in self.unreadable
            or not self.files.allowed(self.docs_dir / src_uri)
            or self.page_data_failed(src_uri)
        )

    def report_for_page(self, src_uri: str) -> ReportEntry | None:
        ref = paths.page_ref(src_uri)
        key = ref.report_key if ref else None
        return self.reports.get(key) if key else None

    def page_data_failed(self, src_uri: str) -> bool:
        """A report or campaign page whose data file exists but did not load.

        That file already has its own error; its page's markers need not add more.
        """
        ref = paths.page_ref(src_uri)
        if ref is None or ref.org:
            return False
        cid, uid = ref.campaign, ref.unit
        if uid:
            found, folder, stem = (cid, uid) in self.reports, self.layout.reports_dir / cid, uid
        else:
            found, folder, stem = cid in self.campaigns, self.layout.campaigns_dir, cid
        return not found and paths.existing_data_file(folder, stem) is not None

    def campaign_for_page(self, src_uri: str) -> CampaignEntry | None:
        """The campaign of a campaign page or of an organisation's page in it."""
        ref = paths.page_ref(src_uri)
        return self.campaigns.get(ref.campaign) if ref and not ref.unit else None

    def org_for_page(self, src_uri: str) -> str:
        """The organisation whose view a campaign page shows: the top's, or an organisation's."""
        ref = paths.page_ref(src_uri)
        return ref.org if ref and ref.org in self.tree.nodes else ROOT

    def reports_using(self, resource_id: str) -> list[ReportEntry]:
        return [r for r in self.reports.values() if resource_id in r.report.resources]

    def missing_reports(self, campaign_id: str) -> list[Unit]:
        """Units that reported in some campaign but not in this one (a withheld report, e.g. a
        draft, is not missing: the unit has reported, it is not approved yet), among those the
        campaign expects (a unit registered after it ended is not missing from it)."""
        reporting = {u for (_, u) in self.reports} | {u for (_, u) in self.withheld}
        campaign = self.campaigns[campaign_id].campaign
        done = {r.unit_id for r in self.campaigns[campaign_id].reports}
        done |= {uid for (cid, uid) in self.withheld if cid == campaign_id}
        return [
            u
            for uid, u in self.units.items()
            if uid in reporting and uid not in done and campaign.expects(u)
        ]

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
