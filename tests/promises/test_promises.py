"""Adversarial cases, promise by promise (see ``register.py``).

Each case breaks a copy of a tiny valid project whose site was already built, as an editor on a
Chinese keyboard or an attacker with commit access would, then asserts the promise:

- ``error``: ``zongjie check --strict`` and ``zongjie build --strict`` both exit non-zero,
  both name the file at a line (``path:line:``), in Chinese, without a traceback, and the
  last good site is untouched;
- ``site``: ``check`` and ``build --strict`` succeed and the built site passes ``ok(site)``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from support import tree_hash
from zongjie.demo import write_demo

from .register import PROMISES

REPORT = "data/reports/dangshi-2021/u0000.yml"
PAGE = "docs/campaigns/dangshi-2021/u0000.md"
UNITS = "data/units.yml"
HTML = "campaigns/dangshi-2021/u0000/index.html"
CJK = re.compile(r"[\u4e00-\u9fff]")


def run_zongjie(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the ``zongjie`` CLI as a user would."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    return subprocess.run(
        [sys.executable, "-m", "zongjie", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@dataclass(frozen=True)
class Case:
    promise: str
    name: str
    # (file, old, new): replace; (file, None, text): write; (file, "", text): append
    edits: list[tuple[str, str | None, str | bytes]]
    where: str | None = None  # path that must be reported at a line; None: a correct site
    ok: Callable[[Path], bool] | None = None
    xfail: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def page(site: Path, rel: str = HTML) -> str:
    return (site / rel).read_text(encoding="utf-8")


def no_script(site: Path) -> bool:
    texts = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    # Live markup only: escaped text (&lt;img onerror=…&gt;) is shown, never run.
    bad = re.compile(
        r"<script[^>]*>\s*alert|<[a-z][^>]*\sonerror=|href=[\"']?javascript:alert|<iframe",
        re.IGNORECASE,
    )
    return not any(bad.search(t) for t in texts)


def no_other_host(site: Path) -> bool:
    ref = re.compile(r"""(?:src|href|srcset|action)\s*=\s*["']?(?:https?:)?//evil""", re.IGNORECASE)
    return not any(ref.search(p.read_text(encoding="utf-8")) for p in site.rglob("*.html"))


def unpublished(site: Path) -> bool:
    return not (site / HTML).exists() and "城关区教育局党史学习教育工作总结报告" not in "".join(
        p.read_text(encoding="utf-8") for p in site.rglob("*.html")
    )


