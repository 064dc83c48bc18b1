"""A ``python -m zongjie`` that has already imported MkDocs, Material and the engine.

Started by :mod:`support.cli` as a fresh interpreter with the environment of the commands it
will run, it imports once and then forks one child per command. The child is that command: it
takes the command's working directory, environment, argv and ``sys.path[0]``, writes stdout and
stderr to files and runs ``zongjie/__main__.py`` as ``-m`` would. Nothing a command changes
outlives its child, so each command starts from the same state, as a new process would; it
only skips the imports (and the word lists below).

Protocol on stdin/stdout, one JSON object a line. Request: ``{"argv", "cwd", "env", "stdout",
"stderr"}``; replies: ``{"pid"}`` once the child runs, ``{"returncode"}`` once it has ended.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import json
import os
import runpy
import sys
import threading
import traceback
from typing import Any, NoReturn

# What this interpreter added to the environment it was given (e.g. LC_CTYPE, set by locale
# coercion): a command started with that environment would have it too.
LAUNCHED = set(json.loads(sys.argv[1]))
ADDED = {k: v for k, v in os.environ.items() if k not in LAUNCHED}

PRELOAD = (
    "zongjie.framework",  # first: on properdocs it makes the mkdocs.* imports below resolve
    "zongjie.cli.main",
    *(f"zongjie.cli.{verb}" for verb in ("build", "check", "stats", "approve", "publish", "pdf")),
    "mkdocs.commands.build",
    "mkdocs.config.defaults",
    "mkdocs.structure.files",
    "material",
    "material.plugins.search.plugin",
    "pymdownx",
    "markdown",
    "jieba",
    "jieba.posseg",
    "numpy",
    "openpyxl",
    "lxml.etree",
    "zongjie.rules",
    "zongjie.site.atomic_build",
    "zongjie.site.events",
    "zongjie.search.events",
    "zongjie.excel.export",
    "zongjie.typeset.titles",
    "zongjie.authoring.clauses",
    "weasyprint",
    "zongjie.pdf.render",
)


def preload() -> None:
    for name in PRELOAD:
        # Missing on this install (e.g. mkdocs.* under properdocs before zongjie.framework):
        # a command that needs it imports it itself and fails there, in the test that runs it.
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def warm() -> None:
    """Load the word lists that the engine caches for the life of a process. They come from the
    installed packages only, never from a project, so every command would load the same."""
    from zongjie.authoring import clauses
    from zongjie.typeset import titles

    titles._tokenizer()
    clauses._tagger()
    import jieba

    jieba.dt.check_initialized()


def exit_status(code: object) -> int:
    """The exit status Python gives ``SystemExit(code)``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


def run_command(request: dict[str, Any]) -> NoReturn:
    status = 1
    try:
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update({**ADDED, **request["env"]})
        for fd, path, flags in (
            (0, os.devnull, os.O_RDONLY),
            (1, request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
            (2, request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
        ):
            opened = os.open(path, flags, 0o600)
            os.dup2(opened, fd)
            os.close(opened)
        sys.argv = ["-m", *request["argv"]]
        sys.path[0] = os.getcwd()  # as ``python -m`` sets it
        try:
            runpy.run_module("zongjie", run_name="__main__", alter_sys=True)
            status = 0
        except SystemExit as stop:
            status = exit_status(stop.code)
        except BaseException:  # noqa: BLE001 - reported as the interpreter would
            traceback.print_exc()
            status = 1
        # What the interpreter does on the way out: wait for threads, then run atexit.
        threading._shutdown()  # type: ignore[attr-defined]
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
    finally:
        os._exit(status)


def serve() -> None:
    requests = os.fdopen(os.dup(0), "rb")
    replies = os.fdopen(os.dup(1), "wb", buffering=0)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1):
        os.dup2(null, fd)
    os.close(null)
    preload()
    warm()

    def reply(message: dict[str, int]) -> None:
        replies.write(json.dumps(message).encode() + b"\n")

    reply({"ready": 1})
    for line in requests:
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            requests.close()
            replies.close()
            run_command(request)
        reply({"pid": pid})
        _, status = os.waitpid(pid, 0)
        reply({"returncode": os.waitstatus_to_exitcode(status)})


if __name__ == "__main__":
    serve()
