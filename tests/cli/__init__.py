"""Tests of the editors' workflow: zongjie new/check/import/stats, lint, preview, history."""
