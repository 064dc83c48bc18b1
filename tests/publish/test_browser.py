"""Debian's Chromium through nginx with the published configuration: every kind of page runs
under the Content-Security-Policy without a console error, and search works for both
audiences without a public reader's browser ever receiving restricted text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from zongjie import atomic

from .conftest import Served
from .publish_support import CANARY, CANARY_PAGE, PASSWORD, PREFIX, USER

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
# Collects violations the page itself sees, next to what the console reports.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""
PUBLIC_TERM = "城关区教育局"  # the unit of the public report u0000


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make debs-test)")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


class Reader:
    """One browser context (optionally signed in) that records console errors and responses."""

    def __init__(self, browser: object, base: str, signed_in: bool = False) -> None:
        credentials = {"username": USER, "password": PASSWORD} if signed_in else None
        self.base = base
        self.context = browser.new_context(http_credentials=credentials)  # type: ignore[attr-defined]
        self.context.add_init_script(WATCH_CSP)
        self.errors: list[str] = []
        self.responses: list[object] = []
        self.context.on("response", self._response)  # the pages' and the search worker's
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

    def _response(self, response: object) -> None:
        self.responses.append(response)

    def _console(self, message: object) -> None:
        if message.type != "error":  # type: ignore[attr-defined]
            return
        where = (message.location or {}).get("url", "")  # type: ignore[attr-defined]
        text = message.text  # type: ignore[attr-defined]
        if where == self.url and "status of 404" in text and self.expect_404:
            return  # the 404 page itself is served with status 404, as it must be
        self.errors.append(f"{text} ({where})")

    def open(self, path: str, expect_404: bool = False) -> int:
        self.url, self.expect_404 = self.base + path, expect_404
        response = self.page.goto(self.url, wait_until="networkidle")
        return response.status if response else 0

    def search(self, term: str) -> list[str]:
        """Type ``term`` in the search box; returns the result links once search has answered."""
        box = self.page.locator("input.md-search__input")
        box.click()
        box.fill(term)
        box.press("End")  # a real key event: the search UI listens for keyup
        meta = self.page.locator(".md-search-result__meta")
        self.page.wait_for_function(
            "el => el && !/初始化|键入/.test(el.textContent)", arg=meta.element_handle(),
            timeout=20_000,
        )  # fmt: skip
        self.page.wait_for_load_state("networkidle")
        links = self.page.locator(".md-search-result__item a")
        return [links.nth(i).get_attribute("href") or "" for i in range(links.count())]

    def violations(self) -> list[str]:
        return list(self.page.evaluate("window.__cspViolations || []"))

    def close(self) -> None:
        self.context.close()


def _first_resource(served: Served) -> str:
    site = (served.dest / "current").resolve()
    found = sorted(p.parent.name for p in site.glob("resources/*/index.html"))
    assert found
    return f"/resources/{found[0]}/"


KINDS = {
    "home": "/",
    "campaign": "/campaigns/dangshi-2021/",
    "report": "/campaigns/dangshi-2021/u0000/",
    "resource": None,
    "guide": "/guide/",
    "404": "/no/such/page/",
    "restricted-home": f"/{PREFIX}/",
    "restricted-report": f"/{PREFIX}/{CANARY_PAGE}",
    "restricted-404": f"/{PREFIX}/no-such-page/",
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_no_console_errors_through_nginx(browser: object, served: Served, kind: str) -> None:
    path = KINDS[kind] or _first_resource(served)
    reader = Reader(browser, served.url, signed_in=kind.startswith("restricted"))
    try:
        status = reader.open(path, expect_404=kind.endswith("404"))
        assert status == (404 if kind.endswith("404") else 200)
        assert "Content-Security-Policy" not in " ".join(reader.errors)
        assert reader.errors == []
        assert reader.violations() == []
        outside = [
            r.url  # type: ignore[attr-defined]
            for r in reader.responses
            if urlsplit(r.url).hostname not in ("127.0.0.1", None)  # type: ignore[attr-defined]
        ]
        assert outside == []
    finally:
        reader.close()


def test_policy_is_enforced(browser: object, served: Served) -> None:
    """The control for the test above: an inline script nobody hashed is blocked, and both
    the console and the page's own violation events report it."""
    site = (served.dest / "current").resolve()
    page = site / "csp-control.html"
    atomic.write_text(page, "<!doctype html><title>x</title><script>document.title='ran'</script>")
    reader = Reader(browser, served.url)
    try:
        assert reader.open("/csp-control.html") == 200
        assert reader.page.title() == "x"
        assert any("Content Security Policy" in e for e in reader.errors), reader.errors
        assert reader.violations() == ["script-src-elem inline"]
    finally:
        reader.close()
        page.unlink()


def _texts(reader: Reader) -> list[tuple[str, str]]:
    out = []
    for response in reader.responses:
        try:
            body = response.body()  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
            continue
        out.append((response.url, body.decode("utf-8", "replace")))  # type: ignore[attr-defined]
    return out


def test_public_search_never_receives_restricted_text(browser: object, served: Served) -> None:
    reader = Reader(browser, served.url)
    try:
        assert reader.open("/") == 200
        found = reader.search(PUBLIC_TERM)
        assert any("campaigns/dangshi-2021/u0000/" in href for href in found), found
        assert reader.search(CANARY) == []
        assert (
            "没有找到符合条件的结果" in reader.page.locator(".md-search-result__meta").inner_text()
        )
        urls = [url for url, _ in _texts(reader)]
        assert any("/search/zongjie/" in url for url in urls), "the search worker's fetches"
        assert not [u for u in urls if urlsplit(u).path.startswith(f"/{PREFIX}/")]
        assert [u for u, text in _texts(reader) if CANARY in text] == []
        assert reader.errors == [] and reader.violations() == []
    finally:
        reader.close()


def test_signed_in_search_finds_both(browser: object, served: Served) -> None:
    reader = Reader(browser, served.url, signed_in=True)
    try:
        assert reader.open(f"/{PREFIX}/") == 200
        restricted = reader.search(CANARY)
        assert any(CANARY_PAGE in href for href in restricted), restricted
        public = reader.search(PUBLIC_TERM)
        assert any("campaigns/dangshi-2021/u0000/" in href for href in public), public
        fetched = [urlsplit(u).path for u, _ in _texts(reader) if "/search/zongjie/" in u]
        assert fetched and all(p.startswith(f"/{PREFIX}/") for p in fetched), fetched
        assert reader.errors == [] and reader.violations() == []
        reader.page.locator(".md-search-result__item a").first.click()
        reader.page.wait_for_load_state("networkidle")
        assert reader.page.url.startswith(f"{served.url}/{PREFIX}/")
        assert reader.errors == []
    finally:
        reader.close()
