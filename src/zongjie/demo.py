"""Generate a complete, deterministic content tree (mkdocs.yml + docs/ + data/) of N×M reports.

Used by tests and benchmarks. Narrative paragraphs come from the real seed report
(with the unit's name put in), and facts are drawn from realistic ranges, so the
generated site has the size, vocabulary and variety of real content.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from zongjie.authoring.skeleton import DEFAULT_METRICS
from zongjie.data.defaults import report_title
from zongjie.data.models import Campaign, Report
from zongjie.data.report_yaml import report_yaml, set_fields
from zongjie.rules.approval import digest

LIST_METRICS = [m for m in DEFAULT_METRICS if m["derive"]["source"] != "activities"]
PROJECT_ROOT = Path(__file__).resolve().parents[2]
REPORT_SCHEMA = "yaml-language-server: $schema=../../schema/report.schema.json"
# Narrative paragraphs of the real seed report, so generated reports have real text.
SEED_PARAGRAPHS: list[str] = [
    line
    for line in Path(__file__)
    .with_name("seed_paragraphs.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip()
]

DEPARTMENTS = [
    ("教育局", "机关"),
    ("财政局", "机关"),
    ("民政局", "机关"),
    ("卫生健康委员会", "机关"),
    ("交通运输局", "机关"),
    ("文化和旅游局", "机关"),
    ("自然资源局", "机关"),
    ("生态环境局", "机关"),
    ("住房和城乡建设局", "机关"),
    ("农业农村局", "机关"),
    ("水务局", "机关"),
    ("商务局", "机关"),
    ("应急管理局", "机关"),
    ("市场监督管理局", "机关"),
    ("统计局", "机关"),
    ("医疗保障局", "机关"),
    ("司法局", "机关"),
    ("人力资源和社会保障局", "机关"),
    ("审计局", "机关"),
    ("总工会", "群团"),
    ("妇女联合会", "群团"),
    ("科学技术协会", "群团"),
    ("文学艺术界联合会", "群团"),
    ("残疾人联合会", "群团"),
]
PLACES = [
    "城关区",
    "东城区",
    "西山区",
    "南湖区",
    "北岭区",
    "青川县",
    "云岭县",
    "雪山县",
    "金沙县",
    "白水县",
    "松林县",
    "玉溪镇",
    "石门县",
    "河口县",
    "龙泉县",
    "梅江区",
    "桃源县",
    "清河县",
    "凤鸣县",
    "平安县",
]
CAMPAIGN_TYPES = [
    ("dangshi", "党史学习教育", ["开展的主要工作", "取得的成效", "存在不足", "下步工作"]),
    (
        "zhuti",
        "学习贯彻习近平新时代中国特色社会主义思想主题教育",
        ["主要做法和成效", "存在的问题", "下步打算"],
    ),
    ("dangji", "党纪学习教育", ["主要做法", "取得的成效", "存在的不足", "下一步工作打算"]),
]
KINDS = ["党组会议", "中心组学习", "党员大会", "主题党日", "专题党课"]
NAMES = [
    "张桂梅",
    "黄文秀",
    "焦裕禄",
    "杨善洲",
    "谷文昌",
    "廖俊波",
    "孔繁森",
    "李保国",
    "毛相林",
    "黄大年",
]
BASES = [
    "红军长征纪念馆",
    "革命烈士陵园",
    "党史陈列馆",
    "红色教育基地",
    "扶贫成果展览馆",
    "廉政教育基地",
]
RESOURCES = [
    ("zggcd-jianshi", "中国共产党简史", "书籍"),
    ("lun-zggcd-lishi", "论中国共产党历史", "书籍"),
    ("xuexi-qiangguo", "学习强国", "平台"),
    ("gongchan-dangyuan", "共产党员网", "平台"),
    ("bangyang", "榜样", "影视"),
    ("qiyi-jianghua", "在庆祝中国共产党成立100周年大会上的讲话", "讲话"),
    ("jilv-tiaoli", "中国共产党纪律处分条例", "文件"),
    ("zhuzuo-xuandu", "习近平著作选读", "书籍"),
]
PROBLEMS = [
    ("理论学习", "学习内容不够系统全面，学用结合不够紧密"),
    ("理论学习", "个别党员学习笔记记录不完整"),
    ("组织生活", "“三会一课”记录不规范，会议质量不高"),
    ("组织生活", "主题党日活动形式较为单一"),
    ("联系群众", "深入基层调查研究不够，对群众“急难愁盼”问题掌握不够"),
    ("联系群众", "服务群众的“最后一公里”还不到位"),
    ("工作作风", "部分工作存在重安排、轻落实的现象"),
    ("工作作风", "文件会议精简不够，基层负担仍然较重"),
    ("廉政建设", "廉政风险点排查不够细致"),
]
SHISHI = [
    "为困难群众送温暖",
    "开展义诊进社区",
    "解决老旧小区停车难",
    "为农民工追讨欠薪",
    "帮助村集体发展产业",
    "开展送文化下乡",
    "为学生捐赠图书",
    "修缮村组道路",
    "开展法律援助进村",
    "帮助企业解决用工难",
    "整治背街小巷环境",
    "开通政务服务绿色通道",
    "开展防溺水安全宣传",
    "为老年人代办社保认证",
]


# Seed paragraphs that state counts (“共召开2次党组会议”) would contradict the generated data
# and rightly fail the consistency lint, so generated reports use only the prose around them.
PROSE = [p for p in SEED_PARAGRAPHS if not re.search(r"\d+\s*(次|名|个|件|期)", p)]


def write_demo(out: Path, units: int, campaigns: int, seed: int = 1, plain: bool = False) -> None:
    """Write ``units``×``campaigns`` reports under ``out``; the same seed gives the same bytes."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for sub in ("docs", "data"):
        shutil.rmtree(out / sub, ignore_errors=True)
    data, docs = out / "data", out / "docs"
    (data / "campaigns").mkdir(parents=True)
    docs.mkdir(parents=True)

    top, entries = _units(units)
    _dump(data / "units.yml", {**top, "units": entries})
    unit_rows = [u for u in entries if u.get("reports", True)]
    _dump(
        data / "resources.yml",
        {
            "resources": [
                {"id": rid, "title": title, "kind": kind, "description": f"{title}（示例资源）"}
                for rid, title, kind in RESOURCES
            ]
        },
    )

    campaign_rows = []
    for c in range(campaigns):
        prefix, title, outline = CAMPAIGN_TYPES[c % len(CAMPAIGN_TYPES)]
        year = 2021 + c
        cid = f"{prefix}-{year}"
        start, end = dt.date(year, 3, 1), dt.date(year, 12, 31)
        campaign = {
            "title": title,
            "year": year,
            "period": {"start": start, "end": end},
            "lead": f"{year}年{title}。",
            "outline": outline,
            "metrics": [
                *(
                    {
                        "id": f"m{i}",
                        "label": kind,
                        "measure": "次",
                        "derive": {"source": "activities", "kind": kind},
                    }
                    for i, kind in enumerate(KINDS)
                ),
                # The same derived metrics as `zongjie new campaign`, with a target to flag.
                *({**m, "target": 5} if m["id"] == "shishi" else m for m in LIST_METRICS),
                {"id": "diaoyan", "label": "调研课题", "measure": "个"},
            ],
        }
        _dump(data / "campaigns" / f"{cid}.yml", campaign)
        typed = Campaign.model_validate(campaign)
        campaign_rows.append((cid, campaign))
        (data / "reports" / cid).mkdir(parents=True)
        (docs / "campaigns" / cid).mkdir(parents=True)
        (docs / "campaigns" / cid / "index.md").write_text(
            _campaign_page(campaign), encoding="utf-8"
        )
        for unit in unit_rows:
            report, narrative = _report(rng, unit, typed, start, end)
            text = _approved(report_yaml(report, [REPORT_SCHEMA]), narrative, report.date)
            (data / "reports" / cid / f"{unit['id']}.yml").write_text(text, encoding="utf-8")
            (docs / "campaigns" / cid / f"{unit['id']}.md").write_text(narrative, encoding="utf-8")

    (docs / "index.md").write_text(
        "# 学习教育总结报告库（示例）\n\n<!-- zj:campaigns -->\n", encoding="utf-8"
    )
    (docs / "resources").mkdir()
    (docs / "resources" / "index.md").write_text(
        "# 学习资源目录\n\n<!-- zj:catalogue -->\n", encoding="utf-8"
    )
    _write_config(out, plain)


