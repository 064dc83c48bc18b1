"""Word's automatic numbering: the label (一、, （二）, 3.) a list paragraph shows.

Word keeps these labels out of the text: numbering.xml defines, per list and level, a
format (``chineseCounting`` …) and a pattern (``%1、``); the reader counts the paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DIGITS = "零一二三四五六七八九"
TRADITIONAL = "零壹贰叁肆伍陆柒捌玖"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
BULLET = "\u2022"
"""The label of a bulleted paragraph: the reader makes it a list item."""
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_counting(n: int, digits: str = DIGITS, ten: str = "十") -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三, 105 → 一百零五 (Word's chineseCounting)."""
    if n < 10:
        return digits[n]
    if n < 20:
        return ten + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + ten + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if not rest else (digits[0] if rest < 10 else "") + chinese_counting(rest)
    if 10 <= rest < 20:
        tail = digits[1] + tail
    return digits[n // 100] + "百" + tail


def _letter(n: int, upper: bool) -> str:
    text = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    return text.upper() if upper else text


def _roman(n: int) -> str:
    out = ""
    for value, sym in zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"),
        strict=True,
    ):
        while n >= value:
            out, n = out + sym, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    """One level's number in Word's ``w:numFmt`` (unknown formats fall back to decimal)."""
    match fmt:
        case (
            "chineseCounting" | "chineseCountingThousand" | "ideographDigital" | "taiwaneseCounting"
        ):
            return chinese_counting(n)
        case "chineseLegalSimplified" | "ideographLegalTraditional":
            return chinese_counting(n, TRADITIONAL, "拾")
        case "ideographTraditional":
            return HEAVENLY_STEMS[(n - 1) % 10]
        case "ideographZodiac":
            return EARTHLY_BRANCHES[(n - 1) % 12]
        case "decimalEnclosedCircle" | "decimalEnclosedCircleChinese":
            return CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n)
        case "decimalFullWidth" | "decimalFullWidth2":
            return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        case "lowerLetter" | "upperLetter":
            return _letter(n, fmt == "upperLetter")
        case "lowerRoman" | "upperRoman":
            return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
        case "bullet" | "none":
            return ""
    return str(n)


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    """numbering.xml's lists, and the running counters of the paragraphs read so far."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    """numId → level → format."""
    counters: dict[str, list[int]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int) -> str:
        """The label of the next paragraph at (``num_id``, ``ilvl``); deeper levels restart."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else levels[ilvl].start
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        level = levels[ilvl]
        if level.fmt == "bullet":
            return BULLET
        text = level.text
        for i in range(ilvl + 1):
            number = counts[i] or (levels[i].start if i in levels else 1)
            fmt = levels[i].fmt if i in levels else "decimal"
            text = text.replace(f"%{i + 1}", format_number(number, fmt))
        return text
