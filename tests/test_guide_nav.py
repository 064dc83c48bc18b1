"""The editors' guide leaves the readers' nav: one 帮助 entry; the editors' preview lists it all."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import make_mini_project, nav_links

GUIDE = {
    "index.md": "# 写作指南\n\n- [新建报告](new.md)\n- [部署](deploy.md)\n",
    "new.md": "# 新建活动、单位和报告\n\n运行 `zongjie new report`。\n",
    "deploy.md": "# 部署\n\n写给维护人员：发布到内网 nginx。\n",
}
SUB_PAGES = ("guide/new/", "guide/deploy/")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The mini project configured as mkdocs.yml is: sections, pruned nav, search, and a
    warning (an error under --strict) for a page left out of the nav; with a guide."""
    project = make_mini_project(
        tmp_path / "project", hooks=("zongjie_hooks.py", "zongjie_search.py")
    )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for old, new in {
        "  font: false\n": "  font: false\n  features:\n"
        + "".join(f"    - navigation.{f}\n" for f in ("indexes", "prune", "sections")),
        "plugins: []\n": "plugins:\n  - search:\n      lang: zh\n",
        "  - hooks/zongjie_hooks.py\n": "  - hooks/zongjie_hooks.py\n  - hooks/zongjie_search.py\n",
        "validation:\n": "validation:\n  omitted_files: warn\n",
    }.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    config.write_text(text, encoding="utf-8")
    for name, text in GUIDE.items():
        (project / "docs/guide" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs/guide" / name).write_text(text, encoding="utf-8")
    return project


def test_readers_nav_has_one_help_link_and_the_guide_is_still_built(project: Path, build) -> None:
    site = build(project)  # strict: no "not included in the nav" warning
    for page in ("", "guide/", *SUB_PAGES, "campaigns/dangshi-2021/shi-wenlian/"):
        links = nav_links(site, page)
        assert [url for url, _ in links if url.startswith("guide/")] == ["guide/"], (page, links)
        assert [text for url, text in links if url == "guide/"] == ["帮助"], (page, links)
        assert not any("部署" in text or "写作指南" in text for _, text in links), links
    home = nav_links(site, "")
    assert home[-1] == ("guide/", "帮助")  # after the reports and resources
    assert ("campaigns/dangshi-2021/", "2021年党史学习教育") in home or any(
        url.startswith("campaigns/dangshi-2021/") for url, _ in home
    )
    for page in SUB_PAGES:  # reachable at their addresses, and from the guide's first page
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert "<h1" in html and GUIDE[page.split("/")[1] + ".md"].split("\n")[0][2:] in html
    first = (site / "guide/index.html").read_text(encoding="utf-8")
    assert 'href="new/"' in first and 'href="deploy/"' in first


def test_readers_search_leaves_the_guide_out(project: Path, build) -> None:
    site = build(project)
    from zongjie.search.shards import unpack

    urls = {
        page[1]
        for part in (site / "search/zongjie/s").rglob("*.bin")
        for page in unpack(part.read_bytes())["pages"]
    }
    assert "campaigns/dangshi-2021/shi-wenlian/" in urls
    assert not [url for url in urls if url.startswith("guide")], urls


def test_editors_preview_lists_the_whole_guide(project: Path, build) -> None:
    site = build(project, audience="editors")
    links = nav_links(site, "guide/")
    guide = [url for url, _ in links if url.startswith("guide/")]
    assert sorted(guide) == sorted(["guide/", *SUB_PAGES]), links
    assert "帮助" not in [text for _, text in links]
    assert ("guide/deploy/", "部署") in links
