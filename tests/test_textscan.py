"""The invisible-character scan: one compiled pattern, the same findings as the rule per char."""

from __future__ import annotations

import random
import sys

from zongjie import textscan
from zongjie.textscan import Found, invisible_by_line, is_invisible


def test_pattern_matches_exactly_the_invisible_characters_of_every_plane() -> None:
    pattern = textscan._invisible_pattern()
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert bool(pattern.fullmatch(char)) == is_invisible(char), f"U+{code:04X}"


def _by_char(text: str, start: int, end: int) -> list[Found]:
    """The rule written out one character at a time, as the reference (``start`` begins a line)."""
    found = []
    first_line = text.count("\n", 0, start) + 1
    for number, line in enumerate(text[start:end].split("\n")):
        chars = "".join(dict.fromkeys(c for c in line if is_invisible(c)))
        if chars:
            col = next(i for i, c in enumerate(line) if is_invisible(c)) + 1
            found.append(Found(first_line + number, col, chars))
    return found


def test_scan_agrees_with_the_rule_on_random_text() -> None:
    rng = random.Random(7)
    alphabet = "党史ab \n\n\t\r\u200b\u202e\ufeff\x07\u3164\u00ad\u2028\U000e0041"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 50)))
        start = text.rfind("\n", 0, rng.randint(0, len(text))) + 1
        end = rng.randint(start, len(text))
        assert list(invisible_by_line(text, start, end)) == _by_char(text, start, end), text


def test_lines_and_columns_count_from_the_start_of_the_text() -> None:
    text = "第一行\n第二行\u200b有\u200b零宽空格\u202e\n第三行"
    assert list(invisible_by_line(text)) == [Found(2, 4, "\u200b\u202e")]
    assert list(invisible_by_line(text, text.index("第三行"))) == []
