"""Wording of the six voices (机关, 乡镇, 企业, 学校, 医院, 社区村), one test per class of
sentence structure, in sentences that are in no corpus file."""

from __future__ import annotations

from pathlib import Path

import pytest

from zongjie.authoring.facts import Facts
from zongjie.authoring.prose_facts import prose_facts
from zongjie.data.models import Campaign
from zongjie.data.yamlfile import load_yaml

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def campaign() -> Campaign:
    path = ROOT / "data/campaigns/dangji-2024.yml"
    return Campaign.model_validate(load_yaml(path, ROOT).data)


def _counts(facts: Facts) -> dict[str, int]:
    return {a.kind: a.count.number for a in facts.activities if a.count is not None}


def _people(facts: Facts) -> dict[str, int]:
    return {a.kind: a.participants.number for a in facts.activities if a.participants}


def test_people_attend_the_dated_meeting(campaign: Campaign) -> None:
    text = "6月8日，街道党工委召开党纪学习教育推进会，辖区党组织书记共58人参会。"
    assert _people(prose_facts([text], campaign)) == {"推进会": 58}


def test_people_counted_after_a_spoken_verb(campaign: Campaign) -> None:
    text = "5月22日，村党总支开了党员大会，老党员和流动党员都来了，一共41人。"
    assert _people(prose_facts([text], campaign)) == {"党员大会": 41}


def test_people_of_an_uncounted_event(campaign: Campaign) -> None:
    text = "7月份举办青年干部党纪学习教育读书班，机关青年干部39人参加。"
    facts = prose_facts([text], campaign)
    assert _counts(facts) == {"读书班": 1} and _people(facts) == {"读书班": 39}


def test_people_served_by_an_activity(campaign: Campaign) -> None:
    text = "组织护理骨干进村开展健康义诊，共9场，服务留守老人650余人次。"
    facts = prose_facts([text], campaign)
    assert _counts(facts) == {"健康义诊": 9} and _people(facts) == {"健康义诊": 650}


def test_each_of_the_people_listed_before_fenbie(campaign: Campaign) -> None:
    text = "局长、副局长和总工程师分别到基层站所讲专题党课各2次。"
    assert _counts(prose_facts([text], campaign)) == {"专题党课": 6}


def test_each_of_the_people_counted(campaign: Campaign) -> None:
    text = "7名班子成员到联系点讲党课各1次。"
    assert _counts(prose_facts([text], campaign)) == {"党课": 7}


def test_each_with_no_number_of_people_is_no_count(campaign: Campaign) -> None:
    text = "各科室负责人讲党课各1次。"
    assert _counts(prose_facts([text], campaign)) == {}


def test_activity_of_an_earlier_clause_with_a_number(campaign: Campaign) -> None:
    text = "全县17个农村党组织都开展了逐章学习，累计开展85次。"
    assert _counts(prose_facts([text], campaign)) == {"逐章学习": 85}


def test_campaign_kind_with_its_verb_before_a_bare_count(campaign: Campaign) -> None:
    text = "机关第二党支部逐章学习《条例》，一共9次。"
    assert _counts(prose_facts([text], campaign)) == {"逐章学习": 9}


def test_time_word_before_a_count_names_nothing(campaign: Campaign) -> None:
    text = "公司党支部组织党员开展主题党日活动，今年共15次。"
    assert _counts(prose_facts([text], campaign)) == {"主题党日活动": 15}


def test_meeting_named_up_to_what_it_did(campaign: Campaign) -> None:
    text = "学校党委前后6次召开党委会议部署党纪学习教育工作。"
    assert _counts(prose_facts([text], campaign)) == {"党委会议": 6}


def test_topic_of_a_meeting_is_not_the_activity(campaign: Campaign) -> None:
    text = "区卫健局党组召开党组会议，专门研究党纪学习教育，累计4次。"
    assert _counts(prose_facts([text], campaign)) == {"党组会议": 4}


def test_bare_kai_counts_the_meetings_of_the_body(campaign: Campaign) -> None:
    text = "村党支部委员会研究整改工作，先后开了5回。"
    assert _counts(prose_facts([text], campaign)) == {"村党支部委员会会议": 5}


