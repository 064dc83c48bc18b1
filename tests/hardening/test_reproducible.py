"""Reproducible builds: the same tree built twice (in two checkouts) gives a byte-identical site.

Covers every file: HTML, ``sitemap.xml(.gz)``, the search index, and PDFs under ``site/pdf/``
when the PDF hook is enabled. ``SOURCE_DATE_EPOCH`` is set, as a release build would.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

from .conftest import copy_sample, run_zongjie
from .sitefiles import tree_hashes


def _diff(a: Path, b: Path) -> str:
    try:
        old, new = a.read_text("utf-8").splitlines(), b.read_text("utf-8").splitlines()
        lines = difflib.unified_diff(old, new, lineterm="", n=0)
        return "\n".join(list(lines)[:20])
    except UnicodeDecodeError:
        return "(binary file differs)"


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    sites = []
    first_checkout = copy_sample(tmp_path / "checkout-a")
    # The second checkout is a copy of the first, so both hold exactly the same sources
    # even while the repository is being edited; only the path differs.
    shutil.copytree(first_checkout, tmp_path / "checkout-b", symlinks=True)
    for name in ("checkout-a", "checkout-b"):
        root = tmp_path / name
        # The checkout's own engine, not the editable install's: the sources must not change
        # between the two builds while others edit the repository.
        done = run_zongjie("build", "-q", cwd=root, env={"PYTHONPATH": str(root / "src")})
        assert done.returncode == 0, done.stdout + done.stderr
        sites.append(root / "site")
    first, second = (tree_hashes(s) for s in sites)
    assert sorted(first) == sorted(second), set(first) ^ set(second)
    for must in ("sitemap.xml", "sitemap.xml.gz", "search/search_index.json"):
        assert must in first
    differing = [p for p in first if first[p] != second[p]]
    details = "\n".join(f"--- {p}\n{_diff(sites[0] / p, sites[1] / p)}" for p in differing[:5])
    assert not differing, f"{len(differing)} files differ between two builds:\n{details}"
    pdfs = [p for p in first if p.startswith("pdf/")]
    print(f"compared {len(first)} files, {len(pdfs)} PDFs")
