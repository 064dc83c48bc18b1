"""Helpers of the publish tests: a public and a restricted site, a real nginx, readable texts.

One report of the demo project is 内部 (``visibility: 内部``) and carries a sentence, the
canary, that only signed-in readers may see: the engine builds it into the restricted tree
under ``nb/`` and nowhere else, and the publish tests check that nginx keeps it there.
"""

from __future__ import annotations

import gzip
import html
import http.client
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import brotli
import yaml

from support import cli
from zongjie.demo import write_demo

NGINX = "/usr/sbin/nginx"
HTPASSWD = "/usr/bin/htpasswd"
PREFIX = "nb"
CAMPAIGN = "dangshi-2021"
# Only in the restricted tree; no punctuation, so search normalization leaves it unchanged.
CANARY = "内部核验句玥珏琮璋甲乙丙丁"
CANARY_PAGE = f"campaigns/{CAMPAIGN}/u0001/"
USER, PASSWORD = "reader", "mima-2024"
EPOCH = "1700000000"
SITE_PARTS = ("mkdocs.yml", "docs", "data", "overrides", "hooks")

GUIDE_PAGE = """# 使用说明

本页是写作指南类的普通页面：有表格、代码和提示框。

| 项目 | 说明 |
| --- | --- |
| 数据 | 写在 data/ 下 |

```yaml
units: 2
```

!!! note "提示"
    这是一个提示框。
"""


@dataclass(frozen=True)
class Sites:
    public: Path  # the project (its sources are what publish tests copy)
    combined: Path  # its site: the public tree with the restricted tree under nb/
    pdf_cache: Path


def _edit_config(project: Path, change: dict[str, object]) -> None:
    path = project / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in change.items():
        config[key] = value
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")


def make_public(project: Path, cache: Path) -> Path:
    """Two reports of one campaign with search, PDFs and a guide page."""
    write_demo(project, units=2, campaigns=1, seed=1)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"].append("hooks/zongjie_pdf.py")
    config["markdown_extensions"].append("admonition")
    config["extra"] = {"zongjie": {"pdf": {"cache_dir": str(cache), "jobs": 1}}}
    _edit_config(project, config)
    (project / "docs/guide").mkdir(parents=True)
    (project / "docs/guide/index.md").write_text(GUIDE_PAGE, encoding="utf-8")
    return project


def make_restricted(project: Path) -> None:
    """Make u0001's report 内部 with the canary in its narrative, approved as it now stands."""
    from zongjie.data.report_yaml import set_fields
    from zongjie.rules.approval import digest

    page = project / f"docs/campaigns/{CAMPAIGN}/u0001.md"
    page.write_text(
        page.read_text(encoding="utf-8") + f"\n\n本段仅限内部：{CANARY}\n", encoding="utf-8"
    )
    data = project / f"data/reports/{CAMPAIGN}/u0001.yml"
    text = data.read_text(encoding="utf-8") + "visibility: 内部\n"
    text = set_fields(text, {"reviewed_digest": digest(text, page.read_text(encoding="utf-8"))})
    data.write_text(text, encoding="utf-8")
    _edit_config(project, {"site_url": "http://intranet.invalid/"})


def build(project: Path, site: Path | None = None, strict: bool = False) -> Path:
    from zongjie.site.atomic_build import build_site

    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        return build_site(project / "mkdocs.yml", site_dir=site or project / "site", strict=strict)
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def make_sites(base: Path) -> Sites:
    cache = base / "pdf-cache"
    public = make_public(base / "public", cache)
    make_restricted(public)
    site = build(public, strict=True)
    assert (site / PREFIX / CANARY_PAGE / "index.html").is_file()  # the engine's restricted tree
    return Sites(public, site, cache)


def publisher_project(sites: Sites, target: Path, **publish: object) -> Path:
    """A copy of the public project's sources whose mkdocs.yml carries ``publish`` settings."""
    for part in SITE_PARTS:
        source = sites.public / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / part)
    set_publish(target, **publish)
    return target


def set_publish(project: Path, **publish: object) -> None:
    path = project / "mkdocs.yml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    zongjie = config.setdefault("extra", {}).setdefault("zongjie", {})
    zongjie.setdefault("publish", {}).update(publish)
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")


def zongjie(*args: str, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run the ``zongjie`` command as a user would."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1",
               SOURCE_DATE_EPOCH=EPOCH)  # fmt: skip
    return cli.run_zongjie(*args, cwd=cwd, env=env, timeout=timeout)


