"""Parsed data files kept between builds (``zongjie.data.parse_cache``): a build that takes its
data from the cache publishes the same bytes and reports the same problems as a cold one."""

from __future__ import annotations

import os
import pickle
import re
import shutil
from pathlib import Path

import pytest

from support import cli, reapprove, tree_hash
from zongjie.demo import write_demo

REPORT = "data/reports/dangshi-2021/u0000.yml"
OTHER = "data/reports/dangshi-2021/u0001.yml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    write_demo(root, units=4, campaigns=2, seed=3)
    return root


def zongjie(*args: str, cwd: Path, cache: Path | str) -> tuple[int, str]:
    env = dict(os.environ, ZONGJIE_DATA_CACHE=str(cache), SOURCE_DATE_EPOCH="1700000000")
    done = cli.run_zongjie(*args, cwd=cwd, env=env)
    return done.returncode, done.stdout + done.stderr


def entries(cache: Path) -> set[Path]:
    return set(cache.glob("*/*.pickle"))


def test_a_warm_build_is_the_cold_build_byte_for_byte(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    for site, cached in (("cold", "off"), ("filling", cache)):
        code, out = zongjie("build", "-q", "-d", site, cwd=project, cache=cached)
        assert code == 0, out
    kept = entries(cache)
    assert len(kept) >= len(list((project / "data").rglob("*.yml")))
    code, out = zongjie("build", "-q", "-d", "warm", cwd=project, cache=cache)
    assert code == 0, out
    assert entries(cache) == kept  # nothing was parsed again
    assert tree_hash(project / "warm") == tree_hash(project / "cold")
    assert tree_hash(project / "filling") == tree_hash(project / "cold")


def test_a_cached_build_reports_every_problem_a_cold_one_does(
    project: Path, tmp_path: Path
) -> None:
    report = project / REPORT
    text = report.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(\s+count:) \d+", r"\1 三次", text, count=1)  # a type error
    text = text.replace("title: ", "title: \u200b", 1)  # an invisible character
    report.write_text(text, encoding="utf-8")
    other = project / OTHER  # and a file YAML cannot read at all
    other.write_text(other.read_text(encoding="utf-8") + "\nmetrics: [unclosed\n", "utf-8")
    cache = tmp_path / "cache"
    runs = []
    for cached in ("off", cache, cache):
        for args in (("check", "--strict"), ("build", "--strict", "-d", "out")):
            code, out = zongjie(*args, cwd=project, cache=cached)
            runs.append((args[0], code, _located(out)))
    cold, warm = runs[:2], runs[4:]
    assert entries(cache)  # the broken files' problems were kept too
    assert warm == cold
    for _, code, located in cold:
        assert code != 0
        assert any(REPORT in line and "三次" in line for line in located), located
        assert any(REPORT in line and "U+200B" in line for line in located), located
        assert any(OTHER in line for line in located), located
    assert not (project / "out").exists()


def _located(out: str) -> list[str]:
    """The lines naming a file at a line, in order (timings vary between runs, these do not)."""
    return [line for line in out.splitlines() if re.search(r"\.(yml|md):\d+", line)]


def test_an_edited_file_is_read_again(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert zongjie("build", "-q", cwd=project, cache=cache)[0] == 0
    report = project / REPORT
    text = report.read_text(encoding="utf-8")
    kind = re.search(r"(?m)^  - kind: (.+)$", text)
    assert kind is not None
    report.write_text(text.replace(kind.group(0), "  - kind: 改过的会议名称", 1), "utf-8")
    reapprove(project)
    code, out = zongjie("build", "-q", cwd=project, cache=cache)
    assert code == 0, out
    page = (project / "site/campaigns/dangshi-2021/u0000/index.html").read_text("utf-8")
    assert "改过的会议名称" in page


def test_a_damaged_or_planted_entry_is_not_trusted(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert zongjie("build", "-q", "-d", "first", cwd=project, cache=cache)[0] == 0
    for entry in entries(cache):
        entry.write_bytes(b"not a pickle")
    code, out = zongjie("build", "-q", "-d", "again", cwd=project, cache=cache)
    assert code == 0, out
    assert tree_hash(project / "again") == tree_hash(project / "first")
    # The cache is never looked for in the project: one committed there is not read.
    planted = project / ".cache/zongjie/data"
    shutil.copytree(cache, planted)
    for entry in planted.glob("*/*.pickle"):
        entry.write_bytes(pickle.dumps(("doc", "planted")))
    code, out = zongjie("build", "-q", "-d", "third", cwd=project, cache=cache)
    assert code == 0, out
    assert tree_hash(project / "third") == tree_hash(project / "first")