C = Case
CASES: list[Case] = [
    # -- marker ---------------------------------------------------------------------------------
    C("marker", "typo", [(PAGE, "<!-- zj:activities -->", "<!-- zj:activites -->")], PAGE),
    C(
        "marker",
        "fullwidth-colon",
        [(PAGE, "<!-- zj:activities -->", "<!-- zj：activities -->")],
        PAGE,
    ),
    C(
        "marker",
        "fullwidth-bang",
        [(PAGE, "<!-- zj:activities -->", "<！-- zj:activities -->")],
        PAGE,
    ),
    C(
        "marker",
        "fullwidth-brackets",
        [(PAGE, "<!-- zj:activities -->", "＜!-- zj:activities --＞")],
        PAGE,
    ),
    C("marker", "uppercase", [(PAGE, "<!-- zj:activities -->", "<!-- ZJ:activities -->")], PAGE),
    C("marker", "unknown-value", [(PAGE, "<!-- zj:value m0 -->", "<!-- zj:value m9 -->")], PAGE),
    C("marker", "unclosed", [(PAGE, "<!-- zj:activities -->", "<!-- zj:activities")], PAGE),
    C(
        "marker",
        "zero-width-in-name",
        [(PAGE, "<!-- zj:activities -->", "<!-- zj:activ\u200bities -->")],
        PAGE,
    ),
    # A no-break space pasted from Word separates a marker's words as a space does.
    C(
        "marker",
        "nbsp-in-value-id",
        [(PAGE, "<!-- zj:value m0 -->", "<!-- zj:value\u00a0m0 -->")],
        ok=lambda site: (
            '共召开<span class="zj-num">' in page(site) and "zj:value" not in page(site)
        ),
    ),
    # -- yaml-types -----------------------------------------------------------------------------
    C("yaml-types", "fullwidth-digits", [(REPORT, "count: 2\n", "count: １２\n")], REPORT),
    C("yaml-types", "quoted-number", [(REPORT, "count: 2\n", 'count: "12"\n')], REPORT),
    C("yaml-types", "negative", [(REPORT, "count: 2\n", "count: -3\n")], REPORT),
    C("yaml-types", "huge", [(REPORT, "count: 2\n", "count: 99999999999999999999\n")], REPORT),
    C("yaml-types", "percent", [(REPORT, "count: 2\n", "count: 50%\n")], REPORT),
    C("yaml-types", "chinese-date", [(REPORT, "date: 2021-12-22", "date: 2021年12月22日")], REPORT),
    C("yaml-types", "slash-date", [(REPORT, "date: 2021-12-22", "date: 2021/12/22")], REPORT),
    C(
        "yaml-types",
        "duplicate-key",
        [(REPORT, "date: 2021-12-22\n", "date: 2021-12-22\ndate: 2021-12-23\n")],
        REPORT,
    ),
    C(
        "yaml-types",
        "tab-indent",
        [(REPORT, "  - kind: 党组会议\n    count: 2", "  - kind: 党组会议\n\tcount: 2")],
        REPORT,
    ),
    C("yaml-types", "fullwidth-colon", [(REPORT, "count: 2\n", "count：2\n")], REPORT),
    C("yaml-types", "float-count", [(REPORT, "count: 2\n", "count: 2.5\n")], REPORT),
    # -- encoding -------------------------------------------------------------------------------
    C("encoding", "gbk-yaml", [(REPORT, None, "title: 报告\n".encode("gbk"))], REPORT),
    C("encoding", "gbk-markdown", [(PAGE, None, "# 报告\n\n正文\n".encode("gbk"))], PAGE),
    # Read as UTF-8, and warned at line 1 so that the file is saved without it: --strict stops.
    C("encoding", "bom-yaml", [(REPORT, "\ufeff", "")], REPORT),
    C("encoding", "crlf-yaml", [(REPORT, "\n", "\r\n")], None, lambda s: "城关区教育局" in page(s)),
    C(
        "encoding",
        "crlf-markdown",
        [(PAGE, "\n", "\r\n")],
        None,
        lambda s: "城关区教育局" in page(s),
    ),
    C("encoding", "utf16-yaml", [(REPORT, None, "title: 报告\n".encode("utf-16"))], REPORT),
    # -- content-files --------------------------------------------------------------------------
    C(
        "content-files",
        "copy-md",
        [("docs/campaigns/dangshi-2021/u0000 - 副本.md", None, "@" + PAGE)],
        "docs/campaigns/dangshi-2021/u0000 - 副本.md",
    ),
    C(
        "content-files",
        "copy-yml",
        [("data/reports/dangshi-2021/u0000 - 副本.yml", None, "@" + REPORT)],
        "data/reports/dangshi-2021/u0000 - 副本.yml",
    ),
    C(
        "content-files",
        "copy-of-yml",
        [("data/reports/dangshi-2021/copy of u0000.yml", None, "@" + REPORT)],
        "data/reports/dangshi-2021/copy of u0000.yml",
    ),
    C(
        "content-files",
        "bak-yml",
        [("data/reports/dangshi-2021/u0000.yml.bak", None, "@" + REPORT)],
        "data/reports/dangshi-2021/u0000.yml.bak",
    ),
    C(
        "content-files",
        "bak-md",
        [("docs/campaigns/dangshi-2021/u0000.md.bak", None, "@" + PAGE)],
        "docs/campaigns/dangshi-2021/u0000.md.bak",
    ),
    C(
        "content-files",
        "yaml-extension",
        [("data/reports/dangshi-2021/u0000.yaml", None, "@" + REPORT)],
        "data/reports/dangshi-2021/u0000.yaml",
    ),
    C(
        "content-files",
        "copy-md-2",
        [("docs/campaigns/dangshi-2021/u0000(1).md", None, "@" + PAGE)],
        "docs/campaigns/dangshi-2021/u0000(1).md",
    ),
    # -- publishing -----------------------------------------------------------------------------
    # Back to 草稿 with the approval left in: refused at the approval's lines.
    C("publishing", "draft", [(REPORT, "status: 已审定", "status: 草稿")], REPORT),
    C(
        "publishing",
        "draft-cleanly",
        [
            (REPORT, "status: 已审定", "status: 草稿"),
            (REPORT, "reviewed_by: 示例审核组\n", ""),
            (REPORT, "reviewed_on: 2021-12-27\n", ""),
        ],
        None,
        unpublished,
    ),
    C("publishing", "trailing-space", [(REPORT, "status: 已审定", "status: '已审定 '")], REPORT),
    C("publishing", "zero-width", [(REPORT, "status: 已审定", "status: 已\u200b审定")], REPORT),
    C("publishing", "inner-space", [(REPORT, "status: 已审定", "status: 已 审定")], REPORT),
    C("publishing", "traditional", [(REPORT, "status: 已审定", "status: 已審定")], REPORT),
    C("publishing", "no-reviewer", [(REPORT, "reviewed_by: 示例审核组\n", "")], REPORT),
    C(
        "publishing",
        "review-before-submit",
        [(REPORT, "reviewed_on: 2021-12-27", "reviewed_on: 2021-12-01")],
        REPORT,
    ),
    C(
        "publishing",
        "page-without-data",
        [("docs/campaigns/dangshi-2021/u0009.md", None, "# 未审定的报告\n\n机密草稿\n")],
        "docs/campaigns/dangshi-2021/u0009.md",
    ),
    # -- totals ---------------------------------------------------------------------------------
    C(
        "totals",
        "unknown-unit",
        [
            ("data/reports/dangshi-2021/u0009.yml", None, "@" + REPORT),
            ("docs/campaigns/dangshi-2021/u0009.md", None, "@" + PAGE),
        ],
        "data/reports/dangshi-2021/u0009.yml",
    ),
    C("totals", "rectified-over-found", [(REPORT, "      已整改: 6", "      已整改: 60")], REPORT),
    C("totals", "duplicate-unit-id", [(UNITS, "- id: u0001", "- id: u0000")], UNITS),
    # ... and around a value it is trimmed like any space: the unit keeps its id and its report.
    C(
        "totals",
        "nbsp-unit-id",
        [(UNITS, "- id: u0001", "- id: u0001\u00a0")],
        ok=lambda site: (
            (site / "campaigns/dangshi-2021/u0001/index.html").exists()
            and "u0001/" in page(site, "campaigns/dangshi-2021/index.html")
        ),
    ),
    C(
        "totals",
        "duplicate-activity-kind",
        [(REPORT, "  - kind: 中心组学习\n", "  - kind: 党组会议\n")],
        REPORT,
    ),
    # The meeting deleted from the data, still named in the text: it would read “召开0次”.
    C(
        "totals",
        "marker-without-data",
        [(REPORT, "  - kind: 中心组学习\n    count: 8\n", "")],
        PAGE,
    ),
    C(
        "totals",
        "unknown-kind",
        [(REPORT, "  - kind: 主题党日\n", "  - kind: 主题党日活动\n")],
        REPORT,
    ),
    C(
        "totals",
        "date-out-of-period",
        [(REPORT, "    date: 2021-03-29", "    date: 2019-03-29")],
        REPORT,
    ),
    # -- security -------------------------------------------------------------------------------
    C(
        "security",
        "script-in-title",
        [
            (
                REPORT,
                "title: 城关区教育局党史学习教育工作总结报告",
                "title: <script>alert(1)</script>",
            )
        ],
        REPORT,
    ),
    C(
        "security",
        "script-in-body",
        [(PAGE, "<!-- zj:summary -->", "<script>alert(1)</script>")],
        PAGE,
    ),
    C(
        "security",
        "onerror-in-body",
        [(PAGE, "<!-- zj:summary -->", "<img src=x onerror=alert(1)>")],
        PAGE,
    ),
    C(
        "security",
        "javascript-link",
        [(PAGE, "<!-- zj:summary -->", "[点我](javascript:alert(1))")],
        PAGE,
    ),
    C(
        "security",
        "iframe",
        [(PAGE, "<!-- zj:summary -->", '<iframe src="https://evil.example/"></iframe>')],
        PAGE,
    ),
    C(
        "security",
        "remote-image",
        [(PAGE, "<!-- zj:summary -->", "![图](https://evil.example/x.png)")],
        PAGE,
    ),
    C(
        "security",
        "protocol-relative-image",
        [(PAGE, "<!-- zj:summary -->", "![图](//evil.example/x.png)")],
        PAGE,
    ),
    C(
        "security",
        "script-in-activity-title",
        [(REPORT, "title: 党史学习教育动员部署会", "title: <img src=x onerror=alert(1)>")],
        REPORT,  # escaped wherever shown (tests/hardening), and a warning: readers see brackets
    ),
    C(
        "security",
        "script-in-unit-name",
        [(UNITS, "name: 城关区教育局", "name: 城关区<script>alert(1)</script>")],
        UNITS,
    ),
    C(
        "security",
        "remote-css-in-config",
        [
            (
                "mkdocs.yml",
                "- assets/stylesheets/zongjie.css",
                "- assets/stylesheets/zongjie.css\n- https://evil.example/x.css",
            )
        ],
        "mkdocs.yml",
    ),
    C(
        "security",
        "remote-js-in-config",
        [
            (
                "mkdocs.yml",
                "- assets/javascripts/zongjie.js",
                "- assets/javascripts/zongjie.js\n- https://evil.example/x.js",
            )
        ],
        "mkdocs.yml",
    ),
    # -- same-findings --------------------------------------------------------------------------
    C("same-findings", "yaml-syntax", [(REPORT, "date: 2021-12-22", 'date: "2021-12-22')], REPORT),
    C(
        "same-findings",
        "units-broken",
        [(UNITS, "short_name: 城关教育0", 'short_name: "城关教育0')],
        UNITS,
    ),
    C(
        "same-findings",
        "campaign-year",
        [("data/campaigns/dangshi-2021.yml", "year: 2021", "year: 二〇二一")],
        "data/campaigns/dangshi-2021.yml",
    ),
    C(
        "same-findings",
        "missing-title",
        [(REPORT, "title: 城关区教育局党史学习教育工作总结报告\n", "")],
        REPORT,
    ),
    C("same-findings", "empty-report", [(REPORT, None, "")], REPORT),
]


