"""The markers' HTML comes only from genuine markers: a placeholder written into a page by hand
is a comment like any other (removed), never a way to pull another page's table into it, and a
genuine marker still renders after the sanitizer."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import run_zongjie


def test_forged_placeholders_are_not_filled(tiny: Path) -> None:
    forged = "\n\n".join(f"<!--zj-ph:{n}-->" for n in range(40))
    page = tiny / "docs/notes.md"
    page.write_text(f"# 说明\n\n正文。\n\n{forged}\n\n结尾。\n", encoding="utf-8")
    done = run_zongjie("build", "-q", cwd=tiny)
    assert done.returncode == 0, done.stdout + done.stderr
    html = (tiny / "site/notes/index.html").read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", html, re.DOTALL)
    assert article is not None
    assert "zj-ph" not in article[0]
    assert not re.search(r'class="zj-(?!review)', article[0]), "a marker's HTML in a forged slot"
    report = (tiny / "site/campaigns/dangshi-2021/u0000/index.html").read_text(encoding="utf-8")
    assert 'class="zj-summary"' in report  # the genuine markers render
    assert "zj-ph" not in report
