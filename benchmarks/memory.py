"""Memory of a process and all its children, sampled from /proc while it runs.

A build forks its PDF workers, so the RSS of each process counts the pages it shares with the
parent as its own: adding them up would count those pages several times. PSS divides every
shared page among the processes that map it, so the sum of PSS over the tree is the memory the
build really occupies. Both are recorded: the largest single RSS and the summed PSS.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    time: float  # time.time()
    pss_mb: float  # summed over the tree
    rss_mb: float  # of the largest process
    processes: int


@dataclass
class TreeSampler:
    """Samples ``pid``'s process tree every ``interval`` seconds until :meth:`stop`."""

    pid: int
    interval: float = 0.2
    samples: list[Sample] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def start(self) -> TreeSampler:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def peak(self, start: float = 0.0, end: float = float("inf")) -> tuple[float, float]:
        """(summed PSS, largest RSS) at their highest between ``start`` and ``end``, in MB."""
        window = [s for s in self.samples if start <= s.time <= end] or self.samples
        if not window:
            return 0.0, 0.0
        return max(s.pss_mb for s in window), max(s.rss_mb for s in window)

    def _loop(self) -> None:
        while not self._stop.is_set():
            pids = [self.pid, *_descendants(self.pid)]
            sizes = [m for m in map(_memory_kb, pids) if m is not None]
            if sizes:
                self.samples.append(
                    Sample(
                        time.time(),
                        sum(pss for pss, _ in sizes) / 1024,
                        max(rss for _, rss in sizes) / 1024,
                        len(sizes),
                    )
                )
            self._stop.wait(self.interval)


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    stack = [pid]
    while stack:
        parent = stack.pop()
        for children in Path(f"/proc/{parent}/task").glob("*/children"):
            try:
                kids = [int(c) for c in children.read_text().split()]
            except (OSError, ValueError):
                continue
            found += kids
            stack += kids
    return found


def _memory_kb(pid: int) -> tuple[int, int] | None:
    """(PSS, RSS) in kB of one process, or None if it has gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    values = {}
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in ("Pss", "Rss"):
            values[name] = int(rest.split()[0])
    return values.get("Pss", 0), values.get("Rss", 0)
