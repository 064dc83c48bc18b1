"""Tables that are no 办实事/问题 list but state activities, read as the prose they abbreviate.

Two shapes: a row per activity with its counts in columns (活动 | 次数 | 参加人次), which is the
sentence ``活动N次，参加M人次``; and a row per activity with what was done in a cell of words
(内容 | 开展情况), which is that cell's sentences. Either is read by the prose reader, row by
row; the row's first cell names the activity when the words read name none of the campaign's
kinds (警示教育 | 组织党员观看警示片2场…).
"""

from __future__ import annotations

import re

from zongjie.authoring.facts import Facts
from zongjie.authoring.prose_facts import ProseReader
from zongjie.cn_numbers import parse_number
from zongjie.data.models import Campaign

COUNT_HEADER = re.compile(r"次数|场次|^次$|^场$")
PEOPLE_HEADER = re.compile(r"人次|人数|参加")
WORDS_HEADER = re.compile(r"情况|做法|内容|形式")


def row_sentences(rows: list[list[str]]) -> list[tuple[str, str]]:
    """(first cell, sentence) for each row of an activity table; [] for any other table."""
    if len(rows) < 2:
        return []
    header = [h.replace(" ", "") for h in rows[0]]
    count = next((i for i, h in enumerate(header) if COUNT_HEADER.search(h)), None)
    if count is not None and count > 0:
        people = next((i for i, h in enumerate(header) if PEOPLE_HEADER.search(h)), None)
        measure = "场" if "场" in header[count] else "次"
        out = []
        for row in rows[1:]:
            cells = [c.strip() for c in row] + [""] * len(header)
            if parse_number(cells[count]) is None:
                continue
            sentence = f"{cells[0]}{cells[count]}{measure}"
            if people is not None and parse_number(cells[people]) is not None:
                sentence += f"，参加{cells[people]}{'人' if '人数' in header[people] else '人次'}"
            out.append((cells[0], sentence))
        return out
    if len(header) == 2 and WORDS_HEADER.search(header[1]):
        return [(r[0].strip(), r[1].strip()) for r in rows[1:] if len(r) >= 2 and r[1].strip()]
    return []


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
            if named and activity.kind not in reader.kinds:
                activity.title, activity.kind = activity.title or activity.kind, named
            facts.activities.append(activity)
