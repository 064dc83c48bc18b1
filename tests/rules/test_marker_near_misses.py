"""Markers as Word's autocorrect and a Chinese keyboard leave them: errors, never comments."""

from __future__ import annotations

import pytest

from zongjie.markdown.markers import MARKER, near_misses


@pytest.mark.parametrize(
    "line",
    [
        "<!— zj:activities —>",  # em dash for "--"
        "<!–– zj:activities ––>",  # en dashes
        "<!- zj:activities -->",  # one hyphen
        "＜！－－ｚｊ：activities －－＞",
        "<!-- ZJ:activities -->",
        "<!―zj:activities―>",
        "<-- zj:activities -->",  # no "!"
        "<! zj:activities -->",  # no hyphens
        "-- zj:activities -->",  # no "<!"
    ],
)
def test_a_marker_the_editor_meant_is_an_error_at_its_line(line: str) -> None:
    problems = near_misses(f"# 标题\n\n{line}\n", "docs/a.md", lambda _offset: False)
    assert [(p.path, p.line) for p in problems] == [("docs/a.md", 3)]


@pytest.mark.parametrize(
    "line",
    [
        "<!-- zj:activities -->",
        "<!--zj:activities-->",
        "<!--\u3000zj:activities\u3000-->",
        "党史学习——zj 同志讲话",
        "一是--二是 zj 同志",
    ],
)
def test_markers_and_prose_pass(line: str) -> None:
    assert near_misses(f"{line}\n", "docs/a.md", lambda _offset: False) == []


def test_a_marker_without_spaces_ends_at_its_own_closing() -> None:
    text = "<!--zj:activities-->\n\n正文。\n\n<!-- zj:total meetings -->\n"
    assert [m.groups() for m in MARKER.finditer(text)] == [
        ("activities", ""),
        ("total", " meetings "),
    ]
