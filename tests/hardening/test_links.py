"""Links: no broken internal link or anchor.

MkDocs validates Markdown links and anchors (mkdocs.yml ``validation:`` … ``warn``, and
``zongjie build --strict`` fails on warnings); the crawl below also covers links that
templates and markers generate, which MkDocs never sees.
"""

from __future__ import annotations

import posixpath
import subprocess
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .sitefiles import html_pages, parse

LINK_ATTRS = {
    "a": "href",
    "link": "href",
    "area": "href",
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "embed": "src",
    "object": "data",
    "form": "action",
}
SKIP_SCHEMES = {"mailto", "tel", "data", "blob", "javascript"}


def test_strict_build_has_no_warnings(
    sample_build: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, strict = sample_build
    output = strict.stdout + strict.stderr
    assert strict.returncode == 0, "zongjie build --strict failed:\n" + output
    assert "（0 个警告）" in strict.stdout, output


def test_every_internal_link_and_anchor_resolves(sample_site: Path) -> None:
    @cache
    def ids(page: Path) -> frozenset[str]:
        return frozenset(parse(page).ids)

    broken: list[str] = []
    checked = 0
    for page in html_pages(sample_site):
        rel_page = page.relative_to(sample_site).as_posix()
        base = "/" + posixpath.dirname(rel_page) + "/"
        if rel_page == "404.html":
            base = "/"  # served for any missing path; its links are root-relative
        for tag, attrs, line in parse(page).elements:
            attr = LINK_ATTRS.get(tag)
            value = attrs.get(attr or "")
            if not attr or value is None:
                continue
            parts = urlsplit(value)
            if parts.scheme in SKIP_SCHEMES:
                continue
            where = f"{rel_page}:{line} <{tag} {attr}={value!r}>"
            if parts.scheme or parts.netloc:
                broken.append(f"{where}: link to another host")
                continue
            path = unquote(parts.path)
            target_url = posixpath.normpath(posixpath.join(base, path)) if path else "/" + rel_page
            if path.endswith("/") or (not path and rel_page.endswith("index.html")):
                target_url = target_url.rstrip("/") + "/"
            target = sample_site / target_url.lstrip("/")
            if target_url.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not path:
                target = page
            checked += 1
            if not target.resolve().is_relative_to(sample_site.resolve()) or not target.is_file():
                broken.append(f"{where}: no such file {target_url}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in ids(target):
                target_rel = target.relative_to(sample_site)
                broken.append(f"{where}: no anchor #{fragment} in {target_rel}")
    assert checked > 100
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:40])
