"""The blind5 payloads of the promise register, in a reader's browser.

Each payload that names a page to visit is built without --strict, as a preview or a careless
``mkdocs build`` would: a refused payload leaves nothing to visit. The page it lands on is opened
twice in headless Chromium, under ``file://`` (the site copied anywhere, without any policy) and
served by nginx with the configuration ``zongjie publish`` writes (its Content-Security-Policy).
Neither may run a script, move the reader to another page, or ask another host for anything.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from promises.test_promises import CASES, Case, apply, built_template, run_zongjie
from publish.publish_support import Nginx, free_port, set_publish

from .browser_traps import ARGS, CHROMIUM, TRAP, Tab, have_chromium, visit_all

__all__ = ["built_template"]

VISITED = [c for c in CASES if "blind5" in c.name and "visit" in c.extra]
# Measured on this branch: what the payload did in the browser, not fixed before the deadline.
OPEN: dict[str, str] = {}


# Links of the article, or of an SVG image opened on its own: SVG elements have no click().
CLICK_ALL = """
() => {
  const root = document.querySelector("article") || document.documentElement;
  for (const el of Array.from(root.querySelectorAll("a, [onclick]"))) {
    el.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true, view: window}));
  }
}
"""


def on_load(browser: object, url: str) -> list[str]:
    """What ran while the page loaded and when its links were clicked, before any navigation
    could carry the record away (a script on every page of the site is lost otherwise)."""
    context = browser.new_context()  # type: ignore[attr-defined]
    context.set_default_timeout(15_000)  # a page that never settles fails, not hangs
    context.add_init_script(TRAP)
    visitor = Tab(context)
    try:
        visitor.start = url
        visitor.page.goto(url, wait_until="load")
        visitor.page.wait_for_timeout(300)
        ran: list[str] = visitor.page.evaluate("window.__zjRan || []")
        visitor.clicking = True
        try:
            visitor.page.evaluate(CLICK_ALL)
            visitor.page.wait_for_timeout(300)
            ran += visitor.page.evaluate("window.__zjRan || []")
        except Exception:  # noqa: BLE001 - the click navigated away: the visit below sees where
            pass
        return sorted(set(ran + visitor.seen.ran + [f"请求 {u}" for u in visitor.seen.outside]))
    finally:
        context.close()


def harmful(seen: object) -> list[str]:
    # A broken relative link followed under file:// lands on Chromium's error page: no harm.
    return [h for h in seen.harmful if "chrome-error://" not in h]  # type: ignore[attr-defined]


def params() -> list[object]:
    out: list[object] = []
    for case in VISITED:
        cid = f"{case.promise}-{case.name}"
        marks = [pytest.mark.xfail(strict=True, reason=OPEN[cid])] if cid in OPEN else []
        out.append(pytest.param(case, id=cid, marks=marks))
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not have_chromium():
        pytest.skip("Debian's chromium is not installed (make debs-test)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


def test_enough_payloads_reach_the_browser() -> None:
    assert len(VISITED) >= 30


@pytest.mark.browser
@pytest.mark.parametrize("case", params())
def test_payload_does_nothing_in_the_browser(
    case: Case, built_template: Path, browser: object, tmp_path: Path
) -> None:
    if not Path("/usr/sbin/nginx").exists():
        pytest.skip("nginx is not installed (make debs-test)")
    root = tmp_path / "project"
    shutil.copytree(built_template, root, symlinks=True)
    apply(root, case.edits)
    shutil.rmtree(root / "site")
    built = run_zongjie("build", "-q", cwd=root)
    target = root / "site" / case.extra["visit"]
    if built.returncode != 0 or not target.exists():
        return  # refused, or the file was not published: nothing reaches a reader
    port = free_port()
    set_publish(root, listen=f"127.0.0.1:{port}", brotli=False)
    dest = tmp_path / "dest"
    done = run_zongjie("publish", "--dest", str(dest), "--site", str(root / "site"), cwd=root)
    urls = {"file": target.as_uri()}
    server = None
    if done.returncode == 0:
        server = Nginx(tmp_path / "nginx", dest, port).start()
        rel = case.extra["visit"].removesuffix("index.html")
        urls["nginx"] = f"{server.url}/{rel}"
    try:
        loaded = {how: on_load(browser, url) for how, url in urls.items()}
        seen = visit_all(browser, urls)
    finally:
        if server is not None:
            server.stop()
    assert {how: ran for how, ran in loaded.items() if ran} == {}
    assert {how: harmful(s) for how, s in seen.items() if harmful(s)} == {}
    assert done.returncode == 0, (
        f"publish refused a site build accepted:\n{done.stdout}{done.stderr}"
    )
