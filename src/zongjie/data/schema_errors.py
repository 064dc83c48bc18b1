"""Turn pydantic validation errors into editor-friendly Chinese problems with lines."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from zongjie.data.yamlfile import YamlDocument, dotted
from zongjie.errors import Problem

# What the editor should have written, per pydantic error type.
EXPECTED = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（可能拼写有误）",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数，不能有小数",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "date_from_datetime_parsing": "应为日期，格式 YYYY-MM-DD（如 2021-03-26）",
    "date_parsing": "应为日期，格式 YYYY-MM-DD（如 2021-03-26）",
    "date_type": "应为日期，格式 YYYY-MM-DD（如 2021-03-26）",
    "string_type": "应为文本",
    "string_too_short": "不能为空",
    "string_too_long": "文本过长",
    "string_pattern_mismatch": (
        "id 只能由小写字母、数字和连字符组成（如 shi-wenlian），不超过 63 个字符"
    ),
    "list_type": "应为列表（每项以“- ”开头）",
    "dict_type": "应为映射（“键: 值”的形式）",
    "model_type": "应为映射（“键: 值”的形式）",
    "model_attributes_type": "应为映射（“键: 值”的形式）",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "too_short": "至少需要一项",
    "literal_error": "取值不在允许范围内",
    "value_error": "取值有误",
}

_DATE_HINT = "按 YYYY-MM-DD 写日期，月和日都写两位，如 2021-03-26"
_MAPPING_HINT = "在下一行多缩进两个空格，逐行写“键: 值”"
# How to fix it, per pydantic error type (missing and unknown fields get a hint naming the key).
HINTS = {
    "int_parsing": "只写阿拉伯数字，不带单位或汉字，如 5",
    "int_type": "只写阿拉伯数字，不带单位或汉字，如 5",
    "int_from_float": "写整数，不要带小数点",
    "greater_than_equal": "改为不小于下限的数；没有可填的就删除这一项",
    "less_than_equal": "改为不大于上限的数",
    "date_from_datetime_parsing": _DATE_HINT,
    "date_parsing": _DATE_HINT,
    "date_type": _DATE_HINT,
    "string_type": '写成文本；全是数字或像日期的文本要加引号，如 "2021"',
    "string_too_short": "填写内容，或删除这一行",
    "string_too_long": "精简文字",
    "string_pattern_mismatch": "改用拼音小写字母、数字和连字符",
    "list_type": "每项单独一行，以“- ”开头；只有一项也要写成列表",
    "dict_type": _MAPPING_HINT,
    "model_type": _MAPPING_HINT,
    "model_attributes_type": _MAPPING_HINT,
    "bool_parsing": "写 true（是）或 false（否）",
    "bool_type": "写 true（是）或 false（否）",
    "too_short": "至少写一项，或删除这个字段",
    "literal_error": "从列出的取值中选一个，照原样填写",
}


def validate(model: type[BaseModel], doc: YamlDocument) -> tuple[BaseModel | None, list[Problem]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        return None, [to_problem(doc, err) for err in exc.errors()]


def to_problem(doc: YamlDocument, err: ErrorDetails) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    line, col = doc.line_of(loc)
    hint = HINTS.get(kind, "")
    if kind == "extra_forbidden":
        hint = "检查字段名拼写；可用的字段见 data/schema/ 下的 JSON Schema，VS Code 会自动补全"
    elif kind == "missing":
        hint = f"在第 {line} 行所在的条目中补上字段 {loc[-1]}"
    return Problem(doc.path, line, describe(err), field=dotted(loc), col=col, hint=hint)


def describe(err: ErrorDetails) -> str:
    """What was expected, in Chinese, and what was given."""
    kind = err["type"]
    message = EXPECTED.get(kind, err["msg"])
    ctx = err.get("ctx") or {}
    if kind == "literal_error" and "expected" in ctx:
        message = f"取值应为以下之一：{ctx['expected']}"
    elif kind == "value_error":
        message = str(ctx.get("error", err["msg"]))
    elif kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        message = f"{message}，{'不能小于' if kind == 'greater_than_equal' else '不能大于'} {bound}"
    if kind != "missing" and "input" in err and not isinstance(err["input"], (dict, list)):
        message += f"（实际为：{err['input']!r}）"
    return message
