"""Intranet safety and accessibility in a real browser (Debian's Chromium via Playwright).

Every kind of page of the sample site is opened from a local server. The browser must not
contact any other host, log no console errors, and axe-core must find no serious or critical
accessibility violations. The sortable overview table must work from the keyboard.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1"}
SEARCH_TERM = "学习"


def page_kinds(site: Path) -> dict[str, str | None]:
    """One URL (relative to the site root) per kind of page; None when the site has none."""
    campaigns = sorted(p.parent for p in site.glob("campaigns/*/index.html"))
    with_table = [
        c for c in campaigns if 'data-zj="overview"' in (c / "index.html").read_text("utf-8")
    ]
    campaign = (with_table or campaigns or [None])[0]
    reports = sorted(p.parent for p in site.glob("campaigns/*/*/index.html"))
    resources = sorted(p.parent for p in site.glob("resources/*/index.html"))
    guides = sorted(site.glob("guide/**/index.html"))

    def rel(folder: Path | None) -> str | None:
        return None if folder is None else folder.relative_to(site).as_posix() + "/"

    return {
        "home": "",
        "campaign": rel(campaign),
        "report": rel(reports[0] if reports else None),
        "resource": rel(resources[0] if resources else None),
        "search": "",
        "guide": rel(guides[0].parent if guides else None),
        "404": "no-such-page.html",
    }


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def kinds(sample_site: Path) -> dict[str, str | None]:
    return page_kinds(sample_site)


class Visit:
    """A page opened with every outside request recorded (and blocked) and console errors kept."""

    def __init__(self, browser: object, url: str):
        viewport = {"width": 1280, "height": 900}
        self.context = browser.new_context(viewport=viewport)  # type: ignore[attr-defined]
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.url = url
        self.response = self.page.goto(url, wait_until="networkidle")

    def _console(self, message: object) -> None:
        if message.type != "error":  # type: ignore[attr-defined]
            return
        where = (message.location or {}).get("url", "")  # type: ignore[attr-defined]
        if where == self.url and "404" in message.text:  # type: ignore[attr-defined]
            return  # the 404 page itself is served with status 404, as it must be
        self.errors.append(f"console: {message.text} ({where})")  # type: ignore[attr-defined]

    def _route(self, route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS:
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    def close(self) -> None:
        self.context.close()


def _open(browser: object, site_server: str, kinds: dict[str, str | None], kind: str) -> Visit:
    path = kinds[kind]
    if path is None:
        pytest.skip(f"the sample site has no {kind} page yet")
    visit = Visit(browser, site_server + path)
    if kind == "search":
        box = visit.page.locator("input.md-search__input")
        box.click()
        box.fill(SEARCH_TERM)
        box.press("End")  # a real key event: the search UI listens for keyup, fill() sends none
        visit.page.wait_for_selector(".md-search-result__item", timeout=20_000)
        visit.page.wait_for_load_state("networkidle")
    return visit


KINDS = ["home", "campaign", "report", "resource", "search", "guide", "404"]


@pytest.mark.parametrize("kind", KINDS)
def test_page_is_local_and_clean(
    browser: object, site_server: str, kinds: dict[str, str | None], kind: str
) -> None:
    visit = _open(browser, site_server, kinds, kind)
    try:
        status = visit.response.status if visit.response else None
        assert status == (404 if kind == "404" else 200)
        assert visit.outside == [], f"requests to other hosts: {visit.outside}"
        assert visit.errors == [], "\n".join(visit.errors)
    finally:
        visit.close()


@pytest.mark.parametrize("kind", KINDS)
def test_no_serious_accessibility_violations(
    browser: object, site_server: str, kinds: dict[str, str | None], kind: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    visit = _open(browser, site_server, kinds, kind)
    try:
        results = Axe().run(visit.page)
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        report = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(
                n["target"][0] if isinstance(n["target"][0], str) else str(n["target"])
                for n in v["nodes"][:5]
            )
            for v in bad
        )
        assert not bad, f"{kind}: {len(bad)} serious/critical axe violations:\n{report}"
    finally:
        visit.close()


def test_sortable_table_by_keyboard(
    browser: object, site_server: str, kinds: dict[str, str | None]
) -> None:
    visit = _open(browser, site_server, kinds, "campaign")
    try:
        page = visit.page
        table = page.locator("table[data-zj-sortable]").first
        assert table.count() == 1, "the campaign page has no sortable table"
        headers = table.locator("thead th")
        assert headers.count() >= 2
        for i in range(headers.count()):
            th = headers.nth(i)
            assert th.get_attribute("scope") == "col"
            assert th.locator("button").count() == 1, "every column header must be a button"
        assert table.locator("tbody tr th[scope=row]").count() >= 1, "rows need a row header"
        assert table.locator("caption").count() == 1

        target = headers.nth(1)
        button = target.locator("button")
        # Reach the header's button with Tab only, starting from the top of the page.
        page.locator("body").click(position={"x": 1, "y": 1})
        for _ in range(400):
            page.keyboard.press("Tab")
            if button.evaluate("b => b === document.activeElement"):
                break
        else:
            pytest.fail("the sort button cannot be reached with Tab")
        assert target.get_attribute("aria-sort") == "none"

        column = 2  # the first metric column (th is column 1)

        def values() -> list[float]:
            cells = table.locator(f"tbody tr td:nth-child({column})")
            return [
                float(cells.nth(i).get_attribute("data-sort") or 0) for i in range(cells.count())
            ]

        unsorted = values()
        assert len(set(unsorted)) > 1, "the column has one value: sorting it proves nothing"
        page.keyboard.press("Enter")
        assert target.get_attribute("aria-sort") == "ascending"
        assert values() == sorted(unsorted)
        page.keyboard.press("Enter")
        assert target.get_attribute("aria-sort") == "descending"
        assert values() == sorted(unsorted, reverse=True)
        assert visit.errors == []
    finally:
        visit.close()


def _search_hostile_results(page: Any) -> None:
    """Search for the payload: its results, and the filters built from hostile unit names, must
    show it as text."""
    from tests.hardening.test_injection import TOKEN

    box = page.locator("input.md-search__input")
    box.click()
    box.fill(TOKEN)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    shown = page.locator(".md-search-result__item").all_inner_texts()
    assert any(f'alert("{TOKEN}")' in text for text in shown), shown  # as text, not as markup
    unit = page.locator('[data-zj-search-filter="unit"]')
    unit.focus()  # loads the facets: unit names (poisoned) become <option>s
    page.wait_for_function(
        "document.querySelectorAll('[data-zj-search-filter=unit] option').length > 1"
    )
    labels = unit.locator("option").all_inner_texts()
    assert any(f'alert("{TOKEN}")' in label for label in labels), labels
    unit.select_option(index=1)
    page.wait_for_selector(".md-search-result__item", timeout=20_000)
    filtered = page.locator(".md-search-result__item").all_inner_texts()
    assert filtered and any(TOKEN in text for text in filtered), filtered


def test_hostile_data_stays_inert_in_the_browser(browser: object, tiny: Path) -> None:
    """The poisoned data of test_injection, opened in Chromium: no dialog, no injected element,
    also after the search UI has rendered results and filters from the index at run time."""
    import functools
    import http.server
    import threading

    from tests.hardening.conftest import _SiteHandler, run_zongjie
    from tests.hardening.test_injection import poison
    from tests.support import reapprove

    for path in sorted((tiny / "data").rglob("*.yml")):
        poison(path)
    reapprove(tiny)  # else the readers' build withholds every poisoned report
    done = run_zongjie("build", "-q", cwd=tiny)
    assert done.returncode == 0, done.stdout + done.stderr
    handler = functools.partial(_SiteHandler, directory=str(tiny / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        for path in (
            "",
            "campaigns/dangshi-2021/",
            "campaigns/dangshi-2021/u0000/",
            "resources/bangyang/",
            "resources/",
        ):
            visit = Visit(browser, base + path)
            dialogs: list[str] = []
            visit.page.on("dialog", lambda d, seen=dialogs: (seen.append(d.message), d.dismiss()))
            try:
                if path == "":
                    _search_hostile_results(visit.page)
                injected = visit.page.evaluate(
                    '() => document.querySelectorAll(\'img[src="x"], [onerror], [onmouseover], '
                    'a[href^="javascript:"]\').length'
                )
                assert dialogs == [], f"{path}: a script ran: {dialogs}"
                assert injected == 0, f"{path}: {injected} injected elements in the DOM"
                assert visit.outside == []
            finally:
                visit.close()
    finally:
        server.shutdown()
        server.server_close()
