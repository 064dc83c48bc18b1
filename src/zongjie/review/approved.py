"""The approved revision of a report: what readers see when the working copy has moved on.

An approval's ``reviewed_digest`` fingerprints the data and the narrative as approved. When the
files now differ, the readers' build looks for that fingerprint in git history and publishes the
revision it finds; when none matches, the report is withheld, never published unreviewed.
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass
from pathlib import Path

from zongjie.data.content import Content, ReportEntry
from zongjie.data.metrics import metric_values
from zongjie.data.models import Report
from zongjie.data.yamlfile import YamlError, load_yaml
from zongjie.git import git
from zongjie.rules.approval import current_digest, digest, report_files


@dataclass(frozen=True)
class Revision:
    commit: str
    data: str
    narrative: str


def find_revision(content: Content, report: ReportEntry) -> Revision | None:
    """The newest commit whose two files have the approval's fingerprint."""
    seal = report.report.reviewed_digest
    if seal is None:
        return None
    root = content.root.resolve()
    files = [p.resolve().relative_to(root).as_posix() for p in report_files(content, report)]
    log = git(content.root, "log", "--format=%H", "--", *files) or ""
    for commit in log.split():
        data = git(content.root, "show", f"{commit}:{files[0]}")
        narrative = git(content.root, "show", f"{commit}:{files[1]}")
        if data is None or narrative is None:
            continue
        if digest(data, narrative.removeprefix("\ufeff")) == seal:
            return Revision(commit, data, narrative.removeprefix("\ufeff"))
    return None


@dataclass
class Approved:
    """For one readers' build: each approved report's approved narrative, if it differs from the
    working copy, and the reports no revision covers."""

    narratives: dict[str, str] = dataclasses.field(default_factory=dict)
    """Page source (inside docs/) → the approved Markdown."""
    withheld: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict)


def approved_content(content: Content) -> tuple[Content, Approved]:
    """``content`` with each approved report as it was approved."""
    found = Approved()
    reports = dict(content.reports)
    for key, report in content.reports.items():
        r = report.report
        if r.status != "已审定" or r.reviewed_digest is None:
            continue
        if current_digest(content, report) in (r.reviewed_digest, None):
            continue
        revision = find_revision(content, report)
        entry = _entry_at(content, report, revision) if revision else None
        if revision is None or entry is None:
            found.withheld[key] = "审定后有改动，历史中找不到审定的版本"
            del reports[key]
            continue
        reports[key] = entry
        found.narratives[report.page_src] = revision.narrative
    if not found.narratives and not found.withheld:
        return content, found
    campaigns = {
        cid: dataclasses.replace(c, reports=[reports[r.key] for r in c.reports if r.key in reports])
        for cid, c in content.campaigns.items()
    }
    return dataclasses.replace(content, campaigns=campaigns, reports=reports), found


def _entry_at(content: Content, report: ReportEntry, revision: Revision) -> ReportEntry | None:
    with tempfile.TemporaryDirectory(prefix="zongjie-approved-") as tmp:
        path = Path(tmp) / Path(report.doc.path).name
        path.write_text(revision.data, encoding="utf-8")
        try:
            doc = load_yaml(path, Path(tmp))
        except YamlError:
            return None
    try:
        approved = Report.model_validate(doc.data)
    except ValueError:
        return None
    campaign = content.campaigns[report.campaign_id].campaign
    # Line numbers stay those of the working copy: problems are shown where the editor fixes them.
    return dataclasses.replace(report, report=approved, values=metric_values(approved, campaign))
