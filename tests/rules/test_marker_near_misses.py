"""A marker typed as an editor meant it, but not as the parser reads it, is an error at its line."""

from __future__ import annotations

import pytest

from zongjie.markdown.markers import near_misses

MEANT = [
    "<!-- zj：activities -->",
    "<！-- zj:activities -->",
    "＜!-- zj:activities --＞",
    "＜！－－　ｚｊ：ａｃｔｉｖｉｔｉｅｓ　－－＞",
    "<!-- ZJ:activities -->",
    "<!-- Zj:value m0 -->",
    "< !-- zj:activities -->",
    "<!- - zj:activities -->",
    "正文<!-- zj:summary -->之后又写了 <!-- zj：total -->",
]
FINE = [
    "<!-- zj:activities -->",
    "<!--zj:value m0-->",
    "本单位 zj 小组开展学习",
    "<!-- 编辑注：zj 以后再补 -->",
]


@pytest.mark.parametrize("line", MEANT)
def test_a_near_miss_is_an_error_at_its_line(line: str) -> None:
    problems = near_misses(f"# 标题\n\n{line}\n", "docs/x.md", lambda pos: False)
    assert [(p.path, p.line, p.field) for p in problems] == [("docs/x.md", 3, "标记")]


@pytest.mark.parametrize("line", FINE)
def test_markers_and_text_are_not(line: str) -> None:
    assert near_misses(f"{line}\n", "docs/x.md", lambda pos: False) == []


def test_code_is_an_example() -> None:
    assert near_misses("```\n<!-- ZJ:activities -->\n```\n", "docs/x.md", lambda pos: True) == []