@pytest.fixture(scope="session")
def built_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("promise") / "project"
    write_demo(root, units=2, campaigns=1, seed=1)
    # Approved by hand, without the fingerprint: every case edits a report after approval.
    for report in (root / "data/reports").rglob("*.yml"):
        kept = [
            ln
            for ln in report.read_text(encoding="utf-8").splitlines(keepends=True)
            if not ln.startswith("reviewed_digest:")
        ]
        report.write_text("".join(kept), encoding="utf-8")
    done = run_zongjie("build", "-q", "--strict", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root


def apply(root: Path, edits: list[tuple[str, str | None, str | bytes]]) -> None:
    for rel, old, new in edits:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(new, str) and new.startswith("@"):
            shutil.copy(root / new[1:], target)
        elif old is None:
            target.write_bytes(new if isinstance(new, bytes) else new.encode("utf-8"))
        elif old == "\ufeff":
            target.write_bytes(b"\xef\xbb\xbf" + target.read_bytes())
        else:
            assert isinstance(new, str)
            text = target.read_text(encoding="utf-8")
            assert old in text, f"{rel}: no {old!r}"
            count = -1 if old == "\n" else 1
            target.write_bytes(text.replace(old, new, count).encode("utf-8"))


# Measured failing on this branch (silent or wrong), not fixed before the deadline.
OPEN: set[str] = set()


def params() -> list[object]:
    out: list[object] = []
    for case in CASES:
        reason = case.xfail or (
            "silent or wrong on this branch, fix pending"
            if f"{case.promise}-{case.name}" in OPEN
            else None
        )
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(case, id=f"{case.promise}-{case.name}", marks=marks))
    return out


