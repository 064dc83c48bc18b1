"""Every number of an imported report accounted for: used by a proposed value, or listed.

The importer proposes only the counts it understands; an editor who confirms them must also
see what it left out, so that no count is lost unseen. :func:`audit` finds every number of
the source (Arabic digits anywhere; Chinese numerals with a measure word, in a date, a
percentage or a heading's number), marks the ones a proposed value came from, and classifies
the rest where their form or sentence tells what they are (文号, 年份, 日期, 百分比, 章节编号,
电话, 计划/要求, 约数), else 其他.

A second, cruder reading checks the first: every run of Arabic digits must lie inside some
number found, so a form the scanner does not know shows up as *unexplained* instead of
silently vanishing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from zongjie.authoring.blocks import Block
from zongjie.authoring.clauses import is_plan
from zongjie.authoring.facts import Facts, Scalar, Value
from zongjie.cn_numbers import APPROX_BEFORE, CN, DATE, NUMBER, parse_date, parse_number

if TYPE_CHECKING:
    from zongjie.data.models import Period

KINDS = ("文号", "年份", "日期", "百分比", "章节编号", "电话", "计划/要求", "约数", "其他")
AROUND = 16
"""Characters kept on each side of a number when its sentence is shortened."""
SENTENCE_END = re.compile(r"[。！？!?；;\n]")

_MEASURE = (
    r"人次|场次|大类|个月|万元|小时|个|件|项|次|期|场|轮|回|堂|人|名|册|本|份|户|家|张|套|篇|条"
    r"|类|处|所|盒|元|天|岁|位|批|届|支|座"
)
_WORD_BEFORE = re.compile(r"[统唯进单同专逐划整万千某]$")
"""Characters that make a following 一 part of a word (统一, 进一步), not a count."""
_CN_NUM = rf"[{CN}]+"
_YEAR = rf"(?:(?:19|20)\d{{2}}|二[〇零○][{CN}]{{2}})\s*年"
_SCAN = re.compile(
    "|".join(
        [
            r"(?P<文号>[〔\[［【]\s*(?:19|20)\d{2}\s*[〕\]］】]\s*第?\s*\d+\s*号)",
            r"(?P<电话>(?<!\d)(?:0\d{2,3}[-－—]\d{7,8}|1[3-9]\d{9})(?!\d))",
            r"(?P<百分比>\d+(?:\.\d+)?\s*[%％]|百分之[〇零一二两三四五六七八九十百点]+)",
            rf"(?P<日期>(?:{_YEAR}\s*)?(?:\d{{1,2}}|[{CN}]{{1,3}})\s*月(?:\s*(?:\d{{1,2}}|[{CN}]{{1,4}})\s*[日号])?"
            r"|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}|(?<!\d)\d{1,2}\s*日(?![常报])"
            r"|\d{1,2}\s*[:：]\s*\d{2})",
            rf"(?P<年份>{_YEAR}|(?:19|20)\d{{2}}(?=\s*[-—–~至到]\s*(?:19|20)\d{{2}}\s*年))",
            rf"(?P<章节编号>第\s*(?:\d+|{_CN_NUM})\s*[章节部分篇条款]"
            rf"|[（(]\s*(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*[)）]"
            rf"|^\s*(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*[、.．](?!\d))",
            rf"(?P<约前>(?:约|近|大约|将近|逾))?(?P<数>(?:{NUMBER})(?:\s*(?:余|多))?\s*(?:{_MEASURE})?)",
        ]
    )
)
_DIGITS = re.compile(r"\d+")
_CN_ONLY = re.compile(rf"{_CN_NUM}")


@dataclass
class Segment:
    """A paragraph, or a table's row, as the numbers are read from it."""

    text: str
    where: str
    table: bool = False


