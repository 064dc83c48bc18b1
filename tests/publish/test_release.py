"""Release folders, the atomic ``current`` switch, keep, rollback and every way a publish can
fail: each leaves ``current`` on the release readers had before."""

from __future__ import annotations

import fcntl
import grp
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .publish_support import Sites, publisher_project, set_publish, zongjie

REPORT_DATA = "data/reports/dangshi-2021/u0000.yml"


@pytest.fixture
def project(sites: Sites, tmp_path: Path) -> Path:
    # gzip only: these tests are about releases, and brotli would triple the compression time
    return publisher_project(sites, tmp_path / "project", brotli=False)


def _publish(project: Path, dest: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return zongjie("publish", "--dest", str(dest), *args, cwd=project)


def _ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _current(dest: Path) -> str:
    return os.readlink(dest / "current")


def _complete(dest: Path) -> list[str]:
    return sorted(p.stem for p in (dest / "releases").glob("*.json"))


def test_publish_makes_a_release_and_switches(project: Path, sites: Sites, tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    out = _ok(_publish(project, dest, "--site", str(sites.combined)))
    [first] = _complete(dest)
    assert _current(dest) == f"releases/{first}"  # relative: the folder can be moved
    assert f"已发布 {first}：" in out and "预压缩" in out
    site = dest / "current"
    for rel in ("index.html", "404.html", "nb/index.html", "pdf/dangshi-2021/u0000.pdf"):
        assert (site / rel).read_bytes() == (sites.combined / rel).read_bytes(), rel
    manifest = json.loads((dest / "releases" / f"{first}.json").read_text("utf-8"))
    assert manifest["source"] == str(sites.combined)
    assert manifest["scripts"] and all(s.startswith("'sha256-") for s in manifest["scripts"])
    assert (dest / "nginx.conf").is_file()
    assert "需要登录" in (dest / "errors/401.html").read_text("utf-8")

    time.sleep(0.01)
    _ok(_publish(project, dest, "--site", str(sites.combined)))
    first_release, second = _complete(dest)[0], _current(dest).split("/")[1]
    assert first_release == first and second != first
    # unchanged files are the same inode as before: same ETag, no second copy on disk
    for rel in ("index.html", "index.html.gz", "nb/campaigns/dangshi-2021/u0001/index.html"):
        old, new = dest / "releases" / first / rel, dest / "releases" / second / rel
        assert old.stat().st_ino == new.stat().st_ino, rel


def test_keep_removes_oldest_but_never_current(project: Path, sites: Sites, tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    names = []
    for _ in range(3):
        _ok(_publish(project, dest, "--site", str(sites.combined), "--keep", "2"))
        names.append(_current(dest).split("/")[1])
    assert _complete(dest) == sorted(names[1:])
    assert not (dest / "releases" / names[0]).exists()

    out = _ok(_publish(project, dest, "--rollback"))
    assert _current(dest) == f"releases/{names[1]}"
    assert names[1] in out and names[2] in out
    no_older = _publish(project, dest, "--rollback")
    assert no_older.returncode == 1
    assert "没有更早的版本可以回滚" in no_older.stderr
    assert _current(dest) == f"releases/{names[1]}"

    _ok(_publish(project, dest, "--site", str(sites.combined), "--keep", "2"))
    newest = _current(dest).split("/")[1]
    assert newest not in names
    assert _complete(dest) == sorted([names[2], newest])
    listing = _ok(_publish(project, dest, "--list"))
    assert f"→ {newest}" in listing and f"  {names[2]}" in listing


def test_switch_to_a_named_release(project: Path, sites: Sites, tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    _ok(_publish(project, dest, "--site", str(sites.combined)))
    first = _current(dest).split("/")[1]
    _ok(_publish(project, dest, "--site", str(sites.combined)))
    _ok(_publish(project, dest, "--switch", first))
    assert _current(dest) == f"releases/{first}"
    missing = _publish(project, dest, "--switch", "20000101-000000-nosuch")
    assert missing.returncode == 1 and "没有名为 20000101-000000-nosuch 的版本" in missing.stderr


def test_failed_build_leaves_current(project: Path, sites: Sites, tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    _ok(_publish(project, dest, "--strict"))  # builds the project itself
    before = _current(dest)
    assert (dest / "current" / "pdf/dangshi-2021/u0000.pdf").is_file()
    data = project / REPORT_DATA
    data.write_text(data.read_text("utf-8").replace("count: 2", "count: 两次", 1), "utf-8")
    failed = _publish(project, dest, "--strict")
    assert failed.returncode == 1
    assert f"{REPORT_DATA}:" in failed.stderr and "错误" in failed.stderr
    assert "发布未完成：读者看到的仍是原来的版本" in failed.stderr
    assert _current(dest) == before
    assert sorted(p.name for p in (dest / "releases").iterdir()) == sorted(
        [before.split("/")[1], before.split("/")[1] + ".json"]
    ), "a failed build must leave no release or staging folder behind"


def test_interrupted_publish_leaves_current(project: Path, sites: Sites, tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    _ok(_publish(project, dest, "--site", str(sites.combined)))
    before = _current(dest)
    index = (dest / "current" / "index.html").read_bytes()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    running = subprocess.Popen(
        [sys.executable, "-m", "zongjie", "publish", "--dest", str(dest)],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    staging: list[Path] = []
    while time.monotonic() < deadline and running.poll() is None and not staging:
        staging = [p for p in (dest / "releases").iterdir() if p.name.startswith(".")]
        time.sleep(0.02)
    running.send_signal(signal.SIGKILL)  # a power cut or `kill -9` in the middle of the build
    running.wait()
    assert staging, "the publish ended before it could be interrupted"
    assert _current(dest) == before
    assert (dest / "current" / "index.html").read_bytes() == index
    assert _complete(dest) == [before.split("/")[1]]

    out = _ok(_publish(project, dest, "--site", str(sites.combined)))
    assert "清理了上次中断的发布留下的文件" in out or not any(
        p.name.startswith(".") for p in (dest / "releases").iterdir()
    )
    assert not [p for p in (dest / "releases").iterdir() if p.name.startswith(".")]
    assert _current(dest) != before


def test_one_publish_at_a_time(project: Path, sites: Sites, tmp_path: Path) -> None:
    dest = tmp_path / "dest"
    _ok(_publish(project, dest, "--site", str(sites.combined)))
    before = _current(dest)
    with open(dest / ".publish.lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        busy = _publish(project, dest, "--site", str(sites.combined))
    assert busy.returncode == 1
    assert "正在被另一个 zongjie publish 使用" in busy.stderr
    assert _current(dest) == before


def test_site_must_be_a_built_site(project: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    done = _publish(project, tmp_path / "dest", "--site", str(empty))
    assert done.returncode == 1
    assert "不是构建好的站点（没有 index.html）" in done.stderr
    assert not (tmp_path / "dest" / "current").exists()


def test_destination_must_not_overlap_the_site(project: Path, sites: Sites) -> None:
    done = _publish(project, sites.combined / "out", "--site", str(sites.combined))
    assert done.returncode == 1
    assert "不能与" in done.stderr and "重叠" in done.stderr
    assert not (sites.combined / "out").exists()


@pytest.mark.parametrize(
    ("setting", "value", "expected"),
    [
        ("restricted_prefix", "../etc", "应为一级路径名"),
        ("listen", "80; include /etc/passwd", "应为 nginx 的 listen 参数"),
        ("htpasswd", "relative/users", "应为绝对路径"),
        ("server_name", "a;b", "应为以空格分隔的主机名"),
        ("keep", 0, "数值过小"),
        ("compression", "fastest", "取值应为以下之一"),
    ],
)
def test_bad_settings_name_the_line(
    project: Path, sites: Sites, tmp_path: Path, setting: str, value: object, expected: str
) -> None:
    set_publish(project, **{setting: value})
    line = next(
        n
        for n, text in enumerate((project / "mkdocs.yml").read_text("utf-8").splitlines(), 1)
        if text.strip().startswith(f"{setting}:")
    )
    done = _publish(project, tmp_path / "dest", "--site", str(sites.combined))
    assert done.returncode == 1
    assert f"mkdocs.yml:{line}:" in done.stderr
    assert f"[extra.zongjie.publish.{setting}]" in done.stderr
    assert expected in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "dest" / "current").exists()


def test_tls_needs_both_files_and_ssl(project: Path, sites: Sites, tmp_path: Path) -> None:
    set_publish(project, tls_certificate="/etc/ssl/zongjie.pem")
    done = _publish(project, tmp_path / "dest", "--site", str(sites.combined))
    assert done.returncode == 1 and "须同时设置" in done.stderr
    set_publish(project, tls_certificate_key="/etc/ssl/zongjie.key")
    done = _publish(project, tmp_path / "dest", "--site", str(sites.combined))
    assert done.returncode == 1 and "listen 须含 ssl" in done.stderr


def test_inline_handlers_are_reported(project: Path, sites: Sites, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(sites.combined, site)
    page = site / "campaigns/dangshi-2021/u0000/index.html"
    page.write_text(
        page.read_text("utf-8").replace("<article", '<article onclick="go()"', 1), "utf-8"
    )
    done = _ok(_publish(project, tmp_path / "dest", "--site", str(site)))
    assert done  # published: the handler only does not run
    # the warning names the page and the attribute
    log = _publish(project, tmp_path / "dest2", "--site", str(site))
    assert "campaigns/dangshi-2021/u0000/index.html:" in log.stderr
    assert "事件属性 onclick" in log.stderr


def test_release_is_readable_by_the_web_server_group_only(
    project: Path, sites: Sites, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(sites.combined, site)
    for path in site.rglob("*"):  # as built by an account with umask 077
        path.chmod(0o700 if path.is_dir() else 0o600)
    dest = tmp_path / "dest"
    old_umask = os.umask(0o077)
    try:
        done = _publish(project, dest, "--site", str(site))  # the publisher's umask is 077 too
    finally:
        os.umask(old_umask)
    _ok(done)
    release = (dest / "current").resolve()
    paths = [*release.rglob("*"), *(dest / "errors").rglob("*")]
    assert {p.stat().st_mode & 0o777 for p in paths if p.is_file()} == {0o640}
    folders = [p for p in paths if p.is_dir()] + [release, dest / "errors", dest / "releases"]
    assert {p.stat().st_mode & 0o777 for p in folders} == {0o750}
    www = grp.getgrnam("www-data").gr_gid  # publish.group's default: Debian's nginx workers
    assert {p.stat().st_gid for p in [*paths, *folders]} == {www}


def test_current_must_be_a_link(project: Path, sites: Sites, tmp_path: Path) -> None:
    """A site copied by hand to DEST/current is never replaced or deleted by publish."""
    dest = tmp_path / "dest"
    (dest / "current").mkdir(parents=True)
    (dest / "current" / "index.html").write_text("手工复制的站点", encoding="utf-8")
    done = _publish(project, dest, "--site", str(sites.combined))
    assert done.returncode == 1
    assert "current 不是符号链接" in done.stderr and "请移走这个文件夹" in done.stderr
    assert (dest / "current" / "index.html").read_text("utf-8") == "手工复制的站点"
