"""Titles broken as GB/T 9704 asks, on real-style titles (titles.txt): words whole, lines balanced.

Each title is set for every measure it is set at (the report PDF, a volume's cover, the printed
web page) and checked against jieba's own segmentation, the binding of function words and
punctuation, the measure, and a plain greedy fill of the same words.
"""

from __future__ import annotations

import itertools
import logging
from pathlib import Path

import jieba
import pytest

from zongjie.pdf.layout import GB9704
from zongjie.site.print_titles import PRINT
from zongjie.typeset.titles import (
    PHRASES,
    Measure,
    TitleLine,
    break_title,
    groups,
    phrase_offsets,
    width,
    words,
)

TITLES = [
    line.strip()
    for line in (Path(__file__).parent / "titles.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
MEASURES = {
    "report": Measure(GB9704.title_chars),
    "cover": Measure(GB9704.cover_title_chars),
    "print": PRINT,
}
jieba.setLogLevel(logging.WARNING)


def _cuts(lines: list[TitleLine]) -> list[int]:
    return list(itertools.accumulate(len(line.text) for line in lines))[:-1]


def _boundaries(tokens: list[str]) -> set[int]:
    return set(itertools.accumulate(len(t) for t in tokens))


def _greedy(title: str, measure: Measure) -> tuple[list[float], list[int]]:
    """Line widths and cuts of filling each line with as many word groups as fit."""
    lines: list[float] = [0.0]
    cuts, end = [], 0
    for group in groups(title):
        if lines[-1] + group.width > measure.chars + 1e-6:
            lines.append(0.0)
            cuts.append(end)
        lines[-1] += group.width
        end += len(group.text)
    return lines, cuts


def _shaped(widths: list[float]) -> bool:
    """A trapezoid (widening downwards) or a diamond (widening, then narrowing), within a
    character's slack."""
    peak = max(range(len(widths)), key=lambda i: (widths[i], i))
    rising = all(widths[i] <= widths[i + 1] + 1 for i in range(peak))
    falling = all(widths[i] >= widths[i + 1] - 1 for i in range(peak, len(widths) - 1))
    return rising and falling and (peak > 0 or len(widths) == 1)


def _splits_a_phrase(title: str, cuts: list[int]) -> bool:
    inside, joints = phrase_offsets(title, PHRASES)
    return any(c in inside and c not in joints for c in cuts)


def test_the_list_is_real_and_varied() -> None:
    assert len(TITLES) >= 30 and len(set(TITLES)) == len(TITLES)
    assert "市xxxx党史学习教育工作总结报告" in TITLES  # the sample's seed report
    lines = {len(break_title(t, MEASURES["report"])) for t in TITLES}
    assert {1, 2, 3} <= lines  # one-, two- and three-line titles (and longer)


@pytest.mark.parametrize("where", MEASURES)
def test_no_word_is_split_and_function_words_stay_with_their_words(where: str) -> None:
    measure = MEASURES[where]
    for title in TITLES:
        lines = break_title(title, measure)
        assert "".join(line.text for line in lines) == title
        cuts = _cuts(lines)
        assert set(cuts) <= _boundaries(jieba.lcut(title)), (title, cuts)  # jieba's own words
        assert set(cuts) <= _boundaries(words(title)), (title, cuts)  # and the 公文 words
        for line in lines:
            assert width(line.text) <= measure.chars + 1e-6, (title, line.text)
            assert not line.text.startswith(("的", "之", "、", "，", "”", "》", "）")), line.text
            assert not line.text.endswith(("关于", "和", "与", "及", "“", "《", "（")), line.text


@pytest.mark.parametrize("where", MEASURES)
def test_lines_are_balanced(where: str) -> None:
    """As few lines as a greedy fill needs (one more only to keep a fixed phrase whole); shaped
    as GB/T 9704 asks (a trapezoid, each line no shorter than the one above, or a diamond,
    longest in the middle), or else at least as even as the greedy fill (unless that splits a
    fixed phrase); and no line under 40 % of the longest."""
    measure = MEASURES[where]
    for title in TITLES:
        lines = break_title(title, measure)
        widths = [width(line.text) for line in lines]
        greedy, greedy_cuts = _greedy(title, measure)
        assert not _splits_a_phrase(title, _cuts(lines)), title
        assert len(greedy) <= len(widths) <= len(greedy) + 1, title
        if not _shaped(widths) and not _splits_a_phrase(title, greedy_cuts):
            assert len(widths) == len(greedy), title
            assert max(widths) - min(widths) <= max(greedy) - min(greedy) + 1e-6, title
        assert min(widths) >= 0.4 * max(widths), (title, widths)


def test_the_faults_seen_in_the_pdfs_are_gone() -> None:
    """The cover broke 中国特|色; a report title left 结 alone on its last line."""
    cover = break_title("2023年学习贯彻习近平新时代中国特色社会主义思想主题教育", MEASURES["cover"])
    assert [line.text for line in cover] == [
        "2023年学习贯彻习近平新时代",
        "中国特色社会主义思想主题教育",
    ]
    report = break_title(
        "中共X市城关区委关于学习贯彻习近平新时代中国特色社会主义思想主题教育的总结报告",
        MEASURES["report"],
    )
    assert [line.text for line in report][-1].endswith("总结报告")
    assert all(len(line.text) >= 4 for line in report)


def test_a_unit_name_is_kept_whole_when_given() -> None:
    title = "X市交通投资集团有限公司党委主题教育总结报告"
    plain = [line.text for line in break_title(title, MEASURES["report"])]
    kept = [
        line.text
        for line in break_title(title, MEASURES["report"], keep=["X市交通投资集团有限公司党委"])
    ]
    assert kept == ["X市交通投资集团有限公司党委", "主题教育总结报告"]
    assert "".join(plain) == title


def test_an_editors_break_is_kept_and_each_forced_line_still_fits() -> None:
    title = (
        "中共X市城关区委员会<br>"
        "关于学习贯彻习近平新时代中国特色社会主义思想主题教育工作情况的总结报告"
    )
    lines = break_title(title, MEASURES["report"])
    assert lines[0].text == "中共X市城关区委员会" and not lines[0].forced
    assert lines[1].forced and not any(line.forced for line in lines[2:])
    assert "".join(line.text for line in lines[1:]).startswith("关于学习贯彻")
    assert all(width(line.text) <= MEASURES["report"].chars for line in lines)


@pytest.mark.parametrize(
    ("markdown", "line", "message"),
    [
        ("# 关于……的总结报告\n\n## 一、主要<br>做法\n", 3, "只有文章标题可以用 <br> 强制换行"),
        ("# <br>工作总结报告\n", 1, "两边都要有文字"),
        ("# 工作总结<br><BR/>报告\n", 1, "两边都要有文字"),
        ("# 工作总结报告<br />\n", 1, "两边都要有文字"),
    ],
)
def test_a_misplaced_break_is_an_error_at_its_line(markdown: str, line: int, message: str) -> None:
    from zongjie.markdown.title_breaks import scan

    (problem,) = scan("\n" + markdown, "docs/campaigns/x/y.md")
    assert problem.severity == "error" and problem.line == line + 1
    assert message in problem.message and "docs/campaigns/x/y.md" in problem.format()


def test_a_break_between_words_of_the_title_or_shown_as_code_is_fine() -> None:
    from zongjie.markdown.title_breaks import scan

    page = (
        "# 中共X市城关区委员会<br>关于……的总结报告\n\n正文 `## 甲<br>乙`\n\n```\n## 丙<br>丁\n```\n"
    )
    assert scan(page, "docs/campaigns/x/y.md") == []
