"""Page geometry of GB/T 9704-2012 (党政机关公文格式): the one source for the CSS and the tests."""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class Geometry:
    page_width: float = 210.0  # A4, mm
    page_height: float = 297.0
    top: float = 37.0  # 天头 (top margin)
    left: float = 28.0  # 订口 (binding-side margin)
    text_width: float = 156.0  # 版心 156 mm × 225 mm
    text_height: float = 225.0
    body_pt: float = 16.0  # 三号
    title_pt: float = 22.0  # 二号
    page_number_pt: float = 14.0  # 四号
    chars_per_line: int = 28
    lines_per_page: int = 22
    page_number_gap: float = 7.0  # 一字线上距版心下边缘 7 mm
    title_indent_em: float = 2.0  # the title keeps two characters clear on either side
    cover_title_pt: float = 26.0  # a volume's cover
    toc_pt: float = 14.0  # a volume's contents
    toc_page_em: float = 3.0  # its page-number column

    @property
    def right(self) -> float:
        return self.page_width - self.left - self.text_width

    @property
    def bottom(self) -> float:
        return self.page_height - self.top - self.text_height

    @property
    def text_width_pt(self) -> float:
        return self.text_width / MM_PER_PT

    @property
    def title_chars(self) -> float:
        """Characters of the report title that fit on one of its lines."""
        return self.text_width_pt / self.title_pt - 2 * self.title_indent_em

    @property
    def cover_title_chars(self) -> float:
        return self.text_width_pt / self.cover_title_pt

    @property
    def toc_title_chars(self) -> float:
        """Characters of a contents entry per line: the page column and a leader's room off."""
        return self.text_width_pt / self.toc_pt - self.toc_page_em - 1

    @property
    def line_pt(self) -> float:
        """Line pitch so that exactly ``lines_per_page`` lines fill the text block."""
        return round(self.text_height / MM_PER_PT / self.lines_per_page - 0.02, 2)

    @property
    def char_pt(self) -> float:
        """Advance of one character on the grid (text width ÷ characters per line)."""
        return round(self.text_width / MM_PER_PT / self.chars_per_line, 3)

    def spacing_for(self, scale: float) -> float:
        """Tracking that keeps a font drawn at ``scale`` × body size on the character grid."""
        return round(self.char_pt - self.body_pt * scale - 0.005, 3)

    @property
    def letter_spacing_pt(self) -> float:
        """Tracking so that exactly ``chars_per_line`` characters fill a line."""
        return round(self.text_width / MM_PER_PT / self.chars_per_line - self.body_pt - 0.005, 3)


GB9704 = Geometry()
