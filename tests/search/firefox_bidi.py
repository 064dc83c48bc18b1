"""A minimal WebDriver BiDi client for Debian's Firefox ESR (no geckodriver needed).

Firefox ESR speaks WebDriver BiDi itself when started with ``--remote-debugging-port``, so
the search can be checked in the second browser the issue names without downloading a
driver. Only the few commands the tests need are wrapped.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from websockets.sync.client import connect

FIREFOX = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"
# Keep a test browser off the network: no updates, telemetry or remote settings.
PREFS = {
    "app.update.disabledForTesting": True,
    "browser.shell.checkDefaultBrowser": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "services.settings.server": "http://127.0.0.1:9/",
    "network.connectivity-service.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "network.captive-portal-service.enabled": False,
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Firefox:
    def __init__(self) -> None:
        self.profile = Path(tempfile.mkdtemp(prefix="zj-firefox-"))
        (self.profile / "user.js").write_text(
            "".join(f'user_pref("{k}", {json.dumps(v)});\n' for k, v in PREFS.items())
        )
        port = _free_port()
        self.process = subprocess.Popen(
            [
                FIREFOX,
                "--headless",
                "--no-remote",
                "--profile",
                str(self.profile),
                "--remote-debugging-port",
                str(port),
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.ws = self._connect(f"ws://127.0.0.1:{port}/session")
        self.next_id = 0
        self.version = self.send("session.new", {"capabilities": {}})["capabilities"][
            "browserVersion"
        ]
        self.context = self.send("browsingContext.getTree", {})["contexts"][0]["context"]

    def _connect(self, url: str) -> Any:
        deadline = time.monotonic() + 30
        while True:
            try:
                return connect(url, open_timeout=5, max_size=None).__enter__()
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.2)

    def send(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv(timeout=30))
            if message.get("id") == self.next_id:
                if message.get("type") == "error":
                    raise RuntimeError(
                        f"{method}: {message.get('error')}: {message.get('message')}"
                    )
                return message["result"]

    def goto(self, url: str) -> None:
        self.send(
            "browsingContext.navigate", {"context": self.context, "url": url, "wait": "complete"}
        )

    def evaluate(self, expression: str) -> Any:
        result = self.send(
            "script.evaluate",
            {
                "expression": expression,
                "target": {"context": self.context},
                "awaitPromise": True,
                "serializationOptions": {"maxObjectDepth": 4},
            },
        )
        if result.get("type") == "exception":
            raise RuntimeError(result["exceptionDetails"]["text"])
        return _plain(result["result"])

    def type_text(self, text: str) -> None:
        """Real key presses, one grapheme at a time, as a reader's keyboard sends them."""
        actions = []
        for char in text:
            actions += [{"type": "keyDown", "value": char}, {"type": "keyUp", "value": char}]
        self.send(
            "input.performActions",
            {
                "context": self.context,
                "actions": [{"type": "key", "id": "keyboard", "actions": actions}],
            },
        )

    def close(self) -> None:
        with contextlib.suppress(Exception):  # the browser may already be gone
            self.send("session.end", {})
        self.ws.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def _plain(value: dict[str, Any]) -> Any:
    """BiDi's serialized remote value as plain Python."""
    kind = value.get("type")
    if kind == "array":
        return [_plain(v) for v in value.get("value", [])]
    if kind == "object":
        return {
            k if isinstance(k, str) else _plain(k): _plain(v) for k, v in value.get("value", [])
        }
    if kind in ("null", "undefined"):
        return None
    return value.get("value")