def make_htpasswd(path: Path) -> Path:
    """The user file, written by apache2-utils' htpasswd as an administrator would."""
    subprocess.run([HTPASSWD, "-b", "-c", "-B", str(path), USER, PASSWORD], check=True,
                   capture_output=True)  # fmt: skip
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


WRAPPER = """\
daemon off;
master_process on;
worker_processes 1;
# Only here, in the test wrapper: the tests run as root and their files sit in private
# temporary folders that Debian's default worker user (www-data) cannot read.
user root;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
include /etc/nginx/modules-enabled/*.conf;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {work}/client_body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {dest}/nginx.conf;
}}
"""


class Nginx:
    """Debian's nginx in the foreground on a loopback port, serving one publish destination."""

    def __init__(self, work: Path, dest: Path, port: int) -> None:
        self.work, self.dest, self.port = work, dest, port
        self.url = f"http://127.0.0.1:{port}"
        work.mkdir(parents=True, exist_ok=True)
        self.conf = work / "nginx-test.conf"
        self.conf.write_text(WRAPPER.format(work=work, dest=dest), encoding="utf-8")
        self.process: subprocess.Popen[bytes] | None = None

    def command(self, *extra: str) -> list[str]:
        # Debian's own prefix: relative module paths in modules-enabled/ resolve against it.
        return [NGINX, "-c", str(self.conf), "-e", str(self.work / "error.log"), *extra]

    def check(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(self.command("-t"), capture_output=True, text=True, check=False)

    def start(self) -> Nginx:
        checked = self.check()
        assert checked.returncode == 0, checked.stderr
        self.process = subprocess.Popen(self.command(), stderr=subprocess.PIPE)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"nginx exited: {self.process.stderr.read()!r}")  # type: ignore[union-attr]
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise AssertionError("nginx did not start listening")

    @property
    def reload_command(self) -> str:
        """For ``publish.reload_command``: what ``systemctl reload nginx`` does."""
        assert self.process is not None
        return f"kill -HUP {self.process.pid}"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name, "")

    def text(self) -> str:
        """The body as a browser reads it (decoded from its Content-Encoding)."""
        return decode(self.body, self.header("Content-Encoding")).decode("utf-8", "replace")


def fetch(base: str, path: str, headers: dict[str, str] | None = None,
          auth: tuple[str, str] | None = None, method: str = "GET") -> Response:  # fmt: skip
    """One raw request (no redirects followed, no decompression)."""
    import base64

    port = int(base.rsplit(":", 1)[1])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    sent = dict(headers or {})
    if auth:
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
        sent["Authorization"] = f"Basic {token}"
    try:
        conn.request(method, path, headers=sent)
        answer = conn.getresponse()
        return Response(answer.status, answer.headers, answer.read())
    finally:
        conn.close()


def decode(body: bytes, encoding: str) -> bytes:
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "br":
        return bytes(brotli.decompress(body))
    return body


def pdf_text(data: bytes) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data,
                          capture_output=True, check=True)  # fmt: skip
    return done.stdout.decode("utf-8", "replace")


def readable_texts(name: str, data: bytes) -> Iterator[tuple[str, str]]:
    """Every text a reader or a program could get out of a site file: compressed copies
    unpacked, PDFs and archive members extracted, search index files inflated."""
    if name.endswith((".gz", ".br")):
        unpack = gzip.decompress if name.endswith(".gz") else brotli.decompress
        for _, text in readable_texts(name[:-3], bytes(unpack(data))):
            yield name, text
    elif name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from readable_texts(f"{name}!{member}", archive.read(member))
    elif name.endswith(".pdf"):
        yield name, pdf_text(data)
    elif name.endswith(".bin"):
        try:
            unpacked = json.loads(zlib.decompress(data).decode("utf-8"))
            yield name, json.dumps(unpacked, ensure_ascii=False)
        except (zlib.error, ValueError):
            yield name, data.decode("utf-8", "replace")
    elif name.endswith(".json"):
        yield name, json.dumps(json.loads(data.decode("utf-8")), ensure_ascii=False)
    else:
        text = data.decode("utf-8", "replace")
        yield name, html.unescape(text) if name.endswith((".html", ".xml", ".svg")) else text


def files_containing(tree: Path, needle: str, skip: str | None = None) -> list[str]:
    """Paths (with archive members) under ``tree`` whose readable text contains ``needle``."""
    found = []
    for path in sorted(tree.rglob("*")):
        rel = path.relative_to(tree).as_posix()
        if not path.is_file() or (skip and (rel == skip or rel.startswith(skip + "/"))):
            continue
        found += [name for name, text in readable_texts(rel, path.read_bytes()) if needle in text]
    return found
