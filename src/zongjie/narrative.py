"""Find numbers stated in the narrative next to a metric's words.

One rule serves two verbs: ``zongjie import`` proposes facts from these
statements (“召开2次党组会议”), and the consistency lint compares them with the
data. A statement is a clause (text between ，、；。) that names a metric — by its
label or, for activity metrics, by its activity kind — and contains a count
such as ``8次``. Markers (``<!-- zj:value … -->``) and code are never statements:
a marker *is* the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .models import Campaign, Metric

MEASURES = "次件个项期场名人册类批篇"
CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9, "十": 10}
NUMBER = re.compile(rf"(\d+|[一二两三四五六七八九十]{{1,3}})\s*([{MEASURES}])(?!以上|余|多|左右)")
CLAUSE_END = re.compile(r"[，,、；;。！？!?\n]")
CODE_OR_MARKER = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`|<!--.*?-->", re.S)
QUOTES = str.maketrans("", "", "《》“”\"'‘’「」")


@dataclass(frozen=True)
class Statement:
    metric: Metric
    value: int
    measure: str
    line: int
    col: int
    clause: str
    sentence: str


def chinese_number(text: str) -> int | None:
    """``8`` → 8, ``十二`` → 12, ``两`` → 2; ``None`` for anything else."""
    if text.isdigit():
        return int(text)
    if any(ch not in CN_DIGITS for ch in text):
        return None
    if "十" not in text:
        return CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


def metric_terms(campaign: Campaign) -> list[tuple[str, Metric]]:
    """Words that name each metric, longest first so 中心组学习 wins over 学习."""
    terms: dict[str, Metric] = {}
    for metric in campaign.metrics:
        for word in (metric.label, metric.derive.kind if metric.derive else None):
            if word:
                term = word.translate(QUOTES).strip()
                if len(term) >= 2:
                    terms.setdefault(term, metric)
    return sorted(terms.items(), key=lambda kv: -len(kv[0]))


def blank_out(text: str) -> str:
    """Replace code and markers by spaces of the same length, so positions stay valid."""
    return CODE_OR_MARKER.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def statements(text: str, campaign: Campaign) -> Iterator[Statement]:
    """Every “number next to a metric's words” in ``text`` (Markdown or plain text)."""
    terms = metric_terms(campaign)
    plain = blank_out(text)
    sentence_start = 0
    start = 0
    for end_match in [*CLAUSE_END.finditer(plain), None]:
        end = end_match.start() if end_match else len(plain)
        clause = plain[start:end]
        flat = clause.translate(QUOTES)
        found = _match(clause, flat, terms)
        if found is not None:
            metric, number, pos = found
            sentence_end = _sentence_end(plain, end)
            line = plain.count("\n", 0, start + pos) + 1
            col = start + pos - (plain.rfind("\n", 0, start + pos) + 1) + 1
            yield Statement(metric, number[0], number[1], line, col, clause.strip(" *\t"),
                            text[sentence_start:sentence_end].strip(" *\t\n"))
        if end_match and end_match.group(0) in "。！？!?\n":
            sentence_start = end + 1
        start = end + 1


def _match(clause: str, flat: str, terms: list[tuple[str, Metric]]) -> tuple[Metric, tuple[int, str], int] | None:
    term_hit = next(((t, m) for t, m in terms if t in flat), None)
    if term_hit is None:
        return None
    numbers = [(m, chinese_number(m.group(1))) for m in NUMBER.finditer(clause)]
    numbers = [(m, n) for m, n in numbers if n is not None]
    if not numbers:
        return None
    term_pos = flat.index(term_hit[0])
    best, value = min(numbers, key=lambda mn: abs(mn[0].start() - term_pos))
    return term_hit[1], (value, best.group(2)), best.start()  # type: ignore[return-value]


def _sentence_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find(ch, pos) for ch in "。！？\n") if i != -1]
    return min(ends) + 1 if ends else len(text)
