"""Switching releases under a running nginx: what readers get after a publish, a rollback, a
failed publish, and a release whose inline scripts the running nginx does not allow yet."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from zongjie.publish.csp import source_hash

from .publish_support import Nginx, Sites, free_port, publisher_project, set_publish, zongjie
from .publish_support import fetch as get

REPORT = "/campaigns/dangshi-2021/u0000/"


@pytest.fixture
def setup(sites: Sites, htpasswd: Path, tmp_path: Path) -> tuple[Path, Path, int]:
    port = free_port()
    project = publisher_project(
        sites, tmp_path / "project", listen=f"127.0.0.1:{port}", htpasswd=str(htpasswd),
        brotli=False,
    )  # fmt: skip
    return project, tmp_path / "dest", port


def _theme_script(project: Path, script: str) -> None:
    """The theme gets one more inline script: a template of the project's overrides holds it
    (the policy allows the scripts of the templates, never those found in built pages)."""
    extra = project / "overrides/zongjie/extra-script.html"
    extra.write_text(f"<script>{script}</script>\n", encoding="utf-8")


def _variant(sites: Sites, target: Path, text: str = "", script: str = "") -> Path:
    """The combined site with a visible change on the home page and/or one more inline script
    (as if built with :func:`_theme_script`'s template)."""
    shutil.copytree(sites.combined, target)
    home = target / "index.html"
    html = home.read_text("utf-8")
    if text:
        html = html.replace("</article>", f"<p>{text}</p></article>", 1)
    if script:
        html = html.replace("</body>", f"<script>{script}</script></body>", 1)
    home.write_text(html, "utf-8")
    return target


def _publish(project: Path, dest: Path, *args: str) -> str:
    done = zongjie("publish", "--dest", str(dest), *args, cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _home(server: Nginx) -> bytes:
    answer = get(server.url, "/")
    assert answer.status == 200
    return answer.body


def test_rollback_restores_the_previous_release(
    setup: tuple[Path, Path, int], sites: Sites, tmp_path: Path,
    nginx_for: Callable[[Path, int], Nginx],
) -> None:  # fmt: skip
    project, dest, port = setup
    _publish(project, dest, "--site", str(sites.combined))
    server = nginx_for(dest, port)
    first = _home(server)
    assert first == (sites.combined / "index.html").read_bytes()
    report_etag = get(server.url, REPORT).header("ETag")

    second_site = _variant(sites, tmp_path / "second", text="第二版首页新增的一句话")
    _publish(project, dest, "--site", str(second_site))
    assert "第二版首页新增的一句话" in _home(server).decode("utf-8")
    # an unchanged page keeps its ETag across releases: browsers get 304, not a download
    assert get(server.url, REPORT).header("ETag") == report_etag
    assert get(server.url, REPORT, {"If-None-Match": report_etag}).status == 304

    out = _publish(project, dest, "--rollback")
    assert "已切换到版本" in out
    assert _home(server) == first
    assert get(server.url, "/", {"Accept-Encoding": "gzip"}).text().encode("utf-8") == first

    # a publish whose build fails changes nothing readers get
    data = project / "data/reports/dangshi-2021/u0001.yml"
    data.write_text(data.read_text("utf-8").replace("count: ", "count: 许多", 1), "utf-8")
    failed = zongjie("publish", "--dest", str(dest), cwd=project)
    assert failed.returncode == 1
    assert "data/reports/dangshi-2021/u0001.yml:" in failed.stderr
    assert _home(server) == first


def _policy_has(server: Nginx, source: str, timeout: float = 15) -> bool:
    """Whether nginx sends ``source`` in its policy (a reload takes effect within moments)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if source in get(server.url, "/").header("Content-Security-Policy"):
            return True
        time.sleep(0.1)
    return False


def test_new_inline_script_waits_for_nginx(
    setup: tuple[Path, Path, int], sites: Sites, tmp_path: Path,
    nginx_for: Callable[[Path, int], Nginx],
) -> None:  # fmt: skip
    project, dest, port = setup
    _publish(project, dest, "--site", str(sites.combined))
    server = nginx_for(dest, port)
    first = _home(server)

    script = "window.zongjieExtra = 1;"
    _theme_script(project, script)
    site = _variant(sites, tmp_path / "with-script", script=script)
    refused = zongjie("publish", "--dest", str(dest), "--site", str(site), cwd=project)
    assert refused.returncode == 1
    assert "需要新的 nginx 配置" in refused.stderr and "--switch" in refused.stderr
    assert _home(server) == first, "readers must keep the release the running nginx can serve"
    needed = source_hash(script)
    assert needed in (dest / "nginx.conf").read_text("utf-8")  # ready for the reload
    assert not _policy_has(server, needed, timeout=0.5)
    # publishing again without a reload is refused again: nothing has changed for nginx
    again = zongjie("publish", "--dest", str(dest), "--site", str(site), cwd=project)
    assert again.returncode == 1

    # the administrator reloads nginx and switches, as the message says
    ready = re.search(r"版本 (\S+) 已准备好", refused.stderr).group(1)  # type: ignore[union-attr]
    assert (dest / "releases" / ready).is_dir()
    server.process.send_signal(1)  # type: ignore[union-attr]  # SIGHUP = nginx -s reload
    assert _policy_has(server, needed)
    _publish(project, dest, "--switch", ready)
    assert script in _home(server).decode("utf-8")

    # with a reload command, publish reloads nginx itself before switching
    set_publish(project, reload_command=server.reload_command)
    script2 = "window.zongjieExtra = 2;"
    _theme_script(project, script2)
    site2 = _variant(sites, tmp_path / "with-script-2", script=script2)
    out = _publish(project, dest, "--site", str(site2))
    assert "已更新并重新加载" in out
    assert _policy_has(server, source_hash(script2))
    assert script2 in _home(server).decode("utf-8")

    # a reload command that fails: the configuration and the release readers get stay
    set_publish(project, reload_command="echo 配置有误 >&2; false")
    conf = (dest / "nginx.conf").read_text("utf-8")
    served = _home(server)
    _theme_script(project, "window.zongjieExtra = 3;")
    site3 = _variant(sites, tmp_path / "with-script-3", script="window.zongjieExtra = 3;")
    failed = zongjie("publish", "--dest", str(dest), "--site", str(site3), cwd=project)
    assert failed.returncode == 1
    assert "重新加载 nginx 失败" in failed.stderr and "配置有误" in failed.stderr
    assert (dest / "nginx.conf").read_text("utf-8") == conf
    assert _home(server) == served
