"""Nothing about a 内部 report can be inferred from the public lists: they are computed as if it
did not exist. A unit whose report in a campaign is 内部 looks exactly like a unit that did not
report there: listed as 尚未报送 if it reported elsewhere in public, absent everywhere if not."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from zongjie.data.content import Content
from zongjie.review import publication
from zongjie.rules import load_project

from .conftest import run_zongjie

A, B = "dangshi-2021", "zhuti-2022"


def _with(content: Content, changes: dict[tuple[str, str], dict[str, str]]) -> Content:
    """``content`` with some reports' fields changed (visibility, status)."""
    reports = dict(content.reports)
    campaigns = dict(content.campaigns)
    for key, fields in changes.items():
        report = reports[key]
        new = dataclasses.replace(report, report=report.report.model_copy(update=fields))
        reports[key] = new
        entry = campaigns[key[0]]
        campaigns[key[0]] = dataclasses.replace(
            entry, reports=[new if r.key == key else r for r in entry.reports]
        )
    return dataclasses.replace(content, reports=reports, campaigns=campaigns)


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Content:
    from zongjie.demo import write_demo

    root = tmp_path_factory.mktemp("inference") / "project"
    write_demo(root, units=3, campaigns=2, seed=1)
    loaded = load_project(root)
    assert not loaded.log.errors
    return loaded


def _lists(content: Content, cid: str) -> dict[str, set[str]]:
    public = publication.view(content, "public")
    return {
        "reported": {r.unit_id for r in public.campaigns[cid].reports},
        "missing": {u.id for u in public.missing_reports(cid)},
        "withheld": {u.id for u, _ in public.withheld_reports(cid)},
    }


def test_internal_report_looks_like_no_report(content: Content) -> None:
    """u0001's report in A is 内部; it reported in B in public: in A it is 尚未报送, like a unit
    that never sent a report to A."""
    restricted = _with(content, {(A, "u0001"): {"visibility": "内部"}})
    absent = dataclasses.replace(
        content,
        reports={k: r for k, r in content.reports.items() if k != (A, "u0001")},
        campaigns={
            **content.campaigns,
            A: dataclasses.replace(
                content.campaigns[A],
                reports=[r for r in content.campaigns[A].reports if r.unit_id != "u0001"],
            ),
        },
    )
    assert _lists(restricted, A) == _lists(absent, A)
    assert "u0001" in _lists(restricted, A)["missing"]
    assert _lists(restricted, B) == _lists(content, B)


def test_unit_whose_only_reports_are_internal_is_in_no_list(content: Content) -> None:
    changes = {(cid, "u0002"): {"visibility": "内部"} for cid in (A, B)}
    restricted = _with(content, changes)
    for cid in (A, B):
        lists = _lists(restricted, cid)
        assert all("u0002" not in ids for ids in lists.values()), (cid, lists)


def test_internal_draft_is_not_listed_as_a_draft(content: Content) -> None:
    """A draft that is also 内部 is not in the public 已报送、尚未审定 list either."""
    changes = {(A, "u0001"): {"visibility": "内部", "status": "草稿"}}
    restricted = _with(content, changes)
    assert "u0001" not in _lists(restricted, A)["withheld"]
    assert "u0001" in _lists(restricted, A)["missing"]  # it reported in B


def test_public_page_says_nothing_of_internal_reports(tiny: Path) -> None:
    """Built: the campaign page lists no 内部 count, no unit of a 内部 report."""
    from zongjie.data.report_yaml import set_fields
    from zongjie.rules.approval import digest

    data = tiny / f"data/reports/{A}/u0001.yml"
    page = tiny / f"docs/campaigns/{A}/u0001.md"
    text = set_fields(data.read_text(encoding="utf-8"), {"visibility": "内部"})
    text = set_fields(text, {"reviewed_digest": digest(text, page.read_text(encoding="utf-8"))})
    data.write_text(text, encoding="utf-8")
    done = run_zongjie("build", "-q", cwd=tiny)
    assert done.returncode == 0, done.stdout + done.stderr
    html = (tiny / f"site/campaigns/{A}/index.html").read_text(encoding="utf-8")
    units = load_project(tiny).units
    assert "内部" not in html.split('class="zj-units"')[1]
    assert units["u0001"].name not in html
