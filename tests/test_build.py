"""End-to-end: build real sites and read the HTML a reader gets."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT


class TableReader(HTMLParser):
    """Collects tables as lists of rows of cell texts, keyed by their data-zj attribute."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, list[list[str]], str]] = []
        self._section = ""
        self._cell: list[str] | None = None
        self._row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append((dict(attrs).get("data-zj") or "", [], ""))
        elif tag in ("thead", "tbody", "tfoot"):
            self._section = tag
        elif tag == "tr" and self.tables:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1][1].append([self._section, *self._row])
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def tables(html: str, kind: str) -> list[list[list[str]]]:
    reader = TableReader()
    reader.feed(html)
    return [rows for name, rows, _ in reader.tables if name == kind]


def article(html: str) -> str:
    body = re.search(r"<article[^>]*>(.*?)</article>", html, re.DOTALL)
    assert body, "page has no <article>"
    return body.group(1)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_seed_report_page_shows_its_facts(mini_project: Path, build) -> None:
    site = build(mini_project)
    html = (site / "campaigns/dangshi-2021/shi-wenlian/index.html").read_text(encoding="utf-8")
    body = article(html)
    activity_rows = {row[1]: row[2] for row in tables(body, "activities")[0] if row[0] == "tbody"}
    assert activity_rows["党组会议"] == "2"
    assert activity_rows["主题党日"] == "5"
    assert activity_rows["中心组学习"] == "2"
    assert activity_rows["党员大会"] == "3"
    assert activity_rows["专题党课"] == "3"
    shishi = tables(body, "shishi")[0]
    assert len([r for r in shishi if r[0] == "tbody"]) == 8
    assert "共 8 件" in text(body)
    rect = {row[1]: row[2:] for row in tables(body, "rectification")[0] if row[0] == "tbody"}
    by_source = {k.split("（")[0]: v for k, v in rect.items()}
    # 查摆, 已整改, 整改中, 常态化, 整改率
    assert by_source["组织生活会"] == ["12个", "10", "0", "2", "83.3%"]
    assert by_source["党支部检视"] == ["11个", "9", "0", "2", "81.8%"]
    assert by_source["市委党史学习教育第四巡回指导组第一轮巡回指导反馈"][0] == "6类"
    items = tables(body, "rectification-items")[0]
    statuses = [r[-1] for r in items if r[0] == "tbody"]
    assert len(statuses) == 11 and statuses.count("已整改") == 9 and statuses.count("常态化") == 2
    # Numbers in the narrative come from the data, not from typed text.
    assert "共召开2次党组会议" in text(body).replace(" ", "")
    assert "活动8次" in text(body).replace(" ", "")
    # The 落款 and the report header.
    assert "中共X市xxxx党组" in text(body) and "2021年12月20日" in text(body)
    assert "市文学艺术界联合会" in text(body)


def test_campaign_overview_totals_add_up(mini_project: Path, build) -> None:
    site = build(mini_project)
    html = (site / "campaigns/dangshi-2021/index.html").read_text(encoding="utf-8")
    overview = tables(article(html), "overview")[0]
    header = next(r for r in overview if r[0] == "thead")[1:]
    body_rows = [r[1:] for r in overview if r[0] == "tbody"]
    foot = next(r for r in overview if r[0] == "tfoot")[1:]
    assert len(body_rows) == 2
    assert foot[0].startswith("合计")
    for col in range(1, len(header) - 1):
        values = [int(r[col]) for r in body_rows if r[col] != "—"]
        assert int(foot[col]) == sum(values), header[col]
    shishi_col = next(i for i, h in enumerate(header) if h.startswith("办实事"))
    assert sorted(int(r[shishi_col]) for r in body_rows) == [2, 8]
    assert foot[shishi_col] == "10"
    # 23 + 5 problems, 19 + 3 rectified → 78.6 %
    assert foot[-1] == "78.6%"
    assert "共开展办实事10件" in text(article(html)).replace(" ", "")
    # Sortable without any external script: our own JS, buttons in the headers.
    assert "data-zj-sortable" in html and 'class="zj-sort"' in html
    assert "<svg" in article(html) and "zj-bar" in html


def test_resource_pages_list_backlinks(mini_project: Path, build) -> None:
    site = build(mini_project)
    html = (site / "resources/zggcd-jianshi/index.html").read_text(encoding="utf-8")
    body = text(article(html))
    assert "《中国共产党简史》" in body
    assert "市文学艺术界联合会" in body and "市测试局" in body
    unused = (site / "resources/bangyang-5/index.html").read_text(encoding="utf-8")
    assert "市测试局" not in text(article(unused))
    catalogue = (site / "resources/index.html").read_text(encoding="utf-8")
    counts = {
        r[1]: r[3] for t in tables(article(catalogue), "catalogue") for r in t if r[0] == "tbody"
    }
    assert counts["《中国共产党简史》"] == "2"


def test_home_page_lists_campaign_totals(mini_project: Path, build) -> None:
    site = build(mini_project)
    home = text(article((site / "index.html").read_text(encoding="utf-8")))
    assert "2021年党史学习教育" in home
    assert "2 个单位报送" in home
    assert "办实事 10" in home


def test_headings_keep_chinese_anchors(mini_project: Path, build) -> None:
    site = build(mini_project)
    html = (site / "campaigns/dangshi-2021/shi-wenlian/index.html").read_text(encoding="utf-8")
    assert 'id="一开展的主要工作"' in html


def test_nav_is_campaign_then_unit(mini_project: Path, build) -> None:
    site = build(mini_project)
    html = (site / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary"') :]
    assert nav.index("2021年党史学习教育") < nav.index("市文联") < nav.index("学习资源")


def test_no_request_leaves_the_site(mini_project: Path, build) -> None:
    site = build(mini_project)
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for url in re.findall(r'(?:src|href)="(https?:)?//([^"/]+)', html):
            pytest.fail(f"{page}: external reference to {url}")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


@pytest.mark.slow
def test_shipped_sample_site_builds_strict(tmp_path: Path) -> None:
    from zongjie.site.atomic_build import build_site

    site = build_site(ROOT / "mkdocs.yml", site_dir=tmp_path / "site", strict=True)
    built = {
        p.parent.relative_to(site / "campaigns").as_posix()
        for p in site.glob("campaigns/*/*/index.html")
    }
    sources = {
        p.relative_to(ROOT / "data/reports").with_suffix("").as_posix()
        for p in ROOT.glob("data/reports/*/*.yml")
    }
    assert built == sources and "dangshi-2021/shi-wenlian" in built
    # The editors' guide (the deploy page too) is one 帮助 entry; its pages are still built.
    from support import nav_links

    guide = {p.parent.relative_to(site).as_posix() + "/" for p in site.glob("guide/*/index.html")}
    assert {"guide/deploy/", "guide/new/", "guide/errors/"} <= guide
    for page in ("", "guide/", "guide/deploy/", "campaigns/dangshi-2021/shi-wenlian/"):
        links = nav_links(site, page)
        assert [(u, t) for u, t in links if u.startswith("guide/")] == [("guide/", "帮助")], links
