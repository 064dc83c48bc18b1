"""Readers type into Material's search box in headless Chromium (Debian's package)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from zongjie.search.extract import article_html, text_of

from .conftest import LISTEN, MIXED_PAGE

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ROWS = """links => links.map(a => ({
    href: a.getAttribute('href'), text: a.innerText,
    where: (a.querySelector('.zj-search-where') || {}).textContent || '',
    mark: (a.querySelector('.zj-search-excerpt mark') || {}).textContent || ''}))"""
NO_COUNT = "() => !/\\d/.test(document.querySelector('.md-search-result__meta').textContent)"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, demo_server: str) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    page.external = []  # type: ignore[attr-defined]
    page.errors = []  # type: ignore[attr-defined]
    page.on(
        "request",
        lambda r: (
            page.external.append(r.url)
            if not r.url.startswith((demo_server, "data:", "blob:"))
            else None
        ),
    )
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(demo_server + "/")
    page.evaluate(LISTEN)
    yield page
    assert page.external == []
    assert page.errors == []
    context.close()


def search(page: Any, query: str) -> list[dict[str, str]]:
    """Type ``query`` like a reader and return its results once they stop changing."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.wait_for_function(NO_COUNT)  # no result of an earlier query is left on screen
    page.evaluate("() => { window.zjAnswers = []; }")
    page.keyboard.type(query, delay=20)
    typed = box.input_value()
    assert typed == query
    page.wait_for_function("q => window.zjAnswers.includes(q)", arg=typed, timeout=20_000)
    previous = None
    for _ in range(100):
        page.wait_for_timeout(100)
        rows = page.eval_on_selector_all(".md-search-result__list a.md-search-result__link", ROWS)
        meta = page.inner_text(".md-search-result__meta")
        state = (page.evaluate("() => window.zjAnswers.length"), meta, [r["href"] for r in rows])
        if re.search(r"\d|没有", meta) and state == previous:
            return rows
        previous = state
    raise AssertionError(f"no stable results for {query!r}")


def choose(page: Any, select: Any, value: str) -> None:
    """Pick a filter value and wait until the worker has answered again with it applied."""
    page.evaluate("() => { window.zjAnswers = []; }")
    select.select_option(value)
    page.wait_for_function("() => window.zjAnswers.length > 0", timeout=20_000)


def scroll_to_end(page: Any, count: int) -> list[dict[str, str]]:
    """Scroll the result panel until ``count`` results are listed; returns them."""
    links = ".md-search-result__list a.md-search-result__link"
    for _ in range(20):
        if len(page.query_selector_all(links)) >= count:
            break
        page.eval_on_selector(".md-search__scrollwrap", "el => el.scrollTo(0, el.scrollHeight)")
        page.wait_for_timeout(200)
    return page.eval_on_selector_all(links, ROWS)


def page_texts(site: Path) -> dict[str, str]:
    """The article text of every page, keyed by its path without slashes at the ends."""
    return {
        p.parent.relative_to(site).as_posix(): text_of(article_html(p.read_text("utf-8")))
        for p in site.rglob("index.html")
        if "search" not in p.parts
    }


def paths(rows: list[dict[str, str]]) -> list[str]:
    return [urlparse(r["href"]).path.lstrip("/") for r in rows]


def test_simplified_and_traditional_queries_find_the_same_pages(page: Any) -> None:
    simplified = search(page, "党史学习教育")
    traditional = search(page, "黨史學習教育")
    assert simplified and [r["href"] for r in traditional] == [r["href"] for r in simplified]
    first = traditional[0]
    assert first["mark"] == "党史学习教育"  # highlighted in the excerpt, in the page's own text


