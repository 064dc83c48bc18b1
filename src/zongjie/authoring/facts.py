"""Facts proposed by ``zongjie import``: report data, each value with the sentence it came from.

The shapes follow :class:`zongjie.data.models.Report`, so the YAML written from them loads as
a report; every proposed value also yields its path for the ``待核实`` list.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

SNIPPET = 60
Scalar = int | dt.date | str
LONG_TERM = re.compile(r"常态化|长期|(?<!正在)持续(?!推进)")
UNDER_WAY = re.compile(
    r"正在|整改中|推进|进行中|办理中|未完成|加紧|接着[干办建做改]|(?<![已现实])在[办改抓推]"
    r"|[还仍尚]在[^，。；]{0,4}$"  # 目前还在弄
)
DONE = re.compile(r"已|完成|到位|办结|立行立改|整改完毕|销号|解决|[改办][了好完]")
ALL_DONE = re.compile(
    r"(?:已|均已|现已)?全部(?:完成)?(?:整改|办结|完成)|(?:整改|办理)完毕"
    r"|[都均](?:已经?)?(?:整改|办结|完成|办完|办好|改好|改完|改到位|落实)"
)


def status_word(text: str, kind: str) -> str | None:
    """The status ``text`` states, in the words of ``kind`` ("rectification" or "shishi")."""
    if LONG_TERM.search(text):
        return "常态化"
    if UNDER_WAY.search(text):
        return "整改中" if kind == "rectification" else "推进中"
    if DONE.search(text):
        return "已整改" if kind == "rectification" else "已完成"
    return None


@dataclass
class Value:
    value: Scalar
    sentence: str
    approx: bool = False
    shown: str = ""
    """The sentence shortened around the number, the number in 【】 (set by the number audit);
    the editors' 待核实 page highlights what stands in 【】."""

    @property
    def number(self) -> int:
        return self.value if isinstance(self.value, int) else 0

    @property
    def note(self) -> str:
        """The YAML comment: where the value came from, and whether it is an estimate."""
        text = self.shown or " ".join(self.sentence.replace("**", "").split())
        if len(text) > SNIPPET and not self.shown:
            text = text[: SNIPPET - 2] + "……"
        prefix = "待核实（原文为约数）" if self.approx else "待核实"
        return f"{prefix}。原文：{text}" if text else prefix


@dataclass
class ActivityFact:
    """A meeting or activity: a count (召开…6次), or a named event's date (5月8日召开…会)."""

    kind: str
    """As written, or the campaign metric's kind when it is the same thing (专题读书班 → 读书班)."""
    count: Value | None = None
    date: Value | None = None
    participants: Value | None = None
    title: str | None = None


@dataclass
class TrainingFact:
    """举办…培训班N期，培训N人次."""

    title: str
    participants: Value | None = None
    sessions: Value | None = None
    audience: str | None = None
    """Who was trained, when the text names them next to the number (2名处级干部)."""


@dataclass
class Distributed:
    """发放/赠送…N册 (N件M册 when a 件 is a set of volumes)."""

    item: str
    count: Value
    measure: str
    volumes: Value | None = None


@dataclass
class OutreachFact:
    title: str
    sites: Value | None = None
    date: Value | None = None
    distributed: list[Distributed] = field(default_factory=list)


@dataclass
class ShishiItemFact:
    title: str
    status: str
    date: dt.date | None = None
    sentence: str = ""


@dataclass
class ShishiFacts:
    count: Value | None = None
    status: dict[str, Value] = field(default_factory=dict)
    items: list[ShishiItemFact] = field(default_factory=list)
    """From a 办实事 table; when present they are the list and ``count``/``status`` are dropped."""


@dataclass
class ProblemFact:
    problem: str
    status: str
    category: str | None = None
    measure: str | None = None
    deadline: dt.date | None = None


@dataclass
class RectificationFact:
    source: str
    measure: str = "个"
    count: Value | None = None
    status: dict[str, Value] = field(default_factory=dict)
    items: list[ProblemFact] = field(default_factory=list)
    note: str | None = None
    """Why the status split is missing, e.g. the text says “除常态化外均已整改”."""
    while_researching: bool = False
    """Found while researching (调研中发现): no group unless the text gives a status."""


@dataclass
class Facts:
    """Everything proposed for one report, in the order the YAML lists it."""

    signed_by: str | None = None
    date: dt.date | None = None
    metrics: dict[str, Value] = field(default_factory=dict)
    activities: list[ActivityFact] = field(default_factory=list)
    trainings: list[TrainingFact] = field(default_factory=list)
    outreach: list[OutreachFact] = field(default_factory=list)
    shishi: ShishiFacts = field(default_factory=ShishiFacts)
    rectification: list[RectificationFact] = field(default_factory=list)

    def unconfirmed(self) -> list[str]:
        """Paths of every proposed value, for the ``待核实`` list that ``zongjie check`` reads."""
        paths = [f"metrics.{key}" for key in self.metrics]
        for i, a in enumerate(self.activities):
            paths += [
                f"activities[{i}].{k}" for k in ("count", "date", "participants") if getattr(a, k)
            ]
        for i, t in enumerate(self.trainings):
            paths += [f"trainings[{i}].{k}" for k in ("participants", "sessions") if getattr(t, k)]
        for i, o in enumerate(self.outreach):
            paths += [f"outreach[{i}].{k}" for k in ("date", "sites") if getattr(o, k)]
            paths += [f"outreach[{i}].distributed[{j}].count" for j in range(len(o.distributed))]
        if self.shishi.items:
            paths.append("shishi")
        else:
            paths += ["shishi_count"] if self.shishi.count else []
            paths += ["shishi_status"] if self.shishi.status else []
        for i, r in enumerate(self.rectification):
            if r.items:
                paths.append(f"rectification[{i}].items")
                continue
            paths += [f"rectification[{i}].count"] if r.count else []
            paths += [f"rectification[{i}].status"] if r.status else []
        return paths

    def count(self) -> int:
        """How many values were proposed: each count, date and status count, each table row,
        the signing unit and the date."""
        listed = len(self.shishi.items) + sum(len(r.items) for r in self.rectification)
        split = len(self.shishi.status) + sum(len(r.status) for r in self.rectification)
        paths = [p for p in self.unconfirmed() if not p.endswith(("items", "shishi", "status"))]
        return listed + split + len(paths) + bool(self.signed_by) + bool(self.date)
