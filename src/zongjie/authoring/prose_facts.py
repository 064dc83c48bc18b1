"""Facts stated in a report's prose: every countable statement, put in the list it belongs to.

A sentence (up to 。！？； or a line end) is cut into clauses at ，：、. Each number with a
measure word (``6次``, ``两期``, ``1,200余人次``) is read in its clause, with the words around it
deciding what it counts:

- 问题 found by a 检视/查摆/反馈… verb opens a rectification group; later clauses of the same
  sentence give its status (已整改 N个, N个正在整改, 常态化, 已全部整改);
- 办实事/实事项目 opens the 办实事 count, later clauses its status split;
- 培训班…N期, a course counted in events (上了2次纪律培训课, 专题培训2场) and 培训…N人次 are a
  training, its people those of the clauses after it (参训的有A、B和C，共计260人);
  走访…N个/家/户 and 发放/赠送…N册/份 are outreach, unless the places are where a counted
  activity was held (深入6个营林区讲专题党课);
- N次/场/期/轮 of anything else is an activity, named as written and mapped to a campaign
  metric's kind when it is the same thing; a date before 召开…会 dates that meeting;
- a number next to the words of a metric without a list (调研课题, 案例剖析) is that metric.

Where the words before a number do not name what it counts, the clause's structure does
(:mod:`zongjie.authoring.clauses`, jieba's tagger): the object after a bare spoken verb (看了
2场警示教育片), after a verb that follows the count (先后4次召开…), or the activity of the
previous clause (…讲专题党课，共7次); a sentence's subject (理论学习中心组…) names its later
学习, a meeting that did work names itself (党委会议研究…5次). A name is never a rate (每月两次),
a book studied (集中学《条例》 is 集中学习) or what one of the counted was about (一次讲的是…).
A part after 其中 of another kind is counted too (集中学习12次，其中专题研讨6次). An event held
once (读书班, 竞赛, 动员会, 参观…) with no number is one, if no other sentence counts or dates it
and it is no means of research (通过召开座谈会等方式); items listed inside a paragraph are the
办实事 list when the sentences after them settle each one's status
(:mod:`zongjie.authoring.item_status`). Plans and requirements (下一步, 将, 每…至少, 力争) are
never read.

Numbers in quotes or titles (“4个方面”, 《…》), ordinals (第26个) and frequencies (每月一次)
are not counts; ``以上`` is a lower bound and proposes nothing; 约/余/多 values are proposed
with a note that they are approximate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zongjie.authoring.clauses import (
    MEETING_END,
    MEETING_WORK,
    bare_verb,
    is_plan,
    last_verb,
    meeting_named,
    predicate,
    shared_out,
    tagged,
)
from zongjie.authoring.facts import (
    ALL_DONE,
    ActivityFact,
    Distributed,
    Facts,
    OutreachFact,
    RectificationFact,
    ShishiItemFact,
    TrainingFact,
    Value,
    status_word,
)
from zongjie.authoring.item_status import assign, listed
from zongjie.cn_numbers import DATE, NUMBER, approximate, parse_date, parse_number
from zongjie.data.models import Campaign

SENTENCE_END = re.compile(r"[。！？!?；;\n]")
CLAUSE_END = re.compile(r"[，,：:、]")
MEASURES = (
    "人次|场次|大类|个人|个|件|项|次|期|场|轮|回|堂|人|名|册|本|份|户|家|张|套|篇|条|类|处|所|盒"
)
MENTION = re.compile(rf"(?P<num>{NUMBER})\s*(?P<more>余|多)?\s*(?P<measure>{MEASURES})")
QUOTED = re.compile(r"“[^”]*”|《[^》]*》|\"[^\"]*\"|「[^」]*」|‘[^’]*’")
ACTIVITY_MEASURES = {"次", "场", "期", "轮", "回", "堂", "场次"}
PEOPLE = {"人", "人次", "名", "个人"}
SITE_MEASURES = {"个", "家", "户", "处", "所"}
COPY_MEASURES = {"册", "本", "份", "件", "张", "套", "盒"}
PROBLEM_MEASURES = {"个", "条", "项", "类", "大类"}

VERBS = re.compile(r"召开|开展|举办|举行|组织|讲授|讲|上|作|进行|参加|接受|邀请.{0,10}?作")
CONTENT_VERBS = re.compile(r"观看|收看|旁听|参观|聆听")
FIND = re.compile(r"检视|查摆|查找|查改|梳理|发现|反馈|剖析|自查|查出|找出|找到|征集|列出|交办")
SITE_VERBS = re.compile(r"走访|深入|慰问|看望|入户|走到|走遍")
GIVE_VERBS = re.compile(r"发了|发放|赠送|捐赠|分发|送去|送出|赠阅|配发|印发|发送|捐献")
TRAINING = re.compile(r"培训|轮训|研讨班")
TRAINING_NOUN = re.compile(r"(?:培训|轮训)(?:课|班|会)?")
"""The noun of a course taught: 上了2次纪律培训课 and 开展专题培训2场 are a training's sessions."""
SHISHI = re.compile(r"办实事|实事(?!求是)")
PARTICIPATE = re.compile(
    r"参加|参与|参训|受教育|受众|覆盖|参赛|参会|参学|到场|观众|听|来了|去了|服务"
)
FILLERS = re.compile(
    r"^(?:全年|今年|年内|期间|其间|一共|共计|共有|累计|合计|总计|先后|前后|分别|共|各|达|计|了|等)+"
    r"|(?:一共|共计|累计|合计|共|各|了|等|达)+$"
)
ORGANS = ("常委会", "党工委", "党总支", "党组", "党委", "支委会")
ORG_WORDS = (
    "班子|党组|党委|支部|党组织|常委会|领导|党工委|党总支|委员会|成员|单位|机关"
    "|局|集团|公司|学校|医院"
)
ORG_SUFFIX = re.compile(rf"({ORG_WORDS})$")
ORG_HEAD = re.compile(rf"^(.{{0,12}}(?:{ORG_WORDS}))")
MEETINGS = re.compile(r"专题民主生活会|民主生活会|组织生活会|巡视|巡察|巡回指导|督导|专项检查")
SUBJECT_CUT = re.compile(
    r"一共|共|先后|累计|通过|在|对照|围绕|结合|认真|深入|全面|分别|从|采取|经|按照"
)
PREFIXES = re.compile(r"^(?:此外|同时|另外|其中|并|还|目前|截至目前|截止目前|会上|会前|会后|会中)+")
DATED_MEETING = re.compile(
    r"(?:[上下]午|晚上?)?[，,]?(?P<pre>[^。；！？，,]{0,24}?)"
    r"(?:(?:召开|举行|举办|开了)(?P<name>[^，。；、]{2,30}?(?:会议|大会|会))"
    r"|(?P<name2>[^，。；、]{2,30}?(?:会议|大会|会))(?:召开|举行))"
)


