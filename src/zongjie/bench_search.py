"""Entry point for ``make bench``: the search benchmark lives in :mod:`zongjie.search.bench`."""

from __future__ import annotations

from .search.bench import run_search_bench

__all__ = ["run_search_bench"]
