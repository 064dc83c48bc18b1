"""Names in the organisation tree: two rows a reader cannot tell apart are an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from zongjie.demo import write_demo
from zongjie.rules import load_project


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("names")
    write_demo(project, units=4, campaigns=1, seed=3)
    return project


def _twice(project: Path, old: str, new: str) -> list[tuple[str, int | None, str | None]]:
    units = project / "data" / "units.yml"
    text = units.read_text(encoding="utf-8")
    try:
        units.write_text(text.replace(old, new, 1), encoding="utf-8")
        problems = load_project(project).log.problems
        return [(p.path, p.line, p.field) for p in problems if p.code == "unit-name-twice"]
    finally:
        units.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "line", "field"),
    [
        ("name: 城关区财政局", "name: 城关区教育局", 7, "units[1].name"),
        ("short_name: 城关财政1", "short_name: 城关教育0", 8, "units[1].short_name"),
        # one pool: tables show names and charts short names
        ("short_name: 城关财政1", "short_name: 城关区教育局", 8, "units[1].short_name"),
        ("name: 城关区财政局", "name: 城关教育0", 7, "units[1].name"),
        # a space is no difference
        ("name: 城关区财政局", "name: 城关区 教育局", 7, "units[1].name"),
        ("name: 城关区财政局", "name: 城关区·教育局", 7, "units[1].name"),
        ("short_name: 城关财政1", "short_name: 城关教育（0）", 8, "units[1].short_name"),
    ],
)
def test_a_name_taken_under_the_same_parent_is_an_error_at_its_line(
    demo: Path, old: str, new: str, line: int, field: str
) -> None:
    assert _twice(demo, old, new) == [("data/units.yml", line, field)]


def test_a_unit_whose_short_name_is_its_name_passes(demo: Path) -> None:
    assert _twice(demo, "short_name: 城关财政1", "short_name: 城关区财政局") == []
