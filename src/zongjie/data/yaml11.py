"""YAML 1.1 readings that differ from what the editor typed.

PyYAML follows YAML 1.1, where an unquoted ``010`` is the octal number 8, ``1:30`` is the
base-60 number 90 and ``yes``/``no``/``on``/``off`` are true and false. Editors (and VS Code's
YAML 1.2 checker) see the text they typed, so each reading is explained with both: what was
typed and what YAML made of it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
BOOL_TAG = "tag:yaml.org,2002:bool"
NULL_TAG = "tag:yaml.org,2002:null"
TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
STR_TAG = "tag:yaml.org,2002:str"

DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
DATE_TEXT = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
TIME_TEXT = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d{2}")


@dataclass(frozen=True)
class Scalar:
    """A scalar as typed: its source text, whether it was unquoted, and the tag YAML chose."""

    text: str
    plain: bool
    tag: str


def number_trap(scalar: Scalar, value: Any) -> tuple[str, str] | None:
    """``(message, hint)`` when an unquoted number reads as something other than its decimal
    digits (octal, hexadecimal, binary, base 60), whatever the field expects."""
    if not scalar.plain or scalar.tag not in (INT_TAG, FLOAT_TAG):
        return None
    text = scalar.text
    if scalar.tag == INT_TAG and DECIMAL.fullmatch(text):
        return None
    if ":" in text:
        kind, hint = "六十进制数", "次数、人数写成整数；时间、比分等文字请加引号"
    elif scalar.tag == FLOAT_TAG:
        return None
    elif text.lstrip("+-").lower().startswith("0x"):
        kind, hint = "十六进制数", "写成十进制整数；如果是编号等文字，请加引号"
    elif text.lstrip("+-").lower().startswith("0b"):
        kind, hint = "二进制数", "写成十进制整数；如果是编号等文字，请加引号"
    else:
        kind, decimal = "八进制数", text.lstrip("+-").lstrip("0") or "0"
        hint = f"数字不要以 0 开头，写成 {decimal}；如果是编号等文字，请加引号"
    shown = _number(value)
    return f"写的是 {text}，YAML 把它读成了{kind} {shown}", f"{hint}，如 '{text}'"


def reading(scalar: Scalar, value: Any) -> str | None:
    """What YAML made of an unquoted scalar that did not stay text, e.g. ``是非值 true``;
    ``None`` when it was read as text."""
    if not scalar.plain or scalar.tag == STR_TAG:
        return None
    if scalar.tag == BOOL_TAG:
        return f"是非值 {'true' if value else 'false'}"
    if scalar.tag == NULL_TAG:
        return "空值"
    if scalar.tag == TIMESTAMP_TAG:
        return "日期时间" if isinstance(value, dt.datetime) else "日期"
    if scalar.tag in (INT_TAG, FLOAT_TAG):
        return f"数字 {_number(value)}"
    return None


def shown(scalar: Scalar | None, value: Any) -> str:
    """The value as the editor typed it, or else in plain words (never a Python repr)."""
    if scalar is not None and not scalar.plain and scalar.text.strip().lstrip("+-").isdigit():
        return f"加了引号的 '{scalar.text}'"  # a number in quotes is text to YAML
    if scalar is not None:
        return scalar.text or "空"
    if value is None:
        return "空"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return _number(value)
    return str(value)


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def bad_date(text: str) -> str | None:
    """Why a date-shaped text is not a date: ``2021-02-30`` → 2021 年 2 月只有 28 天."""
    m = DATE_TEXT.match(text)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        return f"日期 {text} 不存在：月份应为 1 到 12"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"日期 {text} 不存在：{year} 年 {month} 月只有 {days} 天"
    return None


def has_time(text: str) -> bool:
    return bool(TIME_TEXT.match(text.strip()))
