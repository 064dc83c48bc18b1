"""HTTPS: with a certificate in the settings the server block listens with TLS and sends HSTS."""

from __future__ import annotations

import http.client
import shutil
import ssl
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from .publish_support import Nginx, Sites, free_port, publisher_project, zongjie


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
