"""The one normalization shared by the index and the browser worker."""

from __future__ import annotations

import pytest

from zongjie.search.normalize import normalize, normalize_query, t2s_table


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("黨史學習教育", "党史学习教育"),  # Traditional → Simplified
        ("辦實事", "办实事"),
        ("張桂梅", "张桂梅"),
        ("ＡＢＣ１２３", "abc123"),  # full-width → half-width, lower case
        ("《论中国共产党历史》", "论中国共产党历史"),  # punctuation dropped
        ("学史明理、学史增信", "学史明理学史增信"),
        ("  三会 一课\u3000", "三会一课"),  # spaces, ideographic space
        ("83.3%", "833"),
        ("著作", "著作"),  # a Simplified character stays
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_query_terms_are_split_normalized_and_unique() -> None:
    assert normalize_query(" 學習強國  云岭先锋 学习强国 ， ") == ["学习强国", "云岭先锋"]


def test_t2s_table_only_changes_characters() -> None:
    table = t2s_table()
    assert len(table) > 2000
    assert all(len(k) == 1 and len(v) == 1 and k != v for k, v in table.items())
    assert table["國"] == "国"
