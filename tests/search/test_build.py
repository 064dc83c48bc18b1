"""A real site built with the search hook: the index, Material's wiring, and its absence."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from zongjie.demo import write_demo
from zongjie.search.shards import unpack
from zongjie.site.atomic_build import build_site


def test_index_written_and_material_pointed_at_worker(demo_site: Path) -> None:
    root = demo_site / "search/zongjie"
    meta = unpack((root / "meta.bin").read_bytes())
    # Every page a reader can land on (not the 404 page): 12 reports plus the index pages.
    pages = [p for p in demo_site.rglob("*.html") if p.name != "404.html"]
    assert len(meta["pageStart"]) == len(pages)
    assert len(list(demo_site.glob("campaigns/*/*/index.html"))) == 12
    assert len(meta["campaigns"]) == 2 and len(meta["units"]) == 6
    facets = json.loads((root / "facets.json").read_text(encoding="utf-8"))
    assert [len(u[2]) for u in facets["units"]] == [2] * 6  # every unit reported twice
    # Material's own index is not built; its loader gets settings only.
    stub = json.loads((demo_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert stub["docs"] == []
    html = (demo_site / "index.html").read_text(encoding="utf-8")
    assert "zongjie-search/worker.js?v=" in html
    assert re.search(r'data-zj-search-filter="campaign"', html)
    assert 'class="md-search__input"' in html
    assert "zongjie-search/ui.js" in html and "zongjie-search.css" in html
    assert (demo_site / "assets/javascripts/zongjie-search/worker.js").is_file()


def test_report_parts_carry_unit_and_campaign(demo_site: Path) -> None:
    parts = [unpack(p.read_bytes()) for p in (demo_site / "search/zongjie/s").rglob("*.bin")]
    units = {page[3][0] for part in parts for page in part["pages"]}
    assert len(units - {""}) == 6
    texts = "".join(row[2] for part in parts for row in part["s"])
    assert "张桂梅" in texts  # the seed's own wording is what gets searched


def test_site_builds_without_material_search(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_demo(tmp_path, units=1, campaigns=1)
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = []
    _write_config(tmp_path, config)
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site")
    assert (site / "index.html").is_file()
    assert not (site / "search").exists()
    assert "search 插件未启用" in caplog.text


def test_site_builds_without_the_search_hook(tmp_path: Path) -> None:
    write_demo(tmp_path, units=1, campaigns=1)
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = [h for h in config["hooks"] if "search" not in h]
    _write_config(tmp_path, config)
    site = build_site(tmp_path / "mkdocs.yml", site_dir=tmp_path / "site")
    stub = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    assert stub["docs"]  # Material's own search works as before
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "zongjie-search/worker.js" not in html and "data-zj-search-filter" not in html


def _write_config(project: Path, config: dict) -> None:
    text = yaml.safe_dump(config, allow_unicode=True)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")


def test_each_page_carries_its_place_in_the_tree(tree_site: tuple[Path, Path]) -> None:
    """One number per page, whose parents give its organisations from the top down."""
    from zongjie.rules import load_project

    project, site = tree_site
    tree = load_project(project).tree
    meta = unpack((site / "search/zongjie/meta.bin").read_bytes())
    facets = json.loads((site / "search/zongjie/facets.json").read_text(encoding="utf-8"))
    ids, parents = meta["orgs"], meta["orgParent"]
    assert len(meta["pageOrg"]) == len(meta["pageStart"]) and parents == facets["orgParent"]
    urls = {}
    for part in (site / "search/zongjie/s").rglob("*.bin"):
        urls.update({page[0]: page[1] for page in unpack(part.read_bytes())["pages"]})
    placed = 0
    for number, url in urls.items():
        node, path = meta["pageOrg"][number], []
        while node:
            path.append(ids[node - 1])
            node = parents[node - 1]
        found = re.fullmatch(r"campaigns/[^/]+/(?:zuzhi/)?([^/]+)/|danwei/([^/]+)/", url)
        own = next((g for g in found.groups() if g), "") if found else ""
        if own in tree.nodes and own:
            assert path[::-1] == [n.id for n in tree.chain(own)[1:]], url
            placed += 1
        else:
            assert path == [], url
    assert placed >= 20 + 20 + 6  # reports, units' pages, organisations' pages and more
    groups = [n.id for n in tree.below("") if tree.is_org(n.id)]
    assert [o[0] for o in facets["orgs"]] == groups
    assert all(o[1] == tree.nodes[o[0]].short_name for o in facets["orgs"])
