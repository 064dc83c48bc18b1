"""The policy's inline-code hashes and the pre-compressed copies, on small real inputs."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli

from support import ROOT
from zongjie.publish.compress import precompress
from zongjie.publish.csp import MAX_STYLE_ATTRIBUTE_HASHES, inline_code, policy, source_hash

# The example of the CSP specification (w3c.github.io/webappsec-csp, "hash-source").
SPEC_SCRIPT = "alert('Hello, world.');"
SPEC_HASH = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_hash_matches_the_specification_example() -> None:
    assert source_hash(SPEC_SCRIPT) == SPEC_HASH
    found = inline_code(f"<p>x</p><script>{SPEC_SCRIPT}</script>")
    assert found.scripts == {SPEC_HASH}


def test_only_executable_inline_scripts_are_hashed() -> None:
    page = (
        '<script src="a.js"></script>'
        '<script id="__config" type="application/json">{"a": 1}</script>'
        '<script type="module">import("./m.js")</script>'
        "<script type='text/javascript'>var a = '<b>';</script>"
    )
    assert inline_code(page).scripts == {
        source_hash('import("./m.js")'),
        source_hash("var a = '<b>';"),
    }


def test_tokenizer_reads_pages_as_browsers_do() -> None:
    page = (
        "<!-- <script>commented()</script> -->"
        "<div title=\"a > b\" data-x='<script>not()</script>'>text &lt;script&gt;</div>"
        "<SCRIPT>upper();</SCRIPT >"
        "<script>var s = '</scripts>';</script>"
        '<p style="content: &quot;x&quot;">y</p>'
    )
    found = inline_code(page)
    assert found.scripts == {source_hash("upper();"), source_hash("var s = '</scripts>';")}
    assert found.style_attributes == {source_hash('content: "x"')}  # the decoded value


def test_line_breaks_are_normalized_as_browsers_do() -> None:
    assert inline_code("<script>a();\r\nb();</script>").scripts == {source_hash("a();\nb();")}


def test_styles_and_style_attributes() -> None:
    found = inline_code('<style>p{color:red}</style><p style="color: blue">x</p>')
    assert found.styles == {source_hash("p{color:red}")}
    assert found.style_attributes == {source_hash("color: blue")}
    text = policy(found.scripts, found.styles, found.style_attributes)
    style = next(d for d in text.split("; ") if d.startswith("style-src"))
    assert style.split()[1:] == [
        "'self'", source_hash("p{color:red}"), "'unsafe-hashes'", source_hash("color: blue"),
    ]  # fmt: skip


def test_many_style_attributes_fall_back_to_unsafe_inline_styles_only() -> None:
    attributes = {source_hash(f"width: {n}px") for n in range(MAX_STYLE_ATTRIBUTE_HASHES + 1)}
    text = policy({SPEC_HASH}, set(), attributes)
    directives = dict(d.split(" ", 1) for d in text.split("; "))
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    assert directives["script-src"] == f"'self' {SPEC_HASH}"


def test_handlers_and_javascript_links_are_reported() -> None:
    page = '<p>\n<a href=" JavaScript:go()">a</a>\n<button onclick="go()">b</button>\n</p>'
    assert inline_code(page, "x/index.html").blocked == [
        "x/index.html:2: a 元素的 javascript: 链接",
        "x/index.html:3: button 元素的事件属性 onclick",
    ]


def _site(root: Path) -> Path:
    (root / "a").mkdir(parents=True)
    (root / "a/index.html").write_text("<p>总结报告</p>\n" * 200, encoding="utf-8")
    (root / "tiny.css").write_text("p{}", encoding="utf-8")
    (root / "random.js").write_bytes(os.urandom(4096))  # does not compress: no copy
    (root / "doc.pdf").write_bytes(b"%PDF-1.7 " * 500)  # not a text format
    return root


def test_precompress_writes_smaller_copies(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    stats = precompress(site, "standard", brotli=True)
    page = site / "a/index.html"
    assert gzip.decompress((site / "a/index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress((site / "a/index.html.br").read_bytes()) == page.read_bytes()
    assert (site / "a/index.html.gz").stat().st_mtime_ns == page.stat().st_mtime_ns
    assert not (site / "tiny.css.gz").exists()
    assert not (site / "random.js.gz").exists()
    assert not (site / "doc.pdf.gz").exists()
    assert stats.written == 2 and stats.original_bytes == page.stat().st_size


def test_max_mode_is_smaller_and_still_valid(tmp_path: Path) -> None:
    text = (ROOT / "README.md").read_bytes()  # real Chinese prose and tables
    sizes = []
    for mode in ("standard", "max"):
        (tmp_path / mode).mkdir()
        (tmp_path / mode / "readme.md").write_bytes(text)
        sizes.append(precompress(tmp_path / mode, mode, brotli=True))
        assert gzip.decompress((tmp_path / mode / "readme.md.gz").read_bytes()) == text
    standard, best = sizes
    assert best.gzip_bytes < standard.gzip_bytes and best.brotli_bytes < standard.brotli_bytes


def test_unchanged_files_reuse_the_previous_copies(tmp_path: Path) -> None:
    old = _site(tmp_path / "old")
    precompress(old, "standard", brotli=False)
    new = tmp_path / "new"
    (new / "a").mkdir(parents=True)
    os.link(old / "a/index.html", new / "a/index.html")  # as reuse.link_unchanged leaves it
    stats = precompress(new, "standard", brotli=True, reuse_from=old, unchanged={"a/index.html"})
    gz_old, gz_new = old / "a/index.html.gz", new / "a/index.html.gz"
    assert gz_new.stat().st_ino == gz_old.stat().st_ino
    # the .br the old release lacked is computed, and never written into the old release
    assert (new / "a/index.html.br").is_file()
    assert not (old / "a/index.html.br").exists()
    assert stats.reused == 0 and stats.written == 1
