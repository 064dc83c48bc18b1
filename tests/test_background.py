"""Work run beside MkDocs' page loop (``zongjie.background``).

Whether the work forks depends on the threads of the whole process, and a test worker may still
hold threads that earlier tests left (a pool's manager, a browser driver). So the forking cases
run in an interpreter of their own, where the only thread is the main one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading

from zongjie.background import Background


def _whose() -> int:
    return os.getpid()


def _in_fresh_interpreter(body: str) -> str:
    script = textwrap.dedent(
        """
        import os, threading
        from zongjie.background import Background, BackgroundError
        assert threading.active_count() == 1
        """
    ) + textwrap.dedent(body)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_work_runs_in_another_process_and_its_result_comes_back() -> None:
    out = _in_fresh_interpreter(
        """
        work = Background(os.getpid)
        assert work.forked
        print(work.wait(), os.getpid())
        """
    )
    child, parent = out.split()
    assert child != parent


def test_a_failure_in_the_child_is_raised_with_its_traceback() -> None:
    out = _in_fresh_interpreter(
        """
        def fails():
            raise ValueError("表格写坏了")
        work = Background(fails)
        assert work.forked
        try:
            work.wait()
        except BackgroundError as error:
            print(error)
        """
    )
    assert "Traceback" in out and "ValueError: 表格写坏了" in out


def test_cancelled_work_leaves_no_process_behind() -> None:
    out = _in_fresh_interpreter(
        """
        never = threading.Event()  # never set: a child that waits forever
        work = Background(lambda: never.wait(60))
        pid = work.pid
        work.cancel()
        try:
            os.kill(pid, 0)
            print(pid, "alive")
        except ProcessLookupError:
            print(pid, "gone")
        """
    )
    pid, state = out.split()
    assert int(pid) > 0 and state == "gone"


def test_with_other_threads_running_it_runs_in_this_process() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        work = Background(_whose)
        assert not work.forked
        assert work.wait() == os.getpid()
    finally:
        stop.set()
        other.join()
