"""Export JSON Schema for every data file, so editors get autocomplete and inline errors."""

from __future__ import annotations

import json
from pathlib import Path

from zongjie.data.models import SCHEMAS


def export_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = {
            "campaign": "学习教育活动",
            "units": "单位名录",
            "resources": "学习资源目录",
            "report": "总结报告数据",
        }[name]
        path = out / f"{name}.schema.json"
        path.write_text(
            json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        written.append(path)
    return written