CITIES = ["江城", "云州", "海阳", "青山", "临川", "安平", "长宁", "石城", "宁远", "丰泽"]
FLAT_BELOW = 20
"""A demo of fewer units is flat (every unit right under the top), as small offices work."""


def _units(count: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The unit catalogue's top and entries: from :data:`FLAT_BELOW` units on, an office over
    about ten cities of about ten counties each, the units (and a few city departments)
    below them; ``u0000``… are the reporting units, in that order."""
    units = []
    for i in range(count):
        dept, kind = DEPARTMENTS[i % len(DEPARTMENTS)]
        place = PLACES[(i // len(DEPARTMENTS)) % len(PLACES)]
        batch = i // (len(DEPARTMENTS) * len(PLACES))
        prefix = place + ("" if batch == 0 else f"第{batch + 1}片区")
        units.append(
            {
                "id": f"u{i:04d}",
                "name": f"{prefix}{dept}",
                "short_name": f"{prefix[:2]}{dept[:2]}{i}",
                "kind": kind,
            }
        )
    if count < FLAT_BELOW:
        return {}, units
    cities = min(len(CITIES), max(2, count // 100))
    per_city = min(len(PLACES), max(2, count // (cities * 10)))
    orgs: list[dict[str, Any]] = []
    counties: list[str] = []
    for c in range(cities):
        city = f"c{c + 1:02d}"
        orgs.append(
            {"id": city, "name": f"中共{CITIES[c]}市委", "short_name": f"{CITIES[c]}市",
             "kind": "市", "reports": False}
        )  # fmt: skip
        for k in range(per_city):
            county = f"{city}-x{k + 1:02d}"
            orgs.append(
                {"id": county, "name": f"中共{CITIES[c]}市{PLACES[k]}委员会",
                 "short_name": f"{CITIES[c]}{PLACES[k]}", "kind": "区县",
                 "parent": city, "reports": False}
            )  # fmt: skip
            counties.append(county)
    for i, unit in enumerate(units):
        # Every 25th unit is a city department, right under its city; the rest sit in counties.
        county = counties[i % len(counties)]
        unit["parent"] = county.split("-")[0] if i % 25 == 24 else county
        place = next(o for o in orgs if o["id"] == unit["parent"])["short_name"]
        dept = DEPARTMENTS[i % len(DEPARTMENTS)][0]
        unit["name"] = f"{place}{dept}" + (
            "" if i < len(counties) * len(DEPARTMENTS) else f"（{i}）"
        )
        unit["short_name"] = f"{place[-3:]}{dept[:2]}{i}"
    top = {"name": "中共X省委", "short_name": "X省"}
    return {"root": top, "levels": ["市", "县区", "单位"]}, [*orgs, *units]


def _meetings_clause(held: set[str]) -> str:
    """The narrative names only the meetings the data lists: a marker with nothing behind it
    would read “召开0次”."""
    meetings = "、".join(
        f"<!-- zj:value m{i} -->次{kind}"
        for i, kind in ((0, "党组会议"), (1, "中心组学习"))
        if kind in held
    )
    clauses = [f"共召开{meetings}"] if meetings else []
    if "主题党日" in held:
        clauses.append("开展<!-- zj:value m3 -->次主题党日活动")
    return "".join(f"{c}，" for c in clauses)


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _report(
    rng: random.Random,
    unit: dict[str, str],
    campaign: Campaign,
    start: dt.date,
    end: dt.date,
) -> tuple[Report, str]:
    name = unit["name"]
    activities = [
        {"kind": kind, "count": rng.randint(1, 8)} for kind in KINDS if rng.random() < 0.9
    ]
    activities.append(
        {
            "kind": "动员部署会",
            "title": f"{campaign.title}动员部署会",
            "date": _day(rng, start, start + dt.timedelta(days=30)),
        }
    )
    visit = rng.choice(BASES)
    activities.append(
        {"kind": "现场教学", "title": f"赴{visit}开展现场教学", "date": _day(rng, start, end)}
    )
    shishi = [
        {
            "title": t,
            "date": _day(rng, start, end),
            "beneficiaries": f"群众{rng.randint(20, 900)}人",
            "status": rng.choice(["已完成", "已完成", "已完成", "推进中", "常态化"]),
        }
        for t in rng.sample(SHISHI, rng.randint(2, 12))
    ]
    items = [
        {
            "category": cat,
            "problem": prob,
            "measure": "制定整改清单，明确责任人和时限，逐项销号",
            "deadline": _day(rng, start, end),
            "status": rng.choice(["已整改", "已整改", "已整改", "整改中", "常态化"]),
        }
        for cat, prob in rng.sample(PROBLEMS, rng.randint(2, 8))
    ]
    life = rng.randint(3, 15)
    fixed = rng.randint(life // 2, life)
    title = report_title(name, campaign)
    written = _day(rng, end - dt.timedelta(days=40), end)
    for row in (*activities, *shishi):  # a summary tells what was done by its date
        if isinstance(row.get("date"), dt.date) and row["date"] > written:  # type: ignore[operator]
            row["date"] = written
    report = {
        "title": title,
        "date": written,
        "metrics": {"diaoyan": rng.randint(0, 6)},
        "activities": activities,
        "trainings": [
            {
                "title": f"{campaign.title}专题培训班",
                "audience": "科级以上干部",
                "participants": rng.randint(5, 120),
                "sessions": rng.randint(1, 4),
            }
        ],
        "shishi": shishi,
        "rectification": [
            {
                "source": "组织生活会",
                "count": life,
                "status": {"已整改": fixed, "常态化": life - fixed},
            },
            {"source": "支部检视", "items": items},
        ],
        "resources": sorted(rid for rid, _, _ in rng.sample(RESOURCES, rng.randint(2, 5))),
    }
    hero = rng.choice(NAMES)
    paragraphs = [p.replace("xxxx", name) for p in rng.sample(PROSE, min(9, len(PROSE)))]
    outline = campaign.outline
    numerals = "一二三四五六七八九十"
    body = [
        f"# {title}",
        "",
        "<!-- zj:summary -->",
        "",
        f"根据上级关于{campaign.title}总结工作的通知要求，现将{name}{campaign.title}开展情况总结报告如下。",
        "",
    ]
    for i, heading in enumerate(outline):
        body += [f"## {numerals[i]}、{heading}", ""]
        if i == 0:
            body += [
                f"{name}党组{_meetings_clause({str(a['kind']) for a in activities})}"
                f"组织党员干部赴{visit}接受红色教育，学习{hero}同志的先进事迹。",
                "",
                "<!-- zj:activities -->",
                "",
                "截至目前，共开展“我为群众办实事”实践活动<!-- zj:value shishi -->件。",
                "",
                "<!-- zj:shishi -->",
                "",
            ]
        body += [paragraphs.pop() for _ in range(2) if paragraphs]
        body.append("")
        if i == 1:
            body += [
                "对照检视，共查摆问题<!-- zj:value wenti -->个，"
                "已整改<!-- zj:value zhenggai -->个。",
                "",
                "<!-- zj:rectification -->",
                "",
                "<!-- zj:resources -->",
                "",
            ]
    body += ["<!-- zj:signature -->", ""]
    return Report.model_validate(report), "\n".join(body)


def _campaign_page(campaign: dict[str, Any]) -> str:
    return "\n".join(
        [
            f"# {campaign['year']}年{campaign['title']}",
            "",
            "共开展“我为群众办实事”<!-- zj:total shishi -->件，查摆问题<!-- zj:total wenti -->个。",
            "",
            "## 各单位数据",
            "",
            "<!-- zj:overview -->",
            "",
            "## 整改进度",
            "",
            "<!-- zj:progress -->",
            "",
            "## 办实事",
            "",
            "<!-- zj:chart shishi -->",
            "",
            "## 报告列表",
            "",
            "<!-- zj:units -->",
            "",
        ]
    )


def _write_config(out: Path, plain: bool) -> None:
    config: dict[str, Any] = {
        "site_name": "学习教育总结报告库（示例）",
        # navigation.prune (as in mkdocs.yml): without it every page repeats the whole nav,
        # which makes build time and site size grow with the square of the number of reports.
        "theme": {
            "name": "material",
            "language": "zh",
            "font": False,
            "features": ["navigation.prune"],
        },
        "plugins": [{"search": {"lang": "zh"}}],
        "markdown_extensions": ["tables", "attr_list", "md_in_html", {"toc": {"permalink": True}}],
    }
    if not plain:
        shutil.copytree(PROJECT_ROOT / "overrides", out / "overrides", dirs_exist_ok=True)
        shutil.copytree(
            PROJECT_ROOT / "hooks",
            out / "hooks",
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns("__pycache__"),
        )
        config["theme"]["custom_dir"] = "overrides"
        config["hooks"] = ["hooks/zongjie_hooks.py", "hooks/zongjie_search.py"]
        config["extra_css"] = ["assets/stylesheets/zongjie.css"]
        config["extra_javascript"] = ["assets/javascripts/zongjie.js"]
    _dump(out / "mkdocs.yml", config)


def _approved(text: str, narrative: str, date: dt.date) -> str:
    """Generated reports are published, so they are approved as ``zongjie approve`` approves
    (a future date stays 待审)."""
    reviewed = date + dt.timedelta(days=5)
    fields: dict[str, str | None]
    if reviewed > dt.date.today():
        fields = {"status": "待审", "submitted_on": date.isoformat()}
    else:
        fields = {
            "status": "已审定",
            "submitted_on": (date + dt.timedelta(days=2)).isoformat(),
            "reviewed_by": "示例审核组",
            "reviewed_on": reviewed.isoformat(),
            "reviewed_digest": digest(text, narrative),
        }
    return set_fields(text, fields)


def _dump(path: Path, data: object) -> None:
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8"
    )
