"""The published site through a real nginx (Debian's), with the server block publish wrote:
compression, revalidation, cache and security headers, the restricted tree behind a login."""

from __future__ import annotations

import email.utils
import gzip
from pathlib import Path

import pytest

from .conftest import Served
from .publish_support import CAMPAIGN, CANARY_PAGE, PASSWORD, PREFIX, USER, fetch

CREDENTIALS = (USER, PASSWORD)
REPORT = f"/campaigns/{CAMPAIGN}/u0000/"


def _current(served: Served) -> Path:
    return (served.dest / "current").resolve()


def test_page_is_served_gzip_and_brotli(served: Served) -> None:
    html = (_current(served) / REPORT.strip("/") / "index.html").read_bytes()
    plain = fetch(served.url, REPORT)
    assert plain.status == 200
    assert plain.header("Content-Encoding") == ""
    assert plain.body == html
    zipped = fetch(served.url, REPORT, {"Accept-Encoding": "gzip"})
    assert zipped.status == 200
    assert zipped.header("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in zipped.header("Vary")
    assert gzip.decompress(zipped.body) == html
    assert len(zipped.body) < len(html) / 3
    # the pre-compressed copy is what nginx sent (gzip_static), not a per-request compression
    assert zipped.body == (_current(served) / REPORT.strip("/") / "index.html.gz").read_bytes()
    br = fetch(served.url, REPORT, {"Accept-Encoding": "br, gzip"})
    if (_current(served) / REPORT.strip("/") / "index.html.br").exists():
        assert br.header("Content-Encoding") == "br"
        assert br.text().encode("utf-8") == html
    else:
        assert br.header("Content-Encoding") == "gzip"


def test_revalidation_gives_304(served: Served) -> None:
    first = fetch(served.url, REPORT, {"Accept-Encoding": "gzip"})
    etag, modified = first.header("ETag"), first.header("Last-Modified")
    assert etag and modified
    assert first.header("Cache-Control") == "no-cache"  # HTML: always asks, usually 304
    again = fetch(served.url, REPORT, {"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert again.status == 304
    assert again.body == b""
    since = fetch(served.url, REPORT, {"If-Modified-Since": modified})
    assert since.status == 304
    older = email.utils.format_datetime(
        email.utils.parsedate_to_datetime(modified).replace(year=2001), usegmt=True
    )
    assert fetch(served.url, REPORT, {"If-Modified-Since": older}).status == 200
    assert fetch(served.url, REPORT, {"If-None-Match": '"not-it"'}).status == 200


def _asset(served: Served, pattern: str) -> str:
    found = sorted(_current(served).glob(pattern))
    assert found, f"no file matches {pattern}"
    return "/" + found[0].relative_to(_current(served)).as_posix()


def test_cache_headers(served: Served) -> None:
    immutable = "public, max-age=31536000, immutable"
    bundle = _asset(served, "assets/javascripts/bundle.*.min.js")
    assert fetch(served.url, bundle).header("Cache-Control") == immutable
    css = _asset(served, "assets/stylesheets/main.*.min.css")
    assert fetch(served.url, css).header("Cache-Control") == immutable
    # our own assets have no hash in their names: revalidated, never stale after a release
    for path in ("/assets/javascripts/zongjie.js", "/", "/search/search_index.json"):
        assert fetch(served.url, path).header("Cache-Control") == "no-cache", path
    pdf = _asset(served, f"pdf/{CAMPAIGN}/*.pdf")
    answer = fetch(served.url, pdf)
    assert answer.status == 200 and answer.header("Cache-Control") == "no-cache"
    assert answer.header("ETag")
    # search index files: immutable when fetched with the index version, as the worker does
    shard = "/search/zongjie/meta.bin"
    assert fetch(served.url, shard).header("Cache-Control") == "no-cache"
    assert fetch(served.url, shard + "?v=0123abcd").header("Cache-Control") == immutable
    # the restricted tree: never in a shared cache
    nb = fetch(served.url, f"/{PREFIX}/", auth=CREDENTIALS)
    assert nb.header("Cache-Control") == "private, no-cache"
    assert nb.header("X-Robots-Tag") == "noindex, nofollow"
    nb_bundle = fetch(served.url, f"/{PREFIX}{bundle}", auth=CREDENTIALS)
    assert nb_bundle.header("Cache-Control") == "private, max-age=31536000, immutable"
    assert fetch(served.url, "/").header("X-Robots-Tag") == ""


def _policy(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.mark.parametrize(
    ("path", "status", "auth"),
    [
        ("/", 200, None),
        ("/no-such-page/", 404, None),
        (f"/{PREFIX}/", 401, None),
        (f"/{PREFIX}/", 200, CREDENTIALS),
    ],
    ids=["page", "404", "401", "restricted"],
)
def test_security_headers(
    served: Served, path: str, status: int, auth: tuple[str, str] | None
) -> None:
    answer = fetch(served.url, path, auth=auth)
    assert answer.status == status
    assert answer.header("X-Content-Type-Options") == "nosniff"
    assert answer.header("Referrer-Policy") == "same-origin"
    assert answer.header("X-Frame-Options") == "DENY"
    assert answer.header("Server") == "nginx"  # no version number
    policy = _policy(answer.header("Content-Security-Policy"))
    assert policy["default-src"] == ["'none'"]
    scripts = policy["script-src"]
    assert scripts[0] == "'self'"
    assert all(s.startswith("'sha256-") for s in scripts[1:]) and len(scripts) > 1
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert policy["worker-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy["style-src"]


def test_csp_on_every_response_but_pdfs(served: Served) -> None:
    assert fetch(served.url, "/assets/javascripts/zongjie.js").header("Content-Security-Policy")
    # XML is rendered as a document that may hold XHTML scripts: like any type, it gets the policy
    assert fetch(served.url, "/sitemap.xml").header("Content-Security-Policy")
    pdf = _asset(served, f"pdf/{CAMPAIGN}/*.pdf")
    assert fetch(served.url, pdf).header("Content-Security-Policy") == ""
    assert fetch(served.url, pdf).header("X-Content-Type-Options") == "nosniff"


RESTRICTED_PATHS = [
    f"/{PREFIX}/",
    f"/{PREFIX}/index.html",
    f"/{PREFIX}/{CANARY_PAGE}",
    f"/{PREFIX}/{CANARY_PAGE}index.html.gz",
    f"/{PREFIX}/404.html",
    f"/{PREFIX}/no-such-page/",
    f"/{PREFIX}/search/zongjie/meta.bin",
    f"/{PREFIX}/search/search_index.json",
    f"/{PREFIX}/pdf/{CAMPAIGN}/u0001.pdf",
    f"/{PREFIX}/sitemap.xml",
    f"/%6E%62/{CANARY_PAGE}",  # percent-encoded prefix
    f"/assets/../{PREFIX}/{CANARY_PAGE}",
    f"//{PREFIX}/{CANARY_PAGE}",
]


@pytest.mark.parametrize("path", RESTRICTED_PATHS)
def test_restricted_tree_needs_login(served: Served, path: str) -> None:
    anonymous = fetch(served.url, path)
    assert anonymous.status == 401, path
    assert anonymous.header("WWW-Authenticate").startswith("Basic realm=")
    assert "需要登录" in anonymous.text() and "<html" in anonymous.text()
    wrong = fetch(served.url, path, auth=(USER, "wrong-password"))
    assert wrong.status == 401
    signed_in = fetch(served.url, path, auth=CREDENTIALS)
    assert signed_in.status == (404 if "no-such-page" in path else 200), path


def test_restricted_prefix_without_slash_redirects_only(served: Served) -> None:
    answer = fetch(served.url, f"/{PREFIX}")
    assert answer.status == 301
    assert answer.header("Location") == f"/{PREFIX}/"


def test_404_pages(served: Served) -> None:
    public = fetch(served.url, "/no/such/page/")
    assert public.status == 404
    assert public.body == (_current(served) / "404.html").read_bytes()
    restricted = fetch(served.url, f"/{PREFIX}/no/such/page/", auth=CREDENTIALS)
    assert restricted.status == 404
    assert restricted.body == (_current(served) / PREFIX / "404.html").read_bytes()
    assert restricted.header("Cache-Control") == "private, no-cache"


def test_directory_without_slash_redirects_relative(served: Served) -> None:
    answer = fetch(served.url, f"/campaigns/{CAMPAIGN}")
    assert answer.status == 301
    assert answer.header("Location") == f"/campaigns/{CAMPAIGN}/"  # no host or port of nginx's


def test_generated_configuration_passes_nginx_t(served: Served) -> None:
    checked = served.nginx.check()
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr
