"""How a report's structure decides what a number is: a course taught, a meeting that did work,
items and the statuses the next sentence gives them, a table whose rows are parts of a sum, a
count table of both 办实事 and problems. Every sentence and table here is in no corpus file."""

from __future__ import annotations

from pathlib import Path

import pytest

from zongjie.authoring.facts import Facts
from zongjie.authoring.item_status import assign, listed
from zongjie.authoring.prose_facts import prose_facts
from zongjie.authoring.table_facts import read_table
from zongjie.authoring.table_prose import table_activities
from zongjie.data.models import Campaign
from zongjie.data.yamlfile import load_yaml

ROOT = Path(__file__).parents[2]


def _campaign(cid: str) -> Campaign:
    path = ROOT / f"data/campaigns/{cid}.yml"
    return Campaign.model_validate(load_yaml(path, ROOT).data)


@pytest.fixture(scope="module")
def dangji() -> Campaign:
    return _campaign("dangji-2024")


@pytest.fixture(scope="module")
def zhuti() -> Campaign:
    return _campaign("zhuti-2023")


def _counts(facts: Facts) -> dict[str, int]:
    return {a.kind: a.count.number for a in facts.activities if a.count is not None}


def _trainings(facts: Facts) -> list[tuple[int | None, int | None]]:
    return [
        (
            t.sessions.number if t.sessions else None,
            t.participants.number if t.participants else None,
        )
        for t in facts.trainings
    ]


# -- a course is a training, whatever its measure word ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "院纪委给各科室负责人上了3堂廉政培训课，听课的有64人。",
        "公司开展安全生产与纪律专题培训3场，一线班组长64人参加。",
    ],
)
def test_a_course_counted_in_events_is_a_training(dangji: Campaign, text: str) -> None:
    facts = prose_facts([text], dangji)
    assert _trainings(facts) == [(3, 64)]
    assert facts.activities == []


def test_the_audience_listed_with_a_course_keeps_its_people(dangji: Campaign) -> None:
    text = "医院举办业务培训班2期，培训科室主任、护士长、骨干医师160人次。"
    assert _trainings(prose_facts([text], dangji)) == [(2, 160)]


def test_people_after_a_list_of_who_was_trained(dangji: Campaign) -> None:
    text = "轮训分三期进行，参训的有支部书记、委员、党员代表和入党积极分子，合计156人。"
    assert _trainings(prose_facts([text], dangji)) == [(3, 156)]


# -- the name of what was counted ------------------------------------------------------------


def test_a_meeting_that_did_work_is_the_meeting_held(dangji: Campaign) -> None:
    text = "局党组会议专题研究部署党纪学习教育相关事项4次，确保工作有序推进。"
    assert _counts(prose_facts([text], dangji)) == {"局党组会议": 4}


def test_one_of_the_counted_talks_is_no_activity(dangji: Campaign) -> None:
    text = "院长讲了两次专题党课，一次讲的是医德医风，一次讲的是廉洁行医。"
    assert _counts(prose_facts([text], dangji)) == {"专题党课": 2}


def test_studying_a_book_is_a_study_not_the_book(dangji: Campaign) -> None:
    text = "支部党员每逢周四集中学《条例》，一条一条对照，全年学了9次。"
    assert _counts(prose_facts([text], dangji)) == {"集中学习": 9}


def test_a_rate_before_the_activity_is_not_its_name(zhuti: Campaign) -> None:
    text = "车间党小组坚持每周一次集中学习，赶上检修就挪到晚上，前后一共学了21次。"
    assert _counts(prose_facts([text], zhuti)) == {"集中学习": 21}


def test_a_verb_inside_the_campaigns_kind(dangji: Campaign) -> None:
    text = "党委理论学习中心组对照六项纪律，逐章进行学习，共7次。"
    assert _counts(prose_facts([text], dangji)) == {"逐章学习": 7}


def test_a_part_of_another_kind_is_counted_too(zhuti: Campaign) -> None:
    text = "学校党委理论学习中心组开展集中学习14次，其中交流研讨5次。"
    assert _counts(prose_facts([text], zhuti)) == {"中心组学习": 14, "交流研讨": 5}


def test_a_part_of_the_same_kind_is_not_counted_twice(zhuti: Campaign) -> None:
    text = "各支部开展主题党日活动18次，其中主题党日活动6次在红色基地开展。"
    assert _counts(prose_facts([text], zhuti)) == {"主题党日活动": 18}


# -- an event held once ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("团委还组织开展了青年党员纪律知识竞赛，气氛热烈。", "青年党员纪律知识竞赛"),
        ("七月初组织入党积极分子到县革命纪念馆参观，重温入党誓词。", "参观县革命纪念馆"),
        ("八月份村里开了党纪学习教育总结会，党员们都来了，一共37人。", "总结会"),
    ],
)
def test_an_event_without_a_number_is_one(dangji: Campaign, text: str, kind: str) -> None:
    assert _counts(prose_facts([text], dangji)) == {kind: 1}


def test_a_meeting_that_serves_research_is_no_event(zhuti: Campaign) -> None:
    text = "调研组通过召开职工座谈会、个别谈心等方式，广泛听取一线意见。"
    assert _counts(prose_facts([text], zhuti)) == {}


def test_a_dated_meeting_is_not_counted_again(dangji: Campaign) -> None:
    text = "6月2日，站党支部召开警示教育大会，职工48人参加。"
    facts = prose_facts([text], dangji)
    assert [
        (a.kind, a.count, a.participants.number if a.participants else None)
        for a in facts.activities
    ] == [("警示教育大会", None, 48)]


# -- metrics by what the number counts --------------------------------------------------------


