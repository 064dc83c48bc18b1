"""Stylesheets in docs/ and pages' front matter: inputs the narrative's checks never read."""

from __future__ import annotations

from pathlib import Path

import pytest

from zongjie.rules.front_matter import front_matter_problems
from zongjie.rules.stylesheets import stylesheet_problems


def _sheet(tmp_path: Path, css: str) -> list[tuple[int, str]]:
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "assets" / "a.css").write_text(css, encoding="utf-8")
    return [(p.line, p.path) for p in stylesheet_problems(docs, tmp_path)]


@pytest.mark.parametrize(
    "css",
    [
        '@import "https://evil.example/x.css";',
        "@import url(//evil.example/x.css);",
        "body { background: url('https:evil.example/b.png') }",
        'p { background-image: url("HTTPS://EVIL.EXAMPLE/b.png") }',
        "p { behavior: url(x.htc) }",
        ':root { --u: "https://evil.example/x.png" } p { background: image-set(var(--u) 1x) }',
        "p { width: expression(alert(1)) }",
        'p { background: url("java\\73 cript:alert(1)") }',
        'body { background-image: image-set("https://evil.example/x.png" 1x) }',
        'body { background: -webkit-image-set("//evil.example/x.png" 1x, "a.png" 2x) }',
        'p { background: cross-fade(url(a.png) 50%, "https://evil.example/b.png") }',
        'p { background: image("//evil.example/b.png") }',
        '@font-face { font-family: x; src: local("x"), url("//evil.example/f.woff2") }',
        "@import url(https://evil.example/x.css) screen and (min-width: 40em);",
        '@import "//evil.example/x.css" print;',
        '@import/**/"//evil.example/x.css";',
        '@IMPORT "https://evil.example/x.css";',
        '@media print { @supports (display: grid) { a { background: url("//evil.example/x") } } }',
        'P { BACKGROUND: URL( "//EVIL.example/x.png" ) }',
        "p { background: URL(//evil.example/x.png) }",
        "p { background: u\\72l(//evil.example/x.png) }",
        "p { mask: src('//evil.example/m.svg') }",
        'p { filter: url("https://evil.example/f.svg#f") }',
        'p { background: url("ht\ttps://evil.example/x.png") }',
        "p { -moz-binding: url(x.xml#x) }",
        "p { background: url(javascript:alert(1)) }",
        'p { background: url("java\tscript:alert(1)") }',
        "p { background: url(a b.png) }",
        '} } p { background: image-set("//evil.example/x.png" 1x)',
    ],
)
def test_a_sheet_that_leaves_the_site_or_runs_code_is_refused_at_its_line(
    tmp_path: Path, css: str
) -> None:
    assert (3, "docs/assets/a.css") in _sheet(tmp_path, f"/* 版式 */\n\n{css}\n")


def test_each_address_is_one_error_at_its_own_line(tmp_path: Path) -> None:
    css = (
        "@media print {\n"
        "  @supports (display: grid) {\n"
        "    body {\n"
        "      color: #000;\n"
        '      background: image-set("a.png" 1x,\n'
        '        "https://evil.example/x.png" 2x);\n'
        "    }\n"
        "  }\n"
        "}\n"
    )
    assert _sheet(tmp_path, css) == [(6, "docs/assets/a.css")]


def test_local_addresses_and_comments_pass(tmp_path: Path) -> None:
    css = (
        "/* @import url(https://evil.example/old.css); was removed */\n"
        "@import 'print.css';\n"
        "body { background: url(../images/bg.png) }\n"
        'h1::before { content: "—" }\n'
        'a[href^="https://"]::after { content: "https://example.org" }\n'
        'body { background-image: image-set("a.png" 1x, url(../images/b.png) 2x) }\n'
        '@font-face { font-family: x; src: local("Noto Sans"), url(f.woff2) format("woff2") }\n'
        '@media print { @supports (display: grid) { body { background: url("bg.png") } } }\n'
        'ol { counter-reset: item; } li::before { content: counters(item, ".") " " }\n'
        "@namespace svg url(http://www.w3.org/2000/svg);\n"
        ':root { --label: "第一部分"; --bg: url(bg.png) }\n'
    )
    assert _sheet(tmp_path, css) == []


