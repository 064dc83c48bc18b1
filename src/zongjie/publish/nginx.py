"""``DEST/nginx.conf``: the server block that serves ``DEST/current``, and its error pages.

The configuration depends on the settings, the destination and the inline-code hashes of
the Content-Security-Policy. It covers every kept release, so a rollback never needs a new
one; a release whose inline code the running nginx does not allow yet needs a reload
*before* ``current`` switches to it (:func:`needs_reload`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from zongjie import atomic, templating
from zongjie.config import PublishSettings
from zongjie.publish.csp import InlineCode, inline_code
from zongjie.publish.release import make_readable

CONF = "nginx.conf"
LOADED = ".nginx-loaded.conf"  # what nginx is known to run (see publisher._switch)
ERRORS = "errors"
REALM = "内部资料"
# Debian's libnginx-mod-http-brotli-static enables the module here.
BROTLI_ENABLED = Path("/etc/nginx/modules-enabled")

ERROR_PAGES = {
    "401": ("需要登录", [
        "这里是内部资料，只有登录后才能查看。",
        "请使用分配给您的账号和密码登录；如果还没有账号，请联系本单位负责网站的同志。",
    ]),
    "403": ("无权访问", ["您没有查看这个页面的权限。如有需要，请联系本单位负责网站的同志。"]),
    "50x": ("服务器暂时出错", ["网站服务器暂时无法处理这个请求，请稍后再试。"]),
}  # fmt: skip


@dataclass(frozen=True)
class ServerBlock:
    dest: Path
    settings: PublishSettings
    brotli: bool
    policy: str


def brotli_enabled(modules: Path = BROTLI_ENABLED) -> bool:
    """Whether this machine's nginx loads the brotli_static module."""
    try:
        return any("brotli_static" in p.read_text("utf-8") for p in modules.glob("*.conf"))
    except OSError:
        return False


def variable(dest: Path) -> str:
    """A map-variable prefix unique to ``dest``: two published sites can share one nginx."""
    return "$zongjie_" + hashlib.sha256(str(dest).encode("utf-8")).hexdigest()[:8]


def render(block: ServerBlock) -> str:
    return templating.render(
        "publish/nginx.conf.j2",
        settings=block.settings,
        prefix=block.settings.restricted_prefix,
        brotli=block.brotli,
        policy=block.policy,
        var=variable(block.dest),
        current=block.dest / "current",
        errors=block.dest / ERRORS,
        conf_path=block.dest / CONF,
        realm=REALM,
    )


def error_pages(site_name: str) -> dict[str, str]:
    """``{file name: HTML}`` of the Chinese pages nginx shows instead of its English ones."""
    style = resources.files("zongjie").joinpath("templates/publish/error.css").read_text("utf-8")
    return {
        f"{code}.html": templating.render(
            "publish/error.html.j2",
            code=code.replace("x", "0"),
            title=title,
            paragraphs=paragraphs,
            site_name=site_name,
            style=style.strip(),
        )
        for code, (title, paragraphs) in ERROR_PAGES.items()
    }


def write_error_pages(dest: Path, site_name: str, gid: int) -> InlineCode:
    """Write the error pages to ``DEST/errors/``; returns their inline code for the policy."""
    found = InlineCode()
    for name, html in error_pages(site_name).items():
        atomic.write_text(dest / ERRORS / name, html)
        found.update(inline_code(html, f"{ERRORS}/{name}"))
    make_readable(dest / ERRORS, gid)
    return found


_POLICY = re.compile(r'"(default-src [^"]*)"')


def policy_in(conf: str) -> dict[str, set[str]]:
    """The policy written in an nginx.conf, as ``{directive: sources}``."""
    found = _POLICY.search(conf)
    return parse_policy(found.group(1)) if found else {}


def parse_policy(text: str) -> dict[str, set[str]]:
    directives: dict[str, set[str]] = {}
    for part in text.split(";"):
        name, *sources = part.split()
        directives[name] = set(sources)
    return directives


def needs_reload(running: str, new: str, release_policy: str) -> bool:
    """Whether nginx, loaded with the ``running`` configuration, must be reloaded with ``new``
    before it can serve a release needing ``release_policy``: anything but the policy changed,
    or the release needs a source the running policy lacks."""
    if _POLICY.sub("", running) != _POLICY.sub("", new):
        return True
    allowed = policy_in(running)
    return any(
        not sources <= allowed.get(name, set())
        for name, sources in parse_policy(release_policy).items()
    )
