"""The tiny real project most tests build: the seed report plus one hand-written unit."""

from __future__ import annotations

import functools
import hashlib
import http.server
import posixpath
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"
# The seed report is copied in from the real data/ and docs/, so there is one copy of it.
SEED_FILES = [
    "data/units.yml",
    "data/resources.yml",
    "data/campaigns/dangshi-2021.yml",
    "data/reports/dangshi-2021/shi-wenlian.yml",
    "docs/campaigns/dangshi-2021/shi-wenlian.md",
]
TEST_UNIT = {"id": "ceshi-ju", "name": "市测试局", "short_name": "测试局", "kind": "机关"}
# The sample project: everything a build of the real site reads.
SAMPLE_PARTS = ("mkdocs.yml", "docs", "data", "overrides", "hooks", "src/zongjie")


def copy_sample(dest: Path) -> Path:
    """Copy the repository's own content and engine hooks (not .git, not site/)."""
    for part in SAMPLE_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            (dest / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / part)
    return dest


def make_mini_project(target: Path, hooks: tuple[str, ...] = ("zongjie_hooks.py",)) -> Path:
    """Copy tests/fixtures/mini to ``target`` with the seed report, the theme and ``hooks``."""
    shutil.copytree(MINI, target)
    for rel in SEED_FILES:
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, target / rel)
    units_file = target / "data/units.yml"
    units = yaml.safe_load(units_file.read_text(encoding="utf-8"))
    # A flat catalogue: the seed's unit without the organisations above it in the sample.
    seed = [{k: v for k, v in u.items() if k != "parent"} for u in units["units"]]
    units = {"units": [u for u in seed if u["id"] == "shi-wenlian"] + [TEST_UNIT]}
    units_file.write_text(
        yaml.safe_dump(units, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    shutil.copytree(ROOT / "overrides", target / "overrides")
    (target / "hooks").mkdir()
    for hook in hooks:
        shutil.copy(ROOT / "hooks" / hook, target / "hooks" / hook)
    return target


def tree_hash(folder: Path) -> str:
    """One digest of every path and file under ``folder``: equal means untouched."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(
    directory: Path, handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler
) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (never another host); yields the base URL, no slash."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def reapprove(project: Path) -> list[str]:
    """Seal every approved report afresh after a test edited its files, as a reviewer running
    ``zongjie approve`` would. Read as text, so that a case whose data no longer loads still
    gets its own error, not the approval's. An approval without a fingerprint stays as it is:
    that is an error a case may be about."""
    from zongjie.rules.approval import digest

    sealed = []
    for data in sorted((project / "data/reports").glob("*/*.yml")):
        page = project / "docs/campaigns" / data.parent.name / f"{data.stem}.md"
        try:
            raw = data.read_bytes()
            text = raw.decode("utf-8-sig")  # bytes, so that CRLF and a BOM are written back
            narrative = page.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        seal = digest(text, narrative)
        resealed = SEAL.sub(rf"\g<1>{seal}", text)
        if resealed != text:
            bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
            data.write_bytes(bom + resealed.encode("utf-8"))
            sealed.append(data.relative_to(project).as_posix())
    return sealed


SEAL = re.compile(r"^((?:first_)?reviewed_digest:\s*['\"]?)[0-9a-f]{16}\b", re.MULTILINE)


class NavLinks(HTMLParser):
    """(address, text) of each link in the primary nav, addresses resolved from ``page``."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.links: list[tuple[str, str]] = []
        self._depth = 0  # <nav> elements open inside the primary nav
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "nav" and (self._depth or "md-nav--primary" in (a.get("class") or "")):
            self._depth += 1
        elif tag == "a" and self._depth and "md-nav__link" in (a.get("class") or ""):
            href = a.get("href") or ""
            if not href.startswith("#"):  # the page's own outline
                self._href, self._text = href, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._depth:
            self._depth -= 1
        elif tag == "a" and self._href is not None:
            url = posixpath.normpath(posixpath.join(posixpath.dirname(self.page), self._href))
            url = "" if url == "." else url.rstrip("/") + "/"
            self.links.append((url, " ".join("".join(self._text).split())))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)


def nav_links(site: Path, page: str) -> list[tuple[str, str]]:
    reader = NavLinks(page)
    reader.feed((site / page / "index.html").read_text(encoding="utf-8"))
    return reader.links
