"""The report rules' findings in the words of the workbook a unit filled in.

Only codes whose YAML wording names YAML keys (``shishi``, ``count``…) need their own entry;
the others read the same in both media.
"""

from __future__ import annotations

from zongjie.rules.findings import Wording, Words
from zongjie.rules.wording import YAML

STATUS_HINT = "已整改 + 整改中 + 常态化 应等于问题数；逐条列出问题时这三列留空"

WORKBOOK_WORDS = Words(
    {
        "shishi-count-disagrees": Wording(
            "办实事件数写的是 {count}，但“办实事”表列出了 {listed} 项",
            "清空“基本信息”中的办实事件数让系统按“办实事”表计数，或补全“办实事”表",
        ),
        "problem-count-disagrees": Wording(
            "问题数写的是 {count}，但“问题清单”列出了 {listed} 个",
            "清空“问题数”让系统按“问题清单”计数，或补全“问题清单”",
        ),
        "problem-status-with-items": Wording(
            "已逐条列出“问题清单”时不能再填写各状态个数统计（状态按条目统计）", STATUS_HINT
        ),
        "problem-status-total-disagrees": Wording(
            "各状态合计 {total}，与问题数 {count} 不一致", STATUS_HINT
        ),
        "problem-group-empty": Wording(
            "整改条目既没有问题数，也没有问题清单或各状态个数",
            "至少填写问题数，或在“问题清单”中逐条列出",
        ),
        "problem-status-missing": Wording("只填写了问题数，未说明整改状态", STATUS_HINT),
        "metric-missing": Wording(
            "未填写指标“{label}”（{metric}），总览表中将显示为“—”", "在“指标”表中填写该指标的数值"
        ),
        "sites-disagree-with-names": Wording(
            "点位数为 {sites}，但点位名称列出了 {names} 个点位",
            "清空点位数让系统按点位名称计数，或补全点位名称",
        ),
    },
    YAML,
)
