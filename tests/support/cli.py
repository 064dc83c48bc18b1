"""``python -m zongjie ARGS`` in a folder, as a user would run it: exit status, stdout, stderr.

A new interpreter spends a second or two importing MkDocs, Material and the engine and loading
jieba's dictionary before it does anything, and some tests run hundreds of commands. So by
default a command runs in a child forked from a server that has done that once
(``fork_server.py``): its own process, with the command's folder, environment and argv, and
output captured as a subprocess's is. ``ZONGJIE_TEST_SUBPROCESS=1``, or ``real=True`` for one
call, runs a new ``python -m zongjie`` instead.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import locale
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO

SUBPROCESS = os.environ.get("ZONGJIE_TEST_SUBPROCESS") == "1"
SERVER = Path(__file__).with_name("fork_server.py")
READY_TIMEOUT = 300.0


def _startup_key(env: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """The variables an interpreter reads as it starts and imports: commands that differ in one
    of them need a server started with it."""
    return tuple(
        sorted(
            (k, v)
            for k, v in env.items()
            if k.startswith(("PYTHON", "LC_")) or k in {"LANG", "LANGUAGE", "NO_MKDOCS_2_WARNING"}
        )
    )


class ServerDied(RuntimeError):
    pass


class _Server:
    def __init__(self, env: Mapping[str, str]) -> None:
        self.log: BinaryIO = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the server
        self.process = subprocess.Popen(
            [sys.executable, str(SERVER), json.dumps(sorted(env))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            env=dict(env),
        )
        self.lock = threading.Lock()
        self.pending = b""
        self.ready = False

    def _reply(self, timeout: float | None) -> dict[str, int] | None:
        """The server's next message, or None if none came within ``timeout`` seconds."""
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        deadline = None if timeout is None else time.monotonic() + timeout
        while b"\n" not in self.pending:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                self.log.seek(0)
                log = self.log.read().decode("utf-8", errors="replace")
                raise ServerDied(f"zongjie fork server exited:\n{log}")
            self.pending += chunk
        line, _, self.pending = self.pending.partition(b"\n")
        message: dict[str, int] = json.loads(line)
        return message

    def run(
        self, argv: list[str], cwd: Path, env: Mapping[str, str], timeout: float
    ) -> tuple[int, bytes, bytes] | tuple[None, bytes, bytes]:
        """(exit status, stdout, stderr); no status if the command ran out of time."""
        with self.lock:
            if not self.ready:
                if self._reply(READY_TIMEOUT) is None:
                    raise ServerDied("zongjie fork server did not start")
                self.ready = True
            folder = Path(tempfile.mkdtemp(prefix="zongjie-run-"))
            try:
                out, err = folder / "stdout", folder / "stderr"
                request: dict[str, Any] = {
                    "argv": argv,
                    "cwd": str(Path(cwd).resolve()),
                    "env": dict(env),
                    "stdout": str(out),
                    "stderr": str(err),
                }
                assert self.process.stdin is not None
                self.process.stdin.write(json.dumps(request).encode() + b"\n")
                self.process.stdin.flush()
                started = self._reply(None)
                assert started is not None
                done = self._reply(timeout)
                if done is None:
                    # Ended just now, and maybe reaped by the server: its status is read below.
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(started["pid"], signal.SIGKILL)
                    self._reply(None)
                    return None, out.read_bytes(), err.read_bytes()
                return done["returncode"], out.read_bytes(), err.read_bytes()
            finally:
                shutil.rmtree(folder, ignore_errors=True)

    def stop(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


_servers: dict[tuple[tuple[str, str], ...], _Server] = {}
_servers_lock = threading.Lock()


def _server(env: Mapping[str, str]) -> _Server:
    key = _startup_key(env)
    with _servers_lock:
        server = _servers.get(key)
        if server is None or server.process.poll() is not None:
            server = _servers[key] = _Server(env)
        return server


@atexit.register
def _stop_servers() -> None:
    for server in _servers.values():
        server.stop()
    _servers.clear()


def _text(data: bytes) -> str:
    """Decoded as ``subprocess.run(text=True)`` decodes: locale encoding, universal newlines."""
    text = data.decode(locale.getpreferredencoding(False))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def run_zongjie(
    *args: str,
    cwd: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 300,
    real: bool = False,
) -> subprocess.CompletedProcess[str]:
    """``python -m zongjie ARGS`` in ``cwd`` with ``env`` (default: this process's), as
    ``subprocess.run(capture_output=True, text=True, check=False)`` would return it."""
    command = [sys.executable, "-m", "zongjie", *args]
    env = dict(os.environ if env is None else env)
    if real or SUBPROCESS:
        return subprocess.run(
            command,
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    code, out, err = _server(env).run(list(args), cwd, env, timeout)
    if code is None:
        raise subprocess.TimeoutExpired(command, timeout, output=_text(out), stderr=_text(err))
    return subprocess.CompletedProcess(command, code, _text(out), _text(err))
