"""Adversarial cases, promise by promise (see ``register.py``).

Each case breaks a copy of a tiny valid project whose site was already built, as an editor on a
Chinese keyboard or an attacker with commit access would, then asserts the promise:

- ``error``: ``zongjie check --strict`` and ``zongjie build --strict`` both exit non-zero,
  both name the file at a line (``path:line:``), in Chinese, without a traceback, and the
  last good site is untouched;
- ``site``: ``check`` and ``build --strict`` succeed and the built site passes ``ok(site)``.
"""

from __future__ import annotations

import dataclasses
import html as html_lib
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from support import cli, reapprove, tree_hash
from zongjie.demo import write_demo

from .register import PROMISES

REPORT = "data/reports/dangshi-2021/u0000.yml"
PAGE = "docs/campaigns/dangshi-2021/u0000.md"
ANY_DIGEST = "reviewed_digest: …\n"
"""An edit's ``old`` that stands for the approval's fingerprint line, whatever its value."""
UNITS = "data/units.yml"
HTML = "campaigns/dangshi-2021/u0000/index.html"
CJK = re.compile(r"[\u4e00-\u9fff]")


def run_zongjie(*args: str, cwd: Path, real: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the ``zongjie`` CLI as a user would (``support.cli``: a new process or a fork)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
    return cli.run_zongjie(*args, cwd=cwd, env=env, real=real)


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


BODY = "现将城关区教育局党史学习教育开展情况总结报告如下"


def unpublished_anywhere(site: Path) -> bool:
    """Not in any file of the site: pages, search index, sitemap, feeds, nor inside downloads."""
    import zipfile

    needles = ("城关区教育局党史学习教育工作总结报告", BODY)
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        blobs: list[bytes] = []
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                blobs = [archive.read(n) for n in archive.namelist()]
        else:
            blobs = [path.read_bytes()]
        for blob in blobs:
            text = blob.decode("utf-8", errors="ignore")
            if any(n in text for n in needles) or any(
                n.encode("unicode_escape").decode() in text for n in needles
            ):
                return False
    return not (site / HTML).exists()


C = Case
DRAFT_MD = "# 城关区教育局党史学习教育工作总结报告\n\n" + BODY + "。\n\n（未定稿）\n"
CSSF = "docs/assets/x.css"


def CSSX(text: str) -> list[tuple[str, str | None, str | bytes]]:
    """A stylesheet in docs/, listed in mkdocs.yml's extra_css as an editor would add it."""
    return [
        (CSSF, None, text.encode("utf-8")),  # bytes: a text starting with "@" is no copy
        (
            "mkdocs.yml",
            "- assets/stylesheets/zongjie.css",
            "- assets/stylesheets/zongjie.css\n- assets/x.css",
        ),
    ]


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
            (REPORT, ANY_DIGEST, ""),
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
    # -- blind: marker --------------------------------------------------------------------------
    # Word's autocorrect turns "--" into an em dash.
    C(
        "marker",
        "blind-em-dash",
        [(PAGE, "<!-- zj:activities -->", "<!— zj:activities —>")],
        PAGE,
    ),
    # A full-width space from a Chinese keyboard separates a marker's words as a space does.
    C(
        "marker",
        "blind-ideographic-space",
        [(PAGE, "<!-- zj:activities -->", "<!--\u3000zj:activities\u3000-->")],
        ok=lambda site: '<table data-zj="activities">' in page(site) and "zj:" not in page(site),
    ),
    C(
        "marker",
        "blind-fullwidth-digit-in-id",
        [(PAGE, "<!-- zj:value m0 -->", "<!-- zj:value m０ -->")],
        PAGE,
    ),
    C(
        "marker",
        "blind-space-after-colon",
        [(PAGE, "<!-- zj:activities -->", "<!-- zj: activities -->")],
        PAGE,
    ),
    C(
        "marker",
        "blind-misspelt-option",
        [(PAGE, "<!-- zj:value m0 -->", "<!-- zj:value m0 campagin=dangshi-2021 -->")],
        PAGE,
    ),
    C(
        "marker",
        "blind-second-on-line-bad",
        [(PAGE, "<!-- zj:value m0 -->", "<!-- zj:value m0 --><!-- zj:value m8 -->")],
        PAGE,
    ),
    C(
        "marker",
        "blind-zero-width-before-zj",
        [(PAGE, "<!-- zj:activities -->", "<!-- \u200bzj:activities -->")],
        PAGE,
    ),
    C(
        "marker",
        "blind-report-marker-on-home",
        [("docs/index.md", "", "<!-- zj:activities -->\n\n")],
        "docs/index.md",
    ),
    # -- blind: yaml-types ----------------------------------------------------------------------
    C(
        "yaml-types",
        "blind-nbsp-after-number",
        [(REPORT, "count: 2\n", "count: 2\u00a0\n")],
        REPORT,
    ),
    C("yaml-types", "blind-octal", [(REPORT, "count: 8\n", "count: 010\n")], REPORT),
    C("yaml-types", "blind-sexagesimal", [(REPORT, "count: 2\n", "count: 1:30\n")], REPORT),
    C("yaml-types", "blind-yes-count", [(REPORT, "count: 2\n", "count: yes\n")], REPORT),
    C("yaml-types", "blind-unit-suffix", [(REPORT, "count: 2\n", "count: 2次\n")], REPORT),
    C("yaml-types", "blind-feb-30", [(REPORT, "date: 2021-12-22", "date: 2021-02-30")], REPORT),
    C(
        "yaml-types",
        "blind-datetime",
        [(REPORT, "date: 2021-12-22", "date: 2021-12-22 10:00")],
        REPORT,
    ),
    C(
        "yaml-types",
        "blind-fullwidth-date",
        [(REPORT, "date: 2021-12-22", "date: ２０２１-１２-２２")],
        REPORT,
    ),
    C(
        "yaml-types",
        "blind-thousands-separator",
        [(REPORT, "participants: 8\n", "participants: 1,200\n")],
        REPORT,
    ),
    C(
        "yaml-types",
        "blind-alias-bomb",
        [
            (
                REPORT,
                "metrics:\n",
                "x0: &a0 [巨, 巨, 巨, 巨, 巨, 巨, 巨, 巨, 巨]\n"
                + "".join(
                    f"x{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
                    f"*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n"
                    for i in range(1, 9)
                )
                + "metrics:\n",
            )
        ],
        REPORT,
    ),
    # -- blind: encoding ------------------------------------------------------------------------
    C("encoding", "blind-bom-markdown", [(PAGE, "\ufeff", "")], PAGE),
    C(
        "encoding",
        "blind-gbk-paste-in-utf8",
        [
            (
                PAGE,
                None,
                "# 城关区教育局党史学习教育工作总结报告\n\n<!-- zj:summary -->\n\n".encode()
                + "从旧系统粘贴的一段正文。\n".encode("gbk"),
            )
        ],
        PAGE,
    ),
    C(
        "encoding",
        "blind-truncated-utf8",
        [(REPORT, None, b"title: " + "报告".encode()[:-1] + b"\ndate: 2021-12-22\n")],
        REPORT,
    ),
    C(
        "encoding",
        "blind-gbk-units",
        [(UNITS, None, "units:\n- id: u0000\n  name: 城关区教育局\n".encode("gbk"))],
        UNITS,
    ),
    C(
        "encoding",
        "blind-big5-markdown",
        [(PAGE, None, "# 報告\n\n正文內容\n".encode("big5"))],
        PAGE,
    ),
    C(
        "encoding",
        "blind-nul-in-markdown",
        [(PAGE, "<!-- zj:summary -->", "<!-- zj:summary -->\x00")],
        PAGE,
    ),
    C(
        "encoding",
        "blind-utf16-markdown",
        [(PAGE, None, "# 报告\n\n正文\n".encode("utf-16"))],
        PAGE,
    ),
    C(
        "encoding",
        "blind-crlf-units",
        [(UNITS, "\n", "\r\n")],
        None,
        lambda s: "城关区教育局" in page(s),
    ),
    C(
        "encoding",
        "blind-crlf-campaign",
        [("data/campaigns/dangshi-2021.yml", "\n", "\r\n")],
        None,
        lambda s: "城关区教育局" in page(s),
    ),
    # -- blind: content-files -------------------------------------------------------------------
    C(
        "content-files",
        "blind-tilde-yml",
        [("data/reports/dangshi-2021/u0000.yml~", None, "@" + REPORT)],
        "data/reports/dangshi-2021/u0000.yml~",
    ),
    C(
        "content-files",
        "blind-copy-space-yml",
        [("data/reports/dangshi-2021/u0000 copy.yml", None, "@" + REPORT)],
        "data/reports/dangshi-2021/u0000 copy.yml",
    ),
    C(
        "content-files",
        "blind-fullwidth-paren-md",
        [("docs/campaigns/dangshi-2021/u0000（1）.md", None, "@" + PAGE)],
        "docs/campaigns/dangshi-2021/u0000（1）.md",
    ),
    C(
        "content-files",
        "blind-orig-yml",
        [("data/reports/dangshi-2021/u0000.yml.orig", None, "@" + REPORT)],
        "data/reports/dangshi-2021/u0000.yml.orig",
    ),
    C(
        "content-files",
        "blind-copied-campaign-dir",
        [("data/reports/dangshi-2021 - 副本/u0000.yml", None, "@" + REPORT)],
        "data/reports/dangshi-2021 - 副本/u0000.yml",
    ),
    C(
        "content-files",
        "blind-backup-subdir-md",
        [("docs/campaigns/dangshi-2021/备份/u0000.md", None, "@" + PAGE)],
        "docs/campaigns/dangshi-2021/备份/u0000.md",
    ),
    C(
        "content-files",
        "blind-md-txt",
        [("docs/campaigns/dangshi-2021/u0000.md.txt", None, "@" + PAGE)],
        "docs/campaigns/dangshi-2021/u0000.md.txt",
    ),
    C(
        "content-files",
        "blind-uppercase-ext",
        [("data/reports/dangshi-2021/u0000.YML", None, "@" + REPORT)],
        "data/reports/dangshi-2021/u0000.YML",
    ),
    C(
        "content-files",
        "blind-dated-copy",
        [("data/reports/dangshi-2021/u0000-20211222.yml", None, "@" + REPORT)],
        "data/reports/dangshi-2021/u0000-20211222.yml",
    ),
    # -- blind: publishing ----------------------------------------------------------------------
    C(
        "publishing",
        "blind-ideographic-space",
        [(REPORT, "status: 已审定", "status: 已审定\u3000")],
        REPORT,
    ),
    C("publishing", "blind-smart-quotes", [(REPORT, "status: 已审定", "status: “已审定”")], REPORT),
    C("publishing", "blind-english", [(REPORT, "status: 已审定", "status: approved")], REPORT),
    C(
        "publishing",
        "blind-pending-with-approval",
        [(REPORT, "status: 已审定", "status: 待审")],
        REPORT,
    ),
    C(
        "publishing",
        "blind-pending-cleanly",
        [
            (REPORT, "status: 已审定", "status: 待审"),
            (REPORT, "reviewed_by: 示例审核组\n", ""),
            (REPORT, "reviewed_on: 2021-12-27\n", ""),
            (REPORT, ANY_DIGEST, ""),
        ],
        None,
        unpublished_anywhere,
    ),
    C(
        "publishing",
        "blind-draft-not-in-search-or-downloads",
        [
            (REPORT, "status: 已审定", "status: 草稿"),
            (REPORT, "reviewed_by: 示例审核组\n", ""),
            (REPORT, "reviewed_on: 2021-12-27\n", ""),
            (REPORT, ANY_DIGEST, ""),
        ],
        None,
        unpublished_anywhere,
    ),
    C(
        "publishing",
        "blind-no-status-cleanly",
        [
            (REPORT, "status: 已审定\n", ""),
            (REPORT, "reviewed_by: 示例审核组\n", ""),
            (REPORT, "reviewed_on: 2021-12-27\n", ""),
            (REPORT, ANY_DIGEST, ""),
        ],
        None,
        unpublished_anywhere,
    ),
    C(
        "publishing",
        "blind-blank-reviewer",
        [(REPORT, "reviewed_by: 示例审核组", 'reviewed_by: "\u3000"')],
        REPORT,
    ),
    C(
        "publishing",
        "blind-future-review",
        [(REPORT, "reviewed_on: 2021-12-27", "reviewed_on: 2099-01-01")],
        REPORT,
    ),
    C("publishing", "blind-no-review-date", [(REPORT, "reviewed_on: 2021-12-27\n", "")], REPORT),
    # -- blind: totals --------------------------------------------------------------------------
    C(
        "totals",
        "blind-body-number-mismatch",
        [(PAGE, "共召开<!-- zj:value m0 -->次党组会议", "共召开8次党组会议")],
        PAGE,
    ),
    C(
        "totals",
        "blind-body-fullwidth-number",
        [(PAGE, "共召开<!-- zj:value m0 -->次党组会议", "共召开８次党组会议")],
        PAGE,
    ),
    C(
        "totals",
        "blind-body-chinese-number",
        [(PAGE, "共召开<!-- zj:value m0 -->次党组会议", "共召开八次党组会议")],
        PAGE,
    ),
    C(
        "totals",
        "blind-shishi-count-mismatch",
        [(REPORT, "shishi:\n", "shishi_count: 5\nshishi:\n")],
        REPORT,
    ),
    C(
        "totals",
        "blind-metric-overrides-derived",
        [(REPORT, "  diaoyan: 5\n", "  diaoyan: 5\n  m0: 7\n")],
        REPORT,
    ),
    C(
        "totals",
        "blind-status-sum-over-count",
        [(REPORT, "    count: 9\n", "    count: 8\n")],
        REPORT,
    ),
    C("totals", "blind-zero-width-unit-id", [(UNITS, "- id: u0001", "- id: u0001\u200b")], UNITS),
    C("totals", "blind-fullwidth-unit-id", [(UNITS, "- id: u0001", "- id: u０001")], UNITS),
    C(
        "totals",
        "blind-duplicate-unit-name",
        [(UNITS, "name: 城关区财政局", "name: 城关区教育局")],
        UNITS,
    ),
    C(
        "totals",
        "blind-activity-after-report",
        [(REPORT, "    date: 2021-10-08", "    date: 2021-12-30")],
        REPORT,
    ),
    C(
        "totals",
        "blind-submitted-before-written",
        [(REPORT, "submitted_on: 2021-12-24", "submitted_on: 2021-12-20")],
        REPORT,
    ),
    # -- blind: security ------------------------------------------------------------------------
    C(
        "security",
        "blind-remote-link",
        [(PAGE, "<!-- zj:summary -->", "[官网](https://evil.example/)")],
        PAGE,
    ),
    C(
        "security",
        "blind-remote-image-reference",
        [(PAGE, "<!-- zj:summary -->", "![图][p]\n\n[p]: //evil.example/x.png")],
        PAGE,
    ),
    C(
        "security",
        "blind-uppercase-scheme-image",
        [(PAGE, "<!-- zj:summary -->", "![图](HTTPS://EVIL.example/x.png)")],
        PAGE,
    ),
    C(
        "security",
        "blind-backslash-host-image",
        [(PAGE, "<!-- zj:summary -->", "![图](https:\\\\evil.example\\x.png)")],
        PAGE,
    ),
    C(
        "security",
        "blind-srcset",
        [(PAGE, "<!-- zj:summary -->", '<img src="x.png" srcset="https://evil.example/x.png 2x">')],
        PAGE,
    ),
    C(
        "security",
        "blind-table-cell-onerror",
        [(PAGE, "<!-- zj:summary -->", "| 列 |\n| --- |\n| <img src=x onerror=alert(1)> |")],
        PAGE,
    ),
    C(
        "security",
        "blind-html-page-in-docs",
        [("docs/campaigns/x.html", None, "<p>x</p>\n<script>alert(1)</script>\n")],
        "docs/campaigns/x.html",
    ),
    C(
        "security",
        "blind-svg-onload-in-docs",
        [
            (
                "docs/img/x.svg",
                None,
                '<svg xmlns="http://www.w3.org/2000/svg"\n onload="alert(1)"/>\n',
            )
        ],
        "docs/img/x.svg",
    ),
    C(
        "security",
        "blind-protocol-relative-js-in-config",
        [
            (
                "mkdocs.yml",
                "- assets/javascripts/zongjie.js",
                "- assets/javascripts/zongjie.js\n- //evil.example/x.js",
            )
        ],
        "mkdocs.yml",
    ),
    C(
        "security",
        "blind-js-path-form-in-config",
        [
            (
                "mkdocs.yml",
                "- assets/javascripts/zongjie.js",
                "- assets/javascripts/zongjie.js\n"
                "- path: https://evil.example/x.js\n  type: module",
            )
        ],
        "mkdocs.yml",
    ),
    # Material loads Google Fonts when a font is named.
    C(
        "security",
        "blind-google-font",
        [("mkdocs.yml", "font: false", "font:\n    text: Noto Sans SC")],
        "mkdocs.yml",
    ),
    # Material's repository widget asks api.github.com for the stars.
    C(
        "security",
        "blind-repo-url",
        [
            (
                "mkdocs.yml",
                "site_name: 学习教育总结报告库（示例）",
                "site_name: 学习教育总结报告库（示例）\nrepo_url: https://github.com/example/zj",
            )
        ],
        "mkdocs.yml",
    ),
    C(
        "security",
        "blind-analytics",
        [
            (
                "mkdocs.yml",
                "extra_css:",
                "extra:\n  analytics:\n    provider: google\n"
                "    property: G-ABCDEF1234\nextra_css:",
            )
        ],
        "mkdocs.yml",
    ),
    C(
        "security",
        "blind-css-import-in-docs",
        [
            (
                "docs/assets/x.css",
                None,
                "/* 外部样式 */\n@import url(https://evil.example/x.css);\n",
            ),
            (
                "mkdocs.yml",
                "- assets/stylesheets/zongjie.css",
                "- assets/stylesheets/zongjie.css\n- assets/x.css",
            ),
        ],
        "docs/assets/x.css",
    ),
    # -- blind: same-findings -------------------------------------------------------------------
    C(
        "same-findings",
        "blind-conflict-yaml",
        [
            (
                REPORT,
                "date: 2021-12-22\n",
                "<<<<<<< HEAD\ndate: 2021-12-22\n=======\ndate: 2021-12-23\n>>>>>>> u0000\n",
            )
        ],
        REPORT,
    ),
    C(
        "same-findings",
        "blind-conflict-markdown",
        [
            (
                PAGE,
                "<!-- zj:summary -->",
                "<<<<<<< HEAD\n<!-- zj:summary -->\n=======\n正文\n>>>>>>> theirs",
            )
        ],
        PAGE,
    ),
    C(
        "same-findings",
        "blind-bidi-in-title",
        [(REPORT, "title: 城关区", "title: \u202e城关区")],
        REPORT,
    ),
    C(
        "same-findings",
        "blind-zero-width-in-heading",
        [(PAGE, "## 一、开展的主要工作", "## 一、开展的\u200b主要工作")],
        PAGE,
    ),
    C(
        "same-findings",
        "blind-br-in-subheading",
        [(PAGE, "## 二、取得的成效", "## 二、取得的<br>成效")],
        PAGE,
    ),
    C("same-findings", "blind-too-large", [(PAGE, "", "正文。" * 250000 + "\n")], PAGE),
    C(
        "same-findings",
        "blind-file-url-image",
        [(PAGE, "<!-- zj:summary -->", "![照片](file:///C:/照片/1.jpg)")],
        PAGE,
    ),
    C(
        "same-findings",
        "blind-windows-path-image",
        [(PAGE, "<!-- zj:summary -->", "![照片](D:\\照片\\会议.jpg)")],
        PAGE,
    ),
    C(
        "same-findings",
        "blind-unknown-field",
        [(REPORT, "shishi:\n", "shishi_itmes: 3\nshishi:\n")],
        REPORT,
    ),
    # -- blind, second round ---------------------------------------------------------------------
    C(
        "marker",
        "blind-fullwidth-hyphens",
        [(PAGE, "<!-- zj:activities -->", "<!－－ zj:activities －－>")],
        PAGE,
    ),
    C(
        "marker",
        "blind-cyrillic-letter",
        [(PAGE, "<!-- zj:activities -->", "<!-- zj:act\u0456vities -->")],
        PAGE,
    ),
    C(
        "marker",
        "blind-chinese-comma-args",
        [(PAGE, "<!-- zj:value m0 -->", "<!-- zj:value m0，m1 -->")],
        PAGE,
    ),
    C(
        "marker",
        "blind-typo-in-html-block",
        [(PAGE, "<!-- zj:activities -->", "<div>\n<!-- zj:activites -->\n</div>")],
        PAGE,
    ),
    C(
        "marker",
        "blind-typo-in-list-item",
        [(PAGE, "<!-- zj:activities -->", "- 会议情况：<!-- zj:activites -->")],
        PAGE,
    ),
    C(
        "marker",
        "blind-in-code-span-shown",
        [(PAGE, "<!-- zj:activities -->", "示例：`<!-- zj:activities -->`")],
        None,
        lambda s: "&lt;!-- zj:activities --&gt;" in page(s),
    ),
    C(
        "yaml-types",
        "blind-null-title",
        [(REPORT, "title: 城关区教育局党史学习教育工作总结报告", "title: ~")],
        REPORT,
    ),
    C("yaml-types", "blind-fullwidth-minus", [(REPORT, "count: 2\n", "count: －3\n")], REPORT),
    C(
        "yaml-types",
        "blind-bool-key",
        [(REPORT, "  diaoyan: 5\n", "  diaoyan: 5\n  on: 5\n")],
        REPORT,
    ),
    C(
        "encoding",
        "blind-cp1252-quotes",
        [(PAGE, None, b"# \xe6\x8a\xa5\xe5\x91\x8a\n\n\x93quoted\x94\n")],
        PAGE,
    ),
    C(
        "encoding",
        "blind-cr-only-yaml",
        [(REPORT, "\n", "\r")],
        None,
        lambda s: "城关区教育局" in page(s),
    ),
    C(
        "content-files",
        "blind-docx-in-reports",
        [("data/reports/dangshi-2021/u0000.docx", None, b"PK\x03\x04fake")],
        "data/reports/dangshi-2021/u0000.docx",
    ),
    C(
        "content-files",
        "blind-office-lock-in-docs",
        [("docs/campaigns/dangshi-2021/~$u0000.docx", None, b"\x00lock")],
        "docs/campaigns/dangshi-2021/~$u0000.docx",
    ),
    C(
        "content-files",
        "blind-units-copy",
        [("data/units - 副本.yml", None, "@" + UNITS)],
        "data/units - 副本.yml",
    ),
    C(
        "content-files",
        "blind-campaign-copy",
        [("data/campaigns/dangshi-2021 - 副本.yml", None, "@data/campaigns/dangshi-2021.yml")],
        "data/campaigns/dangshi-2021 - 副本.yml",
    ),
    C(
        "security",
        "blind-remote-favicon",
        [("mkdocs.yml", "  font: false", "  font: false\n  favicon: https://evil.example/f.ico")],
        "mkdocs.yml",
    ),
    C(
        "security",
        "blind-remote-logo",
        [("mkdocs.yml", "  font: false", "  font: false\n  logo: //evil.example/logo.png")],
        "mkdocs.yml",
    ),
    C(
        "security",
        "blind-copyright-html",
        [
            (
                "mkdocs.yml",
                "site_name: 学习教育总结报告库（示例）",
                "site_name: 学习教育总结报告库（示例）\n"
                "copyright: 版权所有 <img src=x onerror=alert(1)>",
            )
        ],
        "mkdocs.yml",
    ),
    C(
        "security",
        "blind-site-name-script",
        [
            (
                "mkdocs.yml",
                "site_name: 学习教育总结报告库（示例）",
                "site_name: 报告库<script>alert(1)</script>",
            )
        ],
        "mkdocs.yml",  # a text setting refuses markup at its line
    ),
    C(
        "security",
        "blind-site-description-breakout",
        [
            (
                "mkdocs.yml",
                "site_name: 学习教育总结报告库（示例）",
                "site_name: 学习教育总结报告库（示例）\n"
                "site_description: '\"><script>alert(1)</script>'",
            )
        ],
        "mkdocs.yml",  # a text setting refuses markup at its line
    ),
    C(
        "security",
        "blind-h1-onerror",
        [
            (
                PAGE,
                "# 城关区教育局党史学习教育工作总结报告",
                "# 城关区<img src=x onerror=alert(1)>教育局党史学习教育工作总结报告",
            )
        ],
        PAGE,
    ),
    C(
        "security",
        "blind-front-matter-title",
        [(PAGE, "", "---\ntitle: <img src=x onerror=alert(1)>\n---\n")],
        PAGE,
    ),
    C("totals", "blind-uppercase-unit-id", [(UNITS, "- id: u0001", "- id: U0001")], UNITS),
    C(
        "same-findings",
        "blind-mkdocs-fullwidth-colon",
        [("mkdocs.yml", "site_name: ", "site_name：")],
        "mkdocs.yml",
    ),
    C(
        "same-findings",
        "blind-mkdocs-tab",
        [("mkdocs.yml", "  name: material", "\tname: material")],
        "mkdocs.yml",
    ),
    # -- blind2: marker (mangled by Word/WPS/IME) -----------------------------------------------
    C(
        "marker",
        "blind2-en-dash",
        [(PAGE, "<!-- zj:activities -->", "<!– zj:activities –>")],
        PAGE,
    ),
    # Only the closing "--" autocorrected: the comment would swallow the rest of the page.
    C(
        "marker",
        "blind2-em-dash-closing-only",
        [(PAGE, "<!-- zj:activities -->", "<!-- zj:activities —>")],
        PAGE,
    ),
    C(
        "marker",
        "blind2-split-over-lines",
        [(PAGE, "<!-- zj:activities -->", "<!-- zj:activities\n-->")],
        PAGE,
    ),
    C(
        "marker",
        "blind2-missing-bang",
        [(PAGE, "<!-- zj:activities -->", "<-- zj:activities -->")],
        PAGE,
    ),
    C(
        "marker",
        "blind2-fullwidth-letters",
        [(PAGE, "<!-- zj:activities -->", "<!-- ｚｊ:activities -->")],
        PAGE,
    ),
    C(
        "marker",
        "blind2-soft-hyphen-in-name",
        [(PAGE, "<!-- zj:activities -->", "<!-- zj:activ\u00adities -->")],
        PAGE,
    ),
    C(
        "marker",
        "blind2-smart-quoted-id",
        [(PAGE, "<!-- zj:value m0 -->", "<!-- zj:value “m0” -->")],
        PAGE,
    ),
    C(
        "marker",
        "blind2-value-without-id",
        [(PAGE, "<!-- zj:value m0 -->", "<!-- zj:value -->")],
        PAGE,
    ),
    C(
        "marker",
        "blind2-capitalised-name",
        [(PAGE, "<!-- zj:activities -->", "<!-- zj:Activities -->")],
        PAGE,
    ),
    # A tab and WPS's narrow no-break space separate a marker's words as a space does.
    C(
        "marker",
        "blind2-tab-separated",
        [(PAGE, "<!-- zj:value m0 -->", "<!--\tzj:value\tm0\t-->")],
        ok=lambda site: (
            '共召开<span class="zj-num">' in page(site) and "zj:value" not in page(site)
        ),
    ),
    C(
        "marker",
        "blind2-narrow-nbsp",
        [(PAGE, "<!-- zj:activities -->", "<!--\u202fzj:activities\u202f-->")],
        ok=lambda site: '<table data-zj="activities">' in page(site) and "zj:" not in page(site),
    ),
    # Without the spaces it is still one HTML comment, written as the guide says: it works.
    C(
        "marker",
        "blind2-no-spaces",
        [(PAGE, "<!-- zj:activities -->", "<!--zj:activities-->")],
        ok=lambda site: '<table data-zj="activities">' in page(site) and "zj:" not in page(site),
    ),
    C(
        "marker",
        "blind2-fullwidth-equals-option",
        [("docs/index.md", "", "共办实事<!-- zj:total shishi campaign＝dangshi-2021 -->件。\n\n")],
        "docs/index.md",
    ),
    # -- blind2: units readers could not tell apart ---------------------------------------------
    C(
        "totals",
        "blind2-name-trailing-space",
        [(UNITS, "name: 城关区财政局", "name: '城关区教育局 '")],
        UNITS,
    ),
    C(
        "totals",
        "blind2-name-zero-width",
        [(UNITS, "name: 城关区财政局", "name: 城关区教\u200b育局")],
        UNITS,
    ),
    C(
        "totals",
        "blind2-name-ideographic-space",
        [(UNITS, "name: 城关区财政局", "name: 城关区\u3000教育局")],
        UNITS,
    ),
    C(
        "totals",
        "blind2-short-name-fullwidth-digit",
        [(UNITS, "short_name: 城关财政1", "short_name: 城关教育０")],
        UNITS,
    ),
    C(
        "totals",
        "blind2-same-short-name",
        [(UNITS, "short_name: 城关财政1", "short_name: 城关教育0")],
        UNITS,
    ),
    # The same unit entered again under a new id: it would be listed (and counted) twice.
    C(
        "totals",
        "blind2-copied-entry-new-id",
        [
            (
                UNITS,
                "- id: u0001",
                "- id: u0002\n  name: 城关区教育局\n  short_name: 城关教育0\n"
                "  kind: 机关\n- id: u0001",
            )
        ],
        UNITS,
    ),
    C(
        "totals",
        "blind2-short-name-is-other-name",
        [(UNITS, "short_name: 城关财政1", "short_name: 城关区教育局")],
        UNITS,
    ),
    # -- blind2: CSS in docs/ listed in extra_css -----------------------------------------------
    C(
        "security",
        "blind2-css-url",
        CSSX("body { background: url(https://evil.example/x.png); }\n"),
        CSSF,
    ),
    C(
        "security",
        "blind2-css-uppercase-url",
        CSSX('BODY {\n  BACKGROUND: URL("//EVIL.example/x.png");\n}\n'),
        CSSF,
    ),
    C(
        "security",
        "blind2-css-escaped-url",
        CSSX("body { background: u\\72l(//evil.example/x.png); }\n"),
        CSSF,
    ),
    C("security", "blind2-css-import-comment", CSSX('@import/**/"//evil.example/x.css";\n'), CSSF),
    C(
        "security",
        "blind2-css-import-uppercase",
        CSSX("@IMPORT 'https://evil.example/x.css';\n"),
        CSSF,
    ),
    C(
        "security",
        "blind2-css-image-set",
        CSSX('body { background-image: image-set("https://evil.example/x.png" 1x); }\n'),
        CSSF,
    ),
    C(
        "security",
        "blind2-css-font-face",
        CSSX("@font-face {\n  font-family: x;\n  src: url(https://evil.example/f.woff2);\n}\n"),
        CSSF,
    ),
    C("security", "blind2-css-expression", CSSX("body { width: expression(alert(1)); }\n"), CSSF),
    C(
        "security",
        "blind2-css-javascript-url",
        CSSX("body { background: url(javascript:alert(1)); }\n"),
        CSSF,
    ),
    C(
        "security",
        "blind2-css-backslash-host",
        CSSX("body { background: url('https:\\\\evil.example\\x.png'); }\n"),
        CSSF,
    ),
    C(
        "security",
        "blind2-css-escaped-import",
        CSSX("@\\69mport url(//evil.example/x.css);\n"),
        CSSF,
    ),
    C(
        "security",
        "blind2-css-webkit-image-set",
        CSSX('body { background: -webkit-image-set("//evil.example/x.png" 1x); }\n'),
        CSSF,
    ),
    # The browser drops a tab inside an address: "ht<TAB>tps://" is https://.
    C(
        "security",
        "blind2-css-tab-in-scheme",
        CSSX('body { background: url("ht\ttps://evil.example/x.png"); }\n'),
        CSSF,
    ),
    C(
        "security",
        "blind2-css-scheme-without-slashes",
        CSSX("body { background: url(https:evil.example/x.png); }\n"),
        CSSF,
    ),
    C(
        "security",
        "blind2-css-moz-binding",
        CSSX("body { -moz-binding: url(//evil.example/x.xml#x); }\n"),
        CSSF,
    ),
    # "/\\" is read by the browser as "//".
    C(
        "security",
        "blind2-css-slash-backslash",
        CSSX('@import url("/\\\\evil.example/x.css");\n'),
        CSSF,
    ),
    # Benign CSS, a local image included: built and linked as written.
    C(
        "security",
        "blind2-css-benign",
        [
            *CSSX(
                "/* 本单位样式 */\n.md-typeset h1 { color: #b00000; }\n"
                '@media print {\n  body { background: url("bg.png") no-repeat; }\n}\n'
            ),
            ("docs/assets/bg.png", None, b"\x89PNG\r\n\x1a\n" + b"\x00" * 16),
        ],
        ok=lambda site: (
            (site / "assets/bg.png").exists()
            and "#b00000" in (site / "assets/x.css").read_text(encoding="utf-8")
            and "assets/x.css" in page(site)
            and no_other_host(site)
        ),
    ),
    # -- blind2: YAML front matter on a report page ---------------------------------------------
    C(
        "security",
        "blind2-fm-description-breakout",
        [(PAGE, "", "---\ndescription: '\"><script>alert(1)</script>'\n---\n")],
        PAGE,
    ),
    C(
        "security",
        "blind2-fm-title-attribute-breakout",
        [(PAGE, "", '---\ntitle: 城关区教育局" onmouseover="alert(1)\n---\n')],
        PAGE,
    ),
    C(
        "security",
        "blind2-fm-template-override",
        [
            (
                "overrides/x.html",
                None,
                "<html><body>{{ page.content }}<script>alert(1)</script></body></html>\n",
            ),
            (PAGE, "", "---\ntemplate: x.html\n---\n"),
        ],
        PAGE,
    ),
    C(
        "security",
        "blind2-fm-other-key-html",
        [(PAGE, "", "---\nauthor: <img src=x onerror=alert(1)>\n---\n")],
        PAGE,
    ),
    C(
        "security",
        "blind2-fm-python-tag",
        [(PAGE, "", '---\ntitle: !!python/object/apply:os.system ["touch pwned"]\n---\n')],
        # Never run: a YAML tag no safe loader builds is an error, not a heading of YAML source.
        PAGE,
    ),
    C(
        "security",
        "blind2-fm-template-on-home",
        [
            ("overrides/x.html", None, "<html><body><script>alert(1)</script></body></html>\n"),
            ("docs/index.md", "", "---\ntemplate: x.html\n---\n"),
        ],
        "docs/index.md",
    ),
    C(
        "publishing",
        "blind2-fm-search-exclude",
        [(PAGE, "", "---\nsearch:\n  exclude: true\n---\n")],
        PAGE,
    ),
    C(
        "publishing",
        "blind2-fm-hide-everything",
        [(PAGE, "", "---\nhide:\n  - navigation\n  - toc\n  - footer\n---\n")],
        ok=lambda site: BODY in page(site) and "城关区教育局党史学习教育工作总结报告" in page(site),
    ),
    C(
        "same-findings",
        "blind2-fm-broken-yaml",
        [(PAGE, "", '---\ntitle: "城关区教育局\n---\n')],
        PAGE,
    ),
    # -- blind2: dates that contradict each other -----------------------------------------------
    C(
        "totals",
        "blind2-shishi-after-report",
        [(REPORT, "    date: 2021-12-03", "    date: 2021-12-28")],
        REPORT,
    ),
    C(
        "totals",
        "blind2-everything-in-future",
        [
            (REPORT, "date: 2021-12-22", "date: 2098-12-22"),
            (REPORT, "submitted_on: 2021-12-24", "submitted_on: 2098-12-24"),
            (REPORT, "reviewed_on: 2021-12-27", "reviewed_on: 2098-12-27"),
        ],
        REPORT,
    ),
    C(
        "totals",
        "blind2-reviewed-before-written",
        [(REPORT, "reviewed_on: 2021-12-27", "reviewed_on: 2021-12-20")],
        REPORT,
    ),
    C(
        "yaml-types",
        "blind2-chinese-reviewed-on",
        [(REPORT, "reviewed_on: 2021-12-27", "reviewed_on: 2021年12月27日")],
        REPORT,
    ),
    C(
        "yaml-types",
        "blind2-dotted-submitted-on",
        [(REPORT, "submitted_on: 2021-12-24", "submitted_on: 2021.12.24")],
        REPORT,
    ),
    C(
        "totals",
        "blind2-written-before-period",
        [(REPORT, "date: 2021-12-22", "date: 2021-02-01")],
        REPORT,
    ),
    C(
        "yaml-types",
        "blind2-two-digit-year",
        [(REPORT, "date: 2021-12-22", "date: 21-12-22")],
        REPORT,
    ),
    # -- blind2: stray and misplaced files ------------------------------------------------------
    C(
        "content-files",
        "blind2-report-outside-campaign-dir",
        [("data/reports/u0000.yml", None, "@" + REPORT)],
        "data/reports/u0000.yml",
    ),
    # A data file dropped into docs/ would be published as it is, approval or not.
    C(
        "content-files",
        "blind2-report-yaml-in-docs",
        [("docs/campaigns/dangshi-2021/u0000.yml", None, "@" + REPORT)],
        "docs/campaigns/dangshi-2021/u0000.yml",
    ),
    # ... and a draft's data, never approved, saved next to the pages: it must not be published.
    C(
        "publishing",
        "blind2-draft-yaml-in-docs",
        [
            (
                "docs/campaigns/dangshi-2021/u0001-草稿.yml",
                None,
                "title: 城关区财政局党史学习教育工作总结报告\nstatus: 草稿\n"
                "note: 机密草稿，尚未审定\n",
            )
        ],
        "docs/campaigns/dangshi-2021/u0001-草稿.yml",
    ),
    C(
        "content-files",
        "blind2-units-copy-in-reports",
        [("data/reports/dangshi-2021/units.yml", None, "@" + UNITS)],
        "data/reports/dangshi-2021/units.yml",
    ),
    C(
        "content-files",
        "blind2-units-bak",
        [("data/units.yml.bak", None, "@" + UNITS)],
        "data/units.yml.bak",
    ),
    C(
        "content-files",
        "blind2-unknown-campaign-dir",
        [("data/reports/zhuti-2023/u0000.yml", None, "@" + REPORT)],
        "data/reports/zhuti-2023/u0000.yml",
    ),
    C(
        "content-files",
        "blind2-office-lock-in-data",
        [("data/reports/dangshi-2021/~$u0000.yml", None, b"\x00lock")],
        "data/reports/dangshi-2021/~$u0000.yml",
    ),
    C(
        "content-files",
        "blind2-word-original-in-docs",
        [("docs/campaigns/dangshi-2021/u0000.docx", None, b"PK\x03\x04fake")],
        "docs/campaigns/dangshi-2021/u0000.docx",
    ),
    C(
        "content-files",
        "blind2-dated-md-backup",
        [("docs/campaigns/dangshi-2021/u0000.md.20211222", None, "@" + PAGE)],
        "docs/campaigns/dangshi-2021/u0000.md.20211222",
    ),
    C(
        "content-files",
        "blind2-md-tilde-backup",
        [("docs/campaigns/dangshi-2021/u0000.md~", None, "@" + PAGE)],
        "docs/campaigns/dangshi-2021/u0000.md~",
    ),
    C(
        "content-files",
        "blind2-campaign-bak",
        [("data/campaigns/dangshi-2021.yml.bak", None, "@data/campaigns/dangshi-2021.yml")],
        "data/campaigns/dangshi-2021.yml.bak",
    ),
    # -- blind3: front matter on a report page --------------------------------------------------
    C(
        "same-findings",
        "blind3-fm-tab-indent",
        [(PAGE, "", "---\nhide:\n\t- toc\n---\n")],
        PAGE,
    ),
    C(
        "same-findings",
        "blind3-fm-list-not-mapping",
        [(PAGE, "", "---\n- hide\n- toc\n---\n")],
        PAGE,
    ),
    # Never closed: MkDocs shows "---" and the settings as text at the top of the report.
    C(
        "same-findings",
        "blind3-fm-unterminated",
        [(PAGE, "", "---\nhide:\n  - toc\n\n")],
        PAGE,
    ),
    C(
        "same-findings",
        "blind3-fm-duplicate-key",
        [(PAGE, "", "---\nhide:\n  - toc\nhide:\n  - navigation\n---\n")],
        PAGE,
    ),
    # YAML's own end marker "..." closes the front matter as "---" does.
    C(
        "same-findings",
        "blind3-fm-dots-terminator",
        [(PAGE, "", "---\nhide:\n  - toc\n...\n")],
        ok=lambda site: BODY in page(site) and "hide:" not in page(site),
    ),
    C(
        "encoding",
        "blind3-fm-crlf",
        [(PAGE, "", "---\nhide:\n  - toc\n---\n"), (PAGE, "\n", "\r\n")],
        ok=lambda site: BODY in page(site) and "hide:" not in page(site),
    ),
    C(
        "encoding",
        "blind3-fm-bom-before-dashes",
        [(PAGE, "", "---\nhide:\n  - toc\n---\n"), (PAGE, "\ufeff", "")],
        PAGE,
    ),
    # Four dashes, or a blank line first: no front matter, the settings show as a heading.
    C(
        "same-findings",
        "blind3-fm-four-dashes",
        [(PAGE, "", "----\nhide:\n  - toc\n----\n")],
        PAGE,
    ),
    C(
        "same-findings",
        "blind3-fm-after-blank-line",
        [(PAGE, "", "\n---\nsearch:\n  exclude: true\n---\n")],
        PAGE,
    ),
    # Another unit's title in the tab, the navigation and the search results.
    C(
        "publishing",
        "blind3-fm-other-units-title",
        [(PAGE, "", "---\ntitle: 城关区财政局党史学习教育工作总结报告\n---\n")],
        PAGE,
    ),
    C(
        "security",
        "blind3-fm-internal-template",
        [(PAGE, "", "---\ntemplate: zongjie/pdf/report.html\n---\n")],
        PAGE,
    ),
    # A draft cannot approve itself in its page's front matter.
    C(
        "publishing",
        "blind3-fm-status-approves-draft",
        [
            (REPORT, "status: 已审定", "status: 草稿"),
            (REPORT, "reviewed_by: 示例审核组\n", ""),
            (REPORT, "reviewed_on: 2021-12-27\n", ""),
            (REPORT, ANY_DIGEST, ""),
            (PAGE, "", "---\nstatus: 已审定\n---\n"),
        ],
        ok=unpublished_anywhere,
    ),
    # -- blind3: markers ------------------------------------------------------------------------
    C(
        "marker",
        "blind3-missing-hyphen",
        [(PAGE, "<!-- zj:activities -->", "<!- zj:activities -->")],
        PAGE,
    ),
    C(
        "marker",
        "blind3-single-hyphen-close",
        [(PAGE, "<!-- zj:activities -->", "<!-- zj:activities ->")],
        PAGE,
    ),
    C(
        "marker",
        "blind3-space-after-zj",
        [(PAGE, "<!-- zj:activities -->", "<!-- zj: activities -->")],
        PAGE,
    ),
    C(
        "marker",
        "blind3-fullwidth-hyphens",
        [(PAGE, "<!-- zj:activities -->", "<!－－ zj:activities －－>")],
        PAGE,
    ),
    C(
        "marker",
        "blind3-triple-hyphens",
        [(PAGE, "<!-- zj:activities -->", "<!--- zj:activities --->")],
        PAGE,
    ),
    C(
        "marker",
        "blind3-escaped-entities",
        [(PAGE, "<!-- zj:activities -->", "&lt;!-- zj:activities --&gt;")],
        PAGE,
    ),
    C(
        "marker",
        "blind3-unknown-total-on-campaign-page",
        [("docs/campaigns/dangshi-2021/index.md", "", "共召开<!-- zj:total m9 -->次。\n\n")],
        "docs/campaigns/dangshi-2021/index.md",
    ),
    # Inside a raw HTML block Markdown is not read, but the marker must not vanish there.
    C(
        "marker",
        "blind3-inside-html-block",
        [
            (
                PAGE,
                "<!-- zj:signature -->",
                "<div>\n共召开<!-- zj:value m0 -->次党组会议\n</div>\n\n<!-- zj:signature -->",
            )
        ],
        ok=lambda site: '共召开<span class="zj-num">2</span>次党组会议\n</div>' in page(site),
    ),
    C(
        "marker",
        "blind3-in-table-cell",
        [
            (
                PAGE,
                "<!-- zj:signature -->",
                "| 项目 | 次数 |\n| --- | --- |\n| 党组会议 | <!-- zj:value m0 --> |\n\n"
                "<!-- zj:signature -->",
            )
        ],
        ok=lambda site: bool(
            re.search(r'<td>\s*<span class="zj-num">2</span>\s*</td>', page(site))
        ),
    ),
    C(
        "marker",
        "blind3-in-list-item",
        [
            (
                PAGE,
                "<!-- zj:signature -->",
                "- 召开党组会议<!-- zj:value m0 -->次\n- 其他\n\n<!-- zj:signature -->",
            )
        ],
        ok=lambda site: bool(
            re.search(r'<li>召开党组会议<span class="zj-num">2</span>次</li>', page(site))
        ),
    ),
    # In a heading: the number shows in the heading and in the table of contents alike.
    C(
        "marker",
        "blind3-in-heading",
        [
            (
                PAGE,
                "## 一、开展的主要工作",
                "## 一、开展的主要工作（党组会议<!-- zj:value m0 -->次）",
            )
        ],
        # Its number would miss from the outline and the navigation: an error at the line.
        PAGE,
    ),
    # -- blind3: units readers could not tell apart ---------------------------------------------
    C(
        "totals",
        "blind3-name-fullwidth-parens",
        [
            (UNITS, "name: 城关区教育局", "name: 城关区教育局（本级）"),
            (UNITS, "name: 城关区财政局", "name: 城关区教育局(本级)"),
        ],
        UNITS,
    ),
    C(
        "totals",
        "blind3-name-inner-space",
        [(UNITS, "name: 城关区财政局", "name: 城关区 教育局")],
        UNITS,
    ),
    C(
        "totals",
        "blind3-name-is-other-short-name",
        [(UNITS, "name: 城关区财政局", "name: 城关教育0")],
        UNITS,
    ),
    # U+2F08 KANGXI RADICAL MAN looks exactly like 人.
    C(
        "totals",
        "blind3-name-kangxi-radical",
        [
            (UNITS, "name: 城关区教育局", "name: 城关区人民政府"),
            (UNITS, "name: 城关区财政局", "name: 城关区\u2f08民政府"),
        ],
        UNITS,
    ),
    C(
        "totals",
        "blind3-short-name-fullwidth-hyphen",
        [
            (UNITS, "short_name: 城关教育0", "short_name: 城关-1"),
            (UNITS, "short_name: 城关财政1", "short_name: 城关－1"),
        ],
        UNITS,
    ),
    C(
        "totals",
        "blind3-name-middle-dots",
        [
            (UNITS, "name: 城关区教育局", "name: 城关区·教育局"),
            (UNITS, "name: 城关区财政局", "name: 城关区・教育局"),
        ],
        UNITS,
    ),
    # -- blind3: CSS in docs/ listed in extra_css -----------------------------------------------
    C(
        "security",
        "blind3-css-src-function",
        CSSX('body { background-image: src("https://evil.example/x.png"); }\n'),
        CSSF,
    ),
    C(
        "security",
        "blind3-css-import-next-line",
        CSSX("@import\n  '//evil.example/x.css';\n"),
        CSSF,
    ),
    C(
        "security",
        "blind3-css-escaped-scheme-in-string",
        CSSX('body { background: url("\\68ttps://evil.example/x.png"); }\n'),
        CSSF,
    ),
    C(
        "security",
        "blind3-css-escaped-slashes",
        CSSX('body { background: url("\\2f\\2f evil.example/x.png"); }\n'),
        CSSF,
    ),
    # The address hides in a custom property; image-set() reads it through var().
    C(
        "security",
        "blind3-css-var-string",
        CSSX(
            ':root {\n  --u: "https://evil.example/x.png";\n}\n'
            "body { background-image: image-set(var(--u) 1x); }\n"
        ),
        CSSF,
    ),
    C(
        "security",
        "blind3-css-font-face-format",
        CSSX(
            "@font-face {\n  font-family: 仿宋;\n"
            "  src: local(FangSong), URL( '//evil.example/f.woff2' ) format('woff2');\n}\n"
        ),
        CSSF,
    ),
    # Text shown by content: is never fetched, whatever it says; local fonts and images pass.
    C(
        "security",
        "blind3-css-benign-content-and-local",
        [
            *CSSX(
                ".md-typeset h1::after {\n"
                '  content: "（数据截至2021年12月，来源 http://www.gov.cn）";\n}\n'
                "@font-face {\n  font-family: 仿宋;\n"
                '  src: local("FangSong"), url("../fonts/fs.woff2");\n}\n'
                ".md-header { background: url(../images/logo.png) no-repeat; }\n"
            ),
            ("docs/fonts/fs.woff2", None, b"wOF2" + b"\x00" * 16),
            ("docs/images/logo.png", None, b"\x89PNG\r\n\x1a\n" + b"\x00" * 16),
        ],
        ok=lambda site: (
            (site / "images/logo.png").exists()
            and "来源 http://www.gov.cn" in (site / "assets/x.css").read_text(encoding="utf-8")
            and "assets/x.css" in page(site)
        ),
    ),
    # -- blind3: stray and misplaced files ------------------------------------------------------
    C(
        "content-files",
        "blind3-report-windows-copy",
        [("data/reports/dangshi-2021/u0000 - 副本.yml", None, "@" + REPORT)],
        "data/reports/dangshi-2021/u0000 - 副本.yml",
    ),
    C(
        "content-files",
        "blind3-report-yaml-extension",
        [("data/reports/dangshi-2021/u0000.yaml", None, "@" + REPORT)],
        "data/reports/dangshi-2021/u0000.yaml",
    ),
    C(
        "content-files",
        "blind3-report-uppercase-extension",
        [("data/reports/dangshi-2021/u0000.YML", None, "@" + REPORT)],
        "data/reports/dangshi-2021/u0000.YML",
    ),
    C(
        "content-files",
        "blind3-report-in-subfolder",
        [("data/reports/dangshi-2021/旧版/u0000.yml", None, "@" + REPORT)],
        "data/reports/dangshi-2021/旧版",
    ),
    C(
        "content-files",
        "blind3-campaign-in-subfolder",
        [("data/campaigns/旧/dangshi-2021.yml", None, "@data/campaigns/dangshi-2021.yml")],
        "data/campaigns/旧",
    ),
    # A copy of a narrative ending in .md would be published as a page, unreviewed.
    C(
        "publishing",
        "blind3-md-windows-copy",
        [("docs/campaigns/dangshi-2021/u0000 - 副本.md", None, "@" + PAGE)],
        "docs/campaigns/dangshi-2021/u0000 - 副本.md",
    ),
    C(
        "publishing",
        "blind3-md-bak-dot-md",
        [("docs/campaigns/dangshi-2021/u0000.bak.md", None, "@" + PAGE)],
        "docs/campaigns/dangshi-2021/u0000.bak.md",
    ),
    C(
        "content-files",
        "blind3-excel-next-to-narrative",
        [("docs/campaigns/dangshi-2021/u0000.xlsx", None, b"PK\x03\x04fake")],
        "docs/campaigns/dangshi-2021/u0000.xlsx",
    ),
    C(
        "content-files",
        "blind3-wps-next-to-narrative",
        [
            (
                "docs/campaigns/dangshi-2021/城关区教育局总结（定稿）.wps",
                None,
                b"\xd0\xcf\x11\xe0fake",
            )
        ],
        "docs/campaigns/dangshi-2021/城关区教育局总结（定稿）.wps",
    ),
    C(
        "content-files",
        "blind3-txt-copy-next-to-narrative",
        [("docs/campaigns/dangshi-2021/u0000.txt", None, "@" + PAGE)],
        "docs/campaigns/dangshi-2021/u0000.txt",
    ),
    C(
        "content-files",
        "blind3-yaml-in-other-docs-folder",
        [("docs/resources/u0000.yaml", None, "@" + REPORT)],
        "docs/resources/u0000.yaml",
    ),
    # Copies without any marker: nothing but the file's name tells them from a page to publish.
    C(
        "publishing",
        "blind3-md-copy-without-markers",
        [("docs/campaigns/dangshi-2021/u0000 - 副本.md", None, DRAFT_MD)],
        "docs/campaigns/dangshi-2021/u0000 - 副本.md",
    ),
    C(
        "publishing",
        "blind3-md-bak-without-markers",
        [("docs/campaigns/dangshi-2021/u0000.bak.md", None, DRAFT_MD)],
        "docs/campaigns/dangshi-2021/u0000.bak.md",
    ),
    C(
        "publishing",
        "blind3-md-in-campaign-subfolder",
        [("docs/campaigns/dangshi-2021/旧版/u0000.md", None, DRAFT_MD)],
        "docs/campaigns/dangshi-2021/旧版/u0000.md",
    ),
    C(
        "publishing",
        "blind3-md-outside-campaign-folder",
        [("docs/campaigns/u0000.md", None, DRAFT_MD)],
        "docs/campaigns/u0000.md",
    ),
    # Photos and a PDF beside the narrative, as the guide advises: published and linked.
    C(
        "content-files",
        "blind3-images-and-pdf-pass",
        [
            ("docs/campaigns/dangshi-2021/img/会议.jpg", None, b"\xff\xd8\xff\xe0" + b"\x00" * 16),
            ("docs/campaigns/dangshi-2021/附件1.pdf", None, b"%PDF-1.4\n%%EOF\n"),
            (
                PAGE,
                "<!-- zj:signature -->",
                "![会议照片](img/会议.jpg)\n\n[附件1：学习资料](附件1.pdf)\n\n"
                "<!-- zj:signature -->",
            ),
        ],
        ok=lambda site: (
            (site / "campaigns/dangshi-2021/img/会议.jpg").exists()
            and (site / "campaigns/dangshi-2021/附件1.pdf").exists()
            and 'src="../img/%E4%BC%9A%E8%AE%AE.jpg"' in page(site)
            and 'href="../%E9%99%84%E4%BB%B61.pdf"' in page(site)
        ),
    ),
    C(
        "content-files",
        "blind3-attachment-in-other-folder-passes",
        [("docs/files/关于开展党史学习教育的通知.docx", None, b"PK\x03\x04fake")],
        ok=lambda site: (site / "files/关于开展党史学习教育的通知.docx").exists(),
    ),
]

