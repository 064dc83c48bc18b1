"""Consistency lint: numbers stated in the narrative must agree with the data.

A total written by hand (“共开展‘我为群众办实事’活动8次”) drifts as soon as the
data changes; the ``<!-- zj:value … -->`` marker never does, so every message
recommends it. Only totals are compared (共、累计、合计…): “其中3次…” is a part.
"""

from __future__ import annotations

from zongjie.data.content import Content, ReportEntry
from zongjie.errors import Problem
from zongjie.markdown.narrative import statements


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
