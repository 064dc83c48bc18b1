"""Titles broken into lines as GB/T 9704-2012 (7.3.3) asks: words kept whole, lines balanced.

"回行时，要做到词意完整，排列对称，长短适宜，间距恰当，标题排列应当使用梯形或菱形。" A title is
cut into *groups* that a line never splits: jieba's words (with the 公文 words of ``words.txt``),
punctuation kept with its word, and the function words bound to what they belong to: 的/之
stays with the word before it, 关于/和/与/及/对 with the word after it, a number with its
unit (2021年, X市). Between groups, some places are better to break than others: after a 的
phrase, before 关于 or 和, around quotes; and some worse: inside a fixed phrase (``PHRASES``, or
the unit's name) or beside a one-character word. :func:`break_title` takes the fewest lines
that fit the measure and, among the ways to break them there, the one that balances their
lengths best, shaped as a trapezoid (each line no shorter than the one above) or a diamond
(longest in the middle), with the best break points.

An editor forces a break with ``<br>`` in the title (:data:`FORCED`); each forced line is then
broken on its own if it is still too long. The same rule serves every place a title is set: the
report PDF, a volume's cover and contents (``zongjie.pdf``), and the web page's title when it
is printed (``zongjie.site.print_titles``), each with its own measure.
"""

from __future__ import annotations

import functools
import itertools
import logging
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

FORCED = re.compile(r"<br\s*/?>", re.IGNORECASE)
"""How an editor forces a line break in a title (Markdown heading or data file)."""
PHRASES = ("习近平新时代|中国特色社会主义思想", "不忘初心、|牢记使命")
"""Fixed phrases: broken only where a ``|`` is, unless nothing else fits."""
ORGANS = ("党组", "党委", "党工委", "党总支", "党支部", "委员会", "有限公司", "有限责任公司")
"""The party body after a unit's name (市财政局党组): one name, best not broken."""
OPENING = set("“‘《（〔【〈「『([")
CLOSING = set("”’》）〕】〉」』)]、，。：；！？,.:;!?")
BEFORE = {"的", "之", "地", "等"}  # stay with the word before them
AFTER = {"关于", "和", "与", "及", "暨", "对", "在", "为", "第", "对于", "以及"}  # with the next
PREFERRED_AFTER = {"的", "之"}
PREFERRED_BEFORE = {"关于", "和", "与", "及", "暨", "以及", "对于"}
UNIT_SUFFIXES = set("年月日号届次批期个市县区乡镇村省")
PHRASE_SPLIT = 40.0  # a fixed phrase broken: worse than any imbalance
PHRASE_JOINT = 0.0  # a fixed phrase broken where it may be: like any other word boundary
EXTRA_LINE = 15.0  # one line more than the fewest that fit: only to keep a phrase whole


@dataclass(frozen=True)
class Measure:
    """How much of a title fits on one line: ``chars`` full-width characters."""

    chars: float

    @classmethod
    def of(cls, width_pt: float, font_pt: float) -> Measure:
        return cls(width_pt / font_pt)


@dataclass(frozen=True)
class TitleLine:
    groups: tuple[str, ...]
    """Word groups: a line never breaks inside one."""
    forced: bool = False
    """The editor forced the break before this line (``<br>``)."""

    @property
    def text(self) -> str:
        return "".join(self.groups)


@dataclass(frozen=True)
class Group:
    text: str
    width: float
    break_cost: float = 2.0
    """Cost of a line break right after this group (the last group's is never used)."""


MAX_LAYOUTS = 20_000
"""Line breaks tried per title at most (a real title has a few hundred)."""


