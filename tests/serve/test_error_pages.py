"""A failed ``serve`` rebuild is shown in the browser (zongjie.site.serve_errors), without one."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from zongjie.errors import ContentError, Problem
from zongjie.site import serve_errors
from zongjie.site.serve_errors import ERROR_FILE, is_page, problems_of, render_page

EVIL = '<script>alert(1)</script><img src="http://evil.example/x.png">'


def _problems() -> list[Problem]:
    return [
        Problem("data/reports/a.yml", 9, EVIL, field="activities[0].count", hint="只写数字"),
        Problem("docs/a.md", 12, "未知的标记 zj:vaule", hint="是不是 zj:value？", col=3),
        Problem("data/a.xlsx", 7, "不是数字", cell="活动!C7"),
    ]


def test_every_problem_is_listed_with_its_place_field_and_hint() -> None:
    html = render_page(problems_of(ContentError(_problems()), Path("/p")))
    assert "网站生成失败（3 个问题）" in html
    for text in (
        "data/reports/a.yml:9:1",
        "activities[0].count",
        "提示：只写数字",
        "docs/a.md:12:3",
        "是不是 zj:value？",
        "data/a.xlsx:活动!C7",
    ):
        assert text in html


def test_editors_text_is_escaped_and_nothing_is_loaded() -> None:
    html = render_page(problems_of(ContentError(_problems()), Path("/p")))
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html  # the server adds its reload script; the page has none
    assert not re.search(r"<[^>]*\s(src|href|action)=", html)  # nothing the page would load or send
    assert "default-src &#39;none&#39;" in html


def test_warnings_follow_the_errors_escaped() -> None:
    html = render_page(problems_of(ContentError(_problems()[:1]), Path("/p")), ["警告 <i>x</i>"])
    assert "另有 1 条警告" in html
    assert "警告 &lt;i&gt;x&lt;/i&gt;" in html


def test_other_failures_show_their_message() -> None:
    shown = problems_of(RuntimeError("坏了 <b>"), Path("/p"))
    assert [s.message for s in shown] == ["坏了 <b>"]
    assert "坏了 &lt;b&gt;" in render_page(shown)


def test_a_template_error_names_its_file_and_line(tmp_path: Path) -> None:
    import jinja2

    template = tmp_path / "overrides" / "main.html"
    template.parent.mkdir()
    template.write_text("a\n{% if %}\n", encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(template.parent)))
    with pytest.raises(jinja2.TemplateSyntaxError) as raised:
        env.get_template("main.html")
    (shown,) = problems_of(raised.value, tmp_path.resolve())
    assert shown.where == "overrides/main.html:2"


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/", True),
        ("/campaigns/dangshi-2021/", True),
        ("/campaigns/dangshi-2021", True),
        ("/404.html", True),
        ("/assets/javascripts/zongjie.js", False),
        ("/assets/stylesheets/zongjie.css", False),
        ("/livereload/1/2", False),
    ],
)
def test_pages_get_the_error_page_files_do_not(path: str, page: bool) -> None:
    assert is_page(path, "/") is page


def _server(tmp_path: Path, builder: Callable[[], None]) -> Any:
    from mkdocs.livereload import LiveReloadServer

    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("<html><body>真页面</body></html>", "utf-8")
    (site / "x.css").write_text("body{}", "utf-8")
    return LiveReloadServer(builder=builder, host="127.0.0.1", port=0, root=str(site))


def _get(server: Any, path: str) -> str:
    answer: list[str] = []
    body = server.get_app()(
        {"PATH_INFO": path, "REQUEST_METHOD": "GET"},
        lambda status, headers: answer.append(status),
    )
    return b"".join(body).decode("utf-8")


def test_the_server_shows_the_failed_build_until_one_succeeds(tmp_path: Path) -> None:
    failing = [True]

    def builder() -> None:
        if failing[0]:
            serve_errors.log.warning("一条警告")
            error = ContentError(_problems())
            pages.build_error(error)  # as MkDocs' build reports it before raising Abort
            raise RuntimeError("Aborted with a BuildError!")

    server = _server(tmp_path, builder)
    server.watch(str(tmp_path / "site"))  # as `serve --livereload`: the reload script is added
    pages = serve_errors.install(server, tmp_path)
    try:
        assert "真页面" in _get(server, "/a/")
        server.builder()  # the rebuild loop calls this; a failure must not escape
        page = _get(server, "/a/")
        assert "data/reports/a.yml:9:1" in page
        assert "/livereload/" in page  # reloads itself once fixed
        assert "一条警告" in page
        assert "网站生成失败" in _get(server, "/no/such/page/")
        assert _get(server, "/x.css") == "body{}"
        failing[0] = False
        server.builder()
        assert "真页面" in _get(server, "/a/")
        assert not (tmp_path / "site" / ERROR_FILE).exists()
        assert pages.failed is False
    finally:
        server.server_close()


def test_a_build_for_readers_never_writes_the_error_page(
    mini_project: Path, build: Callable[..., Path]
) -> None:
    report = mini_project / "data/reports/dangshi-2021/ceshi-ju.yml"
    report.write_text(report.read_text("utf-8").replace("count: 4", "count: 四"), "utf-8")
    with pytest.raises(ContentError):
        build(mini_project)
    assert not list(mini_project.rglob(ERROR_FILE))


def test_a_chained_content_error_is_listed_too(tmp_path: Path) -> None:
    def builder() -> None:
        raise RuntimeError("Aborted with a BuildError!") from ContentError(_problems())

    server = _server(tmp_path, builder)
    serve_errors.install(server, tmp_path)
    try:
        server.builder()
        assert "docs/a.md:12:3" in _get(server, "/a/")
    finally:
        server.server_close()