@pytest.mark.parametrize(
    ("front", "line", "field"),
    [
        ("---\ntitle: <b>总结</b>\n---\n", 2, "title"),
        ("---\nhide: [toc]\ndescription: 'x\" onmouseover=\"alert(1)'\n---\n", 3, "description"),
        ("---\ntitle: 总结\ntemplate: main.html\n---\n", 3, "template"),
    ],
)
def test_front_matter_is_plain_text_and_picks_no_template(
    front: str, line: int, field: str
) -> None:
    problems = front_matter_problems(front + "# 标题\n\n正文。\n", "docs/a.md")
    assert [(p.path, p.line, p.field) for p in problems] == [("docs/a.md", line, field)]


def test_plain_front_matter_passes() -> None:
    source = "---\ntitle: 关于“两学一做”的总结\nhide:\n  - toc\n---\n# 标题\n"
    assert front_matter_problems(source, "docs/a.md") == []


@pytest.mark.parametrize(
    ("front", "line"),
    [
        ('---\ntitle: "城关区教育局\n---\n', 2),
        ("---\nhide: [toc]\ntitle: !!python/object/apply:os.system [id]\n---\n", 3),
        ("---\ntitle: 总结\n  description: 缩进错了\n---\n", 3),
        ("---\ntitle:总结\n---\n", 2),
        ("---\n- hide\n- toc\n---\n", 2),
        ("---\ntitle: 总结\n\n# 标题\n", 1),
    ],
)
def test_front_matter_mkdocs_would_print_as_text_is_an_error_at_its_line(
    front: str, line: int
) -> None:
    problems = front_matter_problems(front + "# 标题\n\n正文。\n", "docs/a.md")
    assert [(p.line, p.field) for p in problems] == [(line, "front matter")]


def test_a_report_cannot_leave_the_search_but_another_page_may() -> None:
    source = "---\ntitle: 总结\nsearch:\n  exclude: true\n---\n# 标题\n"
    problems = front_matter_problems(source, "docs/r.md", report=True)
    # nor name itself otherwise than its data does
    assert [(p.line, p.field) for p in problems] == [(2, "title"), (3, "search")]
    assert front_matter_problems(source, "docs/about.md") == []


def test_a_page_that_begins_with_a_rule_is_not_front_matter() -> None:
    assert front_matter_problems("---\n\n# 标题\n\n正文。\n", "docs/a.md") == []


@pytest.mark.parametrize(
    ("front", "line"),
    [
        ("----\nhide:\n  - toc\n----\n", 1),  # four hyphens: a rule, not a fence
        ("\n---\nsearch:\n  exclude: true\n---\n", 2),  # a blank line first
        ("\ufeff\n\n---\ntitle: 总结\n---\n", 3),
    ],
)
def test_settings_where_mkdocs_reads_none_are_an_error_at_their_fence(
    front: str, line: int
) -> None:
    problems = front_matter_problems(front + "# 标题\n\n正文。\n", "docs/a.md")
    assert [(p.line, p.field) for p in problems] == [(line, "front matter")]


def test_a_setting_given_twice_is_an_error_at_the_second() -> None:
    source = "---\nhide:\n  - toc\ntitle: 总结\nhide:\n  - navigation\n---\n# 标题\n"
    problems = front_matter_problems(source, "docs/a.md")
    assert [(p.line, p.field) for p in problems] == [(5, "hide")]


def test_line_endings_and_a_byte_order_mark_do_not_matter() -> None:
    source = "\ufeff---\r\nhide:\r\n  - toc\r\n---\r\n# 标题\r\n\r\n---\r\n\r\n正文。\r\n"
    assert front_matter_problems(source, "docs/a.md") == []
    assert front_matter_problems("---\n\n正文：\n\n---\n", "docs/a.md") == []