def width(text: str) -> float:
    """Width in full-width characters: CJK and full-width punctuation 1, anything else 0.6 (a
    little more than the proportional digits and letters of the CJK fonts need)."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.6 for c in text)


def forced_lines(title: str) -> list[str]:
    """The lines an editor forced with ``<br>``, stripped."""
    return [part.strip() for part in FORCED.split(title)]


def plain(title: str) -> str:
    """The title without forced breaks: what the metadata, bookmarks and search show."""
    return "".join(forced_lines(title))


@functools.cache
def _tokenizer() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    for line in files("zongjie.typeset").joinpath("words.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, _, freq = line.rpartition(" ")
            tokenizer.add_word(word, int(freq))
    return tokenizer


def words(text: str) -> list[str]:
    """jieba's segmentation of ``text`` (with the 公文 words of ``words.txt``)."""
    return [w for w in _tokenizer().lcut(text, HMM=True) if w]


def groups(text: str, keep: Iterable[str] = ()) -> list[Group]:
    """``text`` cut into the groups a line never splits, each with the cost of breaking after
    it. ``keep``: names (the unit's) best not broken, like :data:`PHRASES`."""
    merged: list[str] = []
    last = ""
    for token in words(text):
        if merged and _joins(last, token):
            merged[-1] += token
        else:
            merged.append(token)
        last = token
    inside, joints = phrase_offsets(text, (*PHRASES, *keep))
    result: list[Group] = []
    end = 0
    for i, group in enumerate(merged):
        end += len(group)
        following = merged[i + 1] if i + 1 < len(merged) else ""
        cost = _cost(group, following)
        if end in joints:
            cost += PHRASE_JOINT
        elif end in inside:
            cost += PHRASE_SPLIT
        result.append(Group(group, width(group), cost))
    return result


def _joins(last: str, token: str) -> bool:
    """Whether ``token`` stays on the line of the token before it, ``last``."""
    if token[0] in CLOSING or token in BEFORE or last[-1] in OPENING or last in AFTER:
        return True
    return token[0] in UNIT_SUFFIXES and not _is_cjk(last[-1])  # 2021年度, X市


def _is_cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def phrase_offsets(text: str, phrases: Iterable[str]) -> tuple[set[int], set[int]]:
    """Offsets of ``text`` inside one of ``phrases``, and those where the phrase may break."""
    inside: set[int] = set()
    joints: set[int] = set()
    for phrase in phrases:
        whole = phrase.replace("|", "")
        if len(whole) < 2:
            continue
        cuts = list(itertools.accumulate(len(part) for part in phrase.split("|")))[:-1]
        for match in re.finditer(re.escape(whole), text):
            inside.update(range(match.start() + 1, match.end()))
            joints.update(match.start() + cut for cut in cuts)
    return inside, joints


def _cost(group: str, following: str) -> float:
    cost = 2.0
    if group.endswith(tuple(PREFERRED_AFTER)) or group[-1] in CLOSING:
        cost = 0.0
    if following.startswith(tuple(PREFERRED_BEFORE)) or (following and following[0] in OPENING):
        cost = min(cost, 0.5)
    if len(group) == 1 or len(following) == 1:
        cost += 4.0
    if following.startswith(ORGANS):
        cost += 8.0
    return cost


def break_title(
    title: str, measure: Measure, keep: Iterable[str] = (), indent: float = 0.0
) -> list[TitleLine]:
    """The lines of ``title`` for ``measure``; ``keep``: names best not broken (the unit's);
    ``indent``: width already taken on the first line (a contents entry's unit name)."""
    keep = tuple(keep)
    lines: list[TitleLine] = []
    for k, part in enumerate(p for p in forced_lines(title) if p):
        broken = _balanced(groups(part, keep), measure.chars, indent if k == 0 else 0.0)
        lines += [TitleLine(tuple(line), forced=k > 0 and i == 0) for i, line in enumerate(broken)]
    return lines or [TitleLine(())]