def test_every_promise_has_five_cases() -> None:
    counts = {p: sum(c.promise == p for c in CASES) for p in PROMISES}
    assert all(n >= 5 for n in counts.values()), counts
    assert {c.promise for c in CASES} <= set(PROMISES)


@pytest.mark.parametrize("case", params())
def test_promise(case: Case, built_template: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(built_template, root, symlinks=True)
    before = tree_hash(root / "site")
    apply(root, case.edits)
    if case.where is None:
        for command in (["check", "--strict"], ["build", "-q", "--strict"]):
            done = run_zongjie(*command, cwd=root)
            assert done.returncode == 0, f"zongjie {command[0]}:\n{done.stdout}{done.stderr}"
        assert case.ok is not None and case.ok(root / "site"), "the built site breaks the promise"
        return
    located = re.compile(re.escape(case.where) + r":\d+:")
    for command in (["check", "--strict"], ["build", "-q", "--strict"]):
        done = run_zongjie(*command, cwd=root)
        output = done.stdout + done.stderr
        name = f"zongjie {command[0]}"
        assert done.returncode != 0, f"{name} was silent:\n{output}"
        assert "Traceback" not in output, f"{name} crashed:\n{output}"
        assert located.search(output), f"{name} did not name {case.where}:line:\n{output}"
        assert CJK.search(output), output
    assert tree_hash(root / "site") == before, "a failed build touched the last good site"
