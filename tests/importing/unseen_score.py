"""The unseen reports' score: recall, wrong values and approximate values that lost their note.

``tests/importing/unseen`` holds reports in voices the import corpus lacks (a state
enterprise, a township, a college, a district bureau, a community branch, a hospital), each
with a facts file written by hand before the importer read it. Facts are matched as in
``benchmarks/importer.py``; a fact listed under ``approx`` must also be written with the
note that it is an estimate.

``python -m tests.importing.unseen_score`` prints the figures and every miss.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from benchmarks.importer import FileScore, score

UNSEEN = Path(__file__).parent / "unseen"
APPROX_NOTE = "原文为约数"


@dataclass
class UnseenScore:
    files: list[FileScore]
    lost_notes: list[str]

    @property
    def facts(self) -> int:
        return sum(s.facts for s in self.files)

    @property
    def matched(self) -> int:
        return sum(s.matched for s in self.files)

    @property
    def recall(self) -> float:
        return self.matched / self.facts

    @property
    def wrong(self) -> int:
        return sum(len(s.wrong) for s in self.files)


def _approx_values(facts: dict[str, Any]) -> list[int]:
    """The values a facts file marks as approximate (``approx: [field, …]``)."""
    out: list[int] = []
    for key in ("trainings", "outreach", "rectification"):
        for item in facts.get(key) or []:
            for name in item.get("approx", []):
                if name == "distributed":
                    out += [d["count"] for d in item["distributed"]]
                else:
                    out.append(item[name])
    return out


def _lost_notes(project: Path, facts: dict[str, Any]) -> list[str]:
    path = project / "data" / "reports" / facts["campaign"] / f"{facts['unit']}.yml"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    lost = []
    for value in _approx_values(facts):
        written = [ln for ln in lines if ln.split("#")[0].rstrip().endswith(f" {value}")]
        if not any(APPROX_NOTE in ln for ln in written):
            lost.append(f"{facts['file']}: {value}")
    return lost


def score_unseen(work: Path) -> UnseenScore:
    files, _ = score(UNSEEN, work, UNSEEN / "units.yml")
    project = work / "project"
    lost = []
    for path in sorted((UNSEEN / "facts").glob("*.yml")):
        lost += _lost_notes(project, yaml.safe_load(path.read_text(encoding="utf-8")))
    return UnseenScore(files, lost)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="zongjie-unseen-") as work:
        result = score_unseen(Path(work))
    for s in result.files:
        print(f"{s.name}: {s.matched}/{s.facts} 正确, {len(s.wrong)} 错提")
        for atom in s.missed:
            print("  漏提", *atom)
        for atom in s.wrong:
            print("  错提", *atom)
    for lost in result.lost_notes:
        print("  约数未注明", lost)
    print(
        f"合计: recall {result.recall:.3f} ({result.matched}/{result.facts}), "
        f"wrong values {result.wrong}, approximate without note {len(result.lost_notes)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
