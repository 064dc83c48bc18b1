"""A style attribute keeps only plain values of presentation properties: a function in an
allowed property (``width: expression(…)``, ``color: url(…)``, ``var()``), an escape or a
comment is taken out and reported, like a property that is not allowed."""

from __future__ import annotations

import pytest

from zongjie.markdown.sanitizer import clean, stripped


@pytest.mark.parametrize(
    "style",
    [
        "width:expression(alert(1))",
        "color: url(javascript:alert(1))",
        "background-color:url(//evil.example/p.png)",
        "width: var(--x)",
        "color: \\75rl(x)",
        "width: 1px /* */",
        "text-align: center; width: image-set('x.png' 1x)",
    ],
)
def test_a_function_or_escape_in_an_allowed_property_is_removed(style: str) -> None:
    html = f'<p style="{style}">文字</p>'
    cleaned = clean(html)
    assert "(" not in cleaned and "\\" not in cleaned and "/*" not in cleaned
    assert "文字" in cleaned
    assert any(s.attribute == "style" for s in stripped(html)[1])


@pytest.mark.parametrize(
    ("style", "kept"),
    [
        ("color: red; font-weight: bold", 'style="color:red;font-weight:bold"'),
        ("text-align:center", 'style="text-align:center"'),
        ("width: 50%", 'style="width:50%"'),
        ("background-color: #fde2e2", 'style="background-color:#fde2e2"'),
    ],
)
def test_plain_presentation_stays(style: str, kept: str) -> None:
    html = f'<p style="{style}">文字</p>'
    assert kept in clean(html)
    assert not stripped(html)[1]