def test_results_show_unit_campaign_and_highlight(page: Any, demo_site: Path) -> None:
    facets = json.loads((demo_site / "search/zongjie/facets.json").read_text(encoding="utf-8"))
    units, campaigns = {u[0]: u[1] for u in facets["units"]}, dict(facets["campaigns"])
    phrase = "我为群众办实事"
    truth = {path for path, text in page_texts(demo_site).items() if phrase in text}
    assert 8 <= len(truth) <= 30, "the demo corpus changed: pick another phrase"
    rows = search(page, phrase)
    assert page.inner_text(".md-search-result__meta") == f"找到 {len(truth)} 个符合条件的结果"
    rows = scroll_to_end(page, len(truth))  # Material lists ten at first, more on scrolling
    # Every page that holds the phrase is listed, with the phrase highlighted.
    assert {urlparse(r["href"]).path.strip("/") for r in rows if r["mark"] == phrase} == truth
    reports = [r for r in rows if re.search(r"/u\d{4}/", r["href"])]
    assert len(reports) >= 8
    for row in reports:
        campaign_id, unit_id = re.search(r"campaigns/([^/]+)/(u\d{4})/", row["href"]).groups()
        unit, campaign = row["where"].split(" · ")[:2]
        assert (unit, campaign) == (units[unit_id], campaigns[campaign_id])
        assert row["mark"] == "我为群众办实事"


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("“我为群众，办实事！”", "我为群众办实事"),  # quotes and punctuation inside a phrase
        ("ＶＲ党史展馆", "VR党史展馆"),  # full-width letters
        ("ｖｒ党史展馆", "VR党史展馆"),  # ... in lower case
        ("９８．５％", "98.5%"),  # full-width digits and signs
        ("２０２１年", "2021年"),
        ("学习强国　ＡＰＰ", "学习强国 APP"),  # an ideographic space between two terms
        ("\u3000ＡＰＰ和ＶＲ\u3000", "APP和VR"),  # ideographic spaces around a term
    ],
)
def test_punctuation_width_and_spaces_do_not_matter(page: Any, typed: str, plain: str) -> None:
    expected = paths(search(page, plain))
    assert expected, f"{plain!r} finds nothing: the test would compare nothing"
    if re.search(r"[A-Za-z]|98", plain):
        assert expected[0] == MIXED_PAGE  # the one page that has these letters and digits
    assert paths(search(page, typed)) == expected


def test_filter_by_campaign_and_unit(page: Any) -> None:
    everything = search(page, "我为群众办实事")
    campaign = page.locator('[data-zj-search-filter="campaign"]')
    values = [v for v in campaign.locator("option").evaluate_all("os => os.map(o => o.value)") if v]
    choose(page, campaign, values[0])
    narrowed = search(page, "我为群众办实事")
    assert narrowed and all(f"/{values[0]}/" in r["href"] for r in narrowed)
    assert any(f"/{values[0]}/" not in r["href"] for r in everything)
    unit = page.locator('[data-zj-search-filter="unit"]')
    unit.click()
    page.wait_for_function(
        "document.querySelectorAll('[data-zj-search-filter=unit] option').length > 1"
    )
    first_unit = unit.locator("option").nth(1).get_attribute("value")
    choose(page, unit, first_unit)
    only = search(page, "我为群众办实事")
    assert len(only) == 1 and f"/{values[0]}/{first_unit}/" in only[0]["href"]


def test_a_sentence_pasted_from_a_report_finds_its_pages_first(page: Any, demo_site: Path) -> None:
    # A long term is looked up by every other bigram only; the phrase check must still put the
    # pages that hold the whole sentence on top, with the sentence highlighted.
    texts = page_texts(demo_site)
    sentence, truth = "", set()
    for candidate in (
        "从党的非凡历程中领会了党的非凡历史功绩，深化了对中国化马克思主义",
        "坚持原原本本学，读原著、学原文、悟原理，xxxx认真研读党史",
    ):
        truth = {path for path, text in texts.items() if candidate in text}
        if 0 < len(truth) <= 10:
            sentence = candidate
            break
    assert sentence, "the demo reports no longer quote the seed's sentences"
    rows = search(page, sentence)
    top = {urlparse(r["href"]).path.strip("/") for r in rows[: len(truth)]}
    assert top == truth
    assert rows[0]["mark"] == sentence


def _node_of(href: str) -> str:
    """The tree node a result's page belongs to: a report's unit, an organisation's page in a
    campaign, a unit's or organisation's page across campaigns; "" for any other page."""
    path = urlparse(href).path.strip("/")
    found = re.fullmatch(r"campaigns/[^/]+/(?:zuzhi/)?([^/]+)|danwei/([^/]+)", path)
    return next((g for g in found.groups() if g), "") if found else ""


@pytest.mark.parametrize("org", ["c01", "c02-x01"])
def test_filter_by_organisation_keeps_it_and_what_is_below(
    browser: Any, tree_site: tuple[Path, Path], tree_server: str, org: str
) -> None:
    from zongjie.rules import load_project

    tree = load_project(tree_site[0]).tree
    inside = tree.subtree(org)
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(tree_server + "/")
        page.evaluate(LISTEN)
        phrase = "我为群众办实事"
        everything = scroll_to_end(page, len(search(page, phrase)))
        outside = [r for r in everything if _node_of(r["href"]) not in inside]
        assert any(_node_of(r["href"]) for r in outside), "no result from another organisation"
        select = page.locator('[data-zj-search-filter="org"]')
        page.wait_for_function(
            "document.querySelectorAll('[data-zj-search-filter=org] option').length > 1"
        )
        assert select.is_visible()
        options = select.locator("option").evaluate_all(
            "os => os.map(o => [o.value, o.textContent])"
        )
        # Every organisation of the tree, at any level, deeper ones indented under theirs.
        groups = [n.id for n in tree.below("") if tree.is_org(n.id)]
        assert [v for v, _ in options[1:]] == groups
        label = dict(options)[org]
        assert label == "\u3000" * (tree.nodes[org].depth - 1) + tree.nodes[org].short_name
        choose(page, select, org)
        narrowed = search(page, phrase)
        narrowed = scroll_to_end(page, len(narrowed))
        assert narrowed
        assert all(_node_of(r["href"]) in inside for r in narrowed), paths(narrowed)
        shown = {r["href"] for r in narrowed}
        assert not shown & {r["href"] for r in outside}  # a result from outside is gone
        # What was listed from inside stays (more may come up: the list is capped).
        assert {r["href"] for r in everything if _node_of(r["href"]) in inside} <= shown
        # The unit list follows: only units below the organisation are offered.
        units = page.locator('[data-zj-search-filter="unit"]')
        values = units.locator("option").evaluate_all("os => os.map(o => o.value)")
        assert values[1:] and all(v in inside for v in values[1:])
        choose(page, select, "")
        again = {r["href"] for r in search(page, phrase)}
        assert again & {r["href"] for r in outside}  # all organisations again
        assert errors == []
    finally:
        context.close()


def test_hostile_organisation_names_stay_text(
    browser: Any, tree_site: tuple[Path, Path], tmp_path: Path
) -> None:
    """An organisation's name is data: in the filter it is option text, never markup."""
    import shutil

    from support import reapprove, serve
    from zongjie.site.atomic_build import build_site

    project = tmp_path / "p"
    shutil.copytree(tree_site[0], project, ignore=shutil.ignore_patterns("site"))
    units = project / "data/units.yml"
    hostile = '<img src=x onerror=alert("zjorg")>江城市'
    text = units.read_text(encoding="utf-8")
    assert "short_name: 江城市" in text
    units.write_text(text.replace("short_name: 江城市", f"short_name: '{hostile}'"), "utf-8")
    reapprove(project)
    site = build_site(project / "mkdocs.yml", site_dir=project / "site")
    with serve(site) as base:
        context = browser.new_context()
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        try:
            page.goto(base + "/")
            page.locator("input.md-search__input").click()
            page.wait_for_function(
                "document.querySelectorAll('[data-zj-search-filter=org] option').length > 1"
            )
            labels = page.locator('[data-zj-search-filter="org"] option').all_inner_texts()
            assert hostile in labels, labels
            injected = page.evaluate(
                "() => document.querySelectorAll('img[src=\"x\"], [onerror]').length"
            )
            assert injected == 0 and dialogs == []
        finally:
            context.close()
