"""Narrative paragraphs of the real seed report, used to give generated reports real text."""

from pathlib import Path

SEED_PARAGRAPHS: list[str] = [
    line for line in (Path(__file__).with_name("seed_paragraphs.txt").read_text(encoding="utf-8").splitlines())
    if line.strip()
]
