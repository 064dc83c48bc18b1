"""The one place that asks git about the project (history, approvals, archive provenance).

Outside a git checkout, or without git, every question has no answer (None) and the caller
goes on without it: a site also builds from a plain folder.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def git(root: Path, *args: str, timeout: float = 60) -> str | None:
    """Output of ``git -C root ARGS``, or None when git is missing or the command fails."""
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
