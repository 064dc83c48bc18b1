"""A page written as HTML, a script or an SVG with code in docs/ would be copied into the site as
it is, past the narrative's allowlist (and ``script-src 'self'`` would allow the script): each is
an error of ``zongjie check`` and of the build, at the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import run_zongjie

HARMLESS_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'
CASES = {
    "docs/guide/evil.html": "<!doctype html><script src='evil.js'></script>",
    "docs/guide/evil.js": "alert(document.cookie)",
    "docs/img/chart.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "docs/img/script.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "docs/img/redirect.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:h="http://www.w3.org/1999/xhtml">'
        '<h:meta http-equiv="refresh" content="0;url=/elsewhere/"/></svg>'
    ),
    "docs/img/xslt.svg": (
        '<?xml-stylesheet type="text/xsl" href="fine.svg"?>'
        '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'
    ),
}


@pytest.mark.parametrize("rel", list(CASES))
def test_code_in_docs_is_refused(tiny: Path, rel: str) -> None:
    path = tiny / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CASES[rel], encoding="utf-8")
    (tiny / "docs/img").mkdir(exist_ok=True)
    (tiny / "docs/img/fine.svg").write_text(HARMLESS_SVG, encoding="utf-8")
    check = run_zongjie("check", cwd=tiny)
    assert check.returncode == 1
    assert f"{rel}:1:1: 错误: [文件]" in check.stdout, check.stdout
    assert "docs/img/fine.svg" not in check.stdout
    build = run_zongjie("build", "-q", cwd=tiny)
    assert build.returncode == 1
    assert f"{rel}:1:1: 错误: [文件]" in build.stdout + build.stderr
    assert not (tiny / "site").exists()
