"""Deadlines and expected units that cannot be right: errors at their line in ``zongjie check``
and in the build."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.deadlines.conftest import CAMPAIGN

FILE = f"data/campaigns/{CAMPAIGN}.yml"


def _with(project: Path, extra: str) -> list[str]:
    campaign = project / FILE
    text = campaign.read_text(encoding="utf-8").replace(
        "due: 2021-12-31\ndue_by_level: {县区: 2021-12-20}\n", ""
    )
    campaign.write_text(text + extra, encoding="utf-8")
    return text.splitlines()


def test_bad_due_date_at_its_line(project: Path, zj) -> None:
    lines = _with(project, "due: 2020-12-31\n")
    run = zj("check", "-C", project)
    assert run.code == 1
    found = run.out + run.err
    assert (
        f"{FILE}:{len(lines) + 1}:1: 错误: [due] 报送截止日期 2020-12-31 早于活动开始日期" in found
    )


def test_unknown_level_name_at_its_line(project: Path, zj) -> None:
    lines = _with(
        project, "due: 2021-12-31\ndue_by_level:\n  单位: 2021-12-25\n  乡镇: 2021-12-20\n"
    )
    run = zj("check", "-C", project)
    assert run.code == 1
    assert f"{FILE}:{len(lines) + 4}:1: 错误: [due_by_level.乡镇]" in (run.out + run.err)
    assert "已有的层级：县区、单位" in (run.out + run.err)
    assert "[due_by_level.单位]" not in (run.out + run.err)


def test_not_a_date(project: Path, zj) -> None:
    lines = _with(project, "due: 2021-13-01\n")
    run = zj("check", "-C", project)
    assert run.code == 1
    assert f"{FILE}:{len(lines) + 1}:" in (run.out + run.err) and "[due]" in (run.out + run.err)


def test_unknown_unit_in_exclude(project: Path, zj) -> None:
    lines = _with(project, "exclude: [u0001, u9999]\n")
    run = zj("check", "-C", project)
    assert f"{FILE}:{len(lines) + 1}:" in (run.out + run.err) and "u9999" in (run.out + run.err)


def test_build_stops_at_the_same_line(project: Path, zj, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _with(project, "due: 2020-12-31\n")
    monkeypatch.chdir(project)
    run = zj("build", "-q")
    assert run.code == 1
    assert f"{FILE}:{len(lines) + 1}:" in (run.out + run.err) and "早于活动开始日期" in (
        run.out + run.err
    )
