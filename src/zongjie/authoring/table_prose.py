"""Tables that are no 办实事/问题 list but state activities, read as the prose they abbreviate.

Two shapes: a row per activity with its counts in columns (活动 | 次数 | 参加人次), which is the
sentence ``活动N次，参加M人次``; and a row per activity with what was done in a cell of words
(内容 | 开展情况), which is that cell's sentences. Either is read by the prose reader, row by
row; the row's first cell names the activity when the words read name none of the campaign's
kinds (警示教育 | 组织党员观看警示片2场…). A table whose count columns name activities
(集中学习（次）) and which has a 合计 row is a breakdown by 片区, 支部 or month: only its sums are
facts, one per column, and a sum the prose already states only adds its people.
"""

from __future__ import annotations

import re

from zongjie.authoring.facts import ActivityFact, Facts
from zongjie.authoring.prose_facts import ProseReader
from zongjie.cn_numbers import parse_number
from zongjie.data.models import Campaign

COUNT_HEADER = re.compile(r"次数|场次|^次$|^场$")
COUNTED_HEADER = re.compile(r"[（(](?:次|场|期)[）)]$")
"""A column counted in its header's unit: 集中学习（次）."""
TOTAL_ROW = re.compile(r"^(?:合\s*计|总\s*计|共\s*计|小\s*计|全[镇区县市局乡街]|总数)")
"""The row that sums the others: the table is a breakdown, and the sum is the fact."""
PEOPLE_HEADER = re.compile(r"人次|人数|参加")
WORDS_HEADER = re.compile(r"情况|做法|内容|形式")


def _named(header: str) -> str:
    """The activity a count column names (集中学习次数, 讲党课（次）), '' for 次数 alone."""
    return COUNTED_HEADER.sub("", COUNT_HEADER.sub("", header)).strip()


def row_sentences(rows: list[list[str]]) -> list[tuple[str, str]]:
    """(first cell, sentence) for each row of an activity table; [] for any other table."""
    if len(rows) < 2:
        return []
    header = [h.replace(" ", "") for h in rows[0]]
    counts = [
        i
        for i, h in enumerate(header)
        if i > 0 and (COUNT_HEADER.search(h) or COUNTED_HEADER.search(h))
    ]
    if counts:
        people = next((i for i, h in enumerate(header) if PEOPLE_HEADER.search(h)), None)
        people = people if people not in counts else None
        body = [r for r in rows[1:] if r and not TOTAL_ROW.match(r[0].strip())]
        totals = [r for r in rows[1:] if r and TOTAL_ROW.match(r[0].strip())]
        if totals and all(len(_named(header[i])) >= 2 for i in counts):
            # 党支部 | 集中学习（次） | 讲党课（次） … 合计: each row is a part, each column one
            # activity; only the sums are facts (the parts stay among the numbers listed)
            return [
                _sentence(header, [_named(header[i]), *totals[-1][1:]], i, people)
                for i in counts
                if parse_number(_cell(totals[-1], i)) is not None
            ]
        return [
            _sentence(header, row, counts[0], people)
            for row in body
            if parse_number(_cell(row, counts[0])) is not None
        ]
    if len(header) == 2 and WORDS_HEADER.search(header[1]):
        return [(r[0].strip(), r[1].strip()) for r in rows[1:] if len(r) >= 2 and r[1].strip()]
    return []


def _cell(row: list[str], col: int) -> str:
    return row[col].strip() if col < len(row) else ""


def _sentence(header: list[str], row: list[str], count: int, people: int | None) -> tuple[str, str]:
    """The sentence a row abbreviates: 活动N次，参加M人次."""
    measure = "场" if "场" in header[count] else "次"
    sentence = f"{_cell(row, 0)}{_cell(row, count)}{measure}"
    if people is not None and parse_number(_cell(row, people)) is not None:
        sentence += f"，参加{_cell(row, people)}{'人' if '人数' in header[people] else '人次'}"
    return _cell(row, 0), sentence


def table_activities(rows: list[list[str]], campaign: Campaign, facts: Facts) -> None:
    """Add the activities an activity table states to ``facts``."""
    counted = {a.kind for a in facts.activities if a.count is not None}
    for name, sentence in row_sentences(rows):
        reader = ProseReader(campaign)
        read = reader.read([sentence])
        named = next((k for k in reader.kinds if k in name), None)
        for activity in read.activities:
            if activity.count is None or (activity.count.value == 1 and activity.kind in counted):
                continue  # a held event the prose already counts
            if same := _stated(facts, activity):  # the prose gave the count, the table adds
                same.participants = same.participants or activity.participants
                continue
            if named and activity.kind not in reader.kinds:
                activity.title, activity.kind = activity.title or activity.kind, named
            facts.activities.append(activity)


def _stated(facts: Facts, activity: ActivityFact) -> ActivityFact | None:
    """The activity the prose already counts with the table's count (开展集中学习102次 and a
    table whose 合计 is 102), whose name contains or is contained in the table's."""
    assert activity.count is not None
    for known in facts.activities:
        if known.count is None or known.count.value != activity.count.value:
            continue
        if known.kind in activity.kind or activity.kind in known.kind:
            return known
    return None