@dataclass
class Number:
    text: str
    form: str
    """What its form says it is (文号, 日期…), or 数 for a plain count."""
    value: int | dt.date | None
    segment: int
    start: int
    end: int
    approx: bool = False
    used_by: str | None = None
    kind: str = ""
    """Its kind in the 未归类 list (set for the unused ones)."""


@dataclass
class NumberAudit:
    segments: list[Segment]
    numbers: list[Number]
    unexplained: list[tuple[int, str]] = field(default_factory=list)
    """(segment, digits) that no number found covers: must stay empty."""

    @property
    def used(self) -> list[Number]:
        return [n for n in self.numbers if n.used_by is not None]

    @property
    def unexplained_digits(self) -> str:
        return "、".join(digits for _, digits in self.unexplained)

    @property
    def unclassified(self) -> list[Number]:
        return [n for n in self.numbers if n.used_by is None]

    def sentence(self, n: Number) -> str:
        """The number's sentence shortened around it, the number in 【】."""
        text = self.segments[n.segment].text
        starts = [m.end() for m in SENTENCE_END.finditer(text, 0, n.start)]
        start = starts[-1] if starts else 0
        stop = SENTENCE_END.search(text, n.end)
        end = stop.end() if stop else len(text)
        before, after = text[start : n.start].lstrip(), text[n.end : end]
        if len(before) > AROUND:
            before = "……" + before[-AROUND:]
        if len(after) > AROUND:
            after = after[:AROUND] + "……"
        return " ".join(f"{before}【{text[n.start : n.end]}】{after}".split())

    def where(self, n: Number) -> str:
        return self.segments[n.segment].where

    def by_kind(self) -> dict[str, int]:
        counts = dict.fromkeys(KINDS, 0)
        for n in self.unclassified:
            counts[n.kind] += 1
        return {k: v for k, v in counts.items() if v}


def segments(blocks: list[Block]) -> list[Segment]:
    out = []
    for i, block in enumerate(blocks):
        where = f"第{block.line}行" if block.line else f"第{i + 1}段"
        if block.kind == "table":
            out += [
                Segment(" | ".join(row), f"{where}（表格第{r + 1}行）", table=True)
                for r, row in enumerate(block.rows)
            ]
        elif block.kind != "marker":
            out.append(Segment(block.plain, where))
    return out


def scan(text: str, segment: int, period: Period | None) -> Iterator[Number]:
    for m in _SCAN.finditer(text):
        form = m.lastgroup or "数"
        if form == "数":
            body = m.group("数")
            approx = bool(m.group("约前")) or bool(re.search(r"[余多]", body))
            start = m.start("数") if not approx or not m.group("约前") else m.start()
            number = re.match(NUMBER, body)
            assert number is not None
            measured = len(body.rstrip()) > len(number.group(0)) and not re.fullmatch(
                rf"{NUMBER}\s*(?:余|多)", body
            )
            if _CN_ONLY.fullmatch(number.group(0)) and (
                not measured or _WORD_BEFORE.search(text[:start])
            ):
                continue  # 一是, 统一部署, 十九大: a Chinese numeral counts only with its measure
            end = m.start() + len(m.group(0).rstrip())
            yield Number(
                text[start:end], form, parse_number(number.group(0)), segment, start, end, approx
            )
            continue
        value: int | dt.date | None = None
        if form == "日期" and (day := DATE.fullmatch(m.group(0).replace(" ", ""))):
            value = parse_date(day, period)
        yield Number(m.group(0), form, value, segment, m.start(), m.end())


