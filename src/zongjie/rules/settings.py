"""What a readers' build refuses in the settings: no setting can make it show more than
approved 公开 reports (``zongjie check`` and every build apply it)."""

from __future__ import annotations

from pathlib import Path

from zongjie.config import ZongjieConfig, setting_problem
from zongjie.errors import Problem


def setting_problems(settings: ZongjieConfig, config_file: Path) -> list[Problem]:
    if settings.audience == "public":
        return []
    return [
        setting_problem(
            config_file,
            ("audience",),
            f"读者网站的构建只能面向公开读者（public），这里写的是 {settings.audience}："
            "这样构建会把未审定或内部的报告放进公开网站",
            hint="删除这一行。编辑预览用 make serve 或 zongjie build --audience editors "
            "-d 审核预览；内部报告由 zongjie build 在内部前缀下单独生成",
        )
    ]