# -- blind5: helpers ----------------------------------------------------------------------------
REPORT1 = "data/reports/dangshi-2021/u0001.yml"
PAGE1 = "docs/campaigns/dangshi-2021/u0001.md"
HTML1 = "campaigns/dangshi-2021/u0001/index.html"
CAMPAIGN = "data/campaigns/dangshi-2021.yml"
CANARY5 = "草稿核验句玥珏琮璋戊己庚辛"
SIGN = "<!-- zj:signature -->"


def name_shown_as_written(html: str) -> bool:
    """The unit page's heading shows the name's attribute list as text, applied to nothing."""
    heading = re.search(r"<h1([^>]*)>(.*?)</h1>", html, re.DOTALL)
    if heading is None:
        return False
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", heading.group(2)))
    return (
        not re.search(r"\son\w+=", heading.group(1))
        and not re.search(r'id="__', heading.group(1))  # an id the theme's scripts look up
        and ("{: onclick=alert(1) #__config }" in text)
    )


def BODY5(text: str) -> list[tuple[str, str | None, str | bytes]]:
    """A payload pasted into the approved report's narrative, before its signature."""
    return [(PAGE, SIGN, text + "\n\n" + SIGN)]


def EXT5(yaml_text: str, body: str = "") -> list[tuple[str, str | None, str | bytes]]:
    """A Markdown extension an editor adds to mkdocs.yml, and the text that uses it."""
    edits: list[tuple[str, str | None, str | bytes]] = [
        ("mkdocs.yml", "- toc:\n", yaml_text + "- toc:\n")
    ]
    return edits + (BODY5(body) if body else [])


