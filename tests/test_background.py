"""Work run beside MkDocs' page loop (``zongjie.background``)."""

from __future__ import annotations

import os
import threading

import pytest

from zongjie.background import Background, BackgroundError


def _whose() -> int:
    return os.getpid()


def _fails() -> int:
    raise ValueError("表格写坏了")


def test_the_work_runs_in_another_process_and_its_result_comes_back() -> None:
    assert Background(_whose).wait() != os.getpid()


def test_a_failure_in_the_child_is_raised_with_its_traceback() -> None:
    with pytest.raises(BackgroundError, match="ValueError: 表格写坏了"):
        Background(_fails).wait()


def test_with_other_threads_running_it_runs_in_this_process() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert Background(_whose).wait() == os.getpid()
    finally:
        stop.set()
        other.join()


def test_cancelled_work_leaves_no_process_behind() -> None:
    started = threading.Event()  # never set: a child that waits forever
    work = Background(lambda: started.wait(60))
    pid = work.pid
    work.cancel()
    assert pid and not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
