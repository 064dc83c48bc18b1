"""Fixtures for the search tests: a small generated project built with the real hooks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support import reapprove, serve
from zongjie.demo import write_demo
from zongjie.site.atomic_build import build_site

# A sentence with Latin letters, digits and a percentage, as reports write them; the generated
# reports have none, so one report gets it (the width tests search for its parts).
MIXED_PAGE = "campaigns/dangshi-2021/u0003/"
MIXED_SENTENCE = "依托“学习强国”APP和VR党史展馆开展线上学习，参学率达98.5%。"

# Records the query of every answer the search worker sends this tab (see zongjie-search/ui.js),
# so that a test knows the results on screen answer the query it typed, not an earlier one.
LISTEN = """() => {
  const tab = document.documentElement.getAttribute('data-zj-search-tab');
  window.zjAnswers = [];
  new BroadcastChannel('zongjie-search:' + tab).addEventListener('message', ev => {
    if (ev.data && ev.data.type === 'total') window.zjAnswers.push(ev.data.query);
  });
}"""


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six units × two campaigns from ``zongjie demo``, built once per test worker."""
    project = tmp_path_factory.mktemp("search-demo")
    write_demo(project, units=6, campaigns=2, seed=3)
    page = project / "docs" / MIXED_PAGE.rstrip("/")
    narrative = page.with_suffix(".md").read_text(encoding="utf-8")
    signature = "<!-- zj:signature -->"
    assert signature in narrative
    narrative = narrative.replace(signature, f"{MIXED_SENTENCE}\n\n{signature}")
    page.with_suffix(".md").write_text(narrative, encoding="utf-8")
    reapprove(project)
    return build_site(project / "mkdocs.yml", site_dir=project / "site")


@pytest.fixture(scope="session")
def demo_server(demo_site: Path) -> Iterator[str]:
    with serve(demo_site) as base:
        yield base


@pytest.fixture(scope="session")
def tree_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """20 units in 2 cities of 2 counties each, one campaign: the smallest generated tree."""
    project = tmp_path_factory.mktemp("search-tree")
    write_demo(project, units=20, campaigns=1, seed=3)
    return project, build_site(project / "mkdocs.yml", site_dir=project / "site")


@pytest.fixture(scope="session")
def tree_server(tree_site: tuple[Path, Path]) -> Iterator[str]:
    with serve(tree_site[1]) as base:
        yield base
