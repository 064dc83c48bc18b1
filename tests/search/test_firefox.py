"""The search also works in Firefox ESR (Debian's package), driven over WebDriver BiDi."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import LISTEN
from .firefox_bidi import FIREFOX, Firefox

pytestmark = pytest.mark.browser

RESULTS = """Array.from(document.querySelectorAll('.md-search-result__link')).map(a => ({
  href: a.getAttribute('href'),
  where: (a.querySelector('.zj-search-where') || {}).textContent || '',
  mark: (a.querySelector('mark') || {}).textContent || ''}))"""


@pytest.fixture(scope="module")
def firefox() -> Iterator[Firefox]:
    if not Path(FIREFOX).exists():
        pytest.skip("Debian's firefox-esr is not installed (apt-get install firefox-esr)")
    browser = Firefox()
    yield browser
    browser.close()


def search(firefox: Firefox, base: str, query: str) -> list[dict[str, str]]:
    firefox.goto(base + "/")
    firefox.evaluate(f"({LISTEN})()")  # the queries the worker answered, as in Chromium
    firefox.evaluate("document.querySelector('input.md-search__input').focus()")
    firefox.type_text(query)
    answered = f"window.zjAnswers.includes({json.dumps(query)})"
    previous, deadline = None, time.monotonic() + 20
    while time.monotonic() < deadline:
        time.sleep(0.2)
        if not firefox.evaluate(answered):
            continue  # what is on screen answers a part of the query typed so far
        rows = firefox.evaluate(RESULTS)
        meta = firefox.evaluate(
            "(document.querySelector('.md-search-result__meta') || {}).textContent || ''"
        )
        state = (firefox.evaluate("window.zjAnswers.length"), rows)
        if rows and state == previous and any(ch.isdigit() for ch in meta):
            return rows
        previous = state
    raise AssertionError(f"no stable results for {query!r} in Firefox")


def test_firefox_esr_finds_simplified_and_traditional(firefox: Firefox, demo_server: str) -> None:
    assert int(firefox.version.split(".")[0]) >= 115  # an ESR of the last few years
    simplified = search(firefox, demo_server, "办实事")
    assert simplified, "no results"
    assert all(r["mark"] == "办实事" for r in simplified), simplified  # the phrase is highlighted
    assert any("·" in r["where"] for r in simplified)  # unit · campaign on report results
    traditional = search(firefox, demo_server, "辦實事")
    assert [r["href"] for r in traditional] == [r["href"] for r in simplified]
