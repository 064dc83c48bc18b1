"""Numbers and dates as reports write them: 1,200, 1.2万, 一百二十, 二〇二三年十二月五日.

The one reader of Chinese numbers: ``zongjie import`` proposes facts with it and the consistency
check reads a narrative's hand-written counts with it, so both read a sentence the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zongjie.data.models import Period

DIGIT = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
DIGIT |= {"六": 6, "七": 7, "八": 8, "九": 9}
UNIT = {"十": 10, "百": 100, "千": 1000}
CN = "〇零○一二两三四五六七八九十百千万"
NUMBER = rf"(?:\d{{1,3}}(?:[,，]\d{{3}})+|\d+(?:\.\d+)?万?|[{CN}]+)"
APPROX_BEFORE = re.compile(r"(?:约|近|大约|将近|逾)$")
APPROX_AFTER = re.compile(r"^(?:余|多|左右)")
LOWER_BOUND_AFTER = re.compile(r"^(?:以上|及以上)")
YEAR = r"((?:19|20)\d{2}|[二][〇零○][一二三四五六七八九〇零○]{2})\s*年"
MONTH_DAY = rf"([\d]{{1,2}}|[{CN}]{{1,3}})\s*月\s*([\d]{{1,2}}|[{CN}]{{1,4}})\s*[日号]"
FULL_DATE = re.compile(YEAR + r"\s*" + MONTH_DAY)
DATE = re.compile(rf"(?:{YEAR}\s*)?{MONTH_DAY}")


def parse_number(text: str, digit_by_digit: bool = False) -> int | None:
    """``12`` → 12, ``1,200`` → 1200, ``1.2万`` → 12000, ``二十三`` → 23, ``一百二十`` → 120.

    Digits without 十/百/千 are a number only as a year, read digit by digit (``二〇二三``, with
    ``digit_by_digit``): in running text ``三四次`` means "three or four times", not 34."""
    text = text.replace(",", "").replace("，", "")
    if not text:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?万", text):
        return round(float(text[:-1]) * 10000)
    if text.isdigit():
        return int(text)
    if any(ch not in DIGIT and ch not in UNIT and ch != "万" for ch in text):
        return None
    if "万" in text:
        high, _, low = text.partition("万")
        high_value = parse_number(high) if high else 1
        low_value = parse_number(low) if low else 0
        if high_value is None or low_value is None:
            return None
        return high_value * 10000 + low_value
    if not any(ch in UNIT for ch in text):
        if len(text) == 1:
            return DIGIT[text]
        return int("".join(str(DIGIT[ch]) for ch in text)) if digit_by_digit else None
    total, digit = 0, None
    for ch in text:
        if ch in DIGIT:
            if digit is not None and DIGIT[ch] != 0:
                return None  # 二三十: not a number
            digit = DIGIT[ch] or None
        else:
            if digit is None and total and ch == "十":
                digit = 1  # 一百十 is rare; 十 alone means 10
            total += (digit if digit is not None else 1) * UNIT[ch]
            digit = None
    return total + (digit or 0)


def approximate(before: str, after: str) -> bool | None:
    """Whether the number is an estimate (约, 余, 多…); ``None`` for a lower bound (以上)."""
    if LOWER_BOUND_AFTER.match(after):
        return None
    return bool(APPROX_BEFORE.search(before) or APPROX_AFTER.match(after))


def parse_date(match: re.Match[str], period: Period | None = None) -> dt.date | None:
    """A date from a :data:`DATE` or :data:`FULL_DATE` match; the year from ``period`` if absent."""
    year_text, month_text, day_text = match.group(1), match.group(2), match.group(3)
    month, day = parse_number(month_text), parse_number(day_text)
    if month is None or day is None:
        return None
    if year_text:
        year = parse_number(year_text, digit_by_digit=True)
        if year is None:
            return None
        return _date(year, month, day)
    if period is None:
        return None
    for year in range(period.start.year, period.end.year + 1):
        day_in = _date(year, month, day)
        if day_in is not None and day_in in period:
            return day_in
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
