"""An address is read as the browser reads it: every spelling that names another host is one,
in the Markdown and in the rendered HTML alike."""

from __future__ import annotations

import pytest

from zongjie.markdown.addresses import browser_host, outside
from zongjie.markdown.sanitizer import stripped

OTHER_HOST = [
    "https://evil.example/x.png",
    "https:evil.example/i.png",
    "https:/evil.example/p.png",
    "HTTPS:\\\\evil.example/p.png",
    "///evil.example/x.png",
    "//evil.example/x.png",
    "/\\evil.example/x.png",
    "\\/evil.example/x.png",
    "&#x2F;&#x2F;evil.example/",
    "&sol;&sol;evil.example/",
    "\x01 //evil.example/",
    "ht\ttps://evil.example/",
    "//user:pw@Evil.Example:8080/x",
    "https://ｅｖｉｌ。example/x",
    "//%65vil.example/",
    "ftp:evil.example/f",
]
INSIDE = ["img/a.png", "../x/", "/abs/path", "#top", "?q=1", "mailto:a@b.cn", "tel:123",
          "https://intranet.local/x", "//intranet.local/y", "https:intranet.local/z"]  # fmt: skip


@pytest.mark.parametrize("url", OTHER_HOST)
def test_every_spelling_of_another_host_is_outside(url: str) -> None:
    assert browser_host(url)[1] == "evil.example"
    assert outside(url, "intranet.local") is not None


@pytest.mark.parametrize("url", INSIDE)
def test_addresses_of_the_site_are_not(url: str) -> None:
    assert outside(url, "intranet.local") is None


@pytest.mark.parametrize("url", OTHER_HOST)
def test_the_rendered_gate_removes_them_too(url: str) -> None:
    html = f'<p><img src="{url}" alt="x"><a href="{url}">x</a></p>'
    cleaned, found = stripped(html, "intranet.local")
    assert "evil" not in cleaned.lower().replace("&", "")
    assert [f.kind for f in found] == ["address", "address"]


def test_own_host_stays_in_the_rendered_page() -> None:
    cleaned, found = stripped('<a href="https://intranet.local/a/">a</a>', "intranet.local")
    assert found == [] and 'href="https://intranet.local/a/"' in cleaned