def DRAFT5() -> list[tuple[str, str | None, str | bytes]]:
    """u0001 back to a draft whose narrative carries a sentence no reader may see."""
    return [
        (
            REPORT1,
            "status: 已审定\nsubmitted_on: 2021-11-30\n"
            "reviewed_by: 示例审核组\nreviewed_on: 2021-12-03\n",
            "status: 草稿\nsubmitted_on: 2021-11-30\n",
        ),
        (REPORT1, ANY_DIGEST, ""),
        (PAGE1, SIGN, CANARY5 + "。\n\n" + SIGN),
    ]


def nowhere(*needles: str) -> Callable[[Path], bool]:
    """Not in any file of the site, nor inside any download."""
    import zipfile

    def check(site: Path) -> bool:
        for path in site.rglob("*"):
            if not path.is_file():
                continue
            blobs = [path.read_bytes()]
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as archive:
                    blobs = [archive.read(n) for n in archive.namelist()]
            for blob in blobs:
                text = blob.decode("utf-8", errors="ignore")
                for n in needles:
                    if n in text or n.encode("unicode_escape").decode() in text:
                        return False
        return True

    return check


def draft_hidden(site: Path) -> bool:
    return nowhere(CANARY5, "城关区财政局党史学习教育工作总结报告")(site) and not any(
        "u0001" in p.as_posix() and p.suffix == ".html" for p in site.rglob("*")
    )