@pytest.mark.parametrize(
    "text",
    [
        "第一书记几乎每周都去，有的户去了不止一次。",
        "党员们说，这比坐在会议室里听五场报告还解渴。",
        "局长讲专题党课2次，一次在机关大院，一次在城南站所。",
        "重点推进（1）老旧管网更新；（2）城区二次加压泵站改造。",
    ],
)
def test_counts_that_are_not_events_held(campaign: Campaign, text: str) -> None:
    counts = _counts(prose_facts([text], campaign))
    assert set(counts) <= {"专题党课"} and counts.get("专题党课", 2) == 2


def test_a_body_counted_before_its_work_met(campaign: Campaign) -> None:
    text = "机关党总支委员会3次专题研究整改工作。"
    assert _counts(prose_facts([text], campaign)) == {"机关党总支委员会会议": 3}


def test_research_trips_are_no_activity(campaign: Campaign) -> None:
    text = "班子成员赴各乡镇卫生院调研20余次。"
    assert _counts(prose_facts([text], campaign)) == {}


def test_sessions_counted_after_the_course(campaign: Campaign) -> None:
    text = "街道请区委党校教授授课，办了社区工作者党纪培训班，一共3期，培训社工140人。"
    facts = prose_facts([text], campaign)
    assert _counts(facts) == {}
    assert [(t.sessions.number, t.participants.number) for t in facts.trainings] == [(3, 140)]


def test_shishi_split_in_the_next_sentence(campaign: Campaign) -> None:
    text = "村两委定下要办的实事9条。现在办好了6条，另外3条开春后接着干。"
    shishi = prose_facts([text], campaign).shishi
    assert shishi.count is not None and shishi.count.number == 9
    assert {k: v.number for k, v in shishi.status.items()} == {"已完成": 6, "推进中": 3}


def test_xianzai_is_now_not_under_way(campaign: Campaign) -> None:
    text = "局党组确定为民办实事12件，到现在办结了11件，还有1件正在办理。"
    status = prose_facts([text], campaign).shishi.status
    assert {k: v.number for k, v in status.items()} == {"已完成": 11, "推进中": 1}


def test_spoken_visits_and_copies(campaign: Campaign) -> None:
    text = "网格员入户640多户，发了《防诈骗手册》900本，给每户发了联系卡1张。"
    outreach = prose_facts([text], campaign).outreach
    assert [o.sites.number for o in outreach if o.sites] == [640]
    assert [(d.count.number, d.measure) for o in outreach for d in o.distributed] == [(900, "本")]


def test_counts_listed_after_one_verb(campaign: Campaign) -> None:
    text = "全年召开4次党委会议、3次中心组学习。"
    assert _counts(prose_facts([text], campaign)) == {"党委会议": 4, "中心组学习": 3}


def test_activity_table_with_count_columns(campaign: Campaign) -> None:
    from zongjie.authoring.table_prose import table_activities

    rows = [
        ["项目", "场次", "参加人数", "说明"],
        ["机关党支部警示教育", "3", "210", "含旁听庭审"],
        ["青年理论学习小组读书班", "1", "—", "每期2天"],
    ]
    facts = Facts()
    table_activities(rows, campaign, facts)
    assert _counts(facts) == {"警示教育": 3, "读书班": 1} and _people(facts) == {"警示教育": 210}


def test_activity_table_of_sentences(campaign: Campaign) -> None:
    from zongjie.authoring.table_prose import table_activities

    rows = [
        ["项目", "落实情况"],
        ["警示教育", "组织全体党员到监狱接受现场教育1次，参加党员52人"],
        ["党课", "支部书记讲专题党课2次"],
    ]
    facts = Facts()
    table_activities(rows, campaign, facts)
    assert _counts(facts) == {"警示教育": 1, "专题党课": 2} and _people(facts) == {"警示教育": 52}


def test_problem_table_with_a_number_column() -> None:
    from zongjie.authoring.table_facts import read_table

    rows = [
        ["序号", "查摆问题", "整改举措", "完成时限", "整改情况"],
        ["1", "服务窗口办事效率不高", "推行一次办结", "2024年9月", "已完成"],
        ["2", "干部作风建设有短板", "开展作风整顿", "长期坚持", "常态化"],
    ]
    table = read_table(rows, "局党组查摆问题2个，整改情况如下：")
    assert table is not None
    items = [(p.problem, p.status) for g in table.groups for p in g.items]
    assert items == [("服务窗口办事效率不高", "已整改"), ("干部作风建设有短板", "常态化")]


@pytest.fixture(scope="module")
def zhuti() -> Campaign:
    path = ROOT / "data/campaigns/zhuti-2023.yml"
    return Campaign.model_validate(load_yaml(path, ROOT).data)


