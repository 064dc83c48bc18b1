"""Work run beside the build on the machine's other core, in a forked child.

MkDocs renders and writes pages one after another in one process. Work that does not need
that loop runs in a child meanwhile: the downloads of the overview tables, which depend only on
the tables (complete once every page's markers are rendered), and half of the parsing of data
files that no earlier build has kept.

Forking a process that runs other threads (``mkdocs serve`` watches files and serves pages)
can deadlock the child on a lock another thread held, so there the work runs in the process
itself, when it is waited for.
"""

from __future__ import annotations

import os
import threading
import traceback
from collections.abc import Callable
from multiprocessing import get_context
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")


class BackgroundError(RuntimeError):
    """The background work failed; the message carries the child's traceback."""


class Background(Generic[T]):
    """``func()`` started now in a forked child, its result (or its error) taken by :meth:`wait`."""

    def __init__(self, func: Callable[[], T]):
        self.func = func
        self.pipe: Connection | None = None
        self.pid = 0
        if threading.active_count() == 1 and hasattr(os, "fork"):
            receive, send = get_context("fork").Pipe(duplex=False)
            pid = os.fork()
            if pid == 0:  # the child: run, report, and leave without the parent's exit handlers
                receive.close()
                _run_child(func, send)
            send.close()
            self.pipe, self.pid = receive, pid

    @property
    def forked(self) -> bool:
        """Running in a child; otherwise :meth:`wait` runs the work."""
        return self.pipe is not None

    def wait(self) -> T:
        if self.pipe is None:
            return self.func()
        try:
            ok, value = self.pipe.recv()
        except EOFError:
            ok, value = False, "后台进程意外退出，没有返回结果"
        finally:
            self.pipe.close()
            self.pipe = None
            os.waitpid(self.pid, 0)
        if not ok:
            raise BackgroundError(value)
        return value  # type: ignore[no-any-return]

    def cancel(self) -> None:
        """The build failed before it waited: the child's work is not wanted."""
        if self.pipe is None:
            return
        self.pipe.close()
        self.pipe = None
        try:
            os.kill(self.pid, 9)
            os.waitpid(self.pid, 0)
        except OSError:
            pass


def _run_child(func: Callable[[], object], send: Connection) -> None:
    code = 0
    try:
        try:
            send.send((True, func()))
        except BaseException:  # noqa: BLE001 - whatever failed, the parent must hear of it
            send.send((False, traceback.format_exc()))
            code = 1
        send.close()
    finally:
        os._exit(code)