TRIPS = re.compile(r"调研$|走访$")
"""Trips made (调研40余次) are no activity held: a campaign counts 调研 by its topics."""
RATE = re.compile(r"每[^，]{0,4}$|每[户人名位个][^，]{0,8}$")
"""每月一次, 给每户发了…1本: a rate, not a count."""
CIRCUMSTANCE = ("t", "tg", "f", "s", "r", "m", "mq", "q")
"""Parts of speech of a time, place, pronoun or number: a clause ending in one names no
activity (赶上检修就挪到晚上)."""
LIGHT_VERB = re.compile(r"(?<=..)(?:开展|进行|组织|展开)(?=..)")
"""A verb with no meaning of its own inside a name: 逐章开展学习 is 逐章学习."""
RATE_PREFIX = re.compile(rf"^每[^，,]{{0,3}}?(?:{NUMBER})\s*(?:次|场|期|回|轮)")
LOWER_BOUND = re.compile(r"(?:不止|不下|不少于)\s*$")
COMPARED = re.compile(r"(?<![评对])比(?![赛较])[^，,]{0,10}$")
TOPIC = re.compile(r"(?:研究|部署|学习|讨论|审议)[^，。]*(?:教育|工作|事项|精神)$")
"""A predicate that is a meeting's subject matter (研究党史学习教育), not an activity."""
BODY = re.compile(r"(?:委员会|党委|党组|总支|支部|支委|常委会|党工委)$")
"""A body that meets: 开了3回 by it is its meeting."""
LISTED_ITEM = re.compile(
    r"^(?:\d+[.．、]|[（(]\d+[)）])?\s*(?P<title>[^—：:]{2,60}?)\s*(?:——|--|：|:)"
    r"\s*(?P<status>[^；;。]{1,12})[；;。]?$"
)
"""One listed item with its status: 1.改造学生公寓热水系统——已完成；"""
AGENT = re.compile(r"(宣讲|讲解|报告)(?:员|团|队|人)")
"""Who talks names the talk: a 宣讲员 speaking on 党史 gives a 党史宣讲."""
RECTIFIED = re.compile(r"整改|改了|改好|改完|解决")
RESEARCHING = re.compile(r"调研中|调研时|调研发现|调研过程中")
"""Problems found while researching are a group only if the text says how they were fixed."""
ALSO = re.compile(r"也(?:跟着|照着|一起|都)?[^，。]{0,2}$")
"""A clause doing 也 (also) what was just done, without saying what."""
ONE_OFF = re.compile(
    r"(?P<head>读书班|现场教学|参观学习)$|(?:竞赛|比赛|测试|测验|知识答题|参观)$"
    r"|(?:动员|部署|推进|总结|座谈|交流|报告|分享|汇报|生活|警示教育)(?:大)?会(?:议)?$"
)
"""Events held once, whether or not the campaign counts them: 举办为期五天的…读书班, 组织开展
纪法知识测试, 开了动员会 with no number are one each."""
HOLD = re.compile(r"举办|举行|召开|开了|开展|组织|进行|到[^，、]{2,16}?(?=参观)")
"""Verbs of a single event: 举办…读书班 without a number is one 读书班."""
MEANS = re.compile(r"通过[^。；]{0,30}(?:等方式|等形式)|征求意见|听取意见")
"""A sentence where an event is the means of research or of hearing views, not an activity."""
VISIT = re.compile(r"参观([^，、。；]{2,12})$")
"""参观 with what was visited names the visit: 组织党员参观廉政教育馆."""


@dataclass
class Mention:
    value: int
    measure: str
    start: int
    end: int
    approx: bool


