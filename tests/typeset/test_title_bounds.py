"""Any title can be set, however long or strange: a unit's short name is free text."""

from __future__ import annotations

import pytest

from zongjie.typeset.titles import Measure, break_title

TITLES = [
    "'</title><script>alert(1)</script>",
    "x" * 80,
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ" * 2,
    "中国共产党" * 12,
    "市文联党史学习教育工作总结",
]


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("chars", [1.0, 4.0, 8.0, 20.0])
@pytest.mark.parametrize("indent", [0.0, 7.0, 25.0])
def test_every_title_is_set_with_all_its_text(title: str, chars: float, indent: float) -> None:
    lines = break_title(title, Measure(chars), keep=[title[:10]], indent=indent)
    assert "".join("".join(line.groups) for line in lines) == title
