"""Reproducible builds: the same tree built twice (in two checkouts) gives a byte-identical site.

Covers every file: HTML, ``sitemap.xml(.gz)``, the search index, and the PDFs, volumes and
archive packages under ``site/pdf/``, each rendered from scratch in both builds (a private,
empty PDF cache per checkout). ``SOURCE_DATE_EPOCH`` is set, as a release build would.
"""

from __future__ import annotations

import difflib
import json
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


def _expected_pdfs(root: Path) -> set[str]:
    """Every file the PDF hook must publish for the checkout's reports."""
    reports = [p.relative_to(root / "data/reports") for p in root.glob("data/reports/*/*.yml")]
    campaigns = {r.parent.as_posix() for r in reports}
    return (
        {f"pdf/{r.parent.as_posix()}/{r.stem}.pdf" for r in reports}
        | {f"pdf/{c}.pdf" for c in campaigns}
        | {f"pdf/{c}-archive.zip" for c in campaigns}
    )


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    sites = []
    first_checkout = copy_sample(tmp_path / "checkout-a")
    # The second checkout is a copy of the first, so both hold exactly the same sources
    # even while the repository is being edited; only the path differs.
    shutil.copytree(first_checkout, tmp_path / "checkout-b", symlinks=True)
    expected_pdfs = _expected_pdfs(first_checkout)
    reports = sum(1 for p in expected_pdfs if p.count("/") == 2)
    assert reports >= 10, "the sample has fewer reports than it used to"
    for name in ("checkout-a", "checkout-b"):
        root = tmp_path / name
        cache = root / ".pdf-cache"
        # The checkout's own engine, not the editable install's: the sources must not change
        # between the two builds while others edit the repository.
        env = {"PYTHONPATH": str(root / "src"), "ZONGJIE_PDF_CACHE": str(cache)}
        done = run_zongjie("build", "-q", cwd=root, env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        stats = json.loads((cache / "last-build.json").read_text(encoding="utf-8"))
        assert (stats["rendered"], stats["cached"]) == (reports, 0), "a PDF came from a cache"
        sites.append(root / "site")
    first, second = (tree_hashes(s) for s in sites)
    assert sorted(first) == sorted(second), set(first) ^ set(second)
    for must in ("sitemap.xml", "sitemap.xml.gz", "search/search_index.json"):
        assert must in first
    assert {p for p in first if p.startswith("pdf/")} == expected_pdfs
    differing = [p for p in first if first[p] != second[p]]
    details = "\n".join(f"--- {p}\n{_diff(sites[0] / p, sites[1] / p)}" for p in differing[:5])
    assert not differing, f"{len(differing)} files differ between two builds:\n{details}"