def _balanced(items: Sequence[Group], measure: float, indent: float) -> list[list[str]]:
    items = _fitting(items, measure)
    total = sum(g.width for g in items) + indent
    if total <= measure + 1e-6:
        return [[g.text for g in items]]
    fewest = _fewest_lines(items, measure, indent)
    if math.comb(len(items) - 1, fewest - 1) > MAX_LAYOUTS:
        # Far longer than any title (a name in Latin letters set as single characters): the
        # search would never end, and a greedy fill is as good as balance gets at that length.
        return _greedy(items, measure, indent)
    best: tuple[float, tuple[int, ...]] | None = None
    for lines in range(fewest, min(fewest + 2, len(items) + 1)):
        if math.comb(len(items) - 1, lines - 1) > MAX_LAYOUTS:
            break
        for cuts in itertools.combinations(range(1, len(items)), lines - 1):
            widths = _widths(items, cuts, indent)
            if any(
                w > measure + 1e-6 and b - a > 1
                for w, (a, b) in zip(widths, _spans(cuts, len(items)), strict=True)
            ):
                continue  # a group alone on its line may overflow: nothing can shorten it
            score = _score(items, cuts, widths, measure) + EXTRA_LINE * (lines - fewest)
            if best is None or score < best[0]:
                best = (score, cuts)
    if best is None:  # cannot happen: the greedy fill found ``fewest`` lines that fit
        return _greedy(items, measure, indent)
    bounds = (0, *best[1], len(items))
    return [[g.text for g in items[a:b]] for a, b in itertools.pairwise(bounds)]


def _fitting(items: Sequence[Group], measure: float) -> list[Group]:
    """Groups wider than a whole line (never in a real title) split into characters."""
    out: list[Group] = []
    for group in items:
        if group.width <= measure:
            out.append(group)
        else:
            out += [Group(c, width(c), 20.0) for c in group.text[:-1]]
            out.append(Group(group.text[-1], width(group.text[-1]), group.break_cost))
    return out


def _fewest_lines(items: Sequence[Group], measure: float, indent: float) -> int:
    lines, used, on_line = 1, indent, 0
    for group in items:
        if on_line and used + group.width > measure + 1e-6:
            lines, used, on_line = lines + 1, 0.0, 0
        used += group.width
        on_line += 1
    return lines


def _greedy(items: Sequence[Group], measure: float, indent: float) -> list[list[str]]:
    lines: list[list[str]] = [[]]
    used = indent
    for group in items:
        if lines[-1] and used + group.width > measure + 1e-6:
            lines.append([])
            used = 0.0
        lines[-1].append(group.text)
        used += group.width
    return lines


def _spans(cuts: tuple[int, ...], count: int) -> list[tuple[int, int]]:
    return list(itertools.pairwise((0, *cuts, count)))


def _widths(items: Sequence[Group], cuts: tuple[int, ...], indent: float) -> list[float]:
    bounds = (0, *cuts, len(items))
    widths = [sum(g.width for g in items[a:b]) for a, b in itertools.pairwise(bounds)]
    widths[0] += indent
    return widths


def _score(
    items: Sequence[Group], cuts: tuple[int, ...], widths: list[float], measure: float
) -> float:
    """Lower is better: lines of unequal length (relative to the measure), lines out of shape,
    and breaks in poor places."""
    mean = sum(widths) / len(widths)
    balance = 40.0 * sum(((w - mean) / measure) ** 2 for w in widths)
    breaks = sum(items[c - 1].break_cost for c in cuts)
    return balance + 10.0 * _shape(widths) / measure + 1.5 * breaks


def _shape(widths: list[float]) -> float:
    """How far the lines are from a trapezoid (widening downwards) or a diamond (widest in the
    middle): the total narrowing above the widest line, and widening below it."""
    if len(widths) < 2:
        return 0.0
    peak = max(range(1, len(widths)), key=lambda i: (widths[i], i))
    above = sum(max(0.0, widths[i] - widths[i + 1]) for i in range(peak))
    below = sum(max(0.0, widths[i + 1] - widths[i]) for i in range(peak, len(widths) - 1))
    return above + below
