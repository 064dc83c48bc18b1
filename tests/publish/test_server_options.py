"""Server options of the block publish writes: HTTPS with a certificate, and an
authentication service (auth_request, e.g. checking LDAP) instead of the user file."""

from __future__ import annotations

import base64
import http.client
import shutil
import ssl
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

import pytest

from support import QuietHandler, serve

from .publish_support import (
    CANARY_PAGE,
    PASSWORD,
    PREFIX,
    USER,
    Nginx,
    Sites,
    fetch,
    free_port,
    publisher_project,
    zongjie,
)


def test_https_with_the_configured_certificate(
    sites: Sites, htpasswd: Path, tmp_path: Path, nginx_for: Callable[[Path, int], Nginx]
) -> None:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "site.pem", tmp_path / "site.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    port = free_port()
    project = publisher_project(
        sites, tmp_path / "project", listen=f"127.0.0.1:{port} ssl", htpasswd=str(htpasswd),
        tls_certificate=str(cert), tls_certificate_key=str(key), brotli=False,
    )  # fmt: skip
    dest = tmp_path / "dest"
    done = zongjie("publish", "--dest", str(dest), "--site", str(sites.combined), cwd=project)
    assert done.returncode == 0, done.stderr
    nginx_for(dest, port)

    context = ssl.create_default_context(cafile=str(cert))
    conn = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
    try:
        conn.request("GET", "/")
        answer = conn.getresponse()
        body = answer.read()
    finally:
        conn.close()
    assert answer.status == 200
    assert body == (sites.combined / "index.html").read_bytes()
    assert answer.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "default-src 'none'" in answer.headers["Content-Security-Policy"]


class _AuthService(QuietHandler):
    """Stands in for an LDAP authentication service: 200 for the right credentials, else 401."""

    seen: ClassVar[list[str]] = []
    smuggled: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen.append(self.headers.get("X-Original-URI", ""))
        self.smuggled += [v for k, v in self.headers.items() if k.lower().startswith("x-ldap")]
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        if self.headers.get("Authorization") == f"Basic {token}":
            self.send_response(200)
        else:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="LDAP"')
        self.send_header("Content-Length", "0")
        self.end_headers()


def test_restricted_tree_through_an_authentication_service(
    sites: Sites, tmp_path: Path, nginx_for: Callable[[Path, int], Nginx]
) -> None:
    port = free_port()
    with serve(tmp_path, _AuthService) as service:
        project = publisher_project(
            sites, tmp_path / "project", listen=f"127.0.0.1:{port}",
            auth_request=f"{service}/auth", brotli=False,
        )  # fmt: skip
        dest = tmp_path / "dest"
        done = zongjie("publish", "--dest", str(dest), "--site", str(sites.combined), cwd=project)
        assert done.returncode == 0, done.stderr
        assert "auth_basic" not in (dest / "nginx.conf").read_text("utf-8")
        server = nginx_for(dest, port)
        page = f"/{PREFIX}/{CANARY_PAGE}"
        anonymous = fetch(server.url, page)
        assert anonymous.status == 401
        assert anonymous.header("WWW-Authenticate") == 'Basic realm="LDAP"'
        assert "需要登录" in anonymous.text()
        assert fetch(server.url, page, auth=(USER, "wrong")).status == 401
        assert fetch(server.url, page, auth=(USER, PASSWORD)).status == 200
        # a reader cannot point the service at another LDAP server through request headers
        sneaky = {"X-Ldap-URL": "ldap://attacker.invalid", "X-Ldap-Template": "(uid=*)"}
        assert fetch(server.url, page, sneaky).status == 401
        assert _AuthService.smuggled == []
        assert fetch(server.url, "/").status == 200  # public pages never ask the service
        # the service learns the page nginx serves: the directory, then its index file
        assert set(_AuthService.seen) == {page, page + "index.html"}
        assert fetch(server.url, "/zongjie-auth").status == 404  # internal only
