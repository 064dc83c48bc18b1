"""One normalization for indexed text and typed queries.

A character is folded with NFKC (full-width → half-width, compatibility forms), lower-cased,
mapped from Traditional to Simplified with OpenCC's character table, and kept only if it is
a letter or a digit (Unicode categories L* and N*). Spaces and punctuation therefore never
matter. The browser worker applies exactly the same per-character rule, using the table
that :func:`t2s_table` exports, so a query and the text it should find normalize alike.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

import opencc

_DICT_DIR = Path(opencc.__file__).parent / "dictionary"
# OpenCC's variant tables are left out on purpose: they map characters that are ordinary
# Simplified ones (著 → 着, 台 → 臺), which would only blur Simplified text.
_T2S_FILE = "TSCharacters.txt"


def _read_table(name: str) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in (_DICT_DIR / name).read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        source, targets = parts[0], parts[1].split()
        if len(source) == 1 and targets and len(targets[0]) == 1:
            table.setdefault(source, targets[0])
    return table


@functools.cache
def t2s_table() -> dict[str, str]:
    """Single-character Traditional → Simplified map (OpenCC's first choice), changes only."""
    return {src: dst for src, dst in sorted(_read_table(_T2S_FILE).items()) if src != dst}


def _keep(char: str) -> bool:
    return unicodedata.category(char)[0] in "LN"


@functools.cache
def normalize_char(char: str) -> str:
    """The normalized form of one character: usually itself, sometimes '' or several chars."""
    table = t2s_table()
    out = []
    for c in unicodedata.normalize("NFKC", char).lower():
        c = table.get(c, c)
        if _keep(c):
            out.append(c)
    return "".join(out)


class _Translator(dict[int, str]):
    """``str.translate`` table that fills itself lazily, so translation runs at C speed."""

    def __missing__(self, key: int) -> str:
        value = normalize_char(chr(key))
        self[key] = value
        return value


_TRANSLATOR = _Translator()


def normalize(text: str) -> str:
    """Normalize ``text`` for indexing and matching (see module docstring)."""
    return text.translate(_TRANSLATOR)


def normalize_query(query: str) -> list[str]:
    """Split a typed query on white space into normalized, de-duplicated, non-empty terms."""
    terms: list[str] = []
    for word in query.split():
        term = normalize(word)
        if term and term not in terms:
            terms.append(term)
    return terms
