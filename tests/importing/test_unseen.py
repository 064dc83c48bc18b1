"""Facts from wording the importer was not written on (issue 22): the unseen reports' score,
and one test per class of wording, in words that are in neither the corpus nor those reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.importer import CORPUS, score
from tests.importing.unseen_score import score_unseen

from zongjie.authoring.clauses import enumerated, is_plan
from zongjie.authoring.facts import Facts
from zongjie.authoring.prose_facts import prose_facts
from zongjie.data.models import Campaign
from zongjie.data.yamlfile import load_yaml

ROOT = Path(__file__).parents[2]


def test_unseen_reports(tmp_path: Path) -> None:
    """Recall ≥ 0.95 with no wrong value, and every estimate keeps its note."""
    result = score_unseen(tmp_path)
    assert len(result.files) >= 6
    wrong = [(s.name, w) for s in result.files for w in s.wrong]
    assert wrong == [] and result.lost_notes == []
    assert result.recall >= 0.95, [(s.name, s.missed) for s in result.files if s.missed]


def test_corpus_unchanged(tmp_path: Path) -> None:
    """The corpus's figures do not fall: 233 of 235 facts, 2 wrong (see benchmarks/import.md)."""
    scores, _ = score(CORPUS, tmp_path)
    assert sum(s.matched for s in scores) >= 233
    assert sum(len(s.wrong) for s in scores) <= 2


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    path = ROOT / "data/campaigns/dangji-2024.yml"
    return Campaign.model_validate(load_yaml(path, ROOT).data)


def _counts(facts: Facts) -> dict[str, int]:
    return {a.kind: a.count.number for a in facts.activities if a.count is not None}


def test_count_before_the_verb(campaign: Campaign) -> None:
    facts = prose_facts(["局党委前后3次召开党委扩大会议，传达上级精神。"], campaign)
    assert _counts(facts) == {"党委扩大会议": 3}


def test_count_in_a_clause_of_its_own(campaign: Campaign) -> None:
    facts = prose_facts(["各支部书记轮流到车间讲专题党课，累计11次。"], campaign)
    assert _counts(facts) == {"专题党课": 11}


def test_subject_in_an_earlier_clause(campaign: Campaign) -> None:
    text = "公司理论学习中心组把《条例》列为必学内容，结合生产经营实际，组织集中学习五次。"
    facts = prose_facts([text], campaign)
    assert [a.kind for a in facts.activities] == ["中心组学习"]


def test_audience_list_keeps_the_people(campaign: Campaign) -> None:
    text = "面向新入职员工、转岗人员、班组长，开办合规专题培训3期，共培训450人次。"
    facts = prose_facts([text], campaign)
    [training] = facts.trainings
    assert training.sessions is not None and training.sessions.value == 3
    assert training.participants is not None and training.participants.value == 450


def test_items_inside_a_sentence(campaign: Campaign) -> None:
    text = (
        "所党支部为村民办好两件实事：（1）疏通了村口排水沟；（2）为留守儿童开设了暑期课堂。"
        "两件实事均已完成。"
    )
    facts = prose_facts([text], campaign)
    assert [(i.title, i.status) for i in facts.shishi.items] == [
        ("疏通了村口排水沟", "已完成"),
        ("为留守儿童开设了暑期课堂", "已完成"),
    ]
    ordinal = "厂党委列出实事清单，一是维修职工食堂，二是增设充电车棚，均已完成。"
    assert len(prose_facts([ordinal], campaign).shishi.items) == 2


def test_items_without_a_status_are_not_proposed(campaign: Campaign) -> None:
    text = "支部确定两件实事：一是修路灯，二是建书屋，正在推进。"
    assert prose_facts([text], campaign).shishi.items == []


def test_activity_without_a_number(campaign: Campaign) -> None:
    facts = prose_facts(["举行为期三天的党纪学习教育读书班，全体中层干部参加。"], campaign)
    assert _counts(facts) == {"读书班": 1}
    counted = prose_facts(["举办读书班，学员反响良好。", "共举办读书班2期。"], campaign)
    assert _counts(counted) == {"读书班": 2}


def test_spoken_verbs_and_measure_words(campaign: Campaign) -> None:
    text = "村党支部书记给大伙讲了两堂专题党课。党员们一块儿看了4回警示教育片。"
    assert _counts(prose_facts([text], campaign)) == {"专题党课": 2, "警示教育": 4}
    problems = "村两委班子自己找出问题6条，改了5条，还有1条在改。"
    [group] = prose_facts([problems], campaign).rectification
    assert group.count is not None and group.count.value == 6
    assert {k: v.value for k, v in group.status.items()} == {"已整改": 5, "整改中": 1}


def test_whole_before_parts(campaign: Campaign) -> None:
    text = "各车间党支部查找问题二十二条，都已改到位。"
    [group] = prose_facts([text], campaign).rectification
    assert group.count is not None and group.count.value == 22
    assert {k: v.value for k, v in group.status.items()} == {"已整改": 22}


@pytest.mark.parametrize(
    "text",
    [
        "下步，支部每两个月至少组织一次专题党课。",
        "公司党委将继续开展警示教育3次。",
        "力争明年举办读书班2期。",
        "今后每季度召开党委会议不少于一次。",
    ],
)
def test_plans_are_not_facts(campaign: Campaign, text: str) -> None:
    assert is_plan(text)
    facts = prose_facts([text], campaign)
    assert facts.activities == [] and facts.trainings == []


def test_past_uses_of_jiang_are_facts() -> None:
    assert not is_plan("现将有关情况报告如下")
    assert not is_plan("将检视出的问题纳入台账")


def test_approximate_values_keep_their_note(campaign: Campaign) -> None:
    text = "举办党纪培训班2期，培训干部约260人次。走访企业近50家。"
    facts = prose_facts([text], campaign)
    assert facts.trainings[0].participants is not None
    assert facts.trainings[0].participants.approx
    assert "原文为约数" in facts.trainings[0].participants.note


def test_enumeration_must_open_the_text() -> None:
    assert enumerated("（1）甲；（2）乙。") == (["甲", "乙"], 9)
    assert enumerated("前言（1）甲；（2）乙")[0] == []


def test_a_reporting_verb_alone_refers_back(campaign: Campaign) -> None:
    text = "纪委书记结合查办的案件为全体干部讲专题党课，合计作了2次。"
    assert _counts(prose_facts([text], campaign)) == {"专题党课": 2}


def test_a_meeting_named_by_the_subject_of_an_earlier_clause(campaign: Campaign) -> None:
    text = "厂党委班子成员碰头议事，前后开了5次会。"
    assert _counts(prose_facts([text], campaign)) == {"厂党委班子成员会议": 5}


def test_spoken_dated_meeting_and_audience(campaign: Campaign) -> None:
    text = "6月3日，支部开了全体党员大会。请老党员讲了1次专题党课，30多名党员听了课。"
    facts = prose_facts([text], campaign)
    dated = [a for a in facts.activities if a.date is not None]
    assert [a.kind for a in dated] == ["全体党员大会"]
    [lesson] = [a for a in facts.activities if a.count is not None]
    assert lesson.participants is not None and lesson.participants.value == 30
    assert lesson.participants.approx
