"""Dates as the products state them: the build's date, and dates written the Chinese way.

A build has one date, whatever product states it (the .xlsx downloads, the archive manifest):
``SOURCE_DATE_EPOCH`` when set (release builds), else the time of the source commit, so that
building the same commit twice gives the same files, else the clock.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from zongjie.git import git

CST = dt.timezone(dt.timedelta(hours=8))
"""China Standard Time: the day a build is dated by."""


def chinese_date(day: dt.date | None) -> str:
    """``2021年12月5日``; empty for no date."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


@dataclass(frozen=True)
class BuildTime:
    time: dt.datetime
    from_clock: bool = False
    """Neither SOURCE_DATE_EPOCH nor a commit gave the time: it says when the build ran."""

    @property
    def date(self) -> dt.date:
        return self.time.astimezone(CST).date()


def build_time(root: Path, in_git: bool = True) -> BuildTime:
    """The build's time for the project in ``root`` (``in_git``: False when it is known to have
    no commit, which saves asking git)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch.isdigit() and in_git:
        epoch = (git(root, "log", "-1", "--format=%ct", timeout=30) or "").strip()
    if epoch.isdigit():
        return BuildTime(dt.datetime.fromtimestamp(int(epoch), dt.UTC))
    return BuildTime(dt.datetime.fromtimestamp(int(dt.datetime.now().timestamp()), dt.UTC), True)
