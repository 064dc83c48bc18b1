"""Facts from Word tables: a 办实事清单, 问题清单 or 整改台账 becomes the list itself.

A table is recognised by its header row (and the sentence just before it): a column of
items (项目, 事项, 问题…) together with a status column (状态, 进展, 整改情况…) or count
columns (问题数, 已整改…). Columns merged across rows (问题来源) group the rows. A table
that names neither items nor status is not data and stays a Markdown table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zongjie.authoring.facts import (
    ProblemFact,
    RectificationFact,
    ShishiFacts,
    ShishiItemFact,
    Value,
    status_word,
)
from zongjie.authoring.prose_facts import subject
from zongjie.cn_numbers import FULL_DATE, parse_date, parse_number

# What a header cell names, by the words it uses.
COLUMN_WORDS = {
    "item": r"项目|事项|实事|名称|具体问题|问题表现|问题描述|主要问题|问题$|内容",
    "status": r"状态|进展|进度|完成情况|办理情况|整改情况|落实情况|办结情况",
    "source": r"来源|问题来源|检视主体|反馈单位",
    "category": r"类别|类型|方面",
    "measure": r"措施",
    "date": r"时间|时限|日期",
    "count": r"问题数|问题个数|数量|个数",
}
ITEM, STATUS, SOURCE, CATEGORY, MEASURE, DATE, COUNT = map(re.compile, COLUMN_WORDS.values())
RECTIFICATION_WORDS = re.compile(r"问题|整改")
SHISHI_WORDS = re.compile(r"实事|民生|项目")
COUNT_STATUS = {"已整改": "已整改", "已完成": "已整改", "整改中": "整改中", "正在整改": "整改中"}
COUNT_STATUS |= {"常态化": "常态化", "长期坚持": "常态化"}
SHISHI_STATUS = {"已整改": "已完成", "整改中": "推进中", "常态化": "常态化"}


@dataclass
class TableFacts:
    kind: str  # "shishi" or "rectification"
    shishi: list[ShishiItemFact]
    groups: list[RectificationFact]
    shishi_counts: ShishiFacts | None = None
    """A count table's 办实事 row (类别 | 数量 | 已完成 …: 为群众办实事 | 15 | 12)."""


def _column(header: list[str], pattern: re.Pattern[str]) -> int | None:
    return next((i for i, h in enumerate(header) if pattern.search(h)), None)


def _cell(row: list[str], col: int | None) -> str:
    return row[col].strip() if col is not None and col < len(row) else ""


def _date(text: str) -> object:
    m = FULL_DATE.search(text.replace(" ", ""))
    return parse_date(m) if m else None


def read_table(rows: list[list[str]], before: str) -> TableFacts | None:
    """The list a table holds, or ``None`` for a table that is not a 办实事/问题 list."""
    if len(rows) < 2:
        return None
    header = [h.replace(" ", "") for h in rows[0]]
    body = [r for r in rows[1:] if any(c.strip() for c in r)]
    text = "".join(header)
    count_col = _column(header, COUNT)
    counts = {
        column_status: i
        for i, h in enumerate(header)
        if i not in (0, count_col) and (column_status := _status_column(h)) is not None
    }
    if counts and count_col is not None:
        return _count_table(header, body, counts, before)
    item, status = _column(header, ITEM), _column(header, STATUS)
    if item is None or status is None:
        return None
    statuses = [status_word(_cell(r, status), "any") for r in body]
    if not body or any(s is None for s in statuses):
        return None  # a column that does not read as a status: not a list we can enter
    context = text + before[-60:]
    if RECTIFICATION_WORDS.search(header[item]) or (
        RECTIFICATION_WORDS.search(context) and not SHISHI_WORDS.search(header[item])
    ):
        return _problem_table(header, body, item, status, before)
    if SHISHI_WORDS.search(context):
        date = _column(header, DATE)
        items = [
            ShishiItemFact(
                _cell(r, item),
                status_word(_cell(r, status), "shishi") or "已完成",
                _date(_cell(r, date)),  # type: ignore[arg-type]
            )
            for r in body
            if _cell(r, item)
        ]
        return TableFacts("shishi", items, [])
    return None


def _problem_table(
    header: list[str], body: list[list[str]], item: int, status: int, before: str
) -> TableFacts:
    source_col = _column(header, SOURCE)
    category, measure, date = (_column(header, p) for p in (CATEGORY, MEASURE, DATE))
    fallback = subject(before, len(before)) or "问题清单"
    groups: dict[str, RectificationFact] = {}
    for row in body:
        problem = _cell(row, item)
        if not problem:
            continue
        source = _cell(row, source_col) or fallback
        group = groups.setdefault(source, RectificationFact(source))
        group.items.append(
            ProblemFact(
                problem,
                status_word(_cell(row, status), "rectification") or "整改中",
                _cell(row, category) or None,
                _cell(row, measure) or None,
                _date(_cell(row, date)),  # type: ignore[arg-type]
            )
        )
    return TableFacts("rectification", [], list(groups.values()))


def _status_column(header: str) -> str | None:
    """The status a count column holds: 已整改, or 已完成（已整改） in a table of both kinds."""
    if header in COUNT_STATUS:
        return COUNT_STATUS[header]
    if COUNT.search(header) or not re.fullmatch(r"[^\d]{2,12}", header):
        return None
    return status_word(header, "rectification")


def _count_table(
    header: list[str], body: list[list[str]], counts: dict[str, int], before: str
) -> TableFacts | None:
    source_col = _column(header, SOURCE) or 0
    count_col = _column(header, COUNT)
    groups = []
    shishi: ShishiFacts | None = None
    for row in body:
        total = parse_number(_cell(row, count_col))
        if total is None:
            return None
        sentence = " | ".join(row)
        label = _cell(row, source_col)
        found = {
            status: Value(n, sentence)
            for status, col in counts.items()
            if (n := parse_number(_cell(row, col)))
        }
        if SHISHI_WORDS.search(label) and "问题" not in label:
            if shishi is not None:
                return None  # two 办实事 rows: not one list
            shishi = ShishiFacts(
                Value(total, sentence), {SHISHI_STATUS[k]: v for k, v in found.items()}
            )
            continue
        # 学院党委班子检视问题 | 18: the group is who found them
        source = re.sub(r"(?:检视|查摆|查找|发现|排查)?(?:出)?的?问题$", "", label) or label
        group = RectificationFact(source or "问题", count=Value(total, sentence))
        group.status.update(found)
        groups.append(group)
    if not groups:
        return None
    return TableFacts("rectification", [], groups, shishi)