def mentions(clause: str) -> list[Mention]:
    """Counts in a clause, leaving out quoted names, ordinals, frequencies and lower bounds."""
    visible = QUOTED.sub(lambda m: "\x00" * len(m.group(0)), clause)
    found = []
    for m in MENTION.finditer(visible):
        before, after = visible[: m.start()], visible[m.end() :]
        if before.endswith(("第", "每")) or re.search(
            r"每[^，]{0,4}$|每[户人名位个][^，]{0,8}$", before
        ):
            continue
        if m.group("measure") == "次" and after.startswith("性"):
            continue
        if LOWER_BOUND.search(before):
            continue
        if m.group("num")[-1].isdigit() and before[-1:].isdigit():
            continue
        value = parse_number(m.group("num"))
        approx = approximate(before, after)
        if approx is not None and m.group("more"):
            approx = True
        if value is None or approx is None or value == 0:
            continue
        found.append(Mention(value, m.group("measure"), m.start(), m.end(), approx))
    return found


def counts_events(before: str, after: str) -> bool:
    """Whether a count of 次/场/回 in a clause counts events held. Not: a comparison (比听十回
    报告), one of several told apart (一次在乡机关，一次在…), or a count that modifies the noun
    after it, words but no verb before it (老旧小区二次供水改造; a list's 、2次中心组学习 is
    a count)."""
    if COMPARED.search(before):
        return False
    if not clean(before) and after.startswith(("在", "是", "到", "去", "由")):
        return False
    if (
        not clean(before)
        or not after
        or after.startswith(("（", "("))
        or VERBS.match(after)
        or MEETING_WORK.match(after)
    ):
        return True
    return last_verb(before) is not None or bool(
        VERBS.search(before) or CONTENT_VERBS.search(before)
    )


STUDY_VERB = re.compile(r"(?:学习?|研读|研学|读)了?\s*$")


def studied(head: str) -> str:
    """The study a clause ending in a spoken study verb names (集中学 → 集中学习, 逐章学 →
    逐章学习, 学了 → 学习), or '' when ``head`` does not end in one. The word before the verb
    qualifies the study when the tagger reads it as a verb or an adverb, not as a noun or a
    time (班子成员学, 每周一上午学)."""
    verb = STUDY_VERB.search(head)
    if verb is None:
        return ""
    words = tagged(head[: verb.start()] + "学")
    word = words[-1][0]
    if len(word) > 1:  # 逐章学: one word with the verb
        return word[:-1][-2:] + "学习"
    if len(words) >= 2 and words[-2][1] in ("v", "d", "ad", "vd", "l") and len(words[-2][0]) == 2:
        return words[-2][0] + "学习"
    return "学习"


def clean(text: str) -> str:
    text = re.sub(r"[“”\"《》「」‘’]", "", text).strip(" \u3000")
    text = re.sub(r"[（(][^）)]*[）)]$", "", text)
    text = RATE_PREFIX.sub("", FILLERS.sub("", text).strip())  # 每月两次集中学习: 集中学习
    return text.strip()


def subject(sentence: str, upto: int) -> str:
    """The organisation a sentence is about (领导班子, 党支部…), or '' when none is named."""
    clauses = re.split(r"[，,：:]", sentence[:upto])
    for clause in reversed(clauses):
        clause = PREFIXES.sub("", clause.strip())
        if clause.startswith(("对照", "按照", "根据", "通过", "以")):
            continue
        cut = SUBJECT_CUT.search(clause, 2)
        head = clause[: cut.start()] if cut else clause
        head = FIND.split(head)[0]
        if len(head) >= 2 and ORG_SUFFIX.search(head):
            return head
        if named := ORG_HEAD.match(head):  # 支部班子自己查: the organisation opens the clause
            return named.group(1)
    return ""


