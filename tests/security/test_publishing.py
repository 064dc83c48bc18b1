"""Publishing under hostile or failing conditions: links out of a prebuilt site, a full disk, other
local users, encoded paths through an authentication service, an injected inline script, and
what a killed build leaves behind."""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from publish.publish_support import (
    CANARY_PAGE,
    PASSWORD,
    PREFIX,
    USER,
    Nginx,
    build,
    fetch,
    free_port,
    make_restricted,
    set_publish,
)
from support import QuietHandler, serve, tree_hash
from zongjie.demo import write_demo
from zongjie.publish.csp import site_inline_code, source_hash

from .conftest import run_zongjie

NGINX = Path("/usr/sbin/nginx")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose site has a public and a restricted tree (u0001 is 内部)."""
    root = tmp_path_factory.mktemp("publishing") / "project"
    write_demo(root, units=2, campaigns=1, seed=1)
    make_restricted(root)
    build(root, strict=True)
    assert (root / "site" / PREFIX / CANARY_PAGE / "index.html").is_file()
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(built, root)
    set_publish(root, brotli=False)
    return root


def _publish(project: Path, dest: Path, site: Path | None = None):  # type: ignore[no-untyped-def]
    args = ["publish", "--dest", str(dest)] + (["--site", str(site)] if site else [])
    return run_zongjie(*args, cwd=project)


def test_links_leaving_the_site_are_refused(project: Path, tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    assert _publish(project, dest, project / "site").returncode == 0
    before = tree_hash(dest / "current")
    secret = tmp_path / "zongjie.htpasswd"
    secret.write_text("reader:$2y$05$secret\n", encoding="utf-8")
    site = tmp_path / "site"
    shutil.copytree(project / "site", site)
    (site / "users.txt").symlink_to(secret)
    (site / "alias").symlink_to(site / "campaigns")
    done = _publish(project, dest, site)
    output = done.stdout + done.stderr
    assert done.returncode == 1 and "Traceback" not in output
    assert "发布未完成" in output and "users.txt" in output and "alias" in output
    assert "reader:$2y" not in output
    assert tree_hash(dest / "current") == before
    assert not [p for p in dest.rglob("*") if "secret" in p.name or p.name == "users.txt"]


def test_full_disk_is_worded_and_the_release_stays(project: Path, tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(disk)],
                             capture_output=True, check=False)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        dest = disk / "dest"
        assert _publish(project, dest, project / "site").returncode == 0
        before = tree_hash(dest / "current")
        free = shutil.disk_usage(disk).free
        (disk / "filler").write_bytes(b"\0" * max(free - 64 * 1024, 0))  # 64 KB left
        site = tmp_path / "site2"
        shutil.copytree(project / "site", site)
        (site / "index.html").write_text(
            (site / "index.html").read_text(encoding="utf-8") + "<!-- 第二版 -->" * 50_000,
            encoding="utf-8",
        )
        done = _publish(project, dest, site)
        output = done.stdout + done.stderr
        assert done.returncode == 1 and "Traceback" not in output, output
        assert "发布未完成：磁盘空间不足" in output and "当前版本保持不变" in output, output
        assert tree_hash(dest / "current") == before
        assert [p.name for p in (dest / "releases").iterdir() if p.name.startswith(".")] == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_unknown_group_is_refused_at_its_line(project: Path, tmp_path: Path) -> None:
    set_publish(project, group="no-such-group")
    done = _publish(project, tmp_path / "dest", project / "site")
    assert done.returncode == 1
    assert re.search(r"mkdocs\.yml:\d+ 的 publish\.group", done.stderr), done.stderr


@pytest.fixture
def traversable(tmp_path: Path) -> Iterator[Path]:
    """A folder other users may pass through (pytest's own folders are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="zongjie-perm-", dir="/tmp"))
    os.chmod(folder, 0o711)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_only_nginx_group_reads_a_release(project: Path, traversable: Path) -> None:
    if not NGINX.exists():
        pytest.skip("nginx is not installed (make debs-test)")
    port = free_port()
    set_publish(project, listen=f"127.0.0.1:{port}", group="nogroup")
    dest = traversable / "dest"
    done = _publish(project, dest, project / "site")
    assert done.returncode == 0, done.stdout + done.stderr
    release = (dest / "current").resolve()
    page = release / PREFIX / CANARY_PAGE / "index.html"
    for path in (dest, release, page, dest / "errors/401.html"):
        assert path.stat().st_mode & 0o007 == 0, path  # nothing for other users
    # Another local user cannot read the restricted page from the disk ...
    other = subprocess.run(["runuser", "-u", "daemon", "--", "cat", str(page)],
                           capture_output=True, text=True, check=False)  # fmt: skip
    assert other.returncode != 0 and "Permission denied" in other.stderr
    # ... while nginx's workers, running as nobody:nogroup, serve the site.
    server = Nginx(traversable / "nginx", dest, port)
    os.chmod(traversable / "nginx", 0o755)
    server.conf.write_text(
        server.conf.read_text("utf-8").replace("user root;", "user nobody nogroup;")
    )
    server.start()
    try:
        assert fetch(server.url, "/").status == 200
        assert fetch(server.url, "/campaigns/dangshi-2021/u0000/").status == 200
    finally:
        server.stop()


class _AuthService(QuietHandler):
    """An authentication service with a per-path rule, as a site might run: u0001's page is
    refused to everyone, whatever the credentials."""

    seen: ClassVar[list[str]] = []
    headers_seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        uri = self.headers.get("X-Original-URI", "")
        self.seen.append(uri)
        self.headers_seen += [k.lower() for k in self.headers]
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        allowed = self.headers.get("Authorization") == f"Basic {token}"
        if allowed and "/u0001/" in uri:
            self.send_response(403)
        elif allowed:
            self.send_response(200)
        else:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="LDAP"')
        self.send_header("Content-Length", "0")
        self.end_headers()


SPELLINGS = [
    f"/{PREFIX}/{CANARY_PAGE}",
    f"/%6e%62/{CANARY_PAGE}",
    f"/%6eb/{CANARY_PAGE}",
    f"//{PREFIX}//{CANARY_PAGE}",
    f"/{PREFIX}/./campaigns/../{CANARY_PAGE}",
    f"/{PREFIX}/{CANARY_PAGE.replace('u0001', 'u%30001')}",
    f"/{PREFIX}/{CANARY_PAGE}index.html",
    f"/{PREFIX}/{CANARY_PAGE}%69ndex.html",
]


def test_auth_service_gets_the_path_nginx_serves(project: Path, tmp_path: Path) -> None:
    if not NGINX.exists():
        pytest.skip("nginx is not installed (make debs-test)")
    port = free_port()
    with serve(tmp_path, _AuthService) as service:
        set_publish(project, listen=f"127.0.0.1:{port}", auth_request=f"{service}/auth")
        dest = tmp_path / "dest"
        done = _publish(project, dest, project / "site")
        assert done.returncode == 0, done.stdout + done.stderr
        server = Nginx(tmp_path / "nginx", dest, port).start()
        try:
            page = f"/{PREFIX}/{CANARY_PAGE}"
            for spelling in SPELLINGS:
                _AuthService.seen.clear()
                assert fetch(server.url, spelling).status == 401, spelling
                # the service's rule for u0001 holds under every spelling of its address
                assert fetch(server.url, spelling, auth=(USER, PASSWORD)).status == 403, spelling
                assert set(_AuthService.seen) <= {page, page + "index.html"}, _AuthService.seen
            other = f"/{PREFIX}/campaigns/dangshi-2021/"
            assert fetch(server.url, "/%6eb/campaigns/dangshi-2021/", auth=(USER, PASSWORD)
                         ).status == 200  # fmt: skip
            assert other in _AuthService.seen
            # a decoded line break never reaches the service as a header of its own
            _AuthService.seen.clear()
            _AuthService.headers_seen.clear()
            smuggle = f"/{PREFIX}/%0d%0aX-Ldap-URL:%20ldap://attacker.invalid/"
            assert fetch(server.url, smuggle, auth=(USER, PASSWORD)).status == 400
            assert "x-ldap-url" not in _AuthService.headers_seen
        finally:
            server.stop()


def test_policy_allows_the_theme_scripts_only(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(project / "site", site)
    theme = site_inline_code(site).scripts
    injected = "document.title='injected'"
    home = site / "index.html"
    home.write_text(
        home.read_text("utf-8").replace("</article>", f"<script>{injected}</script></article>"),
        "utf-8",
    )
    dest = tmp_path / "dest"
    done = _publish(project, dest, site)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "index.html" in done.stderr and "不属于主题的内联脚本" in done.stderr
    conf = (dest / "nginx.conf").read_text("utf-8")
    policy = re.search(r'"(default-src [^"]*)"', conf)
    assert policy is not None
    assert source_hash(injected) not in policy[1]
    assert all(h in policy[1] for h in theme), "every script the theme put in the pages"


def test_next_build_removes_what_a_killed_build_left(project: Path) -> None:
    for name in (".site-new-k1ll3d", ".site-old-0ld"):
        (project / name / "nb" / "campaigns").mkdir(parents=True)
        (project / name / "nb" / "campaigns" / "index.html").write_text("内部", "utf-8")
    (project / ".site-new-k1ll3d.txt").write_text("not a staging folder", "utf-8")
    done = run_zongjie("build", "-q", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    left = sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))
    assert left == [".site-new-k1ll3d.txt"]  # only folders are staging folders
