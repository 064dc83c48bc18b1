"""The injection corpus (``payloads/``): every case is reported at its line by ``zongjie check``
and by the build, and none of them does anything in a reader's browser.

Two layers are tested apart. The sanitizer: the built site, served without any
Content-Security-Policy, must not run a script, navigate or ask another host for anything. The
policy: each payload's *unsanitized* HTML is put into a published page served by nginx with the
generated configuration, and no script may run there either.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from publish.publish_support import Nginx, free_port, set_publish
from support import serve
from zongjie.demo import write_demo
from zongjie.markdown.rendering import project_renderer

from .browser_traps import ARGS, CHROMIUM, have_chromium, visit_all
from .conftest import run_zongjie

PAYLOADS = Path(__file__).parent / "payloads"
CASES = sorted(p.stem for p in PAYLOADS.glob("*.md") if p.name != "README.md")
INERT = {
    line.split("#")[0].strip()
    for line in (PAYLOADS / "inert.txt").read_text(encoding="utf-8").splitlines()
    if line.split("#")[0].strip()
}
FIRST_LINE = 5  # of the payload in its page (see page_text)
ARTICLE = re.compile(
    r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.DOTALL
)
FINDING = re.compile(r"(docs/xss/[^:\s]+\.md):(\d+):\d+: (错误|警告): \[([^\]]*)\]")


def payload(name: str) -> str:
    return (PAYLOADS / f"{name}.md").read_text(encoding="utf-8").rstrip("\n")


def page_text(name: str) -> str:
    return f"# 用例 {name}\n\n正文。\n\n{payload(name)}\n\n结尾。\n"


def payload_lines(name: str) -> range:
    return range(FIRST_LINE, FIRST_LINE + payload(name).count("\n") + 1)


def findings(text: str) -> set[tuple[str, int, str]]:
    """``(page, line, severity)`` of every reported problem in a command's output."""
    return {(m[1], int(m[2]), m[3]) for m in FINDING.finditer(text)}


@dataclass
class Corpus:
    project: Path
    """Every payload but those refused outright (errors), built without --strict."""
    site: Path
    reported: dict[str, list[tuple[int, str, str]]]
    """``zongjie check`` on all payloads: ``name -> [(line, severity, message)]``."""

    @property
    def refused(self) -> list[str]:
        return [n for n in CASES if any(s == "error" for _, s, _ in self.reported.get(n, []))]

    @property
    def built(self) -> list[str]:
        return [n for n in CASES if n not in self.refused]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("xss") / "project"
    write_demo(root, units=2, campaigns=1, seed=1)
    for name in CASES:
        page = root / "docs/xss" / f"{name}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(page_text(name), encoding="utf-8")
    done = run_zongjie("check", "--format", "json", cwd=root)
    reported: dict[str, list[tuple[int, str, str]]] = {}
    for p in json.loads(done.stdout):
        if p["path"].startswith("docs/xss/"):
            name = Path(p["path"]).stem
            reported.setdefault(name, []).append((p["line"], p["severity"], p["message"]))
    corpus = Corpus(root, root / "site", reported)
    for name in corpus.refused:
        (root / "docs/xss" / f"{name}.md").unlink()
    built = run_zongjie("build", "-q", cwd=root)
    assert built.returncode == 0, built.stdout + built.stderr
    return corpus


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40
    assert set(CASES) >= INERT


@pytest.mark.parametrize("name", CASES)
def test_every_payload_is_reported_at_its_lines(corpus: Corpus, name: str) -> None:
    found = corpus.reported.get(name, [])
    if name in INERT:
        assert found == [], "Markdown shows this one as text: nothing to remove"
        return
    assert found, "a payload nobody reported"
    assert {line for line, _, _ in found} <= set(payload_lines(name)), found
    for _, severity, message in found:
        assert severity == "error" or message.startswith("正文中的 HTML 不会发布："), message


def test_strict_check_and_build_fail_at_the_same_lines(corpus: Corpus) -> None:
    expected = {
        (f"docs/xss/{n}.md", line, "警告")
        for n in corpus.built
        for line, severity, _ in corpus.reported.get(n, [])
        if severity == "warning"
    }
    assert len({page for page, _, _ in expected}) >= 40
    check = run_zongjie("check", "--strict", cwd=corpus.project)
    assert check.returncode == 1
    build = run_zongjie("build", "--strict", "-q", "-d", "strict-site", cwd=corpus.project)
    assert build.returncode != 0
    assert not (corpus.project / "strict-site").exists()
    in_check = {f for f in findings(check.stdout) if f[0].startswith("docs/xss/")}
    in_build = {f for f in findings(build.stderr + build.stdout) if f[0].startswith("docs/xss/")}
    assert in_check == expected
    assert in_build == expected


def test_approve_refuses_a_report_with_script_in_backticks(corpus: Corpus, tmp_path: Path) -> None:
    """The case the probe found: raw HTML with the script in backticks, in a report."""
    root = tmp_path / "project"
    shutil.copytree(corpus.project, root, ignore=shutil.ignore_patterns("site", "docs"))
    shutil.copytree(corpus.project / "docs", root / "docs", ignore=shutil.ignore_patterns("xss"))
    report = root / "docs/campaigns/dangshi-2021/u0000.md"
    text = report.read_text(encoding="utf-8")
    lines = text.count("\n")
    report.write_text(text + "\n<div>\n`<script>alert(1)</script>`\n</div>\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    done = run_zongjie("approve", "dangshi-2021/u0000", "--by", "审核人", cwd=root)
    assert done.returncode == 1
    assert f"docs/campaigns/dangshi-2021/u0000.md:{lines + 3}:" in done.stdout + done.stderr
    assert "<script> 元素连同其中的内容已删除" in done.stdout + done.stderr


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not have_chromium():
        pytest.skip("Debian's chromium is not installed (make debs-test)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.mark.browser
def test_nothing_runs_in_the_built_site_without_csp(corpus: Corpus, browser: object) -> None:
    """The sanitizer alone: a plain static server, as anywhere the site might be copied to."""
    control = corpus.site / "xss-control" / "index.html"  # the traps do catch a script
    control.parent.mkdir()
    control.write_text("<p>x</p><script>alert('control')</script>", encoding="utf-8")
    with serve(corpus.site) as base:
        urls = {name: f"{base}/xss/{name}/" for name in corpus.built}
        seen = visit_all(browser, {**urls, "control": f"{base}/xss-control/"})
    assert seen.pop("control").ran == ["alert(control)"]
    assert {name: s.harmful for name, s in seen.items() if s.harmful} == {}


@pytest.mark.browser
def test_csp_alone_blocks_every_injected_script(
    corpus: Corpus, browser: object, tmp_path: Path
) -> None:
    """The policy alone: each payload's HTML as Markdown renders it, unsanitized, in a page of
    the published site served by nginx. No script may run; what the policy cannot stop
    (a <meta> refresh moving the reader, which only the sanitizer removes) is listed."""
    if not Path("/usr/sbin/nginx").exists():
        pytest.skip("nginx is not installed (make debs-test)")
    port = free_port()
    project = tmp_path / "project"
    shutil.copytree(corpus.project, project, ignore=shutil.ignore_patterns("site"))
    set_publish(project, listen=f"127.0.0.1:{port}", brotli=False)
    dest = tmp_path / "dest"
    done = run_zongjie("publish", "--dest", str(dest), "--site", str(corpus.site), cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    release = (dest / "current").resolve()
    template = (release / "xss" / corpus.built[0] / "index.html").read_text(encoding="utf-8")
    render = project_renderer(project / "mkdocs.yml")
    for name in CASES:
        raw = render(page_text(name))
        page = release / "xss-raw" / name / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            ARTICLE.sub(lambda m, raw=raw: m[1] + raw + m[3], template, count=1), encoding="utf-8"
        )
    server = Nginx(tmp_path / "nginx", dest, port).start()
    try:
        summary = visit_all(browser, {n: f"{server.url}/xss-raw/{n}/" for n in CASES})
    finally:
        server.stop()
    assert {n: s.ran for n, s in summary.items() if s.ran} == {}
    blocked = [n for n, s in summary.items() if s.blocked_by_csp]
    assert "01-script-element" in blocked and "02-backtick-script-in-raw-block" in blocked
    report = {
        "payloads": len(CASES),
        "csp_violations": len(blocked),
        "not_stopped_by_csp": {n: s.navigated + s.outside for n, s in summary.items()
                               if s.navigated or s.outside},
    }  # fmt: skip
    print("CSP layer:", json.dumps(report, ensure_ascii=False))
