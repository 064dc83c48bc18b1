"""Fixtures of the security tests: the CLI as a user runs it and the tiny project, shared with
the hardening tests."""

from __future__ import annotations

from hardening.conftest import run_zongjie, tiny, tiny_template

__all__ = ["run_zongjie", "tiny", "tiny_template"]