def test_metric_between_its_verb_and_its_noun(zhuti: Campaign) -> None:
    facts = prose_facts(["班子集体剖析了3个反面案例，逐个查找根源。"], zhuti)
    assert {k: v.number for k, v in facts.metrics.items()} == {"anli": 3}


def test_metric_counted_after_the_clause_naming_it(zhuti: Campaign) -> None:
    facts = prose_facts(["围绕供销社改革和农资保供确定调研课题，一共5个。"], zhuti)
    assert {k: v.number for k, v in facts.metrics.items()} == {"diaoyan": 5}


def test_count_of_aspects_is_no_metric(zhuti: Campaign) -> None:
    facts = prose_facts(["围绕两个方面确定调研课题7个。"], zhuti)
    assert {k: v.number for k, v in facts.metrics.items()} == {"diaoyan": 7}


def test_shishi_listed_one_a_paragraph(campaign: Campaign) -> None:
    paragraphs = [
        "局党组为群众办实事的清单和进度如下：",
        "1.疏通城北排洪渠——已办结；",
        "2.新建社区老年食堂——正在推进；",
        "3.夜间便民服务窗口——长期坚持。",
    ]
    items = prose_facts(paragraphs, campaign).shishi.items
    assert [(i.title, i.status) for i in items] == [
        ("疏通城北排洪渠", "已完成"),
        ("新建社区老年食堂", "推进中"),
        ("夜间便民服务窗口", "常态化"),
    ]


def test_shishi_list_shorter_than_its_count_is_no_list(campaign: Campaign) -> None:
    paragraphs = ["村里定了为民办实事5件：", "修桥——办完了；", "装路灯——办完了。"]
    assert prose_facts(paragraphs, campaign).shishi.items == []


def test_qizhong_after_a_numbered_list_splits_the_group(campaign: Campaign) -> None:
    text = (
        "党小组自查出问题3个：（1）学习记录不全；（2）谈心谈话不经常；（3）台账不规范。"
        "其中2个已整改，1个正在整改。"
    )
    groups = prose_facts([text], campaign).rectification
    assert [{k: v.number for k, v in g.status.items()} for g in groups] == [
        {"已整改": 2, "整改中": 1}
    ]


def test_verb_inside_quotes_is_part_of_the_name(campaign: Campaign) -> None:
    text = "开展“廉洁文化进班组”知识竞赛，共3场，参赛职工410人。"
    facts = prose_facts([text], campaign)
    assert _counts(facts) == {"廉洁文化进班组知识竞赛": 3}


def test_bare_verb_with_nothing_it_refers_to(campaign: Campaign) -> None:
    text = "组织党员到市纪念馆看了2回，去了60个人。"
    assert _counts(prose_facts([text], campaign)) == {}


def test_dushuban_held_over_days_is_one() -> None:
    path = ROOT / "data/campaigns/dangshi-2021.yml"
    dangshi = Campaign.model_validate(load_yaml(path, ROOT).data)
    facts = prose_facts(["9月上旬举办为期四天的科级干部党史读书班。"], dangshi)
    assert [(a.kind, a.count.number) for a in facts.activities if a.count] == [("读书班", 1)]


def test_ye_does_what_was_just_done(campaign: Campaign) -> None:
    text = "机关党委组织主题党日，共4次；5个党支部也跟着搞，一共搞了20回。"
    counts = [a.count.number for a in prose_facts([text], campaign).activities if a.count]
    assert counts == [4, 20]


def test_the_speaker_names_the_talk(campaign: Campaign) -> None:
    text = "邀请县委宣讲团成员到社区讲《条例》，讲了3场，来听的居民有150多人。"
    facts = prose_facts([text], campaign)
    assert _counts(facts) == {"条例宣讲": 3} and _people(facts) == {"条例宣讲": 150}


def test_group_split_in_the_next_sentence(campaign: Campaign) -> None:
    text = "局党组班子查摆出问题6个。截至9月，已经整改了5个，还有1个要长期坚持。"
    groups = prose_facts([text], campaign).rectification
    assert [{k: v.number for k, v in g.status.items()} for g in groups] == [
        {"已整改": 5, "常态化": 1}
    ]


def test_problems_found_while_researching_are_no_group(campaign: Campaign) -> None:
    text = "班子成员下沉一线，调研中发现问题40多个，能办的马上办。"
    assert prose_facts([text], campaign).rectification == []
