"""What every reader of a sent report produces: paragraphs and tables, in document order."""

from __future__ import annotations

from dataclasses import dataclass, field

SPACES = " \t\u3000\xa0"


@dataclass
class Block:
    """One paragraph (``kind`` "p", "h1".."h6" or "li") or one table (``kind`` "table").

    ``text`` keeps bold runs as ``**…**``; a Word list's number (一、, （一）) is part of it,
    as the reader sees it. ``align`` and ``size`` (points) carry the direct formatting that marks
    a title or a 落款 in documents that use no styles.
    """

    kind: str
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    align: str = ""
    size: float = 0.0
    line: int = 0
    """Its line in a text file (0 for Word), so a number can be pointed at where it stands."""

    @property
    def plain(self) -> str:
        return self.text.replace("**", "").strip(SPACES)


@dataclass
class Source:
    """A report as read: its blocks and anything the reader could not carry over."""

    blocks: list[Block]
    warnings: list[str] = field(default_factory=list)
