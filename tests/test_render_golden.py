"""Each renderer against a golden file. Set ZONGJIE_UPDATE_GOLDEN=1 to rewrite them after a
deliberate template change, then review the diff."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from zongjie.markdown.markers import Marker
from zongjie.rules import load_project
from zongjie.site.render import Links, Renderer, make_environment

GOLDEN = Path(__file__).parent / "golden"
REPORT = ("dangshi-2021", "ceshi-ju")
CASES = [
    # (golden name, marker name, argument, scope)
    ("summary", "summary", None, "report"),
    ("activities", "activities", None, "report"),
    ("trainings", "trainings", None, "report"),
    ("shishi", "shishi", None, "report"),
    ("rectification", "rectification", None, "report"),
    ("resources", "resources", None, "report"),
    ("signature", "signature", None, "report"),
    ("value", "value", "dangzu", "report"),
    ("outreach_seed", "outreach", None, "seed"),
    ("overview", "overview", None, "campaign"),
    ("progress", "progress", None, "campaign"),
    ("chart", "chart", "shishi", "campaign"),
    ("total", "total", "shishi", "campaign"),
    ("units", "units", None, "campaign"),
    ("campaigns", "campaigns", None, "any"),
    ("catalogue", "catalogue", None, "any"),
    ("backlinks", "backlinks", "zggcd-jianshi", "any"),
]


@pytest.fixture
def renderer(mini_project: Path) -> Renderer:
    content = load_project(mini_project)
    assert not content.log.errors, content.log.errors
    env = make_environment(jinja2.FileSystemLoader(str(mini_project / "overrides")))
    links = Links(
        reports={k: f"campaigns/{k[0]}/{k[1]}/" for k in content.reports},
        campaigns={c: f"campaigns/{c}/" for c in content.campaigns},
        resources={r: f"resources/{r}/" for r in content.resources},
    )
    return Renderer(content, env, links)


@pytest.mark.parametrize(("golden", "name", "arg", "scope"), CASES, ids=[c[0] for c in CASES])
def test_renderer_matches_golden(
    renderer: Renderer, golden: str, name: str, arg: str | None, scope: str
) -> None:
    report = {"report": REPORT, "seed": ("dangshi-2021", "shi-wenlian")}.get(scope)
    marker = Marker(name, arg, {}, "test.md", 1, campaign_id="dangshi-2021", report_key=report)
    page_url = f"campaigns/{report[0]}/{report[1]}/" if report else "campaigns/dangshi-2021/"
    html = renderer.render(marker, page_url) + "\n"
    path = GOLDEN / f"{golden}.html"
    if os.environ.get("ZONGJIE_UPDATE_GOLDEN"):
        path.write_text(html, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}; run with ZONGJIE_UPDATE_GOLDEN=1"
    assert html == path.read_text(encoding="utf-8")


def test_values_are_escaped(mini_project: Path, renderer: Renderer) -> None:
    unit = renderer.c.units["ceshi-ju"]
    renderer.c.units["ceshi-ju"] = unit.model_copy(update={"name": "<script>alert(1)</script>"})
    marker = Marker("signature", None, {}, "t.md", 1, "dangshi-2021", REPORT)
    html = renderer.render(marker, "campaigns/dangshi-2021/ceshi-ju/")
    assert "<script>" not in html and "&lt;script&gt;" in html
