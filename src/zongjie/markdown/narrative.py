"""Find numbers stated in the narrative next to a metric's words.

The consistency check compares these statements (“召开2次党组会议”) with the data; their
numbers are read by the one Chinese-number reader (:mod:`zongjie.cn_numbers`) that
``zongjie import`` uses too. A statement is a clause (text between ，、；。) that names a
metric — by its label or, for activity metrics, by its activity kind — and contains a count
such as ``8次``. Markers (``<!-- zj:value … -->``) and code are never statements: a marker *is*
the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from zongjie.cn_numbers import NUMBER, parse_number
from zongjie.data.models import Campaign, Metric

MEASURES = "次件个项期场名人册类批篇"
COUNT = re.compile(rf"({NUMBER})\s*([{MEASURES}])(?!以上|余|多|左右)")
CLAUSE_END = re.compile(r"[，,、；;。！？!?\n]")
CODE_OR_MARKER = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`|<!--.*?-->", re.DOTALL)
QUOTES = str.maketrans("", "", "《》“”\"'‘’「」")
TITLE = re.compile(r"《[^》]*》")
TOTAL = re.compile(r"(?<![公一])共(?![性同产建享识青进])|累计|合计|总计|一共|总共|全年")
PART = re.compile(r"其中|分别|之一")
MARK = "\x00"


@dataclass(frozen=True)
class Statement:
    metric: Metric
    value: int
    measure: str
    line: int
    col: int
    clause: str
    sentence: str
    total: bool
    """The sentence states a total (共、累计、合计…), not a part of one (其中…)."""


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
    """Blank code and markers, keeping positions: code becomes spaces, markers ``MARK``."""

    def repl(m: re.Match[str]) -> str:
        fill = MARK if m.group(0).startswith("<!--") else " "
        return re.sub(r"[^\n]", fill, m.group(0))

    return CODE_OR_MARKER.sub(repl, text)


def statements(text: str, campaign: Campaign) -> Iterator[Statement]:
    """Every “number next to a metric's words” in ``text`` (Markdown or plain text)."""
    terms = metric_terms(campaign)
    plain = blank_out(text)
    sentence_start = 0
    start = 0
    for end_match in [*CLAUSE_END.finditer(plain), None]:
        end = end_match.start() if end_match else len(plain)
        clause = plain[start:end]
        found = None if MARK in clause else _match(clause, terms)
        if found is not None:
            metric, value, measure, pos = found
            at = start + pos
            line_start = plain.rfind("\n", 0, at) + 1
            before = plain[sentence_start:at]
            total = bool(TOTAL.search(before)) and not PART.search(clause)
            yield Statement(
                metric,
                value,
                measure,
                plain.count("\n", 0, at) + 1,
                at - line_start + 1,
                clause.strip(" *\t"),
                text[sentence_start : _sentence_end(plain, end)].strip(" *\t\n"),
                total,
            )
        if end_match is None or end_match.group(0) in "。！？!?\n":
            sentence_start = end + 1
        start = end + 1


def _match(clause: str, terms: list[tuple[str, Metric]]) -> tuple[Metric, int, str, int] | None:
    """The metric named in ``clause`` and the count written right next to its words."""
    visible = TITLE.sub(lambda m: " " * len(m.group(0)), clause)  # 《…制度》 names a document
    for term, metric in terms:
        pos = visible.find(term)
        if pos == -1:
            continue
        for num in COUNT.finditer(visible):
            value = parse_number(num.group(1))
            if value is None or visible[: num.start()].endswith("第"):
                continue
            gap_before = visible[num.end() : pos]
            gap_after = visible[pos + len(term) : num.start()]
            tail = visible[num.end() :].strip()
            if num.end() <= pos and len(gap_before.translate(QUOTES)) <= 1:
                return metric, value, num.group(2), num.start()
            if (
                num.start() >= pos + len(term)
                and len(gap_after.translate(QUOTES)) <= 3
                and len(tail) <= 2
            ):
                return metric, value, num.group(2), num.start()
        return None
    return None


def _sentence_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find(ch, pos) for ch in "。！？\n") if i != -1]
    return min(ends) + 1 if ends else len(text)
