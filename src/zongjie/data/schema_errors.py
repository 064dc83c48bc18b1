"""Turn pydantic validation errors into editor-friendly Chinese problems with lines.

Every message is Chinese (pydantic's English ``msg`` is never shown) and quotes the value as
the editor typed it. When YAML read an unquoted value as something other than text (``yes`` as
true, ``2021-03-26`` as a date, ``110`` as a number), the message says so: that is why a value
that looks right to the editor is rejected.
"""

from __future__ import annotations

import math
import re
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from zongjie.data import yaml11
from zongjie.data.models import DIGEST_PATTERN, EMAIL_PATTERN, ID_PATTERN
from zongjie.data.yamlfile import YamlDocument, dotted
from zongjie.errors import Problem

DATE = "应为日期，格式 YYYY-MM-DD（如 2021-03-26）"
MAPPING = "应为映射（“键: 值”的形式）"
# What the editor should have written, per pydantic error type.
EXPECTED = {
    "missing": "缺少必填字段",
    "extra_forbidden": "未知字段（可能拼写有误）",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数，不能有小数",
    "int_parsing_size": "数值过大",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "finite_number": "应为普通的数字",
    "greater_than_equal": "数值过小",
    "greater_than": "数值过小",
    "less_than_equal": "数值过大",
    "less_than": "数值过大",
    "date_from_datetime_parsing": DATE,
    "date_from_datetime_inexact": DATE,
    "date_parsing": DATE,
    "date_type": DATE,
    "date_future": DATE,
    "date_past": DATE,
    "datetime_type": DATE,
    "string_type": "应为文本",
    "string_unicode": "应为文本",
    "string_too_short": "不能为空",
    "string_too_long": "文本过长",
    "string_pattern_mismatch": (
        "id 只能由小写字母、数字和连字符组成（如 shi-wenlian），不超过 63 个字符"
    ),
    "list_type": "应为列表（每项以“- ”开头）",
    "tuple_type": "应为列表（每项以“- ”开头）",
    "set_type": "应为列表（每项以“- ”开头）",
    "dict_type": MAPPING,
    "model_type": MAPPING,
    "model_attributes_type": MAPPING,
    "dataclass_type": MAPPING,
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "too_short": "至少需要一项",
    "too_long": "项数过多",
    "literal_error": "取值不在允许范围内",
    "enum": "取值不在允许范围内",
    "value_error": "取值有误",
    "assertion_error": "取值有误",
    "frozen_field": "这个字段不能修改",
    "none_required": "这里不应填写内容",
    "is_instance_of": "类型不对",
}
FALLBACK = "取值不符合要求"
TYPE_ERRORS = {"string_type", "int_type", "bool_type", "date_type", "list_type", "dict_type"}

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


PATTERNS = {
    # pattern → (what was expected, the hint): a pattern error names the field's own format
    ID_PATTERN: (EXPECTED["string_pattern_mismatch"], HINTS["string_pattern_mismatch"]),
    DIGEST_PATTERN: (
        "审核指纹应为 16 位小写十六进制数字（由 zongjie approve 写入）",
        "不要手写或复制指纹：用 zongjie approve 重新审核，它会写入这份报告自己的指纹",
    ),
    EMAIL_PATTERN: (
        "应为电子邮件地址，如 zhangsan@example.gov",
        "检查 @ 前后是否都有内容、有无空格",
    ),
}


def _pattern(err: ErrorDetails) -> tuple[str, str] | None:
    if err["type"] != "string_pattern_mismatch":
        return None
    pattern = str((err.get("ctx") or {}).get("pattern", ""))
    return PATTERNS.get(pattern, (f"格式不对（应符合 {pattern}）", ""))


def to_problem(doc: YamlDocument, err: ErrorDetails) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    line, col = doc.line_of(loc)
    typed = doc.scalars.get(loc)
    message, hint = describe(err, typed), HINTS.get(kind, "")
    if (own := _pattern(err)) is not None:
        hint = own[1]
    if kind == "extra_forbidden":
        hint = "检查字段名拼写；可用的字段见 data/schema/ 下的 JSON Schema，VS Code 会自动补全"
    elif kind == "missing":
        hint = f"在第 {line} 行所在的条目中补上字段 {loc[-1]}"
    elif err.get("input", "") is None and kind in TYPE_ERRORS:
        hint = f"填写 {loc[-1]} 的内容；可选字段不需要时整行删除"
    elif kind.startswith("date") and typed is not None and yaml11.has_time(typed.text):
        hint = f"删去时间，只写日期，如 {typed.text.split()[0].split('T')[0]}"
    elif kind.startswith("date"):
        hint = "年份写四位，月和日各写两位，用“-”连接，如 2021-03-05"
    elif kind == "int_type" and typed is not None and not typed.plain:
        hint = f"数字不要加引号，写成 {typed.text.strip()}"
    elif typed is not None and yaml11.reading(typed, err.get("input")):
        hint = f"如果这是文字，给它加引号：'{typed.text}'" if kind == "string_type" else ""
    return Problem(doc.path, line, message, field=dotted(loc), col=col, hint=hint)


def describe(err: ErrorDetails, typed: yaml11.Scalar | None = None) -> str:
    """What was expected, in Chinese, and what was given."""
    kind = err["type"]
    message = EXPECTED.get(kind, FALLBACK)
    if (own := _pattern(err)) is not None:
        message = own[0]
    ctx = err.get("ctx") or {}
    value: Any = err.get("input")
    if kind == "literal_error" and "expected" in ctx:
        choices = re.findall(r"'([^']*)'", str(ctx["expected"])) or [str(ctx["expected"])]
        message = f"取值应为以下之一：{'、'.join(choices)}"
    elif kind in ("value_error", "assertion_error") and _chinese(ctx.get("error")):
        message = str(ctx["error"])
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next((ctx[k] for k in ("ge", "le", "gt", "lt") if k in ctx), "")
        word = "不能小于" if kind.startswith("greater") else "不能大于"
        message = f"{message}，{word} {bound}"
    elif kind in ("string_too_long", "too_long") and "max_length" in ctx:
        message = (
            f"{message}（最多 {ctx['max_length']} {'个字' if kind.startswith('string') else '项'}）"
        )
    if kind.startswith("date") and (
        (typed is not None and yaml11.has_time(typed.text)) or kind == "date_from_datetime_inexact"
    ):
        return f"写的是时间“{yaml11.shown(typed, value)}”，这里只写日期"
    if value is None and kind in TYPE_ERRORS:
        written = f"：写的是 {typed.text}，YAML 把它读成了空值" if typed and typed.text else ""
        return f"不能为空{written}"
    if kind == "int_type" and isinstance(value, float) and math.isfinite(value) and value % 1:
        message = EXPECTED["int_from_float"]
    read = yaml11.reading(typed, value) if typed is not None else None
    # A number where a number was meant is no surprise; true, empty or a date where text or a
    # count was meant is, and so is a number where text was meant.
    surprising = typed is not None and (
        typed.tag in (yaml11.BOOL_TAG, yaml11.NULL_TAG, yaml11.TIMESTAMP_TAG)
        or kind == "string_type"
    )
    if read and surprising and kind in TYPE_ERRORS:
        return f"{message}：写的是 {typed.text}，YAML 把它读成了{read}"  # type: ignore[union-attr]
    if kind != "missing" and not isinstance(value, (dict, list)):
        message += f"（实际为：{yaml11.shown(typed, value)}）"
    return message


def _chinese(text: object) -> bool:
    return isinstance(text, (str, Exception)) and any("\u4e00" <= c <= "\u9fff" for c in str(text))
