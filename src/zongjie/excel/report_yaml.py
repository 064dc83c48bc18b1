"""A report's data as the YAML file editors keep (``data/reports/<活动>/<单位>.yml``)."""

from __future__ import annotations

from typing import Any

import yaml

from zongjie.data.models import Report


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as the hand-written files are."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def report_yaml(report: Report, header: list[str]) -> str:
    """``header`` comment lines, the scalars, then each list or mapping after a blank line."""
    data: dict[str, Any] = report.model_dump(mode="python", exclude_defaults=True)
    lines = [f"# {line}" for line in header]
    blocks = []
    for key, value in data.items():
        blocks.append(
            yaml.dump(
                {key: value},
                Dumper=_Dumper,
                allow_unicode=True,
                sort_keys=False,
                width=1000,
                default_flow_style=False,
            ).rstrip("\n")
        )
    text = "\n".join(lines) + "\n"
    for key, block in zip(data, blocks, strict=True):
        text += ("\n" if isinstance(data[key], (list, dict)) else "") + block + "\n"
    return text
