"""Consistency lint: numbers stated in the narrative must agree with the data.

A total written by hand (“共开展‘我为群众办实事’活动8次”) drifts as soon as the
data changes; the ``<!-- zj:value … -->`` marker never does, so every message
recommends it. Only totals are compared (共、累计、合计…): “其中3次…” is a part.
"""

from __future__ import annotations

from zongjie.data.content import Content, ReportEntry
from zongjie.data.metrics import derive
from zongjie.errors import Problem
from zongjie.markdown.markers import Marker
from zongjie.markdown.narrative import statements

SOURCES = {
    "activities": "activities 中没有 kind: {kind} 的活动",
    "trainings": "trainings 中没有培训",
    "outreach_sites": "outreach 中没有宣讲",
    "distributed": "outreach 中没有发放的资料",
    "shishi": "shishi 中没有办实事项目",
    "problems": "rectification 中没有查摆的问题",
    "rectified": "rectification 中没有查摆的问题",
}


def lint_report(text: str, path: str, entry: ReportEntry, content: Content) -> list[Problem]:
    campaign = content.campaigns[entry.campaign_id].campaign
    problems = []
    for st in statements(text, campaign):
        data = entry.values.get(st.metric.id)
        if not st.total or data is None or data == st.value:
            continue
        m = st.metric
        problems.append(
            Problem(
                path,
                st.line,
                f"正文写的是“{st.clause}”（{st.value}{st.measure}），"
                f"但数据中{m.label}为 {data}{m.measure}",
                field=f"一致性.{m.id}",
                col=st.col,
                severity="warning",
                hint=f"把正文中手写的数字换成标记 <!-- zj:value {m.id} -->，数字将始终与数据一致；"
                f"或修正 {entry.doc.path} 中的数据",
            )
        )
    return problems


def unfed_values(
    markers: list[Marker], path: str, entry: ReportEntry, content: Content
) -> list[Problem]:
    """A ``zj:value`` whose metric the data gives nothing for prints 0 in a sentence that says
    something was done (“召开0次中心组学习”): the data has lost what the text still talks about."""
    campaign = content.campaigns[entry.campaign_id].campaign
    metrics = {m.id: m for m in campaign.metrics}
    problems = []
    for marker in markers:
        metric = metrics.get(marker.arg or "") if marker.name == "value" else None
        if metric is None or metric.derive is None or metric.id in entry.report.metrics:
            continue
        if derive(entry.report, metric.derive) is not None:
            continue
        missing = SOURCES.get(metric.derive.source, "{source} 中没有条目").format(
            kind=metric.derive.kind, source=metric.derive.source
        )
        problems.append(
            Problem(
                path,
                marker.line,
                f"正文插入了{metric.label}（{metric.id}）的数值，但数据中没有来源：{missing}，"
                "读者将看到 0",
                field=f"zj:value {metric.id}",
                severity="warning",
                hint=f"在 {entry.doc.path} 中补上这一项，或在 metrics: 下写明 {metric.id}: 0",
            )
        )
    return problems
