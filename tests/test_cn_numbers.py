"""The one reader of numbers and dates as Chinese reports write them."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from zongjie.cn_numbers import DATE, FULL_DATE, NUMBER, approximate, parse_date, parse_number
from zongjie.data.models import Period


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("1,200", 1200),
        ("1，200", 1200),
        ("1.2万", 12000),
        ("两", 2),
        ("十", 10),
        ("十五", 15),
        ("二十三", 23),
        ("一百二十", 120),
        ("一百零五", 105),
        ("三千", 3000),
        ("两万三千", 23000),
        ("三四", None),  # “三四次”: three or four times, not 34
        ("二三十", None),
        ("", None),
        ("几", None),
    ],
)
def test_numbers(text: str, value: int | None) -> None:
    assert parse_number(text) == value


def test_years_are_read_digit_by_digit() -> None:
    assert parse_number("二〇二三", digit_by_digit=True) == 2023
    assert parse_number("二〇二三") is None


def test_the_number_pattern_finds_each_way_of_writing() -> None:
    found = [m.group(0) for m in re.finditer(NUMBER, "共1,200人、一百二十次、1.2万册和8期")]
    assert found == ["1,200", "一百二十", "1.2万", "8"]


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("约", "人", True),
        ("", "余人", True),
        ("", "多次", True),
        ("", "以上", None),
        ("", "人", False),
    ],
)
def test_approximate(before: str, after: str, expected: bool | None) -> None:
    assert approximate(before, after) is expected


def test_dates() -> None:
    full = FULL_DATE.search("落款：二〇二一年十二月五日")
    assert full is not None and parse_date(full) == dt.date(2021, 12, 5)
    period = Period(start=dt.date(2021, 2, 20), end=dt.date(2022, 1, 31))
    short = DATE.search("于1月10日召开")
    assert short is not None and parse_date(short, period) == dt.date(2022, 1, 10)
    impossible = DATE.search("2月30日")
    assert impossible is not None and parse_date(impossible, period) is None
