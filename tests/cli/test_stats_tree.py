"""``zongjie stats --org`` and ``--level`` on a generated province tree: every total is the sum
over the units below, and 整改率 comes from summed counts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from zongjie.data.metrics import rectification_totals
from zongjie.demo import write_demo
from zongjie.rules import load_project

CAMPAIGN = "dangshi-2021"


@pytest.fixture(scope="module")
def tree_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 units in 2 cities of 3 counties each (and city departments), 2 campaigns."""
    project = tmp_path_factory.mktemp("stats-tree")
    write_demo(project, units=60, campaigns=2, seed=3)
    return project


@pytest.fixture(scope="module")
def expected(tree_project: Path) -> dict[str, dict[str, int]]:
    """Per node of the tree, from the report files: reports, each metric, problems, rectified."""
    content = load_project(tree_project)
    tree = content.tree
    reports = content.campaigns[CAMPAIGN].reports
    out = {}
    for node in tree.nodes:
        under = [r for r in reports if r.unit_id in tree.subtree(node)]
        sums = {"reports": len(under)}
        for metric in content.campaigns[CAMPAIGN].campaign.metrics:
            sums[metric.id] = sum(r.values[metric.id] or 0 for r in under)
        counts = [rectification_totals(r.report) for r in under]
        sums["problems"] = sum(c.problems for c in counts)
        sums["rectified"] = sum(c.已整改 for c in counts)
        out[node] = sums
    return out


def _stats(zj, project: Path, *args: str) -> dict[str, Any]:
    run = zj("stats", "--format", "json", "--campaign", CAMPAIGN, *args, "-C", project)
    assert run.code == 0, run.err
    (campaign,) = json.loads(run.out)["campaigns"]
    return campaign  # type: ignore[no-any-return]


def _figures(entry: dict[str, Any]) -> dict[str, int]:
    out = {"reports": entry["reports"]}
    out |= {m["id"]: m["total"] for m in entry["metrics"]}
    out["problems"] = entry["rectification"]["problems"]
    out["rectified"] = entry["rectification"]["rectified"]
    return out


@pytest.mark.parametrize("org", ["c01", "c02", "c01-x01", "c02-x03", "u0024"])
def test_org_totals_are_the_sum_over_the_units_below(
    tree_project: Path, expected: dict[str, dict[str, int]], zj, org: str
) -> None:
    campaign = _stats(zj, tree_project, "--org", org)
    assert campaign["org"] == org
    assert _figures(campaign) == expected[org]
    assert 0 < campaign["reports"] < expected[""]["reports"]


def test_level_rows_are_the_sum_of_their_children(
    tree_project: Path, expected: dict[str, dict[str, int]], zj
) -> None:
    tree = load_project(tree_project).tree
    cities = _stats(zj, tree_project, "--level", "市")
    counties = _stats(zj, tree_project, "--level", "2")
    assert cities["level"] == {"depth": 1, "name": "市"}
    assert counties["level"] == {"depth": 2, "name": "县区"}
    assert [r["id"] for r in cities["rows"]] == ["c01", "c02"]
    for row in cities["rows"] + counties["rows"]:
        assert _figures(row) == expected[row["id"]], row["id"]
    # A city's row is the sum of the rows of the next level under it (counties and the city's
    # own departments), and the cities add up to the campaign's total.
    for city in cities["rows"]:
        children = set(tree.children[city["id"]])
        below = [_figures(r) for r in counties["rows"] if r["id"] in children]
        assert len(below) == len(children) and any(r["kind"] == "unit" for r in counties["rows"])
        assert {k: sum(b[k] for b in below) for k in below[0]} == _figures(city)
    assert cities["outside"] == 0
    total = {k: sum(_figures(r)[k] for r in cities["rows"]) for k in _figures(cities)}
    assert total == _figures(cities) == expected[""]


def test_rates_come_from_summed_counts(
    tree_project: Path, expected: dict[str, dict[str, int]], zj
) -> None:
    counties = _stats(zj, tree_project, "--level", "县区")
    rates = []
    for row in counties["rows"]:
        sums = expected[row["id"]]
        assert row["rectification"]["rate"] == round(100 * sums["rectified"] / sums["problems"], 1)
        rates.append(row["rectification"]["rate"])
    whole = expected[""]
    assert counties["rectification"]["rate"] == round(
        100 * whole["rectified"] / whole["problems"], 1
    )
    averaged = sum(rates) / len(rates)
    assert abs(averaged - counties["rectification"]["rate"]) > 0.05  # an average would show


def test_text_names_the_organisation_and_lists_the_level(tree_project: Path, zj) -> None:
    run = zj("stats", "--campaign", CAMPAIGN, "--org", "c01", "--level", "县区", "-C", tree_project)
    assert run.code == 0, run.err
    assert "2021年党史学习教育（dangshi-2021）· 江城市（c01）及下级：已审定 30/30 个单位" in run.out
    assert "按县区（第 2 级）分列（5）：" in run.out
    assert "    江城城关区（c01-x01）：已审定 9/9 个单位；党组会议 " in run.out
    assert "云州" not in run.out  # the other city is left out
    assert "整改率：" in run.out and "%（已整改 " in run.out


def test_unknown_organisation_or_level(tree_project: Path, zj) -> None:
    run = zj("stats", "--org", "c1", "-C", tree_project)
    assert run.code == 1
    assert "未知的组织 id “c1”" in run.err and "相近的组织：c01（江城市）" in run.err
    run = zj("stats", "--org", "城关区", "-C", tree_project)
    assert run.code == 1 and "c01-x01（江城城关区）" in run.err  # found by name
    run = zj("stats", "--level", "区", "-C", tree_project)
    assert run.code == 1 and "未知的层级“区”" in run.err and "县区（2）" in run.err
    run = zj("stats", "--org", "c01-x01", "--level", "市", "-C", tree_project)
    assert run.code == 1 and "不在“江城城关区”之下" in run.err
