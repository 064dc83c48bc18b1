"""``zongjie demo`` writes valid, approved content for any seed."""

from __future__ import annotations

import re
from pathlib import Path

from zongjie.demo import write_demo
from zongjie.rules import load_project


def test_a_digest_of_digits_stays_text(tmp_path: Path) -> None:
    """Seed 4 approves a report whose 16-hex-digit fingerprint happens to be all decimal digits:
    written unquoted, YAML would read it back as a number and the build would fail."""
    write_demo(tmp_path, units=300, campaigns=2, seed=4)
    digests = [
        m
        for p in sorted(tmp_path.glob("data/reports/*/*.yml"))
        for m in re.findall(r"^reviewed_digest: (.+)$", p.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    digit_only = [d for d in digests if d.strip('"').isdigit()]
    assert digit_only and all(d.startswith('"') for d in digit_only)
    content = load_project(tmp_path)
    assert content.log.problems == []
    assert len(content.reports) == 600
    assert all(isinstance(r.report.reviewed_digest, str) for r in content.reports.values())
