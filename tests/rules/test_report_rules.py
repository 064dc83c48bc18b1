"""The report rules on typed reports: each finding's code, location and values."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from zongjie.data.models import Campaign, Report
from zongjie.data.yamlfile import YamlDocument
from zongjie.excel.wording import WORKBOOK_WORDS
from zongjie.rules.findings import Finding, at_yaml, finding
from zongjie.rules.report import report_findings
from zongjie.rules.tree import ISSUE_CODES
from zongjie.rules.wording import YAML, YAML_WORDS

PLACEHOLDER = re.compile(r"\{\w+\}")

TODAY = dt.date(2022, 3, 1)
CAMPAIGN = Campaign.model_validate(
    {
        "title": "党史学习教育",
        "year": 2021,
        "period": {"start": "2021-02-20", "end": "2022-01-31"},
        "outline": ["开展的主要工作"],
        "metrics": [
            {"id": "dangzu", "label": "党组会议", "measure": "次",
             "derive": {"source": "activities", "kind": "党组会议"}},
            {"id": "shishi", "label": "办实事", "measure": "件", "derive": {"source": "shishi"}},
            {"id": "diaoyan", "label": "调研课题", "measure": "个"},
        ],
    }
)  # fmt: skip


def findings(**data: Any) -> list[Finding]:
    report = Report.model_validate({"title": "报告", "date": "2021-12-20", **data})
    return report_findings(report, CAMPAIGN, resources={"jianshi"}, today=TODAY)


def codes(**data: Any) -> list[str]:
    return [f.code for f in findings(**data) if f.code != "metric-missing"]


def test_a_consistent_report_has_no_findings() -> None:
    assert codes(metrics={"diaoyan": 2}, activities=[{"kind": "党组会议", "count": 3}]) == []


def test_metric_typed_beside_its_list() -> None:
    found = findings(metrics={"dangzu": 5, "diaoyan": 1}, activities=[{"kind": "党组会议"}])
    (mismatch,) = [f for f in found if f.code == "metric-disagrees-with-list"]
    assert mismatch.loc == ("metrics", "dangzu")
    assert mismatch.named == {"label": "党组会议", "explicit": 5, "derived": 1, "measure": "次"}


def test_a_bare_count_listed_twice_is_summed_with_a_warning_at_the_second() -> None:
    found = findings(
        activities=[{"kind": "党组会议", "count": 2}, {"kind": "党组会议", "count": 3}]
    )
    (twice,) = [f for f in found if f.code == "activity-kind-twice"]
    assert twice.severity == "warning" and twice.loc == ("activities", 1, "kind")
    assert twice.named["total"] == 5
    # Dated or titled meetings of one kind are events, listed one by one on purpose.
    dated = [{"kind": "党组会议", "date": f"2021-0{m}-01", "title": f"第{m}次"} for m in (3, 4)]
    assert "activity-kind-twice" not in codes(activities=dated)


@pytest.mark.parametrize(
    "kind", ["党组会议活动", "党组会", "党组　会议", "党组会议（扩大）", "召开党组会议"]
)
def test_a_kind_that_looks_like_a_counted_one_but_is_counted_by_none(kind: str) -> None:
    (near,) = [f for f in findings(activities=[{"kind": kind}]) if f.code.startswith("activity")]
    assert near.code == "activity-kind-uncounted" and near.named["counted"] == "党组会议"
    assert near.loc == ("activities", 0, "kind")


@pytest.mark.parametrize("kind", ["动员部署会", "现场教学", "专题读书班", "党委会议"])
def test_kinds_no_metric_counts_and_unlike_any_are_events_of_their_own(kind: str) -> None:
    assert codes(activities=[{"kind": kind}]) == []


def test_metric_without_value_is_a_warning_about_that_metric() -> None:
    (missing,) = [f for f in findings() if f.code == "metric-missing"]
    assert missing.severity == "warning" and missing.field == "metrics.diaoyan"
    assert codes(metrics={"nope": 1, "diaoyan": 1}) == ["metric-unknown"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"shishi": [{"title": "甲"}], "shishi_count": 2}, ["shishi-count-disagrees"]),
        (
            {"shishi": [{"title": "甲"}], "shishi_status": {"已完成": 1}},
            ["shishi-status-with-items"],
        ),
        ({"shishi_count": 3, "shishi_status": {"已完成": 1}}, ["shishi-status-total-disagrees"]),
        (
            {"rectification": [{"source": "自查", "count": 2, "items": [
                {"problem": "甲", "status": "已整改"}]}]},
            ["problem-count-disagrees"],
        ),
        (
            {"rectification": [{"source": "自查", "count": 3, "status": {"已整改": 1}}]},
            ["problem-status-total-disagrees"],
        ),
        ({"rectification": [{"source": "自查"}]}, ["problem-group-empty"]),
        (
            {"outreach": [{"title": "走访", "sites": 3, "site_names": ["甲", "乙"]}]},
            ["sites-disagree-with-names"],
        ),
        ({"resources": ["jianshi", "nope"]}, ["resource-unknown"]),
        ({"date": "2020-12-20"}, ["date-outside-campaign"]),
    ],
)  # fmt: skip
def test_each_rule(data: dict[str, Any], expected: list[str]) -> None:
    assert codes(metrics={"diaoyan": 1}, **data) == expected


def test_review_fields_and_their_dates() -> None:
    assert codes(metrics={"diaoyan": 1}, status="已审定") == [
        *["approval-incomplete"] * 2,
        "approval-without-digest",
    ]
    assert codes(metrics={"diaoyan": 1}, reviewed_by="某人") == ["review-field-without-approval"]
    late = codes(
        metrics={"diaoyan": 1},
        status="已审定",
        reviewed_by="某人",
        reviewed_on="2021-12-01",
        reviewed_digest="0123456789abcdef",
        submitted_on="2021-12-05",
    )
    assert sorted(late) == [
        "approved-before-submitted",
        "approved-before-written",
        "submitted-before-written",
    ]
    future = codes(metrics={"diaoyan": 1}, submitted_on="2022-03-02")
    assert future == ["review-date-in-future"]


def test_an_approval_names_the_text_it_approved() -> None:
    """Dates alone cannot tell an edit on the approval's day from the approved text."""
    approved = {
        "metrics": {"diaoyan": 1},
        "status": "已审定",
        "reviewed_by": "某人",
        "reviewed_on": "2021-12-28",
        "submitted_on": "2021-12-26",
    }
    assert codes(**approved) == ["approval-without-digest"]
    assert codes(**approved, reviewed_digest="0123456789abcdef") == []
    first = {**approved, "status": "待审", "first_reviewed_on": "2021-12-27"}
    first = {k: v for k, v in first.items() if not k.startswith("reviewed_")}
    assert codes(**first, first_reviewed_by="某人") == ["approval-without-digest"]
    sealed = codes(**first, first_reviewed_by="某人", first_reviewed_digest="0123456789abcdef")
    assert sealed == []
    on_paper = {**approved, "reviewed_digest": "0123456789abcdef", "first_reviewed_by": "某人"}
    assert codes(**on_paper, first_reviewed_on="2021-12-27") == []


