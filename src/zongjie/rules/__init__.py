"""The one rule set: what the data and the pages must obey, for every command that checks.

``zongjie check``, the build, ``approve`` and the workbook import all call these functions:

* :func:`load` reads the project (:mod:`zongjie.data.loader`) and applies the report rules
  (:mod:`.report`) to each report as it is read;
* :func:`~zongjie.rules.pages.check_page` checks one Markdown page (:mod:`.pages`);
* :func:`~zongjie.rules.project.check_project` is everything ``zongjie check`` reports;
* :mod:`.approval`: whether an approval still covers the report as it is now.

Each rule returns findings with a stable code (:mod:`.findings`); the wording of each code for
a YAML file is in :mod:`.wording`.
"""

from __future__ import annotations

from pathlib import Path

from zongjie.data.content import Content, ReportEntry
from zongjie.data.loader import load_content
from zongjie.errors import Problem
from zongjie.layout import ProjectLayout
from zongjie.rules.campaign import campaign_findings
from zongjie.rules.findings import at_yaml
from zongjie.rules.report import report_findings
from zongjie.rules.tree import tree_findings
from zongjie.rules.wording import YAML_WORDS


def load(layout: ProjectLayout) -> Content:
    """The project's content, with every problem of its data files in ``content.log``."""
    content = load_content(layout, check_report=report_problems)
    if content.units_doc is not None and "units" not in content.failed:
        for found in tree_findings(content):
            content.log.add(at_yaml(found, content.units_doc, YAML_WORDS))
    for entry in content.campaigns.values():
        for found in campaign_findings(content, entry):
            content.log.add(at_yaml(found, entry.doc, YAML_WORDS))
    return content


def load_project(root: Path) -> Content:
    """:func:`load` of the project whose mkdocs.yml is in ``root``."""
    return load(ProjectLayout.at(root))


def report_problems(content: Content, item: ReportEntry) -> list[Problem]:
    """The report rules on one loaded report, at the lines of its data file."""
    campaign = content.campaigns[item.campaign_id].campaign
    resources = None if "resources" in content.failed else set(content.resources)
    found = report_findings(item.report, campaign, resources=resources, today=content.today)
    return [at_yaml(f, item.doc, YAML_WORDS) for f in found]
