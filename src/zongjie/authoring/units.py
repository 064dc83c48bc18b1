"""Which unit sent a report: matched from its title and 落款 against ``data/units.yml``.

The 落款 names the unit's party organisation (中共X市教育体育局党组), the title often its short
name (东城街道党工委…总结). A unit matches when its full or short name appears in either;
the longest match wins, and two different units matching equally well is no match.
For a unit that is not registered, :func:`suggest_unit` drafts the ``zongjie new unit`` line.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

from zongjie.data.models import ID_PATTERN, Unit

PARTY_PREFIX = re.compile(r"^(?:中共|中国共产党)")
PARTY_SUFFIX = re.compile(r"(?:机关)?(?:党组|党委|党工委|党总支|党支部|纪委|委员会|工作委员会)+$")
CAMPAIGN_WORDS = re.compile(r"(?:关于)?(?:党史|主题|党纪|学习|教育|开展|贯彻).*$")
KIND_WORDS = [
    ("学校", r"学校|中学|小学|大学|学院|幼儿园"),
    ("企业", r"公司|集团|银行|企业"),
    ("乡镇街道", r"街道|乡|镇"),
    ("区县", r"区委|县委|[区县]$"),
    ("群团", r"联合会|工会|妇联|团委|文联|科协|侨联|残联"),
    ("机关", r"局|委员会|办公室|厅|部|委$|院$"),
]


def _variants(text: str) -> list[str]:
    text = re.sub(r"\s", "", text)
    core = PARTY_SUFFIX.sub("", PARTY_PREFIX.sub("", text))
    return [t for t in dict.fromkeys([text, PARTY_PREFIX.sub("", text), core]) if t]


def match_unit(units: dict[str, Unit], *texts: str | None) -> Unit | None:
    """The registered unit named in ``texts`` (title, 落款), or ``None``."""
    best: list[tuple[int, Unit]] = []
    haystacks = [v for t in texts if t for v in _variants(t)]
    for unit in units.values():
        names = {n for name in (unit.name, unit.short_name) for n in _variants(name)}
        score = max((len(n) for n in names for h in haystacks if len(n) >= 2 and n in h), default=0)
        if score:
            best.append((score, unit))
    best.sort(key=lambda su: -su[0])
    if not best or (len(best) > 1 and best[1][0] == best[0][0] and best[1][1] != best[0][1]):
        return None
    return best[0][1]


@dataclass
class UnitSuggestion:
    name: str
    short_name: str
    kind: str
    uid: str

    def command(self, campaign: str) -> str:
        return (
            f"zongjie new unit {self.uid} --name {shlex.quote(self.name)} "
            f"--short-name {shlex.quote(self.short_name)} --kind {self.kind}"
        )


def suggest_unit(stem: str, title: str | None, signed_by: str | None) -> UnitSuggestion:
    """A ready ``zongjie new unit`` line for a report whose unit is not registered."""
    name = ""
    if signed_by:
        name = _variants(signed_by)[-1]
    if not name and title:
        name = CAMPAIGN_WORDS.sub("", PARTY_PREFIX.sub("", title)) or title
    name = name or stem
    short = re.sub(r"^[^市县区]{1,6}(?=[市县])", "", name)
    kind = next((k for k, pattern in KIND_WORDS if re.search(pattern, name)), "其他")
    uid = re.sub(r"^[\d_\-\s]+", "", stem.lower())
    uid = re.sub(r"[^a-z0-9-]+", "-", uid).strip("-")
    if not re.match(ID_PATTERN, uid or "-"):
        uid = "danwei-id"
    return UnitSuggestion(name, short or name, kind, uid)