class ProseReader:
    """Reads a report's paragraphs into :class:`Facts` (one reader per report)."""

    def __init__(self, campaign: Campaign):
        self.campaign = campaign
        self.facts = Facts()
        kinds = {m.derive.kind for m in campaign.metrics if m.derive and m.derive.kind}
        self.kinds = sorted(kinds, key=len, reverse=True)
        self.plain_metrics = [m for m in campaign.metrics if m.derive is None]

    def read(self, paragraphs: list[str]) -> Facts:
        self.held: list[ActivityFact] = []
        for paragraph in paragraphs:
            self.paragraph_outreach: OutreachFact | None = None
            self.shishi_next = False
            self.paragraph_group: RectificationFact | None = None
            self.group_next = False
            text = paragraph.replace("**", "")
            for sentence in SENTENCE_END.split(text):
                if sentence.strip() and not is_plan(sentence):
                    self.sentence(sentence.strip())
            self.shishi_items(text)
        self.listed_shishi(paragraphs)
        self.facts.rectification = [
            g for g in self.facts.rectification if g.status or not g.while_researching
        ]
        counted = {a.kind for a in self.facts.activities if a.count is not None}
        dated = [a.kind for a in self.facts.activities if a.date is not None]
        for held in self.held:
            if any(held.kind in d or d in held.kind for d in dated):
                continue  # the meeting another sentence dates
            if held.kind not in counted:  # 举办…读书班 with no number anywhere: one
                counted.add(held.kind)
                self.facts.activities.append(held)
        return self.facts

    # -- sentences ----------------------------------------------------------------

    def sentence(self, sentence: str) -> None:
        # 查出问题4个：（1）…；（4）…。其中3个已整改: the parts of the paragraph's group
        whole = self.paragraph_group
        parts = sentence.startswith("其中") or (self.group_next and RECTIFIED.search(sentence))
        group = whole if parts and whole and not whole.status else None
        self.group_next = False
        # 定了实事10件。现在办完了8件…: the next sentence may give the split of the count
        shishi_open = self.shishi_next and not self.facts.shishi.status
        shishi = shishi_open or bool(SHISHI.search(sentence))
        self.shishi_next = False
        training: TrainingFact | None = None
        outreach: OutreachFact | None = None
        verb_site = verb_give = False
        # a meeting dated but not counted is what the people of its sentence attended
        activity = self.dated_meetings(sentence)
        self.previous: list[str] = []
        pos, prior, run = 0, "", 0
        for part in re.split(r"(?<=[，：:、])|(?<=,)(?!\d{3})", sentence):
            clause, start = part.rstrip("，,：:、"), pos
            pos += len(part)
            if not start or sentence[start - 1] != "、":
                run = start  # a list joined by 、 is one phrase: 参训的有干部、网格员和党员
            self.prior, prior = prior, sentence[run : start + len(clause)]
            listing = sentence[run : start + len(clause)]
            found = mentions(clause)
            if not any(m.measure in ACTIVITY_MEASURES for m in found):
                self.previous.append(clause)  # 22个村都组织了逐章学习，共开展132次
            if not found:
                activity = self.single_event(sentence, clause, activity) or activity
            separator = sentence[start - 1] if start else ""
            if separator != "、":
                verb_site = False  # a list of items given out may run on past a comma
            verb_site = verb_site or bool(SITE_VERBS.search(clause))
            verb_give = verb_give or bool(GIVE_VERBS.search(clause))
            # rectification: a group, then its status
            if "问题" in clause or group is not None:
                handled, group = self.rectification(sentence, start, clause, found, group)
                self.paragraph_group = group or self.paragraph_group
                # 检视出问题9个。到11月底，已经整改了7个…: the next sentence may split it
                self.group_next = group is not None and not group.status
                if handled:
                    continue
            if shishi and (shishi_open or SHISHI.search(sentence[: start + len(clause)])):
                handled, shishi_open = self.shishi(sentence, clause, found, shishi_open)
                split = self.facts.shishi.count is not None and not self.facts.shishi.status
                self.shishi_next = shishi_open and split
                if handled:
                    continue
            # a course's sessions first, so the people in the same clause join it
            for m in sorted(found, key=lambda f: (not self.sessions(clause, f), f.start)):
                text = clause[: m.start]
                if (
                    (TRAINING.search(clause) or self.course_before(clause, m))
                    and "读书班" not in clause
                    and (self.sessions(clause, m) or m.measure in PEOPLE)
                ):
                    training = self.training(sentence, clause, m, training)
                    activity = None  # the people of the clauses after attended the course
                elif (
                    m.measure in PEOPLE
                    and training is not None
                    and (re.search(r"培训|参训", listing) or self.attended(clause, m))
                ):
                    training.participants = Value(m.value, sentence, m.approx)
                elif (
                    (m.measure in SITE_MEASURES and verb_site and m.measure != "个")
                    or (m.measure == "个" and verb_site and not self.metric_words(clause))
                ) and not any(k in clause[m.end :] for k in self.kinds):
                    # 深入6个营林区讲专题党课: the places of a counted activity, no visits
                    outreach = self.site(sentence, clause, m)
                elif m.measure in COPY_MEASURES and verb_give:
                    outreach = self.distributed(sentence, clause, m, outreach)
                elif self.metric(sentence, clause, m):
                    pass
                elif m.measure in ACTIVITY_MEASURES and not text.lstrip().startswith("其中"):
                    activity = self.activity(sentence, clause, m, sentence[:start])
                elif m.measure in ACTIVITY_MEASURES and activity is not None:
                    activity = self.part(sentence, clause, m, activity) or activity
                elif m.measure in PEOPLE and activity is not None and self.attended(clause, m):
                    activity.participants = Value(m.value, sentence, m.approx)

    @staticmethod
    def sessions(clause: str, m: Mention) -> bool:
        """Whether ``m`` counts a course's sessions: 期, or a count of events whose noun is a
        course (2次纪律培训课, 专题培训2场, 一堂…培训课)."""
        if m.measure == "期":
            return True
        if m.measure not in ACTIVITY_MEASURES:
            return False
        noun_after = re.match(r"[^，,。；;、]{0,10}?" + TRAINING_NOUN.pattern, clause[m.end :])
        noun_before = re.search(TRAINING_NOUN.pattern + r"\s*$", clause[: m.start])
        return bool(noun_after or noun_before)

    def course_before(self, clause: str, m: Mention) -> bool:
        """Whether a bare count of 期 counts the previous clause's course (办了…培训班，共2期)."""
        alone = m.measure == "期" and not clean(clause[: m.start])
        return alone and bool(TRAINING.search(self.prior)) and "读书班" not in self.prior

    def attended(self, clause: str, m: Mention) -> bool:
        """Whether the people counted attended: a verb of taking part in the clause, or in the
        clause before when the count stands alone (都来了，一共95人)."""
        if PARTICIPATE.search(clause):
            return True
        alone = not clean(clause[: m.start]) and not clause[m.end :].strip()
        return alone and bool(PARTICIPATE.search(self.prior))

    # -- rectification ------------------------------------------------------------

    def rectification(
        self,
        sentence: str,
        start: int,
        clause: str,
        found: list[Mention],
        group: RectificationFact | None,
    ) -> tuple[bool, RectificationFact | None]:
        problem = [m for m in found if m.measure in PROBLEM_MEASURES]
        opens = next(
            (
                m
                for m in problem
                if re.search(r"问题\s*(?:一共|共计?|合计|约|近|达)*\s*$", clause[: m.start])
                or re.match(r"\s*(?:大类|个方面)?问题", clause[m.end :])
            ),
            None,
        )
        finder = FIND.search(clause) or (opens and opens.measure.endswith("类"))
        if opens is not None and (finder or re.search(r"反馈的\s*$", clause[: opens.start])):
            measure = "类" if opens.measure.endswith("类") else "个"
            group = RectificationFact(
                self.problem_source(sentence, start + opens.start),
                measure,
                Value(opens.value, sentence, opens.approx),
            )
            group.while_researching = bool(RESEARCHING.search(clause))
            self.facts.rectification.append(group)
            after = clause[opens.end :]
            if ALL_DONE.search(after) and "除" not in after:
                group.status["已整改"] = Value(opens.value, sentence)
            return True, group
        if group is None:
            return False, None
        if not problem and ALL_DONE.search(clause):
            if "除" in clause:
                group.note = "原文：" + clause.strip()
            elif group.count is not None:
                group.status["已整改"] = Value(group.count.value, sentence)
            return True, group
        status = status_word(clause, "rectification") if problem else None
        if status and group.count is not None:
            old = group.status.get(status)
            total = problem[0].value + (old.number if old else 0)
            group.status[status] = Value(total, sentence, problem[0].approx)
            if sum(v.number for v in group.status.values()) > group.count.number:
                group.status.clear()  # the parts add up to more than the whole: propose none
            return True, group
        return False, group

    def problem_source(self, sentence: str, at: int) -> str:
        before = sentence[:at]
        if found := re.findall(r"对([^，。；]{2,40}?)反馈的(?:[^，。；]{0,4}问题|\s*$)", before):
            return clean(found[-1]) + "反馈"
        if m := re.search(r"([^，。、]{2,12}?)反馈(?:的)?问题\s*$", before):
            return clean(PREFIXES.sub("", m.group(1))) + "反馈"
        who = subject(sentence, at)
        if who:
            return clean(who)
        meeting = MEETINGS.search(sentence)
        return meeting.group(0) if meeting else "检视问题"

    # -- 办实事 --------------------------------------------------------------------

    def shishi(
        self, sentence: str, clause: str, found: list[Mention], opened: bool
    ) -> tuple[bool, bool]:
        items = [m for m in found if m.measure in ("件", "项", "个", "次", "条")]
        facts = self.facts.shishi
        if not opened:
            if not items:
                return False, False
            facts.count = Value(items[0].value, sentence, items[0].approx)
            facts.status.clear()
            rest = clause[items[0].end :]
            if ALL_DONE.search(rest):
                facts.status["已完成"] = Value(items[0].value, sentence)
            return True, True
        if not items:
            if ALL_DONE.search(clause) and facts.count is not None:
                facts.status["已完成"] = Value(facts.count.value, sentence)
                return True, True
            return False, True
        status = status_word(clause, "shishi")
        if status is None:
            return False, True
        old = facts.status.get(status)
        facts.status[status] = Value(items[0].value + (old.number if old else 0), sentence)
        return True, True

    # -- trainings and outreach ----------------------------------------------------

    def training(
        self, sentence: str, clause: str, m: Mention, current: TrainingFact | None
    ) -> TrainingFact:
        value = Value(m.value, sentence, m.approx)
        if self.sessions(clause, m):
            title_match = (
                re.search(r"“([^”]+班)”", clause)
                or re.search(r"(?:举办|开展|组织|参加了?)([^，]*?(?:班|培训)(?!班))", clause)
                or re.match(
                    r"\s*([^，,。；;、]{0,10}?" + TRAINING_NOUN.pattern + ")", clause[m.end :]
                )
            )
            title = clean(title_match.group(1)) if title_match else "培训"
            current = TrainingFact(title or "培训", sessions=value)
            people = [p for p in mentions(clause) if p.measure in PEOPLE and p.start < m.start]
            if people:
                current.participants = Value(people[0].value, sentence, people[0].approx)
                audience = clause[people[0].end : m.start]
                audience = re.split(r"分别|参加|共|均", audience)[0].strip()
                current.audience = audience or None
            self.facts.trainings.append(current)
            return current
        read = current.participants if current is not None else None
        if (
            current is not None
            and read is not None
            and (read.value, read.sentence) == (m.value, sentence)
        ):
            return current  # the 2名 of “2名处级干部参加了1期…”, already read with the 期
        if current is None or current.participants is not None:
            current = TrainingFact("培训")
            self.facts.trainings.append(current)
        current.participants = value
        return current

    def site(self, sentence: str, clause: str, m: Mention) -> OutreachFact:
        named = [q for q in re.findall(r"“([^”]{2,40})”", sentence) if "活动" in q]
        verb = SITE_VERBS.search(clause)
        title = clean(clause[verb.start() : m.start]) if verb else clean(clause[: m.start])
        if named:
            title = clean(named[0])
        outreach = OutreachFact(title or "走访", sites=Value(m.value, sentence, m.approx))
        self.facts.outreach.append(outreach)
        self.paragraph_outreach = outreach
        return outreach

    def distributed(
        self, sentence: str, clause: str, m: Mention, outreach: OutreachFact | None
    ) -> OutreachFact | None:
        target = outreach or self.paragraph_outreach
        give = GIVE_VERBS.search(clause)
        start = max(
            [give.end() if give else 0] + [p.end for p in mentions(clause) if p.end <= m.start]
        )
        item = clean(clause[start : m.start])
        if target is not None and target.distributed and not item:
            last = target.distributed[-1]
            if m.measure == "册" and last.measure != "册" and last.volumes is None:
                last.volumes = Value(m.value, sentence, m.approx)  # 95件7600册
                return target
        if target is None:
            target = OutreachFact(clean(clause[: m.start]) or "赠送书刊资料")
            self.facts.outreach.append(target)
            self.paragraph_outreach = target
        target.distributed.append(
            Distributed(item or "资料", Value(m.value, sentence, m.approx), m.measure)
        )
        return target

    # -- metrics and activities ------------------------------------------------------

    def metric_words(self, clause: str) -> bool:
        return any(self._names_metric(clause, m.label) for m in self.plain_metrics)

    @staticmethod
    def _names_metric(clause: str, label: str) -> bool:
        words = [label[i : i + 2] for i in range(0, len(label), 2)]
        return all(w in clause for w in words)

    @staticmethod
    def _counted_noun(sentence: str, before: str, after: str, label: str) -> bool:
        """剖析了2个典型案例, 典型案例2个，组织…开展案例剖析, 围绕…两个课题开展调研: a word of
        ``label`` names what is counted (just after the count, with at most eight characters
        that describe it and no verb between, or just before it), and its other words stand in the
        sentence."""
        words = [label[i : i + 2] for i in range(0, len(label), 2)]

        def describes(w: str) -> bool:  # 2个反面典型案例, not 三个方面确定调研课题
            at = after.find(w)
            between = after[:at]
            return 0 <= at <= 8 and last_verb(between) is None and "方面" not in between

        noun = next((w for w in words if describes(w) or clean(before).endswith(w)), None)
        return noun is not None and all(w in sentence for w in words if w != noun)

    def metric(self, sentence: str, clause: str, m: Mention) -> bool:
        """A metric's count: after its words (调研课题4个), between its verb and its noun (剖析了
        2个典型案例), or alone after the clause that names it (确定调研课题，共12个)."""
        before, after = clause[: m.start], clause[m.end :]
        alone = not clean(before) and not after.strip()
        for metric in self.plain_metrics:
            named = (
                self._names_metric(before, metric.label)
                or self._counted_noun(sentence, before, after, metric.label)
                or (alone and self._names_metric(self.prior, metric.label))
            )
            if m.measure == metric.measure and named:
                if metric.id not in self.facts.metrics:
                    self.facts.metrics[metric.id] = Value(m.value, sentence, m.approx)
                return True
        return False

    def framed(self, before: str, after: str, earlier: str = "") -> str | None:
        """The activity a count refers to, read from the clause's structure: the object after a
        bare spoken verb (看了2场警示教育片), after the verb that follows the count (先后4次召开
        党委会议), or the previous clause's (讲专题党课，共7次; …，合计讲授3次: a reporting verb
        alone names nothing); ``None`` when the words before the count name it themselves."""
        bare_after = not after or after.startswith(("（", "("))
        if bare_after and (not clean(before) or VERBS.fullmatch(clean(before))):
            return self.referred()
        verb = bare_verb(before)
        if verb is not None:
            if bare_after:  # 到基地看了1回 with nothing it refers to names no activity: ''
                met = self.body_met(before[verb[0] : verb[1]], earlier)
                named = any(k in before for k in self.kinds) or "中心组" in before
                return self.referred() or met or (None if named else "")
            if re.fullmatch(r"会议?", after):  # 支部委员会开了4次会
                who = clean(PREFIXES.sub("", before[: verb[0]])) or clean(
                    subject(earlier, len(earlier))
                )
                return f"{who}会议" if who else None
            return after
        body = clean(PREFIXES.sub("", before.strip()))
        if MEETING_WORK.match(after) and BODY.search(body):
            return f"{body}会议"  # 支部委员会4次研究…: the body met
        follows = VERBS.match(after)
        if follows and last_verb(before) is None:
            return meeting_named(after[follows.end() :])
        return None

    @staticmethod
    def body_met(verb: str, earlier: str) -> str | None:
        """The meeting of the body the sentence opens with, when a bare 开了 counts (党总支委员会
        研究…，开了3回)."""
        who = subject(earlier, len(earlier)) if verb.rstrip("了过") == "开" else ""
        return f"{clean(who)}会议" if who and BODY.search(who) else None

    def referred(self) -> str | None:
        """The activity of the latest clause without a count, which a bare count refers back to
        (…讲专题党课，共7次); used once."""
        while self.previous:
            clause = self.previous.pop()
            plain = LIGHT_VERB.sub("", clause)
            if named := next((k for k in self.kinds if k in clause or k in plain), None):
                self.previous.clear()  # the campaign's kind, its verb included (逐章学习《条例》)
                return named
            phrase = predicate(clause)
            if len(clean(phrase)) < 2 and ALSO.search(clause) and self.facts.activities:
                self.previous.clear()  # 3个党支部也跟着学: the same activity as the one before
                return self.facts.activities[-1].kind
            if len(clean(phrase)) < 2 or TOPIC.search(clause):
                continue  # 专题研究党史学习教育 says what a meeting was about, not what was held
            if tagged(phrase)[-1][1] in CIRCUMSTANCE:
                continue  # 就挪到晚上: when or where, not what
            self.previous.clear()
            agent = AGENT.search(phrase)  # 宣讲员…讲党史: a 党史宣讲
            talk = agent.group(1) if agent else ""
            if quoted := QUOTED.search(phrase):  # a quoted name keeps the verbs inside it
                if study := studied(clause[: clause.find(quoted.group(0))]):
                    return study  # 集中学《条例》: the title is what was studied, not the event
                return clean(phrase[quoted.start() :]) + talk
            verb = last_verb(phrase)
            tail = clean(phrase[verb[1] :]) if verb else ""
            if talk and len(tail) >= 2 and agent and verb and agent.end() <= verb[0]:
                return tail + talk
            return tail if len(tail) >= 2 else phrase
        return None

    def single_event(
        self, sentence: str, clause: str, dated: ActivityFact | None
    ) -> ActivityFact | None:
        """An event held once and not counted (举办…读书班, 开了动员会, 组织…参观): one, if the
        report counts it nowhere else; returned so that the people of its sentence attend it.
        A meeting the sentence dates is that dated meeting, not a second one."""
        holds = list(HOLD.finditer(clause))
        if not holds:
            return None
        named = clean(clause[holds[-1].end() :])
        visit = VISIT.search(named)
        event = ONE_OFF.search(named) or visit
        if event is None or len(named) < 2:
            return None
        kind = next((k for k in self.kinds if named.endswith(k)), None)
        if kind is None and event.re is ONE_OFF and event.group("head"):
            kind = event.group("head")  # 为期四天的科级干部党史读书班: one 读书班
        if kind is None:
            kind = "参观" + visit.group(1) if visit and not ONE_OFF.search(named) else named
            if kind == "参观" and holds[-1].group(0).startswith("到"):
                kind += holds[-1].group(0)[1:]  # 到市廉政教育馆参观: the visit names its place
            kind = re.sub(r"^(?:全[区县市局省镇乡村系统]+|系统)", "", kind)
            kind = self.kind(kind, "") or kind
        if dated is not None and any(dated.kind in n or n in dated.kind for n in (kind, named)):
            return None
        if MEANS.search(sentence):
            return None  # 通过召开座谈会等方式征求意见: a way of doing something else
        held = ActivityFact(kind, count=Value(1, sentence))
        self.held.append(held)
        return held

    def listed_shishi(self, paragraphs: list[str]) -> None:
        """办实事 items one a paragraph after the paragraph announcing them (…办实事项目及进展如下：
        / 1.改造…——已完成；), each with its status; not when the announcement counts other than
        the items listed."""
        for i, intro in enumerate(paragraphs):
            if self.facts.shishi.items or not SHISHI.search(intro):
                continue
            if not intro.rstrip().endswith(("：", ":")):
                continue
            items = []
            for line in paragraphs[i + 1 :]:
                found = LISTED_ITEM.match(line.strip())
                status = status_word(found.group("status"), "shishi") if found else None
                if found is None or status is None:
                    break
                items.append(ShishiItemFact(clean(found.group("title")), status, sentence=line))
            stated = [m for m in mentions(intro) if m.measure in ("件", "项", "条", "个")]
            if len(items) >= 2 and all(m.value == len(items) for m in stated):
                self.facts.shishi.items = items
                self.facts.shishi.count, self.facts.shishi.status = None, {}

    def shishi_items(self, paragraph: str) -> None:
        """办实事 items listed inside a paragraph (…办了三件实事：（1）…；（2）…, 分别是A、B), when
        the sentences after them settle each one's status and any count the opening gives is
        theirs (:mod:`zongjie.authoring.item_status`)."""
        opened = re.search(r"实事[^。：:，,]{0,8}[：:，,]", paragraph)
        if opened is None or self.facts.shishi.items:
            return
        items, end = listed(paragraph[opened.end() :])
        if not items:
            return
        statuses = assign(items, paragraph[opened.end() + end :])
        if statuses is None:
            return
        stated = [m for m in mentions(paragraph[: opened.end()]) if m.measure in ("件", "项")]
        if any(m.value != len(items) for m in stated[-1:]):
            return
        sentence = paragraph[: opened.end() + end].strip()
        self.facts.shishi.items = [
            ShishiItemFact(clean(item), status, sentence=sentence)
            for item, status in zip(items, statuses, strict=True)
        ]
        self.facts.shishi.count, self.facts.shishi.status = None, {}

    def activity(
        self, sentence: str, clause: str, m: Mention, earlier: str = ""
    ) -> ActivityFact | None:
        before, after = clause[: m.start], clause[m.end :].strip()
        if not counts_events(before, after):
            return None
        if (framed := self.framed(before, after, earlier)) is not None:
            written = clean(framed)
            kind = self.kind(written, before, earlier)
            if not kind:
                return None
            title = written if kind != written and written else None
            return self.counted(kind, title, sentence, earlier + before, m)
        masked = QUOTED.sub(lambda q: "\x00" * len(q.group(0)), before)
        verbs = list(VERBS.finditer(masked))
        # the last verb that leaves a name after it (讲 in 巡回宣讲 is part of the name)
        ends = [v.end() for v in verbs if len(clean(before[v.end() :])) >= 2]
        phrase = before[ends[-1] :] if ends else before
        title = None
        rest = before[verbs[-1].end() :] if verbs else before
        named_after = not clean(CONTENT_VERBS.sub("", rest))
        if after and not after.startswith(("（", "(")) and named_after:
            phrase = after  # 召开2次党组会议
            if content := CONTENT_VERBS.search(before):
                phrase = content.group(0) + phrase
        elif note := re.match(r"[（(]([^）)]+)[）)]", after):
            title = note.group(1)
        if content := CONTENT_VERBS.search(phrase):
            phrase = phrase[content.start() :]
        written = clean(phrase)
        kind = self.kind(written, before, earlier)
        if not kind:
            return None
        if kind != written and written and not title:
            title = written
        return self.counted(kind, title, sentence, earlier + before, m)

    def part(
        self, sentence: str, clause: str, m: Mention, whole: ActivityFact
    ) -> ActivityFact | None:
        """集中学习12次，其中专题研讨6次: a part that is an activity of another kind is counted
        as that kind too; a part of the same kind (其中集中学习3次 of 集中学习) is not."""
        before = clause[: m.start].lstrip()[2:]
        cut = m.start - len(before)  # the clause without its 其中
        moved = Mention(m.value, m.measure, m.start - cut, m.end - cut, m.approx)
        activity = self.activity(sentence, clause[cut:], moved)
        if activity is None:
            return None
        if activity.kind in whole.kind or whole.kind in activity.kind or clean(before) == "":
            self.facts.activities.remove(activity)
            return None
        return activity

    def counted(
        self, kind: str, title: str | None, sentence: str, before: str, m: Mention
    ) -> ActivityFact | None:
        """The activity counted ``m`` times, or ``m`` times each by the people ``before`` lists
        (分别…各1次); ``None`` when 各 has no stated number of people."""
        share = shared_out(before)
        if share is None:
            return None
        count = Value(m.value * share, sentence, m.approx)
        activity = ActivityFact(kind, count=count, title=title)
        self.facts.activities.append(activity)
        return activity

    def kind(self, written: str, context: str, earlier: str = "") -> str:
        """The activity's kind: a campaign metric's kind when it is the same thing, else as
        written without the campaign's name and the audience. ``earlier`` is the sentence
        before the clause, where its subject may stand (理论学习中心组…，开展集中学习八次)."""
        if TRIPS.search(written) or written.startswith(("的", "是", "地", "得")):
            return ""  # 一次讲的是…: what one of the counted talks was about, no activity
        for kind in self.kinds:
            if kind in written or kind in LIGHT_VERB.sub("", written):
                return kind  # 逐章开展学习 is 逐章学习
        if (meeting := meeting_named(written)) != written and MEETING_END.search(meeting[-2:]):
            return meeting  # 党委会议研究…工作5次: the meeting that did the work was held
        for kind in self.kinds:
            if kind in context:
                return kind
        if "中心组" in context + earlier and "学习" in written:
            return next((k for k in self.kinds if "中心组" in k), "中心组学习")
        if written in ("会议", "专题会议", "会", "专门会议", "专题会"):
            organ = next((o for o in ORGANS if o in context), None)
            return f"{organ}会议" if organ else written
        if "教育" in written[:-2]:
            tail = written[written.rindex("教育") + 2 :]
            if len(tail) >= 2:
                written = tail
        for who in ("干部职工", "党员干部", "干部", "职工"):
            head, _, tail = written.partition(who)
            if (head and len(tail) >= 3) or (not head and tail and len(tail) >= 3):
                written = tail
                break
        return written if len(written) >= 2 else ""

    def dated_meetings(self, sentence: str) -> ActivityFact | None:
        """Date the meetings of ``sentence``; returns the last one dated."""
        period = self.campaign.period
        dated = None
        for m in DATE.finditer(sentence):
            rest = DATED_MEETING.match(sentence, m.end())
            if rest is None:
                continue
            day = parse_date(m, period)
            if day is None or day not in period:
                continue
            name = clean(rest.group("name") or rest.group("name2"))
            name = re.sub(r"^.*(?:学习教育|主题教育)", "", name)  # 党史学习教育动员大会: 动员大会
            name = re.sub(r"^(?:全[区县市局省镇系统]+|系统)", "", name)
            name = re.sub(r"会议$", "会", name)
            if len(name) < 2:
                continue
            dated = ActivityFact(name, date=Value(day, sentence[m.start() :]))
            self.facts.activities.append(dated)
        return dated


def prose_facts(paragraphs: list[str], campaign: Campaign) -> Facts:
    return ProseReader(campaign).read(paragraphs)
