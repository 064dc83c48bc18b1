"""The structure of a clause, read with jieba's part-of-speech tagger.

A report states a fact as subject, verb, object and count (``镇党委书记到各村讲党课，一共讲了
5回``). The words differ from unit to unit; the parts of speech do not. These helpers find
them where the importer's own word lists stop:

- :func:`bare_verb` finds a spoken verb without its object (讲了 in 一共讲了, 看了 in 组织党员看了);
- :func:`predicate` is the activity a clause names: the words after its first verb;
- :func:`is_plan` tells a plan or requirement (下一步, 将, 每…至少, 力争) from a fact;
- :func:`shared_out` is how many share a count given 各 (each);
- :func:`enumerated` lists the items a sentence counts off (（1）…；（2）…, 一是…二是…).
"""

from __future__ import annotations

import logging
import re
from functools import cache

from zongjie.cn_numbers import NUMBER, parse_number

VERB_TAGS = ("v", "vd", "vi", "vg")
ASPECT = re.compile(r"^[了过着]*")
PLAN = re.compile(r"下一步|下步|今后|力争|争取|拟于|每[^，。；]{0,8}至少|确保[^，。；]{0,8}每")
FUTURE_MARK = "将"
ITEM_MARK = re.compile(
    r"[（(](?:[1-9]|[一二三四五六七八九十])[）)]|(?<![^，,：:；;。\s])[一二三四五六七八九十]是"
)


@cache
def _tagger() -> object:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg


@cache
def tagged(text: str) -> tuple[tuple[str, str, int], ...]:
    """(word, part of speech, start) for each word of ``text``."""
    posseg = _tagger()
    out = []
    at = 0
    for pair in posseg.cut(text):  # type: ignore[attr-defined]
        out.append((pair.word, pair.flag, at))
        at += len(pair.word)
    return tuple(out)


def last_verb(text: str) -> tuple[int, int] | None:
    """Where the last verb of ``text`` starts and ends, its aspect particle (了) included;
    ``None`` when ``text`` has no verb."""
    verbs = [(word, start) for word, flag, start in tagged(text) if flag in VERB_TAGS]
    if not verbs:
        return None
    word, start = verbs[-1]
    end = start + len(word)
    aspect = ASPECT.match(text[end:])
    return start, end + (len(aspect.group(0)) if aspect else 0)


def bare_verb(text: str) -> tuple[int, int] | None:
    """The span of the spoken verb that ends ``text`` with no object (讲了 in 一共讲了, 看 in
    组织党员看): a one-character verb or any verb with 了. A two-character verb alone (集中学习)
    is a noun phrase's head, not a bare verb."""
    span = last_verb(text)
    if span is None or text[span[1] :].strip():
        return None
    word = text[span[0] : span[1]]
    return span if len(word.rstrip("了过着")) == 1 or word.endswith("了") else None


def predicate(clause: str) -> str:
    """The words after the clause's first verb (党员逐章学习《条例》 in 支部组织党员逐章学习
    《条例》), or '' when it has no verb."""
    for word, flag, start in tagged(clause):
        if flag in VERB_TAGS:
            return clause[start + len(word) :].lstrip("了")
    return ""


def is_plan(sentence: str) -> bool:
    """Whether ``sentence`` states a plan or a requirement rather than what was done."""
    if PLAN.search(sentence):
        return True
    if FUTURE_MARK not in sentence:
        return False
    words = tagged(sentence)
    for i, (word, _, start) in enumerate(words):
        if word != FUTURE_MARK or sentence[start - 1 : start] == "现":
            continue
        following = words[i + 1][1] if i + 1 < len(words) else ""
        if following[:1] in ("v", "d", "p", "r", "l", "m") and not _names_object(words[i + 1 :]):
            return True  # 将持续…, 将每季度…, 将把… (but 将问题纳入… is 把)
    return False


def _names_object(words: tuple[tuple[str, str, int], ...]) -> bool:
    """Whether the words after 将 open a noun phrase (将检视出的问题纳入台账: 的 within its
    first words), so that 将 is 把 and the sentence is about the past."""
    for word, flag, _ in words[:4]:
        if flag == "x":
            return False
        if word == "的":
            return True
    return False


def enumerated(text: str) -> tuple[list[str], int]:
    """The items ``text`` counts off from its start: ``（1）A；（2）B`` or ``一是A，二是B``; the
    last ends at its sentence's first comma. Returns the items and where the list ends; fewer
    than two markers, or a list that does not start the text, is no list."""
    marks = list(ITEM_MARK.finditer(text))
    if len(marks) < 2 or text[: marks[0].start()].strip(" ，,：:"):
        return [], 0
    items, end = [], 0
    for i, mark in enumerate(marks):
        stop = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        item = text[mark.end() : stop]
        if i + 1 == len(marks):
            item = re.split(r"[，,。；;]", item)[0]
        end = mark.end() + len(item)
        items.append(item.strip(" ，,；;。、"))
    return [item for item in items if item], end


EACH_PEOPLE = re.compile(rf"^(?P<num>{NUMBER})\s*(?:个|名|位)")
LIST_SEPARATOR = re.compile(r"[、和与及]")


def shared_out(before: str) -> int | None:
    """How many do what ``before`` counts 各 (each): the people listed before 分别 (党委书记、
    院长分别讲…各1次: 2) or counted at the clause's start (4名副校长…各2次: 4). 1 when the count
    is not 各; ``None`` when it is and the text does not say by how many."""
    if not re.search(r"各\s*$", before):
        return 1
    phrase = re.split(r"[，,；;：:]", before)[-1].strip()
    if "分别" in phrase:
        doers = [d for d in LIST_SEPARATOR.split(phrase[: phrase.index("分别")]) if d.strip()]
        return len(doers) if len(doers) >= 2 else None
    if (counted := EACH_PEOPLE.match(phrase)) is not None:
        return parse_number(counted.group("num"))
    return None


MEETING_END = re.compile(r"会议|大会|会")
MEETING_WORK = re.compile(r"研究|部署|传达|审议|听取|讨论|推进|安排|专题|专门")
"""What a meeting does; the tagger reads some of these as nouns (部署)."""


def meeting_named(phrase: str) -> str:
    """The object of 召开 up to the meeting's name (党委会议 in 党委会议研究主题教育工作): a verb
    after 会议 opens what the meeting did."""
    for m in MEETING_END.finditer(phrase):
        rest = tagged(phrase[m.end() :])
        work = bool(rest) and (rest[0][1] in (*VERB_TAGS, "vn") or MEETING_WORK.match(rest[0][0]))
        if m.start() >= 2 and work:
            return phrase[: m.end()]
    return phrase
