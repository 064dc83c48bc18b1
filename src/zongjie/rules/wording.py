"""How the data rules' findings read in a YAML data file: one entry per code.

Other media word the same codes in their own terms (the workbook import: ``excel/wording.py``)
and fall back to these.
"""

from __future__ import annotations

from zongjie.rules.findings import Wording, Words

YAML: dict[str, Wording] = {
    # metrics
    "metric-unknown": Wording("活动“{campaign}”没有指标“{metric}”", "可用的指标：{known}"),
    "metric-disagrees-with-list": Wording(
        "{label}写的是 {explicit}{measure}，但列表合计为 {derived}{measure}",
        "删除这里的数字让系统自动统计，或修正列表",
    ),
    "metric-missing": Wording(
        "未填写指标“{label}”（{metric}），总览表中将显示为“—”",
        "在 metrics: 下添加 {metric}: 数值",
    ),
    # activities
    "activity-kind-twice": Wording(
        "活动类型“{kind}”已在第 {first} 项列出（{first_count} 次），这里又列了 {count} 次："
        "合计时按 {total} 次计",
        "若是重复，删去一条；若是两批，合成一条并写合计次数",
    ),
    "activity-kind-uncounted": Wording(
        "活动类型“{kind}”不计入任何指标，而指标“{label}”（{metric}）统计的是“{counted}”",
        "若是同一类活动，改为“{counted}”；若不是，换一个不会与之混淆的名称",
    ),
    # 办实事
    "shishi-count-disagrees": Wording(
        "办实事件数写的是 {count}，但 shishi 列出了 {listed} 项",
        "删除 shishi_count 让系统按列表计数，或补全列表",
    ),
    "shishi-status-with-items": Wording(
        "已逐项列出 shishi 时不能再填写 shishi_status 统计（状态按条目统计）",
        "删除 shishi_status，在每一项的 status 中写明状态",
    ),
    "shishi-status-total-disagrees": Wording(
        "办实事各状态合计 {total} 件，与 shishi_count {count} 不一致",
        "已完成 + 推进中 + 常态化 应等于 shishi_count",
    ),
    # 整改
    "problem-count-disagrees": Wording(
        "问题数写的是 {count}，但 items 列出了 {listed} 个",
        "删除 count 让系统按列表计数，或补全列表",
    ),
    "problem-status-with-items": Wording(
        "已逐条列出 items 时不能再填写 status 统计（状态按条目统计）", "删除 status"
    ),
    "problem-status-total-disagrees": Wording(
        "各状态合计 {total}，与问题数 {count} 不一致", "已整改 + 整改中 + 常态化 应等于 count"
    ),
    "problem-group-empty": Wording(
        "整改条目既没有 count，也没有 items 或 status", "至少填写 count（问题数）"
    ),
    "problem-status-missing": Wording(
        "只填写了问题数，未说明整改状态", "添加 status: {{已整改: n, 整改中: n, 常态化: n}}"
    ),
    "sites-disagree-with-names": Wording(
        "sites 为 {sites}，但 site_names 列出了 {names} 个点位",
        "删除 sites 让系统按 site_names 计数，或补全 site_names",
    ),
    # the organisation tree (units.yml)
    "parent-is-itself": Wording(
        "单位“{unit}”的上级写成了它自己", "parent 应为上一级组织的 id；没有上级时删除 parent"
    ),
    "parent-unknown": Wording(
        "单位“{unit}”的上级“{parent}”不在单位名录中",
        "先在 data/units.yml 中登记这个上级组织（只汇总、不报送时加 reports: false），"
        "或检查 id 的拼写",
    ),
    "parent-loop": Wording(
        "单位“{unit}”的上级链条绕回了自己（上级为“{parent}”）",
        "沿 parent 逐级向上检查，上下级关系不能成环；最上一级的组织不写 parent",
    ),
    "parent-by-name": Wording(
        "单位“{unit}”的上级按名称写成了“{parent}”", "改用上级的 id：parent: {matches}"
    ),
    "parent-ambiguous": Wording(
        "单位“{unit}”的上级“{parent}”同时是几个单位的名称（{matches}），无法确定是哪一个",
        "改用上级的 id",
    ),
    "parent-not-registered": Wording(
        "单位“{unit}”的上级“{parent}”没有登记为单位名录中的组织，暂按同名的汇总组织处理",
        "在 data/units.yml 中登记它，如 - {{id: 组织id, name: {parent}, short_name: 简称, "
        "kind: 机关, reports: false}}，再把这里改为 parent: 组织id",
    ),
    "unit-name-twice": Wording(
        "单位“{unit}”的 {field}“{name}”与同一上级下的单位“{first}”的 {first_field} 相同，"
        "读者无法区分这两行",
        "复制条目后请改成这个单位自己的名称；确是同一单位时，删去重复的条目",
    ),
    # campaign deadlines and expected units
    "due-before-start": Wording(
        "报送截止日期 {day} 早于活动开始日期 {start}", "截止日期应在活动期间或结束之后"
    ),
    "due-long-after-end": Wording(
        "报送截止日期 {day} 在活动结束（{end}）一年以后", "检查年份是否写错"
    ),
    "due-level-unknown": Wording(
        "due_by_level 中的层级“{level}”不是 units.yml 中 levels 的层级名称",
        "已有的层级：{known}",
    ),
    "exclude-unit-unknown": Wording(
        "exclude 中的单位“{unit}”不在单位名录中", "检查 id 的拼写（data/units.yml）"
    ),
    "reserved-unit-id": Wording(
        "单位 id “{unit}”是保留的名称（{folder} 用于组织页面的网址，"
        "{folder}- 开头的 id 留给未登记的组织）",
        "换一个 id",
    ),
    # references and imports
    "resource-unknown": Wording(
        "未知的学习资源 id “{resource}”", "先在 data/resources.yml 中登记，或检查拼写"
    ),
    "value-unconfirmed": Wording(
        "“{value}”是从原文推测出的数值，尚待核实",
        "对照原文核实（必要时修改）该数值后，从“待核实”列表中删除这一项",
    ),
    # dates
    "date-outside-campaign": Wording(
        "日期 {day} 不在活动期间 {start} 至 {end} 内",
        "检查年份是否写错；或确认此条是否属于本次学习教育",
    ),
    "dated-after-report": Wording(
        "日期 {day} 晚于报告的落款日期 {written}：总结只写已经做过的事",
        "检查日期是否写错；尚未开展的安排写进“下步工作”的正文，不列入数据",
    ),
    # review
    "approval-incomplete": Wording(
        "已审定的报告缺少 {key}", "用 zongjie approve 审定，它会填写审定人和审定日期"
    ),
    "approval-without-digest": Wording(
        "{step}缺少指纹 {key}：看不出{step}的是哪一版文字",
        "不要手写审核字段：用 zongjie approve 审核，它会写入指纹；之后的任何改动都需要重新审核",
    ),
    "approved-without-first-review": Wording(
        "这项活动要求先经上级单位初审，这份报告却没有初审就标为“已审定”",
        "按 zongjie submit → zongjie approve（初审）→ zongjie approve（终审）的顺序审定",
    ),
    "approved-before-first-review": Wording(
        "审定日期 {reviewed} 早于初审日期 {first}", "检查两个日期：终审在初审之后"
    ),
    "review-field-without-approval": Wording(
        "状态为“{status}”的报告不应有 {key}",
        "审定信息只属于已审定的报告：删除这一行，或用 zongjie approve 审定",
    ),
    "review-date-in-future": Wording(
        "{label} {day} 晚于今天（{today}）", "审定和提交日期不能是将来的日期；检查年份和月份"
    ),
    "approved-before-submitted": Wording(
        "审定日期 {reviewed} 早于提交日期 {submitted}", "先提交后审定：检查两个日期"
    ),
    "submitted-before-written": Wording(
        "提交日期 {submitted} 早于报告的落款日期 {written}", "先成文后提交：检查两个日期"
    ),
    "approved-before-written": Wording(
        "审定日期 {reviewed} 早于报告的落款日期 {written}", "先成文后审定：检查两个日期"
    ),
}

YAML_WORDS = Words(YAML)