def test_the_counted_noun_and_the_verb_in_another_clause(zhuti: Campaign) -> None:
    facts = prose_facts(["处里挑出3个身边的典型案例，组织全处党员逐一剖析。"], zhuti)
    assert {k: v.number for k, v in facts.metrics.items()} == {"anli": 3}


def test_a_count_of_aspects_is_no_metric(zhuti: Campaign) -> None:
    text = "班子围绕四个方面确定调研课题，共9个。"
    facts = prose_facts([text], zhuti)
    assert {k: v.number for k, v in facts.metrics.items()} == {"diaoyan": 9}


# -- sites where a counted activity was held are no visits ------------------------------------


def test_places_of_a_counted_talk_are_not_visits(zhuti: Campaign) -> None:
    text = "班子成员分头到8个分厂讲专题党课，一共讲了11次。"
    facts = prose_facts([text], zhuti)
    assert facts.outreach == []
    assert _counts(facts) == {"专题党课": 11}


def test_who_found_the_problems_is_not_the_meeting_said_first(zhuti: Campaign) -> None:
    text = "会后领导班子共查摆问题7个，已整改5个，其余2个转入常态化。"
    groups = prose_facts([text], zhuti).rectification
    assert [(g.source, g.count.number if g.count else None) for g in groups] == [("领导班子", 7)]


# -- items listed in a sentence, statuses in the next ----------------------------------------


@pytest.mark.parametrize(
    ("text", "items", "statuses"),
    [
        (
            "具体是（一）修缮老年活动室，（二）楼道加装扶手，（三）开通社区巴士。"
            "目前前两件已办完，第三件正在推进。",
            ["修缮老年活动室", "楼道加装扶手", "开通社区巴士"],
            ["已完成", "已完成", "推进中"],
        ),
        (
            "分别是修缮活动室、加装扶手、开设助餐点和疏通下水道。3件已经完成，助餐点还在选址。",
            ["修缮活动室", "加装扶手", "开设助餐点", "疏通下水道"],
            ["已完成", "已完成", "推进中", "已完成"],
        ),
        (
            "一是整修村口石桥，雨天不再绕路；二是新打两眼机井；三是村卫生室添置设备，目前还在采购。"
            "前两件都办好了。",
            ["整修村口石桥", "新打两眼机井", "村卫生室添置设备"],
            ["已完成", "已完成", "推进中"],
        ),
    ],
)
def test_items_get_the_status_the_next_sentence_gives(
    text: str, items: list[str], statuses: list[str]
) -> None:
    found, end = listed(text)
    assert found == items
    assert assign(found, text[end:]) == statuses


def test_items_whose_status_the_text_leaves_open_are_not_proposed() -> None:
    text = "分别是修缮活动室、加装扶手、开设助餐点。目前2件已经完成。"
    found, end = listed(text)
    assert assign(found, text[end:]) is None  # 2 of 3 done, but which two?


def test_a_paragraph_of_items_becomes_the_shishi_list(zhuti: Campaign) -> None:
    text = (
        "支部今年定了3件实事，具体为（1）更换老旧电梯，（2）增设充电车棚，（3）改造小区排水。"
        "目前前两项已完工，第三项正在施工推进中。"
    )
    facts = prose_facts([text], zhuti)
    assert [(i.title, i.status) for i in facts.shishi.items] == [
        ("更换老旧电梯", "已完成"),
        ("增设充电车棚", "已完成"),
        ("改造小区排水", "推进中"),
    ]
    assert facts.shishi.count is None


# -- tables ------------------------------------------------------------------------------------


def test_a_breakdown_with_a_total_row_gives_only_the_total(zhuti: Campaign) -> None:
    rows = [
        ["街道", "主题党日次数", "参加人次"],
        ["北关", "12", "300"],
        ["南关", "9", "210"],
        ["总计", "21", "510"],
    ]
    facts = Facts()
    table_activities(rows, zhuti, facts)
    assert [
        (a.kind, a.count.number, a.participants.number)
        for a in facts.activities
        if a.count and a.participants
    ] == [("主题党日", 21, 510)]
    assert len(facts.activities) == 1


def test_a_breakdown_by_column_gives_one_activity_each(dangji: Campaign) -> None:
    rows = [
        ["科室", "集中学习（次）", "专题党课（次）"],
        ["门诊部", "6", "1"],
        ["住院部", "5", "2"],
        ["合  计", "11", "3"],
    ]
    facts = Facts()
    table_activities(rows, dangji, facts)
    assert _counts(facts) == {"集中学习": 11, "专题党课": 3}


def test_an_activity_table_with_a_total_row_keeps_its_activities(dangji: Campaign) -> None:
    rows = [["活动", "次数"], ["专题党课", "4"], ["警示教育", "2"], ["合计", "6"]]
    facts = Facts()
    table_activities(rows, dangji, facts)
    assert _counts(facts) == {"专题党课": 4, "警示教育": 2}


def test_a_count_table_of_shishi_and_problems() -> None:
    rows = [
        ["项目", "数量", "已完成(已整改)", "推进中(整改中)"],
        ["为职工办实事", "8", "6", "2"],
        ["班子检视问题", "11", "9", "2"],
    ]
    table = read_table(rows, "")
    assert table is not None and table.shishi_counts is not None
    counts = table.shishi_counts
    assert counts.count is not None and counts.count.number == 8
    assert {k: v.number for k, v in counts.status.items()} == {"已完成": 6, "推进中": 2}
    assert [(g.source, g.count.number if g.count else None) for g in table.groups] == [("班子", 11)]
    assert {k: v.number for k, v in table.groups[0].status.items()} == {"已整改": 9, "整改中": 2}