def downloads_safe(site: Path) -> bool:
    """Every cell of every CSV download starts with none of = + - @ tab CR; no xlsx formula."""
    import csv
    import zipfile

    csvs = list(site.rglob("*.csv"))
    xlsxs = list(site.rglob("*.xlsx"))
    if not csvs or not xlsxs:
        return False
    for path in csvs:
        with path.open(encoding="utf-8-sig", newline="") as f:
            for row in csv.reader(f):
                for cell in row:
                    if cell[:1] in ("=", "+", "@", "\t", "\r") or (
                        cell[:1] == "-" and not re.fullmatch(r"-\d+(\.\d+)?", cell)
                    ):
                        return False
    for path in xlsxs:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                sheet = archive.read(name).decode("utf-8")
                if name.startswith("xl/worksheets/") and re.search(r"<f>[^<]*1\+1", sheet):
                    return False
    return True


def all_pages_safe(site: Path) -> bool:
    return no_script(site) and no_other_host(site)


CASES += [
    # -- blind5: parser-differential HTML in a narrative ---------------------------------------
    C(
        "security",
        "blind5-svg-style-mutation",
        BODY5("<svg><style><img src=x onerror=alert(1)></style></svg>"),
        PAGE,
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-form-math-mutation",
        BODY5(
            '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style>'
            '<img onerror=alert(1) src>">'
        ),
        PAGE,
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-noembed-title",
        BODY5('<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>'),
        PAGE,
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-xmp-rawtext",
        BODY5("<xmp><img src=x onerror=alert(1)></xmp>"),
        PAGE,
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-data-url-colon-entity",
        BODY5('<a href="data&colon;text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">点</a>'),
        PAGE,
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-meta-refresh-in-md-in-html",
        BODY5(
            '<div markdown="1">\n<meta http-equiv="Refresh" content="1;url=javascript&colon;'
            'alert(1)">\n\n正文。\n</div>'
        ),
        PAGE,
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-link-dns-prefetch",
        BODY5('<link rel="dns-prefetch" href="//evil.example">'),
        PAGE,
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-link-preconnect",
        BODY5('<link rel="preconnect" href="https://evil.example" crossorigin>'),
        PAGE,
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-input-image",
        BODY5('<input type="image" src="//evil.example/x.png">'),
        PAGE,
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-video-track",
        BODY5('<video controls><track default kind="captions" src="//evil.example/t.vtt"></video>'),
        PAGE,
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-audio-autoplay",
        BODY5('<audio autoplay src="https://evil.example/a.mp3"></audio>'),
        PAGE,
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-style-entity-url",
        BODY5('<p style="background:&#x75;rl(//evil.example/x.png)">文字</p>'),
        PAGE,
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-style-custom-property",
        BODY5('<p style="--x:url(//evil.example/x.png);background:var(--x)">文字</p>'),
        PAGE,
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-attr-list-srcset",
        BODY5('![图](../../index.md){: srcset="//evil.example/a.png 2x" }'),
        PAGE,
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-attr-list-ping",
        BODY5('[首页](../../index.md){: ping="https://evil.example/p" }'),
        PAGE,
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-attr-list-list-item-event",
        BODY5('- 列表项 {: onpointerover="alert(1)" }'),
        ok=lambda site: "onpointerover=" not in page(site).replace('{: onpointerover="', ""),
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-md-in-html-link-entity-colon",
        BODY5('<span markdown="1">[点](javascript&#58;alert(1))</span>'),
        PAGE,
        extra={"visit": HTML},
    ),
    # Full-width and zero-width spellings are no scheme: a relative link into the site.
    C(
        "security",
        "blind5-fullwidth-scheme",
        BODY5('<a href="ｊａｖａｓｃｒｉｐｔ:alert(1)">甲</a>'),
        ok=lambda site: "javascript:alert" not in page(site) and all_pages_safe(site),
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-zero-width-scheme",
        BODY5('<a href="java\u200bscript:alert(1)">乙</a>'),
        PAGE,
        extra={"visit": HTML},
    ),
    # -- blind5: extensions an editor turns on in mkdocs.yml -----------------------------------
    C(
        "security",
        "blind5-footnote-backlink-html",
        EXT5(
            "- footnotes:\n    BACKLINK_TEXT: '<img src=x onerror=alert(1)>'\n",
            "正文[^1]。\n\n[^1]: 注释。",
        ),
        PAGE,
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-toc-permalink-html",
        [("mkdocs.yml", "permalink: true", "permalink: '<img src=x onerror=alert(1)>'")],
        ok=lambda site: "&lt;img src=x onerror" in page(site) and all_pages_safe(site),
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-admonition-title-html",
        EXT5("- admonition\n", '!!! note "<img src=x onerror=alert(1)>"\n\n    内容。'),
        PAGE,
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-tabbed-title-html",
        EXT5(
            "- pymdownx.superfences\n- pymdownx.tabbed\n",
            '=== "<img src=x onerror=alert(1)>"\n\n    内容。',
        ),
        PAGE,
        extra={"visit": HTML},
    ),
    # A title attribute is escaped by the Markdown library: nothing breaks out of it.
    C(
        "security",
        "blind5-abbr-title-quote",
        EXT5("- abbr\n", '党史学习。\n\n*[党史]: " onmouseover="alert(1)'),
        ok=lambda site: all_pages_safe(site) and 'onmouseover="alert' not in page(site),
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-magiclink-bare-host",
        EXT5("- pymdownx.magiclink\n", "详见 www.evil.example 网站。"),
        PAGE,
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-snippets-etc-passwd",
        EXT5("- pymdownx.snippets:\n    base_path: [/etc]\n", '--8<-- "passwd"'),
        "mkdocs.yml",
    ),
    C(
        "security",
        "blind5-snippets-parent-folder",
        [
            ("../outside.txt", None, "项目以外的机密文字甲乙丙\n"),
            *EXT5("- pymdownx.snippets\n", '--8<-- "../outside.txt"'),
        ],
        PAGE,  # once silently dropped: an include is an error at its line, wherever it points
    ),
    C(
        "security",
        "blind5-yaml-python-tag",
        [("mkdocs.yml", "", "x: !!python/object/apply:os.system ['touch pwned-by-yaml']\n")],
        "mkdocs.yml",
    ),
    # -- blind5: mkdocs.yml settings -----------------------------------------------------------
    C(
        "security",
        "blind5-custom-dir-outside-overrides",
        [
            (
                "skin/main.html",
                None,
                '{% extends "base.html" %}\n{% block scripts %}{{ super() }}'
                "<script>alert(1)</script>{% endblock %}\n",
            ),
            ("mkdocs.yml", "custom_dir: overrides", "custom_dir: skin"),
        ],
        "mkdocs.yml",
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-hook-outside-hooks",
        [
            (
                "skin/evil.py",
                None,
                "def on_post_page(output, **kw):\n"
                "    return output.replace('</body>', '<script>alert(1)</script></body>')\n",
            ),
            (
                "mkdocs.yml",
                "- hooks/zongjie_search.py",
                "- hooks/zongjie_search.py\n- skin/evil.py",
            ),
        ],
        "mkdocs.yml",
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-edit-uri-javascript",
        [
            (
                "mkdocs.yml",
                "theme:\n",
                "site_url: http://zongjie.intranet/\nrepo_url: http://zongjie.intranet/git/\n"
                "edit_uri: 'javascript:alert(1)//'\ntheme:\n",
            ),
            ("mkdocs.yml", "  - navigation.prune", "  - navigation.prune\n  - content.action.edit"),
        ],
        "mkdocs.yml",
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-site-url-javascript",
        [("mkdocs.yml", "theme:\n", "site_url: 'javascript:alert(1)//'\ntheme:\n")],
        "mkdocs.yml",
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-theme-font-string-false",
        [("mkdocs.yml", "font: false", "font: 'false'")],
        "mkdocs.yml",
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-favicon-uppercase-scheme",
        [("mkdocs.yml", "  font: false", "  font: false\n  favicon: HTTPS://EVIL.EXAMPLE/f.ico")],
        "mkdocs.yml",
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-logo-slash-backslash",
        [("mkdocs.yml", "  font: false", "  font: false\n  logo: '/\\evil.example/l.png'")],
        "mkdocs.yml",
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-social-name-attribute",
        [
            (
                "mkdocs.yml",
                "extra_css:",
                "extra:\n  social:\n  - icon: fontawesome/solid/house\n    link: /\n"
                "    name: 'x\" onmouseover=\"alert(1)'\nextra_css:",
            )
        ],
        "mkdocs.yml",
        extra={"visit": HTML},
    ),
    C(
        "security",
        "blind5-nav-title-closes-title",
        [
            (
                "mkdocs.yml",
                "extra_css:",
                "nav:\n- '</title><img src=x onerror=alert(1)>': index.md\nextra_css:",
            )
        ],
        "mkdocs.yml",
        extra={"visit": "index.html"},
    ),
    # -- blind5: files in docs/ ----------------------------------------------------------------
    C(
        "security",
        "blind5-svg-uppercase-extension",
        [
            (
                "docs/images/a.SVG",
                None,
                '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            )
        ],
        "docs/images/a.SVG",
        extra={"visit": "images/a.SVG"},
    ),
    C(
        "security",
        "blind5-xml-with-xhtml-script",
        [
            (
                "docs/files/data.xml",
                None,
                '<?xml version="1.0"?>\n<root><x:script xmlns:x="http://www.w3.org/1999/xhtml">'
                "alert(1)</x:script></root>\n",
            )
        ],
        "docs/files/data.xml",
        extra={"visit": "files/data.xml"},
    ),
    C(
        "security",
        "blind5-xhtml-file",
        [
            (
                "docs/files/page.xhtml",
                None,
                '<html xmlns="http://www.w3.org/1999/xhtml"><body><script>alert(1)</script>'
                "</body></html>\n",
            )
        ],
        "docs/files/page.xhtml",
        extra={"visit": "files/page.xhtml"},
    ),
    C(
        "security",
        "blind5-shtml-file",
        [("docs/files/page.shtml", None, "<script>alert(1)</script>\n")],
        "docs/files/page.shtml",
        extra={"visit": "files/page.shtml"},
    ),
    C(
        "security",
        "blind5-svg-style-import",
        [
            (
                "docs/images/b.svg",
                None,
                '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(//evil.example/x.css);'
                '</style><rect width="10" height="10"/></svg>\n',
            )
        ],
        "docs/images/b.svg",
        extra={"visit": "images/b.svg"},
    ),
    C(
        "security",
        "blind5-svg-set-href",
        [
            (
                "docs/images/c.svg",
                None,
                '<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" '
                'to="javascript:alert(1)"/><text y="20">点</text></a></svg>\n',
            )
        ],
        "docs/images/c.svg",
        extra={"visit": "images/c.svg"},
    ),
    C(
        "security",
        "blind5-svg-entity-scheme",
        [
            (
                "docs/images/d.svg",
                None,
                '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                '<a xlink:href="&#x6A;avascript&#x3A;alert(1)"><text y="20">点</text></a></svg>\n',
            )
        ],
        "docs/images/d.svg",
        extra={"visit": "images/d.svg"},
    ),
    C(
        "security",
        "blind5-page-file-name-html",
        [("docs/<img src=x onerror=alert(1)>.md", None, "正文。\n")],
        "docs/<img src=x onerror=alert(1)>.md",
        extra={"visit": "index.html"},
    ),
    C(
        "security",
        "blind5-guide-front-matter-description",
        [
            (
                "docs/resources/index.md",
                "",
                "---\ndescription: '\"><img src=x onerror=alert(1)>'\n---\n",
            )
        ],
        "docs/resources/index.md",
        extra={"visit": "resources/index.html"},
    ),
    C(
        "security",
        "blind5-css-escaped-import-keyword",
        CSSX("@\\69mport '//evil.example/x.css';\n"),
        CSSF,
    ),
    C(
        "security",
        "blind5-css-escaped-url-function",
        CSSX("body { cursor: \\75rl(//evil.example/c.cur), auto; }\n"),
        CSSF,
    ),
    # -- blind5: data reaching pages and downloads ---------------------------------------------
    C(
        "security",
        "blind5-jinja-in-yaml-text",
        [
            (
                REPORT,
                "title: 开展防溺水安全宣传",
                "title: 开展防溺水安全宣传{{ 7*191 }}{% include 'main.html' %}",
            )
        ],
        ok=lambda site: "1337" not in page(site) and "{{ 7*191 }}" in page(site),
    ),
    C(
        "security",
        "blind5-markdown-link-in-unit-name",
        [(UNITS, "name: 城关区教育局", "name: '城关区教育局[详情](javascript:alert(1))'")],
        UNITS,
    ),
    # -- blind7 (a probe that had not seen the gate): tooltips, SVG, names as attributes --------
    C(
        "security",
        "blind7-title-markup-read-by-tooltips",
        BODY5('<span title="<img src=x onerror=alert(57)>">悬停这里</span>'),
        PAGE,
    ),
    C(
        "security",
        "blind7-link-title-markup",
        BODY5('见[总结](#) "&lt;img src=x onerror=alert(58)&gt;"\n\n[附](index.md "<b>x</b>")'),
        PAGE,
    ),
    C(
        "security",
        "blind7-attr-list-title-markup",
        BODY5(
            '悬停这里\n{: title="&lt;meta http-equiv=refresh content=&quot;0;url=/x/&quot;&gt;" }'
        ),
        PAGE,
    ),
    C(
        "security",
        "blind7-svg-xhtml-meta-refresh",
        [
            (
                "docs/img/redirect.svg",
                None,
                '<svg xmlns="http://www.w3.org/2000/svg">\n<h:meta xmlns:h="http://www.w3.org/1999/xhtml"'
                ' http-equiv="refresh" content="0;url=https://evil.example/"/></svg>\n',
            )
        ],
        "docs/img/redirect.svg",
    ),
    C(
        "security",
        "blind7-svg-xml-stylesheet",
        [
            (
                "docs/img/styled.svg",
                None,
                '<?xml-stylesheet type="text/xsl" href="data:text/xsl,x"?>\n'
                '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>\n',
            )
        ],
        "docs/img/styled.svg",
    ),
    C(
        "security",
        "blind7-attr-list-in-unit-name",
        [(UNITS, "name: 城关区教育局", "name: '城关区教育局 {: onclick=alert(1) #__config }'")],
        ok=lambda site: name_shown_as_written(page(site, "danwei/u0000/index.html")),
    ),
    C(
        "security",
        "blind5-marker-in-yaml-text",
        [(REPORT, "title: 开展防溺水安全宣传", "title: '开展防溺水安全宣传<!-- zj:summary -->'")],
        REPORT,
    ),
    C(
        "security",
        "blind5-csv-short-name-at",
        [(UNITS, "short_name: 城关教育0", "short_name: '@SUM(1+1)'")],
        ok=downloads_safe,
    ),
    C(
        "security",
        "blind5-csv-metric-label-plus",
        [(CAMPAIGN, "label: 党组会议", "label: '+1+1党组会议'")],
        ok=downloads_safe,
    ),
    C(
        "security",
        "blind5-csv-short-name-tab-formula",
        [(UNITS, "short_name: 城关教育0", 'short_name: "\\t=1+1"')],
        ok=downloads_safe,
    ),
    # -- blind5: what readers must not see ------------------------------------------------------
    C("publishing", "blind5-draft-canary", DRAFT5(), ok=draft_hidden),
    C(
        "publishing",
        "blind5-draft-via-snippets",
        [
            *DRAFT5(),
            *EXT5("- pymdownx.snippets\n"),
            ("docs/index.md", "", '--8<-- "docs/campaigns/dangshi-2021/u0001.md"\n\n'),
        ],
        "docs/index.md",
    ),
    C(
        "publishing",
        "blind5-draft-no-directory-urls",
        [*DRAFT5(), ("mkdocs.yml", "theme:\n", "use_directory_urls: false\ntheme:\n")],
        ok=draft_hidden,
    ),
    C(
        "publishing",
        "blind5-draft-in-explicit-nav",
        [
            *DRAFT5(),
            ("mkdocs.yml", "extra_css:", "nav:\n- campaigns/dangshi-2021/u0001.md\nextra_css:"),
        ],
        "mkdocs.yml",
    ),
    C(
        "publishing",
        "blind5-draft-merge-key-status",
        [*DRAFT5(), (REPORT1, "date: 2021-11-28", "<<: {status: 已审定}\ndate: 2021-11-28")],
        REPORT1,
    ),
    C(
        "publishing",
        "blind5-draft-explicit-key-duplicate",
        [*DRAFT5(), (REPORT1, "date: 2021-11-28", "? status\n: 已审定\ndate: 2021-11-28")],
        REPORT1,
    ),
    C(
        "publishing",
        "blind5-draft-docs-symlink-to-data",
        [*DRAFT5(), ("docs/yuanshi", None, "->../data")],
        "docs/yuanshi",
    ),
    C(
        "publishing",
        "blind5-contact-via-merge-key",
        [
            (
                UNITS,
                "  kind: 机关\n",
                '  kind: 机关\n  <<: {contact: {name: 秘密联系人, phone: "0931-7654321"}}\n',
            )
        ],
        UNITS,
    ),
    C(
        "publishing",
        "blind5-internal-merge-key-visibility",
        [
            (
                REPORT1,
                "date: 2021-11-28",
                "visibility: 内部\n<<: {visibility: 公开}\ndate: 2021-11-28",
            ),
            (PAGE1, SIGN, CANARY5 + "。\n\n" + SIGN),
        ],
        REPORT1,
    ),
]

# Measured failing on this branch, each with what happens.
BLIND5_OPEN = {}
CASES = [
    dataclasses.replace(c, xfail=BLIND5_OPEN[f"{c.promise}-{c.name}"])
    if f"{c.promise}-{c.name}" in BLIND5_OPEN
    else c
    for c in CASES
]


@pytest.fixture(scope="session")
def built_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("promise") / "project"
    write_demo(root, units=2, campaigns=1, seed=1)
    done = run_zongjie("build", "-q", "--strict", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root


def apply(root: Path, edits: list[tuple[str, str | None, str | bytes]]) -> None:
    for rel, old, new in edits:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if old == ANY_DIGEST:
            assert isinstance(new, str)
            text = target.read_text(encoding="utf-8")
            changed = re.sub(r"^reviewed_digest: .*\n", new, text, count=1, flags=re.MULTILINE)
            assert changed != text, f"{rel}: no reviewed_digest line"
            target.write_text(changed, encoding="utf-8")
        elif isinstance(new, str) and new.startswith("->"):
            target.symlink_to(new[2:])
        elif isinstance(new, str) and new.startswith("@"):
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
OPEN = {
    # blind tester, measured on this branch
    # blind3 tester, measured on this branch
}


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
    reapprove(root)  # each case is about its edit, not about the edit being unreviewed
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


def sample() -> list[object]:
    """One case of each promise: every other promise its first correct site, if it has one,
    the others their first error."""
    picked = []
    for i, promise in enumerate(PROMISES):
        cases = [c for c in CASES if c.promise == promise and not c.xfail]
        sites = [c for c in cases if c.where is None]
        picked.append(sites[0] if i % 2 and sites else cases[0])
    return [pytest.param(c, id=f"{c.promise}-{c.name}") for c in picked]


@pytest.mark.parametrize("case", sample())
def test_forked_command_is_the_real_command(
    case: Case, built_template: Path, tmp_path: Path
) -> None:
    """The cases above run their commands in forks of a warm server (``support.cli``); here a
    sample runs both ways, in the same folder, and must give the same status, output and site."""
    root = tmp_path / "project"
    seen = []
    for real in (False, True):
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(built_template, root, symlinks=True)
        apply(root, case.edits)
        runs = [
            run_zongjie(*command, cwd=root, real=real)
            for command in (["check", "--strict"], ["build", "-q", "--strict"])
        ]
        seen.append(([(r.returncode, r.stdout, r.stderr) for r in runs], tree_hash(root / "site")))
    assert seen[0] == seen[1]