def _proposed(facts: Facts) -> Iterator[tuple[str, Scalar, Value | None]]:
    """Every proposed value with the sentence it came from (``None`` for a table's cell)."""
    if facts.date:
        yield "date", facts.date, None
    for key, v in facts.metrics.items():
        yield f"metrics.{key}", v.value, v
    for i, a in enumerate(facts.activities):
        for k in ("count", "date", "participants"):
            if (v := getattr(a, k)) is not None:
                yield f"activities[{i}].{k}", v.value, v
    for i, t in enumerate(facts.trainings):
        for k in ("participants", "sessions"):
            if (v := getattr(t, k)) is not None:
                yield f"trainings[{i}].{k}", v.value, v
    for i, o in enumerate(facts.outreach):
        if o.sites is not None:
            yield f"outreach[{i}].sites", o.sites.value, o.sites
        if o.date is not None:
            yield f"outreach[{i}].date", o.date.value, o.date
        for j, d in enumerate(o.distributed):
            yield f"outreach[{i}].distributed[{j}].count", d.count.value, d.count
            if d.volumes is not None:
                yield f"outreach[{i}].distributed[{j}].volumes", d.volumes.value, d.volumes
    if facts.shishi.count is not None:
        yield "shishi_count", facts.shishi.count.value, facts.shishi.count
    for key, v in facts.shishi.status.items():
        yield f"shishi_status.{key}", v.value, v
    for j, s in enumerate(facts.shishi.items):
        if s.date:
            yield f"shishi[{j}].date", s.date, None
    for i, r in enumerate(facts.rectification):
        if r.count is not None:
            yield f"rectification[{i}].count", r.count.value, r.count
        for key, v in r.status.items():
            yield f"rectification[{i}].status.{key}", v.value, v
        for j, p in enumerate(r.items):
            if p.deadline:
                yield f"rectification[{i}].items[{j}].deadline", p.deadline, None


def _find(
    audit: NumberAudit, value: Scalar, sentence: str | None, free: list[Number]
) -> Number | None:
    """The unused number ``value`` was read from: in its sentence when it has one."""
    same = [n for n in free if n.used_by is None and n.value == value and n.form in ("数", "日期")]
    if sentence is None:
        return same[-1] if same else None  # the 落款 date and table cells: the last one
    text = " ".join(sentence.split())
    for n in same:
        seg = audit.segments[n.segment].text
        at = seg.find(text)
        while at >= 0:
            if at <= n.start and n.end <= at + len(text):
                return n
            at = seg.find(text, at + 1)
    head = text[:8]
    return next((n for n in same if head and head in audit.segments[n.segment].text), None)


def _kind(audit: NumberAudit, n: Number) -> str:
    if n.form != "数":
        return n.form
    text = audit.segments[n.segment].text
    if audit.segments[n.segment].table and not text[: n.start].strip():
        return "章节编号"  # a table's 序号 column
    starts = [m.end() for m in SENTENCE_END.finditer(text, 0, n.start)]
    stop = SENTENCE_END.search(text, n.end)
    sentence = text[starts[-1] if starts else 0 : stop.start() if stop else len(text)]
    if is_plan(sentence):
        return "计划/要求"
    if n.approx or APPROX_BEFORE.search(text[: n.start]):
        return "约数"
    return "其他"


def audit(blocks: list[Block], facts: Facts, period: Period | None = None) -> NumberAudit:
    """Read every number of ``blocks``; mark those ``facts`` used; classify the rest.

    Each value that matched a number gets its sentence shortened around it (``Value.shown``),
    for the comment beside it in the YAML and the editors' 待核实 page."""
    segs = segments(blocks)
    result = NumberAudit(segs, [n for i, s in enumerate(segs) for n in scan(s.text, i, period)])
    for path, value, v in _proposed(facts):
        found = _find(result, value, v.sentence if v is not None else None, result.numbers)
        if found is not None:
            found.used_by = path
            if v is not None:
                v.shown = result.sentence(found)
    for n in result.unclassified:
        n.kind = _kind(result, n)
    for i, s in enumerate(segs):
        covered = [(n.start, n.end) for n in result.numbers if n.segment == i]
        for m in _DIGITS.finditer(s.text):
            if not any(a <= m.start() and m.end() <= b for a, b in covered):
                result.unexplained.append((i, m.group(0)))
    return result
