"""A headless Chromium that records what an injected payload could do: run a script, move the
reader to another page, or make the browser ask another host for something."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
# Runs before any script of the page, in every frame: every way a payload announces itself
# (alert and its kin) is recorded instead of shown, and so is every CSP violation.
TRAP = """
window.__zjRan = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  const trap = function () {
    window.__zjRan.push(name + "(" + Array.from(arguments).join(",") + ")");
  };
  try { Object.defineProperty(window, name, {value: trap, writable: false, configurable: false}); }
  catch (e) {}
}
window.__zjCsp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__zjCsp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""
# What a reader might do on the page: point at, focus and click every element of the article.
INTERACT = """
() => {
  const root = document.querySelector("article") || document.body;
  for (const el of Array.from(root.querySelectorAll("*"))) {
    for (const kind of ["mouseover", "mouseenter", "mousemove"]) {
      el.dispatchEvent(new MouseEvent(kind, {bubbles: true}));
    }
    if (typeof el.focus === "function") el.focus();
    if (typeof el.click === "function") el.click();
  }
}
"""


@dataclass
class Seen:
    """What one page did."""

    ran: list[str] = field(default_factory=list)
    navigated: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    blocked_by_csp: list[str] = field(default_factory=list)

    @property
    def harmful(self) -> list[str]:
        return [*self.ran, *(f"导航到 {u}" for u in self.navigated),
                *(f"请求 {u}" for u in self.outside)]  # fmt: skip


def have_chromium() -> bool:
    return Path(CHROMIUM).exists()


TABS = 4
"""Pages visited side by side: each waits for its timers while the others load."""


class Tab:
    """One page of the shared context, visiting url after url, each visit reported on its own."""

    def __init__(self, context: object) -> None:
        self.seen = Seen()
        self.start = ""
        self.clicking = False
        self.page = context.new_page()  # type: ignore[attr-defined]
        self.page.route("**/*", self._route)
        self.page.on("dialog", self._dialog)
        self.page.on("framenavigated", self._navigated)

    def _route(self, route: object) -> None:
        request_url = route.request.url  # type: ignore[attr-defined]
        if urlsplit(request_url).hostname in ("127.0.0.1", None):
            route.continue_()  # type: ignore[attr-defined]
        else:
            self.seen.outside.append(request_url)
            route.abort()  # type: ignore[attr-defined]  # never leaves the machine

    def _dialog(self, dialog: object) -> None:
        self.seen.ran.append(f"dialog {dialog.type}: {dialog.message}")  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    def _navigated(self, frame: object) -> None:
        target = frame.url  # type: ignore[attr-defined]
        if frame != self.page.main_frame or target.split("#")[0] == self.start:
            return
        # Unasked, any navigation is the payload's; after a click, following a link of the
        # site itself is what a link does.
        if not self.clicking or urlsplit(target)[:2] != urlsplit(self.start)[:2]:
            self.seen.navigated.append(target)

    def open(self, url: str) -> None:
        self.seen, self.start, self.clicking = Seen(), url.split("#", maxsplit=1)[0], False
        self.page.goto(url, wait_until="load")

    def interact(self) -> None:
        self.clicking = True
        with contextlib.suppress(Exception):  # the page went away mid-way: a navigation
            self.page.evaluate(INTERACT)

    def report(self) -> Seen:
        for frame in self.page.frames:
            try:
                # A frame whose document never came (a blocked javascript: address) would make
                # evaluate() wait for ever: ask, with a timeout, whether it can answer at all.
                frame.wait_for_function("() => true", timeout=2_000)
                self.seen.ran += frame.evaluate("window.__zjRan || []")
                self.seen.blocked_by_csp += frame.evaluate("window.__zjCsp || []")
            except Exception:  # noqa: BLE001 - a frame without our trap: nothing ran there
                continue
        self.start = ""  # whatever happens after this belongs to no visit
        return self.seen


def visit_all(browser: object, urls: dict[str, str]) -> dict[str, Seen]:
    """``{name: what the page at its url did}``: open, let it settle (meta refresh, timers,
    autofocus), interact with it, let it settle again, report. One context for all of them,
    :data:`TABS` pages at a time; every page gets at least the time it would alone."""
    context = browser.new_context()  # type: ignore[attr-defined]
    context.set_default_timeout(15_000)  # a page that never settles fails, not hangs
    context.add_init_script(TRAP)
    try:
        tabs = [Tab(context) for _ in range(min(TABS, len(urls)))]
        seen: dict[str, Seen] = {}
        items = list(urls.items())
        for first in range(0, len(items), len(tabs)):
            batch = list(zip(tabs, items[first : first + len(tabs)], strict=False))
            for tab, (_, url) in batch:
                tab.open(url)
            tabs[0].page.wait_for_timeout(300)
            for tab, _ in batch:
                tab.interact()
            tabs[0].page.wait_for_timeout(300)
            for tab, (name, _) in batch:
                seen[name] = tab.report()
        return seen
    finally:
        context.close()