def test_every_code_is_worded_for_yaml_and_the_workbook() -> None:
    """A rule without wording would fail only when it first fires, in front of an editor."""
    samples = {
        f.code: f
        for data in (
            {"metrics": {"dangzu": 9, "nope": 1}, "activities": [{"kind": "党组会议"}]},
            {"activities": [{"kind": "党组会议"}, {"kind": "党组会议"}, {"kind": "党组会"}]},
            {"shishi": [{"title": "甲", "date": "2021-12-25"}], "submitted_on": "2021-12-01"},
            {"shishi": [{"title": "甲"}], "shishi_count": 2, "shishi_status": {"已完成": 1}},
            {"shishi_count": 3, "shishi_status": {"已完成": 1}},
            {"rectification": [
                {"source": "a", "count": 2, "items": [{"problem": "p", "status": "已整改"}],
                 "status": {"已整改": 1}},
                {"source": "b", "count": 3, "status": {"已整改": 1}},
                {"source": "c"}, {"source": "d", "count": 1}]},
            {"outreach": [{"title": "走访", "sites": 3, "site_names": ["甲"]}]},
            {"resources": ["nope"], "date": "2020-01-01", "待核实": ["shishi_count"]},
            {"status": "已审定", "submitted_on": "2022-04-01"},
            {"reviewed_by": "x", "status": "待审"},
            {"status": "已审定", "reviewed_by": "x", "reviewed_on": "2021-01-01",
             "submitted_on": "2021-12-30"},
        )
        for f in findings(**data)
    }  # fmt: skip
    # The tree's findings, with the parameters rules/tree.py gives them.
    tree_params = {"unit": "u1", "parent": "市委", "matches": "甲、乙", "implied": "x-shiwei"}
    for code in ISSUE_CODES.values():
        samples[code] = finding(code, ("units", 0, "parent"), **tree_params)
    samples["reserved-unit-id"] = finding(
        "reserved-unit-id", ("units", 0, "id"), unit="zuzhi", folder="zuzhi"
    )
    samples["unit-name-twice"] = finding(
        "unit-name-twice",
        ("units", 1, "name"),
        unit="u2",
        first="u1",
        name="甲局",
        field="name",
        first_field="short_name",
    )
    samples["approval-without-digest"] = finding(
        "approval-without-digest", ("reviewed_by",), key="reviewed_digest", step="审定"
    )
    samples["approved-without-first-review"] = finding("approved-without-first-review", ("status",))
    samples["approved-before-first-review"] = finding(
        "approved-before-first-review", ("reviewed_on",), reviewed="2021-12-01", first="2021-12-05"
    )
    # The campaign file's deadline findings, with the parameters rules/campaign.py gives them.
    samples["due-before-start"] = finding(
        "due-before-start", ("due",), day="2021-01-01", start="2021-02-20"
    )
    samples["due-long-after-end"] = finding(
        "due-long-after-end", ("due",), day="2023-01-01", end="2021-12-31"
    )
    samples["due-level-unknown"] = finding(
        "due-level-unknown", ("due_by_level", "乡镇"), level="乡镇", known="县区、单位"
    )
    samples["exclude-unit-unknown"] = finding("exclude-unit-unknown", ("exclude", 0), unit="u9")
    assert set(samples) == set(YAML), set(YAML) ^ set(samples)
    doc = YamlDocument("data/reports/x/y.yml", {})
    for found in samples.values():
        problem = at_yaml(found, doc, YAML_WORDS)
        assert problem.code == found.code and problem.message
        message, hint, _ = WORKBOOK_WORDS.of(found)
        # A placeholder left unfilled; a YAML flow mapping in a hint ({id: …}) is wording.
        unfilled = PLACEHOLDER.findall(problem.message + message + hint)
        assert not unfilled, (found.code, unfilled)
        # the workbook names no YAML key where it has words of its own
        if found.code in WORKBOOK_WORDS.own:
            assert not any(key in message + hint for key in ("shishi", "items", "count ")), message
