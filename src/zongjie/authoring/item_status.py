"""Items a sentence lists and the status the sentences after it give them.

Reports list their 办实事 inside the prose and say how far each got in the next sentence, in
as many ways as there are writers:

- ``具体为（1）A，（2）B，（3）C。目前前两项已办结，第三项正在推进中``: by position;
- ``分别是A、B、C。目前2件已经办结，C因为…正在推进当中``: by count and by name;
- ``一是A；二是B。都已办好``: all at once.

:func:`listed` finds the items (numbered, or separated by 、 after 分别是/包括…);
:func:`assign` reads the statuses and returns one per item, or ``None`` when the text does not
settle every item exactly once (then the importer proposes no items: a wrong status looks as
right as a correct one).
"""

from __future__ import annotations

import re

from zongjie.authoring.clauses import enumerated
from zongjie.authoring.facts import ALL_DONE, status_word
from zongjie.cn_numbers import NUMBER, parse_number

INTRO = re.compile(
    r"^\s*(?:具体(?:为|是|有|包括)|分别(?:为|是)|主要(?:有|是|包括)|包括|即|如下|有)[：:，,]?\s*"
)
"""Words that open a list: 办了4件实事，具体为（1）…"""
SERIES = re.compile(r"(?:分别是|分别为|包括|具体是|具体为|主要是|即)[：:]?(?P<items>[^。；;！？]+)")
"""A list run on with 、 after the words that open it: 分别是改造食堂、加装空调、开通班车"""
FIRST = re.compile(rf"(?<![目之以提此当日])前\s*(?P<n>{NUMBER})\s*[项件个条]")
NTH = re.compile(rf"第\s*(?P<n>{NUMBER})\s*[项件个条]")
REST = re.compile(r"其余|其他|剩下|剩余|另外")
BARE = re.compile(rf"(?P<n>{NUMBER})\s*[项件个条]")
STATUS_SENTENCES = 2
"""How many sentences after a list may give its statuses."""


def listed(text: str) -> tuple[list[str], int]:
    """The items ``text`` lists from its start (after words such as 具体为), and where the list
    ends; ``([], 0)`` when it lists none."""
    intro = INTRO.match(text)
    skip = intro.end() if intro else 0
    items, end = enumerated(text[skip:])
    if len(items) >= 2:  # an item is its first clause; what follows describes it
        return [re.split(r"[，,；;]", item)[0] for item in items], skip + end
    series = SERIES.match(text) or SERIES.match(text, skip)
    if series is None:
        series = SERIES.search(text[: text.find("。") if "。" in text else len(text)])
    if series is None:
        return [], 0
    parts = [p.strip(" ，,") for p in re.split(r"、|和|及", series.group("items"))]
    if len(parts) < 2 or any(not 2 <= len(p) <= 30 for p in parts):
        return [], 0
    return parts, series.end()


def _shared(title: str, clause: str) -> bool:
    """Whether ``clause`` names the item ``title``: four characters of it in a row (夜班通勤车
    in 开通夜班通勤车)."""
    size = max(2, min(4, len(title) - 2))  # 助餐点 names 开设助餐点
    return any(title[i : i + size] in clause for i in range(len(title) - size + 1))


def assign(items: list[str], after: str, kind: str = "shishi") -> list[str] | None:
    """One status per item from the sentences ``after`` the list, or ``None`` when they do not
    give each item exactly one."""
    sentences = [s for s in re.split(r"(?<=[。！？；;])", after) if s.strip()]
    sentences = sentences[: STATUS_SENTENCES + (1 if not after.lstrip().startswith("。") else 0)]
    text = "".join(sentences)
    if ALL_DONE.search(text) and not re.search(rf"除|其余|剩下|第|前\s*(?:{NUMBER})", text):
        return [status_word("已完成", kind) or "已完成"] * len(items)
    found: list[str | None] = [None] * len(items)
    counted: list[tuple[int, str]] = []  # 5件已经办结: so many, not which
    rest: str | None = None
    named: list[int] = []  # the item a clause names, for the status in the clause after it
    own = True  # still in the list's own sentence: a status there is its last item's
    for clause in re.split(r"([，,。；;！？])", text):
        if len(clause) == 1 and clause in "，,。；;！？":
            own = own and clause in "，,"
            continue
        status = status_word(clause, kind)
        names = [i for i, title in enumerate(items) if _shared(title, clause)]
        if status is None:
            named = names or named
            continue
        if first := FIRST.search(clause):
            n = parse_number(first.group("n")) or 0
            targets = list(range(min(n, len(items))))
        elif nth := NTH.search(clause):
            n = parse_number(nth.group("n")) or 0
            targets = [n - 1] if 1 <= n <= len(items) else []
        elif REST.search(clause):
            rest = status
            continue
        elif names or named:
            targets = names or named
        elif bare := BARE.search(clause):
            counted.append((parse_number(bare.group("n")) or 0, status))
            continue
        elif own:
            targets = [len(items) - 1]  # 四是自来水管网改造，目前还在弄
        else:
            continue
        named = []
        for i in targets:
            if found[i] not in (None, status):
                return None
            found[i] = status
    open_items = [i for i, s in enumerate(found) if s is None]
    for n, status in counted:
        if n != len(open_items):
            return None
        for i in open_items:
            found[i] = status
        open_items = []
    if rest is not None:
        for i in open_items:
            found[i] = rest
    if any(s is None for s in found):
        return None
    return [s for s in found if s is not None]
